"""Exercises of notebook 05 (epilogue): the 2025 loss, Nissan's part in it, eight years."""

from __future__ import annotations

from casestudy import data

from .core import Exercise, Mistake
from .tables import financial, minus, one

NB = "05-epilogue"
YEARS = range(2018, 2026)


def _excluding_nissan(rounded: bool = False) -> dict[int, float]:
    """Renault's FY result without Nissan: the exact figure, or the rounded one where given."""
    impacts = data.load("nissan_impacts")
    rows = impacts[(impacts["item"] == "excluding_nissan") & (impacts["period"] == "FY")]
    rows = rows.sort_values("rounded", ascending=not rounded).drop_duplicates("year")
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def _nissan_effect(metric: str = "net_income_group_share", rounded: bool = False) -> dict:
    return minus(financial(metric, range(2024, 2026)), _excluding_nissan(rounded))


EXERCISES = [
    Exercise(
        id="ex-05-fy2025-loss",
        notebook=NB,
        kind="value",
        title_en="Filter: the net loss of 2025, full year, group share (EUR million)",
        title_fr="Filtrer : la perte nette 2025, année entière, part du groupe (M EUR)",
        expected=lambda: one("net_income_group_share", 2025),
        mistakes=(
            Mistake(
                lambda: one("net_income_group_share", 2025, period="H1"),
                "That is the first half of 2025 (period H1); the full year (FY) lost a little "
                "less, because the second half made a profit.",
                "C'est le premier semestre 2025 (H1) ; l'année entière (FY) a perdu un peu "
                "moins, car le second semestre a été bénéficiaire.",
            ),
            Mistake(
                lambda: one("net_income", 2025),
                "That is the total net income, minority interests included; take the group "
                "share (net_income_group_share).",
                "C'est le résultat net total, minoritaires compris ; prenez la part du groupe "
                "(net_income_group_share).",
            ),
        ),
        done_en="A larger loss than 2020's — and, as the next exercise shows, Nissan accounts "
        "for more than all of it.",
        done_fr="Une perte plus lourde que celle de 2020 — et, comme le montre l'exercice "
        "suivant, Nissan en explique plus que la totalité.",
    ),
    Exercise(
        id="ex-05-nissan-effect",
        notebook=NB,
        kind="table",
        title_en="Merge two tables: Nissan's effect on net income, 2024 and 2025 (EUR million)",
        title_fr="Fusionner deux tableaux : l'effet de Nissan sur le résultat net, 2024 et 2025 "
        "(M EUR)",
        expected=_nissan_effect,
        mistakes=(
            Mistake(
                lambda: _nissan_effect("net_income"),
                "You started from the total net income; the 'excluding Nissan' figures are "
                "group share, so take net_income_group_share.",
                "Vous êtes parti du résultat net total ; les chiffres « hors Nissan » sont en "
                "part du groupe : prenez net_income_group_share.",
            ),
            Mistake(
                lambda: _nissan_effect(rounded=True),
                "You used the rounded 'excluding Nissan' figures (rounded == True); take the "
                "exact ones where the table has them.",
                "Vous avez pris les chiffres « hors Nissan » arrondis (rounded == True) ; "
                "prenez les chiffres exacts quand le tableau les donne.",
            ),
        ),
        done_en="Without Nissan, Renault made a profit in both years.",
        done_fr="Sans Nissan, Renault a été bénéficiaire les deux années.",
    ),
    Exercise(
        id="ex-05-net-income-chart",
        notebook=NB,
        kind="chart",
        title_en="Chart: full-year net income, group share, 2018-2025 (EUR million)",
        title_fr="Graphique : résultat net annuel, part du groupe, 2018-2025 (M EUR)",
        expected=lambda: financial("net_income_group_share", YEARS),
        mistakes=(
            Mistake(
                lambda: financial("net_income", YEARS),
                "You drew the total net income (net_income); draw the group share "
                "(net_income_group_share).",
                "Vous avez tracé le résultat net total (net_income) ; tracez la part du groupe "
                "(net_income_group_share).",
            ),
            Mistake(
                lambda: {
                    **financial("net_income_group_share", YEARS),
                    2022: one("net_income_group_share", 2022, basis="restated"),
                },
                "For 2022 you drew the figure restated under IFRS 17; draw what was published "
                "at the time (basis as_published).",
                "Pour 2022 vous avez tracé le chiffre retraité selon IFRS 17 ; tracez ce qui a "
                "été publié à l'époque (base as_published).",
            ),
        ),
        done_en="Two deep losses, five years apart; Nissan weighs heavily on both.",
        done_fr="Deux pertes profondes, à cinq ans d'écart ; Nissan pèse lourd dans les deux.",
    ),
]
