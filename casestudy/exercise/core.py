"""The exercise checker: an exercise is data (its expected answer and its likely mistakes, both
computed from the case tables), and one comparison per kind — value, table or chart.

Feedback names the mistake a student most likely made: every exercise lists wrong-but-plausible
answers (the half-year for the full year, the total for the group share, the restated figure for
the published one ...) and the checker says which one the answer matches. Sign, unit and
percentage slips are tried on every exercise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import readers
from .messages import msg, pick

KINDS = ("value", "table", "chart")


@dataclass(frozen=True)
class Mistake:
    """A wrong-but-plausible answer, computed like the expected one, and what to tell."""

    compute: Callable[[], Any]
    en: str
    fr: str


@dataclass(frozen=True)
class Exercise:
    id: str
    notebook: str
    kind: str  # value, table or chart
    title_en: str
    title_fr: str
    expected: Callable[[], Any]  # a number, or {key: number} for tables and charts
    mistakes: tuple[Mistake, ...] = ()
    tolerance: float = 0.5  # absolute, in the answer's unit
    percent: bool = False  # the answer is a percentage: a fraction is a named slip
    key: str = "year"  # tables: the column holding the keys
    value: str = "value"  # tables: the column holding the values
    done_en: str = ""  # said with the tick: what the right answer shows
    done_fr: str = ""


@dataclass
class ExerciseResult:
    """What :func:`casestudy.check_exercise` returns: shown in a notebook as its feedback."""

    exercise_id: str
    correct: bool
    feedback: str
    valid: bool = True
    score: float = 0.0
    max_score: float = 1.0
    mistake: str | None = None  # "sign", "units_bn", "mistake-2", "missing_keys" ...
    response: Any = field(default=None, repr=False)

    def __repr__(self) -> str:
        return self.feedback

    __str__ = __repr__


# ------------------------------------------------------------------------------- comparing


def _close(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(b, dict):
        return (
            isinstance(a, dict)
            and set(a) == set(b)
            and all(_close(a[k], b[k], tolerance) for k in b)
        )
    if a is None or b is None:
        return False
    return abs(a - b) <= tolerance


def _scaled(value: Any, factor: float) -> Any:
    if isinstance(value, dict):
        return {k: (None if v is None else v * factor) for k, v in value.items()}
    return value * factor


def _generic(exercise: Exercise, expected: Any) -> list[tuple[str, Any, float]]:
    """Sign and unit slips: (mistake key, wrong answer, tolerance)."""
    slips = [("sign", _scaled(expected, -1), exercise.tolerance)]
    slips.append(("units_bn", _scaled(expected, 1 / 1000), exercise.tolerance / 100))
    slips.append(("units_k", _scaled(expected, 1000), exercise.tolerance * 1000))
    if exercise.percent:
        slips.append(("fraction_pct", _scaled(expected, 1 / 100), exercise.tolerance / 100))
    return slips


def diagnose(exercise: Exercise, answer: Any, expected: Any) -> tuple[str | None, str]:
    """``(mistake key, feedback)`` for a wrong answer; ``(None, "")`` if no known mistake fits."""
    for number, mistake in enumerate(exercise.mistakes, 1):
        if _close(answer, mistake.compute(), exercise.tolerance):
            return f"mistake-{number}", pick({"en": mistake.en, "fr": mistake.fr})
    for key, wrong, tolerance in _generic(exercise, expected):
        if _close(answer, wrong, tolerance):
            return key, msg(key)
    return None, ""


def _fmt(keys: list) -> str:
    shown = ", ".join(str(k) for k in sorted(keys, key=str)[:6])
    return shown + (" …" if len(keys) > 6 else "")


def compare_keys(answer: dict, expected: dict, tolerance: float) -> tuple[str, str]:
    """What differs between two ``{key: value}`` tables: missing, extra, then wrong values."""
    missing = [k for k in expected if k not in answer]
    if missing:
        return "missing_keys", msg("missing_keys", keys=_fmt(missing))
    extra = [k for k in answer if k not in expected]
    if extra:
        return "extra_keys", msg("extra_keys", keys=_fmt(extra))
    off = [k for k in expected if not _close(answer[k], expected[k], tolerance)]
    return "wrong_values", msg("wrong_values", keys=_fmt(off))


# ------------------------------------------------------------------------------- checking


def _wrong(exercise: Exercise, key: str, text: str, response: Any) -> ExerciseResult:
    return ExerciseResult(
        exercise.id, False, f"{msg('wrong')} {text}", True, 0.0, 1.0, key, response
    )


def _right(exercise: Exercise, response: Any) -> ExerciseResult:
    done = pick({"en": exercise.done_en, "fr": exercise.done_fr or exercise.done_en})
    text = f"{msg('correct')} {done}".strip()
    return ExerciseResult(exercise.id, True, text, True, 1.0, 1.0, None, response)


def invalid(exercise_id: str, problem: tuple[str, dict], response: Any) -> ExerciseResult:
    key, values = problem
    return ExerciseResult(exercise_id, False, msg(key, **values), False, 0.0, 1.0, key, response)


def check_value(exercise: Exercise, answer: Any) -> ExerciseResult:
    number, problem = readers.read_number(answer)
    if problem:
        return invalid(exercise.id, problem, None)
    expected = exercise.expected()
    if _close(number, expected, exercise.tolerance):
        return _right(exercise, number)
    key, text = diagnose(exercise, number, expected)
    return _wrong(exercise, key or "wrong_number", text or msg("wrong_number"), number)


def check_table(exercise: Exercise, answer: Any) -> ExerciseResult:
    table, problem = readers.read_table(answer, exercise.key, exercise.value)
    if problem:
        return invalid(exercise.id, problem, summarise_table(answer))
    expected = exercise.expected()
    response = summarise_points(table)
    if _close(table, expected, exercise.tolerance):
        return _right(exercise, response)
    key, text = diagnose(exercise, table, expected)
    if key is None:
        key, text = compare_keys(table, expected, exercise.tolerance)
    return _wrong(exercise, key, text, response)


def _closest(series: list[tuple[str, dict]], expected: dict) -> dict:
    return max((points for _, points in series), key=lambda p: len(set(p) & set(expected)))


def check_chart(exercise: Exercise, answer: Any) -> ExerciseResult:
    drawn, problem = readers.read_figure(answer)
    if problem:
        return invalid(exercise.id, problem, None)
    series = drawn["series"]
    response = {"series": [summarise_points(p, label) for label, p in series[:4]]}
    expected = exercise.expected()
    if any(_close(points, expected, exercise.tolerance) for _, points in series):
        if not drawn["ylabels"]:
            return _wrong(exercise, "no_ylabel", msg("no_ylabel"), response)
        return _right(exercise, response)
    for _, points in series:
        key, text = diagnose(exercise, points, expected)
        if key:
            return _wrong(exercise, key, text, response)
    best = _closest(series, expected)
    if not set(best) & set(expected):
        return _wrong(exercise, "no_match_series", msg("no_match_series", n=len(series)), response)
    key, text = compare_keys(best, expected, exercise.tolerance)
    return _wrong(exercise, key, text, response)


CHECKERS = {"value": check_value, "table": check_table, "chart": check_chart}


# ------------------------------------------------------------------------------- summaries


def _json_number(value: Any) -> float | None:
    number, _ = readers.read_number(value)
    return None if number is None else round(number, 6)


def summarise_points(points: dict, label: str | None = None, shown: int = 12) -> dict:
    """A short JSON-safe summary of ``{key: value}`` for the answers file."""
    items = [[str(k)[:40], _json_number(v)] for k, v in list(points.items())[:shown]]
    out: dict[str, Any] = {"rows": len(points), "values": items}
    if label is not None:
        out["label"] = label[:60]
    return out


def summarise_table(answer: Any) -> dict:
    shape = getattr(answer, "shape", None)
    out: dict[str, Any] = {"type": type(answer).__name__[:40]}
    if isinstance(shape, tuple):
        out["shape"] = [int(n) for n in shape]
    return out
