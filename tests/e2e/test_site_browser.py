"""The static site in Debian chromium, from file:// with the network cut off.

* every page (both editions): no request leaves the page, no script error, every image loads,
  axe-core finds no serious or critical problem; a 375-px-wide screenshot of each page goes to
  build/site-screens/ (look at them);
* the page's JavaScript and the Python engine give the same result — verdict, score, message,
  explanation — for the same answers to every question of every quiz (the page holds the
  student release built with a seed, and the test seals the same release in Python);
* each of the seven question types answered wrong, then right, with the mouse; one question
  answered with the keyboard alone; French labels after the language switch;
* a reload restores the answers; "Download my answers" gives an answers file that
  ``casestudy.quiz.responses`` reads and whose verdicts are the kernel engine's for the same
  answers; Reset erases them after a second click.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from e2e_setup import REPO

from casestudy.quiz import QuizSession, load_quiz, responses, seal_quiz
from casestudy.site import build_site

pytestmark = pytest.mark.e2e

SEED = "site-e2e"  # reproducible release: the test seals the very same copy in Python
SCREENS = REPO / "build" / "site-screens"
REPORT = REPO / "build" / "site-report.json"
ALLOWED_SCHEMES = ("file:", "data:", "blob:")
SERIOUS = ("serious", "critical")
STUDENT = "Student 42"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for edition in ("student", "instructor"):
        folder = tmp_path_factory.mktemp(f"site-{edition}")
        build_site(folder, edition=edition, seed=SEED)
        out[edition] = folder
    return out


@pytest.fixture(scope="module")
def report():
    data: dict = {"axe": {}, "pages": {}}
    yield data
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def released():
    """Every quiz as the page holds it (same seed) and as authored (to know the right answers)."""
    names = [p.stem for p in sorted((REPO / "data" / "quizzes").glob("*.yaml"))]
    return {name: (seal_quiz(load_quiz(name), seed=SEED)[0], load_quiz(name)) for name in names}


class OfflinePage:
    """A new tab whose every request outside file:/data:/blob: is aborted and recorded."""

    def __init__(self, browser, width: int = 1280):
        self.page = browser.new_page()
        self.page.set_viewport_size({"width": width, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        self.page.on(
            "console",
            lambda msg: (
                self.errors.append(f"console {msg.type}: {msg.text}")
                if msg.type in ("error", "warning")
                else None
            ),
        )
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(ALLOWED_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        if self.page.locator("section.quiz").count():
            self.page.wait_for_selector("section.quiz .quiz-q")
            self.page.evaluate(
                "() => Promise.all(Object.values(window.casestudyQuiz.views).map(v => v.restoring))"
            )

    def clear_storage(self) -> None:
        self.page.evaluate("() => window.localStorage.clear()")

    def close(self) -> None:
        self.page.close()


def _axe(page, axe_script: Path) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return {version: axe.version, passes: r.passes.length,
                  violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                    nodes: v.nodes.length, first: v.nodes[0].html.slice(0, 200)}))};
        }"""
    )


def _axe_counts(result: dict) -> dict[str, int]:
    counts = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
    for v in result["violations"]:
        counts[v["impact"] or "minor"] += v["nodes"]
    return counts


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_every_page_offline_readable_and_accessible(browser, sites, axe_script, report, edition):
    folder = sites[edition]
    pages = _pages(folder)
    assert len(pages) >= 7, f"expected index.html and the notebook pages in {folder}"
    SCREENS.mkdir(parents=True, exist_ok=True)
    for path in pages:
        tab = OfflinePage(browser, width=375)
        try:
            tab.open(path)
            page = tab.page
            assert page.evaluate("document.documentElement.lang") == "en", path.name
            images = page.evaluate(
                "() => Array.from(document.images).map(i => ({ok: i.complete && "
                "i.naturalWidth > 0, alt: i.alt}))"
            )
            assert all(i["ok"] for i in images), f"{path.name}: an image did not load"
            assert all(i["alt"].strip() for i in images), f"{path.name}: an image has no alt text"
            # nothing sticks out sideways on a phone: the page itself never scrolls horizontally
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{path.name}: {overflow} px wider than a 375-px screen"
            axe = _axe(page, axe_script)
            counts = _axe_counts(axe)
            report["axe"][f"{edition}/{path.name}"] = {**counts, "rules_passed": axe["passes"]}
            report["pages"][f"{edition}/{path.name}"] = {
                "bytes": path.stat().st_size,
                "images": len(images),
            }
            serious = [v for v in axe["violations"] if v["impact"] in SERIOUS]
            assert axe["passes"] > 0
            assert serious == [], f"{path.name}: {serious}"
            if edition == "student":
                page.screenshot(
                    path=str(SCREENS / f"{path.stem}.png"), full_page=True, timeout=180_000
                )  # a 40 000-px-tall page takes a while on a busy machine
            assert tab.blocked == [], f"{path.name} tried the network: {tab.blocked}"
            assert tab.errors == [], f"{path.name}: {tab.errors}"
        finally:
            tab.close()


# ---------------------------------------------------------------------------------------------
# The same answers through the page's JavaScript and through the Python engine


def _position_of(released_items, authored_items) -> list[int]:
    """For each position (authored order), the index of that item in the released list."""
    texts = [item.canonical for item in released_items]
    return [texts.index(item.canonical) for item in authored_items]


def right_answer(released_q, authored_q):
    """The correct response, in the form the page's controls give (indices, text)."""
    kind = authored_q.type
    if kind == "single":
        return next(i for i, c in enumerate(authored_q.choices) if c.correct)
    if kind == "multiple":
        return [i for i, c in enumerate(authored_q.choices) if c.correct]
    if kind == "numeric":
        for a in authored_q.answers:
            if a.correct and a.kind == "value":
                return repr(a.value)
            if a.correct and a.kind == "range":
                low, high, _ = a.interval()
                return repr(low if math.isfinite(low) else high - 1)
    if kind == "text":
        return next(a.answer for a in authored_q.answers if a.correct)
    if kind == "order":
        return _position_of(released_q.items, authored_q.items)
    if kind == "match":
        options = _position_of(released_q.options, authored_q.options)
        return [options[j] for j in authored_q.answer]
    return "Most of the loss came from Nissan, not from Renault's own business."


def wrong_answer(released_q, authored_q):
    kind = authored_q.type
    right = right_answer(released_q, authored_q)
    if kind == "single":
        return next(i for i, c in enumerate(authored_q.choices) if not c.correct)
    if kind == "multiple":
        return [i for i, c in enumerate(authored_q.choices) if not c.correct][:1]
    if kind == "numeric":
        return "123456789"
    if kind == "text":
        return "not the answer at all"
    if kind == "order":
        return list(reversed(right))
    if kind == "match":
        return [(j + 1) % len(authored_q.options) for j in right]
    return "   "  # a reflection cannot be wrong; an empty one is not checked


def candidates(released_q, authored_q) -> list:
    """Right, wrong, partly right, unreadable and edge-case answers for one question."""
    kind = authored_q.type
    out: list = [right_answer(released_q, authored_q), wrong_answer(released_q, authored_q)]
    if kind == "single":
        out += list(range(len(authored_q.choices))) + [None, [], [0, 1]]
    elif kind == "multiple":
        n = len(authored_q.choices)
        for size in range(1, n + 1):
            out += [list(c) for c in itertools.combinations(range(n), size)]
        out += [[], None]
    elif kind == "numeric":
        for a in authored_q.answers:
            if a.kind == "value":
                out += [repr(a.value), f"{a.value:g}", f" {a.value} "]
                out.append(str(a.value).replace(".", ","))
                if float(a.value).is_integer():
                    out += [f"{int(a.value):,}", f"{int(a.value):,}".replace(",", " ")]
                if a.has_tolerance:
                    low, high, _ = a.interval()
                    out += [repr((low + high) / 2), repr(high + abs(high) * 0.01 + 0.01)]
            else:
                low, high, _ = a.interval()
                out += [repr(x) for x in (low, high) if math.isfinite(x)]
        out += ["abc", "", "1/0", "22/7", "12 %", "1e3", "\u22125", "1.234,5", "0.00001", "x" * 101]
    elif kind == "text":
        for a in authored_q.answers:
            if a.answer:
                out += [a.answer, a.answer.upper(), f"  {a.answer}  "]
                out += [a.answer[:-1], a.answer + "x"]  # near misses: fuzzy or not
        out += ["", "x" * 2001]
    elif kind in ("order", "match"):
        right = right_answer(released_q, authored_q)
        n = len(right)
        out += [list(range(n)), [right[0]] * n, [None] + right[1:], right[:-1]]
        if n > 2:
            out.append([right[1], right[0], *right[2:]])
    else:
        out += ["A longer answer\nover two lines.", ""]
    return out


_JS_BATCH = """async (cases) => {
  const out = [];
  for (const [quiz, qid, response, attempt, lang] of cases) {
    out.push(await window.casestudyQuiz.check(quiz, qid, response, attempt, lang));
  }
  return out;
}"""

COMPARED = ("valid", "correct", "score", "verdict", "message", "explanation", "response")


def test_page_checks_every_question_as_the_python_release_does(browser, sites, released):
    compared = 0
    for name, (quiz, authored) in released.items():
        path = sites["student"] / f"{name}.html"
        tab = OfflinePage(browser)
        try:
            tab.open(path)
            cases = []
            for q in quiz:
                for n, response in enumerate(candidates(q, authored[q.id])):
                    attempt = 3 if n == 1 else 1  # a wrong third try shows a plain explanation
                    for lang in ("en", "fr") if n < 2 else ("en",):
                        cases.append((name, q.id, response, attempt, lang))
            results = tab.page.evaluate(_JS_BATCH, cases)
            for (quiz_id, qid, response, attempt, lang), js in zip(cases, results, strict=True):
                py = quiz[qid].check(response, attempt=attempt, lang=lang)
                expected = {field: getattr(py, field) for field in COMPARED}
                got = {field: js[field] for field in COMPARED}
                assert got == expected, f"{quiz_id}/{qid} {response!r} ({lang}, try {attempt})"
                compared += 1
            assert tab.errors == [] and tab.blocked == []
        finally:
            tab.close()
    # every question of every quiz, with at least its right and its wrong answer
    assert compared >= 2 * sum(len(q) for q, _ in released.values())
    print(f"\n{compared} answers checked the same way by the page and by Python")


# ---------------------------------------------------------------------------------------------
# The quiz in the page, used as a student would


def _block(page, quiz: str, qid: str):
    return page.locator(f'section.quiz[data-quiz="{quiz}"] [data-question="{qid}"]')


def answer_in_page(page, quiz: str, question, response) -> str:
    """Set the controls of one question, press its button, return the feedback's status."""
    block = _block(page, quiz, question.id)
    kind = question.type
    if kind in ("single", "multiple"):
        chosen = [response] if kind == "single" else response
        for box in block.locator("input").all():
            if int(box.get_attribute("value")) in chosen:
                box.check()
            elif kind == "multiple":
                box.uncheck()
    elif kind in ("order", "match"):
        for select, value in zip(block.locator("select").all(), response, strict=True):
            select.select_option("" if value is None else str(value))
    else:
        block.locator("input, textarea").first.fill(response)
    feedback = block.locator(".fb")
    before = feedback.inner_text() if feedback.count() else ""
    block.locator("button.check").click()
    page.wait_for_function(
        "([el, before]) => el.textContent && el.textContent !== before",
        arg=[feedback.element_handle(), before],
    )
    return re.search(r"fb-(\w+)", feedback.get_attribute("class")).group(1)


def one_of_each_type(released) -> list[tuple[str, object, object]]:
    """(quiz, released question, authored question): the first question of each type."""
    seen: dict[str, tuple] = {}
    for name, (quiz, authored) in released.items():
        for q in quiz:
            seen.setdefault(q.type, (name, q, authored[q.id]))
    assert set(seen) == {"single", "multiple", "numeric", "order", "match", "text", "reflection"}
    return list(seen.values())


def test_each_type_wrong_then_right_reload_download_reset(
    browser, sites, released, axe_script, tmp_path
):
    chosen = one_of_each_type(released)
    quizzes = sorted({name for name, _, _ in chosen})
    inputs: dict[str, list[tuple[str, object]]] = {name: [] for name in quizzes}
    for name in quizzes:
        tab = OfflinePage(browser, width=375)
        page = tab.page
        try:
            tab.open(sites["student"] / f"{name}.html")
            tab.clear_storage()
            tab.open(sites["student"] / f"{name}.html")
            for quiz_name, q, authored_q in chosen:
                if quiz_name != name:
                    continue
                wrong, right = wrong_answer(q, authored_q), right_answer(q, authored_q)
                status = answer_in_page(page, name, q, wrong)
                expected_wrong = "invalid" if q.type == "reflection" else ("incorrect", "partial")
                assert status in expected_wrong, f"{q.id}: wrong answer shown as {status}"
                status = answer_in_page(page, name, q, right)
                assert status == ("saved" if q.type == "reflection" else "correct"), q.id
                feedback = _block(page, name, q.id).locator(".fb")
                assert feedback.get_attribute("aria-live") == "polite"
                # never by colour alone: a word and an icon say right or wrong
                verdict = "Saved." if q.type == "reflection" else "Correct!"
                assert verdict in feedback.inner_text()
                inputs[name] += [(q.id, wrong), (q.id, right)]
            progress = page.locator(f'section.quiz[data-quiz="{name}"] .progress').inner_text()
            assert progress.startswith(f"{len({qid for qid, _ in inputs[name]})} of ")
            axe = _axe(page, axe_script)
            serious = [v for v in axe["violations"] if v["impact"] in SERIOUS]
            assert serious == [], f"{name} with feedback shown: {serious}"
            SCREENS.mkdir(parents=True, exist_ok=True)
            page.locator(f'section.quiz[data-quiz="{name}"]').screenshot(
                path=str(SCREENS / f"{name}-quiz-answered.png")
            )

            # a reload restores every answer and its feedback
            tab.open(sites["student"] / f"{name}.html")
            assert page.locator(f'section.quiz[data-quiz="{name}"] .progress').inner_text() == (
                progress
            )
            for qid, last in dict(inputs[name]).items():
                assert "Restored" in _block(page, name, qid).locator(".fb").inner_text()
                shown = page.evaluate(
                    "([quiz, qid]) => window.casestudyQuiz.views[quiz].blocks[qid].read()",
                    [name, qid],
                )
                if (
                    isinstance(last, list)
                    and _block(page, name, qid).locator("select").count() == 0
                ):
                    shown, last = sorted(shown), sorted(last)  # checkboxes read in display order
                assert shown == last, f"{qid}: the controls show {shown!r} after a reload"

            # download, then read back with the instructors' tools
            section = page.locator(f'section.quiz[data-quiz="{name}"]')
            section.locator(".student input").fill(STUDENT)
            section.locator(".student input").dispatch_event("change")
            with page.expect_download() as info:
                section.locator("button.download").click()
            assert info.value.suggested_filename == f"answers-{name}-Student-42.jsonl"
            target = tmp_path / info.value.suggested_filename
            info.value.save_as(target)
            compare_with_kernel_engine(target, name, released[name][0], inputs[name], tmp_path)

            # reset: the first click only arms the button
            reset = page.locator(f'section.quiz[data-quiz="{name}"] button.reset')
            reset.click()
            assert page.evaluate(f"localStorage.getItem('casestudy.answers.{name}')") is not None
            reset.click()
            assert page.evaluate(f"localStorage.getItem('casestudy.answers.{name}')") is None
            tab.open(sites["student"] / f"{name}.html")
            progress = page.locator(f'section.quiz[data-quiz="{name}"] .progress')
            assert progress.inner_text().startswith("0 of ")
            assert tab.errors == [] and tab.blocked == []
        finally:
            tab.close()


def compare_with_kernel_engine(path: Path, name: str, quiz, inputs, tmp_path: Path) -> None:
    frame = responses(path)
    assert list(frame["quiz"]) == [name] * len(inputs)
    assert list(frame["question_id"]) == [qid for qid, _ in inputs]
    kernel_file = tmp_path / f"kernel-{name}.jsonl"
    session = QuizSession(
        quiz, responses_path=kernel_file, restore=False, lang="en", student=STUDENT
    )
    for qid, response in inputs:
        session.submit(qid, response)
    kernel = responses(kernel_file)
    columns = ("question_id", "type", "event", "valid", "correct", "score", "attempt", "student_id")
    for column in columns:
        page_values = [None if v != v else v for v in frame[column]]  # NaN -> None
        kernel_values = [None if v != v else v for v in kernel[column]]
        assert page_values == kernel_values, f"{name}: column {column} differs"
    assert list(frame["response"]) == list(kernel["response"])
    collected = class_collect(path, tmp_path / f"class-{name}.csv")
    if collected is not None:  # the instructor's route: `python -m casestudy class collect`

        def rows(table, who):
            return sorted(
                tuple(_plain(v) for v in (who(r), r.question_id, r.attempt, r.valid, r.correct))
                + (float(r.score),)
                for r in table.itertuples()
            )

        assert rows(collected, lambda r: r.student) == rows(kernel, lambda r: r.student_id)


def _plain(value):
    """None for every kind of missing value (None, NaN, pd.NA); numpy scalars as Python."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def class_collect(path: Path, out: Path):
    """The answers file through ``class collect`` (once the classroom package is there)."""
    if importlib.util.find_spec("casestudy.classroom") is None:
        return None
    from casestudy.classroom import collect

    done = subprocess.run(
        [sys.executable, "-m", "casestudy", "class", "collect", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = collect([out])
    assert result.problems == []
    return result.table


def test_keyboard_only_and_french(browser, sites, released):
    name = "01-crisis"
    quiz = released[name][0]
    q = next(q for q in quiz if q.type == "single")
    tab = OfflinePage(browser)
    page = tab.page
    try:
        tab.open(sites["student"] / f"{name}.html")
        tab.clear_storage()
        tab.open(sites["student"] / f"{name}.html")
        block = _block(page, name, q.id)
        # Tab from the element before the first radio, arrows choose, Tab to the button, Enter
        block.locator("h3").evaluate("el => { el.tabIndex = -1; el.focus(); }")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "radio"
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "check"
        page.keyboard.press("Enter")
        page.wait_for_function(
            "el => el.textContent.length > 0", arg=block.locator(".fb").element_handle()
        )
        assert re.search(r"Correct!|Not quite", block.locator(".fb").inner_text())

        section = page.locator(f'section.quiz[data-quiz="{name}"]')
        section.locator("button.lang-switch").click()
        assert section.get_attribute("lang") == "fr"
        assert page.evaluate("document.activeElement.className").startswith("secondary lang-switch")
        assert _block(page, name, q.id).locator("button.check").inner_text() == "Vérifier"
        assert "répondues" in section.locator(".progress").inner_text()
        assert "Restored" not in section.inner_text()
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()


def test_without_web_crypto_the_quiz_says_so_instead_of_failing(browser, sites, released):
    quiz = released["01-crisis"][0]
    single = next(q for q in quiz if q.type == "single")
    first = OfflinePage(browser)
    try:  # an answer saved earlier, which the page would normally check again on opening
        first.open(sites["student"] / "01-crisis.html")
        answer_in_page(first.page, "01-crisis", single, 0)
    finally:
        first.close()
    tab = OfflinePage(browser)
    page = tab.page
    try:
        page.add_init_script("Object.defineProperty(window.crypto, 'subtle', {value: undefined})")
        tab.open(sites["student"] / "01-crisis.html")
        alert = page.locator("section.quiz [role=alert]")
        assert "cannot check answers" in alert.inner_text()
        page.locator("section.quiz .quiz-q button.check").first.click()
        assert page.locator("section.quiz .quiz-q .fb").first.inner_text() == ""
        assert tab.errors == [] and tab.blocked == []
    finally:
        tab.close()
