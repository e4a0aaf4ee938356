"""1,000 simulated students: simulate, collect, report — time and peak memory of each step.

    .venv/bin/python benchmarks/bench_class.py [--students 1000] [--seed 1]

Run by ``benchmarks/bench.py`` (section ``class``). Nothing passes or fails; peak memory is the
Python heap traced by ``tracemalloc`` (pandas and numpy buffers included) plus the process's
peak resident size from the OS. Wall and CPU seconds are both printed: on a shared machine the
CPU figure is the steadier one. ``simulate`` fsyncs each of its files (the store's own writer).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    import casestudy.classroom as cc

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min)")

    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        folder = Path(tmp)
        steps = []

        def step(name, func):
            tracemalloc.start()
            start, cpu = time.perf_counter(), time.process_time()
            value = func()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            steps.append((name, elapsed, cpu, peak))
            return value

        files = step("simulate", lambda: cc.simulate_class(args.students, args.seed, folder / "a"))
        result = step("collect", lambda: cc.collect([folder / "a"]))
        step("write class.csv", lambda: cc.write_class_csv(result.table, folder / "class.csv"))
        again = step("read class.csv", lambda: cc.collect([folder / "class.csv"]))
        page = step("report", lambda: cc.write_report(again.table, folder / "report"))
        size = sum(p.stat().st_size for p in files)
        print(
            f"students: {args.students}, answers files: {len(files)} ({size / 1e6:.1f} MB), "
            f"records: {len(result.table)}"
        )
        print(
            f"report: index.html {page.stat().st_size / 1e6:.2f} MB, "
            f"class.csv {(folder / 'class.csv').stat().st_size / 1e6:.1f} MB\n"
        )
        print(f"{'step':18s} {'wall s':>8s} {'CPU s':>8s} {'peak MB (traced)':>17s}")
        for name, elapsed, cpu, peak in steps:
            print(f"{name:18s} {elapsed:8.2f} {cpu:8.2f} {peak / 1e6:17.1f}")
        wall, cpu = sum(s[1] for s in steps[1:]), sum(s[2] for s in steps[1:])
        print(f"{'collect..report':18s} {wall:8.2f} {cpu:8.2f}")
        if wall > 1.3 * cpu:
            print("(wall well above CPU: the machine was busy — quote the CPU seconds)")
        print("(tracemalloc is on: every step runs slower than without it)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\npeak resident size of the process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
