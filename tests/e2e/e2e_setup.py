"""Where the browser tests find things, and what they do when a browser is missing.

Kept free of Playwright imports so that a missing package is reported (skip on a laptop,
failure in CI) instead of crashing test collection.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# A developer can point the same tests at another folder of NN-*.ipynb notebooks.
NOTEBOOK_SOURCE = Path(os.environ.get("CASESTUDY_E2E_NOTEBOOKS", REPO / "notebooks")).resolve()
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
ARTIFACTS = REPO / "build" / "e2e"
CHROMIUM = Path(os.environ.get("CASESTUDY_CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = REPO / "build" / "e2e-node" / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI") == "true"

# Headless, no sandbox (CI runs as root), and nothing that phones home: the machine reaches
# package registries only, and a test must not wait on a blocked update check.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# JupyterLab user settings for the test server: no news toast over the page, no autosave
# (a slow test must never write the notebook), every cell in the DOM (no virtual scrolling).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def course_notebooks() -> list[Path]:
    """Every course notebook, found by name so that a new NN-topic.ipynb is tested at once."""
    return sorted(NOTEBOOK_SOURCE.glob(NOTEBOOK_GLOB))


def unavailable(reason: str, *, module_level: bool = False) -> None:
    """Skip on a laptop; fail in CI, where a missing browser must never look like a pass."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: run `python scripts/ensure_browser.py` first)", False)
    pytest.skip(
        f"{reason}; run `python scripts/ensure_browser.py` to enable browser tests",
        allow_module_level=module_level,
    )
