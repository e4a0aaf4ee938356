"""02-strategy charts: Renault's targets, restatements, and other turnarounds side by side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import data
from ..analysis import financial_series
from .cache import cached
from .overview import _lane_timeline
from .style import (
    OKABE_ITO,
    Chart,
    _finish,
    _fmt_bn,
    _marker_handles,
    _minus,
    _new_figure,
    _pct,
    _period_text,
    _style_axes,
)

# colour and marker together, so the status reads without colour too
STATUS_STYLE = {
    "met early": (OKABE_ITO["bluish_green"], "o"),
    "met": (OKABE_ITO["blue"], "s"),
    "missed": (OKABE_ITO["vermillion"], "X"),
    "pending": (OKABE_ITO["orange"], "P"),
    "not measurable": ("#8C8C8C", "o"),
}
_COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "", "~": "about"}


def _target_text(comparator: str, value: float, unit: str) -> str:
    """'> 3 %' or '≥ 4.5 %' or '≥ −317 EUR m': a target as a reader writes it."""
    number = _minus(f"{value:g}")
    symbol = _COMPARATOR_TEXT.get(str(comparator), str(comparator))
    if str(unit).startswith("%"):
        return f"{symbol} {number} %".strip()
    short = str(unit).replace(" million", " m").replace(" billion", " bn")
    return f"{symbol} {number} {short}".strip()


def _status_handles(ax, statuses):
    styles = {
        s: (s, STATUS_STYLE[s][1], STATUS_STYLE[s][0], s != "not measurable") for s in statuses
    }
    return _marker_handles(ax, styles, styles, size=40)


@cached
def margin_vs_targets(first_year: int = 2019, last_year: int = 2025) -> Chart:
    """Renault's operating margin (as published) against the margin targets of Renaulution
    (January 2021) and the Capital Markets Day (November 2022).

    Each target is a dashed line from the year it was announced to its deadline, coloured by
    its status in :func:`casestudy.analysis.promise_vs_delivery`; a ring marks the first year
    that met it. Targets due after ``last_year`` are listed in a note, not drawn.
    """
    from ..analysis import RENAULT_PLANS, promise_vs_delivery

    margin = financial_series("operating_margin_pct")
    years = [y for y in range(first_year, last_year + 1) if y in margin.index]
    if not years:
        raise ValueError(f"no operating margin between {first_year} and {last_year}")
    margin = margin[years]
    pvd = promise_vs_delivery()
    targets = pvd[pvd["plan"].isin(RENAULT_PLANS) & (pvd["metric"] == "operating_margin_pct")]
    fig = _new_figure((10, 5.4))
    ax = fig.add_subplot()
    ax.plot(
        years,
        margin.values,
        color=OKABE_ITO["black"],
        marker="o",
        linewidth=2,
        label="Operating margin, as published",
        zorder=3,
    )
    for y, v in margin.items():
        ax.annotate(
            _pct(v),
            (y, v),
            xytext=(0, -18 if v < 0 else 11),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            zorder=5,
        )
    source_ids = list(margin.attrs["source_ids"].values())
    later = []
    for t in targets.itertuples(index=False):
        start = int(str(t.announced)[:4])
        if t.deadline_year > last_year:
            later.append(f"{_target_text(t.comparator, t.target, t.unit)} by {t.deadline_year}")
            source_ids.append(t.source_id)
            continue
        colour, marker = STATUS_STYLE[str(t.status)]
        ax.hlines(t.target, start, t.deadline_year, colors=colour, linestyles="--", linewidth=1.6)
        ax.scatter([t.deadline_year], [t.target], marker="|", s=160, color=colour, zorder=2)
        outcome = str(t.status)
        if t.first_met is not None and str(t.first_met) != "<NA>" and t.status == "met early":
            first = int(t.first_met)
            ax.scatter(
                [first],
                [margin[first]],
                s=260,
                facecolor="none",
                edgecolor=colour,
                linewidth=2,
                zorder=4,
            )
            outcome = f"met early (first in {first})"
        elif t.status == "missed":
            outcome = f"missed ({t.actual:.1f} % in {t.deadline_year})"
        ax.annotate(
            f"{_target_text(t.comparator, t.target, t.unit)} by {t.deadline_year} "
            f"({_PLAN_SHORT.get(str(t.plan), str(t.plan))})\n{outcome}",
            (t.deadline_year, t.target),
            xytext=(8, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8,
            color=colour,
            fontweight="bold",
        )
        source_ids.append(t.source_id)
    ax.axhline(0, color="#888888", linewidth=0.8)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.4, years[-1] + 2.4)  # room for the target labels on the right
    low = min(margin.min(), 0)
    high = max(margin.max(), targets["target"].max() if len(targets) else 0)
    ax.set_ylim(low - 1.5, high + 1.5)
    ax.set_xlabel("Financial year (as published)")
    ax.set_ylabel("Operating margin (% of revenue)")
    _style_axes(ax)
    if later:
        ax.text(
            0.99,
            0.02,
            "Due later, not drawn: " + "; ".join(later),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color="#444444",
        )
    ax.scatter(
        [],
        [],
        s=160,
        facecolor="none",
        edgecolor="#555555",
        linewidth=2,
        label="First year that met a target",
    )
    ax.plot([], [], color="#555555", linestyle="--", label="Target, from announcement to deadline")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ids = _finish(fig, "Renault's margin targets: promised and delivered", source_ids)
    worst, best = int(margin.idxmin()), int(margin.idxmax())
    parts = []
    for t in targets[targets["deadline_year"] <= last_year].itertuples(index=False):
        text = f"{_target_text(t.comparator, t.target, t.unit)} by {t.deadline_year}"
        if t.status == "met early":
            parts.append(f"{text} was first met in {int(t.first_met)}")
        elif t.status == "missed":
            parts.append(f"{text} was missed ({t.actual:.1f} % in {t.deadline_year})")
        else:
            parts.append(f"{text} is {t.status}")
    summary = (
        f"The operating margin fell to {margin[worst]:.1f} % in {worst}, peaked at "
        f"{margin[best]:.1f} % in {best} and was {margin[years[-1]]:.1f} % in {years[-1]}; "
        + "; ".join(parts)
        + "."
    )
    return Chart(fig, summary, ids)


@cached
def target_scorecard(plans: Iterable[str] = ("renaulution", "cmd_2022")) -> Chart:
    """Every target of the chosen plans, one row each: its deadline, the first year that met
    it and its status. Targets without a published outcome in the case data are drawn in grey
    as 'not measurable' — shown, never guessed.
    Data: :func:`casestudy.analysis.promise_vs_delivery`.
    """
    from ..analysis import STATUSES, promise_vs_delivery

    plans = list(plans)
    pvd = promise_vs_delivery()
    rows = pvd[pvd["plan"].isin(plans)].sort_values(["status", "deadline_year", "id"])
    if rows.empty:
        raise ValueError(f"no targets for plans {plans}")
    n = len(rows)
    fig = _new_figure((11, 1.9 + 0.3 * n))
    ax = fig.add_subplot()
    first_x = int(min(str(a)[:4] for a in rows["announced"]))
    last_x = int(rows["deadline_year"].max())
    labels = []
    low_confidence = set(_low_confidence_targets())
    for i, t in enumerate(rows.itertuples(index=False)):
        y = n - 1 - i
        status = str(t.status)
        colour, marker = STATUS_STYLE[status]
        flag = " (low confidence)" if t.id in low_confidence else ""
        text = str(t.description_en)
        plan = _PLAN_SHORT.get(str(t.plan), str(t.plan))
        labels.append(f"{text[:60] + '…' if len(text) > 61 else text}{flag} [{t.id}, {plan}]")
        ax.scatter(
            [t.deadline_year],
            [y],
            marker="D",
            s=34,
            facecolor="white",
            edgecolor="#333333",
            zorder=3,
        )
        has_first = str(t.first_met) != "<NA>"
        if status in ("met early", "met") and has_first:
            first = int(t.first_met)
            ax.hlines(y, first, t.deadline_year, colors=colour, linewidth=3, alpha=0.6)
            ax.scatter([first], [y], marker=marker, s=60, color=colour, zorder=4)
            note = f"met in {first}" + (
                f", {t.deadline_year - first} yr early" if first < t.deadline_year else ""
            )
        elif status == "missed":
            ax.scatter([t.deadline_year], [y], marker=marker, s=70, color=colour, zorder=4)
            note = (
                f"missed: {_value_text(t.actual, t.unit)} in {t.deadline_year}"
                if t.actual is not None and t.actual == t.actual
                else f"missed in {t.outcome_year} (read the outcome note)"
            )
        elif status == "pending":
            ax.scatter([t.deadline_year], [y], marker=marker, s=70, color=colour, zorder=4)
            note = "pending"
        else:
            ax.scatter(
                [t.deadline_year],
                [y],
                marker=marker,
                s=60,
                facecolor="white",
                edgecolor=colour,
                linewidth=1.4,
                zorder=4,
            )
            note = "no published outcome"
        ax.annotate(
            note,
            (t.deadline_year, y),
            xytext=(9, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=colour if status != "not measurable" else "#555555",
        )
    ax.set_yticks(range(n), list(reversed(labels)), fontsize=8)
    ax.set_ylim(-0.8, n - 0.2)
    ax.set_xlim(first_x - 0.5, last_x + 2.2)
    ax.set_xticks(range(first_x, last_x + 1))
    ax.set_xlabel("Year (deadline ◇, first year met ●)")
    ax.set_ylabel("Target [id in targets.csv]")
    _style_axes(ax)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    present = [s for s in STATUSES if s in set(rows["status"].astype(str))]
    ax.legend(
        handles=_status_handles(ax, present),
        loc="lower right",
        bbox_to_anchor=(1.0, 0.08),
        title="Status",
        fontsize=8,
        title_fontsize=8,
        facecolor="white",
        edgecolor="white",
        framealpha=1,
    )
    names = {"renaulution": "Renaulution", "cmd_2022": "Capital Markets Day 2022"}
    title = " and ".join(names.get(p, p) for p in plans)
    cited = list(rows["source_id"]) + [str(x) for x in rows["outcome_source_id"].dropna()]
    ids = _finish(fig, f"Every target of {title}: what became of it?", cited)
    counts = rows["status"].astype(str).value_counts()
    by_status = ", ".join(f"{counts[s]} {s}" for s in STATUSES if s in counts.index)
    summary = f"Of {n} targets of {title}: {by_status}."
    return Chart(fig, summary, ids)


_PLAN_SHORT = {"renaulution": "Renaulution", "cmd_2022": "CMD 2022", "guidance": "guidance"}


def _value_text(value: float, unit: str) -> str:
    """6.3 % or EUR 1,470 m: a published value with its unit, for a label."""
    if str(unit).startswith("%"):
        return f"{value:.1f} %"
    if str(unit).startswith("EUR million"):
        return f"EUR {value:,.0f} m"
    return f"{value:,.1f} {unit}"


def _low_confidence_targets() -> list[str]:
    targets = data.load("targets")
    return targets.loc[targets["confidence"] == "low", "id"].astype(str).tolist()


def _restatement_reason(why: str) -> str:
    """'without Russia': the reason of a restated row's note, in a few words."""
    return why.removeprefix("Restated ").split(" (")[0].split(";")[0]


@cached
def restatement_chart(first_year: int = 2019, last_year: int = 2025) -> Chart:
    """Revenue and operating margin as first published and on the latest (restated) basis.

    The two lines part only where the company restated a year (2021 without Russia, 2022 under
    IFRS 17); each gap is labelled with the reason from the restated row. The margin panel
    also shows Renaulution's first margin target, to see what a restatement does to "met".
    """
    from ..analysis import restatements

    restated = restatements()
    target = data.load("targets").set_index("id").loc["tg-08"]
    fig = _new_figure((11, 5))
    grid = fig.add_gridspec(1, 2)
    source_ids = [str(target["source_id"])]
    panels = (
        ("revenue", 1000, "Revenue (EUR billion)", "{:.1f}"),
        ("operating_margin_pct", 1, "Operating margin (% of revenue)", "{:.1f} %"),
    )
    styles = {
        "as_published": dict(color=OKABE_ITO["blue"], marker="o", linestyle="-", mfc=None),
        "latest": dict(color=OKABE_ITO["orange"], marker="o", linestyle="--", mfc="white"),
    }
    labels = {"as_published": "As first published", "latest": "Latest basis (restated)"}
    for i, (metric, scale, ylabel, fmt) in enumerate(panels):
        ax = fig.add_subplot(grid[0, i])
        for basis in ("as_published", "latest"):
            s = financial_series(metric, basis=basis)
            s = s[(s.index >= first_year) & (s.index <= last_year)] / scale
            st = styles[basis]
            ax.plot(
                s.index,
                s.values,
                color=st["color"],
                marker=st["marker"],
                linestyle=st["linestyle"],
                markerfacecolor=st["mfc"] or st["color"],
                linewidth=2 if basis == "as_published" else 1.6,
                markersize=7 if basis == "as_published" else 6,
                label=labels[basis],
                zorder=3 if basis == "latest" else 2,
            )
            source_ids += list(s.attrs.get("source_ids", {}).values())
        gaps = restated[restated["metric"] == metric]
        for g in gaps.itertuples(index=False):
            pub, new = g.as_published / scale, g.restated / scale
            reason = _restatement_reason(g.why)
            ax.annotate(
                f"{g.year}: {fmt.format(pub)} → {fmt.format(new)}\n{reason}",
                (g.year, new),
                xytext=(28, -34),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=8,
                color="#333333",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#BBBBBB"},
                arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.8},
                zorder=6,
            )
            source_ids += [g.as_published_source, g.restated_source]
        if metric == "operating_margin_pct":
            ax.axhline(
                target["value"], color=OKABE_ITO["reddish_purple"], linestyle=":", linewidth=1.5
            )
            ax.text(
                last_year + 0.4,
                target["value"] - 0.2,
                "Renaulution target: "
                + _target_text(target["comparator"], target["value"], target["unit"])
                + f" by {int(target['deadline_year'])}",
                fontsize=8,
                color=OKABE_ITO["reddish_purple"],
                ha="right",
                va="top",
            )
            ax.axhline(0, color="#888888", linewidth=0.8)
        ax.set_xticks(range(first_year, last_year + 1))
        ax.set_xlim(first_year - 0.5, last_year + 0.5)
        lo, hi = ax.get_ylim()
        room = 0.15 if metric == "operating_margin_pct" else 0.45  # room for the labels
        ax.set_ylim(lo - room * (hi - lo), hi + 0.05 * (hi - lo))
        ax.set_xlabel("Financial year")
        ax.set_ylabel(ylabel)
        _style_axes(ax)
        if i == 0:
            ax.legend(loc="upper center", fontsize=8, frameon=False)
    ids = _finish(fig, "One year, two numbers: Renault's restated accounts", source_ids)
    parts = []
    for year, group in restated[
        restated["metric"].isin(["revenue", "operating_margin_pct"])
    ].groupby("year"):
        rev = group[group["metric"] == "revenue"].iloc[0]
        mar = group[group["metric"] == "operating_margin_pct"].iloc[0]
        reason = _restatement_reason(rev.why)
        parts.append(
            f"{year} ({reason}): revenue {_fmt_bn(rev.as_published)} → {_fmt_bn(rev.restated)}, "
            f"margin {mar.as_published:.1f} % → {mar.restated:.1f} %"
        )
    summary = "Restated years: " + "; ".join(parts) + "."
    return Chart(fig, summary, ids)


_MEASURE_NAMES = {
    "operating_margin_pct": "Operating margin",
    "automotive_operating_margin_pct": "Automotive operating margin",
    "fiat_auto_result": "Fiat Auto trading result",
}


def _num(value: float) -> str:
    """4.75, 5.0, −822: a value as published, without inventing or dropping decimals."""
    text = f"{value:.2f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    if abs(value) >= 100:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return _minus(text)


@cached
def plans_compared() -> Chart:
    """Small multiples: four turnaround plans, each judged on its first headline measure, on
    one clock (years after the plan's start), with the plan's targets for that measure.

    Each panel keeps its own unit and fiscal year; nothing is converted. A dashed line runs from
    the plan's start (or the target's window) to its deadline, coloured by status and listed in
    the panel's legend; a ring marks the first year that met it. Data:
    :func:`casestudy.analysis.plan_comparison` and :func:`casestudy.analysis.headline_series`.
    """
    from matplotlib.lines import Line2D

    from ..analysis import CASE_LABELS, HEADLINE_METRICS, headline_series, plan_comparison

    scorecard = plan_comparison()
    comp = data.load("comparisons")
    cases = list(HEADLINE_METRICS)
    fig = _new_figure((11, 9.6))
    grid = fig.add_gridspec(2, 2)
    source_ids: list[str] = []
    sentences = []
    first_ax = None
    for k, case in enumerate(cases):
        metric, unit = HEADLINE_METRICS[case]
        series = headline_series(case)
        origin = int(series.attrs["start_year"])
        ax = fig.add_subplot(grid[k // 2, k % 2], sharex=first_ax)
        first_ax = first_ax or ax
        # one line through the yearly values; a year with two sources shows both points
        yearly = series.groupby("years_after_start")["value"].first()
        ax.plot(yearly.index, yearly.values, color=OKABE_ITO["black"], linewidth=1.8, zorder=3)
        ax.scatter(
            series["years_after_start"],
            series["value"],
            color=OKABE_ITO["black"],
            s=28,
            zorder=4,
        )
        seen: dict[int, int] = {}
        for row in series.itertuples(index=False):
            n = seen.get(row.years_after_start, 0)
            seen[row.years_after_start] = n + 1
            ax.annotate(
                _num(row.value),
                (row.years_after_start, row.value),
                xytext=((-6, 8) if n == 0 else (6, -14))
                if yearly.size < len(series)
                else (0, 9 if row.value >= 0 else -14),
                textcoords="offset points",
                ha=("right" if n == 0 else "left") if yearly.size < len(series) else "center",
                fontsize=7.5,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
                zorder=6,
            )
        source_ids += series["source_id"].tolist()
        mine = scorecard[
            (scorecard["case"] == case)
            & (scorecard["metric"] == metric)
            & (scorecard["unit"] == unit)
        ].sort_values(["deadline_year", "target"])
        handles = []
        parts = []
        for t in mine.itertuples(index=False):
            status = str(t.status)
            colour, _ = STATUS_STYLE[status]
            window = comp.loc[comp["id"] == t.target_id, "window_start"]
            begin_year = (
                int(window.iloc[0])
                if len(window) and str(window.iloc[0]) != "<NA>"
                else int(t.start_year)
            )
            begin, end = begin_year - origin, int(t.deadline_year) - origin
            ax.hlines(t.target, begin, end, colors=colour, linestyles="--", linewidth=1.6)
            ax.scatter([end], [t.target], marker="|", s=120, color=colour)
            text = f"{_target_text(t.comparator, t.target, t.unit)} by {t.deadline_year}"
            outcome = status
            if status in ("met early", "met") and str(t.first_met) != "<NA>":
                first = int(t.first_met) - origin
                hit = series.loc[series["years_after_start"] == first, "value"].iloc[0]
                ax.scatter(
                    [first],
                    [hit],
                    s=200,
                    facecolor="none",
                    edgecolor=colour,
                    linewidth=2,
                    zorder=5,
                )
                years = int(t.years_early)
                outcome = (
                    f"met in {int(t.first_met)}, {years} year{'s' if years != 1 else ''} early"
                )
            handles.append(Line2D([], [], color=colour, linestyle="--", label=f"{text}: {outcome}"))
            parts.append(f"{text} {outcome}")
            source_ids.append(t.source_id)
        notes = []
        if case != "renaulution":
            # figures in another unit are named, never converted
            other = comp[
                (comp["case"] == case)
                & (comp["metric"] == metric)
                & (comp["unit"] != unit)
                & (comp["kind"] == "outcome")
            ]
            if len(other):
                listed = ", ".join(
                    f"{int(r.year)}: {_num(r.value)}" for r in other.itertuples(index=False)
                )
                notes.append(
                    f"Later results are in {other['unit'].iloc[0]} ({listed}):\n"
                    "not converted, so the target in euros stays unchecked"
                )
                source_ids += other["source_id"].astype(str).tolist()
            epilogue = comp[
                (comp["case"] == case)
                & (comp["kind"] == "epilogue")
                & (comp["metric"] == metric)
                & (comp["unit"] == unit)
            ]
            for r in epilogue.itertuples(index=False):
                notes.append(f"Epilogue: {_num(r.value)} in fiscal {int(r.year)} ({r.plan_name})")
                source_ids.append(str(r.source_id))
        if notes:
            ax.text(
                0.98,
                0.04,
                "\n".join(notes),
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=7.5,
                color="#444444",
            )
        ax.axvline(0, color="#888888", linestyle=":", linewidth=1)
        ax.axhline(0, color="#BBBBBB", linewidth=0.8)
        lo, hi = ax.get_ylim()
        ax.set_ylim(min(lo, 0) - 0.05 * (hi - lo), hi + 0.08 * (hi - lo))
        title = CASE_LABELS[case] + (
            " — fiscal years end in March" if case == "nissan_revival_plan" else ""
        )
        ax.set_title(title, fontsize=10, loc="left", fontweight="bold")
        ax.set_ylabel(f"{_MEASURE_NAMES.get(metric, metric)} ({unit})", fontsize=8)
        ax.set_xlabel("Years after the plan's start (0 = year of the plan)", fontsize=8)
        _style_axes(ax)
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.16),
            fontsize=7.5,
            frameon=False,
            title="Targets on this measure",
            title_fontsize=7.5,
        )
        sentences.append(f"{CASE_LABELS[case]}: " + ", ".join(parts))
    first_ax.set_xlim(-2.5, 9.5)
    first_ax.set_xticks(range(-2, 10))
    ids = _finish(fig, "Promise vs delivery in four turnarounds", source_ids)
    summary = "Targets on each plan's headline measure — " + "; ".join(sentences) + "."
    return Chart(fig, summary, ids)


STRATEGY_HIGHLIGHTS = {
    "ev-018": "Cost plan",
    "ev-020": "de Meo CEO",
    "ev-027": "Renaulution",
    "ev-040": "Russia exit",
    "ev-045": "CMD: Ampere & Horse",
    "ev-057": "Ampere IPO cancelled",
    "ev-080": "de Meo leaves",
}


@cached
def strategy_timeline(
    start: str = "2020-05-01",
    end: str = "2025-08-01",
    themes: Iterable[str] = ("strategy", "governance", "crisis", "product"),
    highlight: Mapping[str, str] | None = None,
) -> Chart:
    """The Renaulution years on one time axis: :func:`timeline` for a period, titled for it.

    ``highlight`` defaults to the plan's turning points (:data:`STRATEGY_HIGHLIGHTS`).
    """
    return _lane_timeline(
        start,
        end,
        themes,
        STRATEGY_HIGHLIGHTS if highlight is None else highlight,
        f"The Renaulution years, {_period_text(start, end)}: events by theme",
    )
