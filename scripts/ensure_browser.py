"""Make sure the browser tests have what they need: Debian's chromium and the axe-core script.

    python scripts/ensure_browser.py          # install what is missing, print what it took
    python scripts/ensure_browser.py --check  # install nothing, only report

* Chromium comes from Debian (`apt-get install chromium`), never from `playwright install`:
  the browser download that Playwright uses is not reachable from our CI or classrooms.
  It is installed only when we are root and apt-get exists; otherwise we say what to run.
* axe-core (the accessibility engine the tests inject into each page) comes from npm into
  build/e2e-node/, a throw-away folder, so the repository needs no package.json.

With CI=true anything missing is an error (exit 1): a CI run must never quietly skip the
browser tests. On a laptop it is a warning (exit 0) and the browser tests skip themselves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CASESTUDY_CHROMIUM", "/usr/bin/chromium"))
NODE_DIR = ROOT / "build" / "e2e-node"
AXE_VERSION = "4.14.1"  # pinned: a new axe release can add rules and change the counts we report
AXE_SCRIPT = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def _run(cmd: list[str], **env: str) -> tuple[bool, float]:
    """Run quietly; show the end of the output only when the command fails."""
    start = time.perf_counter()
    print("+", " ".join(cmd), flush=True)
    result = subprocess.run(
        cmd, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, errors="replace",
    )  # fmt: skip
    if result.returncode != 0:
        print("\n".join(result.stdout.splitlines()[-30:]), file=sys.stderr)
    return result.returncode == 0, time.perf_counter() - start


def ensure_chromium(install: bool) -> str | None:
    """Return None when chromium is usable, else the reason it is not."""
    if CHROMIUM.exists():
        return None
    if not install:
        return f"{CHROMIUM} is missing"
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing; run as root: apt-get install -y chromium"
    ok, seconds = _run(["apt-get", "update", "-qq"])
    if ok:
        ok, more = _run(
            [
                "apt-get",
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "chromium",
                "fonts-dejavu-core",
            ],
            DEBIAN_FRONTEND="noninteractive",
        )
        seconds += more
    print(f"ensure_browser: apt-get chromium took {seconds:.1f} s", flush=True)
    if not ok or not CHROMIUM.exists():
        return "apt-get install chromium failed"
    return None


def ensure_axe(install: bool) -> str | None:
    """Return None when axe.min.js is in build/e2e-node, else the reason it is not."""
    if AXE_SCRIPT.exists():
        return None
    if not install:
        return f"{AXE_SCRIPT.relative_to(ROOT)} is missing"
    npm = shutil.which("npm")
    if npm is None:
        return "npm is missing (apt-get install -y npm), so axe-core cannot be installed"
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    ok, seconds = _run(
        [
            npm,
            "install",
            "--prefix",
            str(NODE_DIR),
            "--no-audit",
            "--no-fund",
            "--silent",
            f"axe-core@{AXE_VERSION}",
        ]
    )
    print(f"ensure_browser: npm axe-core@{AXE_VERSION} took {seconds:.1f} s", flush=True)
    if not ok or not AXE_SCRIPT.exists():
        return "npm install axe-core failed"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; install nothing")
    args = parser.parse_args(argv)
    problems = [p for p in (ensure_chromium(not args.check), ensure_axe(not args.check)) if p]
    if not problems:
        print(f"ensure_browser: ok ({CHROMIUM}, axe-core in {NODE_DIR.relative_to(ROOT)})")
        return 0
    in_ci = os.environ.get("CI") == "true"
    for problem in problems:
        print(f"ensure_browser: {'ERROR' if in_ci else 'warning'}: {problem}", file=sys.stderr)
    if in_ci:
        return 1
    print("ensure_browser: the browser tests will skip on this machine", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
