"""Derived tables: the case's numbers put side by side for a question a class asks.

Each function reads only through :func:`casestudy.data.load`, so every value can be traced to a
row and its ``source_id``.

Which row counts when sources disagree: the ``financials`` table keeps every published figure,
so a year can have several rows for one metric (two sources, or an as-published and a restated
row). :func:`financial_series` picks one value per year by a stated rule: the chosen basis, then
the highest confidence, then the first row in the file. :func:`disagreements` lists where the
choice mattered, so a class can look at it instead of trusting the rule.
"""

from __future__ import annotations

import operator

from .data import CaseDataError, load

STATUSES = ("met early", "met", "missed", "pending", "not measurable")
BASES = ("as_published", "latest")

_CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}
_COMPARE = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}
# "about X" counts as reached from 95 % of X upwards: a plan that says "around 3 bn" is read
# by analysts as met by 2.9 bn; the margin is stated here so nobody has to guess it.
ABOUT_TOLERANCE = 0.05


def _meets(actual: float, comparator: str, target: float) -> bool:
    if comparator == "~":
        return actual >= target - abs(target) * ABOUT_TOLERANCE
    return _COMPARE[comparator](actual, target)


def financial_series(metric: str, period: str = "FY", basis: str = "as_published"):
    """One value per year for a metric, as a pandas Series indexed by year.

    ``basis="as_published"`` gives what the company published at the time;
    ``basis="latest"`` takes a restated figure where one exists (for comparing years on one
    basis). The Series carries the chosen rows' source ids in ``.attrs["source_ids"]``.

    >>> s = financial_series("operating_margin_pct")
    >>> float(s[2021]), float(s[2022])
    (3.6, 5.6)
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, got '{basis}'")
    fin = load("financials")
    known = set(fin["metric"].astype(str))
    if metric not in known:
        raise CaseDataError(
            f"financials: no metric '{metric}'; the metrics are: {', '.join(sorted(known))}"
        )
    rows = fin[(fin["metric"] == metric) & (fin["period"] == period)].copy()
    rows["_order"] = range(len(rows))
    rows["_conf"] = rows["confidence"].astype(str).map(_CONFIDENCE_RANK)
    if basis == "as_published":
        rows = rows[rows["basis"] == "as_published"]
        rows["_basis"] = 0
    else:
        rows["_basis"] = (rows["basis"] != "restated").astype(int)
    chosen = rows.sort_values(["year", "_basis", "_conf", "_order"]).groupby("year").head(1)
    series = chosen.set_index(chosen["year"].astype(int))["value"].rename(metric)
    series.index.name = "year"
    series.attrs["source_ids"] = dict(
        zip(chosen["year"].astype(int), chosen["source_id"].astype(str), strict=True)
    )
    series.attrs["unit"] = str(chosen["unit"].iloc[0]) if len(chosen) else ""
    return series


def disagreements():
    """Year, period and metric where the table holds more than one value, side by side."""
    import pandas as pd

    fin = load("financials")
    keys = ["year", "period", "metric"]
    counts = fin.groupby(keys, observed=True)["value"].transform("nunique")
    out = fin[counts > 1].sort_values(keys + ["basis"])
    cols = keys + ["basis", "value", "unit", "source_id", "confidence", "note"]
    return pd.DataFrame(out[cols]).reset_index(drop=True)


def _actual(metric: str, fin_metrics: set[str], start_year: int):
    """(value in year, {year: value}) for a target's metric; cumulative metrics are summed."""
    if metric.endswith("_cumulative"):
        base = metric.removesuffix("_cumulative")
        if base not in fin_metrics:
            return None
        yearly = financial_series(base)
        yearly = yearly[yearly.index >= start_year]
        return yearly.cumsum()
    if metric not in fin_metrics:
        return None
    return financial_series(metric)


def promise_vs_delivery():
    """Every target next to what was delivered, with a status.

    ``actual`` is the published value for the deadline year (a running total from the year the
    plan was announced for ``*_cumulative`` metrics); ``first_met`` is the first year from the
    announcement on that meets the target. ``status`` is one of ``met early`` (met in the
    deadline year and already before it), ``met``, ``missed`` (not met in the deadline year),
    ``pending`` (the deadline year has no published figure yet) or ``not measurable`` (the
    case data holds no outcome for this metric: it is shown, never guessed).

    >>> pvd = promise_vs_delivery().set_index("id")
    >>> pvd.loc[pvd.query("plan == 'renaulution' and metric == 'operating_margin_pct' "
    ...                   "and deadline_year == 2023").index[0], "first_met"]
    2021
    """
    import pandas as pd

    targets = load("targets")
    fin = load("financials")
    fin_metrics = set(fin["metric"].astype(str))
    rows = []
    for t in targets.itertuples(index=False):
        start = int(pd.Timestamp(t.announced).year)
        deadline = int(t.deadline_year)
        series = _actual(str(t.metric), fin_metrics, start)
        actual = first_met = None
        if series is None:
            status = "not measurable"
        else:
            candidates = series[series.index >= start]
            met_years = [
                int(y) for y, v in candidates.items() if _meets(v, str(t.comparator), t.value)
            ]
            first_met = min(met_years) if met_years else None
            if deadline in series.index:
                actual = float(series[deadline])
                if _meets(actual, str(t.comparator), t.value):
                    status = (
                        "met early" if first_met is not None and first_met < deadline else "met"
                    )
                else:
                    status = "missed"
            elif len(series) and deadline > int(series.index.max()):
                status = "pending"
            else:
                status = "not measurable"
        rows.append(
            {
                "id": t.id,
                "plan": t.plan,
                "announced": t.announced,
                "metric": t.metric,
                "comparator": t.comparator,
                "target": t.value,
                "unit": t.unit,
                "deadline_year": deadline,
                "actual": actual,
                "first_met": first_met,
                "status": status,
                "description_en": t.description_en,
                "source_id": t.source_id,
            }
        )
    out = pd.DataFrame(rows)
    out["first_met"] = out["first_met"].astype("Int64")
    out["status"] = pd.Categorical(out["status"], categories=list(STATUSES))
    return out
