"""Every chart stored in a committed notebook is the chart the code draws now, pixel for pixel.

nbval compares a chart's summary line but not its picture (tests/nbval_sanitize.cfg replaces
inline PNGs), so a change to a chart's code or data that left the notebooks unbuilt would go
unseen. Each chart cell is one call, ``name = plots.chart(...)`` then ``name``, read by
:func:`casestudy.plots.cache.chart_calls` (which ``python -m casestudy charts`` uses too): the call
is run here and its PNG compared with the stored one, decoded, pixel for pixel.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from casestudy import plots
from casestudy.plots.cache import chart_calls

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"')


def html_of(cell) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.get("outputs", []))


def chart_cells() -> list:
    """(the chart call, its stored PNG, its stored alt text) for every chart cell."""
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for call in chart_calls(path):
            match = IMG.search(html_of(nb.cells[call.cell]))
            assert match, f"{path.name}, cell {call.cell}: a chart cell without its picture"
            found.append((call, base64.b64decode(match[1]), match[2]))
    return found


CELLS = chart_cells()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_every_course_chart_is_checked():
    called = {call.chart for call, _, _ in CELLS}
    assert called == set(plots.CHARTS), "a chart function no notebook shows, or one not listed"
    shown = sum(
        "plots." in c.source and IMG.search(html_of(c)) is not None
        for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")
        for c in nbformat.read(path, as_version=4).cells
        if c.cell_type == "code"
    )
    assert len(CELLS) == shown, "a chart cell whose call could not be read"


@pytest.mark.parametrize(
    ("call", "stored", "alt"),
    [pytest.param(*cell, id=f"{cell[0].notebook}-cell{cell[0].cell}") for cell in CELLS],
)
def test_stored_chart_is_the_chart_drawn_now(call, stored, alt):
    chart = call()
    where = f"notebooks/{call.notebook}.ipynb, cell {call.cell} (plots.{call.chart})"
    fresh = pixels(chart.to_png())
    old = pixels(stored)
    assert fresh.shape == old.shape, f"{where}: the chart's size changed; run `make notebooks`"
    differ = int((fresh != old).any(axis=-1).sum())
    assert differ == 0, (
        f"{where}: {differ} pixels differ from the stored chart; run `make notebooks`"
    )
    assert html.unescape(alt) == chart.summary, f"{where}: the alt text is not the summary"
