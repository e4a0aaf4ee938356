"""Authoring script for notebooks/03-product.ipynb (run once; then edit the notebook)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from nbcells import SETUP, code, md, quiz, solution, write  # noqa: E402

cells = [
    md("""
# 03 — Product: Renault 5 E-Tech, 5 Turbo 3E: nostalgia as strategy
### *La nostalgie comme stratégie* — from the 1972 original to the 2025 showroom

On the day Luca de Meo presented his turnaround plan, the car he showed was not new at all:
it was a Renault 5, the small car that France bought more than any other in the 1970s, redrawn
as an electric prototype. Three years later the production car arrived, then an electric
tribute to the rally legend of 1980, announced in the last minutes of a documentary.
This class asks: **can nostalgia be a strategy — and how would we know whether it worked?**
You will time the road from concept to showroom, check a price promise against the prices
charged, sort the figures that measure demand from those that only sound like it, and set the
Renault 5 beside other retro revivals: the VW New Beetle, the MINI and two Fiat 500s.

**Learning objectives.** By the end of this class you can:

| # | objective | Bloom level |
|---|---|---|
| 1 | name the milestones of the Renault 5 E-Tech and the 5 Turbo 3E, and the originals they revive | Remember |
| 2 | explain retro branding (Brown, Kozinets & Sherry's four As) and why nostalgia appeals to some buyers more than others | Understand |
| 3 | compute lead times and the gap between a price promise and the prices charged, from the data | Apply |
| 4 | compare retro revivals without mixing measures, and spot where the sources disagree | Analyze |
| 5 | judge whether reviving the Renault 5 name was a sound bet, and which evidence would settle it | Evaluate |

*About 75 minutes: warm-up, the originals, concept to market, the price promise, demand signals,
the Turbo 3E (with an exercise), other retro revivals, the four As, quiz, discussion.
Notebooks and prose: CC BY 4.0. Code: MIT.*
"""),
    md("**Run the next cell to set up the notebook, but please don't change it.**"),
    code(SETUP),
    md("""
## Warm-up (from 00, 01 and 02)

Answer on paper before you scroll — the quiz at the end comes back to (a) and (b), and
section 6 to (c):
**(a)** In *02 — strategy*, what was shown on stage on 14 January 2021 besides the plan, and
which of Kotter's steps did it illustrate? **(b)** In *00* and *01*, what happened to the
operating margin in 2020, the year before? **(c)** In *02*, which car did a certain Luca de Meo
relaunch at Fiat in 2007?
"""),
    md("""
## 1. Why revive a car from 1972?

A **retro brand** is, in the words of Stephen Brown, Robert Kozinets and John Sherry, *"the
revival or relaunch of a product or service brand from a prior historical period"*, usually
updated to today's standards. Studying the VW New Beetle and *Star Wars Episode I* (2003), they
found that a revived brand works through **four As**:
- **Allegory** — a story the brand tells about itself;
- **Aura** — an essence, a sense of authenticity;
- **Arcadia** — an idealised community, a time and place it evokes;
- **Antinomy** — a paradox it holds together, old and new at once.

Nostalgia is not shared equally. Robert Schindler and Morris Holbrook (2003) found that men,
though not women, preferred the **car styles that were popular in their youth**, the more so
the more prone they were to nostalgia. A revival speaks first to one generation.

Renault had two originals to draw on: the popular *Renault 5* of 1972 and the *Renault 5 Turbo*
of 1980, a mid-engined rally car built in small numbers.

**Before you run the next cell:** how many Renault 5s do you think were sold — a few hundred
thousand, or millions?
"""),
    code("""
products = casestudy.load("products")
casestudy.analysis.product_facts(group="heritage")
"""),
    md("""
**Takeaway.** The two originals could hardly differ more: one of the best-selling cars in French
history, and a rally car built by the thousand. Look at the two sales counts of the 1972 car:
they are not a disagreement — one stops in 1984, the other includes the *Super 5* and runs to
1996 — and both are `medium` confidence. A careful sentence says which count it uses. The column
`when` writes each date no more precisely than its source: "1984" means *by 1984*, not the first
of January.
"""),
    md("""
## 2. From concept to market

A concept car is a promise in metal. The *Renault 5 Prototype* appeared on the day of the
*Renaulution* plan; the *Turbo 3E* began as a show car for the Renault 5's 50th anniversary; the
Alpine A290 is a sporty car built on the same base as the R5. For comparison, the chart adds
Volkswagen's New Beetle of the 1990s, the revival Brown, Kozinets and Sherry studied.

**Before you run the next cell:** how long do you think it took from the R5 prototype to a car
you could buy — one year, two, four? Longer or shorter than the New Beetle?
"""),
    code("""
concept_chart = plots.concept_to_market_chart()
concept_chart
"""),
    md("""
**Takeaway.** The prototype came years before the product: in January 2021 Renault was selling
a picture of its future, not a car. The hollow circle on the left is de Meo's own account of the
day he fell for an orange mock-up in the design studio, told in 2024 — part of the story the
company tells about itself, and the first of the four As. The Turbo 3E's production was
announced in the docuseries (*04 — storytelling* comes back to that), and its first deliveries
are a plan, drawn hollow. The table behind the chart:
"""),
    code("""
lead_times = casestudy.analysis.concept_to_market()
lead_times
"""),
    md("""
**Takeaway.** Two sources give two different months for the R5's launch, so the table gives two
lead times, one month apart, and says why in `launch_note`. Nothing was averaged or chosen for
you. A step the sources do not date — the A290's or the New Beetle's market launch — stays
empty.
"""),
    md("""
## 3. The price promise

At the Geneva reveal in February 2024, Renault promised the entry version of the R5 at
*"around"* a round price. The first cars on sale were the expensive version with the large
battery.

**Before you run the next cell:** how far above the promise do you think the first price was?
And how long did the promised version take to arrive?
"""),
    code("""
prices = casestudy.analysis.price_vs_promise()
prices[["version", "measure", "when", "price", "promise", "gap_eur", "gap_pct",
        "within_promise", "months_after_promise", "source_id"]]
"""),
    code("""
price_chart = plots.price_promise_chart()
price_chart
"""),
    md("""
**Takeaway.** The promise was kept — more than a year later, with a smaller battery and without
fast charging (read the note of row `pr-016` in the products table). Three details matter:
- *"Around"* needs a rule. The library counts a price as within the promise up to a stated
  tolerance above it (`casestudy.analysis.ABOUT_TOLERANCE`, the shaded band); change the rule
  and see whether any verdict moves.
- Two sources give two launch prices for the same version; one review is undated.
- A price *after incentives* is not a list price: it depends on public money, which can change.

A price announced early does communication work: for a year and a half, articles about the R5
could repeat the promised price while the car on sale cost much more.
"""),
    md("""
## 4. Demand signals: which number is a sale?

Launch coverage is full of numbers: people on a waiting list, orders, registrations, cars built,
jury points.

**Before you run the next cell:** which of these would you call a sale?
"""),
    code("""
r5 = casestudy.analysis.product_facts(["renault_5_e_tech"])
r5[r5["value"].notna()]
"""),
    md("""
**Takeaway.** Several kinds of number, none of them a worldwide sales total:
- a **waiting list** counts people who registered an interest — the notes say *not firm orders*,
  and no source gave a firm order count;
- **registrations** come closest to sales, and those here are for France only;
- **units built** count production at Douai, not cars delivered to customers;
- **jury points** count journalists' votes;
- **prices** are not demand at all.

A press release can choose the biggest of these numbers. The question to ask of any headline
figure is: *what exactly does it count, where, and over what period?*
"""),
    md("""
## 5. The Turbo 3E: a tribute built in small numbers

The Turbo 3E will not sell in volume, and is not meant to. Marketers call such a car a *halo*:
it lends its glamour to the cheaper cars that share its name. Here it is beside the 1980 original:
"""),
    code("""
turbo = casestudy.analysis.product_facts(["renault_5_turbo_1980", "renault_5_turbo_3e"])
turbo
"""),
    md("""
Two rows give the production car's power, and they differ. They are not the only ones: every
fact in the products table on which the sources disagree is kept, with a shared key.
"""),
    code("""
casestudy.analysis.product_disagreements()
"""),
    md("""
**Takeaway.** Each fact listed has two answers. Not every difference is an error: the
Sandero's two sales counts measure different territories. The launch month, the launch price and
the Turbo's power are unresolved in our sources. A careful analyst gives the figure with its
source, gives both, or states a rule for choosing — and never averages two figures into a third
that no source gave.
"""),
    md("""
### Now you try (15 minutes): then and now

1. **Lead time.** How many months passed between the Turbo 3E show car and the opening of its
   orders? Compare with the R5 E-Tech. Which was faster, and why might a car built in small
   numbers get to market faster — or slower?
2. **Power.** How many times the power of the 1980 Turbo does the production Turbo 3E have?
   Compute it with **both** published figures. Which would you print in an article?
3. **Scarcity.** What share of the limited run was ordered in the first week? What does that
   figure prove, and what does it not?
"""),
    code("""
figures = products.set_index("id")["value"]   # every published figure, by row id
# 1. lead_times.set_index("model_id").loc["renault_5_turbo_3e", "months_to_orders"]
# 2. figures["pr-025"] / figures["pr-045"], then the same with pr-029
# 3. the first-week orders (pr-027) divided by the limited run (pr-026)

# your code here
"""),
    solution("""
lt = lead_times.set_index("model_id")
for model in ["renault_5_turbo_3e", "renault_5_e_tech"]:
    print(f"{lt.loc[model, 'model']}: orders {lt.loc[model, 'months_to_orders']} months after the concept")

sources = products.set_index("id")["source_id"]
for row_id in ["pr-025", "pr-029"]:
    ratio = figures[row_id] / figures["pr-045"]
    print(f"{figures[row_id]:.0f} hp [{sources[row_id]}]: {ratio:.2f} times the 1980 Turbo")

print(f"First-week orders: {figures['pr-027'] / figures['pr-026']:.1%} of the limited run")
"""),
    md("""
**What to take away.** The Turbo 3E reached its order book faster than the R5 E-Tech. A small
series is built in an existing plant (Dieppe, says the note of row `pr-027`), while the volume
car needed the Douai plant converted to electric cars at great cost (row `pr-003`) — but the
Turbo's deliveries are still years away. The two power figures give two ratios
that round differently: round to what both sources support, or give the source. And a large share of
the run ordered in a week proves scarcity, which is the point of a limited series; it is an
announcement by the company, with a deposit, not a car delivered.
"""),
    md("""
## 6. Other retro revivals: does nostalgia last?

Renault was not the first to try. Volkswagen revived the Beetle in 1998, BMW the MINI in 2001,
Fiat the 500 in 2007 — a relaunch led by Luca de Meo, of which Sergio Marchionne said:
*"I want Fiat to become the Apple of automobiles. And the 500 will be our iPod."* Fiat then made
an electric 500e. The chart puts them on one clock: years after each car's market debut.

**Before you run the next cell:** which of these revivals do you expect to have lasted? And can
you compare their sales?
"""),
    code("""
retro_chart = plots.retro_revivals_chart()
retro_chart
"""),
    code("""
retro = casestudy.analysis.retro_revivals()
retro[retro["measure"].notna()][["model", "debut_year", "years_after_debut", "label",
                                 "confidence", "source_id"]]
"""),
    md("""
**Takeaway.** Almost no two figures measure the same thing: US sales in one year, world sales
over more than a decade, a first month, a plant's output, French registrations. They cannot be put
on one scale, and the chart does not try. Two lessons survive anyway. Revivals can last: the
MINI was still selling in large numbers well over a decade on. And a strong start proves little:
the Fiat 500e grew year after year, then collapsed — a **counter-example** that Caradisiac itself
held up to the R5. The R5's record is the shortest on the chart: it is too early to judge.

Note the `medium` confidence of the 500e's launch year, taken from the research file rather than
the article read.
"""),
    md("""
**Not everything is nostalgia.** The same group sells Dacias, cars built on price, not memory.
Which sells more, and who counts?
"""),
    code("""
casestudy.analysis.product_facts(["dacia_sandero", "dacia_spring"])
"""),
    md("""
**Takeaway.** The Sandero, Europe's best-selling car of 2024, is no retro revival: the group runs
two product logics side by side, emotion and price. Its sales count depends on who counts (the
brand or the analysts of JATO, with different territories). And the Spring's fall in 2024, which
the source blames on cuts to electric-car incentives, is a second warning for any electric car
whose early demand rests on public money.
"""),
    md("""
## 7. The Renault 5 through the four As

**Before you run the next cell:** take the four As of section 1 and find, for each, one element
of the R5 story in this notebook. Then compare with the authors' reading.
"""),
    code("""
casestudy.analysis.four_as_reading()
"""),
    md("""
**Takeaway.** Every reading is a `teaching suggestion`, not a finding of Brown, Kozinets and
Sherry: argue with it. The `evidence` column points to rows of the products table. *Antinomy* is
the richest: a popular car, once bought by millions, first sold well above its promised price;
a rally legend reborn as a collector's item. And Schindler and Holbrook's finding asks whom the
*Arcadia* is for: work out how old the people were who were young when the original was
France's best-seller — are they the R5 E-Tech's buyers?
"""),
    md("""
## 8. Discussion: decisions to defend

Prepare one of these for class. There is no single right answer; every argument must use the
data above.

1. **You are the Renault brand CEO in 2021.** Bet on a Renault 5 revival, or launch the small
   electric car under a new name? Weigh attention, trust and a ready-made story against a
   generation-bound appeal and the comparison with a cheap, popular original.
2. **You are Renault's head of product in February 2024.** Do you announce the entry price at
   Geneva, knowing the cheap version will follow more than a year after the expensive one — or
   wait until you can sell it? What does each choice do to the launch coverage?
3. **You are a motoring journalist in 2025.** Renault sends you a waiting list, a production
   milestone, a first-week order count and an award. Write the first two sentences of your
   article without letting any of them pass for a sales figure.
4. **You sit on the board in 2025.** Is the Turbo 3E — a small series at a collector's price,
   revealed in a documentary — a good use of the company's money and attention? What would
   convince you either way?
5. **You teach this case in 2030.** The New Beetle, the MINI and the Fiat 500e all started well.
   Which figure, over how many years, would you use to call the R5 a success or a failure — and
   who publishes it?
"""),
    md("""
## 9. Check yourself

Questions on this notebook, and a few on *00*, *01* and *02* to keep them fresh. Your answers
are saved as you go.
"""),
    quiz("03-product"),
    md("""
## 10. Sources for this notebook

Every product fact, chart and framework used above, with its full reference:
"""),
    code("""
casestudy.notebook.sources(
    concept_chart.source_ids + price_chart.source_ids + retro_chart.source_ids
    + list(products["source_id"])
    + ["brown-kozinets-sherry-2003", "schindler-holbrook-2003", "italymagazine-fiat-500",
       "kotter-1995", "kf"]
)
"""),
]

write(
    str(Path(__file__).parents[2] / "notebooks" / "03-product.ipynb"),
    cells,
    "03 — Product: Renault 5 E-Tech, 5 Turbo 3E: nostalgia as strategy",
)
print("written")
