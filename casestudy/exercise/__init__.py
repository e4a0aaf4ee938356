"""Exercises with automatic feedback: students write pandas and matplotlib, the checker says
whether the result is right and, when it is not, which mistake it most likely shows.

>>> import casestudy
>>> casestudy.exercises()[["id", "notebook", "kind"]].head(3)   # doctest: +SKIP
>>> casestudy.check_exercise("ex-01-fy2020-loss", -8046).feedback   # doctest: +SKIP
'✗ Not yet. That is the total net income ...'

Every check is saved to the same answers file as the quizzes (``type: "exercise"``, ``quiz``:
the notebook id), so the class report sees exercises and quiz items side by side.
"""

from __future__ import annotations

import os
from typing import Any

from casestudy import i18n

from . import crisis, epilogue, product, storytelling, strategy
from .core import CHECKERS, Exercise, ExerciseResult, Mistake, invalid

__all__ = ["Exercise", "ExerciseResult", "Mistake", "check_exercise", "exercises", "get"]

REGISTRY: dict[str, Exercise] = {
    ex.id: ex
    for module in (crisis, strategy, product, storytelling, epilogue)
    for ex in module.EXERCISES
}


def get(exercise_id: str) -> Exercise:
    """The exercise ``exercise_id`` (``KeyError`` if there is none)."""
    return REGISTRY[exercise_id]


def exercises(notebook: str | None = None):
    """The exercises as a DataFrame: id, notebook, kind (value, table, chart), title_en/_fr."""
    import pandas as pd

    rows = [
        {
            "id": ex.id,
            "notebook": ex.notebook,
            "kind": ex.kind,
            "title_en": ex.title_en,
            "title_fr": ex.title_fr,
        }
        for ex in REGISTRY.values()
        if notebook is None or ex.notebook == notebook
    ]
    return pd.DataFrame(rows, columns=["id", "notebook", "kind", "title_en", "title_fr"])


def _grade(exercise: Exercise, answer: Any) -> ExerciseResult:
    if answer is None:
        return invalid(exercise.id, ("not_answered", {}), None)
    try:
        return CHECKERS[exercise.kind](exercise, answer)
    except Exception as exc:  # noqa: BLE001 - a student's object must never stop the notebook
        return invalid(exercise.id, ("error", {"error": type(exc).__name__}), None)


def _attempt(store, exercise: Exercise, student: str | None) -> int:
    prior = 0
    for record in store.read():
        if (
            record.get("type") == "exercise"
            and record.get("quiz") == exercise.notebook
            and record.get("question_id") == exercise.id
            and record.get("student_id") == student
        ):
            prior += 1
    return prior + 1


def _save(exercise: Exercise, result: ExerciseResult, path, student) -> None:
    from casestudy.quiz.store import ResponseStore, make_record, student_id

    store = ResponseStore(path)
    who = student_id(student)
    record = make_record(
        event="check",
        quiz=exercise.notebook,
        question_id=exercise.id,
        question_type="exercise",
        response=result.response,
        valid=result.valid,
        correct=result.correct,
        score=result.score,
        max_score=result.max_score,
        attempt=_attempt(store, exercise, who),
        lang=i18n.get_language(),
        student=who,
    )
    store.append(record)


def check_exercise(
    exercise_id: Any,
    answer: Any = None,
    *,
    responses_path: str | os.PathLike | None = None,
    student: str | None = None,
) -> ExerciseResult:
    """Check ``answer`` to exercise ``exercise_id``; never raises.

    Returns a result with ``.correct``, ``.feedback`` (in the course language) and ``.score``;
    in a notebook it shows as its feedback. The check is appended to the answers file (see
    :mod:`casestudy.quiz.store`); if the file cannot be written, the feedback says so.
    """
    exercise = REGISTRY.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        try:
            shown = str(exercise_id)[:60]
        except Exception:  # noqa: BLE001 - an object that cannot even be printed
            shown = type(exercise_id).__name__
        return invalid(shown, ("unknown_id", {"id": shown}), None)
    result = _grade(exercise, answer)
    try:
        _save(exercise, result, responses_path, student)
    except (OSError, ValueError, TypeError) as exc:
        result.feedback += "\n" + i18n.t("save.failed", error=f"{type(exc).__name__}: {exc}")
    return result
