"""The real quiz files: valid against the real case data, facts consistent with the tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import casestudy
from casestudy.quiz import (
    MultipleChoice,
    Numeric,
    Order,
    SingleChoice,
    check_all_quizzes,
    load_quiz,
    quiz_from_dict,
    quiz_widget,
    seal_quiz,
)
from casestudy.quiz.formats import known_sources

DOCS = Path(__file__).resolve().parents[1] / "docs" / "quizzes.md"


pytestmark = pytest.mark.usefixtures("answers_file")


@pytest.fixture(autouse=True)
def _shipped_data(monkeypatch):
    monkeypatch.delenv("CASESTUDY_DATA_DIR", raising=False)


@pytest.fixture(scope="module")
def start():
    return load_quiz("00-start-here")


def test_every_quiz_file_is_valid():
    assert check_all_quizzes() == []


def test_start_here_mixes_types_and_bloom_levels(start):
    assert 6 <= len(start) <= 8
    types = {q.type for q in start}
    assert {"single", "multiple", "numeric", "order"} <= types
    assert len({q.bloom for q in start}) >= 3
    for q in start:
        assert q.text.get("fr") != q.text.get("en"), f"{q.id}: no French text"
        assert q.explanation is not None and q.explanation.get("fr") != q.explanation.get("en")
        assert q.source_id is None or q.source_id in known_sources()


@pytest.mark.parametrize(
    ("name", "retrieval"),
    [
        ("01-crisis", "q-warmup-"),
        ("02-strategy", "q-recall-"),
        ("03-product", "q-recall-"),
        ("04-storytelling", "q-recall-"),
        ("05-epilogue", "q-recall-"),
    ],
)
def test_a_chapter_quiz_meets_the_course_standard(name, retrieval):
    """Eight questions or more, three Bloom levels, five types, each sourced, explained and in
    English and French, and at least two that retrieve an earlier notebook."""
    quiz = load_quiz(name)
    sources = set(casestudy.load("sources")["id"])
    assert len(quiz) >= 8
    assert len({q.bloom for q in quiz}) >= 3
    assert len({q.type for q in quiz}) >= 5
    for q in quiz:
        assert q.explanation is not None and q.source_id in sources, q.id
        assert set(q.text.as_dict()) == {"en", "fr"}, f"{q.id}: English and French"
    assert sum(q.id.startswith(retrieval) for q in quiz) >= 2


def financial(year: int, period: str, metric: str) -> float:
    fin = casestudy.load("financials")
    row = fin[(fin.year == year) & (fin.period == period) & (fin.metric == metric)]
    return float(row.value.iloc[0])


def test_figures_in_the_quiz_match_the_financials_table(start):
    fy, fy_group = (
        financial(2020, "FY", "net_income"),
        financial(2020, "FY", "net_income_group_share"),
    )
    h1, h1_group = (
        financial(2020, "H1", "net_income"),
        financial(2020, "H1", "net_income_group_share"),
    )
    assert (fy, fy_group, h1, h1_group) == (-8046, -8008, -7386, -7292)
    loss = start["q-loss-2020"]
    assert [a.value for a in loss.answers if a.kind == "value"] == [fy, fy_group, h1, h1_group]
    text = loss.explanation.get("en")
    for figure in ("-8,046", "-8,008", "-7,386", "-7,292"):
        assert figure in text
    for figure in ("-8 046", "-8 008", "-7 386", "-7 292"):
        assert figure in loss.explanation.get("fr")
    nissan = financial(2020, "FY", "nissan_contribution")
    share = start["q-nissan-share"]
    assert nissan == -4970 and f"{-nissan:,.0f}" in share.text.get("en")
    assert round(100 * nissan / fy, 1) == share.answers[0].value == 61.8


def test_dates_in_the_quiz_match_the_events_table(start):
    events = casestudy.load("events").set_index("id")
    assert str(events.loc["ev-001", "date"].date()) == "2018-11-19"
    assert str(events.loc["ev-027", "date"].date()) == "2021-01-14"
    arrest = start["q-ghosn-arrest"]
    assert arrest.check("19 November 2018").correct
    assert [i.canonical for i in start["q-chronology"].items] == [
        events.loc[e, "title_en"] for e in ("ev-001", "ev-004", "ev-020", "ev-027")
    ]


def right_answer(q):
    if isinstance(q, SingleChoice):
        return q.correct_indices()[0]
    if isinstance(q, MultipleChoice):
        return q.correct_indices()
    if isinstance(q, Numeric):
        return str(next(a.value for a in q.answers if a.correct))
    if isinstance(q, Order):
        return [i.canonical for i in q.items]
    if q.type == "text":
        return next(a.answer for a in q.answers if a.correct)
    return "A short reflection."


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_start_here_in_the_widget_full_marks(start, lang):
    w = quiz_widget(start, lang=lang)
    for q in start:
        result = w.session.submit(q.id, right_answer(q))
        assert result.correct is not False, q.id
    progress = w.session.progress()
    assert progress.answered == len(start) and progress.score == start.max_score


def test_start_here_release_works(start):
    released, report = seal_quiz(start)
    for q in start:
        response = right_answer(q)
        if isinstance(q, Order):
            response = [i.canonical for i in q.items]
        assert released[q.id].check(response).correct is not False, q.id
    assert released["q-ghosn-arrest"].check(0).explanation  # sealed, opens on the right answer


def test_examples_in_the_docs_are_valid_quiz_yaml():
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 7
    questions = []
    for block in blocks:
        data = yaml.safe_load(block if block.startswith("title:") else "questions:\n" + block)
        questions.extend(data["questions"])
    quiz = quiz_from_dict({"questions": questions}, "docs", sources=known_sources())
    assert {q.type for q in quiz} == {
        "single",
        "multiple",
        "numeric",
        "text",
        "order",
        "match",
        "reflection",
    }
