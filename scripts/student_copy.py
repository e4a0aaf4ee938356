"""Write the student copy of the course: solution cells emptied, quiz answer keys hashed.

    python scripts/student_copy.py --out build/student

The notebooks with solutions stay the single source of truth (as in ThinkStats); this script
derives the student copy from them. A cell tagged ``solution`` keeps its place and tags but
its code is replaced by a one-line comment and its outputs are dropped, so the numbering of the
exercise stays the same for everyone. Quiz files are released with hashed answer keys (see
docs/quizzes.md for what that does and does not protect).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
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
    from casestudy.quiz import release_quiz

    (out / "data" / "quizzes").mkdir()
    for quiz_file in sorted((REPO / "data" / "quizzes").glob("*.yaml")):
        release_quiz(quiz_file, out / "data" / "quizzes" / quiz_file.name)
        print(f"{quiz_file.name}: answer keys hashed")
    print(f"Student copy written to {out}; set CASESTUDY_DATA_DIR={out / 'data'} to use it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
