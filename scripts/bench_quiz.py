"""Measure the quiz engine: check latency per question type, and the build time of a widget.

    .venv/bin/python scripts/bench_quiz.py            # about 20 s
    .venv/bin/python scripts/bench_quiz.py --quick    # fewer repetitions

Prints median and 95th percentile per type for ``question.check()`` (instructor file and
student release), for a full ``submit`` (check + append + fsync, what a click costs before
feedback shows), for building and clicking a 10-question widget, and for restoring an answers
file with thousands of damaged lines (the quarantine copy in one write, against one write and
fsync per line as before). Nothing here asserts a time: timings belong in a report, not in a
test that fails on a slow laptop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casestudy.quiz import QuizSession, quiz_from_dict, quiz_widget, seal_quiz  # noqa: E402
from casestudy.quiz.store import ResponseStore, append_line  # noqa: E402

QUESTIONS = [
    {
        "id": "single",
        "type": "single",
        "text": "When was Ghosn arrested?",
        "choices": [
            {"text": "19 November 2018", "correct": True, "feedback": "Yes."},
            "23 January 2019",
            "30 December 2019",
            "1 July 2020",
        ],
    },
    {
        "id": "multiple",
        "type": "multiple",
        "text": "Phases?",
        "choices": [
            {"text": "Resurrection", "correct": True},
            {"text": "Renovation", "correct": True},
            {"text": "Revolution", "correct": True},
            "Restoration",
            "Renewal",
        ],
    },
    {
        "id": "numeric",
        "type": "numeric",
        "text": "FY2020 loss?",
        "precision": 3,
        "answers": [
            {"value": -8046, "correct": True},
            {"value": -7386, "correct": False},
            {"range": [0, 1e9], "correct": False},
            {"type": "default", "feedback": "No."},
        ],
    },
    {
        "id": "text",
        "type": "text",
        "text": "Plan?",
        "answers": [
            {"answer": "Renaulution", "correct": True},
            {"answer": "Renault", "correct": False, "feedback": "The company."},
        ],
    },
    {
        "id": "text-fuzzy",
        "type": "text",
        "text": "Plan?",
        "answers": [{"answer": "Renaulution", "correct": True, "fuzzy_threshold": 0.8}],
    },
    {
        "id": "order",
        "type": "order",
        "text": "Order?",
        "items": ["Arrest", "Resignation", "Senard", "de Meo", "Renaulution", "R5 launch"],
    },
    {
        "id": "match",
        "type": "match",
        "text": "Match?",
        "pairs": [
            {"left": f"Statement {i}", "right": r}
            for i, r in enumerate(["Deny", "Diminish", "Rebuild", "Bolster", "Rebuild"])
        ],
    },
    {"id": "reflection", "type": "reflection", "text": "Your view?"},
]
RESPONSES = {
    "single": ["19 November 2018", 1],
    "multiple": [["Resurrection", "Renovation", "Revolution"], [0, 3]],
    "numeric": ["-8 046", "-7,4"],
    "text": ["renaulution", "Dacia"],
    "text-fuzzy": ["Renaultion", "Revolution"],
    "order": [
        ["Arrest", "Resignation", "Senard", "de Meo", "Renaulution", "R5 launch"],
        ["Resignation", "Arrest", "Senard", "de Meo", "Renaulution", "R5 launch"],
    ],
    "match": [
        ["Deny", "Diminish", "Rebuild", "Bolster", "Rebuild"],
        ["Deny", "Deny", "Deny", "Deny", "Deny"],
    ],
    "reflection": ["Renault paid for the series, so it is brand content.", "x"],
}


def summary(samples_ns: list[int]) -> tuple[float, float]:
    ordered = sorted(samples_ns)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return median / 1000, p95 / 1000  # microseconds


def time_checks(quiz, repeat: int) -> dict[str, tuple[float, float]]:
    out = {}
    for question in quiz:
        responses = RESPONSES[question.id]
        samples = []
        for i in range(repeat):
            response = responses[i % len(responses)]
            start = time.perf_counter_ns()
            question.check(response)
            samples.append(time.perf_counter_ns() - start)
        out[question.id] = summary(samples)
    return out


def time_quarantine(folder: Path, damaged: int) -> tuple[float, float]:
    """Seconds to restore a file with ``damaged`` bad lines: now, and one fsync per line."""
    import warnings

    good = '{"v":1,"event":"check","quiz":"q","question_id":"a","response":1}\n'
    path = folder / "damaged.jsonl"
    path.write_text(good + "".join(f"{{broken {i}\n" for i in range(damaged)), encoding="utf-8")
    store = ResponseStore(path)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        store.read()
    batched = time.perf_counter() - start
    per_line = folder / "per-line.quarantine.jsonl"
    start = time.perf_counter()
    for i in range(damaged):  # what the quarantine cost before: one append and fsync a line
        append_line(per_line, {"file": str(path), "line": i + 2, "text": f"{{broken {i}"})
    return batched, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args(argv)
    repeat = 200 if args.quick else 2000
    quiz = quiz_from_dict({"questions": QUESTIONS}, "bench")
    released, _ = seal_quiz(quiz, seed="bench")

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s); {repeat} checks per type\n")
    plain, sealed = time_checks(quiz, repeat), time_checks(released, max(repeat // 10, 20))
    header = f"{'check() latency':<16}{'median µs':>12}{'p95 µs':>10}   "
    print(header + f"{'release: median µs':>19}{'p95 µs':>10}")
    for qid in plain:
        m, p = plain[qid]
        rm, rp = sealed[qid]
        print(f"{qid:<16}{m:>12.1f}{p:>10.1f}   {rm:>19.1f}{rp:>10.1f}")

    with tempfile.TemporaryDirectory() as folder:
        os.environ["CASESTUDY_RESPONSES"] = str(Path(folder) / "responses.jsonl")
        session = QuizSession(quiz)
        samples = []
        for i in range(max(repeat // 10, 50)):
            start = time.perf_counter_ns()
            session.submit("single", RESPONSES["single"][i % 2])
            samples.append(time.perf_counter_ns() - start)
        m, p = summary(samples)
        print(f"\nsubmit (check + append + fsync): median {m / 1000:.2f} ms, p95 {p / 1000:.2f} ms")

        ten = quiz_from_dict(
            {"questions": [dict(q, id=f"{q['id']}-{n}") for n in range(2) for q in QUESTIONS][:10]},
            "bench-10",
        )
        quiz_widget(ten)  # warm-up: first import of ipywidgets
        builds, clicks = [], []
        for _ in range(10 if args.quick else 30):
            start = time.perf_counter_ns()
            widget = quiz_widget(ten)
            builds.append(time.perf_counter_ns() - start)
            block = widget.blocks["single-0"]
            block.controls[0].value = 0
            start = time.perf_counter_ns()
            block.button.click()
            clicks.append(time.perf_counter_ns() - start)
        m, p = summary(builds)
        print(f"10-question widget build: median {m / 1000:.1f} ms, p95 {p / 1000:.1f} ms")
        m, p = summary(clicks)
        print(f"click Check to feedback shown: median {m / 1000:.2f} ms, p95 {p / 1000:.2f} ms")
        lines = (Path(folder) / "responses.jsonl").read_text(encoding="utf-8").count("\n")
        print(f"(restore included in each build: {lines} saved answers read back)")

        damaged = 500 if args.quick else 5000
        batched, per_line = time_quarantine(Path(folder), damaged)
        print(
            f"\nrestore with {damaged} damaged lines: {batched:.3f} s (one quarantine write); "
            f"one fsync per line would take {per_line:.2f} s (x{per_line / batched:.0f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
