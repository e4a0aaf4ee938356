"""What the first cell of every notebook calls, and small helpers for the notebook's last cells."""

from __future__ import annotations

from collections.abc import Iterable

from . import data


def setup(lang: str = "en") -> None:
    """Set up a course notebook: display options, the UI language, and a line saying what loaded.

    Students run it once at the top; it prints the size of the case data so that everyone in
    the room can see they work on the same version.
    """
    import pandas as pd

    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.width", 120)
    try:
        from .i18n import set_language
    except ImportError:  # pragma: no cover - i18n ships with the package
        set_language = None
    if set_language is not None:
        set_language(lang)
    # Every table is read and checked here, so a broken data file stops the first cell with the
    # file, row and field; DataFrames are built later, only for the tables the notebook uses.
    _describe_own_figures()
    sizes = data.row_counts()
    tables = ", ".join(f"{name} ({sizes[name]})" for name in data.datasets())
    print(f"Anatomy of a Comeback — case data loaded: {tables}. Language: {lang}.")


def _describe_own_figures() -> None:
    """Show a figure the student draws with matplotlib as an ``<img>`` with alt text.

    Course charts carry their summary as alt text; a plain matplotlib figure would reach a
    screen reader as an unnamed image. Registered by name, so matplotlib loads only when a
    figure is first shown. The bare PNG the inline backend adds is dropped: every client the
    course supports (JupyterLab, Voila, the static pages) shows the HTML, and the notebook
    stores each picture once.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - the notebook always has IPython
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type_by_name("matplotlib.figure", "Figure", figure_html)
    # The same picture as a bare PNG would only repeat it without its alt text.
    formatters["image/png"].pop("matplotlib.figure.Figure", None)


def describe_figure(figure) -> str:
    """One sentence naming what a matplotlib figure shows: title, axis labels, series.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar([2024, 2025], [1, 2], label="Net income")
    >>> _ = ax.set_title("Renault"); _ = ax.set_ylabel("EUR million"); _ = ax.legend()
    >>> describe_figure(fig)
    'Chart: Renault. y axis: EUR million. Series: Net income.'
    >>> plt.close(fig)
    """
    parts = []
    title = figure.get_suptitle() or next((a.get_title() for a in figure.axes if a.get_title()), "")
    parts.append(f"Chart: {title or 'untitled'}.")
    for ax in figure.axes:
        if ax.get_xlabel():
            parts.append(f"x axis: {ax.get_xlabel()}.")
        if ax.get_ylabel():
            parts.append(f"y axis: {ax.get_ylabel()}.")
        handles, labels = ax.get_legend_handles_labels()
        if labels:
            parts.append(f"Series: {', '.join(labels)}.")
    return " ".join(parts)


def figure_html(figure) -> str:
    """The figure as an ``<img>`` (inline PNG) whose alt text is :func:`describe_figure`."""
    import base64
    import html
    import io

    from .plots.style import optimize_png

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    png = base64.b64encode(optimize_png(buffer.getvalue())).decode("ascii")
    alt = html.escape(describe_figure(figure), quote=True)
    return f'<img src="data:image/png;base64,{png}" alt="{alt}"/>'


def sources(ids: Iterable[str]) -> None:
    """Print the full reference of each source id, sorted, once each."""
    for source_id in sorted(set(ids)):
        print(data.cite(source_id))


def is_exercise_check(source: str) -> bool:
    """True for a cell that calls ``check_exercise(...)``.

    Its stored output is the verdict on the solution's answer, so the student copy and the
    student web edition drop it.

    >>> is_exercise_check('casestudy.check_exercise("ex-01", answer)'), is_exercise_check("x = 1")
    (True, False)
    """
    return "check_exercise(" in source
