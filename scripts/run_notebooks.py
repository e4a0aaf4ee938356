"""Execute course notebooks top to bottom in a fresh kernel.

    python scripts/run_notebooks.py --inplace notebooks/*.ipynb   # regenerate committed outputs
    python scripts/run_notebooks.py --check notebooks/*.ipynb     # run scratch copies, report

Each notebook runs with its own folder as working directory and with a throw-away saved-answers
file, so answers given on this machine never leak into committed outputs. Prints the wall time
of each notebook; exits 1 if any cell raised.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

TIMEOUT_PER_CELL = 300


def normalise(nb) -> None:
    """House conventions every committed notebook keeps, applied on each regeneration.

    Solution cells open collapsed in JupyterLab, code and output alike, so a student scrolling
    the instructor's notebook does not read the answer by accident; no per-cell timing
    metadata and no saved widget state (its model ids are random on every run, and the quiz
    is rebuilt by its cell anyway), so regenerating an unchanged notebook changes nothing.
    """
    nb.metadata.pop("widgets", None)
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
    nb = nbformat.read(path, as_version=4)
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
        nbformat.write(nb, path)
    return elapsed, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--inplace", action="store_true", help="write outputs back to the files")
    mode.add_argument("--check", action="store_true", help="run copies; change nothing")
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
