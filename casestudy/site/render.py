"""Executed notebook → the blocks of a static page (pure Python: no browser, no kernel).

Reading order is the notebook's. Prose is Markdown rendered by mistune; code cells keep their
outputs — pandas tables, charts (an ``<img>`` with its alt text, then the chart's summary line),
printed text such as the sources list. What a student should not see in a page is left out:

* the set-up cell (hidden source, a ``setup`` tag, or the "Run this cell to set up" comment)
  and the Markdown note that asks to run it;
* ``solution`` cells, unless the edition is ``instructor`` (then they open on a click);
* the quiz cell, which becomes a placeholder that the page fills with the browser quiz;
* in the student edition, the stored output of an exercise check (``check_exercise(...)``):
  it is the verdict on the solution's answer.

Charts come in two shapes and both are handled: an HTML ``<img alt=...>`` with a data-URI PNG
(preferred, it carries the alt text) or a bare ``image/png`` whose alt text is the summary the
same cell printed, else the chart's text representation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Any

import mistune

from casestudy.notebook import is_exercise_check

EDITIONS = ("student", "instructor")
SETUP_TAGS = frozenset({"setup", "set-up", "remove-cell", "remove-input", "hide-input"})
_SETUP_COMMENT = re.compile(r"^\s*#\s*run this cell to set up", re.IGNORECASE)
_SETUP_NOTE = re.compile(r"\bset (?:it )?up\b|\bset-up cell\b", re.IGNORECASE)
_QUIZ_CALL = re.compile(r"show_quiz\(\s*[\"']([\w.-]+)[\"']")
_NOTEBOOK_LINK = re.compile(r'href="(?:\.\.?/)?([0-9]{2}-[\w-]+)\.(?:ipynb|md)(#[^"]*)?"')
_SUBTITLE = re.compile(r"(</h1>\s*)<h[2-6][^>]*>(.*?)</h[2-6]>", re.DOTALL)
_SUMMARY = re.compile(r"^\s*Summary:\s*(.+)$", re.MULTILINE)

_markdown = mistune.create_markdown(
    escape=False, plugins=["table", "strikethrough", "footnotes"], hard_wrap=False
)


@dataclass
class Page:
    """One notebook as a page: its name (``01-crisis``), title and HTML blocks in order."""

    name: str
    title: str
    blocks: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)
    images: int = 0
    solutions: int = 0

    @property
    def filename(self) -> str:
        return f"{self.name}.html"


def source(cell: dict[str, Any]) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def tags(cell: dict[str, Any]) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def is_solution(cell: dict[str, Any]) -> bool:
    return "solution" in tags(cell)


def is_setup(cell: dict[str, Any]) -> bool:
    """The set-up cell: hidden source, a set-up tag, or the standard first comment."""
    if cell.get("cell_type") != "code" or is_solution(cell):
        return False
    if tags(cell) & SETUP_TAGS:
        return True
    if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
        return True
    return bool(_SETUP_COMMENT.match(source(cell)))


def quiz_name(cell: dict[str, Any]) -> str | None:
    """``"01-crisis"`` for a cell that calls ``casestudy.show_quiz("01-crisis")``."""
    if cell.get("cell_type") != "code":
        return None
    found = _QUIZ_CALL.search(source(cell))
    return found.group(1) if found else None


def markdown_html(text: str) -> str:
    """Markdown to HTML; links to another notebook point at its page.

    A heading just under the title (the French subtitle ``### *...*``) is a subtitle, not a
    section: it becomes a paragraph, so headings do not jump from level 1 to level 3.
    """
    html = _SUBTITLE.sub(r'\1<p class="subtitle">\2</p>', _markdown(text))
    return _NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', html)


def title_of(cells: list[dict[str, Any]], fallback: str) -> str:
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in source(cell).splitlines():
                if line.startswith("# "):
                    return _plain(markdown_html(line[2:].strip()))
    return fallback


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


class _ImgFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append({k: v or "" for k, v in attrs})


def chart_from_html(html: str) -> tuple[str, str] | None:
    """``(src, alt)`` of the first inline (data-URI) image in an output's HTML, else None."""
    finder = _ImgFinder()
    finder.feed(html)
    for img in finder.images:
        if img.get("src", "").startswith("data:image/"):
            return img["src"], img.get("alt", "")
    return None


def cell_summary(cell: dict[str, Any]) -> str:
    """The chart summary a cell printed ("Summary: ..."), else ''."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            found = _SUMMARY.search(_text(output.get("text")))
            if found:
                return found.group(1).strip()
    return ""


def _figure(src: str, alt: str, number: int) -> str:
    # on a phone a chart keeps a readable width and scrolls sideways (by keyboard too)
    return (
        f'<div class="chart-wrap" role="region" tabindex="0" aria-label="Chart {number}">'
        f'<figure class="chart"><img src="{escape(src)}" alt="{escape(alt)}"></figure></div>'
    )


def _stream(text: str) -> str:
    lines = text.rstrip("\n")
    if _SUMMARY.search(lines):
        rows = "".join(f"<p>{escape(line)}</p>" for line in lines.splitlines() if line.strip())
        return f'<div class="chart-note">{rows}</div>'
    return f'<pre class="output">{escape(lines)}</pre>'


class Tables:
    """Wraps each table in a named, focusable region that scrolls sideways on a phone (by
    keyboard too); numbered per page so that every region has its own name."""

    def __init__(self, label: str = "Table") -> None:
        self.label = label
        self.count = 0

    def _wrap(self, match: re.Match) -> str:
        self.count += 1
        return (
            f'<div class="table-wrap" role="region" tabindex="0" '
            f'aria-label="{escape(self.label)} {self.count}">{match.group(0)}</div>'
        )

    def wrap(self, html: str) -> str:
        html = re.sub(r"<style[^>]*>.*?</style>", "", html, flags=re.DOTALL)
        html = html.replace('<table border="1" class="dataframe">', '<table class="dataframe">')
        # pandas leaves the index column's header empty; give it a name screen readers can say
        html = html.replace("<th></th>", '<th><span class="sr-only">row</span></th>')
        return _TABLE.sub(self._wrap, html.strip())


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)


def outputs_html(cell: dict[str, Any], tables: Tables, charts: int = 0) -> tuple[str, int]:
    """A code cell's outputs as HTML, and how many images they hold (``charts`` so far)."""
    parts: list[str] = []
    images = 0
    summary = cell_summary(cell)
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            if output.get("name") == "stdout":
                parts.append(_stream(_text(output.get("text"))))
            continue
        if kind == "error":
            parts.append(
                f'<pre class="output error">{escape(output.get("ename", ""))}: '
                f"{escape(output.get('evalue', ''))}</pre>"
            )
            continue
        data = output.get("data", {})
        html = _text(data.get("text/html")) if "text/html" in data else ""
        chart = chart_from_html(html) if "<img" in html else None
        if chart is None and "image/png" in data:
            alt = summary or _text(data.get("text/plain")).strip("<>")
            chart = (f"data:image/png;base64,{_text(data['image/png']).strip()}", alt)
        if chart is not None:
            images += 1
            parts.append(_figure(*chart, number=charts + images))
        elif html:
            parts.append(tables.wrap(html))
        elif "text/plain" in data:
            parts.append(f'<pre class="output">{escape(_text(data["text/plain"]))}</pre>')
    return "".join(parts), images


def _code(cell: dict[str, Any], summary: str) -> str:
    return (
        f'<details class="code"><summary>{summary}</summary>'
        f'<pre><code class="language-python">{escape(source(cell))}</code></pre></details>'
    )


def quiz_placeholder(name: str) -> str:
    """Where the page's script draws the quiz ``name`` (its data sit in the page head)."""
    return (
        f'<section class="quiz" id="quiz-{escape(name)}" data-quiz="{escape(name)}">'
        f"<noscript><p>This quiz needs JavaScript.</p></noscript></section>"
    )


def render_notebook(notebook: dict[str, Any], name: str, *, edition: str = "student") -> Page:
    """The page of one executed notebook (``nbformat`` JSON as a dict)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; choose one of: {', '.join(EDITIONS)}")
    cells = notebook.get("cells", [])
    page = Page(name=name, title=title_of(cells, name))
    tables = Tables()
    for index, cell in enumerate(cells):
        kind = cell.get("cell_type")
        if kind == "markdown":
            following = cells[index + 1] if index + 1 < len(cells) else {}
            text = source(cell)
            if is_setup(following) and _SETUP_NOTE.search(text) and len(text) < 400:
                continue  # "Run the next cell to set up..." means nothing without a kernel
            prose = f'<div class="prose">{tables.wrap(markdown_html(text))}</div>'
            if is_solution(cell):  # a model answer written as prose
                if edition != "instructor":
                    continue
                page.solutions += 1
                prose = f'<details class="solution"><summary>Solution</summary>{prose}</details>'
            page.blocks.append(prose)
            continue
        if kind != "code" or is_setup(cell):
            continue
        quiz = quiz_name(cell)
        if quiz is not None:
            page.quizzes.append(quiz)
            page.blocks.append(quiz_placeholder(quiz))
            continue
        outputs, images = outputs_html(cell, tables, page.images)
        if is_solution(cell):
            if edition != "instructor":
                continue
            page.solutions += 1
            page.images += images
            page.blocks.append(
                f'<details class="solution"><summary>Solution</summary>'
                f"{_code(cell, 'Code')}{outputs}</details>"
            )
            continue
        if edition != "instructor" and is_exercise_check(source(cell)):
            # its stored output is the verdict on the solution's answer: it would give it away
            outputs = (
                '<p class="exercise-note">This cell checks your answer to the exercise when '
                "you run it in the notebook.</p>"
            )
            images = 0
        page.images += images
        page.blocks.append(f'<div class="cell">{_code(cell, "Show the code")}{outputs}</div>')
    return page
