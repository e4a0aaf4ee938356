"""The one error a quiz file can raise: :class:`QuizFormatError`, naming file, question and field.

It is a :class:`casestudy.data.CaseDataError` (when the data module is importable), so a notebook
that already catches data problems also catches quiz-file problems.
"""

from __future__ import annotations

from dataclasses import dataclass

try:  # casestudy.data imports no pandas at module level, so this stays light
    from casestudy.data import CaseDataError as _Base
except ImportError:  # pragma: no cover - the quiz package used on its own
    _Base = Exception


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


class QuizFormatError(_Base):
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
        lines = [str(p) for p in self.details] or ["unknown quiz-file problem"]
        if _Base is Exception:  # pragma: no cover - without casestudy.data
            more = len(lines) - 1
            Exception.__init__(self, lines[0] + (f" (and {more} more problem(s))" if more else ""))
        else:
            super().__init__(lines)
        self.problems = lines
