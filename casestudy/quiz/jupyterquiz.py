"""Read and write jupyterquiz JSON files (jmshea/jupyterquiz).

The conversion itself, with jupyterquiz's exact semantics, is :mod:`casestudy.quiz.jq_convert`;
this module adds the files: reading within bounds, finding a quiz by name, writing JSON.
Order, match and reflection questions have no jupyterquiz equivalent and are left out (with a
warning by default).
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

from casestudy import i18n

from .bounded import read_json
from .errors import Problem, QuizFormatError, display_path
from .files import load_quiz
from .jq_convert import JQ_TYPES, quiz_from_jupyterquiz, quiz_to_jupyterquiz
from .model import Quiz


def from_jupyterquiz(
    path_or_list: str | os.PathLike | list,
    *,
    quiz_id: str | None = None,
    sources: set[str] | None = None,
) -> Quiz:
    """A validated :class:`Quiz` from a jupyterquiz JSON file or an already-parsed list.

    The quiz id is the file stem (or ``quiz_id``; ``"jupyterquiz"`` for a list). Questions
    without our ``id`` extension get ``q1``, ``q2``... by position.
    """
    if isinstance(path_or_list, list):
        return quiz_from_jupyterquiz(path_or_list, quiz_id=quiz_id, sources=sources)
    path = Path(path_or_list)
    return quiz_from_jupyterquiz(
        read_json(path), quiz_id=quiz_id or path.stem, file=display_path(path), sources=sources
    )


def to_jupyterquiz(
    quiz: Quiz | str | os.PathLike,
    path: str | os.PathLike | None = None,
    *,
    lang: str = i18n.DEFAULT_LANGUAGE,
    unsupported: str = "warn",
) -> list[dict[str, Any]]:
    """The quiz as a jupyterquiz question list (and written to ``path`` as JSON if given).

    ``unsupported`` says what to do with order, match and reflection questions, which
    jupyterquiz cannot show: ``"warn"`` (leave them out, with a warning), ``"skip"`` (silently)
    or ``"error"``. A student release cannot be exported: its answer key is hashed.
    """
    quiz = load_quiz(quiz)
    if unsupported not in ("warn", "skip", "error"):
        raise ValueError("unsupported must be 'warn', 'skip' or 'error'")
    out, left_out = quiz_to_jupyterquiz(quiz, lang=lang)
    if left_out:
        message = (
            f"quiz {quiz.id!r}: jupyterquiz has no equivalent for {', '.join(left_out)}; left out"
        )
        if unsupported == "error":
            raise QuizFormatError(Problem(quiz.source, None, None, message))
        if unsupported == "warn":
            warnings.warn(message, UserWarning, stacklevel=2)
    if path is not None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(out, indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8"
        )
    return out


__all__ = ["JQ_TYPES", "from_jupyterquiz", "to_jupyterquiz"]
