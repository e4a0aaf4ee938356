"""Every chart stored in a committed notebook is the chart the code draws now, pixel for pixel.

nbval compares a chart's summary line but not its picture (tests/nbval_sanitize.cfg replaces
inline PNGs), so a change to a chart's code or data that left the notebooks unbuilt would go
unseen. Each chart cell is one call, ``name = plots.chart(...)`` then ``name``: the call is run
here and its PNG compared with the stored one, decoded, pixel for pixel.
"""

from __future__ import annotations

import ast
import base64
import html
import io
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

import casestudy
from casestudy import plots

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"')


def chart_cells() -> list[tuple[str, int, str, bytes, str]]:
    """(notebook, cell index, the call, stored PNG, stored alt text) for every chart cell."""
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or "plots." not in cell.source:
                continue
            html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
            match = IMG.search(html)
            if match is None:
                continue
            tree = ast.parse(cell.source)
            call = ast.get_source_segment(cell.source, tree.body[0].value)
            found.append((path.stem, index, call, base64.b64decode(match[1]), match[2]))
    return found


CELLS = chart_cells()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_every_course_chart_is_checked():
    assert len(CELLS) >= len(plots.CHARTS)
    called = {re.match(r"plots\.(\w+)\(", call)[1] for _, _, call, _, _ in CELLS}
    assert called == set(plots.CHARTS), "a chart function no notebook shows, or one not listed"


@pytest.mark.parametrize(
    ("stem", "index", "call", "stored", "alt"),
    [pytest.param(*cell, id=f"{cell[0]}-cell{cell[1]}") for cell in CELLS],
)
def test_stored_chart_is_the_chart_drawn_now(stem, index, call, stored, alt):
    chart = eval(call, {"plots": plots, "casestudy": casestudy})  # noqa: S307 - our notebooks
    where = f"notebooks/{stem}.ipynb, cell {index} ({call[:40]}…)"
    fresh = pixels(chart.to_png())
    old = pixels(stored)
    assert fresh.shape == old.shape, f"{where}: the chart's size changed; run `make notebooks`"
    differ = int((fresh != old).any(axis=-1).sum())
    assert differ == 0, (
        f"{where}: {differ} pixels differ from the stored chart; run `make notebooks`"
    )
    assert html.unescape(alt) == chart.summary, f"{where}: the alt text is not the summary"
