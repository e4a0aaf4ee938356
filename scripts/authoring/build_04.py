"""Authoring script for notebooks/04-storytelling.ipynb (run once; then edit the notebook)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbcells import SETUP, code, md, quiz, solution, write  # noqa: E402

cells = [
    md("""
# 04 — Storytelling: the hero, the producer, the payer
### *Anatomie d'un come-back : le héros, le producteur, le payeur*

In December 2024, Prime Video released *Anatomie d'un come-back* (*Anatomy of a Comeback*), a
four-part documentary series about Renault's recovery under Luca de Meo. *Le Monde* found it
*"hagiographic"*; months later, an investigative site reported that Renault itself had paid for
it, while the producers told another story of how it began. This class reads the series as a
media object: **what story does it tell, who made it, who paid for it, who appears in it, and
what do its claims — and the claims made about it — say when checked against the data?**

**Learning objectives.** By the end of this class you can:

| # | objective | Bloom level |
|---|---|---|
| 1 | name who produced, distributed and reportedly paid for the series, and what is known of its episodes | Remember |
| 2 | explain the hero's journey, Freytag's pyramid, the myth of the providential man and the critique of corporate storytelling | Understand |
| 3 | check a claim against the data: a figure, a date, a record | Apply |
| 4 | analyse how a story frames a company: where it starts and stops, which measure it shows, whose voices it carries | Analyze |
| 5 | judge a company's decision to fund a documentary about itself, and whether to disclose it | Evaluate |
| 6 | write a funding notice or a neutral synopsis | Create |

*About 90 minutes: warm-up, the series and its sources, the hero and the arc (exercise), who
made and paid for it (exercise), fact-checking the coverage (exercise), quiz, discussion.
Notebooks and prose: CC BY 4.0. Code: MIT.*
"""),
    md("**Run the next cell to set up the notebook, but please don't change it.**"),
    code(SETUP),
    md("""
## Warm-up (from 01 and 02)

Answer on paper before you scroll — the quiz at the end comes back to each:
**(a)** In *01 — crisis* you traced the "7.3 billion loss in 2020" to its source. Which period,
which measure? **(b)** In *02 — strategy*, which of Renault's margin targets was missed, and
when was the result known? **(c)** In Coombs' SCCT (01), which posture reminds stakeholders of
the organisation's past good deeds?
"""),
    md("""
## 1. The series and what we know of it

We have not watched the series for this class, and neither need you: what a class can check is
what was **published** about it. Our sources are the synopses released with the episodes (often
through Italian press), reviews, interviews with the producers and one investigation.

**Before you run the next cell:** what would you expect the four episodes of a company's
comeback story to cover — and what would you expect to find missing?
"""),
    code("""
episodes = casestudy.load("episodes")
for ep in episodes.itertuples():
    title = ep.title_fr if isinstance(ep.title_fr, str) else f"(French title not found; Italy: {ep.title_it})"
    print(f"Episode {ep.episode}: {title} — {ep.title_en_gloss}   [{ep.confidence}; {ep.source_id}]")
    print(f"   {ep.content_en}\\n")
"""),
    md("""
**Takeaway.** Only the first episode's French title — *Faire la révolution ou mourir*, "make
the revolution or die" — appears in our sources; for the others we have the titles Prime Video
shows in Italy, glossed in English. The table leaves the French titles empty rather than guess
them: *not found* is not the same as *does not exist*. Episode 3 is known only in part (`medium`
confidence). Read the arc of the titles: a threat, storms, a fight, a future.

The series is one item in a longer communication effort. The events table marks it with the
theme `storytelling`:
"""),
    code("""
events = casestudy.load("events")
told = events[events["theme"] == "storytelling"]
told[["id", "date", "title_en", "actors", "confidence", "source_id"]]
"""),
    md("""
Notice `ev-021`: the "day it all started", when de Meo first saw an orange R5 mock-up, is known
from **his own account**, published years later. A founding scene told by the hero himself is
already storytelling.

### 1.1 A primary document: the seed article

This case began with a French trade-press article about the series (`casestudy.cite("seed-article")`).
Read it as a document, not as a source of facts. A few phrases, with our gloss:
- the headline: *« En quête de rédemption avec un nouveau héro »* — "in search of redemption
  with a new hero" (*sic*: *héros*);
- de Meo *« présenté comme l'homme providentiel »* — "presented as the providential man";
- Renault's *« pertes record de 7,3 milliards d'euros en 2020 »* — "record losses of 7.3 billion
  euros in 2020";
- a *« communication immersive pour sublimer sa métamorphose »* — "immersive communication to
  sublimate its transformation".

*Ask yourself:* does the article describe the series' framing, or adopt it? Keep your answer:
section 4 checks its claims one by one.
"""),
    md("""
## 2. The hero and the arc

Four lenses help to read a corporate story:

- **Joseph Campbell's hero's journey** (1949): a hero leaves the ordinary world (*departure*),
  goes through trials to a prize (*initiation*) and comes back changed (*return*). Campbell
  names seventeen stages in three acts; they are printed below.
- **Gustav Freytag's pyramid** (1863): a drama moves through *exposition*, *rising action*,
  *climax*, *falling action* and *dénouement* (in a tragedy, the catastrophe).
- **Raoul Girardet's political myths** (1986): the conspiracy, the **saviour**, the golden age
  and the unity. The saviour — *l'homme providentiel* — comes from outside to rescue a
  community in peril. Girardet gives him several faces; Cincinnatus, the elder recalled to duty,
  is well documented in our sources; Alexander, Solon and Moses come from a summary we could
  only partly check.
- **Christian Salmon's critique** (*Storytelling*, 2007): since the 1990s, management,
  marketing and politics have captured the telling of stories, and a good story now does the
  work that an argument used to do. A review of the book notes that Salmon counts Renault among
  the companies that adopted the method.
"""),
    code("""
for act, stages in casestudy.analysis.HERO_ACTS.items():
    print(f"{act.upper():11} " + " → ".join(stages))
"""),
    md("""
### Now you try (10 minutes): read the story as a journey

Below are the four episodes and seven events of the case. For each, choose an act
(`"departure"`, `"initiation"`, `"return"`) or, if you are bold, one of the stages above. Run
the cell: the authors' reading appears beside yours, only for the items you have tagged.
"""),
    code("""
my_reading = {
    "ep-1": None,     # replace None by an act or a stage, e.g. "departure"
    "ep-2": None,
    "ep-3": None,
    "ep-4": None,
    "ev-021": None,   # the orange R5 mock-up
    "ev-027": None,   # Renaulution presented
    "ev-040": None,   # Russia exit
    "ev-057": None,   # Ampere listing cancelled
    "ev-058": None,   # record operating margin for 2023
    "ev-069": None,   # Turbo 3E production announced in episode 4
    "ev-080": None,   # de Meo leaves
}
casestudy.analysis.compare_hero_stages(my_reading)
"""),
    solution("""
hero = casestudy.analysis.hero_journey()
hero[["item", "date", "label", "act", "stage", "why", "classification_basis"]]
"""),
    md("""
**Takeaway.** Every reading is a `teaching suggestion`. Two things hold whichever way you tag:
the four episodes tell a **departure** and an **initiation** and stop at the prize — **no
episode tells a return**; and the setbacks the series shows (Russia, Formula 1) are trials the
hero overcomes, while one it does not mention in its synopses (the cancelled Ampere listing)
fits the same stage just as well. The hero needs a fallen king before him: Carlos Ghosn, the
celebrated turnaround man of *02*, opens episode 1.

**Before you run the next cell:** the series is called a *comeback*. On which measure do you
expect the comeback to look clearest — the operating margin or the net income? And which years
could the series not show, because their accounts came out after it?
"""),
    code("""
arc_chart = plots.story_arc()
arc_chart
"""),
    code("""
arc = casestudy.analysis.freytag_arc()
arc[["part", "start", "end", "in_series", "why"]]
"""),
    md("""
**Takeaway.** The operating margin draws the arc a drama needs: a deep fall, a steady climb, a
summit. Net income, on the same years, does not: the accounts include Nissan and the Russian
exit, and the best year in the data is not where the story puts its summit. Choosing the measure
is choosing the story. And the series comes out at its own **climax**: the years published after
it — drawn hollow and hatched — belong to a falling action it does not show. *05 — epilogue*
tells that part.
"""),
    md("""
## 3. Who produced, who paid, who appears

The Center for Media Literacy asks five questions of any media message
(`casestudy.cite("cml-five-questions")`):

| core concept | key question |
|---|---|
| all media messages are constructed | *Who created this message?* |
| messages use a creative language with its own rules | *What creative techniques are used to attract my attention?* |
| different people experience the same message differently | *How might different people understand this message differently?* |
| media have embedded values and points of view | *What values, lifestyles and points of view are represented in, or omitted from, this message?* |
| most media are organised to gain profit and/or power | *Why is this message being sent?* |

**Before you run the next cell:** who do you think produced this series, and who paid for it?
"""),
    code("""
roles = casestudy.load("series_roles")
for r in roles.itertuples():
    print(f"{r.id}  {r.who} — {r.role}   [{r.confidence}; {r.source_id}]\\n       {r.detail_en}")
"""),
    md("""
**Takeaway.** Two production companies made it, not one: Breath Film, a label of Elephant, and
Sans Borne, whose president is a motoring journalist. Prime Video carried it. Renault paid for
it — **according to one investigative source**, with `medium` confidence. TF1, a French
broadcaster, reportedly nearly aired it and gave up: French rules against clandestine advertising
(*publicité clandestine*) would have applied, while Amazon's European service answers to a
Bavarian regulator. The media educator Sébastien Rochat called the series *« un très bel objet
médiatique pour comprendre la différence entre pub et info »* — "a fine media object for
understanding the difference between advertising and news".

How did the series begin? There are **three accounts**, and the case keeps all of them:
"""),
    code("""
claims = casestudy.load("claims").set_index("id")
claims.loc[["cl-13", "cl-14", "cl-15"], ["claimant", "claim_en", "quote_original", "confidence", "source_id"]]
"""),
    md("""
The investigation says the idea came as an *express request* from the chief executive to his
communications department, and that Renault paid. One producer says his company approached
Renault; the other says the series was his own dream, a Renault version of *Les Yeux dans les
Bleus*, the documentary that followed France's football team through the 1998 World Cup. The
accounts answer different questions (*whose idea?* and *who paid?*), and each party has an
interest in its version. We cannot settle it with data: we can say who says what, and how sure
we are.

**The branded documentary is not new.** Standard Oil commissioned Robert Flaherty's *Louisiana
Story* (1948) to show oil drilling in a good light (`casestudy.cite("dox-louisiana-story")`).
The AFP compared *Anatomie d'un come-back* with Netflix's *Formula 1: Drive to Survive*. A
critic of brand-funded documentaries argues that their problem is not the funding but hiding
it (`casestudy.cite("schwab-2020")`).
"""),
    md("""
### Now you try (10 minutes): who is missing?

1. **Roles.** Group the roles table by `role`: who made, carried and appears in the series, and
   whom does the press say it leaves out?
2. **Names.** `casestudy.analysis.story_mentions(names)` searches the episode synopses and the
   case's events for each name. Start with the three below, then add the people and groups the
   earlier notebooks made important — the unions, the job cuts, Nissan's partner companies,
   Dacia, Alpine…
3. **Weight.** In *01* you computed how much of the 2020 loss came from Nissan. Find that share
   again and set it beside what the synopses say.
"""),
    code("""
names = ["Ghosn", "Senard", "Nissan"]
casestudy.analysis.story_mentions(names)

# your code here: roles.groupby(...), more names, Nissan's share of 2020
"""),
    solution("""
print(roles.groupby("role", observed=True)["who"].apply(", ".join).to_string(), "\\n")

names = ["Ghosn", "Senard", "de Meo", "Nissan", "union", "job", "Geely", "Dacia", "Alpine"]
print(casestudy.analysis.story_mentions(names).to_string(index=False), "\\n")

fy2020 = casestudy.analysis.nissan_split().set_index("label").loc["FY 2020"]
print(f"Nissan's share of the 2020 net loss (group share): {fy2020['nissan_share_pct']:.0f} %")
"""),
    md("""
**Takeaway.** The synopses name the hero, the chairman and the brands that make the comeback
(Dacia, Alpine); they do not name **Nissan**, although its share was most of the 2020 loss, nor
the **unions**, who signed the job-cut and plant agreements the case records. The press adds
employees, suppliers and Chinese partners to the list of what was left out. Be fair to the
series: a synopsis is a few lines written to sell an episode, and *not named in a synopsis* is a
question to put to the series, not proof. Write that question down — it is the one a journalist
would ask the producers.
"""),
    md("""
## 4. Fact-checking the coverage

A sentence can hold several claims. La Réclame's *« pertes record de 7,3 milliards d'euros en
2020 »* holds two — an amount and a record — so the claims table gives it two rows. Each claim
says how the data can test it (`check`), and its verdict says what it rests on
(`classification_basis`): a **data check** that `casestudy.analysis.check_claims()` recomputes
from the tables, **another source**, or the authors' judgement, a **teaching suggestion**.

**Before you run the next cell:** of La Réclame's claims about the series, how many do you
expect to hold?
"""),
    code("""
checked = casestudy.analysis.check_claims()
for c in checked.itertuples():
    print(f"{c.id}  {c.claimant}: {c.claim_en}")
    print(f"       data: {c.data_says}")
    print(f"       verdict: {c.verdict} ({c.classification_basis}; confidence {c.confidence})\\n")
"""),
    md("""
**Before you look at the chart:** who do you think made the claims that were contradicted — the
press, the company, or the producers?
"""),
    code("""
claims_chart = plots.claims_by_verdict()
claims_chart
"""),
    md("""
**Takeaway.** The contradicted claims are careless dates in the press. The company's claims hold
— and are chosen: a margin that is *"a record in value"* because it was not a record as a
percentage; a *"level of performance never reached"* that is true of one measure. The claims
that matter most for a media-literacy reading — who had the idea, who paid, how many watched —
are **not checkable** with data: they need reporting. *Not checkable* is not *false*.

Where does the authors' verdict differ from the data rule? Look at the `agrees` column:
"""),
    code("""
differs = checked[checked["agrees"] == False]
differs[["id", "claim_en", "data_verdict", "verdict", "classification_basis"]]
"""),
    md("""
### Now you try (10 minutes): never reached?

De Meo told *Le Monde* he had taken Renault to *« un niveau de performance qu'elle n'a jamais
atteint »* — "a level of performance it had never reached" (claim `cl-10`). The data check says
2023 is a record **for the operating margin**. Test the claim on two other measures of
performance: net income (group share) and revenue. For each, is 2023 above every earlier year in
the data? Then write the claim's verdict in one sentence — and say what "never" would need.
"""),
    code("""
net = casestudy.financial_series("net_income_group_share")
net[net.index <= 2023]
# is net[2023] above every earlier year? then try casestudy.financial_series("revenue")

# your code here
"""),
    solution("""
for metric in ["operating_margin_pct", "net_income_group_share", "revenue"]:
    series = casestudy.financial_series(metric)
    earlier = series[series.index < 2023]
    best = int(earlier.idxmax())
    print(f"{metric:24} 2023: {series[2023]:>9,.1f}   best earlier: {earlier[best]:>9,.1f} ({best})"
          f"   record: {series[2023] > earlier.max()}   [{series.attrs['unit']}]")
"""),
    md("""
**What to take away.** On the operating margin 2023 beats every year in the data; on net income
and on revenue, the first year of the data did better. So the claim is *partly supported*: true
of the measure the company chose, untrue of two others, and "never" reaches back before 2018,
where our data stop. A record is always a choice — of measure, of unit, of starting year — and
a story chooses the one that flatters. That is not lying; it is framing, in Robert Entman's
sense: selecting some aspects of reality and making them more salient
(`casestudy.cite("entman-1993")`).
"""),
    md("""
## 5. Check yourself

Questions on this notebook, and three that come back to *00*, *01* and *02*. Your answers are
saved as you go.
"""),
    quiz("04-storytelling"),
    md("""
## 6. Discussion: decisions to defend

Prepare one of these for class. Each asks for a decision, not a fact; every argument must use
the tables above.

1. **You are Renault's head of communication in 2024.** The chief executive asks you to fund a
   documentary series about the turnaround, made by independent producers, for a streaming
   platform. Do you fund it? If you do, do you disclose the funding — in the credits, in a press
   release, not at all? Weigh what the access and the appearance of independence buy against
   the cost of being found out (L'Informé, TF1's refusal).
2. **You are a producer of the series, the day L'Informé publishes.** Respond in three sentences.
   Does your account of how the series began contradict the investigation, or answer a
   different question?
3. **You run programming at TF1 in 2024.** You are offered the series for free. Broadcast it,
   broadcast it with a notice, or decline? Use the French rule against clandestine advertising.
4. **You review the series for a newspaper.** *Le Monde* wrote of *« accents
   hagiographiques »*. Write your headline and the two facts you would put in your first
   paragraph. What does the access the crew enjoyed (the chief executive's office, the design
   centre, the F1 garage) give the viewer, and what does it cost?
5. **You are a union representative** invited to appear in a second season. Accept, refuse, or
   set conditions? Which of the case's events would you want the series to show?
6. **You teach this case in 2030.** Would you show the series to students? With which warning
   on the screen before the first episode?
"""),
    md("""
## 7. Sources for this notebook

Every table, chart, quote and framework used above, with its full reference:
"""),
    code("""
casestudy.notebook.sources(
    arc_chart.source_ids + claims_chart.source_ids
    + list(episodes["source_id"]) + list(episodes["title_it_source_id"])
    + list(episodes["title_fr_source_id"].dropna()) + list(told["source_id"])
    + list(roles["source_id"]) + list(claims["source_id"])
    + list(casestudy.analysis.hero_journey()["source_id"])
    + ["seed-article", "campbell-1949", "freytag-1863", "girardet-1986", "salmon-2007",
       "cml-five-questions", "dox-louisiana-story", "schwab-2020", "entman-1993", "coombs-2007"]
)
"""),
    md("""
**Next: 05 — epilogue.** The series stops at its climax. What happened after the credits?
"""),
]

write(
    str(Path(__file__).parents[2] / "notebooks" / "04-storytelling.ipynb"),
    cells,
    "04 — Storytelling: the hero, the producer, the payer",
)
print("written")
