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

import functools
import operator
from typing import Any

from ..data import CaseDataError, load

STATUSES = ("met early", "met", "missed", "pending", "not measurable")
BASES = ("as_published", "latest")
SERIES_RELEASE_EVENT = "ev-068"  # Anatomie d'un come-back released on Prime Video
# marks a reading offered for class discussion, not a sourced finding
TEACHING_SUGGESTION = "teaching suggestion"

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


def _first_met(values, comparator: str, target: float) -> int | None:
    """The first year of ``values`` (year -> value) that meets the target, or None."""
    met = [int(y) for y, v in values.items() if _meets(v, comparator, target)]
    return min(met) if met else None


def _pick_one(rows, keys: list[str], prefer: list[str]):
    """One row per ``keys``: the lowest ``prefer`` columns first, then the highest confidence,
    then the first row in the file (the rule :func:`financial_series` states)."""
    rows = rows.assign(
        _conf=rows["confidence"].astype(str).map(_CONFIDENCE_RANK), _order=range(len(rows))
    )
    ranked = rows.sort_values([*keys, *prefer, "_conf", "_order"])
    return ranked.groupby(keys, observed=True).head(1)


def _per_data_version(function):
    """Remember ``function``'s results for the case data as read now (they are recomputed
    after an edit and ``clear_cache()``); each caller gets its own copy of a pandas result."""
    results: dict[tuple, Any] = {}

    @functools.wraps(function)
    def remembered(*args):
        from .. import data

        try:
            key = (data.fingerprint(), *args)
            hash(key)
        except (CaseDataError, TypeError):  # another table is broken, or an odd argument
            return function(*args)
        if key not in results:
            if len(results) > 256:
                results.clear()
            results[key] = function(*args)
        found = results[key]
        return found.copy(deep=True) if hasattr(found, "attrs") else found  # pandas

    return remembered


@_per_data_version
def _financial_metrics() -> frozenset[str]:
    return frozenset(load("financials")["metric"].astype(str))


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
    return _financial_series(metric, period, basis)


@_per_data_version
def _financial_series(metric: str, period: str, basis: str):
    fin = load("financials")
    known = set(fin["metric"].astype(str))
    if metric not in known:
        raise CaseDataError(
            f"financials: no metric '{metric}'; the metrics are: {', '.join(sorted(known))}"
        )
    rows = fin[(fin["metric"] == metric) & (fin["period"] == period)]
    if basis == "as_published":
        rows = rows[rows["basis"] == "as_published"]
    # "latest": a restated row before the as-published one
    chosen = _pick_one(
        rows.assign(_basis=(rows["basis"] != "restated").astype(int)), ["year"], ["_basis"]
    )
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


def _target_series(metric: str, start: int, basis: str = "as_published"):
    """Yearly values a target is measured on, on one basis, or None when the case data has no
    such metric. ``*_cumulative`` metrics are a running total from ``start``; other metrics
    keep every year (a caller looking for the first year met starts at ``start``)."""
    base = metric.removesuffix("_cumulative")
    if base not in _financial_metrics():
        return None
    series = financial_series(base, basis=basis)
    if metric.endswith("_cumulative"):
        return series[series.index >= start].cumsum()
    return series


def promise_vs_delivery():
    """Every target next to what was delivered, with a status.

    ``actual`` is the published value for the deadline year (a running total from the year the
    plan was announced for ``*_cumulative`` metrics); ``first_met`` is the first year from the
    announcement on that meets the target. ``status`` is one of ``met early`` (met in the
    deadline year and already before it), ``met``, ``missed`` (not met in the deadline year),
    ``pending`` (the deadline year has no published figure yet) or ``not measurable`` (the
    case data holds no outcome for this metric: it is shown, never guessed). A target the
    accounts do not measure (launches, a sales mix, a dividend policy) takes its status from
    its row in ``target_outcomes``; ``outcome_source_id`` names that row's source.

    >>> pvd = promise_vs_delivery()
    >>> row = pvd.query("plan == 'renaulution' and metric == 'operating_margin_pct'").iloc[0]
    >>> int(row["deadline_year"]), int(row["first_met"]), str(row["status"])
    (2023, 2021, 'met early')
    """
    import pandas as pd

    targets = load("targets")
    outcomes = load("target_outcomes").set_index("target_id")
    rows = []
    for t in targets.itertuples(index=False):
        start = int(pd.Timestamp(t.announced).year)
        deadline = int(t.deadline_year)
        series = _target_series(str(t.metric), start)
        actual = first_met = outcome_source = outcome_year = None
        if series is None and t.id in outcomes.index:
            # an outcome the accounts do not hold (launches, a sales mix, a policy): its row in
            # target_outcomes gives the status the published evidence supports
            outcome = outcomes.loc[t.id]
            status = str(outcome["status"])
            actual = None if pd.isna(outcome["value"]) else float(outcome["value"])
            first_met = int(outcome["year"]) if status == "met" else None
            outcome_source = str(outcome["source_id"])
            outcome_year = int(outcome["year"])
        elif series is None:
            status = "not measurable"
        else:
            first_met = _first_met(series[series.index >= start], str(t.comparator), t.value)
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
                "outcome_source_id": outcome_source,
                "outcome_year": outcome_year,
            }
        )
    out = pd.DataFrame(rows)
    for col in ("first_met", "outcome_year"):
        out[col] = out[col].astype("Int64")
    out["status"] = pd.Categorical(out["status"], categories=list(STATUSES))
    return out
