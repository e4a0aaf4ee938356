"""Quiz files: YAML validation that names file, question and field; jupyterquiz JSON in and out."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml
from conftest_quiz import SAMPLE_YAML, case_data_dir

from casestudy.quiz import (
    QuizFormatError,
    from_jupyterquiz,
    load_quiz,
    quiz_to_dict,
    save_quiz,
    to_jupyterquiz,
)
from casestudy.quiz.__main__ import main as cli

pytestmark = pytest.mark.usefixtures("answers_file")


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = case_data_dir(tmp_path, {"01-crisis.yaml": SAMPLE_YAML})
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(folder))
    yield folder
    from casestudy.data import clear_cache

    clear_cache()


def write(folder, name, text):
    path = folder / "quizzes" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(folder, text, name="bad.yaml"):
    path = write(folder, name, text)
    with pytest.raises(QuizFormatError) as info:
        load_quiz(path)
    return info.value


# --------------------------------------------------------------------------- loading


def test_load_by_name_uses_the_file_stem_as_quiz_id(data):
    quiz = load_quiz("01-crisis")
    assert quiz.id == "01-crisis" and len(quiz) == 7
    assert [q.type for q in quiz] == [
        "single",
        "multiple",
        "numeric",
        "text",
        "order",
        "match",
        "reflection",
    ]
    assert quiz.title.get("fr") == "Quiz d'essai"
    assert quiz["q-arrest"].check("19 November 2018").correct


def test_load_by_file_name_finds_the_quiz_folder(data):
    assert load_quiz("01-crisis.yaml").id == "01-crisis"


def test_unknown_name_lists_available_quizzes(data):
    with pytest.raises(QuizFormatError, match=r"no quiz named '99-nope' \(available: 01-crisis\)"):
        load_quiz("99-nope")


def test_error_names_file_question_and_field(data):
    error = problems_of(
        data,
        """\
        questions:
          - id: q-loss-2020
            type: numeric
            text: Loss?
            answer: abc
        """,
        name="01-crisis-bad.yaml",
    )
    assert str(error).endswith(
        "case-data/quizzes/01-crisis-bad.yaml: question 'q-loss-2020': field 'answer': "
        "expected a number, got 'abc'"
    )
    detail = error.details[0]
    assert (detail.question, detail.field) == ("q-loss-2020", "answer")
    assert detail.file.endswith("quizzes/01-crisis-bad.yaml")


def test_quiz_format_error_is_a_case_data_error():
    from casestudy.data import CaseDataError

    assert issubclass(QuizFormatError, CaseDataError)


OK = "choices: [{text: p, correct: true}, q]"


@pytest.mark.parametrize(
    "body, question, field, message",
    [
        (
            "- {id: a, type: single, text: x, choices: [{text: p, correct: true}, q]}\n"
            "- {id: a, type: single, text: y, choices: [{text: p, correct: true}, q]}",
            "a",
            "id",
            "duplicate id",
        ),
        ("- {id: a, type: essay, text: x}", "a", "type", "unknown type 'essay'"),
        (
            "- {id: a, type: single, text: x, bloom: memorise, " + OK + "}",
            "a",
            "bloom",
            "expected one of ['remember'",
        ),
        (
            "- {id: a, type: single, text: x, choices: [p, q]}",
            "a",
            "choices",
            "missing correct answer",
        ),
        (
            "- {id: a, type: single, text: x, "
            "choices: [{text: p, correct: true}, {text: q, correct: true}]}",
            "a",
            "choices",
            "use type 'multiple'",
        ),
        (
            "- {id: a, type: multiple, text: x, choices: [{text: p, correct: true}, q]}",
            "a",
            "choices",
            "at least 2 correct",
        ),
        ("- {id: a, type: numeric, text: x}", "a", "answer", "missing correct answer"),
        (
            "- {id: a, type: numeric, text: x, answers: [{value: 1, correct: false}]}",
            "a",
            "answers",
            "missing correct answer",
        ),
        (
            "- {id: a, type: text, text: x, answers: [{answer: y, correct: false}]}",
            "a",
            "answers",
            "missing correct answer",
        ),
        (
            "- {id: a, type: single, text: x, points: 0, choices: [{text: p, correct: true}, q]}",
            "a",
            "points",
            "expected a positive number",
        ),
        (
            "- {id: a, type: single, text: x, points: -2, choices: [{text: p, correct: true}, q]}",
            "a",
            "points",
            "expected a positive number",
        ),
        (
            "- {id: a, type: single, text: x, source_id: nowhere, " + OK + "}",
            "a",
            "source_id",
            "'nowhere' is not an id in sources.csv",
        ),
        (
            "- {id: a, type: single, text: x, explaination: y, " + OK + "}",
            "a",
            "explaination",
            "did you mean 'explanation'",
        ),
        (
            "- {id: a, type: numeric, text: x, answers: [{range: [5, 1], correct: true}]}",
            "a",
            "answers[0].range",
            "expected low < high",
        ),
        ("- {id: a, type: numeric, text: x, precision: 0, answer: 1}", "a", "precision", "1 to 21"),
        (
            "- {id: a, type: text, text: x, fuzzy_threshold: 2, answer: y}",
            "a",
            "fuzzy_threshold",
            "between 0 and 1",
        ),
        ("- {id: a, type: order, text: x, items: [p, p]}", "a", "items[1]", "same text"),
        ("- {id: a, type: single, choices: [{text: p, correct: true}, q]}", "a", "text", "missing"),
        ("- {id: 'has space', type: single, text: x}", "#1", "id", "expected an id"),
        (
            "- {id: a, type: single, text: x, choices: [{text: p, correct: yes please}, q]}",
            "a",
            "choices[0].correct",
            "expected true or false",
        ),
        (
            "- {id: a, type: match, text: x, pairs: [{left: p, right: A}, {left: q}]}",
            "a",
            "pairs[1].right",
            "missing",
        ),
    ],
)
def test_validation_problems(data, body, question, field, message):
    error = problems_of(data, "questions:\n" + textwrap.indent(body, "  ") + "\n")
    details = [(d.question, d.field) for d in error.details]
    assert (question, field) in details, error.problems
    line = next(
        p for p in error.problems if f"question '{question}'" in p and f"field '{field}'" in p
    )
    assert message in line
    assert f"case-data/quizzes/bad.yaml: question '{question}': field '{field}': " in line


def test_all_problems_are_collected(data):
    error = problems_of(
        data,
        """\
        questions:
          - {id: a, type: essay, text: x}
          - {id: b, type: numeric, text: x, answer: abc}
          - {id: c, type: single, text: x, choices: [p, q]}
        """,
    )
    assert [d.question for d in error.details] == ["a", "b", "c"]
    assert "(and 2 more problem(s))" in str(error)


def test_not_yaml_and_not_a_mapping(data):
    assert "not valid YAML" in str(problems_of(data, "questions: [\n"))
    assert "expected a mapping with 'questions'" in str(problems_of(data, "just text\n"))
    assert "non-empty list of questions" in str(problems_of(data, "questions: []\n"))


def test_unsafe_yaml_is_refused(data):
    error = problems_of(data, "questions: !!python/object/apply:os.system ['echo pwned']\n")
    assert "not valid YAML" in str(error)


def test_source_ids_not_checked_without_case_data(tmp_path, monkeypatch):
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(tmp_path / "nowhere"))
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n  - {id: a, type: single, text: x, source_id: anything,"
        " choices: [{text: p, correct: true}, q]}\n",
        encoding="utf-8",
    )
    assert load_quiz(path)["a"].source_id == "anything"


def test_order_from_event_ids(data):
    write(
        data,
        "ev.yaml",
        """\
        questions:
          - id: q-chrono
            type: order
            text: Put these events in order.
            events: [ev-020, ev-001, ev-010]
        """,
    )
    q = load_quiz(data / "quizzes" / "ev.yaml")["q-chrono"]
    assert [i.canonical for i in q.items] == [
        "Carlos Ghosn arrested in Tokyo",
        "Luca de Meo takes office",
        "Renaulution presented",
    ]
    assert q.items[0].get("fr") == "Arrestation de Carlos Ghosn" and q.source_id == "kf"
    error = problems_of(
        data, "questions:\n  - {id: o, type: order, text: x, events: [ev-001, ev-999]}\n"
    )
    assert error.details[0].field == "events" and "ev-999" in str(error)


def test_check_all_quizzes_and_cli(data, capsys):
    assert load_quiz("01-crisis")
    from casestudy.quiz import check_all_quizzes

    assert check_all_quizzes() == []
    assert cli(["check"]) == 0
    write(data, "02-bad.yaml", "questions:\n  - {id: a, type: essay, text: x}\n")
    problems = check_all_quizzes()
    assert len(problems) == 1 and "02-bad.yaml: question 'a': field 'type'" in problems[0]
    assert cli(["check"]) == 1
    assert "unknown type 'essay'" in capsys.readouterr().err


# --------------------------------------------------------------------------- YAML round trip


RESPONSES = {
    "q-arrest": ["19 November 2018", "23 January 2019", 2, None, "nope"],
    "q-phases": [["Resurrection", "Renovation"], ["Resurrection"], ["Restoration"], []],
    "q-loss": ["-8046", "-8045.5", "-7386", "12", "-1", "x", "-8 046"],
    "q-plan": ["renaulution", "Renault", "Dacia", ""],
    "q-order": [["Ghosn arrested", "Senard chairman", "de Meo CEO"], [2, 1, 0], [0, 0, 1]],
    "q-match": [["Rebuild", "Deny"], ["Bolster", "Deny"], ["Rebuild"]],
    "q-reflect": ["I would have said less.", ""],
}


def behaviour(quiz, lang="en", only=None):
    out = []
    for qid, responses in RESPONSES.items():
        if qid not in quiz or (only is not None and qid not in only):
            continue
        for response in responses:
            r = quiz[qid].check(response, lang=lang)
            out.append(
                (qid, repr(response), r.correct, r.score, r.valid, r.feedback, r.explanation)
            )
    return out


def test_yaml_round_trip_keeps_behaviour(data, tmp_path):
    quiz = load_quiz("01-crisis")
    saved = save_quiz(quiz, tmp_path / "copy" / "01-crisis.yaml")
    again = load_quiz(saved)
    assert again.id == "01-crisis"
    assert behaviour(again) == behaviour(quiz)
    assert behaviour(again, "fr") == behaviour(quiz, "fr")
    assert quiz_to_dict(again) == quiz_to_dict(quiz)


# --------------------------------------------------------------------------- jupyterquiz


# field names and semantics as in jmshea/jupyterquiz examples; question texts are ours
JQ = [
    {
        "question": "Which audiences should hear a turnaround plan before the press?",
        "type": "many_choice",
        "answer_cols": 2,
        "answers": [
            {"answer": "Employees and unions", "correct": True, "feedback": "Yes: internal first."},
            {"answer": "Key investors", "correct": True, "feedback": "Yes: no market surprise."},
            {"answer": "Competitors", "correct": False, "feedback": "No."},
        ],
    },
    {
        "question": "Operating margin went from -0.8% to 3.6%. Change in points?",
        "type": "numeric",
        "precision": 2,
        "answers": [
            {"type": "value", "value": 4.4, "correct": True, "feedback": "3.6 - (-0.8) = 4.4."},
            {"type": "range", "range": [-100, 0], "correct": False, "feedback": "Check the sign."},
            {"type": "default", "feedback": "Subtract the earlier value from the later one."},
        ],
    },
    {
        "question": "Name the device that opens with the conflict.",
        "type": "string",
        "input_width": 20,
        "answers": [
            {
                "answer": "in medias res",
                "correct": True,
                "feedback": "Right.",
                "fuzzy_threshold": 0.8,
            },
            {"type": "default", "feedback": "Hint: a Latin phrase."},
        ],
    },
    {
        "question": "What does this print?",
        "code": "print(type(casestudy.load('financials')).__name__)",
        "type": "multiple_choice",
        "answers": [
            {"code": "DataFrame", "correct": True},
            {"code": "dict", "correct": False, "feedback": "The helper returns pandas objects."},
        ],
    },
    {
        "question": "A 'many_choice' with one correct answer behaves as single choice.",
        "type": "many_choice",
        "answers": [{"answer": "yes", "correct": True}, {"answer": "no", "correct": False}],
    },
]


def test_from_jupyterquiz_semantics(tmp_path):
    path = tmp_path / "01_crisis.json"
    path.write_text(json.dumps(JQ), encoding="utf-8")
    quiz = from_jupyterquiz(path)
    assert quiz.id == "01_crisis" and quiz.ids == ["q1", "q2", "q3", "q4", "q5"]
    # single vs many decided by the number of correct answers, not by the type name
    assert [q.type for q in quiz] == ["multiple", "numeric", "text", "single", "single"]
    many = quiz["q1"].check(["Employees and unions"])
    assert "1 of 2" in many.feedback and many.correct is False
    assert quiz["q2"].check("4.4").correct
    assert quiz["q2"].check("4.36").correct  # precision 2: both sides round to 4.4
    assert not quiz["q2"].check("4.35").correct  # 4.35 is 4.3499... in binary: 4.3, as in JS
    assert "Check the sign" in quiz["q2"].check("-3").feedback
    assert "Subtract" in quiz["q2"].check("9").feedback
    assert quiz["q2"].check("22/5").correct  # a/b input
    assert quiz["q3"].check("In Media Res").correct  # case-insensitive, fuzzy
    assert "Latin" in quiz["q3"].check("flashback").feedback
    assert quiz["q4"].check("DataFrame").correct and quiz["q4"].choices[0].code
    assert quiz["q4"].code.startswith("print(")
    assert quiz["q5"].check("yes").correct
    assert dict(quiz["q1"].jupyterquiz) == {"answer_cols": 2}


def test_from_jupyterquiz_accepts_a_list_and_reports_problems():
    assert len(from_jupyterquiz(JQ)) == 5
    bad = [
        {"question": "x", "type": "essay", "answers": [{"answer": "a", "correct": True}]},
        {
            "question": "x",
            "type": "string",
            "answers": [{"answer": "a", "correct": True, "hint": 1}],
        },
        {"question": "x", "type": "numeric", "answers": [{"value": 1}]},
        {"type": "string", "answers": [{"answer": "a", "correct": True}]},
    ]
    with pytest.raises(QuizFormatError) as info:
        from_jupyterquiz(bad)
    fields = [(d.question, d.field) for d in info.value.details]
    assert fields == [
        ("q1", "type"),
        ("q2", "answers[0].hint"),
        ("q3", "answers[0].correct"),
        ("q4", "question"),
    ]
    with pytest.raises(QuizFormatError, match="non-empty JSON array"):
        from_jupyterquiz([])


def test_from_jupyterquiz_bad_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(QuizFormatError, match=r"broken.json: line 1, column 3: not valid JSON"):
        load_quiz(path)


# our own restatement of the upstream schemas (schema/*_schema.json), the parts that constrain us
MC_SCHEMA = {
    "type": "object",
    "required": ["type", "question", "answers"],
    "properties": {
        "question": {"type": "string"},
        "type": {"enum": ["multiple_choice", "many_choice"]},
        "code": {"type": "string"},
        "answers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["correct"],
                "anyOf": [{"required": ["answer"]}, {"required": ["code"]}],
                "properties": {
                    "answer": {"type": "string"},
                    "code": {"type": "string"},
                    "correct": {"type": "boolean"},
                    "feedback": {"type": "string"},
                },
            },
        },
    },
}
NUM_SCHEMA = {
    "type": "object",
    "required": ["type", "question", "answers"],
    "properties": {
        "type": {"const": "numeric"},
        "precision": {"type": "integer"},
        "answers": {
            "type": "array",
            "items": {
                "anyOf": [
                    {
                        "type": "object",
                        "required": ["value", "correct"],
                        "properties": {
                            "value": {"type": "number"},
                            "correct": {"type": "boolean"},
                            "feedback": {"type": "string"},
                        },
                    },
                    {
                        "type": "object",
                        "required": ["range", "correct"],
                        "properties": {
                            "range": {
                                "type": "array",
                                "minItems": 2,
                                "maxItems": 2,
                                "items": {"type": "number"},
                            },
                            "correct": {"type": "boolean"},
                            "feedback": {"type": "string"},
                        },
                    },
                    {
                        "type": "object",
                        "required": ["type", "feedback"],
                        "properties": {
                            "type": {"const": "default"},
                            "feedback": {"type": "string"},
                        },
                    },
                ]
            },
        },
    },
}
STRING_SCHEMA = {
    "type": "object",
    "required": ["question", "type", "answers"],
    "properties": {
        "type": {"const": "string"},
        "input_width": {"type": "integer", "minimum": 0},
        "answers": {
            "type": "array",
            "items": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["type", "feedback"],
                        "additionalProperties": False,
                        "properties": {
                            "type": {"const": "default"},
                            "feedback": {"type": "string"},
                        },
                    },
                    {
                        "type": "object",
                        "required": ["answer", "correct"],
                        "additionalProperties": False,
                        "properties": {
                            "answer": {"type": "string"},
                            "correct": {"type": "boolean"},
                            "feedback": {"type": "string"},
                            "match_case": {"type": "boolean"},
                            "fuzzy_threshold": {"type": "number"},
                        },
                    },
                ]
            },
        },
    },
}


def test_to_jupyterquiz_is_valid_upstream_json(data, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    quiz = load_quiz("01-crisis")
    out = tmp_path / "out.json"
    with pytest.warns(UserWarning, match=r"q-order \(order\), q-match \(match\), q-reflect"):
        questions = to_jupyterquiz(quiz, out)
    assert json.loads(out.read_text(encoding="utf-8")) == questions  # strict JSON: no Infinity
    assert "Infinity" not in out.read_text(encoding="utf-8")
    schemas = {
        "multiple_choice": MC_SCHEMA,
        "many_choice": MC_SCHEMA,
        "numeric": NUM_SCHEMA,
        "string": STRING_SCHEMA,
    }
    for question in questions:
        jsonschema.validate(question, schemas[question["type"]])
    first = questions[0]
    assert first["type"] == "multiple_choice" and first["id"] == "q-arrest"
    assert first["points"] == 1 and first["bloom"] == "remember" and first["source_id"] == "kf"
    assert first["lang"] == "en" and first["explanation"].startswith("He was arrested")
    assert first["translations"]["fr"]["question"].startswith("Quand")
    assert questions[1]["type"] == "many_choice"
    # a tolerance becomes a half-open range that still includes its top end
    loss = questions[2]["answers"][0]
    assert loss["type"] == "range" and loss["range"][0] < -8047 < loss["range"][1]
    with pytest.raises(QuizFormatError, match="no equivalent"):
        to_jupyterquiz(quiz, unsupported="error")


def test_yaml_to_jupyterquiz_to_model_keeps_behaviour(data):
    quiz = load_quiz("01-crisis")
    back = from_jupyterquiz(to_jupyterquiz(quiz, unsupported="skip"), quiz_id="01-crisis")
    assert back.ids == ["q-arrest", "q-phases", "q-loss", "q-plan"]
    assert behaviour(back) == behaviour(quiz, only=back.ids)
    assert behaviour(back, "fr") == behaviour(quiz, "fr", only=back.ids)
    for q in back:
        original = quiz[q.id]
        assert (q.points, q.bloom, q.source_id, q.explanation) == (
            original.points,
            original.bloom,
            original.source_id,
            original.explanation,
        )


def test_jupyterquiz_round_trip_from_upstream_file(tmp_path):
    quiz = from_jupyterquiz(JQ)
    exported = to_jupyterquiz(quiz)
    again = from_jupyterquiz(exported)
    probes = {
        "q1": [["Employees and unions", "Key investors"], ["Competitors"]],
        "q2": ["4.4", "4.45", "-1", "9", "22/5"],
        "q3": ["in medias res", "in media re", "x"],
        "q4": ["DataFrame", "dict"],
        "q5": ["yes", "no"],
    }
    for qid, responses in probes.items():
        for response in responses:
            a, b = quiz[qid].check(response), again[qid].check(response)
            assert (a.correct, a.score, a.feedback) == (b.correct, b.score, b.feedback)
    # exported extension keys only at question level; upstream keys intact
    assert exported[0]["answer_cols"] == 2 and exported[2]["input_width"] == 20
    assert set(exported[2]["answers"][0]) <= {
        "answer",
        "correct",
        "feedback",
        "match_case",
        "fuzzy_threshold",
    }


def test_load_quiz_reads_json_by_name(data):
    (data / "quizzes" / "03-story.json").write_text(json.dumps(JQ), encoding="utf-8")
    quiz = load_quiz("03-story")
    assert quiz.id == "03-story" and len(quiz) == 5


def test_cli_converts_both_ways(data, tmp_path, capsys):
    out_json = tmp_path / "01.json"
    with pytest.warns(UserWarning):
        assert cli(["to-jupyterquiz", "01-crisis", "-o", str(out_json)]) == 0
    out_yaml = tmp_path / "01-back.yaml"
    assert cli(["from-jupyterquiz", str(out_json), "-o", str(out_yaml)]) == 0
    assert yaml.safe_load(out_yaml.read_text(encoding="utf-8"))["questions"][0]["id"] == "q-arrest"
    assert "4 question(s)" in capsys.readouterr().out
