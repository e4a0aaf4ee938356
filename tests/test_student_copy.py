"""scripts/student_copy.py: solutions emptied, answer keys hashed, the copy still checks answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def student_copy(tmp_path_factory):
    """The student copy, made once for the module: its folder and the script's run."""
    out = tmp_path_factory.mktemp("copy") / "student"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "student_copy.py"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out, result


def test_student_copy(student_copy):
    out, _ = student_copy
    originals = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    copies = sorted((out / "notebooks").glob("*.ipynb"))
    assert [p.name for p in copies] == [p.name for p in originals]
    emptied = checks = 0
    for path in copies:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if "solution" in cell["metadata"].get("tags", []):
                assert "Solution removed" in "".join(cell["source"])
                assert cell.get("outputs", []) == []
                emptied += 1
            elif "check_exercise(" in "".join(cell["source"]):
                # the committed output is the verdict on the solution's answer
                assert cell.get("outputs", []) == [], f"{path.name}: a check cell keeps its verdict"
                checks += 1
    assert checks >= 10  # every theme notebook checks at least three exercises
    assert emptied >= 4  # 01 and 02 each have two exercises with solutions

    original = yaml.safe_load((REPO / "data/quizzes/00-start-here.yaml").read_text("utf-8"))
    released_text = (out / "data/quizzes/00-start-here.yaml").read_text("utf-8")
    first = next(q for q in original["questions"] if q["type"] == "single")
    right = next(c for c in first["choices"] if c.get("correct"))
    right_text = right["text"] if isinstance(right, dict) else right
    released = yaml.safe_load(released_text)
    released_q = next(q for q in released["questions"] if q["id"] == first["id"])
    assert "correct" not in json.dumps(released_q.get("choices", []))

    from casestudy.quiz import load_quiz

    quiz = load_quiz(out / "data/quizzes/00-start-here.yaml", check_sources=False)
    question = next(q for q in quiz.questions if q.id == first["id"])
    assert question.check(right_text).correct is True


def test_student_copy_prints_and_saves_what_stays_readable(student_copy):
    from casestudy.quiz import load_quiz

    out, result = student_copy
    saved = (out / "release-report.txt").read_text("utf-8")
    assert saved.strip() in result.stdout  # the terminal shows the same report
    expected = set()  # every question with an answer a hash cannot stand for
    for path in sorted((REPO / "data/quizzes").glob("*.yaml")):
        for q in load_quiz(path, check_sources=False):
            answers = getattr(q, "answers", ())
            if any(getattr(a, "fuzzy_threshold", None) for a in answers) or any(
                getattr(a, "kind", "value") == "range" or getattr(a, "has_tolerance", False)
                for a in answers
            ):
                expected.add(q.id)
    assert expected, "the course quizzes have ranges and tolerances"
    listed = {line.split()[0] for line in saved.splitlines() if line.startswith("  q")}
    assert listed == expected
