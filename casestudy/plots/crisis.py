"""01-crisis charts: from arrest to record loss, and Nissan's share of the result."""

from __future__ import annotations

from collections.abc import Iterable

from .cache import cached
from .style import (
    OKABE_ITO,
    THEME_COLOURS,
    THEME_MARKERS,
    Chart,
    _events_between,
    _finish,
    _fmt_bn,
    _minus,
    _new_figure,
    _period_text,
    _style_axes,
)

CRISIS_THEMES = ("crisis", "governance", "strategy")
_MONTHS_FR = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


@cached
def crisis_timeline(
    start: str = "2018-11-01",
    end: str = "2020-08-01",
    themes: Iterable[str] = CRISIS_THEMES,
    lang: str = "en",
) -> Chart:
    """Every event of a period, one labelled row each, on a true time axis.

    Built for the crisis years, where events crowd together: each event gets its own row (top =
    first), its marker sits at its date and its title is written beside it. ``lang="fr"``
    writes the French titles. Month-precision dates are shown as a month.
    """
    return _row_timeline(
        start, end, themes, lang, f"From arrest to record loss: {_period_text(start, end)}"
    )


def _row_timeline(start, end, themes, lang: str, title: str) -> Chart:
    import matplotlib.dates as mdates
    import pandas as pd

    if lang not in ("en", "fr"):
        raise ValueError("lang must be 'en' or 'fr'")
    themes = [t for t in themes]
    unknown = set(themes) - set(THEME_COLOURS)
    if unknown:
        raise ValueError(f"unknown theme(s) {sorted(unknown)}; themes: {', '.join(THEME_COLOURS)}")
    events = _events_between(start, end, themes).sort_values(["date", "id"])
    if events.empty:
        raise ValueError(f"no events between {start} and {end} for themes {themes}")
    n = len(events)
    fig = _new_figure((11, 1.6 + 0.3 * n))
    ax = fig.add_subplot()
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    middle = lo + (hi - lo) / 2
    title_col = f"title_{lang}"
    for row, event in enumerate(events.itertuples(index=False)):
        theme = str(event.theme)
        ax.scatter(
            event.date,
            row,
            s=44,
            color=THEME_COLOURS[theme],
            marker=THEME_MARKERS[theme],
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
        )
        month = _MONTHS_FR[event.date.month - 1] if lang == "fr" else f"{event.date:%b}"
        when = f"{month} {event.date.year}"
        if event.date_precision == "day":
            when = f"{event.date.day} {when}"
        right = event.date < middle
        ax.annotate(
            f"{when} — {getattr(event, title_col)}",
            (event.date, row),
            xytext=(7 if right else -7, 0),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center",
            fontsize=8.5,
        )
    for theme in themes:
        count = int((events["theme"] == theme).sum())
        if count:
            ax.scatter(
                [],
                [],
                s=44,
                color=THEME_COLOURS[theme],
                marker=THEME_MARKERS[theme],
                label=f"{theme} ({count})",
            )
    ax.legend(loc="lower left", fontsize=8, frameon=False, title="Theme (events)", title_fontsize=8)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_yticks([])
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.set_xlabel("Date (quarters)")
    ax.set_ylabel("Events, first at the top")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    ids = _finish(fig, title, events["source_id"])
    by_theme = ", ".join(
        f"{t} {int((events['theme'] == t).sum())}" for t in themes if (events["theme"] == t).any()
    )
    quarters = events["date"].dt.to_period("Q").value_counts()
    busiest = quarters.sort_index().idxmax()
    summary = (
        f"{n} events from {events['date'].min():%d %b %Y} to {events['date'].max():%d %b %Y} "
        f"({by_theme}); the busiest quarter was {busiest.year} Q{busiest.quarter} with "
        f"{int(quarters[busiest])} events."
    )
    return Chart(fig, summary, ids)


@cached
def net_income_nissan(
    metric: str = "net_income_group_share", first_year: int = 2018, last_year: int = 2020
) -> Chart:
    """Net income by full year and by half-year, with Nissan's contribution stacked apart.

    Each bar is split into Nissan's equity-accounted contribution and the rest of the group
    (profits stack up from zero, losses down); a black diamond marks the net income itself.
    Hatched bars are second halves derived as full year minus first half. Data:
    :func:`casestudy.analysis.nissan_split`.
    """
    import numpy as np
    from matplotlib.patches import Patch

    from ..analysis import nissan_split

    split = nissan_split(metric, first_year, last_year)
    if split.empty:
        raise ValueError(f"no {metric} figures between {first_year} and {last_year}")
    full = split[split["period"] == "FY"]
    halves = split[split["period"] != "FY"]
    panels = [(full, "Full years")]
    if not halves.empty:
        panels.append(
            (halves, f"{', '.join(sorted(set(halves['year'].astype(str))))} by half-year")
        )
    fig = _new_figure((10, 5.2))
    grid = fig.add_gridspec(1, len(panels), width_ratios=[max(len(p), 1) for p, _ in panels])
    axes = []
    colours = {
        "nissan_contribution": OKABE_ITO["vermillion"],
        "excluding_nissan": OKABE_ITO["blue"],
    }
    for i, (frame, heading) in enumerate(panels):
        ax = fig.add_subplot(grid[0, i], sharey=axes[0] if axes else None)
        axes.append(ax)
        x = np.arange(len(frame))
        up = np.zeros(len(frame))
        down = np.zeros(len(frame))
        for part in ("nissan_contribution", "excluding_nissan"):
            values = frame[part].to_numpy() / 1000
            bottoms = np.where(values >= 0, up, down)
            ax.bar(
                x,
                values,
                bottom=bottoms,
                width=0.6,
                color=colours[part],
                hatch=["//" if d else "" for d in frame["derived"]],
                edgecolor="white",
                linewidth=0.8,
            )
            up += np.clip(values, 0, None)
            down += np.clip(values, None, 0)
        totals = frame[metric].to_numpy() / 1000
        ax.scatter(x, totals, marker="D", s=42, color=OKABE_ITO["black"], zorder=4)
        for xi, total, low, high in zip(x, totals, down, up, strict=True):
            y, va = (high, "bottom") if total >= 0 else (low, "top")
            ax.annotate(
                _minus(f"{total:.1f}"),
                (xi, y),
                xytext=(0, 8 if total >= 0 else -8),
                textcoords="offset points",
                ha="center",
                va=va,
                fontsize=9,
                fontweight="bold",
            )
        ax.axhline(0, color="#555555", linewidth=0.9)
        ax.set_xticks(x, frame["label"].tolist())
        ax.set_title(heading, fontsize=10, loc="left")
        ax.set_xlim(-0.6, len(frame) - 0.4)
        _style_axes(ax)
        if i == 0:
            ax.set_ylabel(f"{metric.replace('_', ' ').capitalize()} (EUR billion)")
        else:
            ax.tick_params(labelleft=False)
            ax.set_ylabel("Same scale (EUR billion)")
        ax.set_xlabel("Period (FY = full year, H1/H2 = half-year)" if i == 0 else "Half-year")
    low, high = min(axes[0].get_ylim()[0], 0), max(axes[0].get_ylim()[1], 0)
    axes[0].set_ylim(low - 0.08 * (high - low), high + 0.08 * (high - low))
    handles = [
        Patch(color=colours["nissan_contribution"], label="Nissan's contribution"),
        Patch(color=colours["excluding_nissan"], label="Rest of the group"),
        axes[0].scatter([], [], marker="D", color=OKABE_ITO["black"], label="Net income"),
    ]
    if split["derived"].any():
        handles.append(
            Patch(
                facecolor="white", edgecolor="#555555", hatch="//", label="H2 = FY − H1 (derived)"
            )
        )
    axes[0].legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    name = "Net income, group share" if metric == "net_income_group_share" else "Net income"
    ids = _finish(fig, f"{name}: how much came from Nissan?", split.attrs["source_ids"])
    summary = _nissan_summary(split, metric, name)
    return Chart(fig, summary, ids)


def _nissan_summary(split, metric: str, name: str) -> str:
    last = split[split["period"] == "FY"].iloc[-1]
    sentence = f"{name} was {_fmt_bn(last[metric])} in {int(last['year'])}"
    if last["nissan_share_pct"] == last["nissan_share_pct"]:  # not NaN
        sentence += (
            f", of which Nissan's contribution was {_fmt_bn(last['nissan_contribution'])} "
            f"({last['nissan_share_pct']:.0f} %)"
        )
    halves = split[(split["year"] == last["year"]) & (split["period"] != "FY")]
    if len(halves) == 2:
        h1, h2 = halves.iloc[0], halves.iloc[1]
        sentence += (
            f"; the first half alone accounted for {_fmt_bn(h1[metric])} and the second half "
            f"for {_fmt_bn(h2[metric])}"
        )
    return sentence + "."
