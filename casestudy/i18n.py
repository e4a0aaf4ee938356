"""Every student-facing UI string, in English and French, and the switch between them.

Buttons, verdicts, progress lines and error messages all come from :data:`CATALOGUE`, so a
translation is one place to edit and a test can check that no language misses a key.

>>> set_language("fr")
>>> t("button.check")
'Vérifier'
>>> set_language("en")
>>> t("progress", answered=2, total=5, score=1.5, max_score=4)
'2 of 5 answered — score 1.5 / 4'
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE

# French typography: a no-break space (U+00A0) before ! ? : ; keeps the sign on its word's line.
_NB = "\u00a0"

CATALOGUE: dict[str, dict[str, str]] = {
    # buttons and labels
    "button.check": {"en": "Check", "fr": "Vérifier"},
    "button.save": {"en": "Save", "fr": "Enregistrer"},
    "button.reset": {"en": "Reset answers", "fr": "Effacer les réponses"},
    "button.reset_confirm": {
        "en": "Click again to erase all answers",
        "fr": "Cliquez encore pour tout effacer",
    },
    "tooltip.check": {"en": "Check question {n}", "fr": "Vérifier la question {n}"},
    "tooltip.save": {"en": "Save question {n}", "fr": "Enregistrer la question {n}"},
    "tooltip.reset": {
        "en": "Clear every answer on screen (saved answers stay in the file)",
        "fr": "Effacer les réponses affichées (les réponses enregistrées restent dans le fichier)",
    },
    "label.answer": {"en": "Answer", "fr": "Réponse"},
    "label.your_text": {"en": "Your text", "fr": "Votre texte"},
    "label.position": {"en": "Position {n}", "fr": "Position {n}"},
    "label.match": {"en": "Match {n}", "fr": "Association {n}"},
    "label.select_all": {
        "en": "Select every answer that applies.",
        "fr": "Cochez toutes les réponses qui conviennent.",
    },
    "label.order": {
        "en": "Choose the item for each position, first to last.",
        "fr": "Choisissez l'élément de chaque position, du premier au dernier.",
    },
    "label.match_help": {
        "en": "Choose the matching answer for each item.",
        "fr": "Choisissez la réponse qui correspond à chaque élément.",
    },
    "placeholder.numeric": {"en": "e.g. 7.3, -8 046 or 22/7", "fr": "ex. 7,3, -8 046 ou 22/7"},
    "placeholder.text": {"en": "Type your answer", "fr": "Tapez votre réponse"},
    "placeholder.reflection": {"en": "Write your answer here", "fr": "Écrivez votre réponse ici"},
    "heading.question": {"en": "Question {n}", "fr": "Question {n}"},
    "points.one": {"en": "{points} point", "fr": "{points} point"},
    "points.other": {"en": "{points} points", "fr": "{points} points"},
    "heading.not_graded": {"en": "not graded", "fr": "non noté"},
    "source": {"en": "Source: {citation}", "fr": "Source{_nb}: {citation}"},
    # results
    "result.correct": {"en": "Correct!", "fr": "Bonne réponse{_nb}!"},
    "result.incorrect": {"en": "Not quite — try again.", "fr": "Pas tout à fait — réessayez."},
    "result.partial": {
        "en": "Partly right — try again.",
        "fr": "En partie juste — réessayez.",
    },
    "result.saved": {"en": "Saved.", "fr": "Enregistré."},
    "result.invalid": {"en": "Not checked.", "fr": "Non vérifié."},
    "multiple.found": {
        "en": "{found} of {total} correct answers found.",
        "fr": "{found} bonne(s) réponse(s) trouvée(s) sur {total}.",
    },
    "multiple.wrong": {
        "en": "{count} selected answer(s) are not correct.",
        "fr": "{count} réponse(s) cochée(s) ne sont pas justes.",
    },
    "order.found": {
        "en": "{found} of {total} items in the right place.",
        "fr": "{found} élément(s) sur {total} à la bonne place.",
    },
    "match.found": {
        "en": "{found} of {total} pairs right.",
        "fr": "{found} association(s) juste(s) sur {total}.",
    },
    "text.fuzzy": {
        "en": "(Accepted as a close spelling.)",
        "fr": "(Acceptée comme orthographe proche.)",
    },
    "reflection.saved": {
        "en": "Not graded — your text is saved.",
        "fr": "Non noté — votre texte est enregistré.",
    },
    "explanation": {"en": "Explanation:", "fr": "Explication{_nb}:"},
    "attempt": {"en": "Attempt {n}.", "fr": "Essai {n}."},
    "restored": {
        "en": "(Restored from your saved answers.)",
        "fr": "(Rétablie depuis vos réponses enregistrées.)",
    },
    "progress": {
        "en": "{answered} of {total} answered — score {score} / {max_score}",
        "fr": "{answered} sur {total} répondues — score {score} / {max_score}",
    },
    "reset.done": {
        "en": "Answers cleared. Your earlier answers stay in the saved file.",
        "fr": "Réponses effacées. Vos réponses précédentes restent dans le fichier.",
    },
    "reset.failed": {
        "en": (
            "Answers NOT cleared: the reset could not be saved ({error}). "
            "Your answers would come back after a restart."
        ),
        "fr": (
            "Réponses NON effacées{_nb}: l'effacement n'a pas pu être enregistré ({error}). "
            "Vos réponses reviendraient après un redémarrage."
        ),
    },
    "restored.adopted": {
        "en": (
            "{count} answer(s) saved before your student id ({student}) was set are shown as "
            "yours; your next answers are saved with the id."
        ),
        "fr": (
            "{count} réponse(s) enregistrée(s) avant que votre identifiant ({student}) soit "
            "défini sont affichées comme les vôtres{_nb}; les suivantes portent l'identifiant."
        ),
    },
    # invalid responses (never raised to the student: shown as feedback)
    "invalid.empty": {"en": "Please give an answer first.", "fr": "Donnez d'abord une réponse."},
    "invalid.too_long": {
        "en": "This answer is too long ({length} characters; the limit is {limit}).",
        "fr": "Cette réponse est trop longue ({length} caractères{_nb}; la limite est {limit}).",
    },
    "invalid.type": {
        "en": "This kind of answer is not accepted here (expected {expected}).",
        "fr": "Ce type de réponse n'est pas accepté ici (attendu{_nb}: {expected}).",
    },
    "invalid.number": {
        "en": "“{text}” is not a number I can read. Examples: 7.3, 7,3, -8 046, 22/7.",
        "fr": (
            "«{_nb}{text}{_nb}» n'est pas un nombre lisible. Exemples{_nb}: 7,3, 7.3, -8 046, 22/7."
        ),
    },
    "invalid.ambiguous_number": {
        "en": "“{text}” is ambiguous: write {a} or {b}.",
        "fr": "«{_nb}{text}{_nb}» est ambigu{_nb}: écrivez {a} ou {b}.",
    },
    "invalid.division_by_zero": {
        "en": "“{text}” divides by zero.",
        "fr": "«{_nb}{text}{_nb}» divise par zéro.",
    },
    "invalid.unknown_choice": {
        "en": "“{choice}” is not one of the choices.",
        "fr": "«{_nb}{choice}{_nb}» ne fait pas partie des choix.",
    },
    "invalid.one_choice": {
        "en": "Choose exactly one answer.",
        "fr": "Choisissez une seule réponse.",
    },
    "invalid.order": {
        "en": "Place every item exactly once ({placed} of {total} placed).",
        "fr": "Placez chaque élément une seule fois ({placed} sur {total} placés).",
    },
    "invalid.match": {
        "en": "Match every item ({matched} of {total} matched).",
        "fr": "Associez chaque élément ({matched} sur {total} associés).",
    },
    "invalid.encoding": {
        "en": "This answer holds characters that cannot be saved; please type it again.",
        "fr": (
            "Cette réponse contient des caractères impossibles à enregistrer{_nb}; "
            "retapez-la, s'il vous plaît."
        ),
    },
    "invalid.unsaveable": {
        "en": "This answer cannot be saved as it is, so it was not graded; please type it again.",
        "fr": (
            "Cette réponse ne peut pas être enregistrée telle quelle{_nb}; elle n'est donc pas "
            "notée. Retapez-la, s'il vous plaît."
        ),
    },
    "invalid.internal": {
        "en": "Something went wrong while checking this answer; it was not graded.",
        "fr": "Un problème est survenu pendant la vérification{_nb}; la réponse n'est pas notée.",
    },
    "expected.choice": {"en": "a choice", "fr": "un choix"},
    "expected.choices": {"en": "a list of choices", "fr": "une liste de choix"},
    "expected.number": {"en": "a number", "fr": "un nombre"},
    "expected.text": {"en": "text", "fr": "du texte"},
    "expected.sequence": {"en": "a list in order", "fr": "une liste ordonnée"},
    "expected.pairs": {"en": "one answer per item", "fr": "une réponse par élément"},
    # saving
    "save.failed": {
        "en": "Warning: this answer could not be saved ({error}).",
        "fr": "Attention{_nb}: cette réponse n'a pas pu être enregistrée ({error}).",
    },
    "store.corrupt": {
        "en": "{path}: {count} unreadable line(s) skipped (line {lines}); copied to {quarantine}",
        "fr": (
            "{path}{_nb}: {count} ligne(s) illisible(s) ignorée(s) (ligne {lines}){_nb}; "
            "copiée(s) dans {quarantine}"
        ),
    },
    "store.corrupt_not_copied": {
        "en": (
            "{path}: {count} unreadable line(s) skipped (line {lines}); they are still in that "
            "file but could NOT be copied to {quarantine} ({error})"
        ),
        "fr": (
            "{path}{_nb}: {count} ligne(s) illisible(s) ignorée(s) (ligne {lines}){_nb}; elles "
            "restent dans ce fichier mais n'ont PAS pu être copiées dans {quarantine} ({error})"
        ),
    },
    "store.unreadable": {
        "en": "{path}: saved answers cannot be read ({error}); starting empty",
        "fr": "{path}{_nb}: réponses enregistrées illisibles ({error}){_nb}; départ à vide",
    },
    # the static site (casestudy/site): answers kept in the browser, downloaded by the student
    "site.language": {"en": "English", "fr": "Français"},
    "site.stored_note": {
        "en": (
            "Your answers are kept in this browser only. Use “Download my answers” to hand them in."
        ),
        "fr": (
            "Vos réponses sont gardées dans ce navigateur seulement. Utilisez «{_nb}Télécharger "
            "mes réponses{_nb}» pour les remettre."
        ),
    },
    "site.student_label": {
        "en": "Your name or student number (optional; written into the file you download)",
        "fr": (
            "Votre nom ou numéro d'étudiant (facultatif{_nb}; inscrit dans le fichier téléchargé)"
        ),
    },
    "site.no_crypto": {
        "en": (
            "This browser cannot check answers in this page (no Web Crypto here). Open the "
            "page from a web address, or in a recent Chrome, Edge, Firefox or Safari."
        ),
        "fr": (
            "Ce navigateur ne peut pas vérifier les réponses dans cette page (pas de Web "
            "Crypto). Ouvrez la page depuis une adresse web, ou dans un Chrome, Edge, Firefox "
            "ou Safari récent."
        ),
    },
    "site.download": {"en": "Download my answers", "fr": "Télécharger mes réponses"},
    "site.downloaded": {
        "en": "Answers file saved ({count} record(s)).",
        "fr": "Fichier de réponses enregistré ({count} enregistrement(s)).",
    },
    "site.reset_tooltip": {
        "en": "Erase this quiz's answers from this browser",
        "fr": "Effacer de ce navigateur les réponses à ce quiz",
    },
    "site.reset_warning": {
        "en": "This erases every answer to this quiz stored in this browser. Download them first "
        "if you need them.",
        "fr": "Cela efface toutes les réponses à ce quiz gardées dans ce navigateur. "
        "Téléchargez-les d'abord si vous en avez besoin.",
    },
    "site.reset_done": {
        "en": "Answers erased from this browser.",
        "fr": "Réponses effacées de ce navigateur.",
    },
    # errors for callers
    "error.language": {
        "en": "unknown language {code!r}; choose one of: {choices}",
        "fr": "langue inconnue {code!r}{_nb}; choisissez parmi{_nb}: {choices}",
    },
    "error.export_format": {
        "en": "unknown export format {format!r}; choose 'csv' or 'json'",
        "fr": "format d'export inconnu {format!r}{_nb}; choisissez 'csv' ou 'json'",
    },
}


def _normalise(lang: str) -> str:
    # accept "FR", "fr-FR", "fr_CA": the catalogue is per language, not per region
    return re.split(r"[-_]", str(lang).strip().lower(), maxsplit=1)[0]


def set_language(lang: str) -> None:
    """Switch every UI string (and question texts that have a translation) to ``lang``.

    Widgets built afterwards use the new language; run the quiz cell again to redraw one.

    >>> set_language("de")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'de'; choose one of: en, fr
    """
    global _current
    code = _normalise(lang) if isinstance(lang, str) else ""
    if code not in LANGUAGES:
        raise ValueError(t("error.language", code=lang, choices=", ".join(LANGUAGES)))
    _current = code


def get_language() -> str:
    """The current UI language code (``"en"`` or ``"fr"``)."""
    return _current


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The catalogue string ``key`` in ``lang`` (default: the current language), formatted.

    A missing French string falls back to English; an unknown key is a programming error and
    raises ``KeyError``.
    """
    entry = CATALOGUE[key]
    code = _normalise(lang) if lang else _current
    template = entry.get(code) or entry[DEFAULT_LANGUAGE]
    return template.format(_nb=_NB, **values)


def plural_key(base: str, count: float, lang: str | None = None) -> str:
    """``base + ".one"`` or ``base + ".other"`` by the language's rule (French: below 2 is one)."""
    code = _normalise(lang) if lang else _current
    one = abs(count) < 2 if code == "fr" else count == 1
    return f"{base}.one" if one else f"{base}.other"


def format_number(value: float, lang: str | None = None) -> str:
    """A score for people: ``3``, ``2.5`` (``2,5`` in French), at most two decimals."""
    code = _normalise(lang) if lang else _current
    if float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if code == "fr" else text
