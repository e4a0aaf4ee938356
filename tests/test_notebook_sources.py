"""Each notebook's MyST Markdown source and its committed, executed .ipynb say the same thing.

Authors edit `notebooks/NN-topic.md`; `make notebooks` builds `NN-topic.ipynb` from it. If one is
edited without the other, these tests name the notebook and the first cells that disagree.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"


def _load_runner():
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", REPO / "scripts/run_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = _load_runner()


def _sources():
    return sorted([*NOTEBOOKS.glob("[0-9][0-9]-*.md"), *NOTEBOOKS.glob("instructor/*.md")])


def _built():
    return sorted([*NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"), *NOTEBOOKS.glob("instructor/*.ipynb")])


def test_every_notebook_has_a_source_and_every_source_a_notebook():
    sources = {p.with_suffix("").relative_to(NOTEBOOKS) for p in _sources()}
    built = {p.with_suffix("").relative_to(NOTEBOOKS) for p in _built()}
    assert Path("00-start-here") in sources
    assert sources - built == set(), (
        f"sources never built (run `make notebooks`): {sources - built}"
    )
    assert built - sources == set(), f"notebooks without a .md source: {built - sources}"


@pytest.mark.parametrize("md", _sources(), ids=lambda p: p.name)
def test_notebook_matches_its_source(md):
    problems = runner.source_mismatches(md, md.with_suffix(".ipynb"))
    assert not problems, "\n".join(problems[:5]) + "\nEdit the .md, then run `make notebooks`."


@pytest.mark.parametrize("md", _sources(), ids=lambda p: p.name)
def test_source_carries_every_cell_and_notebook_metadata(md):
    """Tags, `solution` cells and hidden source/outputs live in the .md, not only in the .ipynb."""
    from_source = runner.read_source(md)
    built = nbformat.read(md.with_suffix(".ipynb"), as_version=4)
    assert [dict(c.metadata) for c in from_source.cells] == [dict(c.metadata) for c in built.cells]
    built.metadata.pop("language_info", None)  # written by the kernel when the notebook runs
    assert dict(from_source.metadata) == dict(built.metadata)


def test_tags_solution_and_hidden_metadata_survive_the_round_trip(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"title": "Round trip", "license": "CC-BY-4.0"})
    nb.metadata["jupytext"] = {"notebook_metadata_filter": "license,title"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nSome *prose*."),
        nbformat.v4.new_markdown_cell("Discussion.", metadata={"tags": ["discussion"]}),
        nbformat.v4.new_code_cell("show_quiz('x')", metadata={"tags": ["nbval-ignore-output"]}),
        nbformat.v4.new_code_cell(
            "answer = 42\nanswer",
            metadata={
                "tags": ["solution"],
                "jupyter": {"source_hidden": True, "outputs_hidden": True},
            },
        ),
        nbformat.v4.new_code_cell("print(1)", metadata={"jupyter": {"outputs_hidden": True}}),
    ]
    md = tmp_path / "99-round-trip.md"
    jupytext.write(nb, md, fmt=runner.SOURCE_FORMAT)
    back = runner.read_source(md)
    assert [(c.cell_type, c.source) for c in back.cells] == [
        (c.cell_type, c.source) for c in nb.cells
    ]
    assert back.cells[1].metadata == {"tags": ["discussion"]}
    assert back.cells[2].metadata == {"tags": ["nbval-ignore-output"]}
    assert back.cells[3].metadata == {
        "tags": ["solution"],
        "jupyter": {"source_hidden": True, "outputs_hidden": True},
    }
    assert back.cells[4].metadata == {"jupyter": {"outputs_hidden": True}}
    assert back.metadata["title"] == "Round trip" and "jupytext" not in back.metadata
    # Cell ids come from the cells, not from chance: reading twice gives the same notebook.
    assert [c.id for c in runner.read_source(md).cells] == [c.id for c in back.cells]
    assert len({c.id for c in back.cells}) == len(back.cells)


def _altered_copy(tmp_path, edit):
    md = NOTEBOOKS / "01-crisis.md"
    copy_md = tmp_path / md.name
    copy_nb = copy_md.with_suffix(".ipynb")
    shutil.copy(md, copy_md)
    nb = runner.read_source(copy_md)  # a pair that agrees, whatever the worktree holds
    edit(nb)
    nbformat.write(nb, copy_nb)
    return runner.source_mismatches(copy_md, copy_nb)


def test_a_changed_sentence_is_reported_with_notebook_cell_and_excerpt(tmp_path):
    def edit(nb):
        nb.cells[2].source = "A sentence edited in the notebook only.\n" + nb.cells[2].source

    problems = _altered_copy(tmp_path, edit)
    assert len(problems) == 1
    assert problems[0].startswith("01-crisis.ipynb: cell 2 differs")
    assert "A sentence edited in the notebook only." in problems[0]


def test_a_changed_cell_type_a_lost_tag_and_a_missing_cell_are_reported(tmp_path):
    def edit(nb):
        code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        nb.cells[code] = nbformat.v4.new_markdown_cell(nb.cells[code].source)
        solution = next(
            i for i, c in enumerate(nb.cells) if "solution" in c.metadata.get("tags", [])
        )
        nb.cells[solution].metadata["tags"] = []
        edit.indices = code, solution
        del nb.cells[-1]

    problems = _altered_copy(tmp_path, edit)
    code, solution = edit.indices
    assert (
        f"01-crisis.ipynb: cell {code} is markdown in the .ipynb but code in the .md" in problems[0]
    )
    assert f"01-crisis.ipynb: cell {solution} tags differ" in problems[1]
    assert "cells, the .ipynb" in problems[-1]
    assert len(problems) == 3


def test_a_source_and_its_unaltered_build_agree(tmp_path):
    assert _altered_copy(tmp_path, lambda nb: None) == []
