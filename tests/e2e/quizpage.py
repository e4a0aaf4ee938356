"""What the browser tests do on a page: run a notebook, read its outputs, answer its quiz, audit it.

The same quiz steps serve JupyterLab and Voilà; only finding the outputs differs. Selectors are
the ones measured for JupyterLab 4.6, ipywidgets 8.1 and Voilà 0.5 (see
shared/reference/ecosystem_lab.md §6) plus the CSS classes our quiz widgets carry.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page, expect

# CSS classes set by casestudy/quiz/widgets.py
QUESTION = ".cs-quiz-question"
FEEDBACK = ".cs-quiz-feedback"
PROGRESS = ".cs-quiz-progress"
CHECK = ".cs-quiz-check"

STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'
# Outputs that were on the page before we ran the notebook (committed outputs, or the previous
# run before a restart) carry this attribute, so that waits only see what this run produced.
STALE = "data-e2e-stale"
FRESH_OUTPUT = f".jp-OutputArea-output:not([{STALE}])"
RUN_TIMEOUT_MS = 180_000


class Stopwatch:
    """Named lap times for one test; printed in the run's summary."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.last, 2)
        self.last = now

    def done(self) -> dict[str, float]:
        self.laps["total"] = round(time.perf_counter() - self.start, 2)
        return self.laps


# ---------------------------------------------------------------------------------------------
# What the committed notebook says we should see


@dataclass
class NotebookFacts:
    """What the committed notebook lets us expect on the page."""

    stem: str
    images: int  # PNG outputs stored in non-solution cells
    hidden_sources: list[str] = field(default_factory=list)  # set-up / quiz code lines


# Printed by every solution cell of the copy that Voilà serves: if it shows, solutions show.
SOLUTION_MARKER = "E2E-SOLUTION-CELL-RAN"


def stores_image(bundle: dict) -> bool:
    """A chart output: an HTML <img> with a data-URI PNG (what Chart shows) or an image/png."""
    html = bundle.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    return "image/png" in bundle or "<img" in html


def notebook_facts(path: Path) -> NotebookFacts:
    nb = nbformat.read(path, as_version=4)
    prose = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    images = 0
    hidden_sources: list[str] = []
    for number, cell in enumerate(code_cells):
        if "solution" in cell.metadata.get("tags", []):
            continue
        images += sum(stores_image(out.get("data", {})) for out in cell.get("outputs", []))
        if number == 0 or "show_quiz" in cell.source:
            # Lines the prose quotes on purpose (e.g. "run casestudy.show_quiz(...)") may show.
            lines = (line.strip() for line in cell.source.splitlines())
            hidden_sources += [line for line in lines if line and line not in prose]
    return NotebookFacts(path.stem, images, hidden_sources)


def copy_with_marked_solutions(source: Path, target: Path) -> int:
    """Copy a notebook, making each ``solution`` cell print SOLUTION_MARKER first."""
    nb = nbformat.read(source, as_version=4)
    marked = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", []):
            cell.source = f"print({SOLUTION_MARKER!r})\n{cell.source}"
            marked += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return marked


# ---------------------------------------------------------------------------------------------
# JupyterLab


_LAB_KERNEL_IDLE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const indicator = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const name = panel && panel.querySelector('.jp-Toolbar-kernelName');
  // The indicator says 'idle' before any kernel exists ("No Kernel"): a run-all clicked then
  // is silently dropped (seen here about one time in three). Wait for a named, idle kernel.
  return !!(indicator && name && indicator.dataset.status === 'idle'
            && name.textContent.trim() && !/no kernel/i.test(name.textContent));
}"""


def lab_wait_kernel_idle(page: Page) -> None:
    page.wait_for_function(_LAB_KERNEL_IDLE, timeout=90_000, polling=100)


def lab_open(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    lab_wait_kernel_idle(page)


def mark_outputs_stale(page: Page) -> None:
    page.evaluate(
        """(stale) => document.querySelectorAll('.jp-OutputArea-output')
                       .forEach(e => e.setAttribute(stale, ''))""",
        STALE,
    )


_LAB_RUN_FINISHED = """([fresh, question]) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
  if (prompts.some(p => p.textContent.includes('*'))) return false;  // queued or running
  if (panel.querySelector(fresh + '[data-mime-type="application/vnd.jupyter.stderr"]')) return true;
  return !!panel.querySelector(fresh + ' ' + question);
}"""


_LAB_RUN_STARTED = """(fresh) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  return !!panel && (!!panel.querySelector(fresh)
    || [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
         .some(p => p.textContent.includes('*')));
}"""


def lab_wait_run_finished(page: Page) -> None:
    """Until no cell is queued or running and this run's quiz (or an error) is on the page."""
    # Fail in seconds, not minutes, when the command did not start anything.
    page.wait_for_function(_LAB_RUN_STARTED, arg=FRESH_OUTPUT, timeout=30_000, polling=100)
    page.wait_for_function(
        _LAB_RUN_FINISHED, arg=[FRESH_OUTPUT, QUESTION], timeout=RUN_TIMEOUT_MS, polling=200
    )
    lab_wait_kernel_idle(page)


def lab_run_all(page: Page) -> None:
    mark_outputs_stale(page)
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    lab_wait_run_finished(page)


def lab_restart_run_all(page: Page) -> None:
    mark_outputs_stale(page)
    page.locator(
        "jp-button[data-command='notebook:restart-run-all'],"
        " button[data-command='notebook:restart-run-all']"
    ).first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    lab_wait_run_finished(page)


# ---------------------------------------------------------------------------------------------
# Both clients


def error_outputs(page: Page, output: str) -> list[str]:
    """Text of every error or stderr output (Voilà replaces tracebacks by a notice)."""
    texts = page.locator(f"{output}{STDERR}").all_inner_texts()
    texts += [
        text
        for text in page.locator(output).all_inner_texts()
        if "There was an error when executing cell" in text or "Error displaying widget" in text
    ]
    return texts


def rendered_images(page: Page, output: str) -> list[int]:
    """naturalWidth of every image in the outputs, once each has finished loading."""
    images = page.locator(f"{output} img")
    return [
        img.evaluate(
            "async (el) => { if (!el.complete) await new Promise(r => el.onload = el.onerror = r);"
            " return el.naturalWidth; }"
        )
        for img in images.all()
    ]


def image_alts(page: Page, output: str) -> list[str]:
    """The alt text of every image in the outputs ("" where there is none)."""
    return [img.get_attribute("alt") or "" for img in page.locator(f"{output} img").all()]


def summary_lines(page: Page, output: str) -> int:
    return sum(text.count("Summary:") for text in page.locator(output).all_inner_texts())


def quiz_container(page: Page, output: str) -> Locator:
    # .first: the outermost output that holds the questions (an Output widget nests more).
    container = page.locator(f"{output}:has({QUESTION})").first
    expect(container).to_be_visible()
    return container


@dataclass
class QuizRun:
    """What the quiz showed at each step; the test asserts on it."""

    progress_start: str
    feedback_wrong: str
    progress_wrong: str
    feedback_right: str
    progress_right: str


# Widget state reaches the kernel asynchronously: ipywidgets sends one update per widget at a
# time and holds back a newer value until the kernel has finished the previous one, while a
# button's click goes out at once. A click that follows a selection within one kernel round trip
# can therefore be graded on the old selection. A student pauses between the two; the tests wait
# for the kernel's echo of the new value (ipywidgets 8 sends an "echo_update" for each state
# update it has applied). The counter below sees every frame the page's kernel sockets receive,
# in the JSON and in the binary (v1.kernel.websocket.jupyter.org) framing alike.
ECHO_COUNTER = """(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__csEchoes = 0;
  const count = (event) => {
    const data = event.data;
    const text = typeof data === 'string' ? data
      : data instanceof ArrayBuffer ? decoder.decode(data) : '';
    if (text.includes('"echo_update"')) window.__csEchoes += 1;
  };
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); this.addEventListener('message', count); }
  };
})();"""


def count_kernel_echoes(page: Page) -> None:
    """Count the kernel's acknowledgements of widget updates on this page (call before goto)."""
    page.add_init_script(ECHO_COUNTER)


def _kernel_echoes(page: Page) -> int:
    return page.evaluate("() => window.__csEchoes ?? -1")


def _select_and_wait_for_kernel(page: Page, select) -> None:
    """Run ``select`` (a click or key press on a widget), then wait until the kernel has
    applied the new value, so that the next click is graded on what the page shows."""
    before = _kernel_echoes(page)
    assert before >= 0, "count_kernel_echoes(page) was not called before the page loaded"
    select()
    page.wait_for_function(f"() => window.__csEchoes > {before}", timeout=30_000, polling=50)


def answer_wrong_then_right(page: Page, container: Locator, key) -> QuizRun:
    """Answer one question wrongly with the mouse, then rightly with the keyboard."""
    block = container.locator(QUESTION).nth(key.index)
    feedback = block.locator(FEEDBACK)
    progress = container.locator(PROGRESS)
    check = block.locator(CHECK)
    progress_start = progress.inner_text()

    wrong = block.get_by_role("radio", name=key.wrong, exact=True)
    _select_and_wait_for_kernel(page, wrong.check)
    check.click()
    expect(feedback).to_contain_text(key.says_wrong, timeout=10_000)
    expect(progress).not_to_have_text(progress_start, timeout=10_000)
    feedback_wrong, progress_wrong = feedback.inner_text(), progress.inner_text()

    # The right answer by keyboard only: a student who cannot use a mouse must get there too.
    right = block.get_by_role("radio", name=key.right, exact=True)
    right.focus()
    _select_and_wait_for_kernel(page, lambda: page.keyboard.press("Space"))
    expect(right).to_be_checked()
    check.focus()
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text(key.says_right, timeout=10_000)
    expect(progress).not_to_have_text(progress_wrong, timeout=10_000)
    return QuizRun(
        progress_start,
        feedback_wrong,
        progress_wrong,
        feedback.inner_text(),
        progress.inner_text(),
    )


def saved_answer_shown(container: Locator, key) -> tuple[bool, str, str]:
    """After a restart: is the saved answer selected again; what do feedback and progress say?"""
    block = container.locator(QUESTION).nth(key.index)
    right = block.get_by_role("radio", name=key.right, exact=True)
    return (
        right.is_checked(),
        block.locator(FEEDBACK).inner_text(),
        container.locator(PROGRESS).inner_text(),
    )


def screenshot_whole(page: Page, element: Locator, path: Path) -> None:
    """Screenshot a tall element in one piece.

    JupyterLab scrolls the notebook inside a panel and both clients render off-screen widgets
    lazily, so a plain element screenshot of a long quiz comes out half blank. Growing the
    viewport to the element's height for the shot avoids that.
    """
    size = page.viewport_size or {"width": 1280, "height": 900}
    box = element.bounding_box() or {"height": size["height"]}
    page.set_viewport_size({"width": size["width"], "height": int(box["height"]) + 400})
    try:
        element.scroll_into_view_if_needed()
        page.wait_for_timeout(300)  # one layout pass after the resize
        element.screenshot(path=path, animations="disabled")
    finally:
        page.set_viewport_size(size)


def screenshot_page(page: Page, path: Path, *, max_height: int = 20_000) -> None:
    """The whole page in one image. Voilà scrolls inside a container, so ``full_page`` alone
    stops at the window; the viewport is grown to the tallest scrolling content instead."""
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 50, max_height)})
    try:
        page.wait_for_timeout(300)
        page.screenshot(path=path, type="jpeg", quality=70, animations="disabled")
    finally:
        page.set_viewport_size(size)


# ---------------------------------------------------------------------------------------------
# Accessibility

_AXE_RUN = """async (selector) => {
  const result = await axe.run(selector, {resultTypes: ['violations', 'incomplete']});
  const brief = (list) => list.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, impact: n.impact,
                              html: n.html.slice(0, 300), summary: n.failureSummary})),
  }));
  return {violations: brief(result.violations), incomplete: brief(result.incomplete),
          rules_passed: result.passes.length, axe_version: axe.version};
}"""


def axe_run(page: Page, axe_script: Path, selector: str) -> dict:
    """axe-core on ``selector`` (its default rules: WCAG 2.x A/AA and best practices).

    Returns ``violations``, ``incomplete`` (what axe could not decide, e.g. contrast over an
    image), the number of rules that passed (0 would mean the selector matched nothing).
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    return page.evaluate(_AXE_RUN, selector)


_OVERLAPPING_TEXT = """(root) => {
  // Text drawn outside its own box (a long option wrapping inside a fixed-height radio row)
  // lands on top of the next row: compare each label's text extent with its box...
  const clashes = [];
  for (const el of root.querySelectorAll('label, .widget-label, .widget-html-content')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const style = getComputedStyle(el);
    const spills = text.bottom > box.bottom + 2 || text.top < box.top - 2;
    // ...or cut off with an ellipsis, so that the student cannot read the whole option
    const cut = style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
    const what = cut ? 'cut: ' : 'spills: ';
    if (spills || cut) clashes.push(what + el.textContent.trim().slice(0, 80));
  }
  return clashes;
}"""


def overlapping_text(container: Locator) -> list[str]:
    """Quiz texts that spill out of their box over the next line (e.g. a long option that
    wraps inside a fixed-height radio row) or are cut with an ellipsis. axe sees neither."""
    return container.evaluate(_OVERLAPPING_TEXT)


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]
