"""The reference computations the exercises compare against, on the case tables themselves."""

from __future__ import annotations

from casestudy import data


def financial(
    metric: str,
    years: range | list[int],
    *,
    period: str = "FY",
    basis: str = "as_published",
) -> dict[int, float]:
    """``{year: value}`` of one metric, one period, one basis, high-confidence rows first.

    A year with two rows on the same basis (a low-confidence second estimate) keeps the
    better-sourced one; a year without a row on ``basis`` is left out.
    """
    fin = data.load("financials")
    rows = fin[(fin["metric"] == metric) & (fin["period"] == period) & (fin["basis"] == basis)]
    rows = rows[rows["year"].isin(list(years))]
    order = {"high": 0, "medium": 1, "low": 2}
    rows = rows.assign(_rank=rows["confidence"].map(order)).sort_values(["year", "_rank"])
    rows = rows.drop_duplicates("year")
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def latest(metric: str, years: range | list[int], period: str = "FY") -> dict[int, float]:
    """The restated value where there is one, else the published one."""
    out = financial(metric, years, period=period)
    out.update(financial(metric, years, period=period, basis="restated"))
    return out


def one(metric: str, year: int, *, period: str = "FY", basis: str = "as_published") -> float:
    return financial(metric, [year], period=period, basis=basis)[year]


def minus(a: dict, b: dict) -> dict:
    """``a - b`` on the keys both have."""
    return {k: a[k] - b[k] for k in a if k in b}
