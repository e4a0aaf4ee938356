"""03-product charts: from concept to market, the price promise, retro revivals on one clock."""

from __future__ import annotations

from .. import data
from .cache import cached
from .style import OKABE_ITO, Chart, _finish, _marker_handles, _minus, _new_figure, _style_axes

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


def _lane_label(ax, text: str, xy: tuple[float, float], level: int, **style) -> None:
    """``text`` over (level 0, 2) or under (1, 3) its marker at ``xy``, joined to it by a thin
    leader line once it sits far from it."""
    offset = _LABEL_LEVELS[level]
    ax.annotate(
        text,
        xy,
        xytext=(0, offset),
        textcoords="offset points",
        ha="center",
        va="bottom" if offset > 0 else "top",
        fontsize=7.5,
        **style,
        arrowprops=None
        if abs(offset) < 20
        else {"arrowstyle": "-", "color": "#AAAAAA", "linewidth": 0.6},
    )


def _milestone_label(kind: str, value: float) -> str:
    """'reveal', 'orders open', '100,000 built': a milestone in two words."""
    if kind == "production":
        return "first built" if value != value else f"{value:,.0f} built"  # NaN: no count
    return _MILESTONE_STYLE[kind][0]


@cached
def concept_to_market_chart(model_ids=None) -> Chart:
    """Every milestone of each model on one clock: months after its first concept was shown.

    One lane per model, a marker per milestone (shape and colour by kind), each labelled with
    its date no more precisely than its source. A planned date known only to the year is drawn
    hollow at the start of that year, with an arrow: it may come later. Where sources disagree
    (the Renault 5's launch month) both rows are drawn. Data:
    :func:`casestudy.analysis.product_milestones` and :func:`concept_to_market`.
    """
    import pandas as pd

    from ..analysis import CONCEPT_MODELS, concept_to_market, product_milestones

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
            _lane_label(ax, label, (r.x, y), level, color="#222222", linespacing=1.0)
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


@cached
def price_promise_chart(model_id: str = "renault_5_e_tech") -> Chart:
    """Each published price of a model against the price it was promised at.

    One column per version, in the order the versions appeared; list prices are filled dots,
    prices after public incentives hollow. The dashed line is the promise; the shaded band
    above it is what "around" allows (:data:`casestudy.analysis.ABOUT_TOLERANCE`). Two dots in
    one column are sources that disagree. Data: :func:`casestudy.analysis.price_vs_promise`.
    """
    from ..analysis import ABOUT_TOLERANCE, price_vs_promise

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


@cached
def retro_revivals_chart(model_ids=None) -> Chart:
    """Retro revivals on one clock: every published milestone and volume figure of each
    revival, in years after the model's market debut.

    One lane per model. Volume figures are labelled with their measure and scope and are never
    put on a common scale: a month of French registrations and thirteen years of world sales
    are different things. A figure for a whole year sits mid-year. Data:
    :func:`casestudy.analysis.retro_revivals`.
    """
    import pandas as pd

    from ..analysis import RETRO_MODELS, retro_revivals

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
                _lane_label(ax, r.label, (r.years_after_debut, y), levels[r.id])
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
