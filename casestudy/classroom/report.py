"""The class report: one self-contained ``index.html`` and the CSV tables beside it.

The page needs no network: charts are inline PNG (``data:`` addresses) with their summary as
alt text, the style is inline, there is no script and no web font. Every text that comes from
the answers (student ids, answers, reflections) is HTML-escaped: answers are typed by students
and are treated as hostile. Every CSV goes through :mod:`casestudy.exports` (formula-safe).
"""

from __future__ import annotations

import base64
import math
import os
from html import escape
from pathlib import Path
from typing import Any

from casestudy.exports import write_frame

from . import charts, gradebook, stats
from .collector import is_synthetic

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:1100px;padding:1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.banner{padding:.6rem .9rem;border-radius:4px;margin:.6rem 0;border-left:6px solid}
.synthetic{background:#fff4dd;border-color:#E69F00}.small{background:#fde9e0;border-color:#D55E00}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.revise td:last-child,tr.revise td.verdict{background:#fff1d6}
tr.check td.verdict{background:#fbd9cc;font-weight:bold}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#333}details{margin:.4rem 0}summary{cursor:pointer}
.facts{display:flex;flex-wrap:wrap;gap:.6rem;padding:0;list-style:none}
.facts li{background:#f3f6fa;padding:.4rem .7rem;border-radius:4px}
@media (max-width:600px){figure .chart{overflow-x:auto}figure img{max-width:none;width:640px}}
"""


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<td></td>"
    if type(value).__name__ in ("NAType", "NaTType"):
        return "<td></td>"
    if isinstance(value, bool):
        return f"<td>{'yes' if value else ''}</td>"
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f'<td class="num">{escape(text)}</td>'
    return f"<td>{escape(str(value))}</td>"


def html_table(frame, *, row_class: str | None = None, limit: int | None = None) -> str:
    """A DataFrame as an escaped HTML table (in a horizontally scrolling box)."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    body = []
    shown = frame if limit is None else frame.head(limit)
    for _, row in shown.iterrows():
        cls = ""
        if row_class is not None:
            value = str(row[row_class])
            cls = f' class="{escape(value.split()[0])}"'
        cells = []
        for column, value in row.items():
            cell = _cell(value)
            if column == "verdict":
                cell = cell.replace("<td>", '<td class="verdict">', 1)
            cells.append(cell)
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    more = ""
    if limit is not None and len(frame) > limit:
        more = f"<p>First {limit} of {len(frame)} rows; the CSV beside this page has them all.</p>"
    return (
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{more}"
    )


def _figure(chart) -> str:
    png = base64.b64encode(chart.to_png()).decode("ascii")
    alt = escape(chart.summary, quote=True)
    chart.figure.clf()  # free the figure's memory: a report draws several
    return (
        f'<figure><div class="chart"><img src="data:image/png;base64,{png}" alt="{alt}"></div>'
        f"<figcaption>{escape(chart.summary)}</figcaption></figure>"
    )


def _write(frame, folder: Path, name: str) -> Path:
    path = folder / name
    write_frame(frame, path)
    return path


def write_report(table, out_dir: str | os.PathLike, *, title: str | None = None) -> Path:
    """Write ``index.html`` and the CSV tables into ``out_dir``; returns the page's path.

    Raises ``ValueError`` for a class without any answer.
    """
    if table is None or len(table) == 0:
        raise ValueError("the class has no answers: nothing to report")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    synthetic = is_synthetic(table)
    n_students = int(table["student"].nunique())

    attempts = stats.item_attempts(table)  # computed once, shared by every table below
    items = stats.item_stats(table, attempts=attempts)
    shares = stats.distractor_shares(table, attempts=attempts)
    quizzes = stats.quiz_summary(table, attempts=attempts)
    students = stats.student_progress(table, attempts=attempts)
    notes = stats.reflections(table)
    # a table read on its own still says the class is synthetic (ids say it in the others)
    label = {"class_data": "synthetic"} if synthetic else {}
    _write(items.assign(**label), folder, "item_stats.csv")
    _write(shares.assign(**label), folder, "distractors.csv")
    _write(quizzes.assign(**label), folder, "quiz_summary.csv")
    _write(students, folder, "students.csv")
    _write(notes, folder, "reflections.csv")
    _write(gradebook.moodle_gradebook(table, attempts=attempts), folder, "gradebook-moodle.csv")
    _write(gradebook.canvas_gradebook(table, attempts=attempts), folder, "gradebook-canvas.csv")

    quiz_items = items[items["type"] != "exercise"]
    exercises = items[items["type"] == "exercise"]
    flagged = shares[shares["non_functional"] | shares["suspect"]]
    label = "Synthetic class — " if synthetic else ""
    heading = title or f"{label}Class results"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(heading)}</h1>",
    ]
    if synthetic:
        parts.append(
            '<p class="banner synthetic"><strong>Synthetic data.</strong> Every answer here was '
            "simulated by <code>python -m casestudy class simulate</code>; no real student "
            "wrote them. Use this report to learn to read one, not to judge a question.</p>"
        )
    if n_students < stats.SMALL_CLASS:
        parts.append(
            f'<p class="banner small"><strong>Small class: {n_students} students.</strong> '
            f"Under {stats.SMALL_CLASS} students, facility and discrimination move a lot with one "
            "or two answers (see the 95 % intervals first_try_low–first_try_high): read the "
            "verdicts as questions to ask, not as findings.</p>"
        )
    answered = table[table["event"] == "check"]
    first, last = table["timestamp"].dropna().min(), table["timestamp"].dropna().max()
    parts.append(
        '<ul class="facts">'
        f"<li>{n_students} students</li><li>{len(quizzes)} quizzes</li>"
        f"<li>{len(quiz_items)} quiz items</li><li>{len(answered)} answers checked</li>"
        f"<li>{int((items['verdict'] != 'keep').sum())} items to look at</li>"
        f"<li>from {escape(str(first)[:10])} to {escape(str(last)[:10])}</li></ul>"
    )
    parts.append("<h2>Hardest items</h2>")
    parts.append(_figure(charts.hardest_items_chart(items, synthetic=synthetic)))
    parts.append("<h2>Distractors</h2>")
    parts.append(_figure(charts.distractor_map_chart(shares, synthetic=synthetic)))
    parts.append(
        "<p>Flagged options: <em>non-functional</em> (chosen by under 5 % — it distracts "
        "nobody) or <em>suspect</em> (chosen more by the upper 27 % than the lower 27 %). "
        "All options are in <code>distractors.csv</code>.</p>"
    )
    parts.append(html_table(flagged))
    parts.append("<h2>Progress over the week</h2>")
    parts.append(_figure(charts.progress_chart(table, synthetic=synthetic)))
    parts.append("<h2>Quizzes</h2>")
    parts.append(
        "<p>KR-20 is computed on first tries, over the students who answered every item of the "
        "quiz (<code>complete_sets</code>); scores are last-attempt scores.</p>"
    )
    parts.append(html_table(quizzes))
    parts.append("<h2>Items</h2>")
    parts.append(
        "<p>facility: share right at the last attempt; facility_first_try: at the first; "
        "discrimination: corrected item-total point-biserial on first tries; upper_lower: "
        "Kelley's 27 % index. Verdicts: <em>check the key</em> when either index is negative, "
        "<em>revise</em> when the discrimination is under 0.2 or the first-try facility is "
        "outside 0.2–0.9, <em>keep</em> otherwise (docs/class-results.md).</p>"
    )
    parts.append(html_table(quiz_items, row_class="verdict"))
    if len(exercises):
        parts.append("<h2>Exercise checks</h2>")
        parts.append(html_table(exercises, row_class="verdict"))
    parts.append("<h2>Students</h2>")
    parts.append(html_table(students.sort_values(["percent", "student"])))
    parts.append("<h2>Reflections</h2>")
    for (quiz, qid), rows in notes.groupby(["quiz", "question_id"], sort=True):
        items_html = "".join(
            f"<li><strong>{escape(str(s))}</strong>: {escape(str(a))}</li>"
            for s, a in zip(rows["student"], rows["answer"], strict=True)
        )
        parts.append(
            f"<details><summary>{escape(quiz)} · {escape(qid)} ({len(rows)} answers)"
            f"</summary><ul>{items_html}</ul></details>"
        )
    parts.append(
        "<h2>Files</h2><p>item_stats.csv, distractors.csv, quiz_summary.csv, students.csv, "
        "reflections.csv; gradebook-moodle.csv and gradebook-canvas.csv for the LMS "
        "(docs/class-results.md says how to import them).</p></body></html>"
    )
    page = folder / "index.html"
    page.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return page
