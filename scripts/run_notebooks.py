"""Build the executed course notebooks from their MyST Markdown sources, or check them.

    python scripts/run_notebooks.py --inplace notebooks/*.md    # write notebooks/NN-topic.ipynb
    python scripts/run_notebooks.py --check notebooks/*.md      # run in memory, write nothing

A notebook's source is its MyST Markdown file (jupytext's ``md:myst`` format): that is what
authors edit and review. ``--inplace`` reads it, runs it top to bottom in a fresh kernel and
writes the executed notebook next to it with the same name and ``.ipynb``; the two are
committed together. An ``.ipynb`` given directly is run as it is (``--check`` only needs that).

Each notebook runs with its own folder as working directory and with a throw-away saved-answers
file, so answers given on this machine never leak into committed outputs. Prints the wall time
of each notebook; exits 1 if any cell raised.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

TIMEOUT_PER_CELL = 300
SOURCE_FORMAT = "md:myst"


def read_source(path: Path):
    """The notebook a source file describes: MyST Markdown through jupytext, else ``.ipynb``."""
    if path.suffix == ".md":
        nb = jupytext.read(path, fmt=SOURCE_FORMAT)
        # The executed notebook is generated, not paired: it carries no jupytext header.
        nb.metadata.pop("jupytext", None)
        stable_cell_ids(nb)
        return nb
    return nbformat.read(path, as_version=4)


def stable_cell_ids(nb) -> None:
    """Cell ids from each cell's type and text, so that rebuilding changes no id.

    nbformat would draw random ids for cells read from text; these stay the same from run to
    run and machine to machine, and editing one cell changes only that cell's id.
    """
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def source_mismatches(md_path: Path, ipynb_path: Path) -> list[str]:
    """Where an executed notebook no longer says what its MyST source says (empty if nowhere).

    Compares cell count, then each cell's type, source and tags; every difference names the
    notebook, the cell index and a short excerpt of both sides.
    """
    source = jupytext.read(md_path, fmt=SOURCE_FORMAT)
    built = nbformat.read(ipynb_path, as_version=4)
    name = ipynb_path.name
    problems = []

    def excerpt(text: str, start: int = 0) -> str:
        """About 60 characters of `text` from a little before `start`, on one line."""
        begin = max(0, start - 20)
        piece = " ".join(text[begin : begin + 60].split())
        return repr(("…" if begin else "") + piece + ("…" if begin + 60 < len(text) else ""))

    def first_difference(a: str, b: str) -> int:
        return next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )

    for index, (want, have) in enumerate(zip(source.cells, built.cells, strict=False)):
        if want.cell_type != have.cell_type:
            problems.append(
                f"{name}: cell {index} is {have.cell_type} in the .ipynb but {want.cell_type} in "
                f"the .md ({excerpt(want.source)})"
            )
        elif want.source != have.source:
            at = first_difference(want.source, have.source)
            problems.append(
                f"{name}: cell {index} differs: .md has {excerpt(want.source, at)}, "
                f".ipynb has {excerpt(have.source, at)}"
            )
        elif want.metadata.get("tags", []) != have.metadata.get("tags", []):
            problems.append(
                f"{name}: cell {index} tags differ: .md {want.metadata.get('tags', [])}, "
                f".ipynb {have.metadata.get('tags', [])} ({excerpt(want.source)})"
            )
    if len(source.cells) != len(built.cells):
        shorter = min(len(source.cells), len(built.cells))
        extra = (source if len(source.cells) > shorter else built).cells[shorter]
        problems.append(
            f"{name}: the .md has {len(source.cells)} cells, the .ipynb {len(built.cells)}; "
            f"first unmatched, cell {shorter}: {excerpt(extra.source)}"
        )
    return problems


def normalise(nb) -> None:
    """House conventions every committed notebook keeps, applied on each regeneration.

    Solution cells open collapsed in JupyterLab, code and output alike, so a student scrolling
    the instructor's notebook does not read the answer by accident; no per-cell timing
    metadata and no saved widget state (its model ids are random on every run, and the quiz
    is rebuilt by its cell anyway), so regenerating an unchanged notebook changes nothing.
    Consecutive prints are merged into one stream output: how the kernel happens to split
    them into messages varies from run to run, the text does not.
    """
    nb.metadata.pop("widgets", None)
    CoalesceStreamsPreprocessor().preprocess(nb, {})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and "show_quiz(" in cell.source:
            # A stored widget view points at a model that only a running kernel has: opened
            # before running, it would read "model not found". The cell keeps its count.
            cell.outputs = []
        if "solution" in cell.metadata.get("tags", []):
            cell.metadata.setdefault("jupyter", {}).update(
                {"source_hidden": True, "outputs_hidden": True}
            )


def run(path: Path, inplace: bool) -> tuple[float, str | None]:
    nb = read_source(path)
    with tempfile.TemporaryDirectory(prefix="casestudy-run-") as tmp:
        os.environ["CASESTUDY_RESPONSES"] = str(Path(tmp) / "responses.jsonl")
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        client = NotebookClient(
            nb,
            timeout=TIMEOUT_PER_CELL,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        start = time.perf_counter()
        try:
            client.execute()
        except CellExecutionError as exc:
            return time.perf_counter() - start, str(exc).splitlines()[0] if str(exc) else "error"
        elapsed = time.perf_counter() - start
    if inplace:
        normalise(nb)
        nbformat.write(nb, path.with_suffix(".ipynb"))
    return elapsed, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--inplace", action="store_true", help="write the executed .ipynb")
    mode.add_argument("--check", action="store_true", help="run in memory; change nothing")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    failures = 0
    for path in sorted(args.notebooks):
        elapsed, error = run(path, inplace=args.inplace)
        status = "ok" if error is None else f"FAILED: {error}"
        print(f"{path}: {elapsed:5.1f} s  {status}", flush=True)
        failures += error is not None
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
