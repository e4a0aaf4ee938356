"""The quiz-file functions under their earlier module name (kept so that imports keep working).

The work is split by concern, with no module importing back up the chain:
:mod:`~casestudy.quiz.bounded` (reading a file within limits) ->
:mod:`~casestudy.quiz.validate` (checking the format) -> :mod:`~casestudy.quiz.jq_convert`
(jupyterquiz) -> :mod:`~casestudy.quiz.files` (finding and loading quizzes); writing YAML is
:mod:`~casestudy.quiz.writer`. The format is documented in ``docs/quizzes.md``.
"""

from __future__ import annotations

from .bounded import read_yaml
from .errors import display_path
from .files import (
    QUIZ_FOLDER,
    available_quizzes,
    check_all_quizzes,
    known_sources,
    load_quiz,
    quizzes_dir,
)
from .model import QUESTION_CLASSES
from .validate import ID_PATTERN, Reader, quiz_from_dict
from .writer import RELEASE_FORMAT, question_to_dict, quiz_to_dict, save_quiz

__all__ = [
    "ID_PATTERN",
    "QUESTION_CLASSES",
    "QUIZ_FOLDER",
    "RELEASE_FORMAT",
    "Reader",
    "available_quizzes",
    "check_all_quizzes",
    "display_path",
    "known_sources",
    "load_quiz",
    "question_to_dict",
    "quiz_from_dict",
    "quiz_to_dict",
    "quizzes_dir",
    "read_yaml",
    "save_quiz",
]
