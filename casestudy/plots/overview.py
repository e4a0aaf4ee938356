"""Charts of the whole case: the timeline of events and revenue against margin."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import data
from ..analysis import financial_series
from .cache import cached
from .style import (
    OKABE_ITO,
    THEME_COLOURS,
    THEME_MARKERS,
    Chart,
    _events_between,
    _finish,
    _fmt_bn,
    _new_figure,
    _style_axes,
    _year_x,
)


@cached
def timeline(
    start: str = "2018-11-01",
    end: str = "2026-03-01",
    themes: Iterable[str] | None = None,
    highlight: Mapping[str, str] | None = None,
) -> Chart:
    """The case's events on one time axis, one lane per theme.

    ``highlight`` maps event ids to short labels written on the chart.
    """
    import pandas as pd

    first, last = pd.Timestamp(start).year, (pd.Timestamp(end) - pd.Timedelta(days=1)).year
    span = f"{first}–{last}" if first != last else f"{first}"
    return _lane_timeline(
        start, end, themes, highlight, f"Renault {span}: the case's events by theme"
    )


def _lane_timeline(start, end, themes, highlight, title: str) -> Chart:
    import matplotlib.dates as mdates

    lanes = [t for t in THEME_COLOURS if themes is None or t in set(themes)]
    events = _events_between(start, end, lanes)
    if events.empty:
        raise ValueError(f"no events between {start} and {end} for themes {lanes}")
    fig = _new_figure((11, 5.2))
    ax = fig.add_subplot()
    lane_y = {theme: i for i, theme in enumerate(reversed(lanes))}
    for theme in lanes:
        sub = events[events["theme"] == theme]
        ax.scatter(
            sub["date"],
            [lane_y[theme]] * len(sub),
            s=46,
            color=THEME_COLOURS[theme],
            marker=THEME_MARKERS[theme],
            edgecolor="white",
            linewidth=0.6,
            label=f"{theme} ({len(sub)})",
            zorder=3,
        )
    for i, (event_id, label) in enumerate((highlight or {}).items()):
        row = events[events["id"] == event_id]
        if row.empty:
            raise ValueError(f"highlight: no event '{event_id}' in the chart's period and themes")
        x, y = row["date"].iloc[0], lane_y[str(row["theme"].iloc[0])]
        ax.annotate(
            label,
            (x, y),
            xytext=(0, 14 if i % 2 == 0 else -18),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": "#666666", "linewidth": 0.6},
        )
    ax.set_yticks(list(lane_y.values()), [t.capitalize() for t in lane_y])
    ax.set_ylim(-0.8, len(lanes) - 0.2)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Date (year)")
    ax.set_ylabel("Theme")
    _style_axes(ax)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ids = _finish(fig, title, events["source_id"])
    counts = events["theme"].astype(str).value_counts()
    by_theme = ", ".join(f"{theme} {n}" for theme, n in counts.items())
    first, last = events["date"].min(), events["date"].max()
    summary = (
        f"{len(events)} events from {first:%d %b %Y} to {last:%d %b %Y}; by theme: {by_theme}."
    )
    return Chart(fig, summary, ids)


@cached
def revenue_and_margin(
    first_year: int = 2018,
    last_year: int = 2025,
    mark_events: Mapping[str, str] | None = None,
) -> Chart:
    """Revenue (bars, EUR bn) and operating margin (line, % of revenue), as published.

    ``mark_events`` maps event ids to short labels drawn as dotted lines at their dates.
    """
    import pandas as pd

    revenue = financial_series("revenue")
    margin = financial_series("operating_margin_pct")
    years = [y for y in range(first_year, last_year + 1) if y in revenue.index]
    if not years:
        raise ValueError(f"no revenue figures between {first_year} and {last_year}")
    revenue, margin = revenue[years], margin.reindex(years)
    fig = _new_figure()
    ax = fig.add_subplot()
    ax.bar(years, revenue.values / 1000, color=OKABE_ITO["sky_blue"], width=0.6, label="Revenue")
    for y, v in revenue.items():
        ax.text(y, 1.5, f"{v / 1000:.1f}", ha="center", fontsize=8, color="#000000")
    ax.set_ylabel("Revenue (EUR billion)")
    ax.set_xlabel("Financial year (as published)")
    ax.set_ylim(0, revenue.max() / 1000 * 1.25)
    ax.set_xticks(years)
    _style_axes(ax)
    ax2 = ax.twinx()
    ax2.plot(
        margin.index,
        margin.values,
        color=OKABE_ITO["vermillion"],
        marker="o",
        linewidth=2,
        label="Operating margin",
    )
    for y, v in margin.dropna().items():
        ax2.annotate(
            f"{v:.1f} %",
            (y, v),
            xytext=(0, 8 if v >= 0 else -14),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            fontweight="bold",
            color=OKABE_ITO["vermillion"],
        )
    ax2.axhline(0, color="#888888", linewidth=0.8, linestyle="--")
    low, high = min(margin.min(), 0), margin.max()
    ax2.set_ylim(low - 3, high + 3)
    ax2.set_ylabel("Operating margin (% of revenue)", color=OKABE_ITO["vermillion"])
    ax2.spines[["top"]].set_visible(False)
    # a sliced Series keeps the attrs of every year: cite only the years drawn
    source_ids = [
        sid
        for series in (revenue, margin)
        for year, sid in series.attrs["source_ids"].items()
        if year in years
    ]
    if mark_events:
        events = data.load("events").set_index("id")
        for i, (event_id, label) in enumerate(mark_events.items()):
            if event_id not in events.index:
                raise ValueError(f"mark_events: no event '{event_id}' in events.csv")
            when = pd.Timestamp(events.loc[event_id, "date"])
            x = _year_x(when)  # bars are centred on the year
            ax.axvline(x, color="#555555", linestyle=":", linewidth=1)
            ax.text(
                x,
                revenue.max() / 1000 * (1.21 - 0.06 * (i % 2)),
                " " + label,
                fontsize=8,
                color="#333333",
                ha="left",
            )
            source_ids.append(str(events.loc[event_id, "source_id"]))
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    fig.legend(
        handles,
        ["Revenue (EUR bn)", "Operating margin (%)"],
        loc="outside upper right",
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    ids = _finish(fig, "Revenue and operating margin, Renault Group", source_ids)
    worst = margin.idxmin()
    best = margin.idxmax()
    summary = (
        f"Revenue went from {_fmt_bn(revenue[years[0]])} in {years[0]} to "
        f"{_fmt_bn(revenue[years[-1]])} in {years[-1]}, with a low of "
        f"{_fmt_bn(revenue.min())} in {int(revenue.idxmin())}; the operating margin fell to "
        f"{margin[worst]:.1f} % in {int(worst)} and peaked at {margin[best]:.1f} % in "
        f"{int(best)}, ending at {margin[years[-1]]:.1f} % in {years[-1]}."
    )
    return Chart(fig, summary, ids)
