"""Every feedback sentence of the exercise checker that is not tied to one exercise, en + fr."""

from __future__ import annotations

from casestudy import i18n

_NB = "\u00a0"  # French: a no-break space before : ; ! ?

MESSAGES: dict[str, dict[str, str]] = {
    "correct": {"en": "✓ Correct.", "fr": f"✓ Juste{_NB}!"},
    "wrong": {"en": "✗ Not yet.", "fr": "✗ Pas encore."},
    "unknown_id": {
        "en": "There is no exercise “{id}”. casestudy.exercises() lists them all.",
        "fr": f"Il n'y a pas d'exercice «{_NB}{{id}}{_NB}». casestudy.exercises() les liste tous.",
    },
    "not_answered": {
        "en": "Not answered yet: write your code, store the result in `answer`, run both cells.",
        "fr": (
            "Pas encore de réponse : écrivez votre code, mettez le résultat dans `answer`, "
            "exécutez les deux cellules."
        ).replace(" :", f"{_NB}:"),
    },
    "want_number": {
        "en": "Expected a number (e.g. -1234.5), got {got}.",
        "fr": f"Un nombre était attendu (ex. -1234.5){_NB}; reçu{_NB}: {{got}}.",
    },
    "want_table": {
        "en": "Expected a pandas DataFrame or Series, got {got}.",
        "fr": f"Un DataFrame ou une Series pandas était attendu{_NB}; reçu{_NB}: {{got}}.",
    },
    "want_figure": {
        "en": "Expected a matplotlib Figure (e.g. answer = plt.gcf() after drawing), got {got}.",
        "fr": (
            f"Une figure matplotlib était attendue (ex. answer = plt.gcf() après le tracé){_NB}; "
            f"reçu{_NB}: {{got}}."
        ),
    },
    "empty": {
        "en": "Your table is empty: the filter matched no row. Check the spelling of each value.",
        "fr": (
            f"Votre tableau est vide{_NB}: le filtre ne retient aucune ligne. "
            "Vérifiez l'orthographe de chaque valeur."
        ),
    },
    "many_values": {
        "en": "Your filter kept {n} rows; it should leave exactly one number.",
        "fr": f"Votre filtre garde {{n}} lignes{_NB}; il doit rester exactement un nombre.",
    },
    "nan": {
        "en": "The answer is NaN (no value): a filter or a calculation found nothing.",
        "fr": f"La réponse est NaN (pas de valeur){_NB}: un filtre ou un calcul n'a rien trouvé.",
    },
    "no_value_column": {
        "en": "I cannot find the values: keep a '{value}' column (or give a Series).",
        "fr": f"Impossible de trouver les valeurs{_NB}: gardez une colonne '{{value}}' "
        "(ou donnez une Series).",
    },
    "duplicates": {
        "en": "Several rows for {keys}: filter further (basis, period or confidence?).",
        "fr": f"Plusieurs lignes pour {{keys}}{_NB}: filtrez davantage "
        "(base, période ou niveau de confiance{_NB}?).",
    },
    "missing_keys": {
        "en": "Missing: {keys}.",
        "fr": f"Il manque{_NB}: {{keys}}.",
    },
    "extra_keys": {
        "en": "Not asked for: {keys}.",
        "fr": f"En trop{_NB}: {{keys}}.",
    },
    "wrong_values": {
        "en": "The value for {keys} does not match the table; check the filter and the unit.",
        "fr": (
            f"La valeur pour {{keys}} ne correspond pas au tableau{_NB}; "
            "vérifiez le filtre et l'unité."
        ),
    },
    "wrong_number": {
        "en": "This is not the figure in the table; check each filter (year, period, metric, "
        "basis) and the unit.",
        "fr": (
            "Ce n'est pas le chiffre du tableau{_NB}; vérifiez chaque filtre (année, période, "
            "indicateur, base) et l'unité."
        ).replace("{_NB}", _NB),
    },
    "nothing_drawn": {
        "en": "The figure has nothing drawn on it yet: no line, bar or point.",
        "fr": f"La figure est encore vide{_NB}: ni ligne, ni barre, ni point.",
    },
    "no_match_series": {
        "en": "None of the {n} series drawn has the expected points; check the filter and the "
        "x values (years).",
        "fr": (
            f"Aucune des {{n}} séries tracées n'a les points attendus{_NB}; "
            "vérifiez le filtre et les valeurs en x (années)."
        ),
    },
    "no_ylabel": {
        "en": "The data is right; now label the y axis with what it shows and its unit "
        "(ax.set_ylabel).",
        "fr": (
            f"Les données sont justes{_NB}; nommez maintenant l'axe des y avec ce qu'il montre "
            "et son unité (ax.set_ylabel)."
        ),
    },
    "sign": {
        "en": "The sign is wrong: a loss is negative, a profit positive (or you subtracted the "
        "other way round).",
        "fr": (
            f"Le signe est faux{_NB}: une perte est négative, un bénéfice positif "
            "(ou la soustraction est inversée)."
        ),
    },
    "units_bn": {
        "en": "Right figure, wrong unit: the table is in EUR million; you gave billions.",
        "fr": f"Bon chiffre, mauvaise unité{_NB}: le tableau est en millions d'euros{_NB}; "
        "vous avez donné des milliards.",
    },
    "units_k": {
        "en": "Right figure, wrong unit: you multiplied by 1,000 — the table is already in "
        "its unit.",
        "fr": f"Bon chiffre, mauvaise unité{_NB}: vous avez multiplié par 1 000 — le tableau "
        "est déjà dans son unité.",
    },
    "fraction_pct": {
        "en": "Right figure, wrong unit: give a percentage (12.5 for 12.5 %), not a fraction.",
        "fr": f"Bon chiffre, mauvaise unité{_NB}: donnez un pourcentage (12,5 pour 12,5{_NB}%), "
        "pas une fraction.",
    },
    "error": {
        "en": "This answer could not be checked ({error}); it was not graded.",
        "fr": f"Cette réponse n'a pas pu être vérifiée ({{error}}){_NB}; elle n'est pas notée.",
    },
}


def msg(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the course's current language), formatted."""
    entry = MESSAGES[key]
    code = lang or i18n.get_language()
    return (entry.get(code) or entry["en"]).format(_NB=_NB, **values)


def pick(texts: dict[str, str], lang: str | None = None) -> str:
    """One exercise-specific text ``{"en": ..., "fr": ...}`` in the current language."""
    code = lang or i18n.get_language()
    text = texts.get(code) or texts["en"]
    if code == "fr":  # French typography: a no-break space before : and ;
        text = text.replace(" :", f"{_NB}:").replace(" ;", f"{_NB};")
    return text
