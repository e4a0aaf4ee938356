"""Exercises of notebook 02 (strategy): like-for-like growth, cumulative cash, the margin."""

from __future__ import annotations

from .core import Exercise, Mistake
from .tables import financial, latest, one

NB = "02-strategy"
MARGIN_YEARS = range(2019, 2026)
FCF_YEARS = range(2021, 2024)


def _growth(new: float, old: float) -> float:
    return (new / old - 1) * 100


def _fcf_all_rows() -> float:
    from casestudy import data

    fin = data.load("financials")
    rows = fin[
        (fin["metric"] == "automotive_fcf")
        & (fin["period"] == "FY")
        & (fin["basis"] == "as_published")
        & fin["year"].between(2021, 2023)
    ]
    return float(rows["value"].sum())


EXERCISES = [
    Exercise(
        id="ex-02-growth",
        notebook=NB,
        kind="value",
        title_en="Filter and compute: revenue growth 2021 to 2022, like for like (%)",
        title_fr="Filtrer et calculer : croissance du chiffre d'affaires 2021-2022, à périmètre "
        "comparable (%)",
        expected=lambda: _growth(one("revenue", 2022), one("revenue", 2021, basis="restated")),
        tolerance=0.06,
        percent=True,
        mistakes=(
            Mistake(
                lambda: _growth(one("revenue", 2022), one("revenue", 2021)),
                "You compared both years as first published: 2021 then still included Russia, "
                "2022 no longer did. Take 2021 restated (basis restated).",
                "Vous avez comparé les deux années telles que publiées : 2021 comprenait encore "
                "la Russie, 2022 non. Prenez 2021 retraité (base restated).",
            ),
            Mistake(
                lambda: _growth(
                    one("revenue", 2022, basis="restated"), one("revenue", 2021, basis="restated")
                ),
                "You took 2022 restated under IFRS 17 too: that mixes two accounting rules. "
                "Compare 2022 as published with 2021 restated.",
                "Vous avez pris aussi 2022 retraité selon IFRS 17 : cela mélange deux règles "
                "comptables. Comparez 2022 publié et 2021 retraité.",
            ),
            Mistake(
                lambda: _growth(one("revenue", 2022, basis="restated"), one("revenue", 2021)),
                "Restated 2022 against published 2021 is the least comparable pair of all: "
                "2021 restated, 2022 as published.",
                "2022 retraité contre 2021 publié est la paire la moins comparable : prenez "
                "2021 retraité et 2022 publié.",
            ),
        ),
        done_en="Like for like — Russia out of both years — which is the figure Renault reported.",
        done_fr="À périmètre comparable — sans la Russie les deux années — le chiffre publié "
        "par Renault.",
    ),
    Exercise(
        id="ex-02-fcf-sum",
        notebook=NB,
        kind="value",
        title_en="Group and add: automotive free cash flow 2021-2023, as published (EUR million)",
        title_fr="Regrouper et additionner : flux de trésorerie disponible de l'automobile "
        "2021-2023, publié (M EUR)",
        expected=lambda: sum(financial("automotive_fcf", FCF_YEARS).values()),
        mistakes=(
            Mistake(
                _fcf_all_rows,
                "2021 has two rows on the same basis; you added both. Keep the one with high "
                "confidence (column confidence).",
                "2021 a deux lignes sur la même base ; vous avez additionné les deux. Gardez "
                "celle dont la confiance est élevée (colonne confidence).",
            ),
            Mistake(
                lambda: sum(latest("automotive_fcf", FCF_YEARS).values()),
                "You used 2021 restated without Russia; the plan's target was set on the "
                "figures as published.",
                "Vous avez pris 2021 retraité sans la Russie ; la cible du plan portait sur "
                "les chiffres publiés.",
            ),
            Mistake(
                lambda: sum(financial("automotive_fcf", range(2022, 2024)).values()),
                "A year is missing: 2021 to 2023 is three years.",
                "Il manque une année : de 2021 à 2023, cela fait trois ans.",
            ),
            Mistake(
                lambda: sum(financial("automotive_fcf", range(2021, 2023)).values()),
                "A year is missing: 2021 to 2023 includes 2023.",
                "Il manque une année : de 2021 à 2023, 2023 compris.",
            ),
        ),
        done_en="More than double the 'about EUR 3bn' the plan promised for 2021-2023.",
        done_fr="Plus du double des « environ 3 Md EUR » promis pour 2021-2023.",
    ),
    Exercise(
        id="ex-02-margin-chart",
        notebook=NB,
        kind="chart",
        title_en="Chart: operating margin (% of revenue) 2019-2025, as published",
        title_fr="Graphique : marge opérationnelle (% du CA) 2019-2025, telle que publiée",
        expected=lambda: financial("operating_margin_pct", MARGIN_YEARS),
        tolerance=0.05,
        mistakes=(
            Mistake(
                lambda: latest("operating_margin_pct", MARGIN_YEARS),
                "You drew the restated figures for 2021 and 2022; draw what was published at "
                "the time (basis as_published), the figures the targets were judged on.",
                "Vous avez tracé les chiffres retraités de 2021 et 2022 ; tracez ce qui a été "
                "publié à l'époque (base as_published), sur quoi les cibles étaient jugées.",
            ),
            Mistake(
                lambda: financial("operating_margin", MARGIN_YEARS),
                "These are EUR million (metric operating_margin); the chart asks for the "
                "margin as a percentage of revenue (operating_margin_pct).",
                "Ce sont des millions d'euros (operating_margin) ; le graphique demande la "
                "marge en pourcentage du chiffre d'affaires (operating_margin_pct).",
            ),
            Mistake(
                lambda: financial("operating_margin_pct", MARGIN_YEARS, period="H1"),
                "These are first-half margins (period H1); draw the full years (FY).",
                "Ce sont les marges du premier semestre (H1) ; tracez les années entières (FY).",
            ),
        ),
        done_en="Above 3 % from 2021 and above 5 % from 2022; highest in 2023, lower since.",
        done_fr="Au-dessus de 3 % dès 2021 et de 5 % dès 2022 ; plus haute en 2023, en baisse "
        "depuis.",
    ),
]
