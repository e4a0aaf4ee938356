"""Write the student copy of the course: solution cells emptied, quiz answer keys hashed.

    python scripts/student_copy.py --out build/student

The notebooks with solutions stay the single source of truth (as in ThinkStats); this script
derives the student copy from them. A cell tagged ``solution`` keeps its place and tags but
its code is replaced by a one-line comment and its outputs are dropped, so the numbering of the
exercise stays the same for everyone; an exercise's check cell loses its stored output (the
verdict on the solution's answer). Quiz files are released with hashed answer keys (see
docs/quizzes.md for what that does and does not protect); the release report — what stays
readable, question by question — is printed and saved as ``release-report.txt`` in the output
folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

from casestudy.notebook import is_exercise_check

REPO = Path(__file__).resolve().parents[1]
REPORT_NAME = "release-report.txt"
PLACEHOLDER = "# Solution removed in the student copy: write your own answer above."


def strip_solutions(nb) -> int:
    """Empty every cell tagged `solution`; returns how many were emptied."""
    emptied = 0
    for cell in nb.cells:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            cell.source = PLACEHOLDER if cell.cell_type == "code" else "*(solution removed)*"
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
            emptied += 1
        elif cell.cell_type == "code" and is_exercise_check(cell.source):
            cell.outputs = []  # the stored verdict is the one on the solution's answer
            cell.execution_count = None
    return emptied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "student")
    args = parser.parse_args(argv)
    out = args.out
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    shutil.copytree(REPO / "data", out / "data", ignore=shutil.ignore_patterns("quizzes"))
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        emptied = strip_solutions(nb)
        nbformat.write(nb, out / "notebooks" / path.name)
        print(f"{path.name}: {emptied} solution cell(s) emptied")
    report = release_quizzes(out)
    print(report)
    (out / REPORT_NAME).write_text(report + "\n", encoding="utf-8")
    print(f"Release report saved to {out / REPORT_NAME}.")
    print(f"Student copy written to {out}; set CASESTUDY_DATA_DIR={out / 'data'} to use it.")
    return 0


def release_quizzes(out: Path) -> str:
    """Release every quiz into ``out/data/quizzes``; the report of what stays readable."""
    from casestudy.quiz import release_quiz

    (out / "data" / "quizzes").mkdir()
    reports = [
        release_quiz(quiz_file, out / "data" / "quizzes" / quiz_file.name)
        for quiz_file in sorted((REPO / "data" / "quizzes").glob("*.yaml"))
    ]
    readable = [item for r in reports for item in r.readable]
    questions = {(r.quiz_id, item.question_id) for r in reports for item in r.readable}
    lines = [
        "Quiz release report: what a student can still read in the released quiz files",
        "",
        *(str(r).replace(f" -> {r.path}", "") for r in reports),
        "",
        f"In all: {sum(r.hidden for r in reports)} answer(s) hashed; {len(readable)} part(s) of "
        f"{len(questions)} question(s) stay readable (ranges, tolerances and fuzzy text answers "
        "cannot be tested through a hash, and an explanation stays readable where its correct "
        "answer does). See docs/quizzes.md, 'Student release'.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
