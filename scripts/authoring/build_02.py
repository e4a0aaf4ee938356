"""Authoring script for notebooks/02-strategy.ipynb (run once; then edit the notebook)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbcells import SETUP, code, md, quiz, solution, write  # noqa: E402

cells = [
    md("""
# 02 — Strategy: *Renaulution*, promise vs delivery (2021 – 2025)
### *Renaulution : ce qui était promis, ce qui a été tenu*

In January 2021, a few months after taking office, Luca de Meo presented a plan with a made-up
word for a name — *Renaulution*, Renault + *révolution* — and a list of targets. By the time of
the documentary (December 2024), the company told the story of a comeback achieved ahead of
schedule.
This class checks that story against the data: **what was promised, what was delivered, and
what can simply not be checked?** Then it asks how Renault's plan compares with other
turnarounds of the car industry — one of them led, in 1999, by Carlos Ghosn himself.

**Learning objectives.** By the end of this class you can:

| # | objective | Bloom level |
|---|---|---|
| 1 | name the phases, the business units and the headline targets of *Renaulution* | Remember |
| 2 | explain why a restated figure changes a comparison, and why a comparison needs one basis | Understand |
| 3 | compute growth rates and the status of a target from the data, on a stated basis | Apply |
| 4 | classify the plan's moves with Hofer, Slatter & Lovett and Kotter | Analyze |
| 5 | judge whether "targets met years early" is a fair headline, using other turnarounds as a yardstick | Evaluate |

*About 90 minutes: warm-up, the plan, promise vs delivery, restatements (exercise), frameworks
(exercise), comparison cases, quiz, discussion. Notebooks and prose: CC BY 4.0. Code: MIT.*
"""),
    md("**Run the next cell to set up the notebook, but please don't change it.**"),
    code(SETUP),
    md("""
## Warm-up (from 00 and 01)

Answer on paper before you scroll — the quiz at the end comes back to each:
**(a)** In *01 — crisis* you traced the "record loss of 7.3 billion in 2020" to its source. Which
period was it, and how did the full year compare? **(b)** Who presented the cost plan of May
2020 — and who could not yet? **(c)** In *00 — start here*, which column of every table tells
you where a number was published?
"""),
    md("""
## 1. The plan of 14 January 2021

*Renaulution* set out three phases, one after the other:
- **Résurrection** (*resurrection*, to 2023): restore margins and cash;
- **Rénovation** (*renovation*, to 2025): renew the ranges;
- **Révolution** (*revolution*, from 2025): technology, energy and mobility.

It reorganised the group into four business units — **Renault**, **Dacia-Lada**, **Alpine** and
**Mobilize** (services, data and energy) — and summed up the idea in one slogan: **"from volume
to value"**, earn more per car rather than sell more cars. The same day, Renault showed the *Renault
5 Prototype* and a new logo: the plan came with a picture.

**Before you run the next cell:** a plan like this promises many things. Which kinds of target
do you expect — financial ones only, or also products, costs, factories?
"""),
    code("""
targets = casestudy.load("targets")
plan = targets[targets["plan"].isin(["renaulution", "cmd_2022"])]
plan[["id", "plan", "description_en", "deadline_year", "confidence", "source_id"]]
"""),
    md("""
**Takeaway.** The plan mixes three kinds of promise: **financial** (operating margin, free
cash flow), **structural** (fixed costs, production capacity, platforms, engine families) and
**product** (launches, electric models, sales mix). The rows marked `cmd_2022` were added at the
Capital Markets Day of November 2022. Look at the `confidence` column: one cost target exists
only because a news agency reported a figure that conflicts with the plan (`low`, kept so you
can see the disagreement), and two rows give the same cost target with different deadlines,
because the agencies disagreed (`medium`, both kept). Run `casestudy.cite("irish21")` to see
who reported the outlier.

**Before you look at the timeline:** what do you expect happened to the plan between 2021 and
2025 — a straight line, or detours?
"""),
    code("""
timeline_chart = plots.strategy_timeline()
timeline_chart
"""),
    md("""
Four turning points deserve a closer look. Each row carries its own notes and source:
"""),
    code("""
events = casestudy.load("events").set_index("id")
events.loc[["ev-027", "ev-040", "ev-045", "ev-057"], ["date", "title_en", "title_fr", "note", "source_id"]]
"""),
    md("""
**Takeaway.** The plan met three shocks it did not foresee: the war in Ukraine forced Renault out
of Russia, then its second-largest market (May 2022); in November 2022 the company *raised* its
targets and announced a split into **Ampere** (electric cars and software) and **Horse**
(combustion and hybrid engines, with Geely); in January 2024 it cancelled Ampere's stock-market
listing, citing market conditions. Each shock changes what "the plan" means — and, as section 3
shows, even which numbers it is measured against.
"""),
    md("""
## 2. Promise vs delivery

The plan's headline promise was the group **operating margin** (*marge opérationnelle*: the
profit from making and selling cars, as a percentage of revenue). The table above gives the
targets and their deadlines.

**Before you run the next cell:** in which year do you think each margin target was first met?
On time, early, or late?
"""),
    code("""
margin_chart = plots.margin_vs_targets()
margin_chart
"""),
    md("""
**Takeaway.** Both margin targets of January 2021 were met years before their deadlines — the
chart and its summary say how many. In November 2022 the company did what successful planners
often do: it raised the bar. The raised target for 2025 was **missed**; the margin peaked
earlier and then fell. De Meo called Renault's recovery *"one of the fastest turnarounds in the
recent history of automotive"* (first-half earnings call, 2023): true of the first targets, and said
before the last one came due.

A margin is one number among many. **Before you look:** of all the targets in the table above,
how many do you think can be checked against a published figure?
"""),
    code("""
scorecard_chart = plots.target_scorecard()
scorecard_chart
"""),
    code("""
pvd = casestudy.promise_vs_delivery()
pvd[pvd["plan"].isin(["renaulution", "cmd_2022"])].groupby("status", observed=True).size()
"""),
    md("""
**Takeaway.** Most promises have **no published outcome** in our sources: fixed costs, capacity,
platforms, launches, sales mix. That does not mean they were missed — it means nobody published a
figure we could check them against. Renault *said* some were reached (for instance a lower
break-even point, reported in January 2022 — see the note of `tg-18` in `targets.csv`), but a
claim in an interview is not a figure in the accounts. A scorecard that shows only what was met
is already telling a story; this one shows the grey rows too.
"""),
    md("""
## 3. One year, two numbers: restatements

Companies sometimes republish a past year on a new basis, so that it can be compared with the
next one. Renault did it twice in this period:
- in the **2022** accounts, the year **2021** was restated **without Russia**, which was now a
  *discontinued operation* (*activité abandonnée*) after the sale of AvtoVAZ;
- in the **2023** accounts, the year **2022** was restated under **IFRS 17**, the accounting
  standard for insurance contracts.

The table `financials` keeps both versions (`basis`: `as_published` or `restated`), and
`casestudy.financial_series(metric, basis=...)` gives one value per year on the basis you ask
for: `"as_published"` (what the company said at the time) or `"latest"` (the most recent
version of each year).

**Before you run the next cell:** if you take Russia out of the 2021 accounts, does the group's
2021 operating margin go up or down?
"""),
    code("""
restated = casestudy.analysis.restatements()
restated[["year", "metric", "unit", "as_published", "restated", "change", "why"]]
"""),
    code("""
restated_chart = plots.restatement_chart()
restated_chart
"""),
    md("""
**Takeaway.** Taking Russia out *lowers* the 2021 margin — and pushes it below the plan's first
margin target (the dotted line). The 2022 restatement is small. Revenue moves a lot more in
2021 than in 2022. So the sentence "the target was met early, in 2021" is true on the figures
as published, and not on the restated ones. Which is right?
"""),
    md("""
### Now you try (15 minutes): one basis

1. **Growth.** By how much did revenue grow from 2021 to 2022 **(a)** comparing the two years
   as first published, **(b)** comparing 2022 as published with 2021 restated without Russia,
   **(c)** comparing the two years on the `"latest"` basis? Which figure did Renault report
   (see the `note` of the 2022 revenue row in `financials`), and why?
2. **Russia.** What operating margin did the business that was taken out of 2021 earn? *Hint:*
   divide the change in operating margin (EUR million) by the change in revenue.
3. **Met or not?** Run `casestudy.analysis.first_met_by_basis(["tg-08", "tg-09"])`. Was the
   first margin target met in 2021? Give one argument for each answer.
"""),
    code("""
published = casestudy.financial_series("revenue", basis="as_published")
latest = casestudy.financial_series("revenue", basis="latest")
# growth (a): published[2022] / published[2021] - 1
# then (b) and (c), then questions 2 and 3

# your code here
"""),
    solution("""
growth_a = published[2022] / published[2021] - 1
growth_b = published[2022] / latest[2021] - 1
growth_c = latest[2022] / latest[2021] - 1
print(f"(a) both as first published:             {growth_a:+.1%}")
print(f"(b) 2022 published vs 2021 without Russia: {growth_b:+.1%}   <- Renault's figure")
print(f"(c) both on the latest basis:              {growth_c:+.1%}")

r = restated.set_index(["year", "metric"])
russia_margin = r.loc[(2021, "operating_margin"), "change"] / r.loc[(2021, "revenue"), "change"]
print(f"Operating margin of the business removed from 2021: {russia_margin:.1%}")

casestudy.analysis.first_met_by_basis(["tg-08", "tg-09"])
"""),
    md("""
**What to take away.** A comparison is fair only when both years share the **same perimeter**
and the **same accounting rules**. (a) compares a year with Russia to a year without it; (b) is
like for like — Russia out of both years, the same rules in both — which is why Renault
reported it. (c) looks tidy but is *not* one basis: "latest" takes the IFRS 17 version of 2022
and the pre-IFRS 17 version of 2021. And the Russian business earned a higher margin than the
rest of the group: removing it made 2021 look worse.

For the target, both answers can be defended. *Met in 2021*: the target was set in January 2021
on a group that included Russia, and the figure published for 2021 beat it. *Met only in 2022*:
the business that remained after Russia did not reach it until the next year. What matters is
to say which basis you use — and to notice when a press release picks the one that flatters.
"""),
    md("""
## 4. Frameworks: what kind of turnaround was it?

### 4.1 Hofer: operating or strategic?

Charles Hofer (1980) distinguishes two kinds of turnaround. An **operating turnaround** runs the
existing strategy better: raise revenue, cut costs, sell assets, or a mix of these (the four
options as his work is usually summarised — check the article before you rely on them). A **strategic turnaround** changes *how the firm
competes*: its products, its markets, its technologies, its alliances. Which one a firm needs
depends on why it is failing.

*Ask yourself:* the cost plan of May 2020 (before de Meo) and *Renaulution* (January 2021) —
which is which? Is "from volume to value" an operating or a strategic idea?

### 4.2 Slatter & Lovett: the stages of a turnaround

Stuart Slatter and David Lovett (1999) describe a turnaround as a sequence that starts with a
**diagnostic review** and **crisis stabilisation** — take control, secure cash, buy a breathing
space — followed by **strategic change** and a **return to growth**. *(Our sources confirm the
first two stage names; the later ones are paraphrased, so treat them as approximate.)* They also
warn against the media myth of the turnaround manager as a lone "corporate commando".

*Ask yourself:* set Renault's own three phases beside these stages. How close are they — and what
does it tell you that the company *named* its phases itself, in advance?

### 4.3 Kotter: eight steps of change

John Kotter's eight steps (1995) are a checklist for leading change:
"""),
    code("""
for step, name in casestudy.analysis.KOTTER_STEPS.items():
    print(step, name)
"""),
    md("""
**Now you try (10 minutes): tag the events.** Here are eight events of the period. For each,
choose the Kotter step it illustrates best (a number from 1 to 8), fill in the dictionary, and
run the cell: your tags appear next to the authors' suggestion, with the reasoning, only for the
events you have tagged.
"""),
    code("""
tags = casestudy.analysis.framework_tags()
to_tag = tags[tags["kotter_step"].notna()]
to_tag[["event_id", "date", "event"]]
"""),
    code("""
my_tags = {
    "ev-018": None,   # replace None by a step number, e.g. 1
    "ev-022": None,
    "ev-027": None,
    "ev-028": None,
    "ev-031": None,
    "ev-036": None,
    "ev-045": None,
    "ev-049": None,
}
casestudy.analysis.compare_kotter(my_tags)
"""),
    solution("""
tags[["event_id", "date", "event", "kotter_step", "kotter_name", "hofer",
      "slatter_lovett_stage", "why", "classification_basis"]]
"""),
    md("""
**Takeaway.** Every tag is a `teaching suggestion`, not a sourced finding: reasonable people
disagree, and the reasoning matters more than the number. Three things to notice in the full
table: the Hofer column shows the May 2020 plan as *operating* and the 2021 plan as
*strategic*; several events fit no Kotter step at all (a war, a loan, a cancelled listing); and
**no event** illustrates step 8, *anchor new approaches in the culture*. The test of step 8 is
whether the change outlives its leader — de Meo left in July 2025.
"""),
    md("""
## 5. Other turnarounds: was *Renaulution* special?

A fair judgement needs a yardstick. The table `comparisons` holds three other turnarounds of the
car industry, each with its baseline, its targets and its published outcomes, in its own
currency and fiscal year — nothing is converted:
- **Nissan Revival Plan** (October 1999): Carlos Ghosn's own comeback, at Nissan, months after
  Renault took a large stake in it. The man whose arrest opens this case was once the industry's
  most celebrated turnaround manager.
- **PSA "Back in the Race"** (April 2014): Peugeot Citroën after heavy losses in 2012 and 2013 and a
  rescue by the French state and Dongfeng, led by Carlos Tavares.
- **Fiat** (2004) and **Chrysler** (2009): Sergio Marchionne's two rescues. At Fiat, the 2007
  relaunch of the Fiat 500 was led by a certain Luca de Meo.
"""),
    code("""
comparisons = casestudy.load("comparisons")
comparisons[comparisons["kind"].isin(["baseline", "target"])][
    ["id", "case", "kind", "description_en", "value", "unit", "year", "source_id"]
]
"""),
    md("""
Each plan was judged first on one headline measure: the operating margin for Renault and
Nissan, the automotive margin for PSA, the result of the car division for Fiat. The chart puts
the four on one clock — years after the plan's start.

**Before you look:** which plan do you expect to have met its first headline target fastest?
And which one cannot be checked at all?
"""),
    code("""
plans_chart = plots.plans_compared()
plans_chart
"""),
    code("""
scorecard = casestudy.analysis.plan_comparison()
scorecard.groupby(["case", "status"], observed=True).size().unstack(fill_value=0)
"""),
    md("""
**Takeaway.** Every plan whose headline target can be checked met it *early*. "Targets met
years ahead of schedule" is therefore less a distinction than the usual ending of the genre:
a plan's authors choose targets they expect to beat, and beating them is the story they then
tell. The Fiat target shows the opposite trap: its only later results in our sources are in
another currency, so it stays unchecked rather than converted at a guessed rate. And in every
case most of the promises have no published outcome at all.

Two more rows complete the picture. Chrysler's claim, and Nissan's epilogue:
"""),
    code("""
later = comparisons[
    (comparisons["case"] == "chrysler_2009") | (comparisons["kind"] == "epilogue")
]
later[["case", "plan_name", "description_en", "value", "unit", "year", "note", "source_id"]]
"""),
    md("""
**Takeaway.** Chrysler repaid its government loans years ahead of schedule, as the table says —
a claim measured against a deadline that is not in our data, so we can repeat it but not check
it. Nissan's loss in fiscal 2024 came close to the record that the Revival Plan had wiped out,
and its new plan, *Re:Nissan* (May 2025), seeks *"profitability with less reliance on volume"*
(Ivan Espinosa) — almost the words of *Renaulution*. A turnaround judged after three years can
look very different after twenty-five.

Renault's own sequel tells the same caution. Presenting the next plan, *futuREady*, in March
2026, the new chief executive François Provost put it this way: *« nous avons prouvé que nous
pouvions gagner, maintenant nous devons prouver que nous pouvons durer »* — "we have proved we
could win; now we must prove we can last".
"""),
    md("""
## 6. Discussion: decisions to defend

Prepare one of these for class. There is no single right answer; there are better and worse
arguments, and every argument must use the data above.

1. **You are Luca de Meo in November 2022.** Both margin targets of your plan have been met
   years early. Do you publicly raise the 2025 target at the Capital Markets Day (as he did),
   keep the old one and "under-promise", or raise it only internally? Defend your choice
   knowing that investors reward ambition — and now that you know what happened in 2025.
2. **You are Renault's head of investor relations in February 2023.** Write the one sentence of
   the results release about the 2023 margin target. Do you say "met early" on the
   figures as published, or do you use the restated basis? What do you owe the reader?
3. **You are a financial journalist in January 2024**, writing on the cancelled Ampere listing.
   Strategic reversal or pragmatic decision? Which two questions do you put to the company, and
   which data would you ask for?
4. **You sit on Renault's board in July 2025**, after the chief executive's departure and a
   profit warning. Using Kotter and Slatter & Lovett, argue whether the turnaround was finished,
   and what the next chief executive must do first.
5. **You teach this case in 2030.** Nissan's arc (1999 → 2024) suggests judging a turnaround
   later rather than sooner. How long after a plan would you wait before calling it a success,
   and by which measure?
"""),
    md("""
## 7. Check yourself

Questions on this notebook, and a few on *00* and *01* to keep them fresh. Your answers are
saved as you go.
"""),
    quiz("02-strategy"),
    md("""
## 8. Sources for this notebook

Every event, figure, target and framework used above, with its full reference:
"""),
    code("""
casestudy.notebook.sources(
    timeline_chart.source_ids + margin_chart.source_ids + scorecard_chart.source_ids
    + restated_chart.source_ids + plans_chart.source_ids
    + list(plan["source_id"]) + list(comparisons["source_id"]) + list(tags["source_id"])
    + ["rs", "agefi-2021-01-14", "investiment-de-meo-2023", "boursorama-futuready-2026",
       "nippon-2025-05-13", "agefi22", "francebleu-r5-prototype", "hofer-1980",
       "slatter-lovett-1999", "kotter-1995"]
)
"""),
]

write(
    str(Path(__file__).parents[2] / "notebooks" / "02-strategy.ipynb"),
    cells,
    "02 — Strategy: Renaulution, promise vs delivery (2021 – 2025)",
)
print("written")
