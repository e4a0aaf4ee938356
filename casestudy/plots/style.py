"""The chart style every chart shares: the Chart object, the palette, the title and source line."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from .. import data

# Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
THEME_COLOURS = {
    "crisis": OKABE_ITO["vermillion"],
    "governance": OKABE_ITO["reddish_purple"],
    "strategy": OKABE_ITO["blue"],
    "product": OKABE_ITO["bluish_green"],
    "storytelling": OKABE_ITO["orange"],
    "epilogue": OKABE_ITO["black"],
}
THEME_MARKERS = {
    "crisis": "o",
    "governance": "D",
    "strategy": "s",
    "product": "^",
    "storytelling": "P",
    "epilogue": "X",
}
FIGSIZE = (10, 4.8)
MAX_SOURCES_IN_LINE = 6
DPI = 100


class Chart:
    """A finished chart: the figure, a text summary and the sources it draws on.

    A chart read from the chart cache (:mod:`casestudy.plots.cache`) holds its PNG and summary
    only; its ``figure`` is drawn again the first time someone asks for it.
    """

    def __init__(
        self,
        figure: Any,
        summary: str,
        source_ids: Iterable[str] = (),
        source_line: str | None = None,
    ) -> None:
        self._figure = figure
        self.summary = summary
        self.source_ids = list(source_ids)
        #: the source in words, for a chart drawn from no cited source (e.g. a class's answers)
        self.source_line = source_line
        self._title: str | None = None
        self._png: bytes | None = None  # kept while nobody outside holds the figure
        self._handed_out = False
        self._rebuild: Callable[[], Chart] | None = None  # draws a cached chart's figure
        self._store: Callable[[bytes, Chart], None] | None = None  # saves the PNG in the cache

    def _fig(self):
        if self._figure is None:
            if self._rebuild is None:  # pragma: no cover - a cached chart always has one
                raise RuntimeError("this chart has neither a figure nor a way to draw it")
            figure = self._rebuild()._figure
            _draw(figure)  # as drawn, like a chart made here: tick labels, text settings
            self._figure = figure
        return self._figure

    @property
    def figure(self):
        """The matplotlib figure. Whoever holds it may change it, so from then on the chart
        is drawn afresh each time it is shown."""
        figure = self._fig()
        self._handed_out = True
        self._png = self._store = None
        return figure

    @property
    def axes(self):
        return self.figure.axes

    @property
    def title(self) -> str:
        if self._title is None or self._handed_out:
            self._title = self._fig().get_suptitle()
        return self._title

    def to_png(self) -> bytes:
        """The chart as PNG bytes, pixel for pixel what ``save()`` writes.

        Drawn once on an Agg canvas (``savefig`` draws a second time to run the layout), stored
        as RGB when fully opaque, as every course chart is, and recompressed losslessly
        (:func:`optimize_png`): the same pixels in about two thirds of the bytes.
        """
        if self._png is not None:
            return self._png
        png = optimize_png(_draw_png(self._fig()))
        if not self._handed_out:
            self._png = png
            if self._store is not None:
                self._store(png, self)
                self._store = None
        return png

    def save(self, path) -> None:
        """Write the chart to a PNG (or any format matplotlib knows by the file's suffix)."""
        self._fig().savefig(path, dpi=DPI)

    def text(self) -> str:
        if self.source_line and not self.source_ids:
            return f"Summary: {self.summary}\n{self.source_line}"
        sources = ", ".join(self.source_ids)
        return f"Summary: {self.summary}\nSources: {sources}"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        png = base64.b64encode(self.to_png()).decode("ascii")
        # One picture, in HTML so that it carries the summary as alt text for screen readers:
        # JupyterLab, Voila and nbconvert prefer text/html anyway (and JupyterLab treats it as
        # safe, sanitised, in an untrusted notebook), so a second image/png copy would only
        # double the notebook's size. The summary is also printed under the chart.
        alt = html.escape(self.summary, quote=True)
        bundle = {
            "text/html": f'<img src="data:image/png;base64,{png}" alt="{alt}"/>',
            "text/plain": f"<Chart: {self.title}>",
        }
        display(bundle, raw=True)
        print(self.text())

    def __repr__(self) -> str:
        return f"<Chart: {self.summary}>"


def _draw(figure):
    """Draw a figure once on an Agg canvas at the course's resolution; its RGBA pixels."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    dpi = figure.dpi
    if dpi != DPI:
        figure.dpi = DPI
    try:
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())
    finally:
        if dpi != DPI:
            figure.dpi = dpi


def _draw_png(figure) -> bytes:
    """Draw a figure once (:func:`_draw`); PNG bytes, RGB when fully opaque."""
    import numpy as np
    from PIL import Image  # Pillow: a dependency of matplotlib

    rgba = _draw(figure)
    opaque = bool((rgba[..., 3] == 255).all())
    image = Image.fromarray(np.ascontiguousarray(rgba[..., :3]) if opaque else rgba)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


#: oxipng's effort level: 1 saves about a fifth of the bytes for some 60 ms a chart on this
#: course's charts; 2 saves 4 % more for twice the time (``make bench`` prints both figures).
PNG_EFFORT = 1


def optimize_png(png: bytes) -> bytes:
    """The same image in fewer bytes: oxipng tries PNG's filters and recompresses, losslessly
    (the decoded pixels are identical; tests/test_chart_cache.py compares them)."""
    import oxipng

    return oxipng.optimize_from_memory(png, level=PNG_EFFORT)


@cache
def _figure_class():
    """Figure, drawn with every text taken literally: case data such as "Saves $2bn to $3bn"
    shows as typed, never as matplotlib mathematics (mathtext), and an odd ``$`` cannot break
    a chart. Built on first use so that importing the package does not import matplotlib."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    class CaseFigure(Figure):
        def draw(self, renderer):
            for text in self.findobj(Text):
                text.set_parse_math(False)
            # tick labels made while drawing take the default from rcParams
            with rc_context({"text.parse_math": False}):
                super().draw(renderer)

    return CaseFigure


def _new_figure(figsize=FIGSIZE):
    """A new figure of the course's style; every chart starts here."""
    return _figure_class()(figsize=figsize, dpi=DPI, layout="constrained")


def _style_axes(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)


def _finish(fig, title: str, source_ids: Iterable[str], line: str | None = None) -> list[str]:
    """Title, source line and room for it; returns the sorted source ids.

    ``line`` replaces the source line built from the ids (e.g. "Source: synthetic class").
    """
    ids = sorted(set(source_ids))
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
    if line is not None:
        pass
    elif len(ids) <= MAX_SOURCES_IN_LINE:
        line = "Source: " + ", ".join(ids) + " — casestudy.cite(id) gives the full reference"
    else:
        line = f"Sources: {len(ids)} references, listed under the chart (casestudy.cite(id))"
    fig.text(0.01, 0.01, line, fontsize=8, color="#444444", ha="left", va="bottom")
    fig.get_layout_engine().set(rect=(0, 0.045, 1, 0.955))
    return ids


def _value_label(ax, text: str, xy, value: float, **style) -> None:
    """A bold value written just above its point (below it when the value is negative)."""
    ax.annotate(
        text,
        xy,
        xytext=(0, 9 if value >= 0 else -15),
        textcoords="offset points",
        ha="center",
        fontsize=8.5,
        fontweight="bold",
        **style,
    )


def _marker_handles(ax, styles, used, size: int) -> list:
    """Legend entries for the marker styles in use: ``styles`` maps a key to
    (label, marker, colour, filled); hollow markers stand for internal or planned steps."""
    return [
        ax.scatter(
            [],
            [],
            marker=marker,
            s=size,
            facecolor=colour if filled else "white",
            edgecolor=colour,
            label=name,
        )
        for key, (name, marker, colour, filled) in styles.items()
        if key in used
    ]


def _fmt_bn(value_million: float) -> str:
    return f"EUR {value_million / 1000:.1f} bn"


def _minus(text: str) -> str:
    """A typographic minus sign for a label (a hyphen reads as a dash)."""
    return text.replace("-", "\N{MINUS SIGN}")


def _pct(value: float) -> str:
    return _minus(f"{value:.1f} %")


def _year_x(when) -> float:
    """A date on an axis of financial years drawn as bars centred on each year."""
    return when.year - 0.5 + (when.day_of_year - 1) / 366


def _period_text(start, end) -> str:
    """'May 2020 – Jul 2025': the months of the period from ``start`` up to ``end`` (excluded)."""
    import pandas as pd

    last = pd.Timestamp(end) - pd.Timedelta(days=1)
    return f"{pd.Timestamp(start):%b %Y} – {last:%b %Y}"


def _events_between(start, end, themes):
    """The events dated from ``start`` up to ``end`` (excluded) in the given themes."""
    import pandas as pd

    events = data.load("events")
    return events[
        (events["date"] >= pd.Timestamp(start))
        & (events["date"] < pd.Timestamp(end))
        & events["theme"].astype(str).isin(list(themes))
    ]
