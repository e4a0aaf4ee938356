"""collect(): folders, files, globs, CSV exports; damaged input reported and nothing else lost."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casestudy.classroom import collect, simulate_class, write_class_csv
from casestudy.quiz.store import append_lines, export_responses, make_record


def _record(qid="q1", response="A", correct=True, attempt=1, student=None, ts="2026-09-07T10:00"):
    record = make_record(
        event="check",
        quiz="01-crisis",
        question_id=qid,
        question_type="single",
        response=response,
        valid=True,
        correct=correct,
        score=1.0 if correct else 0.0,
        max_score=1.0,
        attempt=attempt,
        lang="en",
        student=student,
    )
    record["timestamp"] = ts + ":00.000Z"
    return record


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_damaged_line_and_unreadable_file_lose_nothing_else(tmp_path, monkeypatch):
    good = tmp_path / "alice.jsonl"
    append_lines(good, [_record("q1"), _record("q2", ts="2026-09-07T10:05")])
    with open(good, "ab") as handle:
        handle.write(b'{"v": 1, "event": "check", "quiz": "01-cri\n')  # cut mid-line
        handle.write(b"\xff\xfe not utf-8\n")
    append_lines(good, [_record("q3", ts="2026-09-07T10:09")])
    locked = tmp_path / "bob.jsonl"
    append_lines(locked, [_record("q1")])
    other = tmp_path / "carol.jsonl"
    append_lines(other, [_record("q1", response="B", correct=False)])
    before = _digest(tmp_path)

    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "bob.jsonl":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", read_bytes)
        result = collect([tmp_path])
    table = result.table
    assert sorted(table["student"].unique()) == ["alice", "carol"]
    assert sorted(table[table["student"] == "alice"]["question_id"]) == ["q1", "q2", "q3"]
    assert len(result.problems) == 3
    assert any(p.startswith(f"{good}:3: damaged line") for p in result.problems)
    assert any(p.startswith(f"{good}:4: damaged line") for p in result.problems)
    assert any(p.startswith(f"{locked}: unreadable") for p in result.problems)
    assert _digest(tmp_path) == before  # no source changed, no quarantine file written


def test_identical_records_are_kept_once_across_files_and_exports(tmp_path):
    answers = tmp_path / "answers"
    simulate_class(5, 3, answers)
    first = collect([answers])
    export_responses(
        tmp_path / "export" / "all.csv", responses_path=sorted(answers.glob("*.jsonl"))
    )
    copy = tmp_path / "copy" / "synthetic-001.jsonl"
    copy.parent.mkdir()
    copy.write_bytes((answers / "synthetic-001.jsonl").read_bytes())
    class_csv = write_class_csv(first.table, tmp_path / "class.csv")
    again = collect([answers, tmp_path / "export", copy, class_csv, str(answers / "*.jsonl")])
    assert again.problems == []
    assert len(again.table) == len(first.table)
    # the glob names the same files as the folder: read once; export, copy and class.csv: dropped
    one = len(first.table.query("student == 'synthetic-001'"))
    assert again.duplicates == 2 * len(first.table) + one
    cols = ["student", "quiz", "question_id", "attempt", "answer", "timestamp", "correct", "score"]
    left = first.table[cols].astype(str).sort_values(cols).reset_index(drop=True)
    right = again.table[cols].astype(str).sort_values(cols).reset_index(drop=True)
    assert left.equals(right)


def test_student_from_record_else_file_name_else_home_folder(tmp_path):
    append_lines(tmp_path / "named.jsonl", [_record("q1", student="s-42")])
    append_lines(tmp_path / "dave.jsonl", [_record("q1")])
    for user in ("erin", "frank"):
        path = tmp_path / "home" / user / ".local" / "share" / "casestudy" / "responses.jsonl"
        append_lines(path, [_record("q1")])
    result = collect([tmp_path / "named.jsonl", tmp_path / "dave.jsonl"])
    assert sorted(result.table["student"]) == ["dave", "s-42"]
    hub = collect([str(tmp_path / "home" / "*" / ".local" / "share" / "casestudy") + "/"])
    assert sorted(hub.table["student"]) == ["erin", "frank"]


def test_missing_sources_are_reported(tmp_path):
    result = collect([tmp_path / "nope", str(tmp_path / "none-*")])
    assert result.table.empty
    assert len(result.problems) == 2


def test_csv_with_a_damaged_row_keeps_the_others(tmp_path):
    append_lines(
        tmp_path / "a" / "gina.jsonl", [_record("q1"), _record("q2", ts="2026-09-07T11:00")]
    )
    path = export_responses(tmp_path / "gina.csv", responses_path=[tmp_path / "a" / "gina.jsonl"])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1] + "broken,row\r\n" + lines[2], encoding="utf-8")
    result = collect([path])
    assert sorted(result.table["question_id"]) == ["q1", "q2"]
    assert len(result.problems) == 1 and f"{path}:3:" in result.problems[0]
    assert set(result.table["student"]) == {"gina"}


def test_records_keep_lists_as_json_text(tmp_path):
    record = _record("q1", response=["x", "=y"])
    append_lines(tmp_path / "h.jsonl", [record])
    table = collect([tmp_path]).table
    assert json.loads(table["answer"].iloc[0]) == ["x", "=y"]


@pytest.mark.parametrize(
    "bad", [b"[]\n", b'{"event": "check"}\n', b'{"event": "x", "quiz": "q"}\n']
)
def test_valid_json_that_is_not_a_record_is_reported(tmp_path, bad):
    (tmp_path / "i.jsonl").write_bytes(bad)
    result = collect([tmp_path])
    assert result.table.empty and len(result.problems) == 1


def test_the_package_names_stay_functions_after_every_module_is_imported():
    import importlib

    import casestudy.classroom as cc

    for module in ("simulate", "collector", "stats", "charts", "gradebook", "report", "cli"):
        importlib.import_module(f"casestudy.classroom.{module}")
    for name in cc.__all__:
        assert callable(getattr(cc, name)) or name == "TABLE_COLUMNS", name
