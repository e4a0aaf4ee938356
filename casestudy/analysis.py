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

    >>> pvd = promise_vs_delivery()
    >>> row = pvd.query("plan == 'renaulution' and metric == 'operating_margin_pct'").iloc[0]
    >>> int(row["deadline_year"]), int(row["first_met"]), str(row["status"])
    (2023, 2021, 'met early')
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


def _target_series(metric: str, start: int, basis: str):
    """Yearly values a Renault target is measured on, on one basis (running total for
    ``*_cumulative`` metrics), or None when the case data has no such metric."""
    fin_metrics = set(load("financials")["metric"].astype(str))
    base = metric.removesuffix("_cumulative")
    if base not in fin_metrics:
        return None
    series = financial_series(base, basis=basis)
    series = series[series.index >= start]
    return series.cumsum() if metric.endswith("_cumulative") else series


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
                met = [
                    int(y) for y, v in series.items() if _meets(v, str(t["comparator"]), t["value"])
                ]
                first = min(met) if met else None
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
    met = sorted(int(y) for y, v in outcomes.items() if _meets(v, comparator, target))
    first = met[0] if met else None
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
