"""The charts an instructor reads before the next class, in the course's chart style.

Each returns a :class:`casestudy.plots.Chart` (figure, one-sentence summary for screen readers).
The source line says "synthetic class" when every student is simulated, else "class answers".
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from casestudy.plots.style import OKABE_ITO, Chart, _finish, _new_figure, _style_axes

GREY = "#BBBBBB"
VERDICT_COLOURS = {
    "keep": OKABE_ITO["bluish_green"],
    "revise": OKABE_ITO["orange"],
    "check the key": OKABE_ITO["vermillion"],
}


def _source_line(frame: Any, synthetic: bool | None) -> str:
    if synthetic is None:
        synthetic = bool(frame.attrs.get("synthetic", False))
    students = frame.attrs.get("students")
    size = f", {students} students" if students else ""
    kind = "synthetic class (simulated answers, no real student)" if synthetic else "class answers"
    return f"Source: {kind}{size} — python -m casestudy class report"


def _short(text: str, width: int = 46) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _empty(title: str, line: str, message: str) -> Chart:
    fig = _new_figure((10, 2.4))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12)
    _finish(fig, title, [], line=line)
    return Chart(fig, message, [], source_line=line)


def hardest_items_chart(stats: Any, top: int = 12, *, synthetic: bool | None = None) -> Chart:
    """The items with the lowest first-try facility: bars for the first try, a dot for the end."""
    title = "Hardest items: share right on the first try, and in the end"
    line = _source_line(stats, synthetic)
    graded = stats[stats["type"] != "exercise"].sort_values(
        ["facility_first_try", "quiz", "question_id"]
    )
    if graded.empty:
        return _empty(title, line, "No graded answers yet.")
    rows = graded.head(top).iloc[::-1]
    fig = _new_figure((10, 0.42 * len(rows) + 1.8))
    ax = fig.add_subplot()
    labels = [f"{q} · {i}" for q, i in zip(rows["quiz"], rows["question_id"], strict=True)]
    y = range(len(rows))
    colours = [VERDICT_COLOURS.get(v, GREY) for v in rows["verdict"]]
    ax.barh(y, rows["facility_first_try"] * 100, color=colours, height=0.6)
    ax.scatter(rows["facility"] * 100, y, marker="D", color=OKABE_ITO["black"], zorder=3, s=28)
    ax.set_yticks(list(y), labels, fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel("students right (%) — bar: first try, diamond: last attempt")
    _style_axes(ax)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    used = [v for v in VERDICT_COLOURS if v in set(rows["verdict"])]
    handles = [Patch(color=VERDICT_COLOURS[v], label=f"verdict: {v}") for v in used]
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    _finish(fig, title, [], line=line)
    worst = graded.iloc[0]
    summary = (
        f"The hardest item is {worst['question_id']} ({worst['quiz']}): "
        f"{worst['facility_first_try']:.0%} right on the first try and {worst['facility']:.0%} "
        f"in the end; {int((stats['verdict'] != 'keep').sum())} of {len(stats)} items need a look."
    )
    return Chart(fig, summary, [], source_line=line)


def distractor_map_chart(shares: Any, top: int = 12, *, synthetic: bool | None = None) -> Chart:
    """The wrong options chosen most on the first try, by the upper and the lower 27 %."""
    title = "Distractors that caught the class (first try)"
    line = _source_line(shares, synthetic)
    wrong = shares[~shares["correct"].astype(bool)].sort_values(
        ["share", "quiz", "question_id"], ascending=[False, True, True]
    )
    if wrong.empty:
        return _empty(title, line, "No choice questions answered yet.")
    rows = wrong.head(top).iloc[::-1]
    fig = _new_figure((10, 0.55 * len(rows) + 1.9))
    ax = fig.add_subplot()
    y = list(range(len(rows)))
    h = 0.38
    ax.barh([v + h / 2 for v in y], rows["share_lower"] * 100, h, color=OKABE_ITO["orange"])
    ax.barh([v - h / 2 for v in y], rows["share_upper"] * 100, h, color=OKABE_ITO["blue"])
    labels = []
    for _, row in rows.iterrows():
        flag = " (suspect)" if row["suspect"] else ""
        labels.append(f"{row['question_id']}: {_short(row['option'], 38)}{flag}")
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_xlabel("students choosing it (%)")
    ax.legend(["lower 27 %", "upper 27 %"], loc="lower right", fontsize=8, frameon=False)
    _style_axes(ax)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    _finish(fig, title, [], line=line)
    first = wrong.iloc[0]
    suspects = int(shares["suspect"].sum())
    dead = int(shares["non_functional"].sum())
    summary = (
        f'The strongest distractor is "{_short(first["option"], 80)}" in '
        f"{first['question_id']}, chosen by {first['share']:.0%} on the first try "
        f"({first['share_lower']:.0%} of the lower group, "
        f"{first['share_upper']:.0%} of the upper); "
        f"suspect distractors: {suspects}; non-functional ones (under 5 %): {dead}."
    )
    return Chart(fig, summary, [], source_line=line)


def progress_chart(table: Any, *, synthetic: bool | None = None) -> Chart:
    """Answers checked per day, stacked by quiz, with the students active that day."""
    import pandas as pd

    from .collector import is_synthetic

    if synthetic is None:
        synthetic = is_synthetic(table)
    frame = table.iloc[:0].copy()
    frame.attrs["synthetic"] = synthetic
    frame.attrs["students"] = int(table["student"].nunique())
    title = "Answers over the week, by quiz"
    line = _source_line(frame, synthetic)
    rows = table[table["event"].isin(["check", "save"])].copy()
    rows["day"] = pd.to_datetime(rows["timestamp"], utc=True, format="ISO8601").dt.floor("D")
    rows = rows.dropna(subset=["day"])
    if rows.empty:
        return _empty(title, line, "No answers yet.")
    counts = rows.pivot_table(index="day", columns="quiz", values="student", aggfunc="size")
    days = pd.date_range(counts.index.min(), counts.index.max(), freq="D")
    counts = counts.reindex(days, fill_value=0).fillna(0)
    active = rows.groupby("day")["student"].nunique().reindex(days, fill_value=0)
    fig = _new_figure()
    ax = fig.add_subplot()
    palette = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion")]
    palette += [OKABE_ITO[k] for k in ("reddish_purple", "sky_blue", "yellow", "black")]
    bottom = [0.0] * len(days)
    x = list(range(len(days)))
    for i, quiz in enumerate(counts.columns):
        values = counts[quiz].tolist()
        ax.bar(x, values, bottom=bottom, color=palette[i % len(palette)], label=quiz, width=0.7)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(x, [f"{d:%a %d %b}" for d in days], fontsize=9)
    ax.set_ylabel("answers checked or saved")
    ax.set_ylim(0, max(bottom) * 1.3)  # room for the legend above the bars
    twin = ax.twinx()
    twin.plot(x, active.tolist(), color=OKABE_ITO["black"], marker="o", label="students active")
    twin.set_ylabel("students active that day")
    twin.set_ylim(0, max(1, int(active.max())) * 1.5)  # the line stays under the legend
    twin.spines[["top"]].set_visible(False)
    _style_axes(ax)
    handles, names = ax.get_legend_handles_labels()
    h2, n2 = twin.get_legend_handles_labels()
    ax.legend(handles + h2, names + n2, fontsize=8, frameon=False, loc="upper right", ncol=2)
    _finish(fig, title, [], line=line)
    peak = counts.sum(axis=1).idxmax()
    summary = (
        f"{len(rows)} answers from {rows['student'].nunique()} students between "
        f"{days[0]:%d %b} and {days[-1]:%d %b %Y}; the busiest day was {peak:%A %d %b} with "
        f"{int(counts.sum(axis=1).max())} answers from {int(active[peak])} students."
    )
    return Chart(fig, summary, [], source_line=line)


def _options_of(quiz: str, question_id: str) -> tuple[str, list[tuple[str, bool | None]]] | None:
    from .stats import _quiz_options

    options = _quiz_options(quiz, question_id)
    return None if options is None else (quiz, options)


def debrief_chart(table: Any, question_id: str, *, synthetic: bool | None = None) -> Chart:
    """How the class answered one vote or choice question, to show in class.

    Bars: the share of students choosing each option on their first try (before feedback);
    the right option in green (votes without a right answer stay blue); a dot: their last answer.
    """
    from .collector import is_synthetic
    from .stats import _chosen, item_attempts

    if synthetic is None:
        synthetic = is_synthetic(table)
    rows = table[table["question_id"] == question_id]
    if rows.empty:
        raise KeyError(f"no answers to a question {question_id!r} in this class")
    per_item = item_attempts(rows)
    quiz = str(rows["quiz"].iloc[0])
    kind = str(rows["type"].iloc[0])
    frame = table.iloc[:0].copy()
    frame.attrs["students"] = int(per_item["student"].nunique()) or int(rows["student"].nunique())
    line = _source_line(frame, synthetic)
    known = _options_of(quiz, question_id)
    first = [set(_chosen(a, kind)) for a in per_item["first_answer"]]
    last = [set(_chosen(a, kind)) for a in per_item["last_answer"]]
    if not len(per_item):  # a vote, not graded: each student's first and last saved answer
        votes = rows[rows["answer"].notna()].sort_values(["timestamp", "attempt"], kind="stable")
        by_student = votes.groupby("student")["answer"]
        first = [set(_chosen(a, kind)) for a in by_student.first()]
        last = [set(_chosen(a, kind)) for a in by_student.last()]
        frame.attrs["students"] = len(first)
        line = _source_line(frame, synthetic)
    if known is not None:
        options = known[1]
    else:
        seen: dict[str, int] = {}
        for picks in first:
            for p in picks:
                seen[p] = seen.get(p, 0) + 1
        options = [(o, None) for o, _ in sorted(seen.items(), key=lambda kv: -kv[1])[:8]]
    n = len(first)
    first_share = [100 * sum(o in p for p in first) / n for o, _ in options]
    last_share = [100 * sum(o in p for p in last) / n for o, _ in options]
    fig = _new_figure((10, 0.55 * len(options) + 1.9))
    ax = fig.add_subplot()
    y = list(range(len(options)))[::-1]
    colours = [
        OKABE_ITO["bluish_green"] if right else (OKABE_ITO["blue"] if right is None else GREY)
        for _, right in options
    ]
    ax.barh(y, first_share, color=colours, height=0.6, label="first try")
    if last != first:
        ax.scatter(last_share, y, marker="D", color=OKABE_ITO["black"], zorder=3, label="last")
    wrapped = ["\n".join(textwrap.wrap(_short(o, 90), 48)) for o, _ in options]
    ax.set_yticks(y, wrapped, fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel("students (%) — bar: first try, diamond: last answer; green: the right option")
    _style_axes(ax)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    _finish(fig, f"How the class answered {question_id} ({quiz})", [], line=line)
    top = max(range(len(options)), key=lambda i: first_share[i]) if options else None
    summary = (
        f"{n} students answered {question_id}; the most chosen option on the first try was "
        f'"{_short(options[top][0], 80)}" ({first_share[top]:.0f} %)'
        if top is not None
        else f"No answers to {question_id}"
    )
    right = [i for i, (_, r) in enumerate(options) if r]
    if right:
        summary += f"; {first_share[right[0]]:.0f} % chose the right option first."
    return Chart(fig, summary, [], source_line=line)


def answer_text(value: Any) -> str:
    """An answer as a reader sees it (lists and pairings from their JSON text)."""
    if value is None or value != value:
        return ""
    try:
        parsed = json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value
    except ValueError:
        return str(value)
    if isinstance(parsed, list):
        return "; ".join(map(str, parsed))
    if isinstance(parsed, dict):
        return "; ".join(f"{k} → {v}" for k, v in parsed.items())
    return str(parsed)
