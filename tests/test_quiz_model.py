"""The quiz engine: every question type right, wrong and invalid, and the jupyterquiz rules."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from casestudy import i18n
from casestudy.quiz import quiz_from_dict
from casestudy.quiz.model import (
    InvalidResponse,
    levenshtein,
    parse_number,
    round_significant,
    seeded_order,
    similarity,
)

HUGE = "x" * 100_000


pytestmark = pytest.mark.usefixtures("answers_file")


def one(question: dict):
    return quiz_from_dict({"questions": [question]}, "t")[question["id"]]


SINGLE = {
    "id": "q-arrest",
    "type": "single",
    "text": "When was Carlos Ghosn arrested in Tokyo?",
    "text_fr": "Quand Carlos Ghosn a-t-il été arrêté à Tokyo ?",
    "choices": [
        {
            "text": "19 November 2018",
            "text_fr": "19 novembre 2018",
            "correct": True,
            "feedback": "Yes: at Haneda airport.",
            "feedback_fr": "Oui : à l'aéroport de Haneda.",
        },
        {"text": "23 January 2019", "feedback": "That is when he resigned."},
        "30 December 2019",
    ],
    "explanation": "Arrested on 19 Nov 2018; he resigned from Renault on 23 Jan 2019.",
    "bloom": "remember",
}
MULTIPLE = {
    "id": "q-phases",
    "type": "multiple",
    "text": "Which were phases of Renaulution?",
    "choices": [
        {"text": "Resurrection", "correct": True},
        {"text": "Renovation", "correct": True},
        {"text": "Revolution", "correct": True},
        {"text": "Restoration", "feedback": "Not a phase."},
    ],
    "points": 3,
}
NUMERIC = {
    "id": "q-loss",
    "type": "numeric",
    "text": "FY2020 net income (total), EUR m?",
    "answers": [
        {"value": -8046, "correct": True, "tolerance": 1, "feedback": "Full-year total."},
        {"value": -7386, "correct": False, "tolerance": 1, "feedback": "That is H1 2020."},
        {"range": [0, 1e9], "correct": False, "feedback": "Check the sign."},
        {"type": "default", "feedback": "Look at the FY2020 row."},
    ],
}
TEXT = {
    "id": "q-name",
    "type": "text",
    "text": "Name of the 2021 plan?",
    "answers": [
        {"answer": "Renaulution", "correct": True, "fuzzy_threshold": 0.8},
        {"answer": "Renault", "correct": False, "feedback": "The plan, not the company."},
    ],
}
ORDER = {
    "id": "q-order",
    "type": "order",
    "text": "Put in order.",
    "items": ["Ghosn arrested", "Senard chairman", "de Meo CEO", "Renaulution"],
    "explanation": "Nov 2018, Jan 2019, Jul 2020, Jan 2021.",
}
MATCH = {
    "id": "q-match",
    "type": "match",
    "text": "Match each statement to a strategy.",
    "pairs": [
        {"left": "We apologise and will compensate.", "right": "Rebuild"},
        {"left": "There is no crisis.", "right": "Deny"},
        {"left": "We take full responsibility.", "right": "Rebuild"},
    ],
    "distractors": ["Bolster"],
}
REFLECTION = {
    "id": "q-reflect",
    "type": "reflection",
    "text": "Who paid for the documentary, and why does it matter?",
    "explanation": "A model answer mentions sponsorship and editorial independence.",
}


# --------------------------------------------------------------------------- single


def test_single_right_by_text_and_index():
    q = one(SINGLE)
    by_text = q.check("19 November 2018")
    assert by_text.correct is True and by_text.score == 1
    assert "Correct!" in by_text.feedback and "Haneda" in by_text.feedback
    assert by_text.explanation.startswith("Arrested")
    assert q.check(0).correct is True
    assert q.check("  19 NOVEMBER 2018 ").correct is True  # trimmed, any case
    assert q.check("19 novembre 2018").correct is True  # the French label also identifies it


def test_single_wrong_gives_choice_feedback_and_no_explanation_yet():
    q = one(SINGLE)
    result = q.check("23 January 2019")
    assert result.correct is False and result.score == 0
    assert "resigned" in result.feedback
    assert result.explanation is None
    assert q.check(1, attempt=3).explanation is not None  # shown after reveal_after tries


@pytest.mark.parametrize(
    "response, message",
    [
        (None, "Please give an answer first"),
        ("", "Please give an answer first"),
        ([], "Please give an answer first"),
        ("1 January 2000", "is not one of the choices"),
        (7, "is not one of the choices"),
        (-1, "is not one of the choices"),
        (True, "not accepted here"),
        (1.5, "not accepted here"),
        ({"a": 1}, "not accepted here"),
        ([0, 1], "exactly one"),
        (HUGE, "too long"),
    ],
)
def test_single_invalid_never_raises(response, message):
    result = one(SINGLE).check(response)
    assert result.valid is False and result.correct is None and result.score == 0
    assert message in result.feedback


# --------------------------------------------------------------------------- multiple


def test_multiple_all_found():
    q = one(MULTIPLE)
    result = q.check(["Resurrection", "Renovation", 2])
    assert result.correct is True and result.score == 3
    assert "3 of 3 correct answers found" in result.feedback


def test_multiple_partial_says_k_of_n_and_gives_partial_credit():
    result = one(MULTIPLE).check(["Resurrection", "Restoration"])
    assert result.correct is False
    assert (result.found, result.total) == (1, 3)
    assert "1 of 3 correct answers found" in result.feedback
    assert "1 selected answer(s) are not correct" in result.feedback
    assert "Not a phase." in result.feedback
    assert result.score == 0  # one found minus one wrong
    assert one(MULTIPLE).check([0, 1]).score == 2


@pytest.mark.parametrize("response", [None, [], "Nope", [0, 99], [None], HUGE, object()])
def test_multiple_invalid(response):
    assert one(MULTIPLE).check(response).valid is False


# --------------------------------------------------------------------------- numeric


@pytest.mark.parametrize("typed", ["-8046", "-8 046", "−8046", "-8046.4", "-8\u202f046", -8046])
def test_numeric_right(typed):
    result = one(NUMERIC).check(typed)
    assert result.correct is True, typed
    assert "Full-year total." in result.feedback


def test_numeric_wrong_answer_has_its_own_feedback_first_match_wins():
    q = one(NUMERIC)
    assert "H1 2020" in q.check("-7386").feedback
    assert "Check the sign" in q.check("8046").feedback
    assert "FY2020 row" in q.check("-100").feedback  # the default answer's feedback


@pytest.mark.parametrize(
    "typed, message",
    [
        ("abc", "not a number I can read"),
        ("-8,046", "ambiguous"),
        ("1/0", "divides by zero"),
        ("1/2/3", "not a number"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("1e999", "not a number"),
        (math.nan, "not a number"),
        ("", "Please give an answer first"),
        (None, "Please give an answer first"),
        (True, "not accepted"),
        ([1], "not accepted"),
        (HUGE, "too long"),
    ],
)
def test_numeric_invalid(typed, message):
    result = one(NUMERIC).check(typed)
    assert result.valid is False and message in result.feedback


@pytest.mark.parametrize(
    "text, value",
    [
        ("7.3", 7.3),
        ("7,3", 7.3),
        ("-8 046", -8046.0),
        ("22/7", 22 / 7),
        (" 1 / 4 ", 0.25),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("0,125", 0.125),
        ("7,30", 7.3),
        ("6.3 %", 6.3),
        ("+5", 5.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("- 3", -3.0),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value, rel=0, abs=0)


@pytest.mark.parametrize("text", ["8,046", "1,5,6", "1.2.3", "7..3", "1_000", "0x10", "e5", "--1"])
def test_parse_number_rejects(text):
    with pytest.raises(InvalidResponse):
        parse_number(text)


def test_numeric_relative_tolerance_and_shorthand():
    q = one(
        {"id": "m", "type": "numeric", "text": "Margin %?", "answer": 7.9, "rel_tolerance": 0.02}
    )
    assert q.check("7,9").correct and q.check("8.05").correct
    assert not q.check("8.1").correct


# --------------------------------------------------------------------------- jupyterquiz rules


def test_range_is_half_open():
    q = one(
        {
            "id": "r",
            "type": "numeric",
            "text": "?",
            "answers": [{"range": [1, 2], "correct": True}, {"type": "default", "feedback": "no"}],
        }
    )
    assert q.check("1").correct is True
    assert q.check("1.999").correct is True
    assert q.check("2").correct is False  # [1, 2): the top is excluded
    assert q.check("0.999").correct is False


def test_first_match_wins_in_listed_order():
    q = one(
        {
            "id": "f",
            "type": "numeric",
            "text": "?",
            "answers": [
                {"range": [0, 10], "correct": False, "feedback": "first"},
                {"value": 5, "correct": True, "feedback": "second"},
            ],
        }
    )
    result = q.check("5")
    assert result.correct is False and "first" in result.feedback


def test_precision_is_significant_digits_on_submission_and_value():
    q = one(
        {
            "id": "p",
            "type": "numeric",
            "text": "?",
            "precision": 2,
            "answers": [{"value": -8046, "correct": True}],
        }
    )
    assert q.check("-8000").correct  # both round to -8.0e3
    assert q.check("-8049").correct
    assert q.check("-7951").correct
    assert not q.check("-8051").correct  # -8.1e3
    assert not q.check("-7949").correct  # -7.9e3
    # the rounded submission is what is compared with a range (the bounds are not rounded)
    r = one(
        {
            "id": "p2",
            "type": "numeric",
            "text": "?",
            "precision": 1,
            "answers": [{"range": [10, 20], "correct": True}],
        }
    )
    assert r.check("9.6").correct  # rounds to 10
    assert not r.check("19").correct  # rounds to 20, outside [10, 20)


def test_round_significant_matches_javascript_toPrecision():
    # values from Number(x).toPrecision(p) in a browser
    assert round_significant(0.125, 2) == 0.13  # exact binary tie: away from zero
    assert round_significant(-0.125, 2) == -0.13
    assert round_significant(1.005, 3) == 1.0  # 1.005 is 1.00499999... in binary
    assert round_significant(123456, 3) == 123000
    assert round_significant(9.96, 2) == 10
    assert round_significant(2.5, 1) == 3
    assert round_significant(0.0, 3) == 0


def test_fraction_input():
    q = one(
        {
            "id": "pi",
            "type": "numeric",
            "text": "?",
            "precision": 3,
            "answers": [{"value": 3.14159, "correct": True}],
        }
    )
    assert q.check("22/7").correct  # 3.142857 -> 3.14
    assert not q.check("7/2").correct


def test_string_case_insensitive_unless_match_case():
    q = one({"id": "s", "type": "text", "text": "?", "answer": "Dacia"})
    assert q.check("dacia").correct and q.check("  DACIA ").correct
    strict = one(
        {
            "id": "s2",
            "type": "text",
            "text": "?",
            "answers": [{"answer": "EV", "correct": True, "match_case": True}],
        }
    )
    assert strict.check("EV").correct and not strict.check("ev").correct


def test_fuzzy_threshold_on_levenshtein_similarity():
    q = one(TEXT)
    assert q.check("Renaulution").correct
    close = q.check("Renaultion")  # one deletion: similarity 1 - 1/11 = 0.909
    assert close.correct and "close spelling" in close.feedback
    assert similarity("renaulution", "renaultion") == pytest.approx(1 - 1 / 11)
    # "Renault" matches the second answer exactly; similarity to the first is only 7/11
    wrong = q.check("renault")
    assert wrong.correct is False and "The plan, not the company." in wrong.feedback
    assert not q.check("Revolution").correct  # 1 - 3/11 < 0.8


def test_fuzzy_boundary_is_inclusive():
    q = one(
        {
            "id": "b",
            "type": "text",
            "text": "?",
            "answers": [{"answer": "abcde", "correct": True, "fuzzy_threshold": 0.8}],
        }
    )
    assert q.check("abcdx").correct  # exactly 0.8
    assert not q.check("abcxx").correct  # 0.6


def test_levenshtein():
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3
    assert levenshtein("same", "same") == 0


@pytest.mark.parametrize("response", [None, "", "   ", 42, ["a"], HUGE])
def test_text_invalid(response):
    assert one(TEXT).check(response).valid is False


# --------------------------------------------------------------------------- order


def test_order_right_wrong_invalid():
    q = one(ORDER)
    right = q.check(["Ghosn arrested", "Senard chairman", "de Meo CEO", "Renaulution"])
    assert right.correct is True and right.score == 1 and right.explanation
    swapped = q.check([1, 0, 2, 3])
    assert swapped.correct is False and swapped.found == 2
    assert "2 of 4 items in the right place" in swapped.feedback
    assert swapped.score == 0.5
    for bad in ([0, 0, 1, 2], [0, 1, 2], [0, 1, 2, None], "0123", None, [0, 1, 2, 9], HUGE):
        assert q.check(bad).valid is False, bad
    assert "Place every item exactly once" in q.check([0, 0, 1, 2]).feedback


def test_order_from_events_table():
    from casestudy.quiz import order_from_events

    events = [
        {"id": "ev-2", "date": "2019-01-24", "title_en": "Senard chairman", "source_id": "s2"},
        {
            "id": "ev-1",
            "date": "2018-11-19",
            "title_en": "Ghosn arrested",
            "title_fr": "Arrestation",
            "source_id": "s1",
        },
        {"id": "ev-3", "date": "2020-07-01", "title_en": "de Meo CEO", "source_id": "s3"},
    ]
    q = order_from_events(events, id="o", ids=["ev-3", "ev-1", "ev-2"])
    assert [i.canonical for i in q.items] == ["Ghosn arrested", "Senard chairman", "de Meo CEO"]
    assert q.items[0].get("fr") == "Arrestation" and q.source_id == "s1"
    assert q.check(["Ghosn arrested", "Senard chairman", "de Meo CEO"]).correct
    with pytest.raises(ValueError, match="share a date"):
        order_from_events([*events, {"id": "x", "date": "2018-11-19", "title_en": "x"}], id="o")
    with pytest.raises(ValueError, match="no event"):
        order_from_events(events, id="o", ids=["ev-9", "ev-1"])


# --------------------------------------------------------------------------- match


def test_match_right_wrong_invalid():
    q = one(MATCH)
    right = q.check(
        {
            "We apologise and will compensate.": "Rebuild",
            "There is no crisis.": "Deny",
            "We take full responsibility.": "Rebuild",
        }
    )
    assert right.correct is True and right.score == 1
    partial = q.check(["Rebuild", "Bolster", "Rebuild"])
    assert partial.correct is False and partial.found == 2
    assert "2 of 3 pairs right" in partial.feedback
    for bad in (
        None,
        ["Rebuild"],
        ["Rebuild", None, "Deny"],
        {"unknown": "Deny"},
        "Rebuild",
        ["Rebuild", "Nope", "Deny"],
        {0: "Deny"},
        HUGE,
    ):
        assert q.check(bad).valid is False, bad


# --------------------------------------------------------------------------- reflection


def test_reflection_is_saved_not_graded():
    q = one(REFLECTION)
    result = q.check("Renault paid, so it is brand content.")
    assert result.correct is None and result.valid and result.score == 0 and result.max_score == 0
    assert "Not graded" in result.feedback and result.explanation.startswith("A model answer")
    assert q.check("   ").valid is False
    assert q.check("y" * 20_001).valid is False
    assert q.check(12).valid is False


# --------------------------------------------------------------------------- shared behaviour


def test_invalid_response_is_stored_short():
    result = one(SINGLE).check(HUGE)
    assert len(result.response) < 600


def test_check_never_raises_on_internal_error(monkeypatch):
    q = one(SINGLE)
    monkeypatch.setattr(type(q), "_grade", lambda self, value, lang: 1 / 0)
    with pytest.warns(RuntimeWarning, match="ZeroDivisionError"):
        result = q.check(0)
    assert result.valid is False and "went wrong" in result.feedback


def test_french_texts_and_messages():
    q = one(SINGLE)
    i18n.set_language("fr")
    result = q.check(0)
    assert result.verdict.startswith("Bonne réponse")
    assert "Haneda" in result.feedback and "l'aéroport" in result.feedback
    assert q.text.get() == "Quand Carlos Ghosn a-t-il été arrêté à Tokyo ?"
    assert q.check(None).feedback.startswith("Non vérifié")
    # without a French text the English one is used
    assert one(MULTIPLE).text.get() == "Which were phases of Renaulution?"


def test_seeded_order_is_stable_across_processes():
    here = seeded_order(8, "q-arrest")
    code = "from casestudy.quiz.model import seeded_order; print(seeded_order(8, 'q-arrest'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(here)
    assert sorted(here) == list(range(8))


def test_import_is_light():
    code = (
        "import sys, casestudy.quiz, casestudy.quiz.model, casestudy.quiz.store;"
        "print('ipywidgets' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_quiz_repr_is_deterministic():
    quiz = quiz_from_dict({"questions": [SINGLE, MULTIPLE, REFLECTION]}, "00-demo")
    assert repr(quiz) == "Quiz('00-demo', 3 questions, 4 points)"
    assert quiz.max_score == 4 and quiz.ids == ["q-arrest", "q-phases", "q-reflect"]


@pytest.mark.parametrize(
    "name",
    [
        "casestudy.i18n",
        "casestudy.quiz",
        "casestudy.quiz.model",
        "casestudy.quiz.errors",
        "casestudy.quiz.markup",
    ],
)
def test_docstring_examples(name):
    import doctest
    import importlib

    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
    i18n.set_language("en")
