"""Authoring script for notebooks/05-epilogue.ipynb (run once; then edit the notebook)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbcells import SETUP, code, md, quiz, solution, write  # noqa: E402

cells = [
    md("""
# 05 — Epilogue: after the credits (2025)
### *Après le générique* — Renault, December 2024 to March 2026

The docuseries *Anatomie d'un come-back* came out on Prime Video on 13 December 2024 and ended
on a reveal: the Renault 5 Turbo 3E would be built. The trade article this course started from
closed on a question — would the series, with its big-budget marketing, be enough
*« à redresser la barre »* ("to turn things around", *La Réclame*)? This short class looks at
what happened **after the credits**, and asks the question every story raises: **where did it
choose to stop, and does it still hold when you know what came next?**

**Learning objectives.** By the end of this class you can:

| # | objective | Bloom level |
|---|---|---|
| 1 | put the events of 2025 in order and say who ran Renault at each point | Remember |
| 2 | explain how a change of accounting method produced a loss of billions that was not cash | Understand |
| 3 | compute from the data how the 2025 loss splits between Nissan and the rest of the group | Apply |
| 4 | compare the promises made before and after the docuseries with what was delivered | Analyze |
| 5 | judge whether the docuseries "ages well", using the whole course | Evaluate |
| 6 | outline a fifth episode that tells 2025 with sourced facts | Create |

*About 45 minutes: warm-up, timeline, promises, the Nissan loss (with an exercise), the course
in one table, quiz, discussion. Notebooks and prose: CC BY 4.0. Code: MIT.*
"""),
    md("**Run the next cell to set up the notebook, but please don't change it.**"),
    code(SETUP),
    md("""
## Warm-up (from 00, 01 and 02)

Answer on paper before you scroll — the quiz at the end comes back to each:
**(a)** In *01 — crisis*, roughly what share of Renault's 2020 loss was Nissan's contribution?
**(b)** In *02 — strategy*, what margin did the Capital Markets Day of November 2022 promise for
2025, and was it delivered? **(c)** Since *00 — start here* you have met several ways in which
one "result" can have two numbers. How many can you name?
"""),
    md("""
## 1. After the credits: what happened

**Before you run the next cell:** the series came out in December 2024 with Luca de Meo as its
central figure. How long do you think he stayed at Renault after that? And which do you expect to
dominate 2025: new cars, new people, or new numbers?
"""),
    code("""
after_chart = plots.epilogue_timeline()
after_chart
"""),
    md("""
**Takeaway.** Three threads run through the months after the release:
- **the cars** kept the story's promises: awards, the entry-level R5 *Five* at the price announced
  at Geneva, a production milestone for the R5 at Douai;
- **the people** changed: de Meo's departure (announced in June, effective in July, for Kering),
  an interim chief executive, a new one, and the Renault brand's design director leaving for
  Stellantis;
- **the numbers** turned: a loss flagged on Nissan, a profit warning on de Meo's last day, the
  share price falling, a loss of billions for the half-year, then the full-year results.

And the series itself had an afterlife: in 2025 *L'Informé* reported that Renault had paid for
it (section 4). Who ran Renault, from the plan to the epilogue?
"""),
    code("""
people = casestudy.load("people")
ceo_roles = ["Chief executive officer", "Interim chief executive officer"]
ceos = people[(people["organisation"] == "Renault") & people["role"].isin(ceo_roles)]
recent = ceos[ceos["start"] >= "2020-01-01"].sort_values("start")
recent[["name", "role", "start", "end", "note", "source_id"]]
"""),
    code("""
events = casestudy.load("events").set_index("id")
released, left = events.loc["ev-068", "date"], events.loc["ev-080", "date"]
print(f"The series was released on {released:%d %B %Y}; de Meo left on {left:%d %B %Y}, "
      f"{(left - released).days} days later.")
"""),
    md("""
**Takeaway.** The hero of the story left a few months after it was broadcast — the cell above
gives the exact count. The chairman who had recruited him, Jean-Dominique Senard, chose the next
chief executive from inside: François Provost, head of procurement, partnerships and public
affairs. Senard's line on the appointment: *"At Renault Group, there is no place for the status
quo."*
"""),
    md("""
## 2. The story told and the story after: what was promised

A company tells its story in numbers too: each year it *guides* investors on the margin it
expects (its *guidance*, *objectif annuel*), and it revises the guidance when the year turns out
better or worse. `casestudy.analysis.margin_promises()` lists every operating-margin promise —
the annual guidance, and the Capital Markets Day target of November 2022 — in the order it was
made, with the margin delivered.

**Before you run the next cell:** the series ends in December 2024, after the best results in
the company's history. What do you expect the next promises looked like: raised, kept or cut?
"""),
    code("""
story_chart = plots.story_and_after()
story_chart
"""),
    code("""
promises = casestudy.analysis.margin_promises()
promises[["id", "plan", "announced", "deadline_year", "comparator", "target", "actual",
          "gap_pts", "status", "revision", "after_series"]]
"""),
    code("""
promises.groupby(["after_series", "revision"]).size().unstack(fill_value=0)
"""),
    md("""
**Takeaway.** Before the release (`after_series` False), every revision of a year's promise was
*upwards*, and every promise due by 2024 was kept — the story the series tells. After the
release, the promises for 2025 came *down* twice, and the first promise for 2026 is lower than
what 2025 delivered. The series stopped near the top of the curve: the best half-year
margin in the data, in the first half of 2024, came months before its release.

**Met or missed?** The profit warning of 15 July 2025 (row `tg-47`) promised an *about* figure.
The library counts an "about" promise as met from a stated fraction of its value upwards
(`ABOUT_TOLERANCE`), a rule fixed in advance so that nobody has to guess it:
"""),
    code("""
warning = promises.set_index("id").loc["tg-47"]
tolerance = casestudy.analysis.ABOUT_TOLERANCE
print(f"Promised: about {warning['target']} %, delivered {warning['actual']} %; "
      f"'about' counts as met from {warning['target'] * (1 - tolerance):.3f} % -> {warning['status']}")
"""),
    md("""
Met, by that rule — but the promise itself was a cut of a cut, made after most of the year was
known. A rule makes the verdict consistent; it does not make the promise ambitious.

**The plan's last year.** 2025 was the deadline of *Renaulution* and of the Capital Markets Day
(see *02 — strategy*). Every 2025 target that can be checked:
"""),
    code("""
pvd = casestudy.promise_vs_delivery()
due_2025 = pvd[(pvd["deadline_year"] == 2025) & (pvd["status"] != "not measurable")]
due_2025[["id", "plan", "description_en", "target", "actual", "unit", "status"]]
"""),
    md("""
**Takeaway.** The original plan's promises (January 2021) were met early; the raised ones
(November 2022) were missed, and so was the guidance given in February 2025, two months after the
series. Whether *Renaulution* "worked" depends on which promise you hold it to — a point you met
in *02*, now with the final year in.
"""),
    md("""
## 3. The loss of 2025: Nissan again

Until 30 June 2025 Renault accounted for its stake in Nissan by the **equity method**
(*mise en équivalence*): each period, its share of Nissan's profit or loss entered Renault's net
income as one line — you met it in *01* as Nissan's contribution. On 1 July 2025 Renault
announced that it would instead carry the stake as a financial asset at its market value
(**fair value**, *juste valeur*), with later changes going to equity rather than to net income.
Moving the stake from its value in the books to its market value meant booking a loss of
billions — on paper: no cash left the company.

**Before you run the next cell:** the loss was estimated on 1 July and booked on 31 July. Do you
expect the two figures to agree?
"""),
    code("""
impacts = casestudy.load("nissan_impacts")
impacts[["id", "year", "period", "item", "value", "basis", "rounded", "source_id",
         "confidence", "note"]]
"""),
    md("""
**Takeaway.** The estimate and the booked loss differ; the table keeps both rows (`basis`) and
says which figures are rounded to a tenth of a billion (`rounded`). For 2024 a rounded company
figure and an exact figure from a secondary source are both kept: a subtraction needs the exact
one, a headline uses the rounded one.

**Which net income?** In *00* and *01* you met the difference between net income in total and the
group share (*part du groupe*, what belongs to Renault's shareholders). Look at the notes:
"""),
    code("""
fin = casestudy.load("financials")
net_rows = fin[(fin["year"] >= 2024) & (fin["period"] == "FY")
               & fin["metric"].isin(["net_income", "net_income_group_share"])]
net_rows[["year", "metric", "value", "source_id", "confidence", "note"]]
"""),
    md("""
**Takeaway.** For 2025 the case data has a group-share figure (high confidence) and a rounded
"net income" from a secondary source that may well be the same number under another label — the
note says so, and a separate 2025 total is not in our sources. A press report that compares the
2025 group-share loss with the 2024 *total* mixes two bases: check the labels before you compare.

### Now you try (10 minutes): how much of the 2025 loss was Nissan?

1. How much of the full-year 2025 net loss (group share) came from Nissan, in EUR million and as
   a percentage of the loss? Why can that percentage be above 100 %?
2. Add up the Nissan items the company reported for 2025 (`item` starting with `nissan`). How far
   are they from your answer, and why?
3. Derive the **second half** of 2025 (full year minus first half) for the net income and for the
   net income excluding Nissan. What did Nissan do to the second half, and why?
"""),
    code("""
net = casestudy.financial_series("net_income_group_share")                  # full years
net_h1 = casestudy.financial_series("net_income_group_share", period="H1")  # first halves
excluding = impacts[impacts["item"] == "excluding_nissan"].set_index(["year", "period"])["value"]
# Nissan's part = net income - net income excluding Nissan, e.g. net[2025] - excluding[(2025, "FY")]

# your code here
"""),
    solution("""
nissan_fy = net[2025] - excluding[(2025, "FY")]
print(f"FY 2025: net income {net[2025]:,.0f}, excluding Nissan {excluding[(2025, 'FY')]:,.0f}, "
      f"so Nissan {nissan_fy:,.0f} EUR m = {nissan_fy / net[2025]:.0%} of the loss")
items = impacts[(impacts["year"] == 2025) & (impacts["period"] == "FY")
                & impacts["item"].str.startswith("nissan")]
print(f"Reported Nissan items (rounded): {items['value'].sum():,.0f}; "
      f"gap {nissan_fy - items['value'].sum():,.0f} EUR m")
nissan_h1 = net_h1[2025] - excluding[(2025, "H1")]
print(f"H2 2025 (derived): net income {net[2025] - net_h1[2025]:,.0f}, "
      f"Nissan {nissan_fy - nissan_h1:,.0f} EUR m")
casestudy.analysis.nissan_effects()
"""),
    md("""
**What to take away.** Nissan accounted for *more* than the whole loss: without it, the rest of
the group made a profit, which is why the share exceeds 100 % — and why `nissan_effects()` leaves
`nissan_share_pct` empty when the two parts pull opposite ways, as `nissan_split()` did in *01*.
The reported items are rounded to a tenth of a billion, so they miss the exact difference by a
few tens of millions. In the second half Nissan almost vanishes: after the switch to fair value,
changes in the stake's value go to equity, not to net income.

**Before you look at the next chart:** set the 2025 loss beside the 2020 loss of *01*. Which year
do you expect to be worse for Renault's own business?
"""),
    code("""
nissan_chart = plots.nissan_then_and_now()
nissan_chart
"""),
    code("""
casestudy.financial_series("automotive_fcf")[[2020, 2024, 2025]]
"""),
    md("""
**Takeaway.** Two large losses, one partner. In 2020 Renault's own business lost money *and*
burned cash (the negative free cash flow above); in 2025 it made a profit and generated cash,
while Nissan produced a loss bigger than in 2020 — mostly an accounting entry. A headline that
gives the loss alone is true of the number and silent on what it is made of: the same lesson as
the half-year headline figure of *01*, five years later.
"""),
    md("""
## 4. Who paid for the story?

The series had its own afterlife. Three rows of the events table tell it:
"""),
    code("""
events.loc[["ev-068", "ev-070", "ev-086"], ["date", "date_precision", "title_en", "confidence",
                                             "note", "source_id"]]
"""),
    md("""
**Takeaway.** The claim that Renault paid for the series, at de Meo's own request (the amount is
in the note above), comes from one investigative outlet, *L'Informé*, months after the release
and after de Meo had left; Renault declined to comment. The producers tell another origin story —
an idea of their own. The case keeps both and labels the claim `medium`: *04 — storytelling*
works through it. Note *when* it surfaced: facts about a story often arrive after its hero has
gone.

Other voices after the credits, each with its own position:
- de Meo's farewell thanked the *« Renaulutionnaires »* — the plan's name turned into a team
  (`challenge-ma-de-meo`);
- Provost, presenting the half-year loss, said the results *"were not aligned with our initial
  ambitions"* (`h12025r`);
- Pierre Chauty, a former head of legal affairs at Renault Sport, on de Meo's exit: *« Ce n'est pas du
  leadership. C'est de l'image de marque personnelle »* — "this is not leadership, it is personal
  branding" (`nextgen-auto-chauty`). Who says it, and with what interest, is part of the reading.
"""),
    md("""
## 5. The course in one table

`casestudy.analysis.course_arc()` puts the whole case on one page: who ran Renault each year,
the margin and the net income as published, and one headline event per year. The headline
events and the chapters are the course's choice (`classification_basis`), not facts.
"""),
    code("""
arc = casestudy.analysis.course_arc()
arc[["year", "chief_executives", "ceo_count", "operating_margin_pct", "net_income_group_share",
     "headline_event", "chapter"]]
"""),
    md("""
**Three lessons that ran through every notebook:**
1. **A number has a basis.** Half-year or full year, total or group share, as published or
   restated, rounded or exact, estimated or booked: every headline figure in this case changed
   with one of these.
2. **A promise is chosen by the one who makes it.** Targets met early are the usual ending of a
   turnaround plan (*02*); what tells you more is how the promises were revised, and what was
   never measured.
3. **A story chooses where to stop.** Look at the `ceo_count` column: the first crisis year and
   the last year of the case have the same count. A story that ends in 2024 is a comeback; the
   same years told to 2025 are a cycle.

The new chief executive said it himself, presenting his own plan in March 2026:
"""),
    code("""
futuready = events.loc["ev-091"]
print(f"{futuready['date']:%d %B %Y}: {futuready['title_en']} [{futuready['source_id']}]")
print(futuready["note"])
"""),
    md("""
## 6. Check yourself

Questions on this notebook, and several that come back to *00*, *01* and *02*. Your answers are
saved as you go.
"""),
    quiz("05-epilogue"),
    md("""
## 7. Discussion: decisions to defend

Prepare one of these for class. There is no single right answer; every argument must use the
data above.

1. **Does the docuseries age well?** You are the producers, commissioned in 2026 to add a fifth
   episode. Write its outline: a French title with an English gloss, five scenes, each tied to an
   event id and a number from this notebook. Then decide: is it an epilogue to a comeback, or the
   first episode of a new story?
2. **Head of communication, September 2025.** *L'Informé* asks whether Renault paid for the
   series. Confirm, decline to comment (as Renault did), or publish the figures? Draft the answer
   and defend it before the new chief executive, who was not in charge when the series was made.
3. **François Provost, 31 July 2025.** On your first day in office (you were appointed the
   evening before) you present a half-year loss of billions. How do you speak about your predecessor's story? Use the crisis-response
   postures of *01* (deny, diminish, rebuild, bolster) and say which you would pick.
4. **Board member, 15 July 2025.** It is the chief executive's last day; the profit warning goes
   out that evening. Was publishing them on the same day a communication failure or good
   practice? What would you have changed?
5. **Kotter's step 8.** In *02* no event illustrated "anchor new approaches in the culture", the
   step that tests whether a change outlives its leader. With the course table above, argue
   whether *Renaulution* outlived de Meo.
"""),
    md("""
## 8. Sources for this notebook

Every event, figure, promise and quotation used above, with its full reference:
"""),
    code("""
casestudy.notebook.sources(
    after_chart.source_ids + story_chart.source_ids + nissan_chart.source_ids
    + list(recent["source_id"]) + list(promises["source_id"]) + list(due_2025["source_id"])
    + list(impacts["source_id"]) + list(net_rows["source_id"]) + arc.attrs["source_ids"]
    + ["seed-article", "wardsauto-provost", "challenge-ma-de-meo", "h12025r",
       "nextgen-auto-chauty", "linforme-2025", "mahalsa-lemonde-2025", "europe1-chain",
       "boursorama-futuready-2026"]
)
"""),
    md("""
**The end of the course.** Go back to the seed article's last question and answer it in two
sentences, with two numbers from the tables and their source ids.
"""),
]

write(
    str(Path(__file__).parents[2] / "notebooks" / "05-epilogue.ipynb"),
    cells,
    "05 — Epilogue: after the credits (2025)",
)
print("written")
