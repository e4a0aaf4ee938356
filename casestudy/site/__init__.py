"""The static edition of the course: every notebook as a web page, every quiz working offline.

``python -m casestudy site --out build/site`` (or ``make site``) writes ``index.html`` (the
course map) and one page per executed notebook (``01-crisis.html``...). Each page is a single
file: its style, its script and its charts are inline, so it opens from ``file://``, from any
static host or from an LMS, and asks the network for nothing.

Quizzes run in the page from the *student release* of the same quiz files (salted hashes, see
``casestudy.quiz.release``), checked by ``quiz.js`` the way the Python release checks them.
Answers stay in the browser (``localStorage``); **Download my answers** saves them as a
``.jsonl`` answers file in the format of ``casestudy.quiz.store`` for the instructor.

``--edition instructor`` adds the solution cells and the teaching notes.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .page import index_html, page_html
from .render import EDITIONS, Page, Tables, markdown_html, render_notebook

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


@dataclass
class SiteReport:
    """What a build wrote and how long it took."""

    out: Path
    edition: str
    pages: list[Path] = field(default_factory=list)
    questions: int = 0
    images: int = 0
    seconds: float = 0.0

    @property
    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())

    def __str__(self) -> str:
        return (
            f"{len(self.pages)} pages ({self.edition} edition), {self.questions} questions, "
            f"{self.images} charts, {self.bytes / 1e6:.1f} MB in {self.out} "
            f"({self.seconds:.1f} s)"
        )


def notebooks_dir() -> Path:
    """The course notebooks: ``notebooks/`` beside the package in a checkout."""
    here = Path(__file__).resolve().parents[2] / "notebooks"
    return Path(os.environ.get("CASESTUDY_NOTEBOOKS", here))


def teaching_notes(folder: Path, name: str) -> str | None:
    path = folder / "teaching-notes" / f"{name}.md"
    if not path.exists():
        return None
    return Tables("Teaching notes table").wrap(markdown_html(path.read_text(encoding="utf-8")))


def _released(quiz_name: str, seed: str | None):
    from casestudy.quiz import load_quiz, seal_quiz

    released, _report = seal_quiz(load_quiz(quiz_name), seed=seed)
    return released


def build_site(
    out: str | os.PathLike,
    *,
    edition: str = "student",
    notebooks: str | os.PathLike | None = None,
    seed: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SiteReport:
    """Write the site into ``out``; returns a :class:`SiteReport`.

    ``seed`` makes the quiz release reproducible (tests use it to rebuild the same release in
    Python); leave it out for a site you publish, so every build has fresh salts.
    """
    from casestudy import i18n

    from .quizmodel import quiz_model

    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; choose one of: {', '.join(EDITIONS)}")
    start = time.perf_counter()
    say = progress or (lambda line: None)
    folder = Path(notebooks) if notebooks is not None else notebooks_dir()
    files = sorted(folder.glob(NOTEBOOK_GLOB))
    if not files:
        raise FileNotFoundError(f"no executed notebooks ({NOTEBOOK_GLOB}) in {folder}")
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    report = SiteReport(out=target, edition=edition)
    pages: list[Page] = []
    for path in files:
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(f"{path}: not a notebook ({exc})") from exc
        pages.append(render_notebook(notebook, path.stem, edition=edition))
    total = len(pages) + 1
    for number, page in enumerate(pages, 1):
        quizzes = [quiz_model(_released(name, seed)) for name in page.quizzes]
        notes = teaching_notes(folder, page.name) if edition == "instructor" else None
        html = page_html(
            page,
            pages=pages,
            quizzes=quizzes,
            catalogue=i18n.CATALOGUE,
            edition=edition,
            notes=notes,
        )
        written = target / page.filename
        written.write_text(html, encoding="utf-8")
        report.pages.append(written)
        report.questions += sum(len(q["questions"]) for q in quizzes)
        report.images += page.images
        say(
            f"[{number}/{total}] {page.filename}: {len(page.blocks)} blocks, "
            f"{page.images} charts, {sum(len(q['questions']) for q in quizzes)} questions, "
            f"{written.stat().st_size / 1e3:.0f} kB"
        )
    index = target / "index.html"
    index.write_text(index_html(pages, edition=edition), encoding="utf-8")
    report.pages.insert(0, index)
    say(f"[{total}/{total}] index.html: course map of {len(pages)} pages")
    report.seconds = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m casestudy site",
        description="Build the static site: one offline page per notebook, quizzes included.",
    )
    parser.add_argument("--out", default="build/site", help="output folder (default build/site)")
    parser.add_argument("--edition", choices=EDITIONS, default="student")
    parser.add_argument("--notebooks", help="folder of executed NN-*.ipynb (default notebooks/)")
    args = parser.parse_args(argv)
    try:
        report = build_site(
            args.out,
            edition=args.edition,
            notebooks=args.notebooks,
            progress=lambda line: print(line, flush=True),
        )
    except (OSError, ValueError) as exc:
        print(f"site: {exc}", file=sys.stderr)
        return 1
    print(report)
    return 0
