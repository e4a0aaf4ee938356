"""Shared test set-up for tests/ and nbval runs of notebooks/: no test or notebook kernel
ever writes to the real saved-answers file or reads an instructor's adapted data folder.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

# Set before any nbval kernel starts: kernels inherit the environment of the pytest process.
_SESSION_TMP = Path(tempfile.mkdtemp(prefix="casestudy-tests-"))
os.environ["CASESTUDY_RESPONSES"] = str(_SESSION_TMP / "responses.jsonl")
os.environ.pop("CASESTUDY_DATA_DIR", None)
os.environ.pop("CASESTUDY_STUDENT_ID", None)
# One cache folder for every worker, kernel and server of the run (and of the next run in this
# checkout), never the user's own: the first notebook run draws each chart, later ones read it.
os.environ.setdefault("CASESTUDY_CACHE", str(Path(__file__).parent / "build" / "cache"))

_E2E_TIMINGS = Path(__file__).parent / "build" / "e2e" / "timings.json"
# Modules whose tests share nothing wider than session fixtures (one JupyterLab, one browser
# per worker): xdist may hand their tests to different workers one by one. Every other module
# goes whole to one worker (tests/e2e/test_site_browser.py builds the site once per module).
_SPLIT_PER_TEST = {"tests/e2e/test_clients.py"}
_STARTED = time.time()


def pytest_xdist_make_scheduler(config, log):
    """With ``pytest -n N`` (make test): each notebook's cells stay together, in order, on one
    worker (nbval runs them in one kernel); the JupyterLab/Voila browser tests go one by one to
    whichever worker is free; every other test module is a unit of its own."""
    from xdist.scheduler import LoadScopeScheduling

    class CourseScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path.endswith(".ipynb"):
                return path
            if path in _SPLIT_PER_TEST:
                return nodeid
            return path

    return CourseScheduling(config, log)


def _weight(item) -> int:
    """Longest first: browser tests, then notebooks, then the quick unit tests."""
    path = item.nodeid.split("::", 1)[0]
    return 0 if path.startswith("tests/e2e/") else 1 if path.endswith(".ipynb") else 2


def pytest_collection_modifyitems(config, items):
    # In an xdist worker only (the order the scheduler hands work out): the long units start
    # first and the short ones fill the gaps at the end, so both workers finish together.
    if getattr(config, "workerinput", None) is not None:
        items.sort(key=_weight)  # stable: each notebook's cells keep their order


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The browser tests' timings of this run (all xdist workers write the same file)."""
    if getattr(config, "workerinput", None) is not None or not _E2E_TIMINGS.exists():
        return
    if _E2E_TIMINGS.stat().st_mtime < _STARTED:
        return
    try:
        timings = json.loads(_E2E_TIMINGS.read_text())
    except ValueError:
        return
    if not timings:
        return
    terminalreporter.section("browser test timings (s)")
    for test, steps in timings.items():
        parts = ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
        terminalreporter.write_line(f"{test}: {parts}")
    total = sum(steps.get("total", 0.0) for steps in timings.values())
    terminalreporter.write_line(f"all browser tests: {total:.1f} s (summed over workers)")
