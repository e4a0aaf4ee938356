"""Small filters over the case tables that the exercises share (expected and mistaken answers)."""

from __future__ import annotations


def series(metric: str, period: str = "FY", basis: str = "as_published", years=None) -> dict:
    """``{year: value}`` for one metric, period and basis of ``financials``."""
    from casestudy import load

    fin = load("financials")
    rows = fin[(fin["metric"] == metric) & (fin["period"] == period) & (fin["basis"] == basis)]
    out = {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}
    return {y: v for y, v in out.items() if years is None or y in years}


def preferring(metric: str, first: str, period: str = "FY", years=None) -> dict:
    """The series on basis ``first`` where it exists, as published elsewhere."""
    out = series(metric, period, "as_published", years)
    out.update(
        series(metric, period, first, years)
        if years is None
        else {y: v for y, v in series(metric, period, first).items() if y in years}
    )
    return out


def one(metric: str, year: int, period: str = "FY", basis: str = "as_published") -> float:
    return series(metric, period, basis)[year]
