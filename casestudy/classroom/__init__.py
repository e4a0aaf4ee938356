"""The class loop: simulate a class, collect its answers, analyse the items, report, grade.

In a notebook or a script::

    import casestudy.classroom as cc
    cc.simulate_class(120, seed=1, out="class-answers")    # a synthetic class
    result = cc.collect(["class-answers"])                 # every answers file
    cc.item_stats(result.table)                            # one row per item
    cc.write_report(result.table, "report")                # index.html, CSV, gradebooks

One concern per module: :mod:`.simulate` (a synthetic class), :mod:`.collector` (answers files
and exports into one table), :mod:`.stats` (classical item analysis), :mod:`.charts`,
:mod:`.gradebook` (Moodle and Canvas CSV) and :mod:`.report` (the HTML report). Importing this
package loads neither pandas nor matplotlib; they load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "simulate_class": "simulate",
    "collect": "collector",
    "CollectResult": "collector",
    "write_class_csv": "collector",
    "TABLE_COLUMNS": "collector",
    "is_synthetic": "collector",
    "item_stats": "stats",
    "distractor_shares": "stats",
    "quiz_summary": "stats",
    "student_progress": "stats",
    "reflections": "stats",
    "hardest_items_chart": "charts",
    "distractor_map_chart": "charts",
    "progress_chart": "charts",
    "debrief_chart": "charts",
    "moodle_gradebook": "gradebook",
    "canvas_gradebook": "gradebook",
    "write_report": "report",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
