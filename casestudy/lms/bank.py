"""What every LMS export shares: the quizzes to export, the report, the texts in one language."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from casestudy.quiz.files import available_quizzes, load_quiz
from casestudy.quiz.markup import sanitize_html
from casestudy.quiz.model import Localized, Numeric, Question, Quiz

#: the folder (Moodle category, Canvas bank prefix) every quiz goes under
BANK_ROOT = "Anatomy of a Comeback"


@dataclass
class BankReport:
    """What was written: questions by the LMS's type, and each thing that did not map."""

    path: Path | None = None
    quizzes: int = 0
    by_type: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(self.by_type.values())

    def __str__(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.by_type.items()))
        where = f" -> {self.path}" if self.path else ""
        return f"{self.questions} question(s) from {self.quizzes} quiz(zes) ({kinds}){where}"


class Context:
    """The language being written, the quiz at hand and the warnings gathered on the way."""

    def __init__(self, lang: str, report: BankReport):
        self.lang, self.report = lang, report
        self.quiz_id = ""

    def warn(self, q: Question, message: str) -> None:
        self.report.warnings.append(f"{self.quiz_id} {q.id} ({q.type}): {message}")

    def html(self, text: Localized | None) -> str:
        """The text in the export's language, sanitised: allowed tags kept, the rest escaped."""
        return sanitize_html(text.get(self.lang)) if text is not None else ""


def course_quizzes(
    quizzes: Iterable[Quiz | str | os.PathLike] | None, ctx: Context
) -> Iterator[Quiz]:
    """Each quiz to export (default: every quiz file), refusing a student release."""
    for source in available_quizzes() if quizzes is None else quizzes:
        quiz = source if isinstance(source, Quiz) else load_quiz(source)
        if quiz.released:
            raise ValueError(
                f"quiz {quiz.id!r} is a student release (its key is hashed): "
                "export the instructor's file from data/quizzes"
            )
        ctx.quiz_id = quiz.id
        ctx.report.quizzes += 1
        yield quiz


def number_text(x: float) -> str:
    """A number as an LMS reads it: integers without a decimal point."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def value_tolerance(q: Numeric, j: int, ctx: Context) -> tuple[float, float]:
    """``(value, tolerance)`` of value answer ``j`` as an LMS writes it.

    The answer's own tolerance; where it has none and the question rounds to ``precision``
    significant digits, half a unit of the last digit either side (warned: the LMS checks an
    interval, not a rounding).
    """
    a = q.answers[j]
    value = float(a.value)
    tolerance = a.half_width()
    if q.precision and not a.has_tolerance and value:
        tolerance = 0.5 * 10 ** (math.floor(math.log10(abs(value))) - q.precision + 1)
        ctx.warn(q, f"answers[{j}] {q.precision} significant digits written as ± {tolerance:g}")
    return value, tolerance
