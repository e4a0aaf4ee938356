"""Helpers shared by the data test modules (imported explicitly; pytest does not auto-load it).

``set_cell`` breaks one cell of a data folder the way an instructor's typo would;
``financial_values`` / ``financial_value`` read a figure straight from ``financials``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from casestudy import data


def set_cell(folder: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell of ``table`` in a data folder (``row`` is the line a spreadsheet shows,
    header = 1), then forget what was read before."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    lines[row - 1][lines[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(lines)
    data.clear_cache()


def financial_values(year: int, period: str, metric: str, basis: str = "as_published") -> list:
    """Every value ``financials`` holds for one year, period, metric and basis, as floats."""
    fin = data.load("financials")
    rows = fin[
        (fin["year"] == year)
        & (fin["period"] == period)
        & (fin["metric"] == metric)
        & (fin["basis"] == basis)
    ]
    return rows["value"].astype(float).tolist()


def financial_value(year: int, period: str, metric: str, basis: str = "as_published") -> float:
    """The first of those values; the table must have one."""
    values = financial_values(year, period, metric, basis)
    assert values, (year, period, metric, basis)
    return values[0]
