"""Authoring script for notebooks/01-crisis.ipynb (run once; then edit the notebook)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbcells import SETUP, code, md, quiz, solution, write  # noqa: E402

cells = [
    md("""
# 01 — Crisis: from arrest to record loss
### *De l'arrestation à la perte record* — Renault, November 2018 to July 2020

Between the autumn of 2018 and the summer of 2020 Renault lost its chairman and chief executive
to a Tokyo detention cell, saw a merger collapse, ousted his successor, waited months for a new
leader — and then, with the pandemic, lost more money than in any year of its history. This class asks two questions:
**how did Renault and the people around it communicate while everything went wrong, and do the
numbers everyone quotes say what people think they say?**

**Learning objectives.** By the end of this class you can:

| # | objective | Bloom level |
|---|---|---|
| 1 | place the main events of the crisis in order and say who led Renault at each stage | Remember |
| 2 | explain the difference between a half-year and a full-year result, and between total and group-share net income | Understand |
| 3 | compute from the data how much of the 2020 loss came from Nissan | Apply |
| 4 | classify crisis responses with Coombs' SCCT and Benoit's image repair strategies | Analyze |
| 5 | judge whether a response fitted the crisis, and where the frameworks fall short | Evaluate |

*About 75 minutes: warm-up, timeline, numbers (with an exercise), frameworks (with an exercise),
quiz, discussion. Notebooks and prose: CC BY 4.0. Code: MIT.*
"""),
    md("**Run the next cell to set up the notebook, but please don't change it.**"),
    code(SETUP),
    md("""
## Warm-up (from 00 — start here)

Answer on paper before you scroll: **(a)** in *00 — start here* you met several different
figures for Renault's 2020 loss: which two distinctions separated them? **(b)** Which column of
every table tells you where a number was published? The quiz at the end of this notebook comes
back to both.
"""),
    md("""
## 1. The timeline: a company without a captain

**Before you run the next cell:** how many times do you think the person running Renault changed
between the arrest and the results of July 2020? And which came first: the pandemic, or the
plan to cut jobs?
"""),
    code("""
crisis_chart = plots.crisis_timeline()
crisis_chart
"""),
    md("""
**Takeaway.** Follow the purple diamonds. The crisis began as a *governance* story: an arrest,
a resignation announced by a minister rather than by the company, a chairman and a chief
executive where there had been one person, a failed merger, a chief executive ousted after a few
months, an interim. Only in spring 2020 did it become a *financial* crisis — and by then Renault
was run by an interim chief executive, with a successor named but not allowed to start before
July. The cost plan was therefore presented by the chairman and the interim CEO, not by the
man the later documentary casts as the hero.

*Tip:* `plots.crisis_timeline(lang="fr")` writes the French titles.

**Look closer.** Every event carries a date precision and a confidence level. What do the two
events about Fiat Chrysler tell you?
"""),
    code("""
events = casestudy.load("events")
fca = events[events["title_en"].str.contains("Fiat Chrysler")]
fca[["id", "date", "date_precision", "title_en", "confidence", "note", "source_id"]]
"""),
    md("""
Our sources give only the month of the merger proposal and of its collapse, so the table says
*month* and *medium*, and the date is stored as the first of the month. A careful analyst writes
"May 2019", not an invented day.
"""),
    md("""
## 2. The numbers: what did the crisis cost?

Renault publishes accounts for the first half-year (**H1**, January–June) and the full year
(**FY**). The second half (**H2**) is usually what is left when you subtract one from the other;
`casestudy.analysis.half_years()` does the subtraction and says, in the column `h2_basis`,
whether each H2 figure was *published* or *derived*. Amounts are in EUR million.

**Before you run the next cell:** in which half of 2020 do you expect revenue to have fallen
hardest — and by how much compared with the same half of 2019?
"""),
    code("""
revenue = casestudy.analysis.half_years("revenue")
revenue
"""),
    md("""
**Takeaway.** The first half of 2020 — the first months of the pandemic — is the collapse; the second half is back close to the level of the previous years. A yearly figure
averages the two and hides both the depth of the fall and the speed of the rebound.

The **operating margin** (*marge opérationnelle*) is what the business earns from making and
selling cars, before restructuring costs, financial items, tax and Nissan.
"""),
    code("""
margin = casestudy.analysis.half_years("operating_margin")
margin
"""),
    md("""
This time the H2 2020 figure was published by Renault (`h2_basis`). As a percentage of revenue —
the form in which targets are usually set — the second half of 2020 gives:
"""),
    code("""
h2_pct = margin.loc[2020, "H2"] / revenue.loc[2020, "H2"] * 100
print(f"H2 2020 operating margin: {h2_pct:.1f} % of revenue (computed)")
print(f"Published by Renault:     {casestudy.financial_series('operating_margin_pct', period='H2')[2020]:.1f} %")
"""),
    md("""
Our computation from a *derived* revenue figure matches the published percentage: a good sign
that the subtraction is sound. A percentage, though, can never be split by subtraction — try
`casestudy.analysis.half_years("operating_margin_pct")` and read the error message.

**Before you run the next cell:** a loss is an accounting figure; a company dies when it runs
out of cash. What do you expect the cash generated by the car business (*automotive operational
free cash flow*) looked like in the first half of 2020?
"""),
    code("""
cash = casestudy.analysis.half_years("automotive_fcf", first_year=2019)
cash
"""),
    md("""
**Takeaway.** The car business burned cash in the first half of 2020 — money actually leaving the
company, unlike most of the accounting loss you will meet in 2.1 — then generated cash again in
the second half. That is why the
state-guaranteed loan (*prêt garanti par l'État*, PGE) of June 2020 on the timeline mattered: in
February 2022 the *Cour des comptes* judged it indispensable (event `ev-035`).
"""),
    md("""
### 2.1 The 7.3 billion question

In December 2024 the French trade site *La Réclame* wrote that the documentary shows Renault
recovering from *« pertes record de 7,3 milliards d'euros en 2020 »* ("record losses of 7.3
billion euros in 2020"). Is that right?

**Now you try (10 minutes).** Using the data only, answer three questions:
1. Which period, and which measure of net income, does "7.3 billion" correspond to?
2. What was the net loss for the full year 2020?
3. How much of the full-year loss was Renault's share of **Nissan's** result (*quote-part de
   Nissan*: Renault owned a large stake in Nissan and books its share of Nissan's profit or
   loss), in euros and as a percentage of the loss?

Tools: `casestudy.analysis.half_years("net_income_group_share")` (try `"net_income"` too: the
total including minority interests) and `casestudy.financial_series("nissan_contribution")`.
"""),
    code("""
# Now you try. A start:
#   net = casestudy.analysis.half_years("net_income_group_share")
#   net.loc[2020, "H1"]   -> the first half of 2020
# then look up the full year, and Nissan's contribution for 2020.

# your code here
"""),
    solution("""
net = casestudy.analysis.half_years("net_income_group_share")
nissan = casestudy.financial_series("nissan_contribution")
print(f"H1 2020, group share: {net.loc[2020, 'H1']:,.0f} EUR m   <- the '7.3 billion'")
print(f"FY 2020, group share: {net.loc[2020, 'FY']:,.0f} EUR m")
print(f"Nissan's contribution, FY 2020: {nissan[2020]:,.0f} EUR m, "
      f"{nissan[2020] / net.loc[2020, 'FY']:.0%} of the full-year loss")
"""),
    md("""
**Before you look at the next chart:** picture the 2020 loss as a bar. How much of it do you
expect to be Nissan's, and how much Renault's own business?
"""),
    code("""
nissan_chart = plots.net_income_nissan()
nissan_chart
"""),
    md("""
**Takeaway.** Three things the headline hides:
1. The "record loss of 7.3 billion in 2020" is the **first half** of 2020 (group share). The full
   year was worse, but not by much: the second half lost far less.
2. More than half of the full-year loss was **Nissan's** contribution — mostly accounting
   write-downs and restructuring at Nissan, not cash leaving Renault. Renault's own business lost
   money too, but much less.
3. The rebound started in the **second half of 2020**, before de Meo's plan of January 2021.

None of this makes the crisis small: the cash burn above was real. But a story that opens on the
biggest available number makes the comeback that follows look bigger. *Try also:*
`plots.net_income_nissan("net_income")` for the total instead of the group share.
"""),
    md("""
## 3. How did they talk? Two frameworks for crisis communication

**Coombs' Situational Crisis Communication Theory (SCCT)** starts from attribution: in a crisis,
stakeholders ask *who is responsible?* Their answer places the crisis in a **cluster**:
- *victim* — little responsibility (natural disaster, rumour, tampering);
- *accidental* — low responsibility (technical error, a challenge by outsiders);
- *preventable* — strong responsibility (human error, organisational misdeed, management
  misconduct).

A history of crises and a poor prior reputation increase the threat. The response should fit
the attributed responsibility — the more stakeholders hold the organisation responsible, the
more it has to accommodate them. SCCT groups responses in **postures**:
- **deny** — attack the accuser, denial, scapegoat;
- **diminish** — excuse, justification: make the crisis look less bad or less "ours";
- **rebuild** — compensation, apology: change how stakeholders see the organisation;
- **bolster**, a secondary posture — reminder of past good deeds, ingratiation, victimage.

Coombs adds that the first duty of crisis communication is to protect stakeholders from harm,
not to protect the reputation.

**Benoit's image repair theory** comes from rhetoric and works for persons as well as
organisations. Its families of strategies: **denial** (simple denial, shifting the blame),
**evasion of responsibility** (provocation, defeasibility — "we could not have known or
prevented it" —, accident, good intentions), **reducing offensiveness** (bolstering,
minimization, differentiation, transcendence, attacking the accuser, compensation),
**corrective action** and **mortification** (admitting fault and asking forgiveness).

**A critique to keep in mind.** Jim Preen (2020) argues that SCCT's clusters can mislead: an
organisation that is formally a "victim" can still suffer severe reputational damage.

The table `crisis_responses` collects statements and decisions from the period, each with its
source. **Read them first without any classification:**
"""),
    code("""
responses = casestudy.load("crisis_responses")
for r in responses.itertuples():
    print(f"{r.id}  {r.date:%b %Y}  {r.actor}  (to: {r.audience})\\n       {r.response_en}\\n")
"""),
    md("""
**Now you try (10 minutes): classify.** For each response choose an SCCT posture — `deny`,
`diminish`, `rebuild` or `bolster`. Fill in the dictionary (one line per response), run the
cell, and compare with the authors' suggestion. Then do the same with Benoit's families, using
`framework="benoit"` and the labels `denial`, `evasion of responsibility`, `reducing
offensiveness`, `corrective action`, `mortification`.
"""),
    code("""
my_postures = {
    # "cr-01": "deny",   <- one line per response
}
casestudy.analysis.compare_classification(my_postures)
"""),
    solution("""
responses[["id", "actor", "crisis_cluster", "scct_posture", "scct_strategy",
           "benoit_category", "benoit_strategy", "classification_basis"]]
"""),
    md("""
Every row says `teaching suggestion`: the facts (who said what, when, to whom) are sourced; the
labels are a reading, and several rows can honestly be read two ways — the `note` column says
how. Where you disagree, the disagreement is the lesson: write down *why*.

**Who used which posture?**
"""),
    code("""
responses.groupby(["actor_type", "scct_posture"], observed=True).size()
"""),
    md("""
**Takeaway.** The sharpest counter-attacks came from former executives defending themselves
after losing their positions, not from the company. Renault's own repertoire moved from a wait-and-see that
resembles denial, through blame on a predecessor's strategy and an external excuse (the
pandemic), to corrective action — and the clearest admission ("we became bigger but not
better") came only from the new chief executive, once the crisis period was over and a plan was
ready. SCCT asks the question for the next discussion: **did each posture fit the cluster?** A
preventable crisis answered by denial is the textbook mismatch.
"""),
    md("""
## 4. Check yourself

Questions on this notebook, and two that come back to *00 — start here*. Your answers are saved
as you go.
"""),
    quiz("01-crisis"),
    md("""
## 5. Discussion questions (case method)

Prepare one of these for class. Each asks for a decision you can defend, not a fact.

1. **The board, November 2018.** You sit on Renault's board days after the arrest. You know
   only what was public then. Your board keeps him as chairman and chief executive and lets his
   deputy run the company in the meantime. Defend or attack that decision, and
   write the two-sentence statement you would have wanted the board to publish.
2. **The sentence in the plan, May 2020.** You are Clotilde Delbos, interim CEO. Tomorrow you
   present job cuts and ask the state to guarantee a loan. Your draft blames *« une stratégie…
   qui pariait sur une croissance record du marché »*. Keep the sentence or cut it? Argue your
   choice first in front of the unions, then in front of the minister.
3. **Victim or preventable?** Renault's 2020 communication leaned on the pandemic; the numbers
   show that Nissan's contribution weighed more than the operating losses. Which cluster should
   Renault have communicated as its own, and what would SCCT then recommend? Use Preen's
   critique in your answer.
4. **The correction.** You edit *La Réclame*. A reader writes that "7.3 billion in 2020" is
   wrong. Decide whether to publish a correction, write it in two sentences, and say whether the
   error changes the article's argument about the documentary.
"""),
    md("""
## 6. Sources for this notebook

Every event, figure and statement shown above, with its full reference, and the frameworks:
"""),
    code("""
casestudy.notebook.sources(
    crisis_chart.source_ids + nissan_chart.source_ids + list(fca["source_id"])
    + revenue.attrs["source_ids"] + margin.attrs["source_ids"] + cash.attrs["source_ids"]
    + list(responses["source_id"]) + ["seed-article", "coombs-2007", "benoit-2015", "preen-2020"]
)
"""),
    md("""
**Next: 02 — strategy.** The last row of the responses table, de Meo's *« nous sommes devenus
plus gros mais pas meilleurs »*, is where Renaulution begins.
"""),
]

write(
    str(Path(__file__).parents[2] / "notebooks" / "01-crisis.ipynb"),
    cells,
    "Anatomy of a Comeback — 01 crisis",
)
print("written")
