"""Every chart of the course, in one style, each with a one-sentence text summary.

A chart function returns a :class:`Chart`: the matplotlib ``figure``, a ``summary`` sentence
for screen readers (built from the same numbers the chart shows) and the ``source_ids`` behind
it. Shown in a notebook, a Chart displays the picture, then prints the summary and the sources,
so a student who cannot see the chart reads the same finding.

Style: the Okabe-Ito palette (safe for the common colour-vision deficiencies), a title, axes
with units, and a source line under every chart. Figures are built without pyplot, so the
notebook shows each chart exactly once whatever the matplotlib backend.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import data
from .analysis import financial_series

# Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
THEME_COLOURS = {
    "crisis": OKABE_ITO["vermillion"],
    "governance": OKABE_ITO["reddish_purple"],
    "strategy": OKABE_ITO["blue"],
    "product": OKABE_ITO["bluish_green"],
    "storytelling": OKABE_ITO["orange"],
    "epilogue": OKABE_ITO["black"],
}
THEME_MARKERS = {
    "crisis": "o",
    "governance": "D",
    "strategy": "s",
    "product": "^",
    "storytelling": "P",
    "epilogue": "X",
}
FIGSIZE = (10, 4.8)
MAX_SOURCES_IN_LINE = 6
DPI = 100


@dataclass
class Chart:
    """A finished chart: the figure, a text summary and the sources it draws on."""

    figure: Any
    summary: str
    source_ids: list[str] = field(default_factory=list)

    @property
    def axes(self):
        return self.figure.axes

    def to_png(self) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=DPI)
        return buf.getvalue()

    def save(self, path) -> None:
        """Write the chart to a PNG (or any format matplotlib knows by the file's suffix)."""
        self.figure.savefig(path, dpi=DPI)

    def text(self) -> str:
        sources = ", ".join(self.source_ids)
        return f"Summary: {self.summary}\nSources: {sources}"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        png = base64.b64encode(self.to_png()).decode("ascii")
        # The HTML form carries the summary as alt text for screen readers; front ends that
        # cannot show HTML fall back to the PNG. The summary is also printed under the chart.
        alt = html.escape(self.summary, quote=True)
        bundle = {
            "text/html": f'<img src="data:image/png;base64,{png}" alt="{alt}"/>',
            "image/png": png,
            "text/plain": f"<Chart: {self.figure.get_suptitle()}>",
        }
        display(bundle, raw=True)
        print(self.text())

    def __repr__(self) -> str:
        return f"<Chart: {self.summary}>"


def _new_figure(figsize=FIGSIZE):
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    return fig


def _style_axes(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)


def _finish(fig, title: str, source_ids: Iterable[str]) -> list[str]:
    """Title, source line and room for it; returns the sorted source ids."""
    ids = sorted(set(source_ids))
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
    if len(ids) <= MAX_SOURCES_IN_LINE:
        line = "Source: " + ", ".join(ids) + " — casestudy.cite(id) gives the full reference"
    else:
        line = f"Sources: {len(ids)} references, listed under the chart (casestudy.cite(id))"
    fig.text(0.01, 0.01, line, fontsize=8, color="#444444", ha="left", va="bottom")
    fig.get_layout_engine().set(rect=(0, 0.045, 1, 0.955))
    return ids


def _marker_handles(ax, styles, used, size: int) -> list:
    """Legend entries for the marker styles in use: ``styles`` maps a key to
    (label, marker, colour, filled); hollow markers stand for internal or planned steps."""
    return [
        ax.scatter(
            [],
            [],
            marker=marker,
            s=size,
            facecolor=colour if filled else "white",
            edgecolor=colour,
            label=name,
        )
        for key, (name, marker, colour, filled) in styles.items()
        if key in used
    ]


def _fmt_bn(value_million: float) -> str:
    return f"EUR {value_million / 1000:.1f} bn"


def _minus(text: str) -> str:
    """A typographic minus sign for a label (a hyphen reads as a dash)."""
    return text.replace("-", "\N{MINUS SIGN}")


def _pct(value: float) -> str:
    return _minus(f"{value:.1f} %")


def _year_x(when) -> float:
    """A date on an axis of financial years drawn as bars centred on each year."""
    return when.year - 0.5 + (when.day_of_year - 1) / 366


def _period_text(start, end) -> str:
    """'May 2020 – Jul 2025': the months of the period from ``start`` up to ``end`` (excluded)."""
    import pandas as pd

    last = pd.Timestamp(end) - pd.Timedelta(days=1)
    return f"{pd.Timestamp(start):%b %Y} – {last:%b %Y}"


def _events_between(start, end, themes):
    """The events dated from ``start`` up to ``end`` (excluded) in the given themes."""
    import pandas as pd

    events = data.load("events")
    return events[
        (events["date"] >= pd.Timestamp(start))
        & (events["date"] < pd.Timestamp(end))
        & events["theme"].astype(str).isin(list(themes))
    ]


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


# ---------------------------------------------------------------------------------------------
# 01-crisis charts

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

    from .analysis import nissan_split

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


# --- 02-strategy ---
# Promise vs delivery: Renault's targets, restatements, and other turnarounds side by side.

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


def margin_vs_targets(first_year: int = 2019, last_year: int = 2025) -> Chart:
    """Renault's operating margin (as published) against the margin targets of Renaulution
    (January 2021) and the Capital Markets Day (November 2022).

    Each target is a dashed line from the year it was announced to its deadline, coloured by
    its status in :func:`casestudy.analysis.promise_vs_delivery`; a ring marks the first year
    that met it. Targets due after ``last_year`` are listed in a note, not drawn.
    """
    from .analysis import RENAULT_PLANS, promise_vs_delivery

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


def target_scorecard(plans: Iterable[str] = ("renaulution", "cmd_2022")) -> Chart:
    """Every target of the chosen plans, one row each: its deadline, the first year that met
    it and its status. Targets without a published outcome in the case data are drawn in grey
    as 'not measurable' — shown, never guessed.
    Data: :func:`casestudy.analysis.promise_vs_delivery`.
    """
    from .analysis import STATUSES, promise_vs_delivery

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
            note = f"missed: {_value_text(t.actual, t.unit)} in {t.deadline_year}"
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
    ids = _finish(fig, f"Every target of {title}: what became of it?", rows["source_id"])
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


def restatement_chart(first_year: int = 2019, last_year: int = 2025) -> Chart:
    """Revenue and operating margin as first published and on the latest (restated) basis.

    The two lines part only where the company restated a year (2021 without Russia, 2022 under
    IFRS 17); each gap is labelled with the reason from the restated row. The margin panel
    also shows Renaulution's first margin target, to see what a restatement does to "met".
    """
    from .analysis import restatements

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


def plans_compared() -> Chart:
    """Small multiples: four turnaround plans, each judged on its first headline measure, on
    one clock (years after the plan's start), with the plan's targets for that measure.

    Each panel keeps its own unit and fiscal year; nothing is converted. A dashed line runs from
    the plan's start (or the target's window) to its deadline, coloured by status and listed in
    the panel's legend; a ring marks the first year that met it. Data:
    :func:`casestudy.analysis.plan_comparison` and :func:`casestudy.analysis.headline_series`.
    """
    from matplotlib.lines import Line2D

    from .analysis import CASE_LABELS, HEADLINE_METRICS, headline_series, plan_comparison

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


# --- 05-epilogue ---
# After the credits: what was promised and delivered around the series, and Nissan's weight.

EPILOGUE_THEMES = ("product", "storytelling", "governance", "epilogue")
EPILOGUE_MARKS = {"ev-068": "Docuseries released", "ev-081": "De Meo leaves; profit warning"}
_REVISION_TEXT = {"first": "", "raised": "raised", "cut": "cut", "kept": "kept"}


def _month(ts) -> str:
    return f"{ts:%b %Y}"


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

    from .analysis import SERIES_RELEASE_EVENT, STATUSES, margin_promises

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
        ax.annotate(
            _pct(v),
            (x, v),
            xytext=(0, 9 if v >= 0 else -15),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
            fontweight="bold",
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

    from .analysis import nissan_effects, nissan_split

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


# --- 03-product ---
# From concept to market, the price promise, and retro revivals on one clock.

# kind -> (short label, marker, colour, filled); colour and shape together, so a kind reads
# without colour too
_MILESTONE_STYLE = {
    "design": ("mock-up", "o", "#8C8C8C", False),
    "concept": ("concept", "*", OKABE_ITO["orange"], True),
    "reveal": ("reveal", "D", OKABE_ITO["blue"], True),
    "announcement": ("announced", "P", OKABE_ITO["reddish_purple"], True),
    "orders": ("orders open", "s", OKABE_ITO["bluish_green"], True),
    "launch": ("on sale", "^", OKABE_ITO["vermillion"], True),
    "delivery": ("deliveries", "^", OKABE_ITO["vermillion"], False),
    "production": ("built", "h", OKABE_ITO["black"], True),
    "award": ("award", "v", OKABE_ITO["sky_blue"], True),
}
# label offsets (points) tried in turn when a label would sit too close to its neighbour
_LABEL_LEVELS = (12, -24, 34, -46)


def _stagger(xs, min_gap: float) -> list[int]:
    """A label level for each x (sorted), moving to the next level when the previous label at
    the same level is closer than ``min_gap``."""
    last: dict[int, float] = {}
    levels = []
    for x in xs:
        level = 0
        while level < len(_LABEL_LEVELS) - 1 and x - last.get(level, -1e9) < min_gap:
            level += 1
        last[level] = x
        levels.append(level)
    return levels


def _milestone_label(kind: str, value: float) -> str:
    """'reveal', 'orders open', '100,000 built': a milestone in two words."""
    if kind == "production":
        return "first built" if value != value else f"{value:,.0f} built"  # NaN: no count
    return _MILESTONE_STYLE[kind][0]


def concept_to_market_chart(model_ids=None) -> Chart:
    """Every milestone of each model on one clock: months after its first concept was shown.

    One lane per model, a marker per milestone (shape and colour by kind), each labelled with
    its date no more precisely than its source. A planned date known only to the year is drawn
    hollow at the start of that year, with an arrow: it may come later. Where sources disagree
    (the Renault 5's launch month) both rows are drawn. Data:
    :func:`casestudy.analysis.product_milestones` and :func:`concept_to_market`.
    """
    import pandas as pd

    from .analysis import CONCEPT_MODELS, concept_to_market, product_milestones

    model_ids = list(CONCEPT_MODELS if model_ids is None else model_ids)
    steps = product_milestones(model_ids)
    summary_table = concept_to_market(model_ids).set_index("model_id")
    lanes = [m for m in model_ids if m in set(summary_table.index)]
    if not lanes:
        raise ValueError(f"no model with a concept among {model_ids}")
    products = data.load("products").set_index("id")
    fig = _new_figure((11, 1.55 + 1.35 * len(lanes)))
    ax = fig.add_subplot()
    source_ids: list[str] = []
    lane_labels = []
    right_edge = 0
    for lane, model_id in enumerate(lanes):
        y = len(lanes) - 1 - lane
        mine = steps[steps["model_id"] == model_id].copy()
        concept_date = mine.loc[mine["kind"] == "concept", "date"].min()
        xs = []
        for r in mine.itertuples(index=False):
            if pd.isna(r.months_after_concept):
                xs.append(float((r.date.year - concept_date.year) * 12 - (concept_date.month - 1)))
            else:
                xs.append(float(r.months_after_concept))
        mine["x"] = xs
        mine = mine.sort_values(["x", "id"], kind="stable")
        ax.hlines(y, mine["x"].min(), mine["x"].max(), color="#CCCCCC", linewidth=1.2, zorder=1)
        levels = _stagger(mine["x"].tolist(), min_gap=5.5)
        for r, level in zip(mine.itertuples(index=False), levels, strict=True):
            _, marker, colour, filled = _MILESTONE_STYLE[str(r.kind)]
            hollow = not filled or bool(r.planned)
            ax.scatter(
                [r.x],
                [y],
                marker=marker,
                s=130 if marker == "*" else 60,
                facecolor="white" if hollow else colour,
                edgecolor=colour,
                linewidth=1.4,
                zorder=3,
            )
            value = products.loc[r.id, "value"]
            text = _milestone_label(str(r.kind), float(value))
            when = str(r.when).replace(" (planned)", "")
            label = f"{text}\n{when}" + (" →\n(planned)" if bool(r.planned) else "")
            offset = _LABEL_LEVELS[level]
            ax.annotate(
                label,
                (r.x, y),
                xytext=(0, offset),
                textcoords="offset points",
                ha="center",
                va="bottom" if offset > 0 else "top",
                fontsize=7.5,
                color="#222222",
                linespacing=1.0,
                arrowprops=None
                if abs(offset) < 20
                else {"arrowstyle": "-", "color": "#AAAAAA", "linewidth": 0.6},
            )
            if bool(r.planned):
                ax.annotate(
                    "",
                    (r.x + 7, y),
                    xytext=(r.x + 1.2, y),
                    arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2},
                )
            source_ids.append(str(r.source_id))
            right_edge = max(right_edge, r.x + (8 if bool(r.planned) else 0))
        concept_when = summary_table.loc[model_id, "concept"]
        lane_labels.append(f"{summary_table.loc[model_id, 'model']}\nconcept {concept_when}")
    ax.set_yticks(range(len(lanes)), list(reversed(lane_labels)), fontsize=9)
    ax.set_ylim(-1.0, len(lanes) - 0.35)  # room for the legend under the last lane
    low = min(steps.loc[steps["model_id"].isin(lanes), "months_after_concept"].dropna().min(), 0)
    ax.set_xlim(low - 3, right_edge + 3)
    ax.axvline(0, color="#888888", linestyle=":", linewidth=1, zorder=0)
    ax.set_xlabel("Months after the model's first concept was shown in public (0 = concept)")
    ax.set_ylabel("Model (first concept shown)")
    _style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.8)
    handles = _marker_handles(ax, _MILESTONE_STYLE, set(steps["kind"].astype(str)), size=60)
    ax.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        fontsize=8,
        frameon=False,
        handletextpad=0.2,
        columnspacing=1.0,
        title="Milestone (hollow: internal, or planned)",
        title_fontsize=8,
    )
    ids = _finish(fig, "From concept to market: months after the first concept", source_ids)
    parts = []
    for model_id in lanes:
        row = summary_table.loc[model_id]
        text = f"{row['model']}: reveal after {row['months_to_reveal']} months"
        if pd.notna(row["months_to_orders"]):
            text += f", orders after {row['months_to_orders']}"
        if pd.notna(row["months_to_launch"]):
            launch = str(row["months_to_launch"])
            if row["months_to_launch_latest"] != row["months_to_launch"]:
                launch += f" or {row['months_to_launch_latest']} (sources disagree)"
            text += f", on sale after {launch}"
        elif row["launch_note"]:
            text += f", {row['launch_note']}"
        parts.append(text)
    summary = "Months from the first concept shown: " + "; ".join(parts) + "."
    return Chart(fig, summary, ids)


def price_promise_chart(model_id: str = "renault_5_e_tech") -> Chart:
    """Each published price of a model against the price it was promised at.

    One column per version, in the order the versions appeared; list prices are filled dots,
    prices after public incentives hollow. The dashed line is the promise; the shaded band
    above it is what "around" allows (:data:`casestudy.analysis.ABOUT_TOLERANCE`). Two dots in
    one column are sources that disagree. Data: :func:`casestudy.analysis.price_vs_promise`.
    """
    from .analysis import ABOUT_TOLERANCE, price_vs_promise

    prices = price_vs_promise(model_id)
    promise = prices.attrs["promise"]
    target = promise["value"]
    versions = list(dict.fromkeys(prices["version"]))
    fig = _new_figure((10, 5.4))
    ax = fig.add_subplot()
    ax.axhspan(target, target * (1 + ABOUT_TOLERANCE), color=OKABE_ITO["sky_blue"], alpha=0.25)
    ax.axhline(target, color=OKABE_ITO["blue"], linestyle="--", linewidth=1.6)
    ax.text(
        -0.9,
        target,
        f" promise ({promise['when']}): around {target:,.0f} {promise['unit']}\n"
        f" shaded: up to {ABOUT_TOLERANCE:.0%} above it counts as 'around'",
        ha="left",
        va="top",
        fontsize=8,
        color=OKABE_ITO["blue"],
    )
    source_ids = [promise["source_id"]]
    ticks = []
    for i, version in enumerate(versions):
        mine = prices[prices["version"] == version].reset_index(drop=True)
        n = len(mine)
        for j, r in enumerate(mine.itertuples(index=False)):
            x = i + (j - (n - 1) / 2) * 0.3
            after_aid = r.measure == "price_after_aid"
            colour = OKABE_ITO["bluish_green"] if r.within_promise else OKABE_ITO["vermillion"]
            ax.scatter(
                [x],
                [r.price],
                s=70,
                facecolor="white" if after_aid else colour,
                edgecolor=colour,
                linewidth=1.6,
                zorder=3,
            )
            kind = "after incentives" if after_aid else "list price"
            gap = _minus(f"{r.gap_eur:+,.0f}")
            # one dot: label above; two or more: labels alternate left and right
            side = 0 if n == 1 else (-1 if j % 2 == 0 else 1)
            ax.annotate(
                f"{r.price:,.0f} {r.unit} ({gap} vs promise)\n{kind}, {r.when}\n[{r.source_id}]",
                (x, r.price),
                xytext=(9 * side, 10 if side == 0 else 0),
                textcoords="offset points",
                ha={0: "center", -1: "right", 1: "left"}[side],
                va="bottom" if side == 0 else "center",
                fontsize=7.5,
                color="#222222",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                zorder=4,
            )
            source_ids.append(str(r.source_id))
        ticks.append(version.replace(" (", "\n("))
    ax.set_xticks(range(len(versions)), ticks, fontsize=8.5)
    ax.set_xlim(-0.95, len(versions) - 0.15)  # room for labels beside the first and last dots
    high = prices["price"].max()
    low = min(prices["price"].min(), target)
    ax.set_ylim(low * 0.85, high * 1.12)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlabel("Version, in the order it went on sale")
    ax.set_ylabel(f"Price in France ({promise['unit']})")
    _style_axes(ax)
    handles = [
        ax.scatter([], [], s=60, color=OKABE_ITO["vermillion"], label="list price above 'around'"),
        ax.scatter([], [], s=60, color=OKABE_ITO["bluish_green"], label="within 'around'"),
        ax.scatter(
            [],
            [],
            s=60,
            facecolor="white",
            edgecolor=OKABE_ITO["bluish_green"],
            label="after incentives",
        ),
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=8, frameon=False)
    model = data.load("products").query("model_id == @model_id")["model"].iloc[0]
    ids = _finish(fig, f"The price promise: {model}", source_ids)
    parts = []
    for version in versions:
        mine = prices[(prices["version"] == version) & (prices["measure"] == "list_price")]
        if mine.empty:
            continue
        values = " or ".join(f"{v:,.0f}" for v in mine["price"])
        gaps = " or ".join(
            f"{e:+,.0f} {promise['unit']} ({p:+.1f} %)".replace("+0.0 %", "0.0 %")
            for e, p in zip(mine["gap_eur"], mine["gap_pct"], strict=True)
        )
        dated = mine[mine["months_after_promise"].notna()]
        when = f" ({dated['when'].iloc[0]})" if len(dated) else ""
        disagree = " (sources disagree)" if mine["disagreement"].notna().any() else ""
        parts.append(f"{version}{when}: {values} {promise['unit']}{disagree}, gap {gaps}")
    kept = prices[(prices["measure"] == "list_price") & prices["within_promise"]]
    ending = ""
    if len(kept):
        first = kept.iloc[0]
        ending = (
            f"; the promise was first kept {first['months_after_promise']} months after it was made"
        )
    summary = (
        f"Promised at around {target:,.0f} {promise['unit']} on {promise['when']}; list prices "
        "against the promise — " + "; ".join(parts) + ending + "."
    )
    return Chart(fig, summary, ids)


_RETRO_STYLE = {
    # measure or kind -> (legend text, marker, colour, filled)
    "concept": ("concept shown", "*", OKABE_ITO["orange"], True),
    "debut": ("production car unveiled or on sale", "^", OKABE_ITO["black"], True),
    "sales": ("sold (one year or one period)", "o", OKABE_ITO["blue"], True),
    "cumulative_sales": ("sold in all, to that date", "s", OKABE_ITO["blue"], True),
    "registrations": ("registered", "D", OKABE_ITO["bluish_green"], True),
    "units_built": ("built", "h", OKABE_ITO["reddish_purple"], True),
}
# products rows whose note ends a model's story on the chart (the figure itself is not in the
# sources: the note says what happened next)
_RETRO_EPILOGUE_ROWS = ("pr-062",)


def retro_revivals_chart(model_ids=None) -> Chart:
    """Retro revivals on one clock: every published milestone and volume figure of each
    revival, in years after the model's market debut.

    One lane per model. Volume figures are labelled with their measure and scope and are never
    put on a common scale: a month of French registrations and thirteen years of world sales
    are different things. A figure for a whole year sits mid-year. Data:
    :func:`casestudy.analysis.retro_revivals`.
    """
    import pandas as pd

    from .analysis import RETRO_MODELS, retro_revivals

    model_ids = list(RETRO_MODELS if model_ids is None else model_ids)
    rows = retro_revivals(model_ids)
    lanes = [m for m in model_ids if m in set(rows["model_id"])]
    if not lanes:
        raise ValueError(f"no retro revival among {model_ids}")
    products = data.load("products").set_index("id")
    fig = _new_figure((11, 1.6 + 1.3 * len(lanes)))
    ax = fig.add_subplot()
    source_ids: list[str] = []
    lane_labels = []
    used = set()
    last_x = 0.0
    for lane, model_id in enumerate(lanes):
        y = len(lanes) - 1 - lane
        mine = rows[rows["model_id"] == model_id].sort_values("years_after_debut", kind="stable")
        # one debut marker per model: the first reveal or launch
        debut_rows = mine[mine["kind"].isin(["reveal", "launch"]) & mine["measure"].isna()]
        shown = pd.concat([mine[mine["kind"] == "concept"], debut_rows.head(1)])
        shown = pd.concat([shown, mine[mine["measure"].notna()]])
        shown = shown.sort_values("years_after_debut", kind="stable")
        ax.hlines(
            y,
            shown["years_after_debut"].min(),
            shown["years_after_debut"].max(),
            color="#CCCCCC",
            linewidth=1.2,
            zorder=1,
        )
        labelled = shown[shown["measure"].notna()]
        levels = dict(
            zip(
                labelled["id"],
                _stagger(labelled["years_after_debut"].tolist(), min_gap=1.6),
                strict=True,
            )
        )
        for r in shown.itertuples(index=False):
            if pd.isna(r.measure):
                key = "concept" if r.kind == "concept" else "debut"
            else:
                key = str(r.measure)
            _, marker, colour, filled = _RETRO_STYLE[key]
            used.add(key)
            ax.scatter(
                [r.years_after_debut],
                [y],
                marker=marker,
                s=120 if marker == "*" else 55,
                facecolor=colour if filled else "white",
                edgecolor=colour,
                linewidth=1.4,
                zorder=4 if key == "debut" else 3,  # a debut stays visible under a same-year dot
            )
            if r.id in levels:
                offset = _LABEL_LEVELS[levels[r.id]]
                ax.annotate(
                    r.label,
                    (r.years_after_debut, y),
                    xytext=(0, offset),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if offset > 0 else "top",
                    fontsize=7.5,
                    arrowprops=None
                    if abs(offset) < 20
                    else {"arrowstyle": "-", "color": "#AAAAAA", "linewidth": 0.6},
                )
            source_ids.append(str(r.source_id))
            last_x = max(last_x, r.years_after_debut)
        for row_id in _RETRO_EPILOGUE_ROWS:
            if row_id in set(mine["id"]):
                x = float(mine.loc[mine["id"] == row_id, "years_after_debut"].iloc[0])
                note = str(products.loc[row_id, "note"]).split(" (")[0]
                ax.annotate(
                    f"{note}:\nno later figure in our sources",
                    (x, y),
                    xytext=(14, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    fontsize=7.5,
                    color=OKABE_ITO["vermillion"],
                    arrowprops={"arrowstyle": "<-", "color": OKABE_ITO["vermillion"]},
                )
                source_ids.append(str(products.loc[row_id, "source_id"]))
        debut_year = int(mine["debut_year"].iloc[0])
        lane_labels.append(f"{mine['model'].iloc[0]}\n(debut {debut_year})")
    ax.set_yticks(range(len(lanes)), list(reversed(lane_labels)), fontsize=9)
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    first_x = rows["years_after_debut"].min()
    ax.set_xlim(min(first_x, 0) - 0.8, last_x + 1.2)
    ax.axvline(0, color="#888888", linestyle=":", linewidth=1, zorder=0)
    ax.set_xlabel(
        "Years after the market debut (0 = the year the production car was unveiled or went "
        "on sale; yearly figures sit mid-year)"
    )
    ax.set_ylabel("Retro revival (debut year)")
    _style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.8)
    handles = _marker_handles(ax, _RETRO_STYLE, used, size=55)
    ax.legend(
        handles=handles,
        loc="center right",
        fontsize=8,
        frameon=False,
        title="Marker",
        title_fontsize=8,
    )
    ids = _finish(fig, "Retro revivals on one clock: what the sources report", source_ids)
    parts = []
    for model_id in lanes:
        mine = rows[(rows["model_id"] == model_id) & rows["measure"].notna()]
        if mine.empty:
            continue
        last = mine.sort_values("years_after_debut", kind="stable").iloc[-1]
        parts.append(
            f"{last['model']}: {len(mine)} figure{'s' if len(mine) != 1 else ''}, the last "
            f"{last['years_after_debut']:g} years after its {int(last['debut_year'])} debut, "
            f"{last['label']}"
        )
    summary = "Published volume figures per revival: " + "; ".join(parts) + "."
    return Chart(fig, summary, ids)


# --- 04-storytelling ---
# The story's arc against two measures, and the claims about the series by verdict.

CLAIMANT_COLOURS = {
    "press": OKABE_ITO["blue"],
    "company": OKABE_ITO["vermillion"],
    "producers": OKABE_ITO["orange"],
    "other": OKABE_ITO["reddish_purple"],
}
CLAIMANT_LABELS = {
    "press": "Press and listings",
    "company": "Renault and its executives",
    "producers": "The series' producers",
    "other": "Others (minister, former staff)",
}


def _published_by(year: int, when) -> bool:
    """Renault publishes a full year's accounts in the February after it (every full-year
    results event in the case data is dated in February): known from 1 March."""
    import pandas as pd

    return pd.Timestamp(year + 1, 3, 1) <= when


def story_arc(first_year: int = 2018, last_year: int = 2025) -> Chart:
    """Which curve tells a comeback? The operating margin (% of revenue) and the net income
    (group share, EUR bn) by financial year, as published, under Freytag's five parts placed on
    the calendar (:func:`casestudy.analysis.freytag_arc`, a teaching suggestion).

    A dotted line marks the series' release; years whose accounts came out after it are drawn
    hollow: the story could not show them.
    """
    from .analysis import SERIES_RELEASE_EVENT, freytag_arc

    margin = financial_series("operating_margin_pct")
    net = financial_series("net_income_group_share")
    years = [y for y in range(first_year, last_year + 1) if y in margin.index and y in net.index]
    if not years:
        raise ValueError(f"no margin and net income between {first_year} and {last_year}")
    margin, net = margin[years], net[years] / 1000
    events = data.load("events").set_index("id")
    release = events.loc[SERIES_RELEASE_EVENT, "date"]
    known = [y for y in years if _published_by(y, release)]
    later = [y for y in years if y not in known]
    arc = freytag_arc()
    fig = _new_figure((11, 7.6))
    grid = fig.add_gridspec(2, 1, height_ratios=[1, 1.15])
    top = fig.add_subplot(grid[0])
    bottom = fig.add_subplot(grid[1], sharex=top)
    spans = arc[arc["start"] < arc["end"]]
    shades = ("#F2F2F2", "#E2E2E2")
    for ax in (top, bottom):
        for i, part in enumerate(spans.itertuples(index=False)):
            ax.axvspan(_year_x(part.start), _year_x(part.end), color=shades[i % 2], zorder=0)
        ax.axvline(_year_x(release), color="#333333", linestyle=":", linewidth=1.4, zorder=1)
        ax.axhline(0, color="#888888", linewidth=0.8, zorder=1)
        _style_axes(ax)
    # the parts the series shows are named one by one; the two after it share one label
    inside, after = spans[spans["in_series"]], spans[~spans["in_series"]]
    labels = [
        ((_year_x(p.start) + _year_x(p.end)) / 2, p.part.capitalize(), "normal")
        for p in inside.itertuples(index=False)
    ]
    if len(after):
        labels.append(
            (
                (_year_x(after["start"].min()) + _year_x(after["end"].max())) / 2,
                "After the credits:\n" + " and ".join(after["part"]),
                "italic",
            )
        )
    for x, text, style in labels:
        top.text(
            x,
            1.02,
            text,
            transform=top.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=8,
            color="#333333",
            style=style,
        )
    climax = arc[arc["start"] == arc["end"]]
    for part in climax.itertuples(index=False):
        top.text(
            _year_x(part.start) - 0.04,
            0.97,
            "climax: the finale",
            transform=top.get_xaxis_transform(),
            ha="right",
            va="top",
            fontsize=8,
            color="#333333",
        )
    colour = OKABE_ITO["vermillion"]
    top.plot(years, margin.values, color=colour, linewidth=2, zorder=3)
    for y, v in margin.items():
        hollow = y in later
        top.scatter(
            [y],
            [v],
            s=50,
            zorder=4,
            color=colour,
            facecolor="white" if hollow else colour,
            linewidth=1.6,
        )
        top.annotate(
            _pct(v),
            (y, v),
            xytext=(0, 9 if v >= 0 else -15),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
            fontweight="bold",
            color=colour,
        )
    low, high = min(margin.min(), 0), margin.max()
    top.set_ylim(low - 2, high + 2.5)
    top.set_ylabel("Operating margin\n(% of revenue)")
    top.set_xlabel("")
    top.tick_params(labelbottom=False)
    blue = OKABE_ITO["blue"]
    for y, v in net.items():
        hollow = y in later
        bottom.bar(
            y,
            v,
            width=0.6,
            color="white" if hollow else blue,
            edgecolor=blue,
            hatch="//" if hollow else "",
            linewidth=1.2,
            zorder=3,
        )
        bottom.annotate(
            _minus(f"{v:.1f}"),
            (y, v),
            xytext=(0, 4 if v >= 0 else -4),
            textcoords="offset points",
            ha="center",
            va="bottom" if v >= 0 else "top",
            fontsize=8.5,
            fontweight="bold",
        )
    low, high = min(net.min(), 0), max(net.max(), 0)
    bottom.set_ylim(low - 0.14 * (high - low), high + 0.14 * (high - low))
    bottom.set_ylabel("Net income, group share\n(EUR billion)")
    bottom.set_xlabel(
        "Financial year, as published (shaded: Freytag's parts placed by the authors, "
        "a teaching suggestion)"
    )
    bottom.set_xticks(years)
    bottom.set_xlim(years[0] - 0.6, max(years[-1] + 0.6, _year_x(arc["end"].max()) + 0.15))
    bottom.text(
        _year_x(release),
        0.03,
        f" series released\n {release:%d %b %Y}",
        transform=bottom.get_xaxis_transform(),
        ha="right",
        va="bottom",
        fontsize=8,
        color="#333333",
    )
    handles = [
        bottom.scatter([], [], s=50, color=OKABE_ITO["black"], label="Published before the series"),
        bottom.scatter(
            [],
            [],
            s=50,
            facecolor="white",
            edgecolor=OKABE_ITO["black"],
            linewidth=1.4,
            label="Hollow or hatched: published after it, not in the story",
        ),
    ]
    bottom.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    source_ids = (
        list(margin.attrs["source_ids"].values())
        + list(financial_series("net_income_group_share").attrs["source_ids"][y] for y in years)
        + [str(events.loc[e, "source_id"]) for e in set(arc["start_event"]) | set(arc["end_event"])]
    )
    ids = _finish(fig, "Which curve tells a comeback? The story's arc and two measures", source_ids)
    last_known = max(known) if known else None
    margin_low = int(margin.idxmin())
    parts = []
    if last_known is not None:
        parts.append(
            f"When the series came out ({release:%d %b %Y}) the last published year was "
            f"{last_known}: operating margin {margin[last_known]:.1f} % (up from "
            f"{margin[margin_low]:.1f} % in {margin_low}), net income "
            f"{_fmt_bn(net[last_known] * 1000)} (against {_fmt_bn(net[years[0]] * 1000)} in "
            f"{years[0]})"
        )
    if later:
        parts.append(
            "published after it: "
            + ", ".join(
                f"{y} margin {margin[y]:.1f} % and net income {_fmt_bn(net[y] * 1000)}"
                for y in later
            )
        )
    return Chart(fig, "; ".join(parts) + ".", ids)


def claims_by_verdict() -> Chart:
    """The claims made in or about the series, counted by verdict and coloured by who made
    them; the claim ids are listed beside each bar (``*``: low confidence).
    Data: :func:`casestudy.analysis.check_claims`.
    """
    from .analysis import VERDICTS, check_claims

    claims = check_claims()
    types = [t for t in CLAIMANT_COLOURS if t in set(claims["claimant_type"])]
    fig = _new_figure((10.5, 4.6))
    ax = fig.add_subplot()
    rows = list(reversed(VERDICTS))
    for y, verdict in enumerate(rows):
        group = claims[claims["verdict"] == verdict]
        left = 0
        for kind in types:
            n = int((group["claimant_type"] == kind).sum())
            if not n:
                continue
            ax.barh(y, n, left=left, height=0.6, color=CLAIMANT_COLOURS[kind], edgecolor="white")
            ax.text(
                left + n / 2,
                y,
                str(n),
                ha="center",
                va="center",
                fontsize=9,
                color="white" if kind in ("press", "company") else "black",
                fontweight="bold",
            )
            left += n
        flagged = [
            f"{c.id}*" if c.confidence == "low" else c.id for c in group.itertuples(index=False)
        ]
        ax.text(left + 0.25, y, ", ".join(flagged), va="center", fontsize=8, color="#333333")
    ax.set_yticks(range(len(rows)), [f"{v} ({int((claims['verdict'] == v).sum())})" for v in rows])
    most = int(claims["verdict"].value_counts().max())
    ax.set_xlim(0, most + 5.5)
    ax.set_xticks(range(0, most + 1))
    ax.set_xlabel("Number of claims (* low confidence)")
    ax.set_ylabel("Verdict")
    _style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color=CLAIMANT_COLOURS[t], label=CLAIMANT_LABELS[t]) for t in types],
        title="Who made the claim",
        loc="lower right",
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    ids = _finish(
        fig,
        "Claims in and about the series, checked against the case data",
        claims.attrs["source_ids"],
    )
    counts = claims["verdict"].value_counts()
    basis = claims["classification_basis"].value_counts()
    contradicted = claims[claims["verdict"] == "contradicted"]
    summary = (
        f"Of {len(claims)} claims, "
        + ", ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICTS)
        + f"; {int(basis.get('data check', 0))} verdicts follow from a data check, "
        f"{int(basis.get('sourced', 0))} rest on another source and "
        f"{int(basis.get('teaching suggestion', 0))} are the authors' judgement"
    )
    if len(contradicted):
        by = contradicted["claimant_type"].value_counts()
        summary += "; the contradicted claims came from " + ", ".join(
            f"{CLAIMANT_LABELS[t].lower()} ({int(n)})" for t, n in by.items() if n
        )
    return Chart(fig, summary + ".", ids)
