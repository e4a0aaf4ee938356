"""Browser tests in real clients: JupyterLab and Voilà served locally, driven by Debian's chromium.

What a session sets up, once:

* a scratch copy of notebooks/ (the repository's files are never opened by a server);
* a JupyterLab server on 127.0.0.1 with a token, news and autosave off, its own answers file;
* one chromium (``/usr/bin/chromium`` through Playwright, never ``playwright install``) with a
  fresh profile; each test gets a new page.

Voilà servers are started per notebook by the tests (``voila notebooks/NN-....ipynb`` is what an
instructor runs), from the repository root so that its voila.json applies.

Without chromium or Playwright the tests skip on a laptop and FAIL when CI=true: a CI run must
never pass without having opened a browser. ``python scripts/ensure_browser.py`` installs both.

Artifacts (screenshots, axe report, timings, server logs) go to build/e2e/.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: a single pytest session, no lock needed
    fcntl = None

import pytest
from e2e_setup import (
    ARTIFACTS,
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_ARGS,
    LAB_SETTINGS,
    NOTEBOOK_SOURCE,
    REPO,
    unavailable,
)

SERVER_START_TIMEOUT_S = 90

# Filled by the tests, printed at the end of the run and written to build/e2e/timings.json.
RUN_TIMINGS: dict[str, dict[str, float]] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tcp_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    """A Jupyter-family server we started, in its own process group (kernels included)."""

    name: str
    process: subprocess.Popen
    port: int
    token: str
    log: Path
    root: Path
    answers: Path
    started_s: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            self.base + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_ready(self, probe) -> None:
        start = time.perf_counter()
        deadline = start + SERVER_START_TIMEOUT_S
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} exited ({self.process.returncode}):\n{self.log_tail()}")
            if probe(self):
                self.started_s = time.perf_counter() - start
                return
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"{self.name} not ready after {SERVER_START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # Our own process group only: the server and the kernels it started.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def server_env(workdir: Path, answers: Path) -> dict[str, str]:
    """The environment of a server and of its kernels: isolated settings, scratch answers file."""
    env = dict(os.environ)
    env.update(
        CASESTUDY_RESPONSES=str(answers),
        JUPYTERLAB_SETTINGS_DIR=str(workdir / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        IPYTHONDIR=str(workdir / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    # The notebooks say %matplotlib inline themselves; an inherited Agg backend would hide charts.
    env.pop("MPLBACKEND", None)
    env.pop("CASESTUDY_STUDENT_ID", None)
    return env


def start_server(name: str, cmd: list[str], *, cwd: Path, env: dict, log: Path, **info) -> Server:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(name=name, process=process, log=log, **info)


def _lab_status_ok(server: Server) -> bool:
    try:
        server.api("GET", "api/status")
        return True
    except OSError:
        return False


def _voila_listening(server: Server) -> bool:
    # Voilà answers /api/status with 403, and GET / would already run the notebook.
    return tcp_open(server.port)


@dataclass
class Workspace:
    """The scratch copy the servers serve: <root>/notebooks/ plus settings and logs."""

    root: Path
    notebooks: Path
    timings: dict[str, dict[str, float]] = field(default_factory=lambda: RUN_TIMINGS)
    axe: dict[str, dict] = field(default_factory=dict)


@contextmanager
def artifacts_lock() -> Iterator[None]:
    """One writer at a time in build/e2e/: with ``pytest -n 2`` two sessions share it."""
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS.parent / ".e2e.lock").open("w") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def run_id(config) -> str:
    """The same for every worker of one ``pytest -n`` run, new for each run."""
    worker = getattr(config, "workerinput", None)
    return worker["testrunuid"] if worker else f"{os.getpid()}-{time.time_ns()}"


def fresh_artifacts(config) -> None:
    """Clear build/e2e/ once per run, whichever session (xdist worker) gets there first:
    artifacts of an earlier run (a failure screenshot, say) must not pass for this run's."""
    marker = ARTIFACTS / f".run-{run_id(config)}"
    with artifacts_lock():
        if not marker.exists():
            shutil.rmtree(ARTIFACTS, ignore_errors=True)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            marker.touch()


def merge_json(path: Path, values: dict) -> None:
    """Add this session's entries to a report the other sessions of the run also write."""
    with artifacts_lock():
        merged = {}
        if path.exists():
            try:
                merged = json.loads(path.read_text())
            except ValueError:
                merged = {}
        merged.update(values)
        path.write_text(json.dumps(dict(sorted(merged.items())), indent=2) + "\n")


@pytest.fixture(scope="session")
def workspace(tmp_path_factory, pytestconfig) -> Iterator[Workspace]:
    root = tmp_path_factory.mktemp("e2e")  # per xdist worker: its own basetemp
    notebooks = root / "notebooks"
    if NOTEBOOK_SOURCE.is_dir():
        shutil.copytree(
            NOTEBOOK_SOURCE, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    else:
        notebooks.mkdir()
    for relative, values in LAB_SETTINGS.items():
        path = root / "lab-settings" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    fresh_artifacts(pytestconfig)
    ws = Workspace(root=root, notebooks=notebooks)
    yield ws
    merge_json(ARTIFACTS / "timings.json", ws.timings)
    if ws.axe:
        merge_json(ARTIFACTS / "axe-report.json", ws.axe)


@pytest.fixture(scope="session")
def lab_server(workspace: Workspace) -> Iterator[Server]:
    token = secrets.token_hex(16)
    port = free_port()
    answers = workspace.root / "answers-jupyterlab.jsonl"
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--allow-root",  # CI runs as root; JupyterLab exits without this flag
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={workspace.root}",
        "--LabApp.news_url=None",
        "--ServerApp.open_browser=False",
    ]  # fmt: skip
    server = start_server(
        "jupyterlab", cmd, cwd=workspace.root, env=server_env(workspace.root, answers),
        log=ARTIFACTS / f"jupyterlab{worker_suffix()}.log", port=port, token=token,
        root=workspace.root, answers=answers,
    )  # fmt: skip
    server.wait_ready(_lab_status_ok)
    print(f"\nJupyterLab up in {server.started_s:.1f} s on port {port}")
    yield server
    server.stop()


@pytest.fixture
def voila_server(workspace: Workspace):
    """Start ``voila <notebook>`` (from the repository root, as an instructor would)."""
    started: list[Server] = []

    def start(notebook: Path) -> Server:
        token = secrets.token_hex(16)
        port = free_port()
        answers = workspace.root / f"answers-voila-{notebook.stem}.jsonl"
        cmd = [
            sys.executable, "-m", "voila", str(notebook),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            f"--token={token}",
        ]  # fmt: skip
        server = start_server(
            "voila", cmd, cwd=REPO, env=server_env(workspace.root, answers),
            log=ARTIFACTS / f"voila-{notebook.stem}.log", port=port, token=token,
            root=notebook.parent, answers=answers,
        )  # fmt: skip
        started.append(server)
        server.wait_ready(_voila_listening)
        return server

    yield start
    for server in started:
        server.stop()


# ---------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One chromium per session with a fresh profile; tests open their own pages."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[e2e]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    playwright = sync_playwright().start()
    try:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
    except Exception as exc:  # a broken browser install is as bad as a missing one
        playwright.stop()
        unavailable(f"chromium did not start: {exc}")
    context.set_default_timeout(30_000)
    yield context
    context.close()
    playwright.stop()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_SCRIPT.exists():
        unavailable(f"{AXE_SCRIPT.relative_to(REPO)} not found")
    return AXE_SCRIPT


def worker_suffix() -> str:
    """'-gw1' in an xdist worker, '' otherwise: one JupyterLab log per session."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"-{worker}" if worker else ""
