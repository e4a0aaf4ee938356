"""Authoring script for notebooks/00-start-here.ipynb (run once; then edit the notebook)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbcells import SETUP, code, md, quiz, write  # noqa: E402

cells = [
    md("""
# Anatomy of a Comeback — start here
### *Anatomie d'un come-back*: Renault, 2018–2025

In November 2018 the head of Renault was arrested in Tokyo. Six years later a four-part
documentary on Prime Video told the story of the company's return. Between the two lie a
governance crisis, a pandemic, a record loss, a strategic plan called *Renaulution*, an electric
Renault 5 that borrowed its looks from 1972 — and a great deal of communication.

This course asks one question from several sides: **how is a corporate comeback made, and how is
it told?** You will work with the numbers the company published, the events as they were
reported, and the frameworks that strategy and communication scholars use.

*Notebooks and prose: CC BY 4.0. Code: MIT. Every figure comes from a sourced table.*
"""),
    md(
        "**Run the next cell to set up the notebook, but please don't change it.** "
        "Every notebook of the course starts with the same cell."
    ),
    code(SETUP),
    md("""
## 1. The course map

| notebook | time | the question it asks |
|---|---|---|
| **00 — start here** (this one) | 20 min | What is the case, and how does the course work? |
| **01 — crisis** | 75 min | From arrest to record loss (Nov 2018 – Jul 2020): how did Renault communicate while everything went wrong? |
| **02 — strategy** | 90 min | *Renaulution* (14 Jan 2021): what was promised, and what was delivered? |
| **03 — product** | 75 min | The Renault 5 E-Tech and the 5 Turbo 3E: can nostalgia be a strategy? |
| **04 — storytelling** | 90 min | The docuseries: who is the hero, who produced and paid for it, what does the story leave out? |
| **05 — epilogue** | 45 min | 2025: what happened after the credits? |

Each theme notebook follows the same rhythm: a question to you, the data, a chart, a short
takeaway, a quiz item to check you kept it — then an exercise ("now you try") and discussion
questions in case-method style, where you defend a decision rather than recall a fact.

### How the quizzes work
- Choose or type an answer and press **Check**. Feedback appears under the question; you may
  try again as often as you like. After a correct answer (or a few tries) an explanation appears.
- The line above the questions counts what you have answered and your score.
- Your answers are saved on this computer as you go: re-running the cell or restarting the
  notebook brings them back. Your instructor may ask you to export them.
- *Les quiz existent aussi en français* : run `casestudy.set_language("fr")`, then the quiz cell.
"""),
    md("""
## 2. Where the data and the sources are

Nothing in this course is typed in by hand. Every number comes from a small table, and every
row of every table names its source. Here are the tables:
"""),
    code("casestudy.describe()"),
    md(
        "Each table explains its own columns, with units. The financial results are *tidy*: "
        "one published value per row."
    ),
    code('casestudy.describe("financials")'),
    md("""
**Before you run the next cell:** what was Renault's net loss in 2020? Write your guess down.
"""),
    code("""
fin = casestudy.load("financials")
loss_2020 = fin.query("year == 2020 and metric in ['net_income', 'net_income_group_share']")
loss_2020[["year", "period", "metric", "value", "unit", "source_id"]]
"""),
    md("""
The same year gives several different "losses": the first half-year (H1), the second (H2) and the
full year (FY),
each for the whole group and for the part attributable to Renault's shareholders (*part du
groupe*). The `source_id` column tells you where each number was published:
"""),
    code("""
for source_id in sorted(set(loss_2020["source_id"])):
    print(casestudy.cite(source_id))
"""),
    md("""
Keep this table in mind. A French trade article on the docuseries speaks of *« pertes record de
7,3 milliards d'euros en 2020 »* — "record losses of 7.3 billion euros in 2020" (*La Réclame*,
December 2024). Which of the four figures is that? You will settle it in **01 — crisis**.
"""),
    md("""
## 3. The case in five minutes

**Before you look:** which theme do you expect to fill the first two years of the timeline —
crisis, governance, strategy, product or storytelling? And when does the documentary arrive?
"""),
    code("""
events_chart = plots.timeline(highlight={
    "ev-001": "Ghosn arrested",
    "ev-012": "Bolloré ousted",
    "ev-020": "de Meo takes office",
    "ev-027": "Renaulution",
    "ev-059": "R5 revealed",
    "ev-068": "Docuseries",
    "ev-080": "de Meo leaves",
})
events_chart
"""),
    md("""
**Takeaway.** The crisis and governance events crowd the first two years; strategy takes over
from January 2021, products follow, and the storytelling arrives last — the documentary tells
the comeback once the numbers had already turned. Read the summary line under the chart for the
counts.
"""),
    md("""
**Before you look:** in which year do you expect the lowest operating margin? And how quickly
do you think it recovered after the plan of January 2021?
"""),
    code("""
money_chart = plots.revenue_and_margin(mark_events={
    "ev-001": "Ghosn arrested",
    "ev-016": "Covid-19 crash",
    "ev-027": "Renaulution",
    "ev-068": "Docuseries",
})
money_chart
"""),
    md("""
**Takeaway.** Revenue fell before the pandemic and fell hardest in 2020, when the operating
margin turned negative. The margin then climbed back within three years while revenue recovered
only part of the way: the plan's motto was *from volume to value*. Notice too where the margin
stands in the last year shown — the epilogue returns to it.
"""),
    md("""
## 4. Check yourself

A few questions on what you just saw. Your answers are saved as you go.
"""),
    quiz("00-start-here"),
    md("""
## 5. Sources for this notebook

Every event and figure shown above, with its full reference:
"""),
    code("""
casestudy.notebook.sources(
    events_chart.source_ids + money_chart.source_ids + list(loss_2020["source_id"]) + ["seed-article"]
)
"""),
]

write(
    str(Path(__file__).parents[2] / "notebooks" / "00-start-here.ipynb"),
    cells,
    "Anatomy of a Comeback — start here",
)
print("written")
