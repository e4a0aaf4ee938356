"""05-epilogue: margin promises revised, Nissan's weight in 2024-2025, the course in one table."""

from __future__ import annotations

from ..data import CaseDataError, load
from .core import (
    SERIES_RELEASE_EVENT,
    TEACHING_SUGGESTION,
    _pick_one,
    financial_series,
    promise_vs_delivery,
)

_REPORTED_FIRST = {"reported": 0, "estimate": 1}
# Nissan items that add up to Nissan's whole effect on a period's result, most detailed first
_NISSAN_ITEMS = (("nissan_accounting_change", "nissan_share_of_losses"), ("nissan_impacts_total",))
_CEO_ROLES = ("Chief executive officer", "Interim chief executive officer")


def margin_promises(first_year: int = 2021, last_year: int = 2026, plans=None):
    """Every operating-margin promise for the financial years ``first_year``..``last_year``, in
    the order it was made, with what was delivered and how it revised the previous promise.

    ``revision`` compares a promise with the one made before it for the same year, whichever the
    plan (``first``, ``raised``, ``cut`` or ``kept``; the value decides, not the comparator).
    ``gap_pts`` is the delivered margin minus the promised one, in percentage points (empty
    while the year is pending). ``after_series`` is True for promises made after the docuseries
    was released (13 Dec 2024). ``plans`` keeps only some plans (e.g. ``["guidance"]``).
    Status rules: :func:`promise_vs_delivery` (``~`` counts from :data:`ABOUT_TOLERANCE` below).

    >>> p = margin_promises(2025, 2025).set_index("id")
    >>> p.loc[["tg-29", "tg-45", "tg-47"], "revision"].tolist()
    ['raised', 'cut', 'cut']
    >>> float(p.loc["tg-45", "gap_pts"])
    -0.7
    """
    import pandas as pd

    pvd = promise_vs_delivery()
    rows = pvd[
        (pvd["metric"] == "operating_margin_pct")
        & (pvd["deadline_year"] >= first_year)
        & (pvd["deadline_year"] <= last_year)
    ].copy()
    if plans is not None:
        rows = rows[rows["plan"].isin(list(plans))]
    rows["announced"] = pd.to_datetime(rows["announced"])
    rows = rows.sort_values(["deadline_year", "announced", "id"], kind="stable")
    revision, previous = [], {}
    for year, value in zip(rows["deadline_year"], rows["target"], strict=True):
        before = previous.get(year)
        if before is None:
            revision.append("first")
        else:
            revision.append("raised" if value > before else "cut" if value < before else "kept")
        previous[year] = value
    rows["revision"] = revision
    rows["gap_pts"] = (rows["actual"] - rows["target"]).round(1)
    released = load("events").set_index("id").loc[SERIES_RELEASE_EVENT, "date"]
    rows["after_series"] = rows["announced"] > pd.Timestamp(released)
    columns = [
        "id",
        "plan",
        "announced",
        "deadline_year",
        "comparator",
        "target",
        "actual",
        "gap_pts",
        "status",
        "revision",
        "after_series",
        "description_en",
        "source_id",
    ]
    return rows[columns].reset_index(drop=True)


def _chosen_impacts() -> dict[tuple[int, str, str], tuple[float, str]]:
    """(year, period, item) -> (value, source id), one row each from ``nissan_impacts``: a
    reported figure before an estimate, an exact figure before a rounded one (a subtraction needs
    the exact one), then the highest confidence, then the first row in the file."""
    impacts = load("nissan_impacts")
    impacts = impacts.assign(
        _basis=impacts["basis"].astype(str).map(_REPORTED_FIRST),
        _rounded=impacts["rounded"].astype(int),
    )
    chosen = _pick_one(impacts, ["year", "period", "item"], ["_basis", "_rounded"])
    return {
        (int(r.year), str(r.period), str(r.item)): (float(r.value), str(r.source_id))
        for r in chosen.itertuples(index=False)
    }


def _reported_nissan(chosen, year: int, period: str) -> list[tuple[float, str]]:
    """The reported Nissan items of one period that add up to Nissan's whole effect."""
    for items in _NISSAN_ITEMS:
        found = [chosen[(year, period, item)] for item in items if (year, period, item) in chosen]
        if found:
            return found
    return []


def nissan_effects(halves: bool = True):
    """Net income (group share) of 2024 and 2025 split into Nissan and the rest of the group.

    ``net_income_group_share`` comes from ``financials``; ``excluding_nissan`` is the figure
    Renault reported without Nissan (table ``nissan_impacts``); ``nissan_total`` is the
    difference, everything Nissan did to the result. ``nissan_reported`` adds up the Nissan
    items the company reported (rounded to EUR 0.1bn in the sources, so expect a gap of a few
    tens of millions); ``nissan_accounting_change`` is the non-cash loss of moving the Nissan
    stake to fair value (booked figure, not the estimate), ``nissan_other`` the rest of
    ``nissan_total``. ``nissan_share_pct`` follows :func:`nissan_split`: empty when Nissan and
    the rest of the group pull opposite ways. With ``halves``, second halves are derived as full
    year minus first half (``derived`` is True, and no share is computed from derived figures).

    >>> fy = nissan_effects().set_index("label").loc["FY 2025"]
    >>> [float(fy[c]) for c in ("net_income_group_share", "excluding_nissan", "nissan_total")]
    [-10930.0, 715.0, -11645.0]
    """
    import pandas as pd

    chosen = _chosen_impacts()
    periods = sorted(
        {(y, p) for (y, p, item) in chosen if item == "excluding_nissan"},
        key=lambda yp: (yp[0], yp[1] != "H1"),
    )
    used: set[str] = set()
    row_sources: dict[str, list[str]] = {}
    rows = []
    for year, period in periods:
        net = financial_series("net_income_group_share", period=period)
        if year not in net.index:
            raise CaseDataError(
                f"nissan_impacts: {period} {year} has a figure excluding Nissan but financials "
                "has no net_income_group_share for that period"
            )
        excluding, source = chosen[(year, period, "excluding_nissan")]
        reported = _reported_nissan(chosen, year, period)
        mine = [net.attrs["source_ids"][year], source, *(s for _, s in reported)]
        row_sources[f"{period} {year}"] = sorted(set(mine))
        used.update(mine)
        change = chosen.get((year, period, "nissan_accounting_change"), (float("nan"), ""))[0]
        rows.append(
            {
                "label": f"{period} {year}",
                "year": year,
                "period": period,
                "net_income_group_share": float(net[year]),
                "excluding_nissan": excluding,
                "nissan_total": float(net[year]) - excluding,
                "nissan_reported": sum(v for v, _ in reported) if reported else float("nan"),
                "nissan_accounting_change": change,
                "derived": False,
            }
        )
    out = pd.DataFrame(rows)
    if halves:
        out = _with_derived_halves(out)
    out["nissan_other"] = out["nissan_total"] - out["nissan_accounting_change"].fillna(0)
    same_way = (
        ~out["derived"]
        & (out["nissan_total"] != 0)
        & ((out["nissan_total"] > 0) == (out["net_income_group_share"] > 0))
        & ((out["excluding_nissan"] > 0) == (out["net_income_group_share"] > 0))
    )
    share = out["nissan_total"] / out["net_income_group_share"] * 100
    out["nissan_share_pct"] = share.where(same_way)
    columns = [
        "label",
        "year",
        "period",
        "net_income_group_share",
        "excluding_nissan",
        "nissan_total",
        "nissan_reported",
        "nissan_accounting_change",
        "nissan_other",
        "nissan_share_pct",
        "derived",
    ]
    out = out[columns]
    out.attrs["source_ids"] = sorted(used)
    out.attrs["row_sources"] = row_sources  # label -> source ids (derived rows: none of their own)
    return out


def _with_derived_halves(table):
    """Add an H2 row (full year minus first half) for every year that has both."""
    import pandas as pd

    amounts = ["net_income_group_share", "excluding_nissan", "nissan_total"]
    derived = []
    for year in sorted(set(table["year"])):
        both = table[table["year"] == year].set_index("period")
        if not {"H1", "FY"} <= set(both.index):
            continue
        row = {c: both.loc["FY", c] - both.loc["H1", c] for c in amounts}
        row.update(
            label=f"H2 {year}",
            year=year,
            period="H2",
            nissan_reported=float("nan"),
            nissan_accounting_change=float("nan"),
            derived=True,
        )
        derived.append(row)
    if not derived:
        return table
    out = pd.concat([table, pd.DataFrame(derived)], ignore_index=True)
    out["_order"] = out["period"].map({"H1": 0, "H2": 1, "FY": 2})
    return out.sort_values(["year", "_order"]).drop(columns="_order").reset_index(drop=True)


def course_arc(first_year: int = 2018, last_year: int = 2025):
    """The whole case in one table: one row per year with who ran Renault, the operating margin
    and the net income (group share, as published), the year's headline event and the chapter of
    the course that covers it.

    ``chief_executives`` lists everyone who held the chief executive's office during the year
    (interims marked); ``ceo_count`` counts them. The headline events and chapters are the
    course's choice (``classification_basis``), read from the ``course_arc`` table with the
    source of each headline event; the rest comes from the other tables.
    ``attrs["source_ids"]`` lists every source behind the table.

    >>> arc = course_arc().set_index("year")
    >>> int(arc.loc[2019, "ceo_count"]), int(arc.loc[2025, "ceo_count"])
    (3, 3)
    """
    import pandas as pd

    people = load("people")
    ceos = people[
        (people["organisation"] == "Renault") & people["role"].isin(_CEO_ROLES)
    ].sort_values("start", kind="stable")
    events = load("events").set_index("id")
    margin = financial_series("operating_margin_pct")
    net = financial_series("net_income_group_share")
    arc = load("course_arc").set_index("year")
    rows, sources = [], set()
    for year in range(first_year, last_year + 1):
        first_day, last_day = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        held = ceos[(ceos["start"] <= last_day) & (ceos["end"].isna() | (ceos["end"] >= first_day))]
        names = [
            f"{p.name} (interim)" if p.role.startswith("Interim") else p.name
            for p in held.itertuples(index=False)
        ]
        sources.update(held["source_id"].astype(str))
        chapter, event_id = (
            (arc.loc[year, "chapter"], arc.loc[year, "event_id"]) if year in arc.index else ("", "")
        )
        for series in (margin, net):
            if year in series.index:
                sources.add(series.attrs["source_ids"][year])
        if event_id:
            sources.add(str(arc.loc[year, "source_id"]))
        rows.append(
            {
                "year": year,
                "chief_executives": "; ".join(names),
                "ceo_count": len(names),
                "operating_margin_pct": margin.get(year, float("nan")),
                "net_income_group_share": net.get(year, float("nan")),
                "headline_event": events.loc[event_id, "title_en"] if event_id else "",
                "event_id": event_id,
                "chapter": chapter,
                "classification_basis": TEACHING_SUGGESTION,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["source_ids"] = sorted(sources)
    return out
