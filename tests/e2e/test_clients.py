"""Every course notebook in a real browser: JupyterLab and Voilà, quiz clicked, audited with axe.

Run alone with ``pytest tests/e2e -m e2e -p no:nbval -o addopts=""``. Screenshots of each quiz,
the axe report and the timings are written to build/e2e/ (kept as CI artifacts).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from e2e_setup import ARTIFACTS, NOTEBOOK_GLOB, NOTEBOOK_SOURCE, course_notebooks, unavailable

try:
    import playwright  # noqa: F401
except ImportError:
    unavailable(
        "the playwright package is not installed (pip install -e '.[e2e]')", module_level=True
    )

from quizkey import answer_key  # noqa: E402
from quizpage import (  # noqa: E402
    FRESH_OUTPUT,
    QUESTION,
    SOLUTION_MARKER,
    STDERR,
    Stopwatch,
    answer_wrong_then_right,
    axe_run,
    copy_with_marked_solutions,
    count_kernel_echoes,
    error_outputs,
    image_alts,
    lab_open,
    lab_restart_run_all,
    lab_run_all,
    notebook_facts,
    overlapping_text,
    quiz_container,
    rendered_images,
    saved_answer_shown,
    screenshot_page,
    screenshot_whole,
    serious,
    summary_lines,
)

pytestmark = pytest.mark.e2e

NOTEBOOKS = course_notebooks()
IDS = [path.stem for path in NOTEBOOKS]
VOILA_OUTPUT = ".jp-OutputArea-output"


def test_course_notebooks_are_found():
    # Without this an empty glob would turn every browser test into a silent "no tests".
    assert NOTEBOOKS, f"no {NOTEBOOK_GLOB} in {NOTEBOOK_SOURCE}"


def check_outputs(page, output: str, facts) -> None:
    errors = error_outputs(page, output)
    assert not errors, f"{facts.stem}: error output on the page:\n" + "\n---\n".join(errors)
    widths = rendered_images(page, output)
    assert len(widths) >= facts.images, (
        f"{facts.stem}: {len(widths)} chart images rendered, the notebook stores {facts.images}"
    )
    assert all(width > 0 for width in widths), f"{facts.stem}: a chart image did not load"
    # Every picture has alt text, in JupyterLab as in Voila (the <img> is sanitised, not
    # dropped, in an untrusted notebook): a course chart carries its summary, a figure drawn in
    # a solution cell names its title, axes and series (casestudy.notebook.describe_figure).
    alts = image_alts(page, output)
    assert len(alts) >= facts.images, f"{facts.stem}: {len(alts)} images of {facts.images}"
    assert all(alt.strip() for alt in alts), f"{facts.stem}: an image has no alt text"
    # Every course chart (stored outside solution cells) is followed by a printed "Summary: ...".
    assert summary_lines(page, output) >= facts.images, f"{facts.stem}: a chart has no Summary line"


# Serious or critical axe rules that our notebook output (outside the quiz) still breaks, with
# where the fix goes. The tests report them in build/e2e/axe-report.json and fail on any other.
# Delete an entry as soon as its fix lands.
KNOWN_OPEN = {
    "scrollable-region-focusable": "JupyterLab wraps a wide table output in a scrolling div"
    " without tabindex (JupyterLab's markup, not ours; Voila has no such div)",
}


def audit(page, workspace, axe_script, client: str, stem: str, container) -> dict:
    """axe on the quiz and on the notebook's own output (not on JupyterLab's UI, not ours)."""
    container.evaluate("(el) => el.setAttribute('data-e2e-quiz', '')")
    if client == "jupyterlab":
        # Our content only: rendered markdown and this run's outputs, not JupyterLab's editors.
        page.evaluate(
            """(fresh) => document.querySelectorAll(
                 '.jp-NotebookPanel .jp-RenderedMarkdown, .jp-NotebookPanel ' + fresh)
               .forEach(e => e.setAttribute('data-e2e-ours', ''))""",
            FRESH_OUTPUT,
        )
        notebook = "[data-e2e-ours]"
    else:
        notebook = "body"  # a Voilà page is the notebook's content
    scopes = {
        "quiz": axe_run(page, axe_script, "[data-e2e-quiz]"),
        "notebook": axe_run(page, axe_script, notebook),
    }
    report = {
        scope: {
            "by_impact": _count_by_impact(result["violations"]),
            "rules": sorted({f"{v['impact']}: {v['id']}" for v in result["violations"]}),
            "incomplete_rules": sorted({v["id"] for v in result["incomplete"]}),
            "rules_passed": result["rules_passed"],
        }
        for scope, result in scopes.items()
    }
    report["quiz"]["violations"] = scopes["quiz"]["violations"]
    report["quiz"]["incomplete"] = scopes["quiz"]["incomplete"]
    report["notebook"]["serious_or_critical"] = serious(scopes["notebook"]["violations"])
    report["axe_version"] = scopes["quiz"]["axe_version"]
    workspace.axe[f"{stem}-{client}"] = report
    assert scopes["quiz"]["rules_passed"] > 0, f"{stem}: axe checked nothing in the quiz"
    return {
        "quiz": serious(scopes["quiz"]["violations"]),
        "notebook": [
            v for v in serious(scopes["notebook"]["violations"]) if v["id"] not in KNOWN_OPEN
        ],
    }


def assert_accessible(stem: str, client: str, problems: dict, container) -> None:
    assert problems["quiz"] == [], _axe_message(stem, client, "the quiz", problems["quiz"])
    assert problems["notebook"] == [], _axe_message(
        stem, client, "the notebook's output", problems["notebook"]
    )
    clashes = overlapping_text(container)
    assert not clashes, f"{stem} ({client}): quiz text unreadable: {clashes}"


def _count_by_impact(violations: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
    return counts


@pytest.mark.parametrize("source", NOTEBOOKS, ids=IDS)
def test_jupyterlab(lab_server, browser, workspace, axe_script, source: Path):
    stem = source.stem
    facts = notebook_facts(source)
    key = answer_key(stem)
    watch = Stopwatch()
    page = browser.new_page()
    count_kernel_echoes(page)
    try:
        lab_open(page, lab_server.url(f"lab/workspaces/e2e-{stem}/tree/notebooks/{source.name}"))
        watch.lap("open")
        lab_run_all(page)
        watch.lap("run_all")
        check_outputs(page, FRESH_OUTPUT, facts)
        container = quiz_container(page, FRESH_OUTPUT)
        run = answer_wrong_then_right(page, container, key)
        watch.lap("quiz")
        assert run.feedback_right != run.feedback_wrong
        screenshot_whole(page, container, ARTIFACTS / f"{stem}-jupyterlab.png")
        problems = audit(page, workspace, axe_script, "jupyterlab", stem, container)
        watch.lap("axe")

        lab_restart_run_all(page)
        watch.lap("restart_run_all")
        check_outputs(page, FRESH_OUTPUT, facts)
        assert_answer_restored(stem, quiz_container(page, FRESH_OUTPUT), key, run, "restart")
        assert_accessible(stem, "jupyterlab", problems, quiz_container(page, FRESH_OUTPUT))
    except BaseException:
        page.screenshot(path=ARTIFACTS / f"{stem}-jupyterlab-failure.png", full_page=True)
        raise
    finally:
        workspace.timings[f"{stem}-jupyterlab"] = watch.done()
        for session in lab_server.api("GET", "api/sessions") or []:
            lab_server.api("DELETE", f"api/sessions/{session['id']}")
        page.close()


@pytest.mark.parametrize("source", NOTEBOOKS, ids=IDS)
def test_voila(voila_server, browser, workspace, axe_script, source: Path):
    stem = source.stem
    facts = notebook_facts(source)
    key = answer_key(stem)
    watch = Stopwatch()
    # Served from a copy whose solution cells print a marker, so that "solutions stay hidden"
    # is checked even where a solution cell prints nothing.
    served = workspace.root / "voila" / "notebooks" / source.name
    if not served.parent.exists():
        shutil.copytree(workspace.notebooks, served.parent)
    marked = copy_with_marked_solutions(source, served)
    server = voila_server(served)
    watch.lap("server")
    page = browser.new_page()
    count_kernel_echoes(page)
    try:
        # "load" fires when Voilà has streamed the last executed cell.
        page.goto(server.url(), wait_until="load", timeout=180_000)
        wait_quiz_or_error(page)
        watch.lap("render")
        # The whole app as a student sees it (charts included), for a human to look at.
        screenshot_page(page, ARTIFACTS / f"{stem}-voila-page.jpeg")
        check_outputs(page, VOILA_OUTPUT, facts)
        container = quiz_container(page, VOILA_OUTPUT)
        text = page.locator("body").inner_text()
        assert SOLUTION_MARKER not in text, (
            f"{stem}: Voilà runs and shows the {marked} cells tagged 'solution'"
            " (voila.json at the repository root must set TagRemovePreprocessor.remove_cell_tags)"
        )
        shown = [line for line in facts.hidden_sources if line in text]
        assert not shown, f"{stem}: Voilà shows set-up or quiz code: {shown}"
        code_shown = page.locator(".jp-CodeCell .jp-InputArea:visible").count()
        assert code_shown == 0, f"{stem}: Voilà shows {code_shown} code cells"

        run = answer_wrong_then_right(page, container, key)
        watch.lap("quiz")
        assert run.feedback_right != run.feedback_wrong
        screenshot_whole(page, container, ARTIFACTS / f"{stem}-voila.png")
        problems = audit(page, workspace, axe_script, "voila", stem, container)
        watch.lap("axe")

        # A reload is a new kernel: the saved answer must come back, as after a restart.
        page.reload(wait_until="load", timeout=180_000)
        wait_quiz_or_error(page)
        assert_answer_restored(stem, quiz_container(page, VOILA_OUTPUT), key, run, "reload")
        watch.lap("reload")
        assert_accessible(stem, "voila", problems, quiz_container(page, VOILA_OUTPUT))
    except BaseException:
        page.screenshot(path=ARTIFACTS / f"{stem}-voila-failure.png", full_page=True)
        raise
    finally:
        workspace.timings[f"{stem}-voila"] = watch.done()
        page.close()


def assert_answer_restored(stem: str, container, key, run, after: str) -> None:
    """After a restart or reload (a new kernel), the saved answer, its feedback and the
    progress line come back exactly as they were before."""
    checked, feedback, progress = saved_answer_shown(container, key)
    assert checked, f"{stem}: the saved answer {key.right!r} is not selected after {after}"
    assert key.says_right in feedback, f"{stem}: feedback after {after}: {feedback!r}"
    assert progress == run.progress_right, f"{stem}: progress after {after}: {progress!r}"


def wait_quiz_or_error(page) -> None:
    """Voilà stops at the first cell that fails: wait for the quiz or for that error."""
    # Widgets are drawn by JavaScript after the page's "load" event.
    page.locator(f"{QUESTION}, {VOILA_OUTPUT}{STDERR}").first.wait_for(timeout=60_000)


def _axe_message(stem: str, client: str, where: str, problems: list[dict]) -> str:
    lines = [f"{stem} ({client}): axe finds serious/critical problems in {where}:"]
    for violation in problems:
        lines.append(f"  {violation['impact']} {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {node['target']}: {node['html'][:120]}")
    return "\n".join(lines) + f"\nfull report: {json.dumps(str(ARTIFACTS / 'axe-report.json'))}"
