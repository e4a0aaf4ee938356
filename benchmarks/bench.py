"""How fast the course is, as ratios measured side by side in one run (``make bench``).

    .venv/bin/python benchmarks/bench.py                 # everything, 3 rounds (~5 min on 2 cores)
    .venv/bin/python benchmarks/bench.py --rounds 5      # steadier ratios
    .venv/bin/python benchmarks/bench.py --only notebooks,charts
    .venv/bin/python benchmarks/bench.py --before /tmp/old   # an older checkout, same run

With ``--before DIR`` (a checkout of an earlier commit, e.g. ``git archive main | tar -x -C
DIR``) every figure is measured for both trees in the same run, interleaved: floor, before,
after, floor, before, after... The kernels and child processes of the "before" side import
``casestudy`` from DIR (``PYTHONPATH``) and run DIR's notebooks with DIR's data.

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

# (label, repository root): "after" is this checkout; "before" is added by --before
TREES: list[tuple[str, Path]] = [("after", REPO)]
# Notebooks and Voilà are also run with the chart cache off ("after, drawn"): what the first
# run on a machine costs. The cache folder of the "after" runs is a scratch one, filled by one
# unmeasured run of each notebook; a tree without the cache ignores the variable.
NO_CACHE = ("after, drawn", REPO)
EXTRA_ENV: dict[str, dict[str, str]] = {"after, drawn": {"CASESTUDY_CACHE": "off"}}
CACHE = Path(tempfile.mkdtemp(prefix="casestudy-bench-cache-"))
os.environ["CASESTUDY_CACHE"] = str(CACHE)


def with_tree(root: Path, label: str = "") -> dict[str, str]:
    """Environment changes that make a kernel or child import casestudy from ``root``."""
    env = {} if root == REPO else {"PYTHONPATH": str(root)}
    return env | EXTRA_ENV.get(label, {})


def runs() -> list[tuple[str, Path]]:
    """The trees, plus this checkout with the chart cache off."""
    return [*TREES, NO_CACHE]


def labels() -> list[str]:
    return [label for label, _ in TREES]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def git_head(root: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    return out.stdout.strip()[:70] if out.returncode == 0 else ""


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


def _setup_notebook(folder: Path, root: Path) -> Path | None:
    """Only the set-up cell (first code cell) of the first course notebook, in its folder."""
    import nbformat

    notebooks = sorted((root / "notebooks").glob(NOTEBOOK_GLOB))
    if not notebooks:
        return None
    nb = nbformat.read(notebooks[0], as_version=4)
    first = next((c for c in nb.cells if c.cell_type == "code"), None)
    if first is None:
        return None
    nb.cells = [first]
    path = root / "notebooks" / f".bench-setup-cell-{os.getpid()}.ipynb"
    nbformat.write(nb, path)
    return path


def run_notebook(path: Path, root: Path = REPO, label: str = "") -> float:
    """Seconds for a fresh kernel to run the notebook top to bottom (start included)."""
    from run_notebooks import run  # scripts/run_notebooks.py: what `make notebooks` runs

    saved = dict(os.environ)
    os.environ.update(with_tree(root, label))  # the kernel inherits this process's environment
    try:
        elapsed, error = run(path, inplace=False)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    if error:
        raise SystemExit(f"{path.name} failed: {error}")
    return elapsed


def bench_notebooks(rounds: int, floor_nb: Path, floors: list[float]) -> None:
    names = [p.name for p in sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB))]
    trees = runs()
    setups = {label: _setup_notebook(floor_nb.parent, root) for label, root in trees}
    rows: list[tuple[str, dict[str, Path]]] = []
    if all(setups.values()):
        rows.append(("(set-up cell alone)", setups))
    for name in names:
        paths = {label: root / "notebooks" / name for label, root in trees}
        rows.append((name.removesuffix(".ipynb"), {k: v for k, v in paths.items() if v.exists()}))
    run_notebook(floor_nb)  # warm the disk cache before the first pair
    for _, paths in rows[1:]:  # and fill the chart cache: one unmeasured run of each
        run_notebook(paths["after"])
    names_ = [label for label, _ in trees]
    cols = ["notebook", "floor s"] + [f"{label} s" for label in names_]
    cols += [f"{label} × floor" for label in names_]
    table = Table(
        f"Notebooks: fresh kernel, top to bottom, against the floor ({rounds} round(s))", cols
    )
    sums = {label: [0.0, 0] for label in names_}
    try:
        for title, paths in rows:
            samples: list[tuple[float, dict[str, float]]] = []
            for _ in range(rounds):
                f = run_notebook(floor_nb)
                floors.append(f)
                samples.append(
                    (
                        f,
                        {
                            lb: run_notebook(paths[lb], root, lb)
                            for lb, root in trees
                            if lb in paths
                        },
                    )
                )
            cells = [title, median([f for f, _ in samples])]
            secs, ratios = [], []
            for label in names_:
                if label not in paths:
                    secs.append("-")
                    ratios.append("-")
                    continue
                ratio = median([t[label] / f for f, t in samples])
                secs.append(median([t[label] for _, t in samples]))
                ratios.append(ratio)
                if not title.startswith("("):
                    sums[label][0] += ratio
                    sums[label][1] += 1
            table.add(*cells, *secs, *ratios)
    finally:
        for path in setups.values():
            if path is not None:
                path.unlink(missing_ok=True)
    course = ["course: sum of × floor / (notebooks × floor)", ""] + [""] * len(names_)
    course += [f"{t / n:.2f}" if n else "-" for t, n in sums.values()]
    table.add(*course)
    table.print()


def _start_voila(root: Path, scratch: Path, label: str = ""):
    import secrets
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(8)
    env = dict(os.environ, CASESTUDY_RESPONSES=str(scratch / f"answers-{port}.jsonl"))
    env.update(with_tree(root, label))
    env.pop("MPLBACKEND", None)
    log = (scratch / f"voila-{port}.log").open("wb")
    cmd = [sys.executable, "-m", "voila", str(root / "notebooks"), "--no-browser",
           f"--port={port}", "--Voila.ip=127.0.0.1", f"--token={token}"]  # fmt: skip
    server = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, port, token


def bench_voila(rounds: int, floor_nb: Path, floors: list[float]) -> None:
    """A visit: GET the Voilà page until the last byte (every cell executed), server already up."""
    import signal

    try:
        import voila  # noqa: F401
    except ImportError:
        print("\n## Voilà: skipped (voila not installed: pip install -e '.[e2e]')")
        return
    scratch = Path(tempfile.mkdtemp(prefix="casestudy-bench-voila-"))
    trees = runs()
    servers = {label: _start_voila(root, scratch, label) for label, root in trees}
    names_ = [label for label, _ in trees]
    try:

        def visit(label: str, name: str) -> float:
            _, port, token = servers[label]
            url = f"http://127.0.0.1:{port}/voila/render/{name}?token={token}"
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=300) as response:
                body = response.read()
            if b"jp-OutputArea" not in body:
                raise SystemExit(f"Voilà ({label}) returned no outputs for {name}")
            return time.perf_counter() - start

        names = [p.name for p in sorted(NOTEBOOKS.glob(NOTEBOOK_GLOB))]
        for label in names_:
            visit(label, names[0])  # warm-up: templates, first kernel
        for name in names[1:]:  # and the chart cache (filled by the notebooks section too)
            visit("after", name)
        cols = ["notebook", "floor s"] + [f"{label} s" for label in names_]
        cols += [f"{label} × floor" for label in names_]
        table = Table(
            f"Voilà visit (page fully rendered server-side) against the floor ({rounds} round(s))",
            cols,
        )
        for name in names:
            samples = []
            for _ in range(rounds):
                f = run_notebook(floor_nb)
                floors.append(f)
                samples.append((f, {label: visit(label, name) for label in names_}))
            table.add(
                name.removesuffix(".ipynb"),
                median([f for f, _ in samples]),
                *[median([t[lb] for _, t in samples]) for lb in names_],
                *[median([t[lb] / f for f, t in samples]) for lb in names_],
            )
        table.print()
    finally:
        for server, _, _ in servers.values():
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


# ---------------------------------------------------------------------------------------------
# Work done inside one Python process (a child, so that "cold" means cold)


def child(code: str, root: Path = REPO) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object on its last line."""
    env = dict(os.environ, MPLBACKEND="Agg", **with_tree(root))
    with tempfile.TemporaryDirectory(prefix="casestudy-bench-") as tmp:
        env["CASESTUDY_RESPONSES"] = str(Path(tmp) / "answers.jsonl")
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
        )
    if out.returncode:
        raise SystemExit(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_import(rounds: int) -> None:
    def once(stmt: str, root: Path) -> float:
        return child(
            "import time, json; t = time.perf_counter(); "
            f"{stmt}; print(json.dumps(time.perf_counter() - t))",
            root,
        )

    samples = []
    for _ in range(max(rounds * 3, 5)):
        p = once("import pandas", REPO)
        samples.append((p, {label: once("import casestudy", root) for label, root in TREES}))
    cols = ["what", "s"] + [f"{label} × import pandas" for label in labels()]
    table = Table("Import (fresh interpreter)", cols)
    table.add("import pandas", median([p for p, _ in samples]), *["1.00"] * len(TREES))
    table.add(
        "import casestudy",
        median([t[labels()[-1]] for _, t in samples]),
        *[median([t[lb] / p for p, t in samples]) for lb in labels()],
    )
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
    runs = {label: [] for label in labels()}
    for _ in range(max(rounds, 2)):
        for label, root in TREES:
            runs[label].append(child(TABLES_CODE, root))
    first = runs[labels()[-1]][0]
    table = Table(
        f"Tables: all {first['n']} ({first['rows']} rows), pandas already imported",
        ["what"] + [f"{label} s" for label in labels()] + [f"{lb} × floor" for lb in labels()],
    )
    for key, label in [
        ("cold", "load all, cold (first in a fresh process)"),
        ("warm", "load all, warm (parsed again after clear_cache)"),
        ("cached", "load all, cached (second call)"),
        ("check", "casestudy.check() (every table validated)"),
        ("setup", "set-up cell: casestudy.notebook.setup()"),
    ]:
        values = [median([r[key] for r in runs[lb]]) for lb in labels()]
        table.add(label, *values, *[v / floor for v in values])
    table.print()


CHARTS_CODE = """
import inspect, json, os, tempfile, time
os.environ["CASESTUDY_CACHE"] = "off"  # first: what drawing costs
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
hits = {}
try:
    from casestudy.plots import cache
except ImportError:
    cache = None
if cache is not None:  # then what reading a stored chart back costs
    os.environ["CASESTUDY_CACHE"] = tempfile.mkdtemp(prefix="casestudy-bench-hit-")
    for name in names:
        getattr(plots, name)().to_png()
    for name in names:
        times = []
        for _ in range(REPEAT):
            t = time.perf_counter(); getattr(plots, name)().to_png()
            times.append(time.perf_counter() - t)
        hits[name] = times
print(json.dumps({"draw": out, "hit": hits}))
"""


def bench_charts(rounds: int, floor: float) -> None:
    code = CHARTS_CODE.replace("REPEAT", str(max(rounds, 2)))
    raw = {label: child(code, root) for label, root in TREES}
    # an older tree's child printed only the drawing times
    results = {lb: r["draw"] if "draw" in r else r for lb, r in raw.items()}
    hits = {lb: r.get("hit", {}) if "draw" in r else {} for lb, r in raw.items()}
    cols = ["chart"]
    for label in labels():
        cols += [f"{label} build+png s", f"{label} × floor", f"{label} PNG kB"]
    cols += ["after read back s"]
    table = Table(
        "Charts: build + PNG (what a notebook cell costs, chart cache off), data already loaded;"
        " and reading the chart back from the cache",
        cols,
    )
    last = results[labels()[-1]]
    names = sorted(last, key=lambda n: -median([a + b for a, b, _ in last[n]]))
    totals = dict.fromkeys(labels(), 0.0)
    hit_total = 0.0
    for name in names:
        cells: list = [name]
        for label in labels():
            samples = results[label].get(name)
            if not samples:
                cells += ["-", "-", "-"]
                continue
            both = median([s[0] + s[1] for s in samples])
            totals[label] += both
            cells += [both, both / floor, f"{samples[0][2] / 1024:.0f}"]
        hit = hits["after"].get(name)
        cells.append(f"{median(hit):.4f}" if hit else "-")
        hit_total += median(hit) if hit else 0.0
        table.add(*cells)
    cells = [f"all {len(names)} charts"]
    for label in labels():
        cells += [totals[label], totals[label] / floor, ""]
    cells.append(f"{hit_total:.3f}")
    table.add(*cells)
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
    results = {label: child(QUIZ_CODE, root) for label, root in TREES}
    cols = ["quiz", "questions"]
    for label in labels():
        cols += [f"{label} load+build s", f"{label} × floor", f"{label} check µs"]
    table = Table("Quizzes: load the YAML, build the widget, check one answer", cols)
    for name, r in results[labels()[-1]].items():
        cells: list = [name, str(r["questions"])]
        for label in labels():
            q = results[label].get(name)
            if q is None:
                cells += ["-", "-", "-"]
                continue
            cells += [q["load"] + q["build"], (q["load"] + q["build"]) / floor]
            cells.append(f"{q['check_us']:.0f}")
        table.add(*cells)
    table.print()


def _sizes(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Per notebook: bytes, bytes of image data, image/png outputs, <img> outputs."""
    out = {}
    for path in sorted(folder.glob(NOTEBOOK_GLOB)):
        nb = json.loads(path.read_text(encoding="utf-8"))
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
        out[path.stem] = (path.stat().st_size, img, n_png, n_html)
    return out


def notebook_sizes() -> None:
    sizes = {label: _sizes(root / "notebooks") for label, root in TREES}
    cols = ["notebook"]
    for label in labels():
        cols += [f"{label} kB", f"{label} images kB", f"{label} png/<img>"]
    if len(TREES) > 1:
        cols.append("after / before")
    table = Table("Committed notebooks (bytes on disk)", cols)
    names = sorted(set().union(*[set(v) for v in sizes.values()]))
    totals = dict.fromkeys(labels(), 0)
    for name in names:
        cells: list = [name]
        for label in labels():
            size, img, n_png, n_html = sizes[label].get(name, (0, 0, 0, 0))
            totals[label] += size
            cells += [f"{size / 1024:.0f}", f"{img / 1024:.0f}", f"{n_png}/{n_html}"]
        if len(TREES) > 1:
            first, last = (sizes[lb].get(name, (0,))[0] for lb in (labels()[0], labels()[-1]))
            cells.append(f"{last / first:.2f}" if first else "-")
        table.add(*cells)
    cells = ["all"]
    for label in labels():
        cells += [f"{totals[label] / 1e6:.2f} MB", "", ""]
    if len(TREES) > 1:
        first, last = totals[labels()[0]], totals[labels()[-1]]
        cells.append(f"{last / first:.2f}" if first else "-")
    table.add(*cells)
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
    parser.add_argument(
        "--before", type=Path, help="an older checkout to measure side by side (same run)"
    )
    args = parser.parse_args(argv)
    if args.before is not None:
        before = args.before.resolve()
        if not (before / "casestudy" / "__init__.py").exists():
            parser.error(f"--before {before}: no casestudy/ package there")
        TREES.insert(0, ("before", before))
        # a fresh export has no bytecode yet: compile it now, not inside the first timing
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(before / "casestudy")])
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    print("# casestudy benchmark")
    print(f"date (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), {platform.platform()}")
    print(f"Python {platform.python_version()}; load average at start: {load_average()}")
    for label, root in TREES:
        print(f"{label}: {root}" + (f" ({git_head(root)})" if git_head(root) else ""))
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
