"""Quiz fairness across the course: the key is not a give-away by length, and every
student-facing string has its French."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUIZZES = sorted((Path(__file__).resolve().parents[1] / "data" / "quizzes").glob("*.yaml"))
MAX_LONGEST_KEY_SHARE = 0.30
# Fields a student reads; each needs a "<field>_fr" beside it.
STUDENT_FIELDS = {"title", "text", "explanation", "feedback", "left", "right", "hint", "prompt"}


def _questions():
    for path in QUIZZES:
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            yield path.stem, question


def longest_key_share(lang: str) -> tuple[int, int]:
    """(items whose key is the longest option, or ties with it, by characters; single items)."""
    field = "text" if lang == "en" else "text_fr"
    longest = total = 0
    for _, question in _questions():
        if question.get("type") != "single":
            continue
        total += 1
        lengths = [len(str(c.get(field) or "")) for c in question["choices"]]
        keys = [i for i, c in enumerate(question["choices"]) if c.get("correct")]
        longest += any(lengths[i] == max(lengths) for i in keys)
    return longest, total


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_key_is_rarely_the_longest_option(lang):
    longest, total = longest_key_share(lang)
    assert total >= 20
    assert longest / total <= MAX_LONGEST_KEY_SHARE, f"{longest} of {total} in {lang}"


def _missing_french(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in STUDENT_FIELDS and isinstance(value, str) and value.strip():
                if not str(node.get(f"{key}_fr") or "").strip():
                    yield f"{where}.{key}"
            yield from _missing_french(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, str) and where.endswith(("distractors", "choices", "items")):
                yield f"{where}[{i}] (a bare string has no French)"
            yield from _missing_french(item, f"{where}[{i}]")


def test_every_student_facing_string_has_french():
    missing = []
    for path in QUIZZES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        missing += list(_missing_french(data, path.stem))
    assert not missing, "\n".join(missing)


def test_the_checks_can_fail():
    bad = {"questions": [{"id": "q", "choices": [{"text": "A"}], "distractors": ["x"]}]}
    found = list(_missing_french(bad, "t"))
    assert "t.questions[0].choices[0].text" in found
    assert any("distractors[0]" in f for f in found)
