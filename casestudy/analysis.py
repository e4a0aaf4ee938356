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
SERIES_RELEASE_EVENT = "ev-068"  # Anatomie d'un come-back released on Prime Video

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
    fin_metrics = set(load("financials")["metric"].astype(str))
    base = metric.removesuffix("_cumulative")
    if base not in fin_metrics:
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
    case data holds no outcome for this metric: it is shown, never guessed).

    >>> pvd = promise_vs_delivery()
    >>> row = pvd.query("plan == 'renaulution' and metric == 'operating_margin_pct'").iloc[0]
    >>> int(row["deadline_year"]), int(row["first_met"]), str(row["status"])
    (2023, 2021, 'met early')
    """
    import pandas as pd

    targets = load("targets")
    rows = []
    for t in targets.itertuples(index=False):
        start = int(pd.Timestamp(t.announced).year)
        deadline = int(t.deadline_year)
        series = _target_series(str(t.metric), start)
        actual = first_met = None
        if series is None:
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
            }
        )
    out = pd.DataFrame(rows)
    out["first_met"] = out["first_met"].astype("Int64")
    out["status"] = pd.Categorical(out["status"], categories=list(STATUSES))
    return out


# ---------------------------------------------------------------------------------------------
# 01-crisis: half-years, Nissan's share of the result, classifying crisis responses

H2_DERIVED = "derived: FY - H1"
CLASSIFICATION_COLUMNS = {"scct": "scct_posture", "benoit": "benoit_category"}


def half_years(metric: str, first_year: int = 2018, last_year: int = 2020):
    """First half, second half and full year of an amount, one row per year (as published).

    ``H2`` is the published second-half figure where the table has one; otherwise it is derived
    as ``FY - H1`` and the column ``h2_basis`` says so. A percentage cannot be split by
    subtraction, so ``operating_margin_pct`` raises a ValueError: take the amounts
    (``operating_margin`` and ``revenue``) and divide.

    >>> t = half_years("net_income_group_share")
    >>> float(t.loc[2020, "H1"]), float(t.loc[2020, "FY"])
    (-7292.0, -8008.0)
    """
    import pandas as pd

    fy = financial_series(metric, period="FY")
    if fy.attrs.get("unit", "").startswith("%"):
        raise ValueError(
            f"'{metric}' is a percentage: a second half cannot be derived by subtraction; "
            "use the amounts (e.g. operating_margin and revenue) and divide"
        )
    h1 = financial_series(metric, period="H1")
    h2 = financial_series(metric, period="H2")
    years = list(range(first_year, last_year + 1))
    table = pd.DataFrame(
        {"H1": h1.reindex(years), "H2": h2.reindex(years), "FY": fy.reindex(years)}
    )
    table.index.name = "year"
    basis = pd.Series("", index=table.index, dtype="string")
    basis[table["H2"].notna()] = "published"
    derivable = table["H2"].isna() & table["H1"].notna() & table["FY"].notna()
    table.loc[derivable, "H2"] = table["FY"] - table["H1"]
    basis[derivable] = H2_DERIVED
    table["h2_basis"] = basis
    # which source each cell rests on: a derived H2 rests on the H1 and FY rows
    cell_sources: dict[tuple[int, str], list[str]] = {}
    for period, series in (("H1", h1), ("H2", h2), ("FY", fy)):
        for year, sid in series.attrs["source_ids"].items():
            if year in years:
                cell_sources[(int(year), period)] = [sid]
    for year in table.index[derivable]:
        cell_sources[(int(year), "H2")] = sorted(
            set(cell_sources[(int(year), "H1")] + cell_sources[(int(year), "FY")])
        )
    table.attrs["cell_sources"] = cell_sources
    table.attrs["source_ids"] = sorted({s for ids in cell_sources.values() for s in ids})
    table.attrs["unit"] = fy.attrs.get("unit", "")
    table.attrs["metric"] = metric
    return table


def nissan_split(
    metric: str = "net_income_group_share", first_year: int = 2018, last_year: int = 2020
):
    """Net income per period with Nissan's contribution set apart from the rest of the group.

    Renault accounts for its stake in Nissan by the equity method: a share of Nissan's result
    enters Renault's net income as one line, ``nissan_contribution``. This table puts that line
    next to the net income (``metric``: ``net_income_group_share`` by default, or
    ``net_income`` for the total) and the remainder, ``excluding_nissan``.

    One row per full year, then one per half-year for the years where the case data gives
    Nissan's first-half contribution. ``nissan_share_pct`` is Nissan's contribution as a
    percentage of the net income when Nissan and the rest of the group pull the same way
    (empty otherwise: when one part is a profit and the other a loss, "Nissan's share" has no
    meaning). ``derived`` is True where a second half was computed as full year minus first
    half.

    >>> fy2020 = nissan_split().set_index("label").loc["FY 2020"]
    >>> float(fy2020["nissan_contribution"]), round(float(fy2020["nissan_share_pct"]))
    (-4970.0, 62)
    """
    import pandas as pd

    result = half_years(metric, first_year, last_year)
    nissan = half_years("nissan_contribution", first_year, last_year)
    rows = []
    used: set[str] = set()

    def add(year: int, period: str) -> None:
        value, contrib = result.loc[year, period], nissan.loc[year, period]
        if pd.isna(value) or pd.isna(contrib):
            return
        for table in (result, nissan):
            used.update(table.attrs["cell_sources"][(year, period)])
        derived = period == "H2" and H2_DERIVED in (
            result.loc[year, "h2_basis"],
            nissan.loc[year, "h2_basis"],
        )
        rest = value - contrib
        same_way = (
            contrib != 0
            and (contrib > 0) == (value > 0)
            and (rest == 0 or (rest > 0) == (value > 0))
        )
        rows.append(
            {
                "label": f"{period} {year}",
                "year": year,
                "period": period,
                metric: float(value),
                "nissan_contribution": float(contrib),
                "excluding_nissan": float(rest),
                "nissan_share_pct": float(contrib / value * 100) if same_way else float("nan"),
                "derived": derived,
            }
        )

    for year in result.index:
        add(int(year), "FY")
    for year in result.index:
        if pd.notna(nissan.loc[year, "H1"]):
            add(int(year), "H1")
            add(int(year), "H2")
    out = pd.DataFrame(rows)
    out.attrs["source_ids"] = sorted(used)
    out.attrs["metric"] = metric
    return out


def compare_classification(answers, framework: str = "scct"):
    """Your classification of the crisis responses next to the teaching suggestion.

    ``answers`` maps response ids of the ``crisis_responses`` table to a label: an SCCT
    posture (``deny``, ``diminish``, ``rebuild``, ``bolster``) with ``framework="scct"``, or a
    Benoit category (``denial``, ``evasion of responsibility``, ``reducing offensiveness``,
    ``corrective action``, ``mortification``) with ``framework="benoit"``. The suggestion is
    the authors' reading, not a right answer: ``note`` says why it is debatable.

    >>> compare_classification({"cr-08": "deny"})["agree"].tolist()
    [True]
    """
    import pandas as pd

    from .data import _resource

    if framework not in CLASSIFICATION_COLUMNS:
        raise ValueError(f"framework must be one of {', '.join(CLASSIFICATION_COLUMNS)}")
    column = CLASSIFICATION_COLUMNS[framework]
    allowed = next(f.enum for f in _resource("crisis_responses").fields if f.name == column)
    table = load("crisis_responses").set_index("id")
    rows = []
    for response_id, label in answers.items():
        if response_id not in table.index:
            raise ValueError(
                f"no crisis response '{response_id}'; the ids are {', '.join(table.index)}"
            )
        given = str(label).strip().lower()
        if given not in allowed:
            raise ValueError(
                f"{response_id}: '{label}' is not a {framework} label; choose one of "
                f"{', '.join(allowed)}"
            )
        row = table.loc[response_id]
        suggested = str(row[column])
        rows.append(
            {
                "id": response_id,
                "response_en": row["response_en"],
                "your_answer": given,
                "suggested": suggested,
                "agree": given == suggested,
                "note": row["note"],
            }
        )
    out = pd.DataFrame(
        rows, columns=["id", "response_en", "your_answer", "suggested", "agree", "note"]
    )
    return out.sort_values("id").reset_index(drop=True)


# --- 02-strategy ---
# Restatements, targets on one basis, comparison turnarounds and framework tagging.

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
# Slatter & Lovett's stage names after the first two are paraphrased in the facts pack
# (medium confidence): the notebook says so wherever they are shown.
SLATTER_LOVETT_STAGES = (
    "diagnostic review",
    "crisis stabilisation",
    "strategic change",
    "return to growth",
)
TEACHING_SUGGESTION = "teaching suggestion"

# event id -> (Kotter step or None, Hofer type, Slatter & Lovett stage, why).
# These are the authors' readings for class discussion, not sourced findings.
_FRAMEWORK_SUGGESTIONS = {
    "ev-018": (
        1,
        "operating",
        "crisis stabilisation",
        "A survival plan announced before the new CEO arrived: costs, capacity and jobs cut "
        "to buy time; it tells every stakeholder the status quo is over.",
    ),
    "ev-019": (
        None,
        "neither (financing)",
        "crisis stabilisation",
        "Cash and a breathing space, the first task of stabilisation; it changes neither how "
        "Renault competes nor how it runs.",
    ),
    "ev-022": (
        2,
        "neither (people)",
        "crisis stabilisation",
        "Recruiting a rival's design chief is part of building the new leader's own team.",
    ),
    "ev-027": (
        3,
        "strategic",
        "strategic change",
        "The plan states the vision ('from volume to value') and the strategy to reach it.",
    ),
    "ev-028": (
        4,
        "strategic",
        "strategic change",
        "A car shown on the plan's day turns the vision into one picture everyone can repeat.",
    ),
    "ev-031": (
        5,
        "strategic",
        "strategic change",
        "Three plants merged into one EV hub under an agreement signed with all unions: "
        "people on the shop floor get a role in the change.",
    ),
    "ev-036": (
        6,
        "neither (a result)",
        "crisis stabilisation",
        "A first profit after two loss years: a visible, early win to show the plan works.",
    ),
    "ev-040": (
        None,
        "operating (asset reduction, imposed)",
        "none (an external shock)",
        "Forced by the war, not chosen by the plan: it shrinks the asset base and the perimeter "
        "the targets were set on.",
    ),
    "ev-045": (
        7,
        "strategic",
        "strategic change",
        "Builds on the early wins to change more: the group is split into Ampere and Horse "
        "and the targets are raised.",
    ),
    "ev-049": (
        6,
        "neither (a result)",
        "return to growth",
        "Declaring the first phase complete celebrates a win; ask whether it also invites "
        "the organisation to relax too early.",
    ),
    "ev-057": (
        None,
        "strategic (reversed)",
        "strategic change",
        "A strategic move withdrawn: the listing planned at the 2022 Capital Markets Day "
        "does not happen.",
    ),
    "ev-080": (
        None,
        "neither (people)",
        "none (after the plan)",
        "Step 8 asks whether the change outlives its leader; the leader's exit is where that "
        "is tested.",
    ),
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
    operating vs strategic turnaround, and Slatter & Lovett's stages.

    Every tag is a teaching suggestion (``classification_basis``), made to be argued with;
    ``why`` gives the reasoning. ``kotter_step`` is empty where no step fits well.

    >>> tags = framework_tags().set_index("event_id")
    >>> int(tags.loc["ev-027", "kotter_step"]), tags.loc["ev-027", "hofer"]
    (3, 'strategic')
    """
    import pandas as pd

    events = load("events").set_index("id")
    rows = []
    for event_id, (step, hofer, stage, why) in _FRAMEWORK_SUGGESTIONS.items():
        event = events.loc[event_id]
        rows.append(
            {
                "event_id": event_id,
                "date": event["date"],
                "event": event["title_en"],
                "kotter_step": step,
                "kotter_name": KOTTER_STEPS.get(step, ""),
                "hofer": hofer,
                "slatter_lovett_stage": stage,
                "why": why,
                "classification_basis": TEACHING_SUGGESTION,
                "source_id": event["source_id"],
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


# --- 05-epilogue ---
# After the credits: margin promises revised, Nissan's weight in 2024-2025, the course in one table.

_REPORTED_FIRST = {"reported": 0, "estimate": 1}
# Nissan items that add up to Nissan's whole effect on a period's result, most detailed first
_NISSAN_ITEMS = (("nissan_accounting_change", "nissan_share_of_losses"), ("nissan_impacts_total",))
# year -> (chapter of the course, the event that sums the year up): a teaching choice, not a fact
_COURSE_ARC = {
    2018: ("01 crisis", "ev-001"),
    2019: ("01 crisis", "ev-012"),
    2020: ("01 crisis", "ev-023"),
    2021: ("02 strategy", "ev-027"),
    2022: ("02 strategy", "ev-040"),
    2023: ("02 strategy", "ev-048"),
    2024: ("03 product, 04 storytelling", "ev-068"),
    2025: ("05 epilogue", "ev-081"),
}
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
    course's choice (``classification_basis``); the rest comes from the tables.

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
    rows, sources = [], set()
    for year in range(first_year, last_year + 1):
        first_day, last_day = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        held = ceos[(ceos["start"] <= last_day) & (ceos["end"].isna() | (ceos["end"] >= first_day))]
        names = [
            f"{p.name} (interim)" if p.role.startswith("Interim") else p.name
            for p in held.itertuples(index=False)
        ]
        sources.update(held["source_id"].astype(str))
        chapter, event_id = _COURSE_ARC.get(year, ("", ""))
        for series in (margin, net):
            if year in series.index:
                sources.add(series.attrs["source_ids"][year])
        if event_id:
            sources.add(str(events.loc[event_id, "source_id"]))
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


# --- 03-product ---
# The cars: milestones from concept to market, the price promise, where the sources disagree,
# and other makers' retro revivals on one clock. Data: the products table.

MILESTONE_KINDS = (
    "design",
    "concept",
    "reveal",
    "announcement",
    "orders",
    "launch",
    "delivery",
    "production",
    "award",
)
# a waiting list measures interest, neither a step towards the market nor a volume: it is
# kept out of the milestones and of the retro comparison
DEMAND_MEASURES = ("waiting_list",)
VOLUME_MEASURES = ("sales", "cumulative_sales", "registrations", "units_built")
RETRO_MODELS = ("vw_new_beetle", "bmw_mini", "fiat_500", "fiat_500e", "renault_5_e_tech")
CONCEPT_MODELS = ("renault_5_e_tech", "renault_5_turbo_3e", "alpine_a290", "vw_new_beetle")
_MEASURE_WORDS = {
    "sales": "sold",
    "cumulative_sales": "sold in all",
    "registrations": "registered",
    "units_built": "built",
}


def _months_between(start, end) -> int:
    """Calendar months from ``start`` to ``end``, ignoring the day: January 2021 to February
    2024 is 37. Dates known only to the month count the same as exact dates."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def _when(date, precision, planned=False) -> str:
    """'26 Feb 2024', 'Sep 2024', '2027 (planned)' or 'undated': a date no more precise than
    its source."""
    import pandas as pd

    if pd.isna(date):
        return "undated"
    precision = str(precision)
    if precision == "year":
        text = f"{date.year}"
    elif precision == "month":
        text = f"{date:%b %Y}"
    else:
        text = f"{date.day} {date:%b %Y}"
    return text + (" (planned)" if bool(planned) else "")


def _when_column(rows, planned: bool = True) -> list[str]:
    """:func:`_when` for every row of a products table (with "(planned)" unless ``planned`` is
    False)."""
    flags = rows["planned"] if planned else [False] * len(rows)
    return [
        _when(d, p, pl)
        for d, p, pl in zip(rows["date"], rows["date_precision"], flags, strict=True)
    ]


def _products(model_ids=None):
    products = load("products")
    if model_ids is not None:
        model_ids = list(model_ids)
        known = list(products["model_id"].cat.categories)
        unknown = [m for m in model_ids if m not in known]
        if unknown:
            raise ValueError(
                f"unknown model id(s) {', '.join(unknown)}; the models are: {', '.join(known)}"
            )
        products = products[products["model_id"].isin(model_ids)]
    return products


def product_facts(model_ids=None, group: str | None = None):
    """The products table made readable: one row per fact, with its date written no more
    precisely than its source ('Sep 2024', '1984', 'undated'), its figure, unit and scope, and
    where it comes from. ``group`` is ``renault_group``, ``heritage`` or ``comparison``.

    >>> product_facts(["renault_5_turbo_3e"])["when"].iloc[-1]
    '2027 (planned)'
    """
    import pandas as pd

    products = _products(model_ids)
    if group is not None:
        groups = list(products["group"].cat.categories)
        if group not in groups:
            raise ValueError(f"group must be one of {', '.join(groups)}, got '{group}'")
        products = products[products["group"] == group]
    rows = products.copy()
    rows["when"] = _when_column(rows)
    order = {m: i for i, m in enumerate(model_ids or [])}
    rows["_order"] = rows["model_id"].astype(str).map(order).fillna(-1)
    # a yearly total ('sold in 2021') sorts after the dated events of that year's first months
    middle = {"year": 182, "month": 14, "day": 0}
    rows["_when"] = rows["date"] + pd.to_timedelta(
        rows["date_precision"].astype(str).map(middle).fillna(0), unit="D"
    )
    rows = rows.sort_values(
        ["_order", "model_id", "_when", "id"], kind="stable", na_position="last"
    )
    cols = [
        "id",
        "model",
        "kind",
        "when",
        "title_en",
        "value",
        "unit",
        "scope",
        "confidence",
        "source_id",
    ]
    return rows[cols].reset_index(drop=True)


def product_milestones(model_ids=None):
    """The dated steps of each model from design to market, with months after its concept.

    A milestone is a row of kind design, concept, reveal, announcement, orders, launch,
    delivery, production or award (waiting lists are demand figures, not steps, and are left
    out). ``months_after_concept`` counts calendar months from the model's first concept shown
    in public (negative before it); it is empty for a date known only to the year and for a
    model without a concept row. ``when`` writes each date no more precisely than its source.

    >>> m = product_milestones(["renault_5_e_tech"]).set_index("id")
    >>> int(m.loc["pr-004", "months_after_concept"]), m.loc["pr-004", "when"]
    (37, '26 Feb 2024')
    """
    import pandas as pd

    products = _products(model_ids)
    rows = products[
        products["kind"].astype(str).isin(MILESTONE_KINDS)
        & ~products["measure"].isin(DEMAND_MEASURES).fillna(False)
        & products["date"].notna()
    ].copy()
    concepts = (
        products[products["kind"] == "concept"].groupby("model_id", observed=True)["date"].min()
    )
    months = []
    for r in rows.itertuples(index=False):
        start = concepts.get(r.model_id)
        exact = str(r.date_precision) in ("day", "month")
        months.append(_months_between(start, r.date) if start is not None and exact else None)
    rows["months_after_concept"] = pd.array(months, dtype="Int64")
    rows["when"] = _when_column(rows)
    cols = [
        "id",
        "model_id",
        "model",
        "kind",
        "date",
        "date_precision",
        "when",
        "planned",
        "months_after_concept",
        "title_en",
        "title_fr",
        "disagreement",
        "source_id",
        "confidence",
    ]
    out = rows[cols].sort_values(["model_id", "date", "id"], kind="stable")
    return out.reset_index(drop=True)


def concept_to_market(model_ids=CONCEPT_MODELS):
    """How long each model took from the first concept shown in public to the market.

    One row per model: the dates of the concept, the production car's reveal, the opening of
    orders and the market launch (first deliveries where no launch is recorded), and the
    calendar months from the concept to each. Where sources disagree on the launch, the
    earliest date counts for ``months_to_launch``, the latest for ``months_to_launch_latest``,
    and ``launch_note`` names both. A step the data does not hold stays empty: never guessed.

    >>> c = concept_to_market().set_index("model_id")
    >>> int(c.loc["renault_5_e_tech", "months_to_reveal"])
    37
    >>> c.loc["renault_5_e_tech", ["months_to_launch", "months_to_launch_latest"]].tolist()
    [44, 45]
    """
    import pandas as pd

    steps = product_milestones(model_ids)
    models = _products(model_ids)[["model_id", "model"]].drop_duplicates("model_id")
    rows = []
    for model_id in model_ids if model_ids is not None else models["model_id"]:
        mine = steps[steps["model_id"] == model_id]
        concept = mine[mine["kind"] == "concept"]
        if concept.empty:
            continue
        concept = concept.iloc[0]

        def first(kind, mine=mine):
            found = mine[mine["kind"] == kind]
            return found.iloc[0] if len(found) else None

        reveal, orders = first("reveal"), first("orders")
        launches = mine[mine["kind"] == "launch"]
        if launches.empty:
            launches = mine[mine["kind"] == "delivery"]
        launch_note = ""
        first_launch = last_launch = None
        if len(launches):
            first_launch, last_launch = launches.iloc[0], launches.iloc[-1]
            if len(set(launches["date"])) > 1:
                launch_note = "sources disagree: " + " or ".join(
                    f"{r.when} ({r.source_id})" for r in launches.itertuples(index=False)
                )
            elif bool(first_launch["planned"]):
                planned = _when(first_launch["date"], first_launch["date_precision"])
                launch_note = f"{first_launch['kind']} planned for {planned}, not yet happened"
        rows.append(
            {
                "model_id": model_id,
                "model": concept["model"],
                "concept": concept["when"],
                "reveal": reveal["when"] if reveal is not None else "",
                "orders": orders["when"] if orders is not None else "",
                "launch": " / ".join(dict.fromkeys(launches["when"])) if len(launches) else "",
                "months_to_reveal": None if reveal is None else reveal["months_after_concept"],
                "months_to_orders": None if orders is None else orders["months_after_concept"],
                "months_to_launch": None
                if first_launch is None
                else first_launch["months_after_concept"],
                "months_to_launch_latest": None
                if last_launch is None
                else last_launch["months_after_concept"],
                "launch_note": launch_note,
            }
        )
    columns = [
        "model_id",
        "model",
        "concept",
        "reveal",
        "orders",
        "launch",
        "months_to_reveal",
        "months_to_orders",
        "months_to_launch",
        "months_to_launch_latest",
        "launch_note",
    ]
    out = pd.DataFrame(rows, columns=columns)
    for col in [c for c in out.columns if c.startswith("months_")]:
        out[col] = pd.array([None if pd.isna(v) else int(v) for v in out[col]], dtype="Int64")
    return out


def price_vs_promise(model_id: str = "renault_5_e_tech"):
    """Every published price of a model next to the price it was promised at.

    ``gap_eur`` is the price minus the promise and ``gap_pct`` the same as a percentage of the
    promise. The promise was "around" a figure, so ``within_promise`` counts a price as keeping
    it up to :data:`ABOUT_TOLERANCE` above it (5 %: EUR 26,250 for "around EUR 25,000").
    ``months_after_promise`` is empty for an undated price. Prices after public incentives are
    listed but are not list prices: read the ``measure`` column. The promise is in
    ``.attrs["promise"]``.

    >>> p = price_vs_promise().set_index("id")
    >>> float(p.loc["pr-016", "gap_eur"]), bool(p.loc["pr-016", "within_promise"])
    (-10.0, True)
    >>> int(p.loc["pr-016", "months_after_promise"])
    16
    """
    import pandas as pd

    products = _products([model_id])
    promise = products[products["measure"] == "price_promised"]
    if promise.empty:
        raise ValueError(f"'{model_id}' has no promised price in the products table")
    promise = promise.iloc[0]
    prices = products[products["measure"].isin(["list_price", "price_after_aid"]).fillna(False)]
    prices = prices[prices["unit"] == promise["unit"]].copy()
    first_seen = prices.groupby("version")["date"].transform("min")
    prices["_order"] = first_seen
    prices = prices.sort_values(["_order", "date", "id"], kind="stable", na_position="last")
    target = float(promise["value"])
    out = pd.DataFrame(
        {
            "id": prices["id"],
            "version": prices["version"],
            "measure": prices["measure"],
            "when": _when_column(prices, planned=False),
            "price": prices["value"],
            "unit": prices["unit"],
            "promise": target,
            "gap_eur": prices["value"] - target,
            "gap_pct": ((prices["value"] - target) / target * 100).round(1) + 0.0,  # no -0.0
            "within_promise": prices["value"] <= target * (1 + ABOUT_TOLERANCE),
            "months_after_promise": pd.array(
                [
                    None if pd.isna(d) else _months_between(promise["date"], d)
                    for d in prices["date"]
                ],
                dtype="Int64",
            ),
            "disagreement": prices["disagreement"],
            "source_id": prices["source_id"],
            "confidence": prices["confidence"],
        }
    ).reset_index(drop=True)
    out.attrs["promise"] = {
        "value": target,
        "unit": str(promise["unit"]),
        "when": _when(promise["date"], promise["date_precision"]),
        "version": str(promise["version"]),
        "source_id": str(promise["source_id"]),
    }
    return out


def product_disagreements():
    """Facts about the cars on which the sources disagree, every version side by side.

    Rows sharing a ``disagreement`` key in the products table give different answers to one
    question (a launch month, a price, an engine's power, a sales count with another scope).
    None is chosen for you: the ``note`` of each row says what the other source says.

    >>> d = product_disagreements()
    >>> d[d["disagreement"] == "turbo3e-power"]["value"].tolist()
    [540.0, 555.0]
    """
    products = load("products")
    rows = products[products["disagreement"].notna()].copy()
    rows["when"] = _when_column(rows, planned=False)
    cols = [
        "disagreement",
        "id",
        "model",
        "title_en",
        "when",
        "value",
        "unit",
        "scope",
        "source_id",
        "confidence",
        "note",
    ]
    out = rows.sort_values(["disagreement", "date", "id"], kind="stable", na_position="last")
    return out[cols].reset_index(drop=True)


def _count_text(value: float, unit: str) -> str:
    """'> 83,000', '≈ 1.2 million', '3,316': a count as its source qualifies it."""
    unit = str(unit)
    if value >= 1_000_000:
        number = f"{value / 1_000_000:g} million"
    else:
        number = f"{value:,.0f}"
    if "more than" in unit:
        return f"> {number}"
    if "about" in unit or "nearly" in unit:
        return f"≈ {number}"
    return number


def _years_after(date, precision, debut_year: int) -> float:
    """Position on a 'years after debut' axis: the middle of the day, month or year a date
    stands for (a yearly total sits mid-year)."""
    precision = str(precision)
    if precision == "year":
        fraction = 0.5
    elif precision == "month":
        fraction = (date.month - 0.5) / 12
    else:
        fraction = (date.day_of_year - 0.5) / 365.25
    return round(date.year - debut_year + fraction, 2)


def retro_revivals(model_ids=RETRO_MODELS):
    """Retro revivals on one clock: each published milestone and volume figure, placed in years
    after the model's market debut (the year its production car was unveiled or went on sale).

    Volume figures keep their own measure and scope (sold, sold in all, registered, built; US,
    worldwide, France...): the ``label`` says which, so that nobody
    compares a month of French registrations with thirteen years of world sales by mistake.

    >>> r = retro_revivals().set_index("id")
    >>> int(r.loc["pr-050", "debut_year"]), float(r.loc["pr-050", "years_after_debut"])
    (1998, 1.5)
    """
    import pandas as pd

    products = _products(model_ids)
    debut = (
        products[products["kind"].isin(["reveal", "launch"])]
        .groupby("model_id", observed=True)["date"]
        .min()
        .dt.year
    )
    keep = products["kind"].isin(["concept", "reveal", "launch"]) | products["measure"].isin(
        VOLUME_MEASURES
    ).fillna(False)
    rows = products[keep & products["date"].notna()].copy()
    rows = rows[rows["model_id"].isin(debut.index)]
    rows["debut_year"] = [int(debut[m]) for m in rows["model_id"]]
    rows["years_after_debut"] = [
        _years_after(d, p, y)
        for d, p, y in zip(rows["date"], rows["date_precision"], rows["debut_year"], strict=True)
    ]
    labels = []
    for r in rows.itertuples(index=False):
        if pd.isna(r.measure):
            labels.append(str(r.kind))
            continue
        text = f"{_count_text(r.value, r.unit)} {_MEASURE_WORDS[str(r.measure)]}"
        scope = "" if pd.isna(r.scope) else str(r.scope).split(",")[0]
        labels.append(text + (f" ({scope})" if scope else ""))
    rows["label"] = labels
    order = {m: i for i, m in enumerate(model_ids)}
    rows["_order"] = rows["model_id"].astype(str).map(order)
    cols = [
        "id",
        "model_id",
        "model",
        "debut_year",
        "kind",
        "measure",
        "date",
        "years_after_debut",
        "value",
        "unit",
        "scope",
        "label",
        "source_id",
        "confidence",
    ]
    out = rows.sort_values(["_order", "date", "id"], kind="stable")[cols]
    return out.reset_index(drop=True)


FOUR_AS = {
    "Allegory": "the brand's story: the tale a revived brand tells about itself",
    "Aura": "the brand's essence: the sense of authenticity it carries",
    "Arcadia": "an idealised community, a place and time the brand evokes",
    "Antinomy": "the brand's paradox: old and new, or other opposites, held together",
}
# dimension -> (reading of the Renault 5 E-Tech, evidence rows in products.csv). The readings
# are the authors' suggestions for class discussion, not findings of Brown et al.
_FOUR_AS_READINGS = {
    "Allegory": (
        "A comeback told through a comeback: the company's recovery is staged as the return of "
        "its 1972 best-seller, from de Meo's 'day it all started' in front of an orange mock-up "
        "to the prototype shown on the day of the turnaround plan.",
        ["pr-001", "pr-002"],
    ),
    "Aura": (
        "Authenticity by descent: the name and lines of the original, a car built in Douai, the "
        "plant that opened in 1974 to build R5s, and a Turbo 3E limited to 1,980 units for 1980.",
        ["pr-003", "pr-026", "pr-041"],
    ),
    "Arcadia": (
        "An idealised France of the 1970s and 1980s, when the R5 was the country's best-selling "
        "car: a shared memory the new car invites buyers to join.",
        ["pr-042"],
    ),
    "Antinomy": (
        "A car that looks back on an electric platform that looks forward; a popular car first "
        "sold well above its promised price; a rally legend reborn as a collector's EV.",
        ["pr-005", "pr-009", "pr-028"],
    ),
}


def four_as_reading():
    """Brown, Kozinets and Sherry's four As of retro branding (2003), read on the Renault 5
    E-Tech. Each reading is a teaching suggestion (``classification_basis``) to argue with;
    ``evidence`` lists the products rows it rests on.

    >>> four_as_reading()["dimension"].tolist()
    ['Allegory', 'Aura', 'Arcadia', 'Antinomy']
    """
    import pandas as pd

    known = set(load("products")["id"])
    rows = []
    for dimension, (reading, evidence) in _FOUR_AS_READINGS.items():
        missing = [e for e in evidence if e not in known]
        if missing:
            raise CaseDataError(f"four_as_reading: no products row {', '.join(missing)}")
        rows.append(
            {
                "dimension": dimension,
                "definition": FOUR_AS[dimension],
                "r5_reading": reading,
                "evidence": ", ".join(evidence),
                "classification_basis": TEACHING_SUGGESTION,
                "source_id": "brown-kozinets-sherry-2003",
            }
        )
    return pd.DataFrame(rows)


# --- 04-storytelling ---
# Claims checked against the case data; the hero's journey and Freytag's arc as teaching
# suggestions; which names the episode synopses carry.

VERDICTS = ("supported", "partly supported", "contradicted", "not checkable")
NOTHING_TO_CHECK = "The case data holds nothing to check this against."


def _amount(value: float, unit: str) -> str:
    """-8,008 EUR million or 7.9 % of revenue: a value with its unit, as in the tables."""
    if str(unit).startswith("%"):
        return f"{value:.1f} {unit}"
    return f"{value:,.0f} {unit}"


def _financial_row(fin, metric: str, period: str, year: int):
    rows = fin[
        (fin["metric"] == metric)
        & (fin["period"] == period)
        & (fin["year"] == year)
        & (fin["basis"] == "as_published")
    ]
    if rows.empty:
        raise CaseDataError(f"claims: no as-published financials row for {metric}, {period} {year}")
    # where sources disagree, a claim is checked against the row financial_series would choose
    return _pick_one(rows, ["year"], []).iloc[0]


def _check_value(claim, fin):
    """A claimed figure against financials: the claimed row, then any row of that year."""
    row = _financial_row(
        fin, claim.evidence_metric, claim.evidence_period, int(claim.evidence_year)
    )
    if str(row["unit"]) != str(claim.claimed_unit):
        raise CaseDataError(
            f"claims {claim.id}: claimed_unit '{claim.claimed_unit}' is not the unit of "
            f"{claim.evidence_metric} ('{row['unit']}')"
        )
    half_step = float(claim.claimed_precision) / 2 + 1e-9
    claimed = float(claim.claimed_value)
    where = f"{claim.evidence_metric}, {claim.evidence_period} {int(claim.evidence_year)}"
    says = f"The data give {_amount(row['value'], row['unit'])} for {where}"
    ids = [str(row["source_id"])]
    if abs(row["value"] - claimed) <= half_step:
        return f"financials: {where}", says + ": the claim rounds it correctly.", "supported", ids
    same_year = fin[
        (fin["year"] == int(claim.evidence_year))
        & (fin["unit"] == row["unit"])
        & (fin["basis"] == "as_published")
        & ((fin["value"] - claimed).abs() <= half_step)
    ]
    if len(same_year):
        alt = same_year.iloc[0]
        ids.append(str(alt["source_id"]))
        return (
            f"financials: {where}",
            says + f"; the claimed figure matches {alt['metric']}, {alt['period']} "
            f"{int(alt['year'])} ({_amount(alt['value'], alt['unit'])}) instead.",
            "partly supported",
            ids,
        )
    return (
        f"financials: {where}",
        says + f"; no figure of {int(claim.evidence_year)} in the data rounds to the claim.",
        "contradicted",
        ids,
    )


def _check_record(claim, high: bool):
    """A 'highest' or 'lowest' claim against every earlier year of the metric (as published)."""
    metric, period, year = claim.evidence_metric, claim.evidence_period, int(claim.evidence_year)
    series = financial_series(metric, period=period)
    if year not in series.index:
        raise CaseDataError(f"claims {claim.id}: no {metric}, {period} {year} in financials")
    unit = series.attrs["unit"]
    value = float(series[year])
    earlier, later = series[series.index < year], series[series.index > year]
    ids = [series.attrs["source_ids"][y] for y in series.index]
    where = f"financials: {metric}, {period} {year}"
    word = "above" if high else "below"
    if earlier.empty:
        return where, f"No year before {year} in the data to compare with.", "not checkable", ids
    best_year = int(earlier.idxmax() if high else earlier.idxmin())
    is_record = value > earlier.max() if high else value < earlier.min()
    span = f"{int(earlier.index.min())}–{year - 1}"
    if is_record:
        says = (
            f"{year}: {_amount(value, unit)}, {word} every earlier year in the data ({span}; "
            f"the nearest was {_amount(earlier[best_year], unit)} in {best_year})."
        )
    else:
        says = (
            f"{year}: {_amount(value, unit)}, not a record in the data: {best_year} was "
            f"{_amount(earlier[best_year], unit)}."
        )
    beaten = later[later > value] if high else later[later < value]
    if len(beaten):
        first = int(beaten.index.min())
        says += f" Since then, {first} went further ({_amount(beaten[first], unit)})."
    elif len(later):
        first, last = int(later.index.min()), int(later.index.max())
        says += f" No later year in the data ({first}" + (f"–{last}" if last > first else "")
        says += ") beats it."
    return where, says, "supported" if is_record else "contradicted", ids


def _at_precision(when, precision: int) -> str:
    return when.strftime(("%Y", "%Y-%m", "%Y-%m-%d")[precision - 1])


def _actors(text) -> set[str]:
    return (
        {a.strip() for a in str(text).split(";") if a.strip()} if isinstance(text, str) else set()
    )


def _check_date(claim, events):
    """A claimed date against an event, at the claim's precision; then against related events
    (same theme, a shared actor) that the claimed date could have been taken from."""
    event = events.loc[claim.evidence_event]
    claimed = str(claim.claimed_date)
    precision = min(claimed.count("-") + 1, 2 if event["date_precision"] == "month" else 3)
    claimed = claimed[: (4, 7, 10)[precision - 1]]
    shown = _at_precision(event["date"], precision)
    where = f"events: {claim.evidence_event}"
    says = f'{claim.evidence_event} "{event["title_en"]}" is dated {shown}'
    ids = [str(event["source_id"])]
    if shown == claimed:
        return where, says + ": the claim agrees.", "supported", ids
    related = events[
        (events.index != claim.evidence_event)
        & (events["theme"] == event["theme"])
        & events["actors"].map(lambda a: bool(_actors(a) & _actors(event["actors"])))
        & events["date"].map(lambda d: _at_precision(d, precision) == claimed)
    ]
    if len(related):
        alt_id = related.index[0]
        alt = related.iloc[0]
        ids.append(str(alt["source_id"]))
        return (
            where,
            says + f'; the claimed date matches {alt_id} "{alt["title_en"]}" '
            f"({_at_precision(alt['date'], precision)}) instead.",
            "partly supported",
            ids,
        )
    return where, says + f"; no related event in the data falls in {claimed}.", "contradicted", ids


def _lookup(claim, fin, events):
    """The evidence row, shown for a verdict no rule can decide."""
    if claim.evidence_table == "financials":
        row = _financial_row(
            fin, claim.evidence_metric, claim.evidence_period, int(claim.evidence_year)
        )
        where = f"{claim.evidence_metric}, {claim.evidence_period} {int(claim.evidence_year)}"
        note = f" (note: {row['note']})" if isinstance(row["note"], str) and row["note"] else ""
        return (
            f"financials: {where}",
            f"{where}: {_amount(row['value'], row['unit'])}{note}.",
            [str(row["source_id"])],
        )
    event = events.loc[claim.evidence_event]
    note = f" Note: {event['note']}." if isinstance(event["note"], str) and event["note"] else ""
    return (
        f"events: {claim.evidence_event}",
        f"{claim.evidence_event} ({_at_precision(event['date'], 3)}): {event['title_en']}.{note}",
        [str(event["source_id"])],
    )


def check_claims():
    """Every claim of the ``claims`` table next to what the case data says about it.

    ``data_says`` is one sentence computed from the tables, and ``data_verdict`` the verdict a
    stated rule gives, where one applies (``check`` column):

    * ``value``: the claimed figure is compared with the financials row, and *supported* if the
      row rounds to it (``claimed_precision``); *partly supported* if it rounds to another row of
      the same year and unit instead (a right number for the wrong period or measure);
      otherwise *contradicted*. Such a match is a lead to follow, not proof: any row counts, so
      a claimed loss of 5.0 billion in 2020 would match Nissan's contribution.
    * ``record_high`` / ``record_low``: *supported* if the year beats every earlier year of the
      metric in the data (as published), else *contradicted*; later years are reported, since a
      record is judged when it is claimed.
    * ``date``: the event's date at the claim's precision; *partly supported* if the claimed date
      is that of a related event (same theme, a shared actor), else *contradicted*.
    * ``lookup`` and ``none``: the evidence row, or nothing, is shown; no rule decides
      (``data_verdict`` is empty) and ``verdict`` is the authors' judgement.

    ``agrees`` compares the authors' ``verdict`` with ``data_verdict``; where the verdict's
    ``classification_basis`` is ``data check`` they must agree (the tests say so). The result
    carries every source behind it in ``.attrs["source_ids"]``.

    >>> c = check_claims().set_index("id")
    >>> str(c.loc["cl-01", "data_verdict"]), str(c.loc["cl-08", "data_verdict"])
    ('partly supported', 'contradicted')
    """
    import pandas as pd

    claims = load("claims")
    fin = load("financials")
    events = load("events").set_index("id")
    rows = []
    sources: set[str] = set(claims["source_id"].astype(str))
    for claim in claims.itertuples(index=False):
        kind = str(claim.check)
        verdict = None
        if kind == "value":
            evidence, says, verdict, ids = _check_value(claim, fin)
        elif kind in ("record_high", "record_low"):
            evidence, says, verdict, ids = _check_record(claim, high=kind == "record_high")
        elif kind == "date":
            evidence, says, verdict, ids = _check_date(claim, events)
        elif kind == "lookup":
            evidence, says, ids = _lookup(claim, fin, events)
        else:
            evidence, says, ids = "", NOTHING_TO_CHECK, []
        sources.update(ids)
        rows.append(
            {
                "id": claim.id,
                "claimant": claim.claimant,
                "claimant_type": str(claim.claimant_type),
                "claim_en": claim.claim_en,
                "check": kind,
                "evidence": evidence,
                "data_says": says,
                "data_verdict": verdict,
                "verdict": str(claim.verdict),
                "classification_basis": str(claim.classification_basis),
                "agrees": None if verdict is None else verdict == str(claim.verdict),
                "confidence": str(claim.confidence),
                "source_id": claim.source_id,
                "evidence_source_ids": ", ".join(dict.fromkeys(ids)),
            }
        )
    out = pd.DataFrame(rows)
    for col in ("data_verdict", "verdict"):
        out[col] = pd.Categorical(out[col], categories=list(VERDICTS))
    out["agrees"] = out["agrees"].astype("boolean")
    out.attrs["source_ids"] = sorted(sources)
    return out


# Joseph Campbell's 17 stages of the hero's journey, in three acts (Campbell 1949).
HERO_ACTS = {
    "departure": (
        "call to adventure",
        "refusal of the call",
        "supernatural aid",
        "crossing the first threshold",
        "belly of the whale",
    ),
    "initiation": (
        "road of trials",
        "meeting with the goddess",
        "woman as temptress",
        "atonement with the father",
        "apotheosis",
        "ultimate boon",
    ),
    "return": (
        "refusal of the return",
        "magic flight",
        "rescue from without",
        "crossing the return threshold",
        "master of two worlds",
        "freedom to live",
    ),
}
_STAGE_ACT = {stage: act for act, stages in HERO_ACTS.items() for stage in stages}

# item (episode "ep-N" or event id) -> (act, stage, why). The authors' readings for class
# discussion, not sourced findings: the series' own content is known only from synopses.
_HERO_SUGGESTIONS = {
    "ep-1": (
        "departure",
        "call to adventure",
        "'Make the revolution or die': a company in peril, and the chairman turns to a new "
        "leader. The synopsis places the call in June 2020; de Meo had been named in January.",
    ),
    "ep-2": (
        "initiation",
        "road of trials",
        "Record losses, the Russia exit, Alpine's collapse in Formula 1: one trial after another.",
    ),
    "ep-3": (
        "initiation",
        "road of trials",
        "'Fighting spirit', more trials (Dakar, Le Mans). Its content is known only in part; "
        "Vogler would call the central test the 'ordeal', a stage Campbell's list does not name.",
    ),
    "ep-4": (
        "initiation",
        "ultimate boon",
        "The series ends on the prize, the Turbo 3E confirmed for production. No episode is "
        "left for the return.",
    ),
    "ev-021": (
        "departure",
        "supernatural aid",
        "A talisman at the start: the orange R5 mock-up of 'the day it all started', told by de "
        "Meo himself in 2024, which makes it storytelling about storytelling.",
    ),
    "ev-027": (
        "departure",
        "crossing the first threshold",
        "The plan made public, with a name and a car: there is no way back.",
    ),
    "ev-040": (
        "initiation",
        "road of trials",
        "Forced out of its second-largest market by a war: a trial the hero did not choose.",
    ),
    "ev-057": (
        "initiation",
        "road of trials",
        "A listing announced with fanfare, then cancelled: a setback the episode synopses do not "
        "mention.",
    ),
    "ev-058": (
        "initiation",
        "apotheosis",
        "The record margin: the hero at his height, a year before the series comes out.",
    ),
    "ev-069": (
        "initiation",
        "ultimate boon",
        "The prize brought back from the design centre, in the last minutes of the series.",
    ),
    "ev-080": (
        "return",
        "magic flight",
        "A provocation to argue with: Campbell's hero flees with the boon. The hero leaves before "
        "any return is told; the profit warning comes out that evening (compare claim cl-18).",
    ),
}


def _hero_items():
    """(item, kind, date, label, source_id) for every item with a suggestion."""
    episodes = load("episodes").set_index("episode")
    events = load("events").set_index("id")
    release = events.loc[SERIES_RELEASE_EVENT]
    items = []
    for item in _HERO_SUGGESTIONS:
        if item.startswith("ep-"):
            ep = episodes.loc[int(item.removeprefix("ep-"))]
            title = ep["title_fr"] if isinstance(ep["title_fr"], str) else ep["title_it"]
            label = f"Episode {item[3:]}: {title} ({ep['title_en_gloss']})"
            items.append((item, "episode", release["date"], label, ep["source_id"]))
        else:
            ev = events.loc[item]
            items.append((item, "event", ev["date"], ev["title_en"], ev["source_id"]))
    return items


def hero_journey():
    """Episodes of the series and events of the case read as stages of Campbell's hero's
    journey. Every row is a teaching suggestion (``classification_basis``): ``why`` gives the
    reasoning, to be argued with. Episodes are dated by the series' release.

    >>> hj = hero_journey().set_index("item")
    >>> hj.loc["ep-1", "stage"], hj.loc["ep-4", "act"]
    ('call to adventure', 'initiation')
    """
    import pandas as pd

    rows = []
    for item, kind, when, label, source_id in _hero_items():
        act, stage, why = _HERO_SUGGESTIONS[item]
        rows.append(
            {
                "item": item,
                "kind": kind,
                "date": when,
                "label": label,
                "act": act,
                "stage": stage,
                "why": why,
                "classification_basis": TEACHING_SUGGESTION,
                "source_id": source_id,
            }
        )
    return pd.DataFrame(rows)


def compare_hero_stages(my_map):
    """Your reading of episodes and events as hero's-journey stages, next to the suggestion.

    ``my_map`` maps items (``"ep-1"`` … ``"ep-4"`` or event ids) to an act (``departure``,
    ``initiation``, ``return``) or to one of Campbell's stages (:data:`HERO_ACTS`), or None
    while you have not decided. The suggestion shows only for items you have tagged;
    ``agree`` compares acts (and, where you named a stage, ``same_stage`` compares stages).

    >>> compare_hero_stages({"ep-2": "road of trials", "ep-4": None})["agree"].tolist()
    [True, <NA>]
    """
    import pandas as pd

    suggestions = hero_journey().set_index("item")
    rows = []
    for item, answer in my_map.items():
        if item not in suggestions.index:
            raise ValueError(
                f"no suggestion for '{item}'; tag one of: {', '.join(suggestions.index)}"
            )
        given = None if answer is None else str(answer).strip().lower()
        if given is not None and given not in HERO_ACTS and given not in _STAGE_ACT:
            raise ValueError(
                f"{item}: '{answer}' is neither an act ({', '.join(HERO_ACTS)}) nor one of "
                "Campbell's stages (casestudy.analysis.HERO_ACTS lists them)"
            )
        your_act = _STAGE_ACT.get(given, given)
        your_stage = given if given in _STAGE_ACT else None
        s = suggestions.loc[item]
        hidden = given is None
        rows.append(
            {
                "item": item,
                "label": s["label"],
                "your_act": your_act,
                "your_stage": your_stage,
                "suggested_act": None if hidden else s["act"],
                "suggested_stage": "(tag it first)" if hidden else s["stage"],
                "agree": None if hidden else your_act == s["act"],
                "same_stage": None if your_stage is None else your_stage == s["stage"],
                "why": "" if hidden else s["why"],
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "item",
            "label",
            "your_act",
            "your_stage",
            "suggested_act",
            "suggested_stage",
            "agree",
            "same_stage",
            "why",
        ],
    )
    out["agree"] = out["agree"].astype("boolean")
    out["same_stage"] = out["same_stage"].astype("boolean")
    return out


# Freytag's five parts of a drama laid on the case's calendar: (part, from event, to event, why).
# A teaching suggestion; the climax is a moment, so it starts and ends on the same event.
FREYTAG_PARTS = (
    ("exposition", "ev-001", "ev-020", "The world before the hero: an arrest, a company adrift."),
    ("rising action", "ev-020", "ev-069", "The hero's plan meets trial after trial."),
    ("climax", "ev-069", "ev-069", "The finale of episode 4: the Turbo 3E confirmed."),
    ("falling action", "ev-069", "ev-081", "After the credits: the hero leaves, a profit warning."),
    ("dénouement", "ev-081", "ev-090", "The year closes with a loss larger than 2020's."),
)


def freytag_arc():
    """Freytag's five parts (exposition, rising action, climax, falling action, dénouement)
    placed on the case's calendar by events: a teaching suggestion, with the dates taken from
    the events table. ``in_series`` says whether the part falls within what the series shows.

    >>> arc = freytag_arc().set_index("part")
    >>> bool(arc.loc["climax", "in_series"]), bool(arc.loc["falling action", "in_series"])
    (True, False)
    """
    import pandas as pd

    events = load("events").set_index("id")
    release = events.loc[SERIES_RELEASE_EVENT, "date"]
    rows = []
    for part, start, end, why in FREYTAG_PARTS:
        rows.append(
            {
                "part": part,
                "start": events.loc[start, "date"],
                "end": events.loc[end, "date"],
                "start_event": start,
                "end_event": end,
                "in_series": events.loc[end, "date"] <= release,
                "why": why,
                "classification_basis": TEACHING_SUGGESTION,
            }
        )
    return pd.DataFrame(rows)


def story_mentions(terms):
    """Which episode synopses, and how many case events, name each term (case-insensitive).

    Episodes are searched in their titles and ``content_en``; events in ``title_en``,
    ``actors`` and ``note``. A synopsis is a few lines written to sell the episode: a name
    missing from it is a question to ask, not proof that the series leaves it out.

    >>> m = story_mentions(["Ghosn", "Nissan"]).set_index("term")
    >>> m.loc["Ghosn", "episodes"], m.loc["Nissan", "episodes"]
    ('1', 'none')
    """
    import re

    import pandas as pd

    episodes = load("episodes")
    events = load("events")
    ep_text = (
        episodes[["title_fr", "title_it", "title_en_gloss", "content_en"]]
        .fillna("")
        .astype(str)
        .agg(" ".join, axis=1)
    )
    ev_text = events[["title_en", "actors", "note"]].fillna("").astype(str).agg(" ".join, axis=1)
    rows = []
    for term in terms:
        pattern = re.compile(re.escape(str(term).strip()), re.IGNORECASE)
        found = [
            int(n)
            for n, text in zip(episodes["episode"], ep_text, strict=True)
            if pattern.search(text)
        ]
        rows.append(
            {
                "term": term,
                "episodes": ", ".join(str(n) for n in found) or "none",
                "n_episodes": len(found),
                "n_events": sum(bool(pattern.search(text)) for text in ev_text),
            }
        )
    return pd.DataFrame(rows, columns=["term", "episodes", "n_episodes", "n_events"])
