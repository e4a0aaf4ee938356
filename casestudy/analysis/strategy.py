"""02-strategy: restatements, targets on one basis, comparison turnarounds, framework tags."""

from __future__ import annotations

from ..data import load
from .core import (
    BASES,
    STATUSES,
    _first_met,
    _meets,
    _target_series,
    financial_series,
    promise_vs_delivery,
)

CASE_LABELS = {
    "renaulution": "Renaulution (Renault, 2021)",
    "nissan_revival_plan": "Nissan Revival Plan (1999)",
    "psa_back_in_the_race": "PSA Back in the Race (2014)",
    "fiat_2004": "Fiat (2004)",
    "chrysler_2009": "Chrysler (2009)",
}
# The measure each plan was judged on first; each case keeps its own definition and unit.
HEADLINE_METRICS = {
    "renaulution": ("operating_margin_pct", "% of revenue"),
    "nissan_revival_plan": ("operating_margin_pct", "% of sales"),
    "psa_back_in_the_race": ("automotive_operating_margin_pct", "% of automotive revenue"),
    "fiat_2004": ("fiat_auto_result", "EUR million"),
}
RENAULT_PLANS = ("renaulution", "cmd_2022")

KOTTER_STEPS = {
    1: "Establish a sense of urgency",
    2: "Create the guiding coalition",
    3: "Develop a vision and strategy",
    4: "Communicate the change vision",
    5: "Empower broad-based action",
    6: "Generate short-term wins",
    7: "Consolidate gains and produce more change",
    8: "Anchor new approaches in the culture",
}


def restatements(period: str = "FY"):
    """Every figure the company published twice: as first published and as restated later.

    One row per year and metric where the latest basis differs from the first publication,
    with the change and the restated row's note (why it was restated). A comparison across
    years needs every year on one basis; this table shows where the basis moved.

    >>> r = restatements().set_index(["year", "metric"])
    >>> float(r.loc[(2021, "operating_margin_pct"), "as_published"])
    3.6
    >>> float(r.loc[(2021, "operating_margin_pct"), "restated"])
    2.8
    """
    import pandas as pd

    fin = load("financials")
    restated_rows = fin[(fin["basis"] == "restated") & (fin["period"] == period)]
    rows = []
    for metric in dict.fromkeys(restated_rows["metric"].astype(str)):
        published = financial_series(metric, period, "as_published")
        latest = financial_series(metric, period, "latest")
        for year, value in latest.items():
            if year not in published.index or value == published[year]:
                continue
            source = latest.attrs["source_ids"][year]
            note = restated_rows[
                (restated_rows["year"] == year)
                & (restated_rows["metric"] == metric)
                & (restated_rows["source_id"] == source)
            ]["note"]
            rows.append(
                {
                    "year": int(year),
                    "metric": metric,
                    "unit": latest.attrs["unit"],
                    "as_published": float(published[year]),
                    "restated": float(value),
                    "change": float(value - published[year]),
                    "as_published_source": published.attrs["source_ids"][year],
                    "restated_source": source,
                    "why": str(note.iloc[0]) if len(note) and pd.notna(note.iloc[0]) else "",
                }
            )
    out = pd.DataFrame(rows)
    return out.sort_values(["year", "metric"], kind="stable").reset_index(drop=True)


def first_met_by_basis(target_ids=("tg-08", "tg-09", "tg-29")):
    """When each Renault target was first met, on the as-published and on the latest figures.

    The 2021 accounts were restated without Russia and the 2022 accounts for IFRS 17, so
    "met in year X" can depend on which figures you read. ``years_early`` is the deadline
    year minus the first year met (empty if not met).

    >>> t = first_met_by_basis(["tg-08"]).set_index("basis")
    >>> int(t.loc["as_published", "first_met"]), int(t.loc["latest", "first_met"])
    (2021, 2022)
    """
    import pandas as pd

    targets = load("targets").set_index("id")
    rows = []
    for target_id in target_ids:
        if target_id not in targets.index:
            raise ValueError(f"no target '{target_id}'; the ids are tg-01 ... in targets.csv")
        t = targets.loc[target_id]
        start = int(pd.Timestamp(t["announced"]).year)
        for basis in BASES:
            series = _target_series(str(t["metric"]), start, basis)
            first = None
            if series is not None:
                first = _first_met(series[series.index >= start], str(t["comparator"]), t["value"])
            rows.append(
                {
                    "id": target_id,
                    "description_en": t["description_en"],
                    "deadline_year": int(t["deadline_year"]),
                    "basis": basis,
                    "first_met": first,
                    "value_that_year": float(series[first]) if first is not None else None,
                    "years_early": int(t["deadline_year"]) - first if first is not None else None,
                }
            )
    out = pd.DataFrame(rows)
    for col in ("first_met", "years_early"):
        out[col] = out[col].astype("Int64")
    return out


def _status(outcomes, comparator: str, target: float, deadline: int):
    """(status, first year met, value in the deadline year) for one target and its outcomes.

    Same rules as :func:`promise_vs_delivery`, with one addition for historical cases: a target
    met before its deadline counts as ``met early`` even when the deadline year's figure is not
    in the case data (it is never guessed)."""
    first = _first_met(outcomes, comparator, target)
    at_deadline = outcomes.get(deadline)
    if at_deadline is not None:
        if _meets(at_deadline, comparator, target):
            status = "met early" if first is not None and first < deadline else "met"
        else:
            status = "missed"
    elif first is not None and first < deadline:
        status = "met early"
    else:
        status = "not measurable"
    return status, first, at_deadline


def plan_comparison():
    """Targets of Renaulution (2021) and the 2022 Capital Markets Day next to those of the
    comparison turnarounds, each with its status and how many years early it was met.

    A comparison target is measured only by outcomes of the same case, metric and unit, from
    the plan's start year (or its ``window_start``) on: a figure in another currency or under
    another definition never counts. ``years_after_start`` of the deadline lets plans of
    different eras be read on one clock.

    >>> pc = plan_comparison().set_index("target_id")
    >>> str(pc.loc["cmp-006", "status"]), int(pc.loc["cmp-006", "years_early"])
    ('met early', 2)
    """
    import pandas as pd

    rows = []
    pvd = promise_vs_delivery()
    for t in pvd[pvd["plan"].isin(RENAULT_PLANS)].itertuples(index=False):
        start = int(pd.Timestamp(t.announced).year)
        early = (
            t.deadline_year - int(t.first_met)
            if t.status in ("met early", "met") and pd.notna(t.first_met)
            else None
        )
        rows.append(
            {
                "case": "renaulution",
                "plan": t.plan,
                "start_year": start,
                "target_id": t.id,
                "description_en": t.description_en,
                "metric": t.metric,
                "comparator": t.comparator,
                "target": t.target,
                "unit": t.unit,
                "deadline_year": int(t.deadline_year),
                "deadline_years_after_start": int(t.deadline_year) - start,
                "actual_at_deadline": t.actual,
                "first_met": t.first_met,
                "years_early": early,
                "status": str(t.status),
                "source_id": t.source_id,
            }
        )
    comp = load("comparisons")
    outcomes = comp[comp["kind"] == "outcome"]
    for t in comp[comp["kind"] == "target"].itertuples(index=False):
        start = int(pd.Timestamp(t.case_start).year)
        first_year = int(t.window_start) if pd.notna(t.window_start) else start
        same = outcomes[
            (outcomes["case"] == t.case)
            & (outcomes["metric"] == t.metric)
            & (outcomes["unit"] == t.unit)
            & (outcomes["year"] >= first_year)
        ]
        values = {int(y): float(v) for y, v in zip(same["year"], same["value"], strict=True)}
        status, first, at_deadline = _status(values, str(t.comparator), t.value, int(t.year))
        rows.append(
            {
                "case": t.case,
                "plan": t.plan_name,
                "start_year": start,
                "target_id": t.id,
                "description_en": t.description_en,
                "metric": t.metric,
                "comparator": t.comparator,
                "target": t.value,
                "unit": t.unit,
                "deadline_year": int(t.year),
                "deadline_years_after_start": int(t.year) - start,
                "actual_at_deadline": at_deadline,
                "first_met": first,
                "years_early": int(t.year) - first if status in ("met early", "met") else None,
                "status": status,
                "source_id": t.source_id,
            }
        )
    out = pd.DataFrame(rows)
    out["case"] = pd.Categorical(out["case"], categories=list(CASE_LABELS))
    for col in ("first_met", "years_early"):
        out[col] = out[col].astype("Int64")
    out["status"] = pd.Categorical(out["status"], categories=list(STATUSES))
    return out.sort_values(["case", "deadline_year", "target_id"], kind="stable").reset_index(
        drop=True
    )


def headline_series(case: str):
    """The measure a plan was first judged on, year by year, before and after its start.

    For Renault the group operating margin as published from two years before the plan; for
    the comparison cases the baseline and outcome rows of :data:`HEADLINE_METRICS` (a year may
    carry two rows when two sources disagree). Columns: ``year``, ``years_after_start``,
    ``value``, ``unit``, ``source_id``.

    >>> s = headline_series("nissan_revival_plan")
    >>> s["value"].tolist()
    [4.75, 7.9, 10.8]
    """
    import pandas as pd

    if case not in HEADLINE_METRICS:
        raise ValueError(f"case must be one of {', '.join(HEADLINE_METRICS)}, got '{case}'")
    metric, unit = HEADLINE_METRICS[case]
    if case == "renaulution":
        start = int(pd.Timestamp(load("targets").set_index("id").loc["tg-08", "announced"]).year)
        series = financial_series(metric)
        series = series[series.index >= start - 2]
        out = pd.DataFrame(
            {
                "year": series.index.astype(int),
                "value": series.values,
                "unit": unit,
                "source_id": [series.attrs["source_ids"][y] for y in series.index],
            }
        )
    else:
        comp = load("comparisons")
        rows = comp[
            (comp["case"] == case)
            & comp["kind"].isin(["baseline", "outcome"])
            & (comp["metric"] == metric)
            & (comp["unit"] == unit)
        ]
        start = int(pd.Timestamp(rows["case_start"].iloc[0]).year)
        out = pd.DataFrame(
            {
                "year": rows["year"].astype(int).values,
                "value": rows["value"].values,
                "unit": unit,
                "source_id": rows["source_id"].astype(str).values,
            }
        )
    out.insert(1, "years_after_start", out["year"] - start)
    out.attrs["start_year"] = start
    out.attrs["metric"] = metric
    return out.sort_values("year", kind="stable").reset_index(drop=True)


def framework_tags():
    """Events of the turnaround read through three frameworks: Kotter's eight steps, Hofer's
    operating vs strategic turnaround, and Slatter & Lovett's stages (table
    ``framework_readings``, which an instructor can adapt like any other).

    Every tag is a teaching suggestion (``classification_basis``), made to be argued with;
    ``why`` gives the reasoning. ``kotter_step`` is empty where no step fits well.
    ``source_id`` is the row's source: the document that reports the event and its date (the
    three frameworks are ``kotter-1995``, ``hofer-1980`` and ``slatter-lovett-1999``).

    >>> tags = framework_tags().set_index("event_id")
    >>> int(tags.loc["ev-027", "kotter_step"]), tags.loc["ev-027", "hofer"]
    (3, 'strategic')
    """
    import pandas as pd

    events = load("events").set_index("id")
    rows = []
    for reading in load("framework_readings").itertuples(index=False):
        event = events.loc[reading.event_id]
        step = None if pd.isna(reading.kotter_step) else int(reading.kotter_step)
        rows.append(
            {
                "event_id": reading.event_id,
                "date": event["date"],
                "event": event["title_en"],
                "kotter_step": step,
                "kotter_name": KOTTER_STEPS.get(step, ""),
                "hofer": reading.hofer,
                "slatter_lovett_stage": reading.slatter_lovett_stage,
                "why": reading.why_en,
                "classification_basis": reading.classification_basis,
                "source_id": reading.source_id,
            }
        )
    out = pd.DataFrame(rows)
    out["kotter_step"] = out["kotter_step"].astype("Int64")
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def compare_kotter(my_tags):
    """Your Kotter step for each event next to the teaching suggestion.

    ``my_tags`` maps event ids to a step number 1-8 (or None while you have not decided).
    The suggestion is shown only once you have tagged the event, so an untagged exercise gives
    nothing away; ``agree`` is empty where you gave no step or where no step is suggested.

    >>> compare_kotter({"ev-027": 3, "ev-018": None})["agree"].tolist()
    [<NA>, True]
    """
    import pandas as pd

    tags = framework_tags().set_index("event_id")
    rows = []
    for event_id, step in my_tags.items():
        if event_id not in tags.index:
            raise ValueError(f"no suggestion for '{event_id}'; tag one of: {', '.join(tags.index)}")
        if step is not None and step not in KOTTER_STEPS:
            raise ValueError(f"{event_id}: Kotter's steps are numbered 1 to 8, got {step!r}")
        suggested = tags.loc[event_id, "kotter_step"]
        agree = None if step is None or pd.isna(suggested) else int(suggested) == step
        hidden = step is None
        rows.append(
            {
                "event_id": event_id,
                "date": tags.loc[event_id, "date"],
                "event": tags.loc[event_id, "event"],
                "your_step": step,
                "suggested_step": None if hidden else suggested,
                "suggested_name": "(tag it first)" if hidden else tags.loc[event_id, "kotter_name"],
                "agree": agree,
                "why": "" if hidden else tags.loc[event_id, "why"],
            }
        )
    out = pd.DataFrame(rows)
    out["your_step"] = out["your_step"].astype("Int64")
    out["suggested_step"] = out["suggested_step"].astype("Int64")
    out["agree"] = out["agree"].astype("boolean")
    return out.sort_values("date", kind="stable").reset_index(drop=True)
