"""The static site without a browser: rendering rules, the quiz page model, the build, the CLI.

The browser half (offline loading, axe, the page's checks against Python's) is
tests/e2e/test_site_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casestudy.__main__ import main as cli
from casestudy.quiz import load_quiz, seal_quiz
from casestudy.site import build_site
from casestudy.site.page import CSP
from casestudy.site.quizmodel import quiz_model
from casestudy.site.render import chart_from_html, render_notebook

REPO = Path(__file__).resolve().parents[1]
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


def code(src, outputs=(), tags=(), hidden=False):
    meta = {"tags": list(tags)} if tags else {}
    if hidden:
        meta["jupyter"] = {"source_hidden": True}
    return {"cell_type": "code", "source": src, "metadata": meta, "outputs": list(outputs)}


def md(src):
    return {"cell_type": "markdown", "source": src, "metadata": {}}


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def display(data):
    return {"output_type": "display_data", "data": data, "metadata": {}}


SETUP = "# Run this cell to set up the notebook, but please don't change it.\nimport x"
TABLE = (
    '<div><style scoped>x</style><table border="1" class="dataframe">'
    "<thead><tr><th></th><th>a</th></tr></thead></table></div>"
)
NOTEBOOK = {
    "cells": [
        md(
            "# 09 — Test chapter\n### *Sous-titre*\n\nOpening paragraph about the case, quite long."
        ),
        md("**Run the next cell to set up the notebook, but please don't change it.**"),
        code(SETUP, [stream("loaded\n")]),
        md("See [the crisis](01-crisis.ipynb) and [a source](https://example.org/a.ipynb)."),
        code(
            "chart_a",
            [
                display(
                    {
                        "text/html": f'<img src="data:image/png;base64,{PNG}" alt="Chart A: up">',
                        "image/png": PNG,
                        "text/plain": "<Chart: A>",
                    }
                ),
                stream("Summary: A goes up.\nSources: kf\n"),
            ],
        ),
        code(
            "chart_b",
            [
                display({"image/png": PNG, "text/plain": "<Chart: B>"}),
                stream("Summary: B falls.\n"),
            ],
        ),
        code("chart_c", [display({"image/png": PNG, "text/plain": "<Chart: C>"})]),
        code(
            "table",
            [display({"text/html": TABLE})],
        ),
        code("secret_answer = 42", [stream("42\n")], tags=["solution"], hidden=True),
        {
            "cell_type": "markdown",
            "source": "Model answer: 42.",
            "metadata": {"tags": ["solution"]},
        },
        code(
            'casestudy.check_exercise("ex-09", answer)',
            [{"output_type": "execute_result", "data": {"text/plain": "✓ Correct. It is 42."}}],
        ),
        code('casestudy.show_quiz("00-start-here")', tags=["nbval-ignore-output"]),
    ],
    "metadata": {},
}


def test_student_page_hides_setup_and_solutions_keeps_reading_order():
    page = render_notebook(NOTEBOOK, "09-test")
    html = "\n".join(page.blocks)
    assert page.title == "09 — Test chapter"
    assert '<p class="subtitle"><em>Sous-titre</em></p>' in html and "<h3>" not in html
    assert "import x" not in html and "loaded" not in html
    assert "Run the next cell" not in html
    assert "secret_answer" not in html and "Model answer" not in html and page.solutions == 0
    assert "It is 42" not in html and "check_exercise(" in html  # the check, not its verdict
    assert page.quizzes == ["00-start-here"]
    assert 'href="01-crisis.html"' in html  # a link to another notebook opens its page
    assert 'href="https://example.org/a.ipynb"' in html  # an outside link is left alone
    order = [html.index(s) for s in ("Opening paragraph", "Chart A", "B falls", "<table", "quiz")]
    assert order == sorted(order)


def test_charts_take_their_alt_text_from_the_html_else_the_summary_else_the_text():
    page = render_notebook(NOTEBOOK, "09-test")
    alts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', "".join(page.blocks))
    assert alts == ["Chart A: up", "B falls.", "Chart: C"]
    assert page.images == 3
    assert "Summary: A goes up." in "".join(page.blocks)  # the summary line stays under it


def test_tables_scroll_in_a_named_focusable_region_without_the_pandas_style():
    html = "".join(render_notebook(NOTEBOOK, "09-test").blocks)
    assert '<div class="table-wrap" role="region" tabindex="0" aria-label="Table 1">' in html
    assert "<style" not in html and 'border="1"' not in html
    assert '<th><span class="sr-only">row</span></th>' in html


def test_instructor_page_shows_solutions():
    page = render_notebook(NOTEBOOK, "09-test", edition="instructor")
    html = "".join(page.blocks)
    assert page.solutions == 2 and "secret_answer = 42" in html and "It is 42" in html
    assert "Model answer: 42." in html
    assert '<details class="solution">' in html
    with pytest.raises(ValueError, match="unknown edition"):
        render_notebook(NOTEBOOK, "09-test", edition="teacher")


def test_only_inline_images_are_taken_from_html():
    assert chart_from_html('<img src="https://example.org/x.png" alt="x">') is None
    assert chart_from_html(f'<img alt="ok" src="data:image/png;base64,{PNG}">')[1] == "ok"


def test_quiz_model_carries_the_release_and_never_a_plain_key():
    authored = load_quiz("01-crisis")
    released, _ = seal_quiz(authored, seed="test")
    model = quiz_model(released)
    text = json.dumps(model, ensure_ascii=False)
    for q in model["questions"]:
        for choice in q.get("choices", []):
            assert choice["correct"] is None and choice["mark"]
        for answer in q.get("answers", []):
            if answer.get("mark"):
                assert answer.get("value") is None and answer.get("answer") is None
        if q["type"] in ("order", "match"):
            assert q["marks"] and q.get("answer") is None
    for q in authored:  # hashed explanations are not readable either
        sealed = released[q.id].sealed_explanation
        if sealed:
            assert q.explanation.get("en") not in text
    with pytest.raises(ValueError, match="not released"):
        quiz_model(authored)


def test_display_order_is_the_widgets_shuffle():
    from casestudy.quiz.model import seeded_order

    released, _ = seal_quiz(load_quiz("00-start-here"), seed="test")
    model = quiz_model(released)
    for q, data in zip(released, model["questions"], strict=True):
        if "display" in data:
            n = len(data["display"])
            if q.type in ("single", "multiple") and not q.shuffle:
                assert data["display"] == list(range(n))
            else:
                assert data["display"] == seeded_order(n, q.id)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = {}
    for edition in ("student", "instructor"):
        folder = tmp_path_factory.mktemp(edition)
        lines: list[str] = []
        report = build_site(folder, edition=edition, seed="test", progress=lines.append)
        out[edition] = (folder, report, lines)
    return out


def test_build_writes_one_page_per_notebook_and_the_course_map(built):
    folder, report, lines = built["student"]
    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert sorted(p.stem for p in folder.glob("*.html")) == sorted([*notebooks, "index"])
    assert len(lines) == len(notebooks) + 1 and lines[-1].startswith(f"[{len(lines)}/")
    index = (folder / "index.html").read_text(encoding="utf-8")
    for name in notebooks:
        assert f'href="{name}.html"' in index
    assert "&amp;quot;" not in index and "&amp;amp;" not in index  # escaped once, not twice
    assert report.bytes <= 25_000_000, f"site is {report.bytes / 1e6:.1f} MB"
    assert report.questions == sum(len(load_quiz(n)) for n in notebooks)


def test_every_page_is_self_contained(built):
    folder, _, _ = built["student"]
    for path in folder.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
        assert CSP in html
        # nothing is loaded from anywhere: no external src, no <link>, no @import
        assert not re.search(r'\bsrc="(?!data:)', html), path.name
        assert "<link" not in html and "@import" not in html and "url(" not in html


def test_student_pages_hold_no_solution_and_instructor_pages_add_notes(built):
    student, _, _ = built["student"]
    instructor, _, _ = built["instructor"]
    notes = {p.stem for p in (REPO / "notebooks" / "teaching-notes").glob("*.md")}
    for path in student.glob("[0-9]*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'class="solution"' not in html and "Teaching notes" not in html
        other = (instructor / path.name).read_text(encoding="utf-8")
        nb = json.loads((REPO / "notebooks" / f"{path.stem}.ipynb").read_text(encoding="utf-8"))
        solutions = sum("solution" in c.get("metadata", {}).get("tags", []) for c in nb["cells"])
        assert other.count('<details class="solution">') == solutions
        assert ("Teaching notes (instructors)" in other) == (path.stem in notes)


def test_cli_builds_and_reports(tmp_path, capsys):
    assert cli(["site", "--out", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert "[1/" in out and "index.html" in out and "MB" in out
    assert cli(["site", "--out", str(tmp_path / "t"), "--notebooks", str(tmp_path)]) == 1
    assert "no executed notebooks" in capsys.readouterr().err
