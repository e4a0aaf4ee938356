"""Notebook 02 (strategy): the 2022 margin, targets merged with delivery, the margin chart."""

from __future__ import annotations

from .core import Exercise, Mistake
from .crisis import HALF_YEAR, RESTATED
from .tables import one, preferring, series

NOTEBOOK = "02-strategy"
YEARS = range(2019, 2026)
TABLE_COLUMNS = {"ex-02-margin-targets": ("id", "delivered")}


def _margin_targets(year_column: str = "deadline_year", period: str = "FY") -> dict:
    from casestudy import load

    targets = load("targets")
    rows = targets[
        (targets["plan"] == "renaulution") & (targets["metric"] == "operating_margin_pct")
    ]
    delivered = series("operating_margin_pct", period)
    out = {}
    for _, row in rows.iterrows():
        year = row[year_column]
        year = int(year.year) if hasattr(year, "year") else int(year)
        if year in delivered:
            out[row["id"]] = delivered[year]
    return out


EXERCISES = (
    Exercise(
        id="ex-02-margin-2022",
        notebook=NOTEBOOK,
        kind="value",
        title={
            "en": "Filter: the 2022 full-year operating margin as published (% of revenue)",
            "fr": "Filtrer : la marge opérationnelle 2022, année entière, publiée (% du CA)",
        },
        expected=lambda: one("operating_margin_pct", 2022),
        mistakes=(
            Mistake(
                "restated_for_published",
                lambda: one("operating_margin_pct", 2022, basis="restated"),
                RESTATED,
            ),
            Mistake("half_year", lambda: one("operating_margin_pct", 2022, "H1"), HALF_YEAR),
            Mistake(
                "second_half",
                lambda: one("operating_margin_pct", 2022, "H2"),
                {
                    "en": "That is the second half alone (period H2). The full year mixes a "
                    "weaker first half with it: filter period == 'FY'.",
                    "fr": "C'est le second semestre seul (H2). L'année entière y ajoute un "
                    "premier semestre plus faible\u00a0: filtrez period == 'FY'.",
                },
            ),
        ),
        tolerance=0.05,
    ),
    Exercise(
        id="ex-02-margin-targets",
        notebook=NOTEBOOK,
        kind="table",
        title={
            "en": "Merge: Renaulution margin targets with the margin delivered in their deadline "
            "year",
            "fr": "Fusionner : les objectifs de marge de Renaulution et la marge de l'année "
            "d'échéance",
        },
        expected=_margin_targets,
        mistakes=(
            Mistake(
                "announced_year",
                lambda: _margin_targets("announced"),
                {
                    "en": "You merged on the year the target was announced. A target is judged "
                    "in its deadline year: merge on deadline_year.",
                    "fr": "Vous avez fusionné sur l'année d'annonce. Un objectif se juge à son "
                    "échéance\u00a0: fusionnez sur deadline_year.",
                },
            ),
            Mistake("half_year", lambda: _margin_targets(period="H1"), HALF_YEAR),
        ),
    ),
    Exercise(
        id="ex-02-chart-margin",
        notebook=NOTEBOOK,
        kind="chart",
        title={
            "en": "Chart: full-year operating margin as published, 2019–2025, labelled 'margin'",
            "fr": "Graphique : marge opérationnelle annuelle publiée, 2019–2025, 'margin'",
        },
        expected=lambda: {"margin": series("operating_margin_pct", years=YEARS)},
        mistakes=(
            Mistake(
                "restated_for_published",
                lambda: {"margin": preferring("operating_margin_pct", "restated", years=YEARS)},
                RESTATED,
            ),
            Mistake(
                "half_year",
                lambda: {"margin": series("operating_margin_pct", "H1", years=YEARS)},
                HALF_YEAR,
            ),
        ),
    ),
)
