"""Command line: ``python -m casestudy check`` validates all case data and every quiz file."""

from __future__ import annotations

import argparse
import sys


def _check(args: argparse.Namespace) -> int:
    from . import data
    from .quiz import check_all_quizzes

    problems = data.check()
    if not args.data_only:
        problems += check_all_quizzes()
    folder = "?"
    try:
        folder = str(data.data_dir())
    except data.CaseDataError:
        pass
    if problems:
        print(f"{len(problems)} problem(s) in {folder}:", file=sys.stderr)
        for line in problems:
            print(f"  - {line}", file=sys.stderr)
        return 1
    print(f"OK: {len(data.datasets())} tables in {folder} are valid.")
    return 0


def _tables(args: argparse.Namespace) -> int:
    from . import data

    for name in data.datasets():
        frame = data.load(name)
        print(f"{name:20s} {len(frame):4d} rows  {frame.attrs['title']}")
    return 0


def _charts(args: argparse.Namespace) -> int:
    import time

    from . import cache as store
    from .plots import cache

    folder = cache.cache_dir()
    if folder is None:
        print(f"{store.ENV_CACHE} is off: there is no chart cache to fill.", file=sys.stderr)
        return 1
    from .quiz import available_quizzes, load_quiz

    notebooks = _course_notebooks(args.notebooks)
    start = time.perf_counter()
    try:
        names = cache.warm(lang_variants=not args.english_only, notebooks=notebooks)
        quizzes = available_quizzes()
        for quiz in quizzes:  # parsed once into the cache too
            load_quiz(quiz, check_sources=False)
    except Exception as exc:  # noqa: BLE001 - say which problem, not a traceback
        print(f"could not prepare the course: {exc}", file=sys.stderr)
        return 1
    stored = len(list(folder.glob("*.png"))) if folder.is_dir() else 0
    print(
        f"{len(names)} charts drawn (as {len(notebooks)} notebooks draw them, and with their "
        f"defaults) and {len(quizzes)} quiz files parsed in "
        f"{time.perf_counter() - start:.1f} s; {stored} charts stored in {folder}"
    )
    if stored == 0:
        print(f"nothing could be written to {folder}", file=sys.stderr)
        return 1
    return 0


def _course_notebooks(given: list[str]) -> list:
    """The notebooks named (files or folders), else the course's, beside the data folder."""
    from pathlib import Path

    from . import data

    if not given:
        try:
            given = [str(data.data_dir().parent / "notebooks")]
        except data.CaseDataError:
            return []
    found = []
    for text in given:
        path = Path(text)
        found += sorted(path.glob("[0-9][0-9]-*.ipynb")) if path.is_dir() else [path]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casestudy", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every table (and quiz file); exit 1 on problems")
    check.add_argument("--data-only", action="store_true", help="skip the quiz files")
    check.set_defaults(func=_check)
    tables = sub.add_parser("tables", help="list the tables with their row counts")
    tables.set_defaults(func=_tables)
    charts = sub.add_parser(
        "charts",
        help="draw every chart and parse every quiz into the cache folder (CASESTUDY_CACHE)",
    )
    charts.add_argument("--english-only", action="store_true", help="skip the French variants")
    charts.add_argument(
        "notebooks",
        nargs="*",
        help="notebooks (or folders of them) whose chart cells to draw too; "
        "default: the notebooks/ folder beside the data folder",
    )
    charts.set_defaults(func=_charts)
    sub.add_parser(
        "quiz", help="quiz tools: check, release, export, bank, to/from-jupyterquiz", add_help=False
    )
    sub.add_parser("site", help="build the static site (offline pages and quizzes)", add_help=False)
    sub.add_parser(
        "class", help="the class loop: simulate, collect answers, report", add_help=False
    )
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["site"]:
        from .site import main as site_main

        return site_main(argv[1:])
    if argv[:1] == ["class"]:
        from .classroom.cli import main as class_main

        return class_main(argv[1:])
    if argv[:1] == ["quiz"]:
        from .quiz.__main__ import main as quiz_main

        return quiz_main(argv[1:])
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
