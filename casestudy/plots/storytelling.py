"""04-storytelling charts: the story's arc against two measures, the claims by verdict."""

from __future__ import annotations

from .. import data
from ..analysis import financial_series
from .cache import cached
from .style import (
    OKABE_ITO,
    Chart,
    _finish,
    _fmt_bn,
    _minus,
    _new_figure,
    _pct,
    _style_axes,
    _value_label,
    _year_x,
)

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


@cached
def story_arc(first_year: int = 2018, last_year: int = 2025) -> Chart:
    """Which curve tells a comeback? The operating margin (% of revenue) and the net income
    (group share, EUR bn) by financial year, as published, under Freytag's five parts placed on
    the calendar (:func:`casestudy.analysis.freytag_arc`, a teaching suggestion).

    A dotted line marks the series' release; years whose accounts came out after it are drawn
    hollow: the story could not show them.
    """
    from ..analysis import SERIES_RELEASE_EVENT, freytag_arc

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
        _value_label(top, _pct(v), (y, v), v, color=colour)
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


@cached
def claims_by_verdict() -> Chart:
    """The claims made in or about the series, counted by verdict and coloured by who made
    them; the claim ids are listed beside each bar (``*``: low confidence).
    Data: :func:`casestudy.analysis.check_claims`.
    """
    from ..analysis import VERDICTS, check_claims

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
