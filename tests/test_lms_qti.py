"""The quiz bank as a QTI 1.2 zip for Canvas: every question, the right type, the right key."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest
from conftest_quiz import course_questions

from casestudy.__main__ import main as casestudy_main
from casestudy.lms import QTI_WRITERS, write_qti
from casestudy.quiz import load_quiz
from casestudy.quiz.model import QUESTION_TYPES
from casestudy.quiz.validate import quiz_from_dict

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
EXPECTED_TYPE = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "text": "short_answer_question",
    "match": "matching_question",
    "order": "matching_question",
    "reflection": "essay_question",
}


def _items(path):
    """Every item of the package, by ident, after checking the manifest lists each file."""
    items = {}
    with zipfile.ZipFile(path) as zf:
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        hrefs = [f.get("href") for f in manifest.iter() if f.tag.endswith("}file")]
        assert sorted(hrefs) == sorted(n for n in zf.namelist() if n != "imsmanifest.xml")
        for name in hrefs:
            root = ET.fromstring(zf.read(name))
            for item in root.iterfind(".//q:item", NS):
                items[item.get("ident")] = item
    return items


def _meta(item, label):
    for field in item.iterfind(".//q:qtimetadatafield", NS):
        if field.findtext("q:fieldlabel", namespaces=NS) == label:
            return field.findtext("q:fieldentry", namespaces=NS)
    return None


def _scoring(item):
    """[(tests, action, value)] for each condition that sets or adds to the score."""
    out = []
    for cond in item.iterfind(".//q:respcondition", NS):
        setvar = cond.find("q:setvar", NS)
        if setvar is None:
            continue
        tests = []
        for el in cond.find("q:conditionvar", NS).iter():
            tag = el.tag.split("}")[1]
            if tag in ("varequal", "vargte", "varlte"):
                tests.append((tag, el.get("respident"), el.text))
        nots = [el.find("q:varequal", NS).text for el in cond.iterfind(".//q:not", NS)]
        out.append((tests, nots, setvar.get("action"), float(setvar.text)))
    return out


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    path = tmp_path_factory.mktemp("qti") / "bank.zip"
    report = write_qti(path)
    return _items(path), report, path


def test_every_question_type_has_a_qti_writer():
    assert set(QTI_WRITERS) == set(QUESTION_TYPES)


def test_every_course_question_appears_with_its_type_and_points(bank):
    items, report, _ = bank
    questions = list(course_questions())
    assert len(items) == len(questions) == report.questions
    for quiz, q in questions:
        item = items[f"aoc-{quiz.id}-{q.id}"]
        assert _meta(item, "question_type") == EXPECTED_TYPE[q.type], q.id
        assert float(_meta(item, "points_possible")) == q.max_score


def test_choice_keys(bank):
    items, _, _ = bank
    for quiz, q in course_questions("single", "multiple"):
        [(tests, nots, action, value)] = _scoring(items[f"aoc-{quiz.id}-{q.id}"])
        right = {f"c{i}" for i, c in enumerate(q.choices) if c.correct}
        assert (action, value) == ("Set", 100)
        if q.type == "single":
            assert [t[2] for t in tests] == sorted(right)
        else:  # exactly the right set: each correct ticked, each wrong one not
            assert {t[2] for t in tests} - set(nots) == right
            assert set(nots) == {f"c{i}" for i in range(len(q.choices))} - right


def test_numeric_intervals_grade_as_in_the_notebooks(bank):
    items, _, _ = bank
    probes = 0
    for quiz, q in course_questions("numeric"):
        intervals = []
        for tests, _, action, value in _scoring(items[f"aoc-{quiz.id}-{q.id}"]):
            assert (action, value) == ("Set", 100)
            bounds = {tag: float(v) for tag, _, v in tests}
            intervals.append((bounds["vargte"], bounds["varlte"]))
        assert intervals, q.id
        for low, high in intervals:
            middle, width = (low + high) / 2, (high - low) / 2
            for x in (middle, middle - 0.999 * width, middle + 0.999 * width):
                assert q.check(repr(x)).correct, (q.id, x)
                probes += 1
        # and a number outside every interval is wrong in both
        outside = max(high for _, high in intervals) + 1e6
        assert not q.check(repr(outside)).correct
    assert probes > 30


def test_matching_and_ordering_keep_their_pairs(bank):
    items, report, _ = bank
    for quiz, q in course_questions("match", "order"):
        item = items[f"aoc-{quiz.id}-{q.id}"]
        lefts = [
            lid.findtext("q:material/q:mattext", namespaces=NS)
            for lid in item.iterfind(".//q:response_lid", NS)
        ]
        options = {
            lab.get("ident"): lab.findtext(".//q:mattext", namespaces=NS)
            for lab in item.find(".//q:response_lid", NS).iterfind(".//q:response_label", NS)
        }
        pairs = {}
        for tests, _, action, value in _scoring(item):
            assert action == "Add" and value == pytest.approx(100 / len(lefts), abs=1e-3)
            [(_, respident, option)] = tests
            pairs[lefts[int(respident.removeprefix("response_l"))]] = options[option]
        if q.type == "match":
            expected = {
                left.get("en"): q.options[j].get("en")
                for left, j in zip(q.lefts, q.answer, strict=True)
            }
        else:  # the items in their correct order: item k goes to position k + 1
            expected = {text.get("en"): str(k + 1) for k, text in enumerate(q.items)}
            assert lefts != [text.get("en") for text in q.items], "shown in the answer's order"
        assert pairs == expected, q.id
    assert any("no ordering type" in w for w in report.warnings)


def test_hostile_text_is_escaped_and_the_zip_is_reproducible(tmp_path):
    quiz = quiz_from_dict(
        {
            "questions": [
                {
                    "id": "q-hostile",
                    "type": "single",
                    "text": "Pick <script>alert(1)</script> ]]> &amp; </mattext>",
                    "choices": [
                        {"text": "A </mattext></material>", "correct": True},
                        {"text": "B", "feedback": "<iframe src=x></iframe>"},
                    ],
                }
            ]
        },
        "hostile",
    )
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_qti(first, [quiz])
    write_qti(second, [quiz])
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        raw = zf.read("hostile/hostile.xml").decode("utf-8")
    assert "<script" not in raw and "<iframe" not in raw
    item = _items(first)["aoc-hostile-q-hostile"]
    assert "&lt;script&gt;" in item.findtext(
        ".//q:presentation/q:material/q:mattext", namespaces=NS
    )
    assert len(item.findall(".//q:response_label", NS)) == 2


def test_command_line_writes_a_qti_zip(tmp_path, capsys):
    out = tmp_path / "bank.zip"
    code = casestudy_main(
        ["quiz", "bank", "--format", "qti", "--out", str(out), "--quiz", "05-epilogue"]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "numerical_question" in captured.out
    assert len(_items(out)) == len(load_quiz("05-epilogue"))
