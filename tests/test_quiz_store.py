"""Saved answers: durable appends, survival of SIGKILL and restarts, quarantine, export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest_quiz import SAMPLE_YAML

from casestudy.quiz import (
    QuizSession,
    QuizStoreWarning,
    export_responses,
    quiz_from_dict,
    responses,
    responses_path,
)
from casestudy.quiz import store as store_module
from casestudy.quiz.__main__ import main as cli
from casestudy.quiz.store import ResponseStore, quarantine_path

REPO = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.usefixtures("answers_file")


@pytest.fixture
def quiz():
    return quiz_from_dict(yaml.safe_load(SAMPLE_YAML), "01-crisis")


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# --------------------------------------------------------------------------- location


def test_path_argument_then_environment_then_user_data_dir(tmp_path, monkeypatch, answers_file):
    assert responses_path() == answers_file
    assert responses_path(tmp_path / "mine.jsonl") == tmp_path / "mine.jsonl"
    monkeypatch.delenv("CASESTUDY_RESPONSES")
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "user-data"))
    assert responses_path() == tmp_path / "user-data" / "responses.jsonl"


# --------------------------------------------------------------------------- appending


def test_every_check_appends_one_fsynced_record(quiz, answers_file, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(store_module.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    session = QuizSession(quiz)
    session.submit("q-arrest", "23 January 2019")
    session.submit("q-arrest", "19 November 2018")
    session.submit("q-loss", "abc")  # invalid: recorded, but not an attempt
    records = lines(answers_file)
    assert len(records) == 3 and len(synced) >= 3
    first, second, third = records
    assert first["quiz"] == "01-crisis" and first["question_id"] == "q-arrest"
    assert (first["correct"], first["score"], first["attempt"]) == (False, 0.0, 1)
    assert (second["correct"], second["score"], second["attempt"]) == (True, 1.0, 2)
    assert second["response"] == "19 November 2018" and second["event"] == "check"
    assert third["valid"] is False and third["correct"] is None and third["attempt"] == 1
    assert second["timestamp"].endswith("Z") and "student_id" not in second
    assert oct(answers_file.stat().st_mode & 0o777) == "0o600"


def test_student_id_from_argument_or_environment(quiz, answers_file, monkeypatch):
    QuizSession(quiz, student="s-042").submit("q-plan", "Renaulution")
    monkeypatch.setenv("CASESTUDY_STUDENT_ID", "s-007")
    QuizSession(quiz).submit("q-plan", "Renault")
    assert [r["student_id"] for r in lines(answers_file)] == ["s-042", "s-007"]


def test_save_failure_is_reported_not_raised(quiz, tmp_path):
    blocked = tmp_path / "a-folder.jsonl"
    blocked.mkdir()
    with pytest.warns(QuizStoreWarning, match="cannot be read"):
        session = QuizSession(quiz, responses_path=blocked)
    result = session.submit("q-arrest", 0)
    assert result.correct is True
    assert session.last_save_error and "Error" in session.last_save_error


# --------------------------------------------------------------------------- restoring


def test_new_session_restores_last_answers_and_score(quiz):
    first = QuizSession(quiz)
    first.submit("q-arrest", "23 January 2019")
    first.submit("q-arrest", "19 November 2018")
    first.submit("q-phases", ["Resurrection"])
    first.submit("q-reflect", "Less, and sooner.")
    again = QuizSession(quiz)
    assert again.progress() == first.progress()
    assert again.progress().text() == "3 of 7 answered — score 2 / 7"
    state = again.states["q-arrest"]
    assert state.attempts == 2 and state.restored and state.result.correct
    assert again.states["q-reflect"].result.response == "Less, and sooner."


def test_reset_is_recorded_and_respected(quiz, answers_file):
    session = QuizSession(quiz)
    session.submit("q-arrest", 0)
    session.reset()
    assert session.progress().answered == 0
    assert lines(answers_file)[-1]["event"] == "reset"
    assert QuizSession(quiz).progress().answered == 0
    session.submit("q-plan", "Renaulution")
    again = QuizSession(quiz)
    assert again.progress().answered == 1 and again.states["q-plan"].attempts == 1


def test_other_students_and_quizzes_are_not_restored(quiz):
    QuizSession(quiz, student="alice").submit("q-arrest", 0)
    other = quiz_from_dict(yaml.safe_load(SAMPLE_YAML), "02-other")
    QuizSession(other).submit("q-arrest", 0)
    assert QuizSession(quiz).progress().answered == 0
    assert QuizSession(quiz, student="alice").progress().answered == 1


def test_answers_to_questions_no_longer_in_the_quiz_are_ignored(quiz, answers_file):
    QuizSession(quiz).submit("q-arrest", 0)
    record = lines(answers_file)[0]
    store_module.append_line(answers_file, {**record, "question_id": "q-gone"})
    store_module.append_line(answers_file, {**record, "question_id": "q-plan", "response": 12})
    assert QuizSession(quiz).progress().answered == 1


RESTART_SCRIPT = textwrap.dedent(
    """
    import sys, yaml
    from casestudy.quiz import quiz_from_dict, QuizSession, quiz_widget
    quiz = quiz_from_dict(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), "01-crisis")
    if sys.argv[2] == "answer":
        session = QuizSession(quiz)
        session.submit("q-arrest", "19 November 2018")
        session.submit("q-loss", "-7 386")
        session.submit("q-order", ["Ghosn arrested", "Senard chairman", "de Meo CEO"])
    else:
        widget = quiz_widget(quiz)
        print(widget.progress.value)
        print(widget.blocks["q-loss"].controls[0].value)
        print([d.value for d in widget.blocks["q-order"].controls])
    """
)


def test_answers_survive_a_kernel_restart(tmp_path, answers_file):
    quiz_file = tmp_path / "quiz.yaml"
    quiz_file.write_text(SAMPLE_YAML, encoding="utf-8")
    script = tmp_path / "restart.py"
    script.write_text(RESTART_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for step in ("answer", "show"):
        done = subprocess.run(
            [sys.executable, str(script), str(quiz_file), step],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
    out = done.stdout.splitlines()
    assert "3 of 7 answered — score 2 / 7" in out[0]
    assert out[1] == "-7 386"
    assert out[2] == "[0, 1, 2]"


# --------------------------------------------------------------------------- killing


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from casestudy.quiz import quiz_from_dict, QuizSession
    quiz = quiz_from_dict({"questions": [
        {"id": "q-num", "type": "numeric", "text": "n?", "answer": 7},
        {"id": "q-long", "type": "reflection", "text": "r?", "max_chars": 400000},
    ]}, "kill-test")
    session = QuizSession(quiz, responses_path=sys.argv[1])
    i = 0
    while True:
        i += 1
        if i % 3:
            session.submit("q-num", str(i))
        else:  # big records make a kill in the middle of a write more likely
            session.submit("q-long", f"answer {i} " + "x" * 300000)
        print(f"done {i}", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_loses_no_completed_answer(tmp_path, answers_file):
    script = tmp_path / "answer_loop.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(answers_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    reported = 0
    try:
        for line in proc.stdout:
            if line.startswith("done "):
                reported = int(line.split()[1])
            if reported >= 40:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=60)
    for line in rest.splitlines():  # lines already printed before the kill landed
        if line.startswith("done "):
            reported = int(line.split()[1])
    assert proc.returncode == -signal.SIGKILL
    assert reported >= 40

    with _maybe_warns():
        records = ResponseStore(answers_file).read()  # loads, whatever the last line looks like
    seen = set()
    for record in records:
        response = record["response"]
        seen.add(int(response) if record["question_id"] == "q-num" else int(response.split()[1]))
    assert set(range(1, reported + 1)) <= seen, "an answer reported as done is missing"

    # the quiz keeps working after the kill: a new session appends on a fresh line
    quiz = quiz_from_dict(
        {"questions": [{"id": "q-num", "type": "numeric", "text": "n?", "answer": 7}]}, "kill-test"
    )
    with _maybe_warns():
        session = QuizSession(quiz, responses_path=answers_file)
    assert session.submit("q-num", "7").correct
    with _maybe_warns():
        assert ResponseStore(answers_file).read()[-1]["response"] == "7"


class _maybe_warns:
    """Allow (not require) the quarantine warning: whether a kill lands mid-write is luck."""

    def __enter__(self):
        import warnings

        self._catcher = warnings.catch_warnings()
        self._catcher.__enter__()
        warnings.simplefilter("ignore", QuizStoreWarning)

    def __exit__(self, *exc):
        return self._catcher.__exit__(*exc)


# --------------------------------------------------------------------------- corruption


def test_corrupt_line_is_skipped_with_a_warning_and_quarantined(quiz, answers_file):
    session = QuizSession(quiz)
    session.submit("q-arrest", 0)
    with open(answers_file, "ab") as handle:
        handle.write(b'{"v": 1, "event": "check", "quiz": "01-cri\n')  # a torn line
        handle.write(b"\xff\xfe not utf-8\n")
        handle.write(b'["valid JSON", "but not a record"]\n')
    session.submit("q-plan", "Renaulution")
    with pytest.warns(QuizStoreWarning, match=r"3 unreadable line\(s\) skipped \(line 2, 3, 4\)"):
        restored = QuizSession(quiz)
    assert restored.progress().answered == 2  # the quiz keeps working
    quarantined = lines(quarantine_path(answers_file))
    assert [q["line"] for q in quarantined] == [2, 3, 4]
    assert quarantined[0]["text"].startswith('{"v": 1, "event": "check"')
    assert quarantine_path(answers_file).name == "responses.quarantine.jsonl"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", QuizStoreWarning)  # already quarantined: no new warning
        QuizSession(quiz)
    assert len(lines(quarantine_path(answers_file))) == 3


def test_half_written_last_line_does_not_swallow_the_next_record(quiz, answers_file):
    session = QuizSession(quiz)
    session.submit("q-arrest", 0)
    with open(answers_file, "ab") as handle:
        handle.write(b'{"v": 1, "event": "check", "quiz": "01-crisis", "quest')  # no newline
    session.submit("q-plan", "Renaulution")
    with pytest.warns(QuizStoreWarning):
        records = ResponseStore(answers_file).read()
    assert [r["question_id"] for r in records] == ["q-arrest", "q-plan"]


# --------------------------------------------------------------------------- for instructors


def test_responses_dataframe(quiz):
    session = QuizSession(quiz)
    session.submit("q-arrest", 0)
    session.submit("q-phases", [0, 1])
    session.reset()
    frame = responses()
    assert list(frame.columns) == store_module.COLUMNS
    assert frame["event"].tolist() == ["check", "check", "reset"]
    assert frame.loc[1, "response"] == ["Resurrection", "Renovation"]
    assert str(frame["timestamp"].dtype).startswith("datetime64") and frame["timestamp"].dt.tz
    assert responses(quiz="nope").empty and list(responses(quiz="nope").columns)


def test_responses_from_a_folder_of_collected_files(quiz, tmp_path):
    folder = tmp_path / "collected"
    QuizSession(quiz, responses_path=folder / "alice.jsonl", student="alice").submit("q-arrest", 0)
    QuizSession(quiz, responses_path=folder / "bob.jsonl", student="bob").submit("q-arrest", 1)
    frame = responses(folder)
    assert sorted(frame["student_id"]) == ["alice", "bob"]


def test_export_csv_and_json_without_personal_data(quiz, tmp_path):
    session = QuizSession(quiz)
    session.submit("q-arrest", 0)
    session.submit("q-match", ["Rebuild", "Deny"])
    csv_path = export_responses(tmp_path / "out" / "answers.csv")
    frame = pd.read_csv(csv_path)
    assert "student_id" not in frame.columns and len(frame) == 2
    assert json.loads(frame.loc[1, "response"]) == {
        "We apologise.": "Rebuild",
        "There is no crisis.": "Deny",
    }
    json_path = export_responses(tmp_path / "answers.json", format="json")
    records = json.loads(json_path.read_text(encoding="utf-8"))
    assert records[0]["question_id"] == "q-arrest" and records[0]["correct"] is True
    assert "student_id" not in records[0] and records[0]["timestamp"].endswith("Z")
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export_responses(tmp_path / "x.xlsx", format="xlsx")


def test_export_keeps_student_ids_when_given(quiz, tmp_path):
    QuizSession(quiz, student="s-1").submit("q-arrest", 0)
    frame = pd.read_csv(export_responses(tmp_path / "a.csv"))
    assert frame["student_id"].tolist() == ["s-1"]


def test_cli_export(quiz, tmp_path, capsys):
    QuizSession(quiz).submit("q-arrest", 0)
    assert cli(["export", str(tmp_path / "out.json")]) == 0
    assert "1 record(s)" in capsys.readouterr().out
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[0]["quiz"] == "01-crisis"
