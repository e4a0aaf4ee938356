"""Fault injection for the quiz package: bad quiz files, hostile answers, broken answers files,
hostile exports. Each test feeds many bad inputs and states what must hold for every one:

- a bad quiz file is one short ``QuizFormatError`` line in the problem list (never another
  exception, never a hang, never a memory blow-up);
- ``check()`` never raises, and whatever verdict it shows can be saved;
- a damaged or unwritable answers file never loses what is readable and never claims a write
  that did not happen;
- a CSV export never lets a cell run as a formula or one answer become two rows.

``BAD_INPUTS`` counts what the module tries (printed with ``pytest -s``).
"""

from __future__ import annotations

import copy
import csv
import datetime
import decimal
import fractions
import json
import math
import os
import random
import subprocess
import sys
import tracemalloc
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from casestudy.exports import FORMULA_STARTS
from casestudy.quiz import (
    QUESTION_TYPES,
    QuizFormatError,
    QuizSession,
    QuizStoreWarning,
    check_all_quizzes,
    export_responses,
    jq_convert,
    load_quiz,
    quiz_from_dict,
    quiz_widget,
    release,
    seal_quiz,
    to_jupyterquiz,
    validate,
    writer,
)
from casestudy.quiz.__main__ import main as cli
from casestudy.quiz.bounded import MAX_NODES, parse_yaml
from casestudy.quiz.jq_convert import quiz_from_jupyterquiz
from casestudy.quiz.store import ResponseStore, encode_record, make_record, quarantine_path

REPO = Path(__file__).resolve().parents[1]
COURSE_QUIZZES = sorted((REPO / "data" / "quizzes").glob("*.yaml"))
BAD_INPUTS: Counter[str] = Counter()  # kind of bad input -> how many this module tries

SINGLE = "- {id: q1, type: single, text: P, choices: [{text: a, correct: true}, b]}"
GOOD_QUESTION = "- {id: q1, type: single, text: Pick, choices: [{text: a, correct: true}, b]}\n"


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels + 1):
        refs = ", ".join([f"*a{n - 1}"] * width)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\nquestions: *a9\n"


def mapping_bomb(levels: int = 9) -> str:
    lines = ["b0: &b0 {x: 1, y: 1, z: 1}"]
    for n in range(1, levels + 1):
        keys = ", ".join(f"k{i}: *b{n - 1}" for i in range(9))
        lines.append(f"b{n}: &b{n} {{{keys}}}")
    return "\n".join(lines) + f"\nquestions: [*b{levels}]\n"


@pytest.fixture(scope="module", autouse=True)
def report_bad_inputs():
    """After the module: how many bad inputs it tried, by kind (shown with ``pytest -s``)."""
    yield
    print(f"\ntests/test_faults_quiz.py tried {sum(BAD_INPUTS.values())} bad inputs:")
    for kind, count in sorted(BAD_INPUTS.items()):
        print(f"  {count:>6}  {kind}")


# --------------------------------------------------------------------------- bad quiz files

BAD_YAML = {
    "alias-bomb": billion_laughs(),
    "alias-bomb-mapping": mapping_bomb(),
    "self-alias": "questions: &q [*q]\n",
    "many-aliases": "x: &x 1\nquestions: [" + ", ".join(["*x"] * 600) + "]\n",
    "deep-nesting": "questions: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-mapping": "questions:" + "".join(f"\n{'  ' * i}k{i}:" for i in range(200)) + " 1\n",
    "huge-integer": "questions: [{id: q1, type: numeric, text: x, answer: " + "9" * 5000 + "}]\n",
    "not-yaml": "questions: [\n  - {id: 'unclosed\n",
    "tabs": "questions:\n\t- id: q1\n",
    "scalar-top": "just a sentence\n",
    "null-top": "~\n",
    "empty": "",
    "list-of-scalars": "[1, 2, 3]\n",
    "unhashable-key": "questions:\n  - ? [a, b]\n    : 1\n",
    "python-tag": "questions: !!python/object/apply:os.system ['true']\n",
    "binary-tag": "questions: !!binary aGVsbG8=\n",
    "dates-as-text": "- {id: q1, type: text, text: When, answer: 2018-11-19}\n",
    "points-inf": SINGLE.replace("P,", "P, points: .inf,"),
    "points-nan": SINGLE.replace("P,", "P, points: .nan,"),
    "points-huge": SINGLE.replace("P,", "P, points: 1e999,"),
    "value-inf": "- {id: q1, type: numeric, text: N, answer: .inf}",
    "value-nan": "- {id: q1, type: numeric, text: N, answer: .nan}",
    "tolerance-inf": "- {id: q1, type: numeric, text: N, answer: 1, tolerance: .inf}",
    "tolerance-nan": "- {id: q1, type: numeric, text: N, answer: 1, tolerance: .nan}",
    "rel-tolerance-inf": "- {id: q1, type: numeric, text: N, answer: 1, rel_tolerance: .inf}",
    "rel-tolerance-text-inf": "- {id: q1, type: numeric, text: N, answer: 1, "
    "rel_tolerance: '1e999'}",
    "range-nan": "- {id: q1, type: numeric, text: N, answers: [{range: [.nan, 1], correct: true}]}",
    "fuzzy-nan": "- {id: q1, type: text, text: T, answer: x, fuzzy_threshold: .nan}",
    "long-value": "- {id: q1, type: numeric, text: N, answer: '" + "x" * 100_000 + "'}\n",
    "long-key": "- {id: q1, type: single, " + "k" * 100_000 + ": 1, text: P, choices: [a, b]}\n",
    "long-explicit-key": "- id: q1\n  type: single\n  text: P\n  choices: [a, b]\n  ? "
    + "k" * 50_000
    + "\n  : 1\n",
    "long-language": "- id: q1\n  type: single\n  choices: [a, b]\n  text:\n    ? "
    + "x" * 50_000
    + "\n    : P\n",
    "long-id": "- {id: '" + "q" * 10_000 + "', type: single, text: P, choices: [a, b]}\n",
    "nested-value": "- {id: q1, type: numeric, text: N, answer: "
    + "[" * 30
    + "1"
    + "]" * 30
    + "}\n",
    "distractors-number": "- {id: q1, type: match, text: M, pairs: [{left: a, right: x}, "
    "{left: b, right: y}], distractors: 5}\n",
    "distractors-mapping": "- {id: q1, type: match, text: M, pairs: [{left: a, right: x}, "
    "{left: b, right: y}], distractors: {z: 1}}\n",
    "bool-everywhere": "- {id: true, type: true, text: true}\n",
    "int-id": "- {id: 5, type: single, text: P, choices: [a, b]}\n",
}
BAD_JSON = {
    "deep": "[" * 100_000 + "]" * 100_000,
    "deep-but-parses": "[" + "[" * 60 + "]" * 60 + "]",
    "nan": '[{"type": "numeric", "question": "x", "answers": [{"value": NaN, "correct": true}]}]',
    "infinity": '[{"type": "numeric", "question": "x", "points": Infinity, "answers": []}]',
    "huge-int": "[" + "9" * 5000 + "]",
    "object-top": '{"type": "numeric"}',
    "empty-array": "[]",
    "not-json": "[{",
    "strings": '["a", "b"]',
    "bad-answers": '[{"type": "string", "question": "x", "answers": [1, null, []]}]',
    "long-key": '[{"type": "string", "question": "x", "answers": [{"'
    + "k" * 50_000
    + '": 1, "answer": "a", "correct": true}]}]',
    "long-id": '[{"id": "' + "q" * 50_000 + '", "type": "nope", "question": "x", "answers": [{}]}]',
    "bad-type": '[{"type": {"a": 1}, "question": "x", "answers": [{}]}]',
    "huge-float-points": '[{"type": "string", "question": "x", "points": 1e999, '
    '"answers": [{"answer": "a", "correct": true}]}]',
}


@pytest.mark.parametrize("name", sorted(BAD_YAML))
def test_bad_yaml_is_one_short_quiz_format_error(name, tmp_path):
    BAD_INPUTS["quiz file (YAML)"] += 1
    path = tmp_path / f"{name}.yaml"
    path.write_text(BAD_YAML[name], encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(QuizFormatError) as caught:
            load_quiz(path, check_sources=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 80_000_000, (
        f"{name}: {peak:,} bytes to refuse a {path.stat().st_size:,}-byte file"
    )
    for line in caught.value.problems:
        assert path.name in line
        assert len(line) < 400 + len(str(path)), line[:500]
    assert check_all_quizzes(tmp_path) == caught.value.problems  # the same lines in the check


@pytest.mark.parametrize("name", sorted(BAD_JSON))
def test_bad_jupyterquiz_json_is_one_short_quiz_format_error(name, tmp_path):
    BAD_INPUTS["quiz file (JSON)"] += 1
    path = tmp_path / f"{name}.json"
    path.write_text(BAD_JSON[name], encoding="utf-8")
    with pytest.raises(QuizFormatError) as caught:
        load_quiz(path, check_sources=False)
    assert all(path.name in line and len(line) < 500 for line in caught.value.problems)
    assert check_all_quizzes(tmp_path) == caught.value.problems


def test_an_alias_bomb_is_refused_while_it_is_built():
    BAD_INPUTS["quiz file (YAML)"] += 1
    text = billion_laughs()
    assert len(text) < 1024  # 1 KB that would expand to 9**9 = 387 million strings
    with pytest.raises(QuizFormatError, match="expands to more than"):
        parse_yaml(text, "bomb.yaml")
    # a file with the same aliases but a small expansion still loads
    small = "x: &x [1, 2]\ny: [*x, *x, *x]\n"
    assert parse_yaml(small, "ok.yaml") == {"x": [1, 2], "y": [[1, 2]] * 3}
    assert MAX_NODES >= 100_000


def test_finite_numbers_only_with_file_and_question_named(tmp_path):
    cases = [k for k in BAD_YAML if k.split("-")[0] in ("points", "value", "tolerance", "rel")]
    cases += ["range-nan", "fuzzy-nan"]
    for name in cases:
        path = tmp_path / f"{name}.yaml"
        path.write_text(BAD_YAML[name], encoding="utf-8")
        with pytest.raises(QuizFormatError) as caught:
            load_quiz(path, check_sources=False)
        (line,) = caught.value.problems
        assert line.startswith(f"{display(path)}: question 'q1': field '"), line
        assert "number" in line or "similarity" in line, line
    # a range may be open-ended, as the course quizzes use it
    ok = "- {id: q1, type: numeric, text: N, answers: [{range: [100, .inf], correct: true}]}"
    quiz = quiz_from_dict(yaml.safe_load(ok), "ok")
    assert quiz["q1"].check("1e300").correct


def display(path: Path) -> str:
    from casestudy.quiz.errors import display_path

    return display_path(path)


@pytest.mark.parametrize(
    ("question", "field", "what"),
    [
        (
            {"type": "single", "choices": [{"text": "a", "mark": "m"}, {"text": "b"}]},
            "choices[0]",
            "choice",
        ),
        ({"type": "numeric", "answers": [{"mark": "m", "correct": True}]}, "answers[0]", "answer"),
        ({"type": "text", "answers": [{"mark": "m", "correct": True}]}, "answers[0]", "answer"),
        (
            {
                "type": "match",
                "pairs": [{"left": "a", "mark": "m"}, {"left": "b", "mark": "n"}],
                "options": ["p", "q"],
            },
            "pairs[0]",
            "pair",
        ),
    ],
)
def test_a_hashed_key_without_its_salt_is_refused_where_it_stands(question, field, what):
    released = {"title": "t", "release": 1, "questions": [{"id": "q", "text": "x", **question}]}
    with pytest.raises(QuizFormatError) as caught:
        quiz_from_dict(released, "released")
    assert f"field '{field}.mark': a hashed {what} needs the question's 'salt'" in str(caught.value)


def test_only_regular_files_are_read_as_quizzes(tmp_path):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD_QUESTION, encoding="utf-8")
    (folder / "folder.yaml").mkdir()
    (folder / "dangling.yml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "device.json").symlink_to("/dev/zero")
    BAD_INPUTS["quiz file (not a regular file)"] += 4
    # in a child process, so that a regression that blocks on the pipe fails instead of hanging
    code = (
        "import json, sys; from casestudy.quiz import check_all_quizzes, available_quizzes;"
        f"folder = {str(folder)!r};"
        "print(json.dumps([available_quizzes(folder), check_all_quizzes(folder)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    available, problems = json.loads(done.stdout)
    assert available == ["good"]
    joined = "\n".join(problems)
    assert len(problems) == 4, joined
    assert "folder.yaml: a folder" in joined and "pipe.yaml: a named pipe" in joined
    assert "device.json: a device" in joined and "dangling.yml: file not found" in joined
    for device in ("/dev/zero", "/dev/null", "/dev/urandom"):
        BAD_INPUTS["quiz file (not a regular file)"] += 1
        with pytest.raises(QuizFormatError, match="a device"):
            load_quiz(device)


def test_oversized_and_non_utf8_files(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(GOOD_QUESTION.encode() + b"#" * 1_000_001)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("- {id: q1, type: text, text: Qui ?, answer: Sénard}\n".encode("latin-1"))
    BAD_INPUTS["quiz file (YAML)"] += 2
    with pytest.raises(QuizFormatError, match="a quiz file may hold"):
        load_quiz(big)
    with pytest.raises(QuizFormatError, match="not UTF-8 text"):
        load_quiz(latin)


MUTANTS = [
    None,
    True,
    0,
    -1,
    10**400,
    1e308,
    math.nan,
    math.inf,
    "",
    " ",
    "x" * 5000,
    [],
    {},
    [None],
    {1: 2},
    {"en": None},
    {"de": "x"},
    {"en": ["a"]},
    datetime.date(2018, 11, 19),
    [[[]]],
    "1e999",
    "-.inf",
    "ev-999",
    ["ev-001"],
    [1, 1],
    {"x": {"y": {"z": 1}}},
    b"x",
    3.5,
    "single",
]


def _paths(node, prefix=()):
    if prefix:
        yield prefix
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        yield from _paths(value, (*prefix, key))


def _mutant(rng: random.Random, document):
    """``document`` with one to three values replaced by hostile ones (or a key deleted)."""
    document = copy.deepcopy(document)
    paths = list(_paths(document))
    for _ in range(rng.randint(1, 3)):
        *parents, last = rng.choice(paths)
        node = document
        try:
            for step in parents:
                node = node[step]
            if isinstance(node, dict) and rng.random() < 0.15:
                del node[last]
            else:
                node[last] = rng.choice(MUTANTS)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return document


def test_mutated_course_quizzes_are_loaded_or_refused_never_crash():
    rng = random.Random(8)
    documents = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in COURSE_QUIZZES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exported = [to_jupyterquiz(load_quiz(p, check_sources=False)) for p in COURSE_QUIZZES]
    outcomes = Counter()
    for n in range(600):
        yaml_side = n % 3 != 0
        BAD_INPUTS["quiz file (mutated course quiz, YAML or JSON)"] += 1
        document = _mutant(rng, rng.choice(documents if yaml_side else exported))
        try:
            if yaml_side:
                quiz_from_dict(document, "mutant", file="mutant.yaml")
            else:
                quiz_from_jupyterquiz(document, file="mutant.json")
            outcomes["loaded"] += 1
        except QuizFormatError as exc:
            outcomes["refused"] += 1
            assert all(len(line) < 500 for line in exc.problems), exc.problems[0][:300]
    assert outcomes["refused"] > 300 and outcomes["loaded"] > 10, outcomes


def test_every_question_type_has_its_reader_writer_and_releaser():
    assert set(validate.BUILDERS) == set(QUESTION_TYPES)
    assert set(writer.WRITERS) == set(QUESTION_TYPES)
    assert set(release.RELEASERS) == set(QUESTION_TYPES) - {"reflection"}
    assert set(jq_convert.EXPORTERS) == {"single", "multiple", "numeric", "text"}


# --------------------------------------------------------------------------- hostile answers


class Hostile:
    """An object every dunder of which fails."""

    def __repr__(self):
        raise RuntimeError("repr")

    def __str__(self):
        raise RuntimeError("str")

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __float__(self):
        raise RuntimeError("float")


class LyingList(list):
    def __len__(self):
        return 10**12


def fixed_hostile_inputs() -> list:
    circular: list = []
    circular.append(circular)
    loop: dict = {}
    loop["self"] = loop
    return [
        None,
        circular,
        loop,
        10**5000,
        -(10**400),
        2**63,
        fractions.Fraction(1, 3),
        fractions.Fraction(-8046, 1),
        decimal.Decimal("NaN"),
        decimal.Decimal("-8046"),
        np.float64(-8046.0),
        np.float32(1.5),
        np.int64(3),
        np.bool_(True),
        np.nan,
        np.array([1, 2]),
        float("nan"),
        float("inf"),
        -float("inf"),
        "\ud800",
        "Ghosn\udcff",
        ["\udc80", 0],
        {"\ud800": "x"},
        b"bytes",
        bytearray(b"x"),
        {1, 2},
        frozenset(),
        range(10**9),
        range(3),
        "x" * 1_000_000,
        "",
        "   ",
        "\x00",
        "=HYPERLINK(1)",
        "1/0",
        "1e999",
        "-1e-999",
        "0x10",
        "١٢٣",
        "7,3",
        Hostile(),
        [Hostile()],
        {Hostile.__name__: Hostile()},
        LyingList([1]),
        iter([1, 2]),
        (x for x in range(3)),
        object(),
        print,
        type,
        Ellipsis,
        NotImplemented,
        complex(1, 2),
        [[[[[[[[[[1]]]]]]]]]],
        {"a": {"b": {"c": {"d": {"e": 1}}}}},
        [None] * 50,
        list(range(10_000)),
        True,
        False,
        0,
        -1,
        1.0,
    ]


def random_value(rng: random.Random, depth: int = 0):
    pick = rng.randrange(14 if depth < 3 else 9)
    if pick == 0:
        return rng.choice([None, True, False])
    if pick == 1:
        return rng.randint(-(10 ** rng.randrange(1, 400)), 10 ** rng.randrange(1, 400))
    if pick == 2:
        return rng.choice([math.nan, math.inf, -math.inf, 0.0, -0.0, 1e308, 5e-324])
    if pick == 3:
        return rng.uniform(-1e4, 1e4)
    if pick in (4, 5):  # any code point, lone surrogates included
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(0, 40)))
    if pick == 6:
        return rng.choice("=+-@\t\r") + "".join(rng.choice("1+,;\"'\n\r=A") for _ in range(9))
    if pick == 7:
        return fractions.Fraction(rng.randint(-999, 999), rng.randint(1, 999))
    if pick == 8:
        return rng.choice([np.float64(rng.random()), np.int32(rng.randint(-9, 9)), Hostile()])
    if pick in (9, 10):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 8))]
    if pick == 11:
        return tuple(random_value(rng, depth + 1) for _ in range(rng.randrange(0, 5)))
    if pick == 12:
        return {str(rng.random()): random_value(rng, depth + 1) for _ in range(rng.randrange(4))}
    return set(rng.sample(range(100), rng.randrange(5)))


def assert_result_is_safe(question, response):
    result = question.check(response)
    assert result.question_id == question.id
    line = encode_record({"response": result.response, "message": result.message})
    assert line.endswith(b"\n")  # what is shown can be saved
    if not result.valid:
        assert result.message and len(result.message) < 400
    else:
        assert math.isfinite(result.score)
    for text in (result.message, result.verdict, result.explanation or ""):
        text.encode("utf-8")  # no lone surrogate reaches the page
    return result


def test_check_never_raises_and_every_verdict_can_be_saved():
    rng = random.Random(20251204)
    inputs = fixed_hostile_inputs() + [random_value(rng) for _ in range(400)]
    questions = [q for path in COURSE_QUIZZES for q in load_quiz(path, check_sources=False)]
    assert {q.type for q in questions} == set(QUESTION_TYPES)
    BAD_INPUTS["response (fixed and random) x every course question"] += len(inputs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for question in questions:
            for response in inputs:
                assert_result_is_safe(question, response)
    internal = [w for w in caught if "failed" in str(w.message)]
    assert len(internal) < len(inputs) // 10, [str(w.message)[:200] for w in internal[:3]]


def test_check_on_a_student_release_never_raises():
    quiz = load_quiz(COURSE_QUIZZES[0], check_sources=False)
    released, _ = seal_quiz(quiz, seed="faults")
    inputs = fixed_hostile_inputs()
    BAD_INPUTS["response x released question"] += len(inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for question in released:
            for response in inputs:
                assert_result_is_safe(question, response)


NUMERIC = """
- {id: n, type: numeric, text: N, answer: 0.5, tolerance: 0.001}
- {id: t, type: text, text: T, answer: Renaulution}
- {id: r, type: reflection, text: R}
"""


def test_numbers_from_other_libraries_are_graded_saved_and_restored(tmp_path):
    quiz = quiz_from_dict(yaml.safe_load(NUMERIC), "numbers")
    path = tmp_path / "answers.jsonl"
    session = QuizSession(quiz, responses_path=path)
    for response in (fractions.Fraction(1, 2), np.float64(0.5), np.float32(0.5), np.int8(0)):
        BAD_INPUTS["response (numbers of other libraries)"] += 1
        result = session.submit("n", response)
        assert result.valid and session.last_save_error is None, response
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4
    again = QuizSession(quiz, responses_path=path)
    assert again.states["n"].result.response == 0 and again.states["n"].attempts == 4


def test_text_that_cannot_be_saved_is_refused_with_a_message(tmp_path):
    quiz = quiz_from_dict(yaml.safe_load(NUMERIC), "numbers")
    session = QuizSession(quiz, responses_path=tmp_path / "answers.jsonl")
    for qid, response in (("t", "Renaulution\ud800"), ("r", "my view \udfff")):
        BAD_INPUTS["response (lone surrogate)"] += 1
        result = session.submit(qid, response)
        assert not result.valid and "cannot be saved" in result.message
        assert session.last_save_error is None  # the refusal itself was saved
    assert all(r["valid"] is False for r in ResponseStore(tmp_path / "answers.jsonl").read())


# --------------------------------------------------------------------------- answers files


QUIZ = """
- {id: q1, type: single, text: P, choices: [{text: a, correct: true}, b]}
- {id: q2, type: numeric, text: N, answer: 7}
"""


def record(qid: str, response, student: str | None = None, quiz: str = "faults") -> dict:
    return make_record(
        event="check",
        quiz=quiz,
        question_id=qid,
        question_type="single",
        response=response,
        valid=True,
        correct=True,
        score=1.0,
        max_score=1.0,
        attempt=1,
        student=student,
    )


@pytest.fixture
def quiz():
    return quiz_from_dict(yaml.safe_load(QUIZ), "faults")


def test_a_byte_order_mark_does_not_hide_the_first_answer(quiz, tmp_path):
    BAD_INPUTS["answers file"] += 1
    path = tmp_path / "answers.jsonl"
    lines = [json.dumps(record("q1", "a")), json.dumps(record("q2", "7"))]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no quarantine warning either
        session = QuizSession(quiz, responses_path=path)
    assert session.progress().answered == 2


def test_answers_saved_before_a_student_id_come_back_when_it_is_set(quiz, tmp_path, monkeypatch):
    BAD_INPUTS["answers file"] += 1
    path = tmp_path / "answers.jsonl"
    anonymous = QuizSession(quiz, responses_path=path)
    anonymous.submit("q1", "a")
    anonymous.submit("q2", "7")
    monkeypatch.setenv("CASESTUDY_STUDENT_ID", "s-042")
    session = QuizSession(quiz, responses_path=path)
    assert session.progress().answered == 2 and session.adopted == 2
    session.submit("q2", "8")
    saved = ResponseStore(path).read()
    assert saved[-1]["student_id"] == "s-042" and "student_id" not in saved[0]
    widget = quiz_widget(quiz, responses_path=path)
    assert "before your student id (s-042)" in widget.status.value
    # someone else's answers in the same file stay theirs
    other = QuizSession(quiz, responses_path=path, student="s-007")
    assert other.adopted == 2 and other.states["q2"].result.response == "7"
    assert QuizSession(quiz, responses_path=path, student="s-042").states["q2"].attempts == 2


def test_thousands_of_damaged_lines_are_quarantined_in_one_write(quiz, tmp_path, monkeypatch):
    BAD_INPUTS["answers file"] += 1
    path = tmp_path / "answers.jsonl"
    damaged = 3000
    body = [json.dumps(record("q1", "a"))] + [f'{{"broken": {i}' for i in range(damaged)]
    body += ["[1, 2]", '"text"', "null", '{"event": "check", "quiz": 5}', "\x00\xff"]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    syncs = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real_fsync(fd)))
    with pytest.warns(QuizStoreWarning, match="copied to") as caught:
        session = QuizSession(quiz, responses_path=path)
    assert session.progress().answered == 1
    assert len(syncs) <= 2, f"{len(syncs)} fsync calls for {damaged} damaged lines"
    assert len(str(caught[0].message)) < 600  # the line list is shortened
    lines = quarantine_path(path).read_text(encoding="utf-8").splitlines()
    assert len(lines) == damaged + 5
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second restore copies nothing again
        QuizSession(quiz, responses_path=path)


def test_a_quarantine_that_cannot_be_written_is_not_called_copied(quiz, tmp_path):
    BAD_INPUTS["answers file"] += 1
    path = tmp_path / "answers.jsonl"
    path.write_text(json.dumps(record("q1", "a")) + "\n{broken\n", encoding="utf-8")
    quarantine_path(path).mkdir()  # where the copy should go, a folder is in the way
    with pytest.warns(QuizStoreWarning) as caught:
        session = QuizSession(quiz, responses_path=path)
    message = str(caught[0].message)
    assert "could NOT be copied" in message and "); copied to" not in message
    assert session.progress().answered == 1


def test_reset_that_cannot_be_saved_clears_nothing_and_says_so(quiz, tmp_path):
    BAD_INPUTS["answers file"] += 1
    path = tmp_path / "answers.jsonl"
    widget = quiz_widget(quiz, responses_path=path)
    widget.blocks["q1"].controls[0].value = 0
    widget.blocks["q1"].button.click()
    path.unlink()
    path.mkdir()  # the answers file can no longer be written
    widget.reset_button.click()
    widget.reset_button.click()
    assert "NOT cleared" in widget.status.value
    assert widget.session.progress().answered == 1
    assert widget.blocks["q1"].feedback.value  # the answer is still on screen


@pytest.mark.parametrize(
    "kind", ["folder", "fifo", "device", "records-of-every-shape", "huge-line", "nul-bytes"]
)
def test_broken_answers_files_never_stop_the_quiz(quiz, tmp_path, kind):
    BAD_INPUTS["answers file"] += 1
    path = tmp_path / "answers.jsonl"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/null")
    elif kind == "records-of-every-shape":
        shapes = [record("q1", v) for v in (None, [], {}, 10**30, "b", ["a"], {"x": 1}, "\ufffd")]
        shapes += [{**record("q2", "7"), "question_id": ["q2"]}, {**record("q2", "7"), "valid": 0}]
        shapes += [{**record("q2", "1e999")}, {"event": "reset", "quiz": "faults", "x": [1]}]
        shapes += [record("q2", "-7"), {**record("q1", "a"), "student_id": ["x"]}]
        path.write_text("\n".join(json.dumps(s) for s in shapes) + "\n", encoding="utf-8")
    elif kind == "huge-line":
        path.write_text(json.dumps(record("q1", "a" * 5_000_000)) + "\n", encoding="utf-8")
    else:
        path.write_bytes(b"\x00" * 1000 + b"\n" + json.dumps(record("q1", "a")).encode() + b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = QuizSession(quiz, responses_path=path)
        result = session.submit("q1", "a")
    assert result.correct
    if kind in ("folder", "fifo"):
        assert session.last_save_error  # said, not pretended
    if kind == "records-of-every-shape":
        assert session.states["q2"].result.response == "-7"


# --------------------------------------------------------------------------- hostile exports

HOSTILE_CELLS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","x")',
    "+1-2",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "a\rb",
    "a\nb",
    "a\r\nb",
    'quote " inside',
    "comma, inside",
    " leading space",
    "=cmd|' /C calc'!A0",
    "-7.3",
    "+33",
]


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:  # keep a bare CR as it is
        return list(csv.reader(handle))


def test_exports_are_safe_to_open_in_a_spreadsheet(quiz, tmp_path):
    path = tmp_path / "answers.jsonl"
    store = ResponseStore(path)
    for i, text in enumerate(HOSTILE_CELLS):
        BAD_INPUTS["export cell (answer, id, quiz)"] += 3
        store.append({**record("q1", text, student=text), "quiz": text if i % 2 else "faults"})
    out = export_responses(tmp_path / "answers.csv", responses_path=path)
    rows = read_csv(out)
    assert len(rows) == 1 + len(HOSTILE_CELLS)  # no answer became two rows
    header = rows[0]
    for row in rows[1:]:
        for name in ("response", "student_id", "quiz"):
            cell = row[header.index(name)]
            number = cell.lstrip("+-").replace(".", "", 1).isdigit()
            assert number or not cell.startswith(FORMULA_STARTS), (name, cell)
    exact = export_responses(tmp_path / "exact.csv", responses_path=path, neutralise_formulas=False)
    cells = [r[header.index("response")] for r in read_csv(exact)]
    assert cells[1:] == HOSTILE_CELLS  # the opt-out writes every text exactly


def test_cli_export_neutralises_unless_told(quiz, tmp_path, capsys):
    BAD_INPUTS["export cell (answer, id, quiz)"] += 1
    path = tmp_path / "answers.jsonl"
    ResponseStore(path).append(record("q1", "=1+1"))
    assert cli(["export", str(tmp_path / "a.csv"), "--responses", str(path)]) == 0
    assert "'=1+1" in (tmp_path / "a.csv").read_text(encoding="utf-8")
    args = ["export", str(tmp_path / "b.csv"), "--responses", str(path), "--allow-formulas"]
    assert cli(args) == 0
    assert "'=1+1" not in (tmp_path / "b.csv").read_text(encoding="utf-8")
    assert "=1+1" in (tmp_path / "b.csv").read_text(encoding="utf-8")
