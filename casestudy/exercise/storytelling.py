"""Notebook 04 (storytelling): claims about the comeback, counted and shared by verdict."""

from __future__ import annotations

from .core import Exercise, Mistake

NOTEBOOK = "04-storytelling"
TABLE_COLUMNS = {"ex-04-verdict-share": ("verdict", "share_pct")}


def _claims():
    from casestudy import load

    return load("claims")


def _share(by: str = "verdict") -> dict:
    counts = _claims()[by].value_counts()
    return {k: 100.0 * n / counts.sum() for k, n in counts.items()}


def _count(by: str = "verdict") -> dict:
    return {k: float(n) for k, n in _claims()[by].value_counts().items()}


def _press_supported(claimant: str | None = "press", verdict: str | None = "supported") -> float:
    claims = _claims()
    if claimant is not None:
        claims = claims[claims["claimant_type"] == claimant]
    if verdict is not None:
        claims = claims[claims["verdict"] == verdict]
    return float(len(claims))


COUNTS_NOT_SHARES = {
    "en": "These are counts. The task asks for each verdict's share of all claims, in %: "
    "divide by the number of claims and multiply by 100.",
    "fr": "Ce sont des effectifs. La consigne demande la part de chaque verdict, en %\u00a0: "
    "divisez par le nombre d'affirmations et multipliez par 100.",
}

EXERCISES = (
    Exercise(
        id="ex-04-verdict-share",
        notebook=NOTEBOOK,
        kind="table",
        title={
            "en": "Group: each verdict's share of the checked claims (%)",
            "fr": "Grouper : la part de chaque verdict parmi les affirmations (%)",
        },
        expected=_share,
        mistakes=(Mistake("counts_for_shares", _count, COUNTS_NOT_SHARES),),
        tolerance=0.5,
    ),
    Exercise(
        id="ex-04-press-supported",
        notebook=NOTEBOOK,
        kind="value",
        title={
            "en": "Filter: how many press claims does the data fully support?",
            "fr": "Filtrer : combien d'affirmations de presse les données confirment-elles ?",
        },
        expected=_press_supported,
        mistakes=(
            Mistake(
                "every_claimant",
                lambda: _press_supported(claimant=None),
                {
                    "en": "You counted supported claims from every claimant, the company's "
                    "included. Keep claimant_type == 'press'.",
                    "fr": "Vous avez compté les affirmations confirmées de tous les auteurs, "
                    "l'entreprise comprise. Gardez claimant_type == 'press'.",
                },
            ),
            Mistake(
                "every_verdict",
                lambda: _press_supported(verdict=None),
                {
                    "en": "That is every press claim, whatever its verdict. Keep "
                    "verdict == 'supported' as well.",
                    "fr": "C'est le total des affirmations de presse, tous verdicts confondus. "
                    "Gardez aussi verdict == 'supported'.",
                },
            ),
        ),
        tolerance=0.01,
    ),
    Exercise(
        id="ex-04-chart-claimants",
        notebook=NOTEBOOK,
        kind="chart",
        title={
            "en": "Group and chart: claims per type of claimant, bars labelled 'claims'",
            "fr": "Grouper et tracer : affirmations par type d'auteur, barres 'claims'",
        },
        expected=lambda: {"claims": _count("claimant_type")},
        mistakes=(
            Mistake(
                "verdict_for_claimant",
                lambda: {"claims": _count("verdict")},
                {
                    "en": "Your bars group the claims by verdict. The task groups them by who "
                    "made them: claimant_type.",
                    "fr": "Vos barres regroupent par verdict. La consigne regroupe "
                    "par auteur\u00a0: claimant_type.",
                },
            ),
            Mistake(
                "shares_for_counts",
                lambda: {"claims": _share("claimant_type")},
                {
                    "en": "These are shares in %. The task asks for the number of claims.",
                    "fr": "Ce sont des parts en %. La consigne demande le nombre d'affirmations.",
                },
            ),
        ),
    ),
)
