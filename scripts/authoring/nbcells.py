"""Tiny helpers for writing a course notebook as a Python list of cells (authoring only).

The committed .ipynb stays the source of truth: these helpers only spare an author the JSON.
Run an authoring script once, then edit the notebook in JupyterLab and `make notebooks`.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

SETUP = """# Run this cell to set up the notebook, but please don't change it.
%matplotlib inline
import casestudy
from casestudy import plots
casestudy.notebook.setup()"""


def md(text: str):
    return new_markdown_cell(text.strip("\n"))


def code(text: str, *tags: str, hidden: bool = False):
    cell = new_code_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    if hidden:
        cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def solution(text: str):
    """A solution cell: tagged `solution`, its code and output collapsed in JupyterLab."""
    cell = code(text, "solution", hidden=True)
    cell.metadata["jupyter"]["outputs_hidden"] = True
    return cell


def quiz(stem: str):
    return code(f'casestudy.show_quiz("{stem}")', "nbval-ignore-output")


def write(path: str, cells, title: str) -> None:
    nb = new_notebook(cells=cells)
    nb.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "title": title,
            "license": "CC-BY-4.0",
        }
    )
    nbformat.write(nb, path)
