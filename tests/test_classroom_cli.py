"""End to end through the command line: simulate 120 -> collect -> report; clear errors."""

from __future__ import annotations

import csv

from casestudy.__main__ import main


def test_simulate_collect_report_120(tmp_path, capsys):
    answers, class_csv, report = tmp_path / "answers", tmp_path / "class.csv", tmp_path / "report"
    assert (
        main(["class", "simulate", "--students", "120", "--seed", "3", "--out", str(answers)]) == 0
    )
    assert main(["class", "collect", str(answers), "--out", str(class_csv)]) == 0
    out = capsys.readouterr().out
    assert "from 120 students in 120 files" in out and "0 problems" in out
    assert main(["class", "report", str(class_csv), "--out", str(report)]) == 0
    html = (report / "index.html").read_text(encoding="utf-8")
    assert "Synthetic data" in html and "120 students" in html
    with open(report / "item_stats.csv", encoding="utf-8", newline="") as handle:
        items = list(csv.DictReader(handle))
    assert len(items) > 50 and {r["verdict"] for r in items} <= {"keep", "revise", "check the key"}
    with open(report / "gradebook-canvas.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) == 2 + 120


def test_collect_reports_problems_and_exit_code(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"broken\n', encoding="utf-8")
    assert main(["class", "collect", str(tmp_path), "--out", str(tmp_path / "c.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'a.jsonl'}:1: damaged line" in err and "no answers found" in err


def test_report_errors_are_clear(tmp_path, capsys):
    assert main(["class", "report", str(tmp_path / "missing.csv"), "--out", str(tmp_path)]) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_text("student,quiz,question_id,answer\r\n", encoding="utf-8")
    assert main(["class", "report", str(empty), "--out", str(tmp_path / "r")]) == 2
    assert "no answers" in capsys.readouterr().err
