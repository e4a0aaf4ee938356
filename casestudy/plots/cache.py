"""Each course chart drawn once per machine: its PNG and summary kept in the cache folder.

Drawing a chart costs 0.1 to 0.5 s of matplotlib text layout; reading it back costs under a
millisecond. A chart is stored under a key made of everything that decides its pixels and its
summary: the chart function and its arguments (defaults filled in), the case data as this
process read it (:func:`casestudy.data.fingerprint`), the source code of the package, the
matplotlib settings (``rcParams``), the font files and the versions of matplotlib, Pillow,
NumPy and oxipng. Change any of them (edit a CSV, pass ``lang="fr"``, restyle matplotlib) and
the chart is drawn again. A chart whose arguments are not plain values (a DataFrame, say) is
never cached. The folder and how to share it on a hub: :mod:`casestudy.cache`.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import cache as store
from .style import Chart

#: about 20 MB of charts: every chart of the course in English and French, several times over
MAX_ENTRIES = 250
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# rcParams that say where figures are shown, not how they look
_NOT_LOOK = {"backend", "backend_fallback", "interactive", "webagg.port", "webagg.address"}


class _NotCacheable(Exception):
    """An argument that has no stable text form (a DataFrame, a figure, ...)."""


def cache_dir() -> Path | None:
    """The chart cache folder, or None when ``CASESTUDY_CACHE=off``."""
    return store.folder("charts")


def _plain(value: Any) -> Any:
    """A JSON-able form of an argument that says exactly what was asked for."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return [type(value).__name__, repr(value)]
    if isinstance(value, datetime | date):  # pandas.Timestamp is a datetime
        return [type(value).__name__, value.isoformat()]
    if isinstance(value, list | tuple):
        return [type(value).__name__, [_plain(v) for v in value]]
    if isinstance(value, set | frozenset):
        return ["set", sorted(json.dumps(_plain(v)) for v in value)]
    if isinstance(value, dict):  # e.g. the events a chart marks, with their labels
        return ["dict", [[_plain(k), _plain(v)] for k, v in value.items()]]
    raise _NotCacheable(type(value).__name__)


@functools.cache
def _versions() -> tuple[str, ...]:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("matplotlib", "pillow", "pyoxipng", "numpy"):
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:  # pragma: no cover - all four are dependencies
            found.append(f"{name}==?")
    return tuple(found)


def _look_digest() -> str:
    """matplotlib's settings and the font files the default family resolves to."""
    import matplotlib
    from matplotlib import font_manager

    settings = sorted((k, repr(v)) for k, v in matplotlib.rcParams.items() if k not in _NOT_LOOK)
    fonts = []
    for weight in ("normal", "bold"):
        path = font_manager.findfont(font_manager.FontProperties(weight=weight))
        try:
            fonts.append(f"{path}:{os.stat(path).st_size}")
        except OSError:
            fonts.append(path)
    text = json.dumps([settings, fonts, _versions()])
    return hashlib.sha256(text.encode()).hexdigest()


def chart_key(function: Callable, args: tuple, kwargs: dict) -> str | None:
    """The cache key of ``function(*args, **kwargs)``, or None when it cannot be cached."""
    from .. import data

    try:
        bound = inspect.signature(function).bind(*args, **kwargs)
    except TypeError:
        return None  # the call itself is wrong: let the function say so
    bound.apply_defaults()
    try:
        arguments = {name: _plain(value) for name, value in bound.arguments.items()}
        case_data = data.fingerprint()
    except (_NotCacheable, data.CaseDataError):
        return None  # a broken table: drawing the chart reports it with file, row and field
    name = f"{function.__module__}.{function.__qualname__}"
    return store.key_of(name, arguments, case_data, _look_digest())


def read(folder: Path, key: str) -> tuple[bytes, dict] | None:
    """The stored PNG and its description, or None when absent or damaged."""
    try:
        png = (folder / f"{key}.png").read_bytes()
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not png.startswith(_PNG_SIGNATURE) or not isinstance(meta, dict):
        return None
    if meta.get("key") != key or meta.get("png_sha256") != hashlib.sha256(png).hexdigest():
        return None
    fields = ("summary", "title", "source_ids", "source_line")
    if not all(f in meta for f in fields) or not isinstance(meta["source_ids"], list):
        return None
    return png, meta


def write(folder: Path, key: str, png: bytes, chart: Chart) -> None:
    """Store one chart; any failure (read-only folder, full disk) leaves the cache as it was."""
    meta = {
        "key": key,
        "png_sha256": hashlib.sha256(png).hexdigest(),
        "summary": chart.summary,
        "title": chart.title,
        "source_ids": chart.source_ids,
        "source_line": chart.source_line,
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # the PNG first: a description without its picture is never read as an entry
        store.write_atomic(folder / f"{key}.png", png)
        store.write_atomic(folder / f"{key}.json", json.dumps(meta, ensure_ascii=False).encode())
        store.prune(folder, MAX_ENTRIES)
    except OSError:
        return


def cached(function: Callable[..., Chart]) -> Callable[..., Chart]:
    """Decorate a chart function: read the chart from the cache, or draw it and store it the
    first time its PNG is made (when it is shown)."""

    @functools.wraps(function)
    def chart_function(*args, **kwargs) -> Chart:
        folder = cache_dir()
        key = chart_key(function, args, kwargs) if folder is not None else None
        if key is None:
            return function(*args, **kwargs)
        found = read(folder, key)
        if found is None:
            chart = function(*args, **kwargs)
            chart._store = lambda png, drawn: write(folder, key, png, drawn)
            return chart
        png, meta = found
        chart = Chart(None, meta["summary"], meta["source_ids"], meta["source_line"])
        chart._png, chart._title = png, meta["title"]
        chart._rebuild = lambda: function(*args, **kwargs)
        return chart

    chart_function.draw = function  # the undecorated function: always draws
    return chart_function


@dataclass(frozen=True)
class ChartCall:
    """A chart cell of a notebook: ``name = plots.chart(...)``, with literal arguments."""

    notebook: str
    cell: int
    chart: str
    args: tuple
    kwargs: dict

    def __call__(self) -> Chart:
        from . import CHARTS

        return CHARTS[self.chart](*self.args, **self.kwargs)


def chart_calls(notebook) -> list[ChartCall]:
    """Every chart a notebook (``.ipynb``) draws in a cell of its own, with literal arguments
    (a cell computing its arguments is left out: it is drawn when the notebook runs)."""
    import ast

    import nbformat

    from . import CHARTS

    nb = nbformat.read(notebook, as_version=4)
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "plots." not in cell.source:
            continue
        try:
            statement = ast.parse(cell.source).body[0]
        except (SyntaxError, IndexError):
            continue
        call = getattr(statement, "value", None)
        target = getattr(call, "func", None)
        if not (
            isinstance(call, ast.Call)
            and isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "plots"
            and target.attr in CHARTS
        ):
            continue
        try:
            args = tuple(ast.literal_eval(a) for a in call.args)
            kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
        except ValueError:
            continue
        found.append(ChartCall(Path(notebook).stem, index, target.attr, args, kwargs))
    return found


def warm(lang_variants: bool = True, notebooks=()) -> list[str]:
    """Draw into the cache every course chart (with its defaults, and in French where it has a
    ``lang``) and every chart the given notebooks draw; the names drawn
    (``python -m casestudy charts``)."""
    from . import CHARTS

    calls = [call for notebook in notebooks for call in chart_calls(notebook)]  # fails first
    names = []
    for name, function in CHARTS.items():
        variants = [{}]
        if lang_variants and "lang" in inspect.signature(function.draw).parameters:
            variants.append({"lang": "fr"})
        for kwargs in variants:
            function(**kwargs).to_png()
        names.append(name)
    for call in calls:
        call().to_png()
        names.append(f"{call.notebook}:{call.chart}")
    return names
