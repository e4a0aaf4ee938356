"""Exercises of notebook 04 (storytelling): checking the coverage's claims against the accounts."""

from __future__ import annotations

from casestudy import data

from .core import Exercise, Mistake

NB = "04-storytelling"


def _verdicts(claimant_type: str | None = None, share: bool = False) -> dict[str, float]:
    claims = data.load("claims")
    if claimant_type:
        claims = claims[claims["claimant_type"] == claimant_type]
    counts = claims["verdict"].astype(str).value_counts(normalize=share)
    return {str(k): float(v) for k, v in counts.items()}


def _evidence(basis: str = "as_published") -> dict[str, float]:
    claims = data.load("claims")
    fin = data.load("financials")
    fin = fin[fin["basis"] == basis]
    checked = claims[claims["evidence_table"] == "financials"]
    merged = checked.merge(
        fin,
        left_on=["evidence_metric", "evidence_period", "evidence_year"],
        right_on=["metric", "period", "year"],
    )
    return dict(zip(merged["id"], merged["value"].astype(float), strict=True))


def _evidence_latest() -> dict[str, float]:
    out = _evidence()
    out.update(_evidence("restated"))
    return out


EXERCISES = [
    Exercise(
        id="ex-04-press-verdicts",
        notebook=NB,
        kind="table",
        title_en="Group: how many press claims got each verdict",
        title_fr="Regrouper : combien d'affirmations de la presse par verdict",
        key="verdict",
        value="count",
        expected=lambda: _verdicts("press"),
        tolerance=0,
        mistakes=(
            Mistake(
                lambda: _verdicts(),
                "You counted every claimant — the company, the producers and others too; keep "
                "the rows where claimant_type is 'press'.",
                "Vous avez compté tous les auteurs — l'entreprise, les producteurs et d'autres ; "
                "gardez les lignes où claimant_type vaut 'press'.",
            ),
            Mistake(
                lambda: _verdicts("press", share=True),
                "These are shares (normalize=True); the question asks for counts.",
                "Ce sont des parts (normalize=True) ; la question demande des nombres.",
            ),
        ),
        done_en="The press is rarely plainly wrong here; more often it is only partly right, or "
        "cannot be checked.",
        done_fr="La presse se trompe rarement franchement ici ; plus souvent elle n'a qu'en "
        "partie raison, ou n'est pas vérifiable.",
    ),
    Exercise(
        id="ex-04-claim-evidence",
        notebook=NB,
        kind="table",
        title_en="Merge: the published figure behind each claim checked against the accounts",
        title_fr="Fusionner : le chiffre publié derrière chaque affirmation vérifiée sur les "
        "comptes",
        key="id",
        expected=_evidence,
        mistakes=(
            Mistake(
                _evidence_latest,
                "For a claim about 2022 you took the figure restated a year later; a claim is "
                "checked against what was published then (basis as_published).",
                "Pour une affirmation sur 2022 vous avez pris le chiffre retraité un an plus "
                "tard ; on vérifie une affirmation contre ce qui était publié alors (base "
                "as_published).",
            ),
        ),
        done_en="Each claim now sits next to the figure it must be judged against.",
        done_fr="Chaque affirmation est maintenant à côté du chiffre qui permet d'en juger.",
    ),
    Exercise(
        id="ex-04-verdict-chart",
        notebook=NB,
        kind="chart",
        title_en="Chart: a bar per verdict, counting every claim in the table",
        title_fr="Graphique : une barre par verdict, pour toutes les affirmations du tableau",
        expected=lambda: _verdicts(),
        tolerance=0,
        mistakes=(
            Mistake(
                lambda: _verdicts("press"),
                "You drew the press claims only; this chart counts every claimant.",
                "Vous n'avez tracé que la presse ; ce graphique compte tous les auteurs.",
            ),
            Mistake(
                lambda: _verdicts(share=True),
                "These are shares (normalize=True); draw counts.",
                "Ce sont des parts (normalize=True) ; tracez des nombres.",
            ),
        ),
        done_en="Only a minority of all claims are fully supported by a source.",
        done_fr="Seule une minorité des affirmations est entièrement étayée par une source.",
    ),
]
