"""Widget quizzes: a pure quiz engine, a thin ipywidgets view, saved answers, jupyterquiz interop.

>>> import casestudy.quiz as cq
>>> quiz = cq.load_quiz("00-start-here")                     # data/quizzes/00-start-here.yaml
>>> quiz["q-ghosn-arrest"].check("19 November 2018").correct
True

In a notebook, ``casestudy.show_quiz("00-start-here")`` shows the quiz; answers are saved to
``CASESTUDY_RESPONSES`` (default: ``responses.jsonl`` in the user's data folder) and come back
after a kernel restart. Importing this package loads neither pandas nor ipywidgets.
"""

from __future__ import annotations

import os
from typing import Any

from .errors import Problem, QuizFormatError
from .files import available_quizzes, check_all_quizzes, load_quiz
from .jupyterquiz import from_jupyterquiz, to_jupyterquiz
from .model import (
    BLOOM_LEVELS,
    QUESTION_TYPES,
    Choice,
    Localized,
    Match,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Order,
    Question,
    Quiz,
    Reflection,
    Result,
    ShortText,
    SingleChoice,
    TextAnswer,
    order_from_events,
    parse_number,
)
from .release import ReleaseReport, release_quiz, seal_quiz
from .session import Progress, QuizSession
from .store import (
    ENV_RESPONSES,
    ENV_STUDENT,
    QuizStoreWarning,
    export_responses,
    responses,
    responses_path,
)
from .validate import quiz_from_dict
from .writer import quiz_to_dict, save_quiz


def quiz_widget(
    quiz_or_name: Quiz | str | os.PathLike,
    *,
    responses_path: str | os.PathLike | None = None,
    student: str | None = None,
    restore: bool = True,
    lang: str | None = None,
):
    """The quiz as an ipywidgets ``VBox`` (answers restored from the saved-answers file).

    ``student`` (or ``CASESTUDY_STUDENT_ID``) is recorded with each answer when given.
    """
    from .widgets import quiz_widget as build

    return build(
        quiz_or_name, responses_path=responses_path, student=student, restore=restore, lang=lang
    )


def show_quiz(quiz_or_name: Quiz | str | os.PathLike, **kwargs: Any) -> None:
    """Display a notebook's quiz: ``casestudy.show_quiz("01-crisis")``.

    Takes the same keyword arguments as :func:`quiz_widget`.
    """
    from .widgets import show_quiz as show

    show(quiz_or_name, **kwargs)


__all__ = [
    "BLOOM_LEVELS",
    "ENV_RESPONSES",
    "ENV_STUDENT",
    "QUESTION_TYPES",
    "Choice",
    "Localized",
    "Match",
    "MultipleChoice",
    "Numeric",
    "NumericAnswer",
    "Order",
    "Problem",
    "Progress",
    "Question",
    "Quiz",
    "QuizFormatError",
    "QuizSession",
    "QuizStoreWarning",
    "Reflection",
    "ReleaseReport",
    "Result",
    "ShortText",
    "SingleChoice",
    "TextAnswer",
    "available_quizzes",
    "check_all_quizzes",
    "export_responses",
    "from_jupyterquiz",
    "load_quiz",
    "order_from_events",
    "parse_number",
    "quiz_from_dict",
    "quiz_to_dict",
    "quiz_widget",
    "release_quiz",
    "responses",
    "responses_path",
    "save_quiz",
    "seal_quiz",
    "show_quiz",
    "to_jupyterquiz",
]
