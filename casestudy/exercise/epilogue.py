"""Notebook 05 (epilogue): 2025 without Nissan, a net margin from two tables, the margin chart."""

from __future__ import annotations

from .core import Exercise, Mistake
from .crisis import HALF_YEAR, TOTAL
from .tables import one, series

NOTEBOOK = "05-epilogue"
YEARS = range(2023, 2026)
TABLE_COLUMNS = {"ex-05-net-margin": ("year", "net_margin_pct")}


def _excluding(year: int = 2025, period: str = "FY") -> float:
    from casestudy import load

    impacts = load("nissan_impacts")
    rows = impacts[
        (impacts["year"] == year)
        & (impacts["period"] == period)
        & (impacts["item"] == "excluding_nissan")
    ]
    return float(rows["value"].iloc[0])


def _net_margin(numerator: str = "net_income_group_share", period: str = "FY") -> dict:
    income = series(numerator, years=YEARS)
    revenue = series("revenue", period, years=YEARS)
    return {y: 100.0 * income[y] / revenue[y] for y in income if y in revenue}


EXERCISES = (
    Exercise(
        id="ex-05-excluding-nissan",
        notebook=NOTEBOOK,
        kind="value",
        title={
            "en": "Filter: 2025 net income (group share) excluding Nissan (EUR million)",
            "fr": "Filtrer : résultat net 2025 (part du groupe) hors Nissan (M EUR)",
        },
        expected=_excluding,
        mistakes=(
            Mistake("half_year", lambda: _excluding(period="H1"), HALF_YEAR),
            Mistake(
                "reported_with_nissan",
                lambda: one("net_income_group_share", 2025),
                {
                    "en": "That is the reported result, Nissan's write-down included. The task "
                    "asks for the figure without Nissan: table nissan_impacts, item "
                    "'excluding_nissan'.",
                    "fr": "C'est le résultat publié, dépréciation de Nissan comprise. La consigne "
                    "demande le chiffre hors Nissan\u00a0: table nissan_impacts, item "
                    "'excluding_nissan'.",
                },
            ),
        ),
        tolerance=0.5,
    ),
    Exercise(
        id="ex-05-net-margin",
        notebook=NOTEBOOK,
        kind="table",
        title={
            "en": "Merge: net income (group share) over revenue, full years 2023–2025, in %",
            "fr": "Fusionner : résultat net (part du groupe) sur chiffre d'affaires, 2023–2025, %",
        },
        expected=_net_margin,
        mistakes=(
            Mistake("half_year", lambda: _net_margin(period="H1"), HALF_YEAR),
            Mistake("total_for_group_share", lambda: _net_margin("net_income"), TOTAL),
        ),
        tolerance=0.05,
    ),
    Exercise(
        id="ex-05-chart-margin",
        notebook=NOTEBOOK,
        kind="chart",
        title={
            "en": "Chart: full-year operating margin in EUR million, 2018–2025, 'operating margin'",
            "fr": "Graphique : marge opérationnelle annuelle en M EUR, 2018–2025, "
            "'operating margin'",
        },
        expected=lambda: {"operating margin": series("operating_margin", years=range(2018, 2026))},
        mistakes=(
            Mistake(
                "percent_for_amount",
                lambda: {
                    "operating margin": series("operating_margin_pct", years=range(2018, 2026))
                },
                {
                    "en": "You drew the margin in % of revenue (operating_margin_pct). The task "
                    "asks for the amount in EUR million: metric 'operating_margin'.",
                    "fr": "Vous avez tracé la marge en % du CA (operating_margin_pct). La "
                    "consigne demande le montant en M EUR\u00a0: 'operating_margin'.",
                },
            ),
            Mistake(
                "half_year",
                lambda: {
                    "operating margin": series("operating_margin", "H1", years=range(2018, 2026))
                },
                HALF_YEAR,
            ),
        ),
        tolerance=0.5,
    ),
)
