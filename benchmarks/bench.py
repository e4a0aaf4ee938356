"""How fast the course is, as ratios measured side by side in one run (``make bench``).

    .venv/bin/python benchmarks/bench.py                 # everything, 3 rounds (~5 min on 2 cores)
    .venv/bin/python benchmarks/bench.py --rounds 5      # steadier ratios
    .venv/bin/python benchmarks/bench.py --only notebooks,charts

The unit is the *floor*: a fresh kernel that runs ``import pandas, matplotlib, ipywidgets``, run
the same way as a notebook (nbclient, from the notebook folder). A notebook cannot start faster
than that. Each notebook run is paired with a floor run just before it, and the pairs alternate
(floor, notebook, floor, notebook, ...), so when the machine slows down both halves of a pair
feel it; the ratio of a pair is what is reported (median over rounds). Timings taken inside one
Python process (tables, charts, quizzes) are given in seconds and as a fraction of the floor.

Nothing here passes or fails: on a shared or slow machine the seconds change, the ratios much
less. Record the machine, the load (printed at the top) and the date with any figure you quote.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
FLOOR_SOURCE = "import pandas, matplotlib, ipywidgets"
SECTIONS = ("notebooks", "voila", "import", "tables", "charts", "quiz", "sizes", "class")

sys.path.insert(0, str(REPO / "scripts"))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


class Table:
    """A plain-text table printed as soon as it is complete."""

    def __init__(self, title: str, columns: list[str]):
        self.title, self.columns, self.rows = title, columns, []

    def add(self, *cells) -> None:
        self.rows.append([c if isinstance(c, str) else f"{c:.2f}" for c in cells])

    def print(self) -> None:
        widths = [
            max(len(self.columns[i]), *(len(r[i]) for r in self.rows)) if self.rows else 0
            for i in range(len(self.columns))
        ]
        print(f"\n## {self.title}\n")
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(
            zip(self.columns, widths, strict=True))))  # fmt: skip
        for row in self.rows:
            print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(
                zip(row, widths, strict=True))))  # fmt: skip
        sys.stdout.flush()


# ---------------------------------------------------------------------------------------------
# Floor and notebooks


def _floor_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def _setup_notebook(folder: Path) -> Path | None:
    """Only the set-up cell (first code cell) of the first course notebook."""
    import nbformat

    notebooks = sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB))
    if not notebooks:
        return None
    nb = nbformat.read(notebooks[0], as_version=4)
    first = next((c for c in nb.cells if c.cell_type == "code"), None)
    if first is None:
        return None
    nb.cells = [first]
    path = folder / "setup-cell.ipynb"
    nbformat.write(nb, path)
    return path


def run_notebook(path: Path) -> float:
    """Seconds for a fresh kernel to run the notebook top to bottom (start included)."""
    from run_notebooks import run  # scripts/run_notebooks.py: what `make notebooks` runs

    elapsed, error = run(path, inplace=False)
    if error:
        raise SystemExit(f"{path.name} failed: {error}")
    return elapsed


def bench_notebooks(rounds: int, floor_nb: Path, floors: list[float]) -> None:
    notebooks = sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB))
    setup_nb = _setup_notebook(floor_nb.parent)
    if setup_nb is not None:
        notebooks.insert(0, setup_nb)
    run_notebook(floor_nb)  # warm the disk cache for both sides before the first pair
    table = Table(
        f"Notebooks: fresh kernel, top to bottom, against the floor ({rounds} round(s))",
        ["notebook", "floor s", "notebook s", "× floor"],
    )
    total_ratio_num = total_floor = 0.0
    for path in notebooks:
        pairs = []
        for _ in range(rounds):
            f = run_notebook(floor_nb)
            n = run_notebook(path)
            floors.append(f)
            pairs.append((f, n))
        f_med = median([f for f, _ in pairs])
        n_med = median([n for _, n in pairs])
        ratio = median([n / f for f, n in pairs])
        if path == setup_nb:
            table.add("(set-up cell alone)", f_med, n_med, ratio)
            continue
        total_ratio_num += ratio
        total_floor += 1
        table.add(path.stem, f_med, n_med, ratio)
    if total_floor:
        count = int(total_floor)
        table.add(
            f"course ({count} notebooks)",
            "",
            "",
            f"{total_ratio_num / total_floor:.2f} × ({count} × floor)",
        )
    table.print()


def bench_voila(rounds: int, floor_nb: Path, floors: list[float]) -> None:
    """A visit: GET the Voilà page until the last byte (every cell executed), server already up."""
    import secrets
    import signal
    import socket

    try:
        import voila  # noqa: F401
    except ImportError:
        print("\n## Voilà: skipped (voila not installed: pip install -e '.[e2e]')")
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(8)
    scratch = Path(tempfile.mkdtemp(prefix="casestudy-bench-voila-"))
    env = dict(os.environ, CASESTUDY_RESPONSES=str(scratch / "answers.jsonl"))
    env.pop("MPLBACKEND", None)
    log = (scratch / "voila.log").open("wb")
    cmd = [sys.executable, "-m", "voila", str(NOTEBOOKS), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", f"--token={token}"]  # fmt: skip
    server = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)

        def visit(name: str) -> float:
            url = f"http://127.0.0.1:{port}/voila/render/{name}?token={token}"
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=300) as response:
                body = response.read()
            if b"jp-OutputArea" not in body and b"output" not in body:
                raise SystemExit(f"Voilà returned no outputs for {name}")
            return time.perf_counter() - start

        notebooks = sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB))
        visit(notebooks[0].name)  # warm-up: templates, first kernel
        table = Table(
            f"Voilà visit (page fully rendered server-side) against the floor ({rounds} round(s))",
            ["notebook", "floor s", "visit s", "× floor"],
        )
        for path in notebooks:
            pairs = []
            for _ in range(rounds):
                f = run_notebook(floor_nb)
                v = visit(path.name)
                floors.append(f)
                pairs.append((f, v))
            table.add(
                path.stem,
                median([f for f, _ in pairs]),
                median([v for _, v in pairs]),
                median([v / f for f, v in pairs]),
            )
        table.print()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


# ---------------------------------------------------------------------------------------------
# Work done inside one Python process (a child, so that "cold" means cold)


def child(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object on its last line."""
    env = dict(os.environ, MPLBACKEND="Agg")
    with tempfile.TemporaryDirectory(prefix="casestudy-bench-") as tmp:
        env["CASESTUDY_RESPONSES"] = str(Path(tmp) / "answers.jsonl")
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
        )
    if out.returncode:
        raise SystemExit(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_import(rounds: int) -> None:
    def once(stmt: str) -> float:
        return child(
            "import time, json; t = time.perf_counter(); "
            f"{stmt}; print(json.dumps(time.perf_counter() - t))"
        )

    pairs = []
    for _ in range(max(rounds * 3, 5)):
        pairs.append((once("import pandas"), once("import casestudy")))
    table = Table("Import (fresh interpreter)", ["what", "s", "× import pandas"])
    table.add("import pandas", median([p for p, _ in pairs]), 1.0)
    table.add("import casestudy", median([c for _, c in pairs]), median([c / p for p, c in pairs]))
    table.print()


TABLES_CODE = """
import json, time
import pandas
import casestudy
from casestudy import data
names = casestudy.datasets()
t = time.perf_counter(); frames = [casestudy.load(n) for n in names]; cold = time.perf_counter() - t
t = time.perf_counter(); [casestudy.load(n) for n in names]; cached = time.perf_counter() - t
data.clear_cache()
t = time.perf_counter(); [casestudy.load(n) for n in names]; warm = time.perf_counter() - t
t = time.perf_counter(); casestudy.check(); checked = time.perf_counter() - t
from casestudy import notebook
import contextlib, io
data.clear_cache()
t = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    notebook.setup()
setup = time.perf_counter() - t
print(json.dumps({"n": len(names), "rows": sum(len(f) for f in frames), "cold": cold,
                  "warm": warm, "cached": cached, "check": checked, "setup": setup}))
"""


def bench_tables(rounds: int, floor: float) -> None:
    runs = [child(TABLES_CODE) for _ in range(max(rounds, 2))]
    first = runs[0]
    table = Table(
        f"Tables: all {first['n']} ({first['rows']} rows), pandas already imported",
        ["what", "s", "× floor"],
    )
    for key, label in [
        ("cold", "load all, cold (first in a fresh process)"),
        ("warm", "load all, warm (parsed again after clear_cache)"),
        ("cached", "load all, cached (second call)"),
        ("check", "casestudy.check() (every table validated)"),
        ("setup", "set-up cell: casestudy.notebook.setup()"),
    ]:
        value = median([r[key] for r in runs])
        table.add(label, value, value / floor)
    table.print()


CHARTS_CODE = """
import inspect, json, time
import casestudy
from casestudy import plots
import matplotlib
matplotlib.use("Agg")
names = []
for name in sorted(dir(plots)):
    obj = getattr(plots, name)
    if name.startswith("_") or not inspect.isfunction(obj):
        continue
    sig = inspect.signature(obj)
    ret = sig.return_annotation
    if "Chart" not in str(ret) or any(
        p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in sig.parameters.values()):
        continue
    names.append(name)
for n in casestudy.datasets():
    casestudy.load(n)
warm = getattr(plots, names[0])(); warm.to_png()  # matplotlib import and font cache
out = {}
for name in names:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter(); chart = getattr(plots, name)(); built = time.perf_counter() - t
        t = time.perf_counter(); png = chart.to_png(); drawn = time.perf_counter() - t
        times.append((built, drawn, len(png)))
        chart.figure.clear()
    out[name] = times
print(json.dumps(out))
"""


def bench_charts(rounds: int, floor: float) -> None:
    result = child(CHARTS_CODE.replace("REPEAT", str(max(rounds, 2))))
    table = Table(
        "Charts: build + PNG (what a notebook cell costs), data already loaded",
        ["chart", "build s", "png s", "total s", "× floor", "PNG kB"],
    )
    total = 0.0
    by_cost = sorted(result.items(), key=lambda kv: -median([a + b for a, b, _ in kv[1]]))
    for name, samples in by_cost:
        build = median([s[0] for s in samples])
        png = median([s[1] for s in samples])
        both = median([s[0] + s[1] for s in samples])
        total += both
        table.add(name, build, png, both, both / floor, f"{samples[0][2] / 1024:.0f}")
    table.add(f"all {len(result)} charts", "", "", total, total / floor, "")
    table.print()


QUIZ_CODE = """
import json, time
import casestudy
from casestudy.quiz import load_quiz, quiz_widget
from casestudy.quiz.formats import available_quizzes
found = available_quizzes()
quiz_widget(found[0])  # ipywidgets import
out = {}
for name in found:
    t = time.perf_counter(); quiz = load_quiz(name); loaded = time.perf_counter() - t
    t = time.perf_counter(); widget = quiz_widget(quiz); built = time.perf_counter() - t
    checks = []
    for q in quiz:
        t = time.perf_counter_ns()
        try:
            q.check(None)
        except Exception:
            pass
        checks.append(time.perf_counter_ns() - t)
    out[name] = {"questions": len(list(quiz)), "load": loaded, "build": built,
                 "check_us": sorted(checks)[len(checks) // 2] / 1000}
print(json.dumps(out))
"""


def bench_quiz(floor: float) -> None:
    result = child(QUIZ_CODE)
    table = Table(
        "Quizzes: load the YAML, build the widget, check one answer",
        ["quiz", "questions", "load s", "build s", "× floor", "check µs"],
    )
    for name, r in result.items():
        table.add(
            name, str(r["questions"]), r["load"], r["build"], (r["load"] + r["build"]) / floor,
            f"{r['check_us']:.0f}",
        )  # fmt: skip
    table.print()


def notebook_sizes() -> None:
    table = Table(
        "Committed notebooks (bytes on disk)",
        ["notebook", "kB", "images kB", "image/png", "<img> in HTML"],
    )
    total = images = 0
    for path in sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB)):
        nb = json.loads(path.read_text(encoding="utf-8"))
        size = path.stat().st_size
        img = n_png = n_html = 0
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                bundle = output.get("data", {})
                png = bundle.get("image/png", "")
                if png:
                    n_png += 1
                    img += len("".join(png) if isinstance(png, list) else png)
                html = bundle.get("text/html", "")
                html = "".join(html) if isinstance(html, list) else html
                if "data:image/png;base64," in html:
                    n_html += 1
                    img += len(html)
        total += size
        images += img
        table.add(path.stem, f"{size / 1024:.0f}", f"{img / 1024:.0f}", str(n_png), str(n_html))
    table.add("all", f"{total / 1024:.0f} ({total / 1e6:.2f} MB)", f"{images / 1024:.0f}", "", "")
    table.print()


def bench_class(floor: float) -> None:
    script = REPO / "benchmarks" / "bench_class.py"
    if not script.exists():
        print("\n## Class report: skipped (benchmarks/bench_class.py not there yet)")
        return
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    print("\n## Class report (benchmarks/bench_class.py, 1,000 simulated students)\n")
    print(out.stdout.rstrip())
    if out.returncode:
        print(f"(exited {out.returncode}: {out.stderr.strip()[-500:]})")
    print(f"\nwhole script: {elapsed:.2f} s = {elapsed / floor:.2f} × floor")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="pairs per notebook (default 3)")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}"
    )
    args = parser.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    print("# casestudy benchmark")
    print(f"date (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), {platform.platform()}")
    print(f"Python {platform.python_version()}; load average at start: {load_average()}")
    print(f"floor = fresh kernel + `{FLOOR_SOURCE}`, run like a notebook (nbclient)")

    floors: list[float] = []
    with tempfile.TemporaryDirectory(prefix="casestudy-bench-floor-") as tmp:
        floor_nb = _floor_notebook(Path(tmp))
        if "notebooks" in only:
            bench_notebooks(args.rounds, floor_nb, floors)
        if "voila" in only:
            bench_voila(args.rounds, floor_nb, floors)
        if not floors and any(s in only for s in ("tables", "charts", "quiz", "class")):
            run_notebook(floor_nb)
            floors.extend(run_notebook(floor_nb) for _ in range(3))
    floor = median(floors) if floors else float("nan")
    steps: dict[str, Callable[[], None]] = {
        "import": lambda: bench_import(args.rounds),
        "tables": lambda: bench_tables(args.rounds, floor),
        "charts": lambda: bench_charts(args.rounds, floor),
        "quiz": lambda: bench_quiz(floor),
        "sizes": notebook_sizes,
        "class": lambda: bench_class(floor),
    }
    if floors:
        print(f"\nfloor in this run: median {floor:.2f} s over {len(floors)} runs "
              f"(min {min(floors):.2f}, max {max(floors):.2f})")  # fmt: skip
    for name in SECTIONS:
        if name in only and name in steps:
            steps[name]()
    print(f"\nload average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
