"""The HTML of a page and of the course map: one file each, style and script inline.

A Content-Security-Policy in every page allows inline style and script and ``data:`` images
and nothing else, so a page cannot fetch anything even if a notebook output tried to.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from importlib.resources import files
from typing import Any

from .render import Page

CSP = (
    "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
LICENCE = "Notebooks and prose: CC BY 4.0. Code: MIT."


def asset(name: str) -> str:
    """``site.css`` or ``quiz.js`` from this package."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _json_for_script(value: Any) -> str:
    # "</" would end the <script> element early; "<\/" is the same JSON string
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _document(title: str, body: str, *, scripts: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{escape(title)}</title>\n<style>{asset('site.css')}</style>\n</head>\n"
        f'<body>\n<a class="skip" href="#main">Skip to the content</a>\n{body}\n{scripts}'
        "</body>\n</html>\n"
    )


def _nav(pages: list[Page], current: Page | None, label: str = "Course") -> str:
    links = ['<a href="index.html">Course map</a>']
    if current is not None:
        at = next(i for i, p in enumerate(pages) if p.name == current.name)
        if at > 0:
            before = pages[at - 1]
            links.append(f'<a href="{before.filename}" rel="prev">← {escape(before.title)}</a>')
        if at + 1 < len(pages):
            after = pages[at + 1]
            links.append(f'<a href="{after.filename}" rel="next">{escape(after.title)} →</a>')
    items = "".join(f"<li>{link}</li>" for link in links)
    return f'<nav aria-label="{label}"><ul>{items}</ul></nav>'


def _footer(edition: str) -> str:
    which = "Instructor edition" if edition == "instructor" else "Student edition"
    return (
        f"<footer><p>Anatomy of a Comeback — {which}. {escape(LICENCE)} "
        "This page works offline: your quiz answers stay in this browser until you download "
        "them.</p></footer>"
    )


def page_html(
    page: Page,
    *,
    pages: list[Page],
    quizzes: list[dict[str, Any]],
    catalogue: dict[str, dict[str, str]],
    edition: str,
    notes: str | None = None,
) -> str:
    """One notebook's page. ``quizzes`` are :func:`quizmodel.quiz_model` dicts."""
    body = [f"<header>{_nav(pages, page)}</header>", '<main id="main">']
    body += page.blocks
    if notes:
        body.append(
            '<section class="teaching-notes" aria-labelledby="teaching-notes">'
            '<h2 id="teaching-notes">Teaching notes (instructors)</h2>'
            f'<div class="prose">{notes}</div></section>'
        )
    body.append("</main>")
    body.append(f'<div class="end-nav">{_nav(pages, page, "Chapters")}</div>')
    body.append(_footer(edition))
    scripts = ""
    if quizzes:
        data = {"quizzes": quizzes, "catalogue": catalogue, "page": page.name}
        scripts = (
            f'<script type="application/json" id="casestudy-quiz-data">'
            f"{_json_for_script(data)}</script>\n<script>{asset('quiz.js')}</script>\n"
        )
    return _document(f"{page.title} — Anatomy of a Comeback", "\n".join(body), scripts=scripts)


def _first_paragraph(page: Page) -> str:
    for block in page.blocks:
        for paragraph in re.findall(r"<p>(.*?)</p>", block, flags=re.DOTALL):
            text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", paragraph)).strip())
            if len(text) > 40:
                return text if len(text) <= 220 else text[:219].rsplit(" ", 1)[0] + " …"
    return ""


def index_html(pages: list[Page], *, edition: str) -> str:
    """The course map: every page in order, with its opening line."""
    items = []
    for page in pages:
        quiz = " · quiz" if page.quizzes else ""
        charts = f"{page.images} chart{'' if page.images == 1 else 's'}"
        items.append(
            f'<li><h2><a href="{page.filename}">{escape(page.title)}</a></h2>'
            f"<p>{escape(_first_paragraph(page))}</p>"
            f'<p class="meta">{charts}{quiz}</p></li>'
        )
    body = (
        f"<header>{_nav(pages, None)}</header>"
        '<main id="main"><h1>Anatomy of a Comeback</h1>'
        "<p><em>Anatomie d'un come-back</em>: Renault's turnaround, 2018–2025, read through "
        "its communication. Read the chapters in order; each ends with a quiz you can answer "
        "here, offline. The exercises ask you to run code: open the notebooks in JupyterLab "
        "for those.</p>"
        f'<ol class="course-map">{"".join(items)}</ol></main>{_footer(edition)}'
    )
    return _document("Anatomy of a Comeback — course map", body)
