"""scripts/student_copy.py: solutions emptied, answer keys hashed, the copy still checks answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def test_student_copy(tmp_path):
    out = tmp_path / "student"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "student_copy.py"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    originals = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    copies = sorted((out / "notebooks").glob("*.ipynb"))
    assert [p.name for p in copies] == [p.name for p in originals]
    emptied = 0
    for path in copies:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if "solution" in cell["metadata"].get("tags", []):
                assert "Solution removed" in "".join(cell["source"])
                assert cell.get("outputs", []) == []
                emptied += 1
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
