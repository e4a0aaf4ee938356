"""The exercise engine: read a student's answer (a number, a table or a drawn chart), compare it
with the answer computed from the case tables, and name the likely mistake.

An :class:`Exercise` is data: its id, notebook, kind, titles, a function that computes the
expected answer from the tables, and :class:`Mistake` s — wrong-but-plausible answers computed
from the same tables (the half-year figure, the restated series, the total instead of the group
share...) with the feedback each one deserves. Every answer is first reduced to one comparable
form: a float for ``value``, ``{key: float}`` for ``table`` and ``{label: {x: float}}`` for
``chart``. Checking never raises: an answer that cannot be read gets feedback saying why.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from casestudy import i18n

KINDS = ("value", "table", "chart")
Text = Mapping[str, str]  # {"en": ..., "fr": ...}


class Unreadable(Exception):
    """The answer cannot be read as the kind the exercise asks for (the message is i18n'd)."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Mistake:
    """A wrong-but-plausible answer, computed from the tables, and what to say when it is given."""

    name: str
    answer: Callable[[], Any]
    feedback: Text


@dataclass(frozen=True)
class Exercise:
    id: str
    notebook: str
    kind: str
    title: Text
    expected: Callable[[], Any]
    mistakes: tuple[Mistake, ...] = ()
    tolerance: float = 0.05  # absolute, in the answer's own unit
    hint: Text = field(default_factory=dict)  # what the correct answer shows, said on success

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"exercise {self.id}: kind must be one of {KINDS}, not {self.kind!r}")
        for lang in i18n.LANGUAGES:
            if not self.title.get(lang):
                raise ValueError(f"exercise {self.id}: title has no {lang!r} text")
            for mistake in self.mistakes:
                if not mistake.feedback.get(lang):
                    raise ValueError(
                        f"exercise {self.id}, mistake {mistake.name}: no {lang!r} feedback"
                    )


@dataclass(frozen=True)
class ExerciseResult:
    """What :func:`check` returns: ``correct``, ``feedback`` (in the chosen language) and more."""

    exercise_id: str
    correct: bool
    feedback: str
    mistake: str | None = None  # the name of the mistake recognised, if any
    response: Any = None  # the short JSON-safe summary that is saved
    valid: bool = True

    @property
    def score(self) -> float:
        return 1.0 if self.correct else 0.0

    def __repr__(self) -> str:  # the notebook shows this when the result is a cell's last line
        mark = "✓" if self.correct else "✗"
        return f"{mark} {self.feedback}"

    def _repr_markdown_(self) -> str:
        mark = "✅" if self.correct else "❌"
        return f"{mark} {self.feedback}"


# --------------------------------------------------------------------------- reading answers


def _number(value: Any) -> float:
    if isinstance(value, bool) or value is None:
        raise Unreadable("exercise.not_number", got=type(value).__name__)
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        text = text.replace("−", "-").replace(",", ".") if text.count(",") == 1 else text
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise Unreadable("exercise.not_number", got=repr(value)[:40]) from None
    else:
        size = getattr(value, "size", None)
        if size == 1 and hasattr(value, "to_numpy"):  # a one-cell Series or DataFrame
            return _number(value.to_numpy().ravel()[0])
        if size == 1 and hasattr(value, "item"):  # a numpy scalar or 1-element array
            return _number(value.item())
        if size is not None:
            raise Unreadable("exercise.too_many", count=size)
        raise Unreadable("exercise.not_number", got=type(value).__name__)
    if math.isnan(number) or math.isinf(number):
        raise Unreadable("exercise.not_finite")
    return number


def _key(value: Any) -> Any:
    """Years stored as 2020, 2020.0, '2020' or a Timestamp all become the int 2020."""
    if hasattr(value, "year") and not isinstance(value, numbers.Real):
        return int(value.year)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        return int(text) if text.isdigit() else text.casefold()
    return value


def read_table(answer: Any, key: str, value: str) -> dict[Any, float]:
    """A Series (index → value) or a DataFrame (``key`` column or index, ``value`` column)."""
    import pandas as pd

    if isinstance(answer, Mapping):
        pairs = list(answer.items())
    elif isinstance(answer, pd.Series):
        pairs = list(answer.items())
    elif isinstance(answer, pd.DataFrame):
        frame = answer
        if value not in frame.columns:
            numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
            numeric = [c for c in numeric if c != key]
            if len(numeric) != 1:
                raise Unreadable("exercise.no_column", column=value)
            column = numeric[0]
        else:
            column = value
        if key in frame.columns:
            pairs = list(zip(frame[key], frame[column], strict=True))
        else:
            pairs = list(zip(frame.index, frame[column], strict=True))
    else:
        raise Unreadable("exercise.not_table", got=type(answer).__name__)
    if not pairs:
        raise Unreadable("exercise.empty_table")
    table: dict[Any, float] = {}
    for raw_key, raw_value in pairs:
        k = _key(raw_key)
        if k in table:
            raise Unreadable("exercise.duplicate", key=k)
        try:
            table[k] = _number(raw_value)
        except Unreadable:
            raise Unreadable("exercise.bad_cell", key=k) from None
    return table


def read_chart(answer: Any) -> dict[str, dict[Any, float]]:
    """Every labelled line and bar series drawn on a Figure or Axes: ``{label: {x: y}}``."""
    axes_list = _axes(answer)
    series: dict[str, dict[Any, float]] = {}
    for ax in axes_list:
        inverse = _category_names(ax)
        for line in ax.get_lines():
            label = str(line.get_label())
            if label.startswith("_"):
                label = ax.get_ylabel() or f"line {len(series) + 1}"
            xs, ys = line.get_xdata(orig=True), line.get_ydata(orig=True)
            series[label.strip()] = _points(xs, ys, inverse)
        for container in ax.containers:
            if not hasattr(container, "patches"):
                continue
            label = str(container.get_label() or "")
            if not label or label.startswith("_"):
                label = ax.get_ylabel() or f"bars {len(series) + 1}"
            xs = [p.get_x() + p.get_width() / 2 for p in container.patches]
            ys = [p.get_height() for p in container.patches]
            series[label.strip()] = _points(xs, ys, inverse)
    if not series:
        raise Unreadable("exercise.empty_chart")
    return series


def _axes(answer: Any) -> list[Any]:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(answer, Figure):
        return list(answer.axes)
    if isinstance(answer, Axes):
        return [answer]
    if isinstance(answer, list | tuple) and answer and all(isinstance(a, Axes) for a in answer):
        return list(answer)
    if hasattr(answer, "figure") and isinstance(getattr(answer, "figure", None), Figure):
        return list(answer.figure.axes)  # a Line2D or container returned by plot()/bar()
    raise Unreadable("exercise.not_chart", got=type(answer).__name__)


def _category_names(ax: Any) -> dict[float, str]:
    units = ax.xaxis.get_units()
    mapping = getattr(units, "_mapping", None)
    return {float(v): k for k, v in mapping.items()} if mapping else {}


def _points(xs: Any, ys: Any, inverse: Mapping[float, str]) -> dict[Any, float]:
    points: dict[Any, float] = {}
    for x, y in zip(list(xs), list(ys), strict=False):
        if isinstance(x, numbers.Real) and float(x) in inverse:
            x = inverse[float(x)]
        try:
            points[_key(x)] = _number(y)
        except Unreadable:
            continue
    return points


# --------------------------------------------------------------------------- comparing


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + 1e-9


def _same_table(got: Mapping, want: Mapping, tolerance: float) -> bool:
    return set(got) == set(want) and all(_close(got[k], want[k], tolerance) for k in want)


def _match_series(got: Mapping[str, Mapping], want: Mapping[str, Mapping], tolerance: float):
    """Pair each expected series with a drawn one: by label when it fits, else by its values."""
    pairs, free = {}, dict(got)
    for label, points in want.items():
        named = [g for g in free if label.casefold() in g.casefold()]
        fits = [g for g in free if _same_table(free[g], points, tolerance)]
        chosen = (fits or named or [None])[0]
        if chosen is not None:
            pairs[label] = chosen
            free.pop(chosen)
    return pairs


def _same_chart(got, want, tolerance: float, labels: bool = False) -> bool:
    pairs = _match_series(got, want, tolerance)
    if len(pairs) != len(want):
        return False
    if labels and any(label.casefold() not in pairs[label].casefold() for label in want):
        return False
    return all(_same_table(got[pairs[lab]], want[lab], tolerance) for lab in want)


def _scaled(answer: Any, factor: float) -> Any:
    if isinstance(answer, float):
        return answer * factor
    if answer and isinstance(next(iter(answer.values())), Mapping):
        return {k: _scaled(v, factor) for k, v in answer.items()}
    return {k: v * factor for k, v in answer.items()}


def _same(kind: str, got: Any, want: Any, tolerance: float) -> bool:
    if kind == "value":
        return _close(got, want, tolerance)
    if kind == "table":
        return _same_table(got, want, tolerance)
    return _same_chart(got, want, tolerance)


def _read(exercise: Exercise, answer: Any, spec: Any) -> Any:
    if exercise.kind == "value":
        return _number(answer)
    if exercise.kind == "table":
        key, value = spec
        return read_table(answer, key, value)
    return read_chart(answer)


def _normal(exercise: Exercise, computed: Any) -> Any:
    """An expected or mistaken answer from a chapter module, in the comparable form."""
    if exercise.kind == "value":
        return float(computed)
    if exercise.kind == "table":
        return {_key(k): float(v) for k, v in computed.items()}
    return {label: {_key(k): float(v) for k, v in pts.items()} for label, pts in computed.items()}


def summarise(kind: str, answer: Any) -> Any:
    """A short JSON-safe summary of a read answer (what is saved in the answers file)."""
    if kind == "value":
        return round(answer, 6)
    if kind == "table":
        items = list(answer.items())[:30]
        return {str(k): round(v, 6) for k, v in items}
    return {
        label[:60]: {str(k): round(v, 6) for k, v in list(pts.items())[:30]}
        for label, pts in list(answer.items())[:6]
    }


def diagnose(exercise: Exercise, answer: Any, spec: Any, lang: str) -> ExerciseResult:
    """Compare ``answer`` with the expected one and with each known mistake. Never raises."""
    try:
        got = _read(exercise, answer, spec)
    except Unreadable as problem:
        return ExerciseResult(
            exercise.id,
            False,
            i18n.t(problem.key, lang=lang, **problem.values),
            mistake="unreadable",
            response={"unreadable": type(answer).__name__},
            valid=False,
        )
    except Exception as exc:  # an object that breaks while being read: still feedback
        return ExerciseResult(
            exercise.id,
            False,
            i18n.t("exercise.unreadable", lang=lang, error=type(exc).__name__),
            mistake="unreadable",
            response={"unreadable": type(answer).__name__},
            valid=False,
        )
    want = _normal(exercise, exercise.expected())
    summary = summarise(exercise.kind, got)
    tol = exercise.tolerance

    def result(correct: bool, text: str, mistake: str | None = None) -> ExerciseResult:
        return ExerciseResult(exercise.id, correct, text, mistake, summary)

    if _same(exercise.kind, got, want, tol):
        if exercise.kind == "chart" and not _same_chart(got, want, tol, labels=True):
            return result(False, i18n.t("exercise.chart_label", lang=lang, labels=_labels(want)))
        praise = i18n.t("exercise.correct", lang=lang)
        extra = exercise.hint.get(lang) or exercise.hint.get("en") or ""
        return result(True, f"{praise} {extra}".strip())
    for mistake in exercise.mistakes:
        wrong = _normal(exercise, mistake.answer())
        if _same(exercise.kind, got, wrong, tol):
            text = mistake.feedback.get(lang) or mistake.feedback["en"]
            return result(False, text, mistake.name)
    for factor in (1000.0, 0.001, 100.0, 0.01):
        if _same(exercise.kind, got, _scaled(want, factor), abs(tol * factor) + tol):
            return result(False, i18n.t("exercise.units", lang=lang), "units")
    if exercise.kind == "value" and _close(-got, want, tol):
        return result(False, i18n.t("exercise.sign", lang=lang), "sign")
    if exercise.kind in ("table", "chart"):
        missing = _missing(exercise.kind, got, want, tol, lang)
        if missing:
            return result(False, missing, "missing")
    return result(False, i18n.t("exercise.wrong", lang=lang))


def _labels(want: Mapping) -> str:
    return ", ".join(f"'{label}'" for label in want)


def _missing(kind: str, got: Any, want: Any, tol: float, lang: str) -> str | None:
    """Feedback when the answer is right except for absent or extra keys (years)."""
    if kind == "table":
        tables = [(got, want)]
    else:
        pairs = _match_series(got, want, tol)
        tables = [(got[pairs[label]], want[label]) for label in pairs]
        if len(pairs) < len(want):
            absent = [label for label in want if label not in pairs]
            return i18n.t("exercise.missing_series", lang=lang, labels=", ".join(absent))
    for g, w in tables:
        shared = set(g) & set(w)
        if not shared or not all(_close(g[k], w[k], tol) for k in shared):
            continue
        absent = sorted((k for k in w if k not in g), key=str)
        extra = sorted((k for k in g if k not in w), key=str)
        if absent:
            return i18n.t("exercise.missing_keys", lang=lang, keys=", ".join(map(str, absent)))
        if extra:
            return i18n.t("exercise.extra_keys", lang=lang, keys=", ".join(map(str, extra)))
    return None
