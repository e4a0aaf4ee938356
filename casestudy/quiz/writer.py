"""Writing quizzes as YAML, the way authors write them (one writer per question type).

``save_quiz(quiz, path)`` writes what :func:`casestudy.quiz.load_quiz` reads back unchanged:
localized texts as ``text`` plus ``text_fr``, defaults left out, keys in authored order. A
student release writes its marks and sealed texts in place of the answers.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .model import (
    Localized,
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
)

RELEASE_FORMAT = 1


def _num(value: float) -> float | int:
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _put(out: dict[str, Any], key: str, text: Localized | None) -> None:
    """Write a localized text the way authors do: ``key`` in English, ``key_fr`` beside it."""
    if text is None:
        return
    texts = text.as_dict()
    if "en" in texts:
        out[key] = texts.pop("en")
        for lang, value in texts.items():
            out[f"{key}_{lang}"] = value
    else:
        out[key] = texts


def _label(text: Localized) -> Any:
    """A label list entry: a plain string when English only, else ``{text: ..., text_fr: ...}``."""
    item: dict[str, Any] = {}
    _put(item, "text", text)
    return item["text"] if len(item) == 1 and isinstance(item["text"], str) else item


def _feedback(item: dict[str, Any], answer: Any) -> None:
    _put(item, "feedback", answer.feedback)
    if answer.sealed_feedback:
        item["feedback_sealed"] = answer.sealed_feedback


def _write_choices(q: SingleChoice | MultipleChoice, out: dict[str, Any]) -> None:
    if not q.shuffle:
        out["shuffle"] = False
    choices = []
    for c in q.choices:
        item: dict[str, Any] = {}
        _put(item, "text", c.text)
        if c.mark is not None:
            item["mark"] = c.mark
        elif c.correct:
            item["correct"] = True
        if c.code:
            item["code"] = True
        _feedback(item, c)
        choices.append(item)
    out["choices"] = choices


def _numeric_answer(a: Any) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if a.mark is not None:
        item["mark"] = a.mark
    elif a.kind == "value":
        item["value"] = _num(a.value)
        if a.tolerance:
            item["tolerance"] = _num(a.tolerance)
        if a.rel_tolerance:
            item["rel_tolerance"] = a.rel_tolerance
    else:
        item["range"] = [_num(a.low), _num(a.high)]
    item["correct"] = bool(a.correct)
    _feedback(item, a)
    return item


def _write_numeric(q: Numeric, out: dict[str, Any]) -> None:
    if q.precision:
        out["precision"] = q.precision
    out["answers"] = [_numeric_answer(a) for a in q.answers]
    _put(out, "default_feedback", q.default_feedback)


def _text_answer(a: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"mark": a.mark} if a.mark is not None else {"answer": a.answer}
    item["correct"] = bool(a.correct)
    if a.match_case:
        item["match_case"] = True
    if a.fuzzy_threshold:
        item["fuzzy_threshold"] = a.fuzzy_threshold
    _feedback(item, a)
    return item


def _write_text(q: ShortText, out: dict[str, Any]) -> None:
    out["answers"] = [_text_answer(a) for a in q.answers]
    _put(out, "default_feedback", q.default_feedback)


def _write_order(q: Order, out: dict[str, Any]) -> None:
    out["items"] = [_label(text) for text in q.items]
    if q.marks is not None:
        out["marks"] = list(q.marks)


def _write_match(q: Match, out: dict[str, Any]) -> None:
    pairs = []
    for i, left in enumerate(q.lefts):
        item: dict[str, Any] = {}
        _put(item, "left", left)
        if q.marks is not None:
            item["mark"] = q.marks[i]
        else:
            _put(item, "right", q.options[q.answer[i]])
        pairs.append(item)
    out["pairs"] = pairs
    out["options"] = [_label(text) for text in q.options]


def _write_reflection(q: Reflection, out: dict[str, Any]) -> None:
    if q.max_chars != Reflection.max_chars:
        out["max_chars"] = q.max_chars


#: one writer per question type: the fields that type adds to the common ones
WRITERS: dict[str, Callable[[Any, dict[str, Any]], None]] = {
    "single": _write_choices,
    "multiple": _write_choices,
    "numeric": _write_numeric,
    "text": _write_text,
    "order": _write_order,
    "match": _write_match,
    "reflection": _write_reflection,
}


def question_to_dict(q: Question) -> dict[str, Any]:
    """One question as the YAML mapping an author would write."""
    out: dict[str, Any] = {"id": q.id, "type": q.type}
    if q.bloom:
        out["bloom"] = q.bloom
    if q.type != "reflection" and q.points != 1:
        out["points"] = _num(q.points)
    if q.source_id:
        out["source_id"] = q.source_id
    _put(out, "text", q.text)
    if q.code:
        out["code"] = q.code
    if q.salt is not None:
        out["salt"] = q.salt
    WRITERS[q.type](q, out)
    _put(out, "explanation", q.explanation)
    if q.sealed_explanation:
        out["explanation_sealed"] = list(q.sealed_explanation)
    if q.reveal_after != 3:
        out["reveal_after"] = q.reveal_after
    if q.jupyterquiz:
        out["jupyterquiz"] = dict(q.jupyterquiz)
    return out


def quiz_to_dict(quiz: Quiz) -> dict[str, Any]:
    """The YAML structure of a quiz (what :func:`save_quiz` writes)."""
    out: dict[str, Any] = {}
    _put(out, "title", quiz.title)
    if quiz.released:
        out["release"] = {
            "format": RELEASE_FORMAT,
            "note": "Student copy: correct answers are salted hashes (see docs/quizzes.md).",
        }
    out["questions"] = [question_to_dict(q) for q in quiz.questions]
    return out


def save_quiz(quiz: Quiz, path: str | os.PathLike) -> Path:
    """Write a quiz as YAML (UTF-8, safe dumper, authored key order)."""
    import yaml

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(quiz_to_dict(quiz), sort_keys=False, allow_unicode=True, width=100)
    target.write_text(text, encoding="utf-8")
    return target


__all__ = ["RELEASE_FORMAT", "WRITERS", "question_to_dict", "quiz_to_dict", "save_quiz"]
