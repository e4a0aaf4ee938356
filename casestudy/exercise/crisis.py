"""Exercises of notebook 01 (the crisis): the 2020 loss, Renault without Nissan, revenue."""

from __future__ import annotations

from .core import Exercise, Mistake
from .tables import financial, minus, one

NB = "01-crisis"
YEARS = range(2018, 2022)

EXERCISES = [
    Exercise(
        id="ex-01-fy2020-loss",
        notebook=NB,
        kind="value",
        title_en="Filter: Renault's net loss for the full year 2020, group share (EUR million)",
        title_fr="Filtrer : la perte nette de Renault sur l'année 2020, part du groupe (M EUR)",
        expected=lambda: one("net_income_group_share", 2020),
        mistakes=(
            Mistake(
                lambda: one("net_income", 2020),
                "That is the total net income, minority interests included; the question asks "
                "for the group share (metric net_income_group_share).",
                "C'est le résultat net total, minoritaires compris ; la question demande la part "
                "du groupe (indicateur net_income_group_share).",
            ),
            Mistake(
                lambda: one("net_income_group_share", 2020, period="H1"),
                "That is the first half of 2020 (period H1) — the '7.3 billion' of the press — "
                "not the full year (period FY).",
                "C'est le premier semestre 2020 (période H1) — les « 7,3 milliards » de la "
                "presse — pas l'année entière (période FY).",
            ),
            Mistake(
                lambda: one("net_income", 2020, period="H1"),
                "That is the first half of 2020, and the total rather than the group share: "
                "filter on period FY and on net_income_group_share.",
                "C'est le premier semestre 2020, et le total au lieu de la part du groupe : "
                "filtrez sur la période FY et sur net_income_group_share.",
            ),
        ),
        done_en="The full-year loss, group share, as published in February 2021.",
        done_fr="La perte de l'année, part du groupe, publiée en février 2021.",
    ),
    Exercise(
        id="ex-01-without-nissan",
        notebook=NB,
        kind="table",
        title_en="Reshape and subtract: net income without Nissan's contribution, 2018-2021",
        title_fr="Remodeler et soustraire : le résultat net sans la contribution de Nissan, "
        "2018-2021",
        expected=lambda: minus(
            financial("net_income_group_share", YEARS), financial("nissan_contribution", YEARS)
        ),
        mistakes=(
            Mistake(
                lambda: minus(
                    financial("net_income", YEARS), financial("nissan_contribution", YEARS)
                ),
                "You started from the total net income; use the group share "
                "(net_income_group_share), the measure Nissan's contribution is part of.",
                "Vous êtes parti du résultat net total ; prenez la part du groupe "
                "(net_income_group_share), dont la contribution de Nissan fait partie.",
            ),
            Mistake(
                lambda: {
                    y: v + financial("nissan_contribution", YEARS)[y]
                    for y, v in financial("net_income_group_share", YEARS).items()
                },
                "You added Nissan's contribution instead of taking it away.",
                "Vous avez ajouté la contribution de Nissan au lieu de la retirer.",
            ),
        ),
        done_en="Without Nissan, 2020 is still a loss, but well under half the headline figure.",
        done_fr="Sans Nissan, 2020 reste une perte, mais bien moins de la moitié du chiffre "
        "annoncé.",
    ),
    Exercise(
        id="ex-01-revenue-chart",
        notebook=NB,
        kind="chart",
        title_en="Chart: full-year revenue 2018-2021, as published (EUR million)",
        title_fr="Graphique : chiffre d'affaires annuel 2018-2021, tel que publié (M EUR)",
        expected=lambda: financial("revenue", YEARS),
        mistakes=(
            Mistake(
                lambda: financial("revenue", YEARS, period="H1"),
                "These are first-half revenues (period H1); the chart asks for full years (FY).",
                "Ce sont les chiffres d'affaires du premier semestre (H1) ; le graphique "
                "demande les années entières (FY).",
            ),
            Mistake(
                lambda: {
                    **financial("revenue", YEARS),
                    **financial("revenue", [2021], basis="restated"),
                },
                "For 2021 you drew the figure restated without Russia; draw what was published "
                "at the time (basis as_published).",
                "Pour 2021 vous avez tracé le chiffre retraité sans la Russie ; tracez ce qui a "
                "été publié à l'époque (base as_published).",
            ),
        ),
        done_en="Revenue fell by about a fifth in 2020 and recovered only partly in 2021.",
        done_fr="Le chiffre d'affaires a perdu environ un cinquième en 2020 et ne s'est que "
        "partiellement redressé en 2021.",
    ),
]
