"""Student release: answers become salted hashes, check() still works, and the limits are real."""

from __future__ import annotations

import pytest
import yaml
from conftest_quiz import SAMPLE_YAML, case_data_dir

from casestudy.quiz import (
    QuizFormatError,
    load_quiz,
    quiz_from_dict,
    quiz_widget,
    release_quiz,
    seal_quiz,
    to_jupyterquiz,
)
from casestudy.quiz.__main__ import main as cli

pytestmark = pytest.mark.usefixtures("answers_file")

HIDDEN = {
    "title": "Hidden",
    "questions": [
        {
            "id": "q-arrest",
            "type": "single",
            "text": "When was Ghosn arrested?",
            "choices": [
                {"text": "19 November 2018", "correct": True, "feedback": "Yes, at Haneda."},
                {"text": "23 January 2019", "feedback": "He resigned then."},
                {"text": "30 December 2019"},
                {"text": "1 July 2020"},
            ],
            "explanation": "Arrested at Haneda on 19 November 2018.",
        },
        {
            "id": "q-phases",
            "type": "multiple",
            "text": "Phases?",
            "points": 2,
            "choices": [
                {"text": "Resurrection", "correct": True},
                {"text": "Renovation", "correct": True},
                {"text": "Restoration", "feedback": "Not a phase."},
            ],
            "explanation": "Resurrection, Renovation, Revolution.",
        },
        {
            "id": "q-loss",
            "type": "numeric",
            "text": "FY2020 loss, EUR m?",
            "precision": 3,
            "answers": [
                {"value": -8046, "correct": True, "feedback": "Full year: -8,046."},
                {"value": -7386, "correct": False, "feedback": "H1 only: -7,386."},
                {"range": [0, 1e12], "correct": False, "feedback": "Check the sign."},
                {"type": "default", "feedback": "See the FY2020 row."},
            ],
            "explanation": "Total -8,046; group share -8,008.",
        },
        {
            "id": "q-plan",
            "type": "text",
            "text": "Plan name?",
            "answers": [
                {"answer": "Renaulution", "correct": True, "feedback": "Renault + revolution."},
                {"answer": "Renault", "correct": False, "feedback": "The company."},
            ],
            "explanation": "Presented on 14 January 2021.",
        },
        {
            "id": "q-order",
            "type": "order",
            "text": "Order?",
            "items": ["Ghosn arrested", "Senard chairman", "de Meo CEO", "Plan presented"],
            "explanation": "2018, 2019, 2020, 2021.",
        },
        {
            "id": "q-match",
            "type": "match",
            "text": "Match?",
            "pairs": [
                {"left": "We apologise.", "right": "Rebuild"},
                {"left": "No crisis.", "right": "Deny"},
                {"left": "We did much good.", "right": "Bolster"},
            ],
            "explanation": "SCCT clusters.",
        },
        {"id": "q-reflect", "type": "reflection", "text": "Your view?"},
    ],
}
PROBES = {
    "q-arrest": ["19 November 2018", "23 January 2019", 2, "nope", None],
    "q-phases": [
        ["Resurrection", "Renovation"],
        ["Resurrection"],
        ["Restoration", "Renovation"],
        [],
    ],
    "q-loss": ["-8046", "-8 049", "-8060", "-7386", "-7390", "5", "x", "-8,046"],
    "q-plan": ["renaulution", "RENAULT", "Dacia", ""],
    # by text: indices refer to the file's own item order, which a release shuffles
    "q-order": [
        ["Ghosn arrested", "Senard chairman", "de Meo CEO", "Plan presented"],
        ["Senard chairman", "Ghosn arrested", "de Meo CEO", "Plan presented"],
        [0],
    ],
    "q-match": [["Rebuild", "Deny", "Bolster"], ["Deny", "Deny", "Bolster"], ["Rebuild"]],
    "q-reflect": ["Mine.", ""],
}


@pytest.fixture
def quiz():
    return quiz_from_dict(HIDDEN, "01-crisis")


def outcomes(quiz, attempt=1):
    return [
        (qid, repr(r), res.correct, res.score, res.valid, res.feedback, res.explanation)
        for qid, responses in PROBES.items()
        for r in responses
        for res in [quiz[qid].check(r, attempt=attempt)]
    ]


def test_release_file_hides_the_key_and_checks_the_same(quiz, tmp_path):
    report = release_quiz(quiz, tmp_path / "student")
    path = tmp_path / "student" / "01-crisis.yaml"
    assert report.path == path and report.hidden == 4 + 3 + 2 + 2 + 4 + 3
    text = path.read_text(encoding="utf-8")
    # no correct flag, no value, no accepted word, no feedback, no explanation in clear
    assert "correct: true" not in text.replace("correct: true\n    feedback_sealed", "")
    for secret in [
        "-8046",
        "8046",
        "Renaulution",
        "Yes, at Haneda",
        "Full year",
        "Arrested at Haneda",
        "Renault + revolution",
        "right: Rebuild",
        "Not a phase",
        "SCCT clusters",
    ]:
        assert secret not in text, secret
    assert "release:" in text and "salt:" in text and "mark:" in text
    released = load_quiz(path)
    assert released.released and released.id == "01-crisis"
    assert outcomes(released) == outcomes(quiz)  # feedback and explanations included
    assert yaml.safe_load(text)["questions"][0]["choices"][0]["text"] == "19 November 2018"


def test_order_and_choices_are_not_left_in_authored_order(quiz):
    released, _ = seal_quiz(quiz, seed="course-2025")
    assert [i.canonical for i in released["q-order"].items] != [
        i.canonical for i in quiz["q-order"].items
    ]
    assert released["q-match"].answer is None and released["q-match"].marks


def test_explanation_in_a_release_opens_only_on_a_correct_answer(quiz):
    released, _ = seal_quiz(quiz)
    assert quiz["q-arrest"].check(1, attempt=3).explanation  # the instructor file reveals it
    assert released["q-arrest"].check(1, attempt=3).explanation is None
    assert released["q-arrest"].check(0).explanation == "Arrested at Haneda on 19 November 2018."
    assert released["q-loss"].check("-8046").explanation.startswith("Total -8,046")


def test_what_cannot_be_hashed_stays_readable_and_is_reported():
    data = yaml.safe_load(SAMPLE_YAML)
    quiz = quiz_from_dict(data, "01-crisis")
    released, report = seal_quiz(quiz)
    assert any("q-loss: answers[0] (tolerance" in v for v in report.visible)
    assert any("q-loss: answers[2] (range" in v for v in report.visible)
    assert any("q-loss: explanation" in v for v in report.visible)
    assert released["q-loss"].check("-8045.5").correct  # the tolerance still works
    assert "readable" in str(report)


def test_release_to_a_file_path(quiz, tmp_path):
    report = release_quiz(quiz, tmp_path / "out" / "renamed.yml")
    assert report.path == tmp_path / "out" / "renamed.yml"
    assert load_quiz(report.path)["q-arrest"].check(0).correct


def test_seed_makes_releases_reproducible(quiz, tmp_path):
    a = release_quiz(quiz, tmp_path / "a", seed="s3cret").path.read_text(encoding="utf-8")
    b = release_quiz(quiz, tmp_path / "b", seed="s3cret").path.read_text(encoding="utf-8")
    c = release_quiz(quiz, tmp_path / "c").path.read_text(encoding="utf-8")
    assert a == b and a != c


def test_a_released_quiz_is_not_exported_or_released_again(quiz):
    released, _ = seal_quiz(quiz)
    with pytest.raises(QuizFormatError, match="student release"):
        to_jupyterquiz(released)
    with pytest.raises(ValueError, match="already a student release"):
        seal_quiz(released)


def test_honest_limit_a_kernel_can_brute_force_a_choice(quiz):
    released, _ = seal_quiz(quiz)
    question = released["q-arrest"]
    assert [i for i in range(len(question.choices)) if question.is_correct_choice(i)] == [0]


def test_widget_works_on_a_release(quiz, tmp_path):
    path = release_quiz(quiz, tmp_path / "student").path
    w = quiz_widget(path)
    w.blocks["q-plan"].controls[0].value = "renaulution"
    w.blocks["q-plan"].button.click()
    assert "Renault + revolution." in w.blocks["q-plan"].feedback.value
    assert "1 of 7 answered — score 1 / 7" in quiz_widget(path).progress.value


def test_cli_release(tmp_path, monkeypatch, capsys):
    folder = case_data_dir(tmp_path, {"01-crisis.yaml": yaml.safe_dump(HIDDEN)})
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(folder))
    source = folder / "quizzes" / "01-crisis.yaml"
    assert cli(["release", str(source), "-o", str(tmp_path / "build" / "student")]) == 0
    out = capsys.readouterr().out
    assert "01-crisis" in out and "answer(s) hashed" in out
    released = load_quiz(tmp_path / "build" / "student" / "01-crisis.yaml")
    assert released["q-arrest"].check("19 November 2018").correct
    assert cli(["check", str(tmp_path / "build" / "student" / "01-crisis.yaml")]) == 0
    from casestudy.data import clear_cache

    clear_cache()
