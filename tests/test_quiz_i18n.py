"""The UI-string catalogue: complete in both languages, used consistently, switchable."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from casestudy import i18n

PACKAGE = Path(__file__).resolve().parents[1] / "casestudy"


pytestmark = pytest.mark.usefixtures("answers_file")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name} - {"_nb"}


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_every_string_exists_in_every_language_with_the_same_placeholders(key):
    entry = i18n.CATALOGUE[key]
    assert set(entry) == set(i18n.LANGUAGES)
    assert all(entry[lang].strip() for lang in i18n.LANGUAGES)
    assert fields(entry["en"]) == fields(entry["fr"])


def test_every_key_used_in_the_code_is_in_the_catalogue():
    used = set()
    for path in [PACKAGE / "i18n.py", *(PACKAGE / "quiz").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", source))
    used |= {"button.check", "button.save", "tooltip.check", "tooltip.save"}  # built from a verb
    used |= {"points.one", "points.other"}  # from plural_key()
    used |= {"order.found", "match.found"}  # f"{type}.found" in Question._grade_by_count
    assert used, "the scan found no keys"
    assert used <= set(i18n.CATALOGUE), used - set(i18n.CATALOGUE)


def test_set_language():
    i18n.set_language("fr-FR")
    assert i18n.get_language() == "fr" and i18n.t("button.check") == "Vérifier"
    i18n.set_language("EN")
    assert i18n.t("button.check") == "Check"
    with pytest.raises(ValueError, match="unknown language 'de'; choose one of: en, fr"):
        i18n.set_language("de")
    with pytest.raises(ValueError):
        i18n.set_language(None)
    assert i18n.get_language() == "en"


def test_numbers_and_plurals():
    assert i18n.format_number(2.5, "fr") == "2,5" and i18n.format_number(2.5, "en") == "2.5"
    assert i18n.format_number(3.0) == "3" and i18n.format_number(1 / 3) == "0.33"
    assert i18n.plural_key("points", 1.5, "fr") == "points.one"
    assert i18n.plural_key("points", 1.5, "en") == "points.other"
    assert i18n.t("progress", "fr", answered=1, total=2, score="0,5", max_score=2) == (
        "1 sur 2 répondues — score 0,5 / 2"
    )


def test_french_typography_uses_no_break_spaces():
    assert "\u00a0!" in i18n.t("result.correct", "fr")
    assert i18n.t("explanation", "fr") == "Explication\u00a0:"


def test_lead_can_reexport():
    import casestudy

    assert casestudy.set_language is i18n.set_language
    assert casestudy.get_language is i18n.get_language
