"""Item analysis checked against a hand computation from class.csv (plain loops, no pandas)."""

from __future__ import annotations

import csv
import math

import pytest

from casestudy.classroom import collect, item_stats, quiz_summary, simulate_class, write_class_csv
from casestudy.classroom.stats import kr20, point_biserial


@pytest.fixture(scope="module")
def class_csv(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    simulate_class(60, 11, folder / "answers")
    result = collect([folder / "answers"])
    return write_class_csv(result.table, folder / "class.csv"), result.table


def _by_hand(path):
    """{(quiz, item): {student: (first_correct, last_correct)}} from the CSV, by hand, and
    {(quiz, item): "exercise" or "quiz"}: exercise checks are ranked among exercises only."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["event"] == "check" and r["type"] != "reflection" and r["valid"] == "true"
        ]
    rows.sort(key=lambda r: (r["timestamp"], int(r["attempt"])))
    answers: dict = {}
    kinds: dict = {}
    for r in rows:
        kinds[(r["quiz"], r["question_id"])] = "exercise" if r["type"] == "exercise" else "quiz"
        cell = answers.setdefault((r["quiz"], r["question_id"]), {})
        right = 1 if r["correct"] == "true" else 0
        first = cell[r["student"]][0] if r["student"] in cell else right
        cell[r["student"]] = (first, right)
    return answers, kinds


def _pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (sx * sy)


def test_facility_and_discrimination_recomputed_by_hand(class_csv):
    path, table = class_csv
    answers, kinds = _by_hand(path)
    stats = item_stats(table).set_index(["quiz", "question_id"])
    checked = 0
    for key in [("01-crisis", "q-who-presented-plan"), ("02-strategy", "q-hofer-match")] + sorted(
        answers
    )[::9]:
        quiz, _ = key
        cell = answers[key]
        facility = sum(last for _, last in cell.values()) / len(cell)
        first_try = sum(first for first, _ in cell.values()) / len(cell)
        # the rest score: first tries right on the quiz's other items
        item, rest = [], []
        for student, (first, _) in sorted(cell.items()):
            others = sum(
                answers[other][student][0]
                for other in answers
                if other[0] == quiz
                and other != key
                and kinds[other] == kinds[key]
                and student in answers[other]
            )
            item.append(first)
            rest.append(others)
        row = stats.loc[key]
        assert row["n"] == len(cell)
        assert row["facility"] == pytest.approx(facility, abs=1e-4)
        assert row["facility_first_try"] == pytest.approx(first_try, abs=1e-4)
        assert row["discrimination"] == pytest.approx(_pearson(item, rest), abs=1e-4)
        checked += 1
    assert checked >= 8
    assert "exercise" in kinds.values()  # exercise checks were in the class and recomputed too


def test_point_biserial_equals_pearson_and_kr20_known_value():
    item = [1, 1, 0, 1, 0, 0, 1]
    rest = [5.0, 4.0, 2.0, 3.0, 3.0, 1.0, 4.0]
    assert point_biserial(item, rest) == pytest.approx(_pearson(item, rest))
    assert math.isnan(point_biserial([1, 1, 1], [1.0, 2.0, 3.0]))
    # Two identical items, half the class right on both: sum pq = 0.5, variance of totals = 1
    assert kr20([[1, 1], [0, 0], [1, 1], [0, 0]]) == pytest.approx(2 * (1 - 0.5 / 1.0))


def test_verdicts_follow_documented_thresholds(class_csv):
    _, table = class_csv
    stats = item_stats(table)
    for _, row in stats.iterrows():
        r, d, p = row["discrimination"], row["upper_lower"], row["facility_first_try"]
        if (r == r and r < 0) or (d == d and d < 0):
            assert row["verdict"] == "check the key"
        elif r == r and r >= 0.2 and 0.2 <= p <= 0.9:
            assert row["verdict"] == "keep"
        else:
            assert row["verdict"] == "revise"


def test_a_miskeyed_item_is_flagged(class_csv):
    _, table = class_csv
    flipped = table.copy()
    mask = flipped["question_id"] == "q-benoit-blame"
    flipped.loc[mask, "correct"] = ~flipped.loc[mask, "correct"].astype(bool)
    row = item_stats(flipped).set_index("question_id").loc["q-benoit-blame"]
    assert row["verdict"] == "check the key"


def test_quiz_summary_counts_students_and_items(class_csv):
    _, table = class_csv
    summary = quiz_summary(table).set_index("quiz")
    graded = table[~table["type"].isin(["reflection", "exercise"]) & (table["quiz"] == "01-crisis")]
    assert summary.loc["01-crisis", "students"] == graded["student"].nunique()
    assert summary.loc["01-crisis", "items"] == graded["question_id"].nunique()
    assert 0 < summary.loc["01-crisis", "kr20"] < 1


def test_undefined_discrimination_names_its_real_cause():
    from casestudy.classroom.stats import _verdict

    nan = float("nan")
    assert _verdict(1.0, nan, nan)[1] == "everyone answered it the same way on the first try"
    verdict, reason = _verdict(0.5, nan, nan)  # one right, one wrong, no spread elsewhere
    assert verdict == "revise" and "same way" not in reason


def test_wilson_interval_known_values(class_csv):
    from casestudy.classroom.stats import wilson_interval

    low, high = wilson_interval(8, 10)  # the textbook example: 0.490 to 0.943
    assert (round(low, 3), round(high, 3)) == (0.49, 0.943)
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == 1.0
    stats = item_stats(class_csv[1])
    inside = (stats["first_try_low"] <= stats["facility_first_try"]) & (
        stats["facility_first_try"] <= stats["first_try_high"]
    )
    assert inside.all()
