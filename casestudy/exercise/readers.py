"""Turn what a student hands in — a number, a table, a figure — into plain data to compare.

Each reader returns ``(data, problem)``: the data, or a message key (with values) saying why the
answer cannot be read. Nothing here raises for a student's input.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

Problem = tuple[str, dict[str, Any]] | None


def _kind(value: Any) -> str:
    return type(value).__name__


def read_number(answer: Any) -> tuple[float | None, Problem]:
    """A plain float from a number, a numpy scalar or a one-cell Series/DataFrame."""
    import pandas as pd

    if isinstance(answer, pd.DataFrame | pd.Series):
        cells = answer.to_numpy().ravel()
        if cells.size == 0:
            return None, ("empty", {})
        if cells.size > 1:
            return None, ("many_values", {"n": cells.size})
        answer = cells[0]
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None, ("want_number", {"got": _kind(answer)})
    value = float(answer)
    if math.isnan(value):
        return None, ("nan", {})
    if math.isinf(value):
        return None, ("want_number", {"got": "infinity"})
    return value, None


def _key(value: Any) -> Any:
    """Years as int, everything else as text: 2020, 2020.0 and "2020" are the same key."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        return int(number) if number.is_integer() else number
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def _series_of(answer: Any, key: str, value: str):
    import pandas as pd

    if isinstance(answer, pd.Series):
        return answer, None
    columns = [str(c) for c in answer.columns]
    frame = answer.copy()
    frame.columns = columns
    if key in columns and value in columns:
        return frame.set_index(key)[value], None
    if value in columns:
        return frame[value], None
    numeric = [c for c in columns if c != key and pd.api.types.is_numeric_dtype(frame[c])]
    if len(numeric) == 1:
        series = frame[numeric[0]]
        return (series.set_axis(frame[key]) if key in columns else series), None
    return None, ("no_value_column", {"value": value})


def read_table(answer: Any, key: str, value: str) -> tuple[dict | None, Problem]:
    """``{key: value}`` from a Series (index -> value) or a DataFrame (key and value columns)."""
    import pandas as pd

    if not isinstance(answer, pd.DataFrame | pd.Series):
        return None, ("want_table", {"got": _kind(answer)})
    if answer.empty:
        return None, ("empty", {})
    series, problem = _series_of(answer, key, value)
    if problem:
        return None, problem
    keys = [_key(k) for k in series.index]
    repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
    if repeated:
        return None, ("duplicates", {"keys": ", ".join(repeated[:5])})
    out = {}
    for k, v in zip(keys, series.tolist(), strict=True):
        number, _ = read_number(v)
        out[k] = number
    return out, None


def _bar_key(ax, x: float, labels: dict[float, str]) -> Any:
    text = labels.get(round(x, 6))
    return _key(text) if text else _key(round(x, 6))


def _tick_labels(ax) -> dict[float, str]:
    try:
        ax.figure.canvas.draw()  # tick labels are only filled in by a draw
    except Exception:  # noqa: BLE001 - a broken canvas still leaves the data readable
        return {}
    return {
        round(float(pos), 6): label.get_text()
        for pos, label in zip(ax.get_xticks(), ax.get_xticklabels(), strict=False)
        if label.get_text()
    }


def _line_series(line) -> dict:
    xs, ys = line.get_xdata(), line.get_ydata()
    out = {}
    for x, y in zip(xs, ys, strict=False):
        number, _ = read_number(y)
        if type(x).__name__ == "datetime64":  # a line drawn over dates keeps numpy datetimes
            import pandas as pd

            x = pd.Timestamp(x)
        out[_key(getattr(x, "year", x))] = number
    return out


def _scatter_x(ax, x: float) -> Any:
    """A scatter stores its x as floats; on a date axis they are day numbers."""
    from matplotlib.dates import DateConverter, num2date

    converter = getattr(ax.xaxis, "get_converter", lambda: ax.xaxis.converter)()
    if isinstance(converter, DateConverter) or type(converter).__name__.endswith("DateConverter"):
        return num2date(x)
    return float(x)


def read_axes(ax) -> list[tuple[str, dict]]:
    """Every line and bar series drawn on ``ax`` as ``(label, {x: y})``."""
    drawn = [(str(line.get_label()), _line_series(line)) for line in ax.get_lines()]
    containers = [c for c in ax.containers if hasattr(c, "patches")]
    labels = _tick_labels(ax) if containers else {}
    for container in containers:
        points = {}
        for patch in container.patches:
            x = patch.get_x() + patch.get_width() / 2
            number, _ = read_number(patch.get_height())
            points[_bar_key(ax, x, labels)] = number
        drawn.append((str(container.get_label()), points))
    for collection in ax.collections:  # ax.scatter(...): a chart of points is read like a line
        offsets = getattr(collection, "get_offsets", lambda: [])()
        points = {}
        for x, y in offsets:
            number, _ = read_number(y)
            where = _scatter_x(ax, x)
            points[_key(getattr(where, "year", where))] = number
        drawn.append((str(collection.get_label()), points))
    return [(label, points) for label, points in drawn if points]


def read_figure(answer: Any) -> tuple[dict | None, Problem]:
    """``{"series": [(label, {x: y}), ...], "ylabels": [...]}`` from a Figure or an Axes."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(answer, Axes):
        answer = answer.figure
    if not isinstance(answer, Figure):
        return None, ("want_figure", {"got": _kind(answer)})
    series, ylabels = [], []
    for ax in answer.get_axes():
        series.extend(read_axes(ax))
        ylabels.append(ax.get_ylabel().strip())
    if not series:
        return None, ("nothing_drawn", {})
    return {"series": series, "ylabels": [y for y in ylabels if y]}, None
