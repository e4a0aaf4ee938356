"""``python -m casestudy class simulate | collect | report``: the class loop in three commands.

Exit codes: 0 done, 1 done with problems (damaged lines or unreadable files were skipped),
2 nothing could be done (a missing file, a class without answers, a bad argument).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _simulate(args: argparse.Namespace) -> int:
    from .simulate import simulate_class

    files = simulate_class(args.students, args.seed, args.out)
    print(f"Wrote {len(files)} synthetic answers files (seed {args.seed}) to {args.out}")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from .collector import collect, write_class_csv

    result = collect(args.sources)
    for problem in result.problems:
        print(f"  - {problem}", file=sys.stderr)
    table = result.table
    if table.empty:
        print(f"error: no answers found in {', '.join(args.sources)}", file=sys.stderr)
        return 2
    write_class_csv(table, args.out)
    print(
        f"{len(table)} records from {result.students} students in {len(result.files)} files "
        f"-> {args.out} ({result.duplicates} duplicates dropped, "
        f"{len(result.problems)} problems)"
    )
    return 1 if result.problems else 0


def _report(args: argparse.Namespace) -> int:
    from .collector import collect
    from .report import write_report

    source = Path(args.class_csv)
    if not source.is_file():
        print(f"error: {source}: no such file (make it with `class collect`)", file=sys.stderr)
        return 2
    result = collect([source])
    for problem in result.problems:
        print(f"  - {problem}", file=sys.stderr)
    if result.table.empty:
        print(f"error: {source}: the class has no answers", file=sys.stderr)
        return 2
    page = write_report(result.table, args.out)
    print(f"Report for {result.students} students: {page}")
    return 1 if result.problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casestudy class", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sim = sub.add_parser("simulate", help="write a reproducible synthetic class")
    sim.add_argument("--students", type=int, default=120)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--out", required=True, help="folder for the answers files")
    sim.set_defaults(func=_simulate)
    col = sub.add_parser("collect", help="answers files, exports, folders, globs -> class.csv")
    col.add_argument("sources", nargs="+", metavar="SRC")
    col.add_argument("--out", default="class.csv")
    col.set_defaults(func=_collect)
    rep = sub.add_parser("report", help="class.csv -> index.html, item stats, gradebooks")
    rep.add_argument("class_csv", metavar="class.csv")
    rep.add_argument("--out", default="class-report")
    rep.set_defaults(func=_report)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
