"""05-epilogue charts: what was promised and delivered around the series, Nissan's weight."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import data
from ..analysis import financial_series
from .cache import cached
from .crisis import _row_timeline
from .strategy import STATUS_STYLE, _target_text
from .style import (
    OKABE_ITO,
    Chart,
    _finish,
    _fmt_bn,
    _minus,
    _new_figure,
    _pct,
    _period_text,
    _style_axes,
    _value_label,
)

EPILOGUE_THEMES = ("product", "storytelling", "governance", "epilogue")
EPILOGUE_MARKS = {"ev-068": "Docuseries released", "ev-081": "De Meo leaves; profit warning"}
_REVISION_TEXT = {"first": "", "raised": "raised", "cut": "cut", "kept": "kept"}


def _month(ts) -> str:
    return f"{ts:%b %Y}"


@cached
def story_and_after(
    first_year: int = 2019,
    last_year: int = 2026,
    plans: Iterable[str] = ("guidance", "cmd_2022"),
    marks: Mapping[str, str] | None = None,
) -> Chart:
    """The story told and the story after: the operating margin by half-year and full year, the
    margin promised for each year (and when), with the docuseries and the profit warning marked.

    Each promise is a horizontal segment at its value, from the day it was made to the end of
    the year it was made for, coloured by its status (:data:`STATUS_STYLE`); where it ends, the
    year's actual margin (a black dot) says whether it was kept. Everything after the series'
    release is shaded. A half-year far below the rest is drawn at the bottom edge with its value,
    so that the promises keep a readable scale. Data:
    :func:`casestudy.analysis.margin_promises` and the ``operating_margin_pct`` rows of
    ``financials`` (as published).
    """
    import matplotlib.dates as mdates
    import pandas as pd

    from ..analysis import SERIES_RELEASE_EVENT, STATUSES, margin_promises

    marks = EPILOGUE_MARKS if marks is None else marks
    fy = financial_series("operating_margin_pct")
    h1 = financial_series("operating_margin_pct", period="H1")
    fy = fy[(fy.index >= first_year) & (fy.index <= last_year)]
    h1 = h1[(h1.index >= first_year) & (h1.index <= last_year)]
    if fy.empty:
        raise ValueError(f"no operating margin between {first_year} and {last_year}")
    promises = margin_promises(first_year, last_year, plans)
    events = data.load("events").set_index("id")
    fig = _new_figure((11, 6))
    ax = fig.add_subplot()
    lo, hi = pd.Timestamp(first_year, 1, 1), pd.Timestamp(last_year + 1, 1, 1)
    bottom = min(fy.min(), 0) - 1.5
    top = max(fy.max(), h1.max(), promises["target"].max() if len(promises) else 0) + 2.6
    released = pd.Timestamp(events.loc[SERIES_RELEASE_EVENT, "date"])
    ax.axvspan(released, hi, color="#EEEEEE", zorder=0)
    ax.text(
        released + pd.Timedelta(days=12),
        0.42,
        "after the credits",
        fontsize=8.5,
        style="italic",
        color="#555555",
        ha="left",
        va="bottom",
        transform=ax.get_xaxis_transform(),
    )
    year_end = [pd.Timestamp(y, 12, 31) for y in fy.index]
    ax.plot(year_end, fy.values, color=OKABE_ITO["black"], linewidth=2, zorder=4)
    ax.scatter(year_end, fy.values, s=46, color=OKABE_ITO["black"], zorder=5)
    for x, v in zip(year_end, fy.values, strict=True):
        _value_label(
            ax,
            _pct(v),
            (x, v),
            v,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=6,
        )
    for year, v in h1.items():
        x = pd.Timestamp(int(year), 6, 30)
        if v >= bottom:
            ax.scatter(
                [x], [v], s=34, facecolor="white", edgecolor="#555555", linewidth=1.2, zorder=5
            )
            continue
        # off the scale: drawn on the bottom edge with its value
        ax.scatter([x], [bottom + 0.15], marker="v", s=40, color="#555555", zorder=5)
        ax.annotate(
            f"H1 {int(year)}: {_pct(v)}",
            (x, bottom + 0.15),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color="#555555",
        )
    source_ids = list(fy.attrs["source_ids"].values()) + list(h1.attrs["source_ids"].values())
    for p in promises.itertuples(index=False):
        colour, _ = STATUS_STYLE[str(p.status)]
        start, end = pd.Timestamp(p.announced), pd.Timestamp(int(p.deadline_year), 12, 31)
        style = ":" if p.plan != "guidance" else "-"
        ax.hlines(p.target, start, end, colors=colour, linestyles=style, linewidth=2.2, zorder=3)
        ax.scatter([start], [p.target], marker="|", s=90, color=colour, zorder=3)
        revised = _REVISION_TEXT[str(p.revision)]
        label = _target_text(p.comparator, p.target, "%") + (f" ({revised})" if revised else "")
        ax.annotate(
            label,
            (start, p.target),
            xytext=(2, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=7.5,
            color=colour,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
            zorder=6,
        )
        source_ids.append(p.source_id)
    for i, (event_id, label) in enumerate(marks.items()):
        if event_id not in events.index:
            raise ValueError(f"marks: no event '{event_id}' in events.csv")
        when = pd.Timestamp(events.loc[event_id, "date"])
        ax.axvline(when, color="#444444", linestyle="--", linewidth=1, zorder=2)
        right = i % 2 == 1
        ax.text(
            when + pd.Timedelta(days=12 if right else -12),
            top - 0.15,
            f"{label}\n{when:%d %b %Y}",
            fontsize=8,
            ha="left" if right else "right",
            va="top",
            color="#222222",
            zorder=7,
        )
        source_ids.append(str(events.loc[event_id, "source_id"]))
    ax.text(
        0.01,
        0.97,
        "Each coloured line is a margin promise: it starts on the day it was made and ends\n"
        "at the end of the year it was made for, where the black dot shows what came in.",
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=8,
        color="#333333",
    )
    ax.axhline(0, color="#888888", linewidth=0.8)
    ax.set_xlim(lo - pd.Timedelta(days=20), hi + pd.Timedelta(days=20))
    ax.set_ylim(bottom, top)
    # a year's label sits in the middle of its span; gridlines mark where years begin and end
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter(""))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=7))
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", which="minor", length=0)
    ax.set_xlabel("Year (a result is drawn at the end of the half-year or year it covers)")
    ax.set_ylabel("Operating margin (% of revenue)")
    _style_axes(ax)
    ax.grid(axis="x", which="major", color="#DDDDDD", linewidth=0.8)
    present = [s for s in STATUSES if s in set(promises["status"].astype(str))]
    handles = [
        ax.scatter([], [], s=46, color=OKABE_ITO["black"], label="Full year, as published"),
        ax.scatter([], [], s=34, facecolor="white", edgecolor="#555555", label="First half (H1)"),
    ]
    for status in present:
        colour, _ = STATUS_STYLE[status]
        (line,) = ax.plot([], [], color=colour, linewidth=2.2, label=f"Promise {status}")
        handles.append(line)
    if (promises["plan"] != "guidance").any():
        (dotted,) = ax.plot(
            [],
            [],
            color="#555555",
            linestyle=":",
            linewidth=2.2,
            label="Capital Markets Day target",
        )
        handles.append(dotted)
    ax.legend(
        handles=handles,
        loc="lower right",
        fontsize=8,
        ncol=2,
        frameon=True,
        framealpha=1,
        facecolor="white",
        edgecolor="#DDDDDD",
    )
    ids = _finish(
        fig, "The story told and the story after: margin promised and delivered", source_ids
    )
    return Chart(fig, _story_summary(fy, h1, promises, released), ids)


def _story_summary(fy, h1, promises, released) -> str:
    import pandas as pd

    before_fy = fy[fy.index <= released.year]
    before_h1 = h1[h1.index <= released.year]
    peak, best_half = int(before_fy.idxmax()), int(before_h1.idxmax())
    parts = [
        f"Before the docuseries ({released:%d %b %Y}) the full-year operating margin peaked at "
        f"{_pct(fy[peak])} in {peak} and the best half-year was {_pct(h1[best_half])} "
        f"(H1 {best_half})"
    ]
    for year, group in promises[promises["deadline_year"] > released.year].groupby("deadline_year"):
        steps = [
            f"{_target_text(p.comparator, p.target, '%')} ({_month(pd.Timestamp(p.announced))})"
            for p in group.itertuples(index=False)
        ]
        actual = group["actual"].dropna()
        if len(steps) == 1:
            text = f"the first promise for {year} is {steps[0]}"
        else:
            text = f"the margin promised for {year} went from " + ", to ".join(steps)
        text += f", and {year} came in at {_pct(actual.iloc[0])}" if len(actual) else ", pending"
        parts.append(text)
    return "; ".join(parts) + "."


@cached
def nissan_then_and_now(years: Iterable[int] = (2020, 2024, 2025)) -> Chart:
    """Net income (group share) in the loss year of the crisis and in the years of the epilogue,
    split into Nissan and the rest of the group.

    2020 comes from :func:`casestudy.analysis.nissan_split` (Renault's share of Nissan's
    result); later years from :func:`casestudy.analysis.nissan_effects` (everything Renault
    reported as Nissan's effect, incl. the 2025 change of accounting, hatched). What counts as
    "Nissan" therefore differs by year: the note under the bars says how.
    """
    import numpy as np
    from matplotlib.patches import Patch

    from ..analysis import nissan_effects, nissan_split

    years = list(years)
    effects = nissan_effects(halves=False)
    effects = effects[effects["period"] == "FY"].set_index("year")
    rows, source_ids = [], []
    for year in years:
        if year in effects.index:
            r = effects.loc[year]
            change = (
                0.0 if np.isnan(r["nissan_accounting_change"]) else r["nissan_accounting_change"]
            )
            rows.append((year, r["net_income_group_share"], r["nissan_total"] - change, change))
        else:
            split = nissan_split("net_income_group_share", year, year)
            full = split[split["period"] == "FY"]
            if full.empty:
                raise ValueError(f"no net income split for {year}")
            r = full.iloc[0]
            rows.append((year, r["net_income_group_share"], r["nissan_contribution"], 0.0))
            source_ids += split.attrs["source_ids"]
    for year in years:
        source_ids += effects.attrs["row_sources"].get(f"FY {year}", [])
    fig = _new_figure((10, 5.6))
    ax = fig.add_subplot()
    x = np.arange(len(rows))
    colours = {"nissan": OKABE_ITO["vermillion"], "rest": OKABE_ITO["blue"]}
    for xi, (_year, total, nissan, change) in zip(x, rows, strict=True):
        rest = total - nissan - change
        up = down = 0.0
        for value, colour, hatch in (
            (rest, colours["rest"], ""),
            (nissan, colours["nissan"], ""),
            (change, colours["nissan"], "//"),
        ):
            if value == 0:
                continue
            bottom = up if value > 0 else down
            ax.bar(
                xi,
                value / 1000,
                bottom=bottom / 1000,
                width=0.55,
                color=colour,
                hatch=hatch,
                edgecolor="white",
                linewidth=0.8,
            )
            ax.text(
                xi + 0.3,
                (bottom + value / 2) / 1000,
                _minus(f"{value / 1000:+.1f}"),
                ha="left",
                va="center",
                fontsize=8.5,
                color=colour,
                fontweight="bold",
            )
            if value > 0:
                up += value
            else:
                down += value
        ax.scatter([xi], [total / 1000], marker="D", s=46, color=OKABE_ITO["black"], zorder=4)
        ax.annotate(
            _minus(f"{total / 1000:.1f}"),
            (xi, (up if total >= 0 else down) / 1000),
            xytext=(0, 8 if total >= 0 else -8),
            textcoords="offset points",
            ha="center",
            va="bottom" if total >= 0 else "top",
            fontsize=10,
            fontweight="bold",
        )
    ax.axhline(0, color="#555555", linewidth=0.9)
    ax.set_xticks(x, [f"FY {year}" for year, *_ in rows])
    ax.set_xlim(-0.6, len(rows) - 0.2)
    low, high = ax.get_ylim()
    ax.set_ylim(low - 0.1 * (high - low), high + 0.08 * (high - low))
    ax.set_xlabel("Financial year")
    ax.set_ylabel("Net income, group share (EUR billion)")
    _style_axes(ax)
    handles = [
        Patch(color=colours["rest"], label="Rest of the group"),
        Patch(color=colours["nissan"], label="Nissan (share of results, other impacts)"),
        Patch(
            facecolor=colours["nissan"],
            edgecolor="white",
            hatch="//",
            label="Nissan: change of accounting method, non-cash (2025)",
        ),
        ax.scatter([], [], marker="D", color=OKABE_ITO["black"], label="Net income, group share"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.text(
        0.99,
        0.98,
        "What 'Nissan' covers: 2020, Renault's share of Nissan's result;\n"
        "2024, all Nissan impacts (incl. a loss on selling Nissan shares);\n"
        "2025, the switch to fair value plus Nissan's losses before it.",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=7.5,
        color="#444444",
    )
    ids = _finish(
        fig, "Two big losses, one partner: Nissan in 2020 and after the credits", source_ids
    )
    parts = []
    for year, total, nissan, change in rows:
        rest = total - nissan - change
        text = f"{_fmt_bn(total)} in {year} (Nissan {_fmt_bn(nissan + change)}"
        if change:
            text += f", of which {_fmt_bn(change)} from the change of accounting method"
        parts.append(text + f"; rest of the group {_fmt_bn(rest)})")
    summary = "Net income, group share: " + "; ".join(parts) + "."
    return Chart(fig, summary, ids)


@cached
def epilogue_timeline(
    start: str = "2024-12-01",
    end: str = "2026-04-01",
    themes: Iterable[str] = EPILOGUE_THEMES,
    lang: str = "en",
) -> Chart:
    """After the credits: every event from the series' release on, one labelled row each.

    The layout of :func:`crisis_timeline` (one row per event, on a true time axis, French titles
    with ``lang="fr"``), with its own title.
    """
    return _row_timeline(
        start, end, themes, lang, f"After the credits, {_period_text(start, end)}: events by theme"
    )
