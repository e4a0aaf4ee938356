"""What the first cell of every notebook calls, and small helpers for the notebook's last cells."""

from __future__ import annotations

from collections.abc import Iterable

from . import data


def setup(lang: str = "en") -> None:
    """Set up a course notebook: display options, the UI language, and a line saying what loaded.

    Students run it once at the top; it prints the size of the case data so that everyone in
    the room can see they work on the same version.
    """
    import pandas as pd

    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.width", 120)
    try:
        from .i18n import set_language
    except ImportError:  # pragma: no cover - i18n ships with the package
        set_language = None
    if set_language is not None:
        set_language(lang)
    # Every table is read and checked here, so a broken data file stops the first cell with the
    # file, row and field; DataFrames are built later, only for the tables the notebook uses.
    sizes = data.row_counts()
    tables = ", ".join(f"{name} ({sizes[name]})" for name in data.datasets())
    print(f"Anatomy of a Comeback — case data loaded: {tables}. Language: {lang}.")


def sources(ids: Iterable[str]) -> None:
    """Print the full reference of each source id, sorted, once each."""
    for source_id in sorted(set(ids)):
        print(data.cite(source_id))


def is_exercise_check(source: str) -> bool:
    """True for a cell that calls ``check_exercise(...)``.

    Its stored output is the verdict on the solution's answer, so the student copy and the
    student web edition drop it.

    >>> is_exercise_check('casestudy.check_exercise("ex-01", answer)'), is_exercise_check("x = 1")
    (True, False)
    """
    return "check_exercise(" in source
