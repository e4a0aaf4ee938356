"""The deployment files check out without Docker or a browser (fast; not marked e2e).

repo2docker itself needs a Docker engine, which CI does not have; what can be checked here is
that binder/ says what docs/deployment.md promises and that its paths resolve.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

from e2e_setup import REPO

BINDER = REPO / "binder"


def _requirement_lines() -> list[str]:
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def test_binder_python_matches_the_lock():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert match, f"binder/runtime.txt: {runtime!r} is not python-3.N"
    # (tomllib is 3.11+, and the project still installs on 3.10)
    pyproject = (REPO / "pyproject.toml").read_text()
    requires = re.search(r'requires-python\s*=\s*"([^"]+)"', pyproject).group(1)
    minimum = int(re.search(r">=\s*3\.(\d+)", requires).group(1))
    # pandas 3 in requirements/lock.txt needs Python 3.11
    assert int(match.group(1)) >= max(minimum, 11), (runtime, requires)


def test_binder_requirements_install_the_course_with_the_lock():
    lines = _requirement_lines()
    assert "-e ." in lines, "binder/requirements.txt must install the course package (-e .)"
    for line in lines:
        if line.startswith(("-c ", "-r ")):
            target = (BINDER / line[3:].strip()).resolve()  # pip: relative to this file
            assert target.is_file(), f"binder/requirements.txt: {line!r} -> {target} missing"
    assert any(line.split("==")[0] == "voila" for line in lines), "Voilà app mode needs voila"


def test_binder_postbuild_is_an_executable_bash_script():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only if it is executable"
    assert post_build.read_text().startswith("#!/usr/bin/env bash")
    subprocess.run(["bash", "-n", str(post_build)], check=True)  # syntax only


def test_voila_hides_solution_cells():
    # Read by `voila notebooks/...` started from the repository root and by the Voilà server
    # extension on Binder (cwd = repository root); docs/deployment.md copies it onto a hub.
    config = REPO / "voila.json"
    assert config.is_file(), "voila.json missing at the repository root"
    tags = json.loads(config.read_text())["TagRemovePreprocessor"]["remove_cell_tags"]
    assert "solution" in tags, f"voila.json removes {tags}, not the 'solution' cells"
