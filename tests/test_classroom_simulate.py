"""simulate_class(): reproducible, in the saved-answers format, realistic in its shape."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta

import pytest

from casestudy.classroom import simulate_class
from casestudy.classroom.simulate import MARKER, START
from casestudy.quiz import available_quizzes, load_quiz
from casestudy.quiz.session import QuizSession
from casestudy.quiz.store import ResponseStore, make_record


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sim")
    files = simulate_class(80, 4, folder)
    return folder, files


def test_same_seed_same_bytes_other_seed_other_bytes(sim, tmp_path):
    folder, _ = sim
    simulate_class(80, 4, tmp_path / "again")
    assert _bytes(tmp_path / "again") == _bytes(folder)
    simulate_class(80, 4, tmp_path / "again")  # rewriting a synthetic class replaces it
    assert _bytes(tmp_path / "again") == _bytes(folder)
    simulate_class(80, 5, tmp_path / "other")
    assert _bytes(tmp_path / "other") != _bytes(folder)


def test_records_are_in_the_store_format_and_marked_synthetic(sim):
    folder, files = sim
    assert [f.name for f in files[:2]] == ["synthetic-001.jsonl", "synthetic-002.jsonl"]
    assert "SYNTHETIC" in (folder / MARKER).read_text(encoding="utf-8")
    keys = set(make_record(event="check", quiz="q", question_id="x", lang="en", student="s"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a damaged line would warn
        records = [r for f in files for r in ResponseStore(f).read()]
    assert {frozenset(r) for r in records} == {frozenset(keys)}
    assert all(r["student_id"] == f"synthetic-{r['student_id'][-3:]}" for r in records)
    assert all(r["valid"] for r in records)
    stamps = [datetime.fromisoformat(r["timestamp"].replace("Z", "+00:00")) for r in records]
    assert min(stamps) >= START and max(stamps) <= START + timedelta(days=8)
    assert {r["quiz"] for r in records} == set(available_quizzes())


def test_a_quiz_session_restores_a_simulated_student(sim):
    _, files = sim
    quiz = load_quiz("01-crisis")
    session = QuizSession(quiz, responses_path=files[0], student="synthetic-001")
    assert session.progress().answered > 0


def test_class_behaves_like_a_class(sim):
    _, files = sim
    per_student = [ResponseStore(f).read() for f in files]
    last_quiz = sorted(available_quizzes())[-1]
    stopped = sum(not any(r["quiz"] == last_quiz for r in rs) for rs in per_student)
    assert 1 <= stopped <= 20  # about one in ten stops early
    retries = [r for rs in per_student for r in rs if (r.get("attempt") or 1) > 1]
    assert retries and any(r["correct"] for r in retries) and any(not r["correct"] for r in retries)
    scores = sorted(sum(r["score"] or 0 for r in rs) for rs in per_student)
    assert scores[-1] - scores[0] > 10  # abilities differ
    # misconceptions: a wrong answer with written feedback is chosen more than one without
    question = load_quiz("01-crisis")["q-who-presented-plan"]
    firsts = [
        r["response"]
        for rs in per_student
        for r in rs
        if r.get("question_id") == question.id and r["attempt"] == 1
    ]
    with_feedback = sum(
        firsts.count(c.text.canonical) for c in question.choices if not c.correct and c.feedback
    )
    without = sum(
        firsts.count(c.text.canonical) for c in question.choices if not c.correct and not c.feedback
    )
    assert with_feedback > without


def test_refuses_a_folder_with_foreign_files(tmp_path):
    (tmp_path / "synthetic-001.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        simulate_class(3, 1, tmp_path)
    assert (tmp_path / "synthetic-001.jsonl").read_text(encoding="utf-8") == "{}\n"
