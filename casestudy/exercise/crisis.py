"""Notebook 01 (crisis): the 2020 loss, the net income series, the revenue chart."""

from __future__ import annotations

from .core import Exercise, Mistake
from .tables import one, preferring, series

NOTEBOOK = "01-crisis"
YEARS = range(2018, 2022)
INCOME_YEARS = range(2018, 2023)
TABLE_COLUMNS = {"ex-01-net-income": ("year", "value")}

HALF_YEAR = {
    "en": "That is the first-half figure (period H1). The task asks for the full year: "
    "filter period == 'FY'.",
    "fr": "C'est le chiffre du premier semestre (période H1). La consigne demande l'année "
    "entière\u00a0: filtrez period == 'FY'.",
}
TOTAL = {
    "en": "That is net income for the whole consolidated group, minority interests included "
    "(metric 'net_income'). The task asks for the group share: 'net_income_group_share'.",
    "fr": "C'est le résultat net de l'ensemble consolidé, minoritaires compris ('net_income'). "
    "La consigne demande la part du groupe\u00a0: 'net_income_group_share'.",
}
RESTATED = {
    "en": "You used a restated figure (basis 'restated', recomputed a year later under new "
    "rules). The task asks for what was published at the time: basis == 'as_published'.",
    "fr": "Vous avez pris un chiffre retraité (base 'restated', recalculé un an plus tard). "
    "La consigne demande le chiffre publié à l'époque\u00a0: basis == 'as_published'.",
}

EXERCISES = (
    Exercise(
        id="ex-01-loss-2020",
        notebook=NOTEBOOK,
        kind="value",
        title={
            "en": "Filter: Renault's 2020 net income, group share, as published (EUR million)",
            "fr": "Filtrer : le résultat net 2020, part du groupe, tel que publié (M EUR)",
        },
        expected=lambda: one("net_income_group_share", 2020),
        mistakes=(
            Mistake("half_year", lambda: one("net_income_group_share", 2020, "H1"), HALF_YEAR),
            Mistake("total_for_group_share", lambda: one("net_income", 2020), TOTAL),
        ),
        tolerance=0.5,
        hint={
            "en": "The full-year loss is larger than the half-year one that the press quoted.",
            "fr": "La perte annuelle dépasse celle du semestre que la presse a citée.",
        },
    ),
    Exercise(
        id="ex-01-net-income",
        notebook=NOTEBOOK,
        kind="table",
        title={
            "en": "Filter: full-year net income (group share) as published, 2018–2022, by year",
            "fr": "Filtrer : résultat net annuel (part du groupe) publié, 2018–2022, par année",
        },
        expected=lambda: series("net_income_group_share", years=INCOME_YEARS),
        mistakes=(
            Mistake(
                "half_year",
                lambda: series("net_income_group_share", "H1", years=INCOME_YEARS),
                HALF_YEAR,
            ),
            Mistake(
                "total_for_group_share", lambda: series("net_income", years=INCOME_YEARS), TOTAL
            ),
            Mistake(
                "restated_for_published",
                lambda: preferring("net_income_group_share", "restated", years=INCOME_YEARS),
                RESTATED,
            ),
        ),
        tolerance=0.5,
    ),
    Exercise(
        id="ex-01-chart-revenue",
        notebook=NOTEBOOK,
        kind="chart",
        title={
            "en": "Chart: full-year revenue as published, 2018–2021, one line labelled 'revenue'",
            "fr": "Graphique : chiffre d'affaires annuel publié, 2018–2021, une ligne 'revenue'",
        },
        expected=lambda: {"revenue": series("revenue", years=YEARS)},
        mistakes=(
            Mistake(
                "half_year",
                lambda: {"revenue": series("revenue", "H1", years=YEARS)},
                HALF_YEAR,
            ),
            Mistake(
                "restated_for_published",
                lambda: {"revenue": preferring("revenue", "restated", years=YEARS)},
                RESTATED,
            ),
        ),
        tolerance=0.5,
    ),
)
