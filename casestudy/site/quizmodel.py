"""A quiz as the data a static page needs: the student release, in plain JSON.

The page checks answers in the browser exactly as ``release.py``'s copy is checked in Python:
it gets the *released* quiz (salts, marks, sealed feedback; never a plain key that the release
hides) plus what the view needs — the display order of choices (``seeded_order``, the same
shuffle the widgets use), the citation of each question's source and the UI strings.

>>> from casestudy.quiz import load_quiz, seal_quiz
>>> released, _ = seal_quiz(load_quiz("00-start-here"), seed="doctest")
>>> model = quiz_model(released)
>>> model["id"], all(q.get("salt") or q["type"] == "reflection" for q in model["questions"])
('00-start-here', True)
"""

from __future__ import annotations

import math
from typing import Any

from casestudy.quiz.model import (
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
    seeded_order,
)


def _loc(value: Localized | None) -> dict[str, str] | None:
    return None if value is None else value.as_dict()


def _num(value: float | None) -> float | str | None:
    """JSON has no infinity: ``"Infinity"`` / ``"-Infinity"`` (the page reads them back)."""
    if value is None:
        return None
    value = float(value)
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def citation(source_id: str | None) -> str | None:
    if not source_id:
        return None
    try:
        from casestudy.data import cite

        return cite(source_id)
    except Exception:  # noqa: BLE001 - a missing bibliography must not break the page
        return f"[{source_id}]"


def display_order(question: Question, n: int) -> list[int]:
    """The order the widgets show choices, items and options in (seeded by the question id)."""
    if isinstance(question, SingleChoice | MultipleChoice) and not question.shuffle:
        return list(range(n))
    return seeded_order(n, question.id)


def question_model(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "text": _loc(q.text),
        "code": q.code,
        "points": q.points,
        "max_score": q.max_score,
        "graded": q.graded,
        "reveal_after": q.reveal_after,
        "salt": q.salt,
        "explanation": _loc(q.explanation),
        "sealed_explanation": list(q.sealed_explanation),
        "source": citation(q.source_id),
    }
    if isinstance(q, SingleChoice | MultipleChoice):
        out["choices"] = [
            {
                "text": _loc(c.text),
                "correct": c.correct,
                "mark": c.mark,
                "feedback": _loc(c.feedback),
                "sealed_feedback": c.sealed_feedback,
            }
            for c in q.choices
        ]
        out["display"] = display_order(q, len(q.choices))
    elif isinstance(q, Numeric):
        out["precision"] = q.precision
        out["default_feedback"] = _loc(q.default_feedback)
        answers = []
        for a in q.answers:
            low, high, closed = (None, None, None)
            if a.kind == "range" or a.has_tolerance:
                low, high, closed = a.interval()
            answers.append(
                {
                    "exact": a.kind == "value" and not a.has_tolerance,
                    "correct": a.correct,
                    "value": _num(a.value),
                    "low": _num(low),
                    "high": _num(high),
                    "closed": closed,
                    "mark": a.mark,
                    "feedback": _loc(a.feedback),
                    "sealed_feedback": a.sealed_feedback,
                }
            )
        out["answers"] = answers
    elif isinstance(q, ShortText):
        out["default_feedback"] = _loc(q.default_feedback)
        out["answers"] = [
            {
                "answer": a.answer,
                "correct": a.correct,
                "match_case": a.match_case,
                "fuzzy_threshold": a.fuzzy_threshold,
                "mark": a.mark,
                "feedback": _loc(a.feedback),
                "sealed_feedback": a.sealed_feedback,
            }
            for a in q.answers
        ]
    elif isinstance(q, Order):
        out["items"] = [_loc(item) for item in q.items]
        out["marks"] = list(q.marks) if q.marks is not None else None
        out["display"] = display_order(q, len(q.items))
    elif isinstance(q, Match):
        out["lefts"] = [_loc(left) for left in q.lefts]
        out["options"] = [_loc(option) for option in q.options]
        out["answer"] = list(q.answer) if q.answer is not None else None
        out["marks"] = list(q.marks) if q.marks is not None else None
        out["display"] = display_order(q, len(q.options))
    elif isinstance(q, Reflection):
        out["max_chars"] = q.max_chars
    return out


def quiz_model(quiz: Quiz) -> dict[str, Any]:
    """The page's JSON for a released quiz. Refuses a quiz whose keys are not hashed."""
    unsealed = [q.id for q in quiz if q.graded and not q.released]
    if unsealed:
        raise ValueError(
            f"quiz {quiz.id!r}: question(s) {', '.join(unsealed)} are not released; "
            "a page embeds only the student release (casestudy.quiz.seal_quiz)"
        )
    return {
        "id": quiz.id,
        "title": _loc(quiz.title),
        "max_score": quiz.max_score,
        "questions": [question_model(q) for q in quiz],
    }
