"""The quiz bank as Moodle XML: every course question, the right type, the right key."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from conftest_quiz import course_questions

from casestudy.__main__ import main as casestudy_main
from casestudy.lms import MOODLE_WRITERS, moodle_bank, write_moodle_xml
from casestudy.quiz import load_quiz
from casestudy.quiz.files import available_quizzes
from casestudy.quiz.markup import plain_text, sanitize_html
from casestudy.quiz.model import QUESTION_TYPES
from casestudy.quiz.release import seal_quiz
from casestudy.quiz.validate import quiz_from_dict

EXPECTED_TYPE = {
    "single": "multichoice",
    "multiple": "multichoice",
    "numeric": "numerical",
    "text": "shortanswer",
    "match": "matching",
    "order": "ordering",
    "reflection": "essay",
}


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    """The whole course bank, written to a file and parsed back."""
    path = tmp_path_factory.mktemp("bank") / "bank.xml"
    report = write_moodle_xml(path)
    root = ET.parse(path).getroot()
    by_id = {
        el.findtext("idnumber"): el for el in root.iter("question") if el.get("type") != "category"
    }
    return root, by_id, report


def test_every_question_type_has_a_moodle_writer():
    assert set(MOODLE_WRITERS) == set(QUESTION_TYPES)


def test_every_course_question_appears_once_with_its_type(bank):
    root, by_id, report = bank
    questions = list(course_questions())
    assert len(by_id) == len(questions) == report.questions
    for quiz, q in questions:
        el = by_id[f"{quiz.id}/{q.id}"]
        assert el.get("type") == EXPECTED_TYPE[q.type], q.id
        assert float(el.findtext("defaultgrade")) == q.max_score
    categories = [
        el.findtext("category/text") for el in root.iter("question") if el.get("type") == "category"
    ]
    assert categories == [
        f"$course$/top/Anatomy of a Comeback/{name}" for name in available_quizzes()
    ]


def _fractions(el):
    return [float(a.get("fraction")) for a in el.findall("answer")]


def test_choice_keys_and_fractions(bank):
    _, by_id, _ = bank
    checked = 0
    for quiz, q in course_questions("single", "multiple"):
        el = by_id[f"{quiz.id}/{q.id}"]
        fractions = _fractions(el)
        right = [bool(c.correct) for c in q.choices]
        assert el.findtext("single") == ("true" if q.type == "single" else "false")
        assert [f > 0 for f in fractions] == right, q.id
        assert math.isclose(sum(f for f in fractions if f > 0), 100, abs_tol=0.01), q.id
        if q.type == "multiple":  # a wrong choice takes back what a right one gives
            k = sum(right)
            assert all(math.isclose(f, -100 / k, abs_tol=1e-4) for f in fractions if f <= 0)
        checked += 1
    assert checked > 30


def _moodle_numerical(el, x):
    """Moodle's numerical rule: the first answer whose value ± tolerance holds x decides."""
    for a in el.findall("answer"):
        text = a.findtext("text")
        if text == "*":
            return False
        if abs(x - float(text)) <= float(a.findtext("tolerance")) + 1e-12:
            return float(a.get("fraction")) == 100
    return False


def test_numeric_answers_grade_as_in_the_notebooks(bank):
    """Inside each exported interval (its ends aside), Moodle and our engine agree."""
    _, by_id, _ = bank
    probes = 0
    for quiz, q in course_questions("numeric"):
        el = by_id[f"{quiz.id}/{q.id}"]
        assert any(float(a.get("fraction")) == 100 for a in el.findall("answer")), q.id
        for a in el.findall("answer"):
            if a.findtext("text") == "*":
                continue
            value, tolerance = float(a.findtext("text")), float(a.findtext("tolerance"))
            for x in (value, value - 0.999 * tolerance, value + 0.999 * tolerance):
                assert _moodle_numerical(el, x) == bool(q.check(repr(x)).correct), (q.id, x)
                probes += 1
    assert probes > 60


def test_a_correct_tolerance_is_written_as_authored(bank):
    _, by_id, _ = bank
    for quiz, q in course_questions("numeric"):
        exported = {
            float(a.findtext("text")): float(a.findtext("tolerance"))
            for a in by_id[f"{quiz.id}/{q.id}"].findall("answer")
            if a.findtext("text") != "*"
        }
        for a in q.answers:
            if a.kind == "value":
                assert exported[a.value] == (a.tolerance or 0), q.id
            elif math.isfinite(a.low) and math.isfinite(a.high):
                assert exported[(a.low + a.high) / 2] == (a.high - a.low) / 2, q.id


def test_short_answers_matching_and_ordering_keep_the_key(bank):
    _, by_id, report = bank
    for quiz, q in course_questions():
        el = by_id[f"{quiz.id}/{q.id}"]
        if q.type == "text":
            accepted = [
                a.findtext("text") for a in el.findall("answer") if a.get("fraction") == "100"
            ]
            assert accepted == [a.answer for a in q.answers if a.correct]
            assert el.findtext("usecase") == ("1" if any(a.match_case for a in q.answers) else "0")
        elif q.type == "match":
            pairs = [
                (s.findtext("text"), s.findtext("answer/text"))
                for s in el.findall("subquestion")
                if s.findtext("text")
            ]
            assert pairs == [
                (sanitize_html(left.get("en")), plain_text(q.options[j].get("en")))
                for left, j in zip(q.lefts, q.answer, strict=True)
            ]
        elif q.type == "order":
            assert [a.findtext("text") for a in el.findall("answer")] == [
                sanitize_html(i.get("en")) for i in q.items
            ]
            assert el.findtext("gradingtype") == "ABSOLUTE_POSITION"
        elif q.type == "reflection":
            assert el.findtext("defaultgrade") == "0"
    fuzzy = [w for w in report.warnings if "similarity" in w]
    assert fuzzy and all("matched exactly" in w for w in fuzzy)
    assert any("qtype_ordering" in w for w in report.warnings)


HOSTILE = {
    "title": "Tricky & <b>bold</b>",
    "questions": [
        {
            "id": "q-hostile",
            "type": "single",
            "text": "Pick <script>alert('x')</script> ]]> & <img src=x onerror=alert(1)>",
            "choices": [
                {"text": "A </text></answer><answer fraction='100'>", "correct": True},
                {"text": "B & C", "feedback": "<iframe src=evil></iframe> no"},
            ],
            "explanation": "Because ]]><!-- & -->",
        },
        {
            "id": "q-star",
            "type": "text",
            "text": "Type a star",
            "answers": [{"answer": "a*b", "correct": True}],
        },
        {
            "id": "q-three",
            "type": "multiple",
            "text": "Three right",
            "choices": [
                {"text": "x", "correct": True},
                {"text": "y", "correct": True},
                {"text": "z", "correct": True},
                {"text": "w"},
            ],
        },
    ],
}


def test_hostile_text_reaches_moodle_as_text(tmp_path):
    quiz = quiz_from_dict(HOSTILE, "hostile")
    path = tmp_path / "bank.xml"
    write_moodle_xml(path, [quiz])
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw and "<iframe" not in raw and "<img" not in raw
    root = ET.parse(path).getroot()  # still well-formed
    q = next(el for el in root.iter("question") if el.findtext("idnumber") == "hostile/q-hostile")
    # what Moodle reads as HTML: the tags are escaped, so the browser shows them as text
    assert "&lt;script&gt;" in q.findtext("questiontext/text")
    assert len(q.findall("answer")) == 2
    assert [a.get("fraction") for a in q.findall("answer")] == ["100", "0"]
    assert "&lt;/text&gt;" in q.findall("answer")[0].findtext("text")
    star = next(el for el in root.iter("question") if el.findtext("idnumber") == "hostile/q-star")
    assert star.findtext("answer/text") == r"a\*b"
    three = next(el for el in root.iter("question") if el.findtext("idnumber") == "hostile/q-three")
    assert [a.get("fraction") for a in three.findall("answer")] == ["33.33333"] * 3 + ["-33.33333"]


def test_a_student_release_is_refused():
    released, _ = seal_quiz(load_quiz("01-crisis"), seed="s")
    with pytest.raises(ValueError, match="student release"):
        moodle_bank([released])


def test_command_line_writes_french_and_prints_warnings(tmp_path, capsys):
    out = tmp_path / "fr.xml"
    code = casestudy_main(
        [
            "quiz",
            "bank",
            "--format",
            "moodle-xml",
            "--out",
            str(out),
            "--quiz",
            "00-start-here",
            "--lang",
            "fr",
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and str(out) in captured.out
    root = ET.parse(out).getroot()
    quiz = load_quiz("00-start-here")
    texts = [
        el.findtext("questiontext/text")
        for el in root.iter("question")
        if el.get("type") != "category"
    ]
    assert texts == [sanitize_html(q.text.get("fr")) for q in quiz]
    assert texts != [sanitize_html(q.text.get("en")) for q in quiz]
