"""Committed notebooks are executed top to bottom, error-free and follow the course rules.

nbval silently skips a cell whose execution count is empty, so a notebook saved with cleared
outputs would pass nbval while testing nothing: these checks close that gap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_there_are_notebooks():
    assert any(p.name == "00-start-here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_execution_counts_run_1_to_n(path):
    counts = [c.get("execution_count") for c in _cells(path) if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; regenerate with `make notebooks`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_error_outputs_and_no_trailing_semicolons(path):
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "code":
            continue
        kinds = [o.get("output_type") for o in cell.get("outputs", [])]
        assert "error" not in kinds, f"{path.name}: cell {i} has an error output"
        source = "".join(cell["source"]).rstrip()
        assert not source.endswith(";"), (
            f"{path.name}: cell {i} ends with ';' (nbval ignores it: end with plt.show())"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_first_and_quiz_cells_tagged(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    first = "".join(code[0]["source"])
    assert "%matplotlib inline" in first and "casestudy.notebook.setup(" in first
    for cell in code:
        src = "".join(cell["source"])
        if "show_quiz(" in src or "quiz_widget(" in src:
            assert "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []), (
                f"{path.name}: quiz cell must be tagged nbval-ignore-output"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_never_read_csv_paths_themselves(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            assert "read_csv" not in src and ".csv" not in src, (
                f"{path.name}: read data through casestudy.load(), not a file path"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solution_cells_open_collapsed_and_no_timing_metadata(path):
    for i, cell in enumerate(_cells(path)):
        meta = cell.get("metadata", {})
        assert "execution" not in meta, f"{path.name}: cell {i} carries timing metadata"
        if "solution" in meta.get("tags", []):
            hidden = meta.get("jupyter", {})
            assert hidden.get("source_hidden") and hidden.get("outputs_hidden"), (
                f"{path.name}: solution cell {i} must open collapsed (code and output)"
            )
