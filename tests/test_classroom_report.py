"""The report: hostile answers neutralised in CSV and escaped in HTML, gradebooks, labels."""

from __future__ import annotations

import csv
import re

import pytest

from casestudy.classroom import collect, simulate_class, write_class_csv, write_report
from casestudy.quiz.store import append_lines, make_record

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "<script>alert('x')</script>",
    "+SUM(1)",
    '"><img src=x onerror=1>',
]


def _answers(folder, student, question, kind, response, correct, when):
    record = make_record(
        event="save" if kind == "reflection" else "check",
        quiz="01-crisis",
        question_id=question,
        question_type=kind,
        response=response,
        valid=True,
        correct=correct,
        score=(1.0 if correct else 0.0) if kind != "reflection" else 0.0,
        max_score=1.0 if kind != "reflection" else 0.0,
        attempt=1,
        student=student,
    )
    record["timestamp"] = f"2026-09-0{when}T10:00:00.000Z"
    append_lines(folder / f"{student}.jsonl", [record])


@pytest.fixture
def hostile_class(tmp_path):
    folder = tmp_path / "answers"
    for i, text in enumerate(HOSTILE):
        student = f"<b>s{i}</b>" if i == 1 else f"s{i}"
        _answers(folder, student, "q-warmup-source-column", "text", text, False, 7)
        _answers(folder, student, "q-benoit-blame", "single", "Mortification", i % 2 == 0, 8)
        _answers(folder, student, "q-reflect-fit", "reflection", text, None, 9)
    return collect([folder]).table, tmp_path


def test_hostile_answers_are_neutralised_in_csv_and_escaped_in_html(hostile_class):
    table, tmp_path = hostile_class
    class_csv = write_class_csv(table, tmp_path / "class.csv")
    page = write_report(table, tmp_path / "report")
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "onerror=1>" not in html and "<b>s1</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;s1&lt;/b&gt;" in html
    for path in (class_csv, tmp_path / "report" / "reflections.csv"):
        cells = [c for row in csv.reader(path.open(encoding="utf-8", newline="")) for c in row]
        assert "'=cmd|' /C calc'!A0" in cells and "'+SUM(1)" in cells
        assert not any(c.startswith(("=", "+", "@")) for c in cells)
    # read back, the answers are what the students typed
    again = collect([class_csv]).table
    assert set(HOSTILE) <= set(again["answer"])


def test_report_is_self_contained_and_warns_for_a_small_class(hostile_class):
    table, tmp_path = hostile_class
    html = write_report(table, tmp_path / "r").read_text(encoding="utf-8")
    assert "Small class: 4 students" in html
    assert "Synthetic data" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "@import" not in html and "<link" not in html
    images = re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', html)
    assert len(images) == 3 and all(images)


def test_synthetic_class_report_and_gradebooks(tmp_path):
    simulate_class(35, 5, tmp_path / "answers")
    table = collect([tmp_path / "answers"]).table
    page = write_report(table, tmp_path / "report")
    html = page.read_text(encoding="utf-8")
    assert "Synthetic data" in html and "Small class" not in html
    folder = page.parent
    for name in ("item_stats", "distractors", "quiz_summary", "students", "reflections"):
        assert (folder / f"{name}.csv").stat().st_size > 100
    for name in ("item_stats", "distractors", "quiz_summary"):  # each says so on its own
        rows = list(csv.DictReader((folder / f"{name}.csv").open(encoding="utf-8")))
        assert {row["class_data"] for row in rows} == {"synthetic"}, name
    moodle = list(csv.reader((folder / "gradebook-moodle.csv").open(encoding="utf-8")))
    canvas = list(csv.reader((folder / "gradebook-canvas.csv").open(encoding="utf-8")))
    quizzes = sorted(table["quiz"].unique())
    assert moodle[0] == ["Student ID", *quizzes]
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + [
        f"{q} (points)" for q in quizzes
    ]
    assert canvas[1][0] == "Points Possible" and float(canvas[1][5]) > 0
    assert len(moodle) == 1 + 35 and len(canvas) == 2 + 35
    # a student's quiz score is the sum of their last-attempt item scores
    student, quiz = moodle[1][0], quizzes[1]
    mine = table[(table["student"] == student) & (table["quiz"] == quiz)]
    mine = mine[~mine["type"].isin(["reflection", "exercise"])]
    mine = mine.sort_values(["timestamp", "attempt"])
    expected = mine.groupby("question_id")["score"].last().sum()
    assert float(moodle[1][2]) == pytest.approx(expected, abs=1e-3)


def test_empty_class_is_refused(tmp_path):
    table = collect([tmp_path]).table
    with pytest.raises(ValueError, match="no answers"):
        write_report(table, tmp_path / "r")


def test_debrief_chart_of_a_vote_counts_each_students_last_answer(tmp_path):
    folder = tmp_path / "votes"
    picks = {"ana": ["Yes", "No"], "ben": ["No"], "cleo": ["Yes"], "dan": ["Abstain"]}
    for student, answers in picks.items():
        for attempt, answer in enumerate(answers, 1):
            record = make_record(
                event="save",
                quiz="class-vote",
                question_id="q-vote",
                question_type="single",
                response=answer,
                valid=True,
                attempt=attempt,
                student=student,
            )
            record["timestamp"] = f"2026-09-07T10:0{attempt}:00.000Z"
            append_lines(folder / f"{student}.jsonl", [record])
    from casestudy.classroom import debrief_chart

    chart = debrief_chart(collect([folder]).table, "q-vote")
    ax = chart.figure.axes[0]
    widths = {
        t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches, strict=False)
    }
    assert widths == pytest.approx({"Yes": 50.0, "No": 25.0, "Abstain": 25.0})  # first answers
    assert "4 students answered q-vote" in chart.summary
    assert "class answers, 4 students" in chart.text()
