"""The one error a quiz file can raise: :class:`QuizFormatError`, naming file, question and field.

It is a :class:`casestudy.data.CaseDataError`, so a notebook that already catches data problems
also catches quiz-file problems. :func:`describe` shows a value in a message without ever
printing more than a line of it (a hostile file can hold a huge or self-referencing value).
"""

from __future__ import annotations

import os
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casestudy.data import CaseDataError

#: how much of a value a message shows
DESCRIBE_CHARS = 60

_SHORT = reprlib.Repr()
_SHORT.maxlevel = 2
_SHORT.maxdict = _SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = 4
_SHORT.maxstring = DESCRIBE_CHARS
_SHORT.maxlong = 40
_SHORT.maxother = DESCRIBE_CHARS


def describe(value: Any, limit: int = DESCRIBE_CHARS) -> str:
    """A one-line, bounded ``repr`` of ``value`` for an error message; never raises.

    >>> describe(list(range(1000))), len(describe("x" * 10_000))
    ('[0, 1, 2, 3, ...]', 60)
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"<a whole number of {value.bit_length()} bits>"
    try:
        text = _SHORT.repr(value)
    except Exception:  # noqa: BLE001 - a hostile __repr__ must not hide the real problem
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def display_path(path: str | os.PathLike | None) -> str | None:
    """A path as people read it: relative to the working folder when it is inside it."""
    if path is None:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(p)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a quiz file, located as precisely as we can."""

    file: str | None
    question: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.question:
            parts.append(f"question '{self.question}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        parts.append(self.message)
        return ": ".join(parts)


class QuizFormatError(CaseDataError):
    """A quiz file (YAML or jupyterquiz JSON) is missing, unreadable or breaks the format.

    ``problems`` lists every problem found as one readable line (the message shows the first);
    ``details`` holds the same as :class:`Problem` records (file, question, field, message).

    >>> error = QuizFormatError(Problem("quizzes/01-crisis.yaml", "q-loss-2020", "answer",
    ...                                 "expected a number, got 'abc'"))
    >>> print(error)
    quizzes/01-crisis.yaml: question 'q-loss-2020': field 'answer': expected a number, got 'abc'
    >>> error.details[0].field
    'answer'
    """

    def __init__(self, problems: Problem | str | list[Problem | str]):
        items = problems if isinstance(problems, list) else [problems]
        self.details = [
            p if isinstance(p, Problem) else Problem(None, None, None, p) for p in items
        ]
        super().__init__([str(p) for p in self.details] or ["unknown quiz-file problem"])
