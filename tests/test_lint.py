"""House style (ruff lint and format) holds for the library, the tests and the scripts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TARGETS = ["casestudy", "tests", "scripts", "benchmarks"]


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (REPO / ".venv/bin/ruff").exists(),
    reason="ruff is installed by the test extra",
)
@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(command):
    ruff = str(REPO / ".venv/bin/ruff") if (REPO / ".venv/bin/ruff").exists() else "ruff"
    result = subprocess.run([ruff, *command, *TARGETS], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
