"""Command line for quiz files and saved answers.

python -m casestudy.quiz check                      # validate every quiz file (exit 1 on problems)
python -m casestudy.quiz release data/quizzes/01-crisis.yaml -o build/student/
python -m casestudy.quiz export answers.csv         # the saved answers, for the instructor
python -m casestudy.quiz to-jupyterquiz 01-crisis -o build/01-crisis.json
python -m casestudy.quiz from-jupyterquiz quiz.json -o data/quizzes/02-strategy.yaml
python -m casestudy.quiz bank --format moodle-xml --out bank.xml   # the questions for Moodle
python -m casestudy.quiz bank --format qti --out bank-qti.zip       # ... and for Canvas
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _check(args: argparse.Namespace) -> int:
    from .errors import QuizFormatError
    from .files import check_all_quizzes, load_quiz

    if args.files:
        problems: list[str] = []
        for name in args.files:
            try:
                quiz = load_quiz(name)
                print(f"ok   {quiz.id}: {len(quiz)} questions")
            except QuizFormatError as exc:
                problems.extend(exc.problems)
    else:
        problems = check_all_quizzes()
        if not problems:
            from .files import available_quizzes

            print(f"ok   {len(available_quizzes())} quiz file(s) valid")
    for line in problems:
        print(f"  - {line}", file=sys.stderr)
    return 1 if problems else 0


def _release(args: argparse.Namespace) -> int:
    from .release import release_quiz

    for source in args.files:
        print(release_quiz(source, args.output, seed=args.seed))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .store import export_responses, responses

    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() or "csv")
    target = export_responses(
        args.output,
        fmt,
        responses_path=args.responses,
        quiz=args.quiz,
        neutralise_formulas=not args.allow_formulas,
    )
    count = len(responses(args.responses, quiz=args.quiz))
    print(f"{count} record(s) -> {target}")
    return 0


def _to_jq(args: argparse.Namespace) -> int:
    from .jupyterquiz import to_jupyterquiz

    questions = to_jupyterquiz(args.quiz, args.output, lang=args.lang)
    print(f"{len(questions)} question(s) -> {args.output}")
    return 0


def _from_jq(args: argparse.Namespace) -> int:
    from .jupyterquiz import from_jupyterquiz
    from .writer import save_quiz

    quiz = from_jupyterquiz(args.file, quiz_id=Path(args.output).stem)
    save_quiz(quiz, args.output)
    print(f"{len(quiz)} question(s) -> {args.output}")
    return 0


def _bank(args: argparse.Namespace) -> int:
    from casestudy.lms import write_moodle_xml, write_qti

    writer = write_qti if args.format == "qti" else write_moodle_xml
    report = writer(args.out, args.quiz, lang=args.lang)
    for line in report.warnings:
        print(f"warning: {line}", file=sys.stderr)
    print(report)
    return 0


def main(argv: list[str] | None = None) -> int:
    from .errors import QuizFormatError

    parser = argparse.ArgumentParser(
        prog="python -m casestudy.quiz",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate quiz files (default: every file in data/quizzes)")
    p.add_argument("files", nargs="*", help="quiz names or paths")
    p.set_defaults(func=_check)

    p = sub.add_parser("release", help="write student copies with hashed answers")
    p.add_argument("files", nargs="+", help="quiz names or paths")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--seed", help="secret seed for a reproducible release")
    p.set_defaults(func=_release)

    p = sub.add_parser("export", help="write the saved answers as CSV or JSON")
    p.add_argument("output", help="file to write (.csv or .json)")
    p.add_argument("--format", choices=["csv", "json"], help="default: from the file suffix")
    p.add_argument(
        "--responses", nargs="+", help="answers files or folders (default: the one in use)"
    )
    p.add_argument("--quiz", help="only this quiz id")
    p.add_argument(
        "--allow-formulas",
        action="store_true",
        help="write answers exactly, even those a spreadsheet would run as a formula "
        "(default: such cells get a leading apostrophe)",
    )
    p.set_defaults(func=_export)

    p = sub.add_parser("to-jupyterquiz", help="export a quiz as jupyterquiz JSON")
    p.add_argument("quiz", help="quiz name or path")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--lang", default="en", choices=["en", "fr"])
    p.set_defaults(func=_to_jq)

    p = sub.add_parser("from-jupyterquiz", help="convert jupyterquiz JSON to our YAML")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=_from_jq)

    p = sub.add_parser(
        "bank", help="the questions as a question bank for an LMS (Moodle XML, Canvas QTI)"
    )
    p.add_argument(
        "--format",
        default="moodle-xml",
        choices=["moodle-xml", "qti"],
        help="moodle-xml (Moodle's question bank import) or qti (a QTI 1.2 zip for Canvas)",
    )
    p.add_argument("--out", required=True, help="file to write, e.g. bank.xml or bank-qti.zip")
    p.add_argument(
        "--quiz", action="append", help="only this quiz (repeat for several; default: all)"
    )
    p.add_argument("--lang", default="en", choices=["en", "fr"])
    p.set_defaults(func=_bank)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (QuizFormatError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
