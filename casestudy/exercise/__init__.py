"""Exercises with automatic feedback (``casestudy.exercises()``, ``casestudy.check_exercise()``).

>>> import casestudy
>>> table = casestudy.exercises()
>>> list(table.columns)
['id', 'notebook', 'kind', 'title_en', 'title_fr']
>>> casestudy.check_exercise("ex-01-loss-2020", None, save=False).correct
False

Each check is appended to the answers file the quizzes use (``casestudy/quiz/store.py``), with
``type: "exercise"``, so the class report sees exercises beside quiz items.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from casestudy import i18n

from .core import Exercise, ExerciseResult, Mistake, diagnose

CHAPTERS = ("crisis", "strategy", "product", "storytelling", "epilogue")
SPECS: dict[str, Any] = {}  # exercise id -> (key, value) column names for table exercises


def registry() -> dict[str, Exercise]:
    """Every exercise by id, in notebook order."""
    import importlib

    found: dict[str, Exercise] = {}
    for chapter in CHAPTERS:
        module = importlib.import_module(f"casestudy.exercise.{chapter}")
        for exercise in module.EXERCISES:
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id} is defined twice")
            found[exercise.id] = exercise
            SPECS[exercise.id] = getattr(module, "TABLE_COLUMNS", {}).get(exercise.id)
    return found


def exercises(notebook: str | None = None):
    """The exercises as a table: id, notebook, kind (value, table or chart), English and
    French titles. ``notebook="02-strategy"`` keeps one notebook's."""
    import pandas as pd

    rows = [
        {
            "id": e.id,
            "notebook": e.notebook,
            "kind": e.kind,
            "title_en": e.title["en"],
            "title_fr": e.title["fr"],
        }
        for e in registry().values()
        if notebook is None or e.notebook == notebook
    ]
    return pd.DataFrame(rows, columns=["id", "notebook", "kind", "title_en", "title_fr"])


def check_exercise(
    exercise_id: str,
    answer: Any,
    *,
    lang: str | None = None,
    save: bool = True,
    path: str | os.PathLike | None = None,
    student: str | None = None,
) -> ExerciseResult:
    """Check ``answer`` for the exercise; returns ``.correct`` and ``.feedback``. Never raises.

    The check is saved to the answers file (``path``, else ``CASESTUDY_RESPONSES``, else the
    default) unless ``save=False``; a file that cannot be written is said in the feedback.
    """
    code = lang or i18n.get_language()
    try:
        exercise = registry().get(str(exercise_id))
    except Exception as exc:  # a broken data file: feedback, not a traceback in class
        return ExerciseResult(str(exercise_id), False, f"{type(exc).__name__}: {exc}", valid=False)
    if exercise is None:
        text = i18n.t("exercise.unknown", lang=code, id=exercise_id)
        return ExerciseResult(str(exercise_id), False, text, valid=False)
    try:
        result = diagnose(exercise, answer, SPECS.get(exercise.id), code)
    except Exception as exc:  # the tables themselves could not be read
        return ExerciseResult(exercise.id, False, f"{type(exc).__name__}: {exc}", valid=False)
    if save:
        error = _save(exercise, result, code, path, student)
        if error:
            note = i18n.t("exercise.not_saved", lang=code, error=error)
            result = ExerciseResult(
                result.exercise_id,
                result.correct,
                f"{result.feedback} {note}",
                result.mistake,
                result.response,
                result.valid,
            )
    return result


def _save(exercise, result, lang, path, student) -> str | None:
    from casestudy.quiz import store

    try:
        answers = store.ResponseStore(path)
        with warnings.catch_warnings():  # an unreadable file is said in the feedback below
            warnings.simplefilter("ignore")
            past = answers.read()
        earlier = [
            r
            for r in past
            if r.get("quiz") == exercise.notebook and r.get("question_id") == exercise.id
        ]
        record = store.make_record(
            event="check",
            quiz=exercise.notebook,
            question_id=exercise.id,
            question_type="exercise",
            response=result.response,
            valid=result.valid,
            correct=result.correct,
            score=result.score,
            max_score=1.0,
            attempt=len(earlier) + 1,
            lang=lang,
            student=store.student_id(student),
        )
        answers.append(record)
    except Exception as exc:  # a read-only folder must not stop the class
        return f"{type(exc).__name__}: {exc}"
    return None


__all__ = ["Exercise", "ExerciseResult", "Mistake", "check_exercise", "exercises", "registry"]
