"""Classical item analysis of a collected class (Crocker & Algina 1986; Kelley 1939).

Which answer counts:

- ``facility`` is the share of the students who answered an item whose **last** attempt is
  right (what the quiz showed them in the end); ``facility_first_try`` uses the first attempt.
- ``discrimination``, ``upper_lower`` and KR-20 use the **first try**, scored 1 (right) or 0:
  the only answer given before any feedback. After feedback nearly everyone gets there, so the
  last attempt measures persistence rather than what the student knew.
- A student's total for an item is the number of first tries right in the same quiz, **leaving
  that item out** (the corrected item-total correlation); the upper and lower groups are the
  top and bottom 27 % of the students who answered the quiz, ranked by their whole first-try
  total (ties broken by student id).

Verdicts (docs/class-results.md): ``check the key`` when the discrimination or the upper-lower
index is negative (the stronger students get it wrong more often); ``revise`` when the
discrimination is below 0.2, or the first-try facility is below 0.2 or above 0.9 (it tells the
class apart too little); ``keep`` otherwise. Under 30 students every figure is unstable.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

GROUP_SHARE = 0.27
NON_FUNCTIONAL = 0.05
SMALL_CLASS = 30
GOOD_DISCRIMINATION = 0.2
EASY, HARD = 0.9, 0.2
CHOICE_TYPES = ("single", "multiple")
ITEM_COLUMNS = [
    "quiz",
    "question_id",
    "type",
    "n",
    "facility",
    "facility_first_try",
    "first_try_low",
    "first_try_high",
    "mean_attempts",
    "discrimination",
    "upper_lower",
    "verdict",
    "reason",
]


def _labelled(frame, table):
    """Carry whether the class is synthetic, and its size, to the charts drawn from ``frame``."""
    from .collector import is_synthetic

    frame.attrs["synthetic"] = is_synthetic(table)
    frame.attrs["students"] = int(table["student"].nunique())
    return frame


def _graded(table):
    """Checks of graded items that the engine could read (no reflections, no invalid input)."""
    rows = table[(table["event"] == "check") & (table["type"] != "reflection")]
    rows = rows[rows["valid"].fillna(True).astype(bool) & rows["correct"].notna()]
    return rows


def _test_of(kind: str) -> str:
    return "exercise" if kind == "exercise" else "quiz"


def item_attempts(table):
    """One row per student and item: first-try and last-attempt result, attempts, scores."""
    import pandas as pd

    rows = _graded(table).sort_values(["timestamp", "attempt"], kind="stable", na_position="last")
    keys = ["quiz", "question_id", "student"]
    grouped = rows.groupby(keys, sort=True)
    first = grouped.first()
    last = grouped.last()
    out = pd.DataFrame(
        {
            "type": last["type"],
            "first_correct": first["correct"].astype(bool).astype(int),
            "last_correct": last["correct"].astype(bool).astype(int),
            "last_score": last["score"].fillna(0.0),
            "max_score": last["max_score"],
            "attempts": grouped.size(),
            "first_answer": first["answer"],
            "last_answer": last["answer"],
        }
    ).reset_index()
    out["test"] = out["type"].map(_test_of)
    return out


def _groups(per_item) -> dict[tuple[str, str], tuple[set[str], set[str], Any]]:
    """For each (quiz, test): the upper and lower 27 % of students, and every first-try total."""
    out = {}
    totals = per_item.groupby(["quiz", "test", "student"])["first_correct"].sum()
    for (quiz, test), series in totals.groupby(level=[0, 1]):
        ranked = sorted(
            ((float(v), s) for (_, _, s), v in series.items()), key=lambda x: (-x[0], x[1])
        )
        size = max(1, round(GROUP_SHARE * len(ranked))) if len(ranked) >= 2 else 0
        upper = {s for _, s in ranked[:size]}
        lower = {s for _, s in ranked[len(ranked) - size :]} if size else set()
        out[(quiz, test)] = (upper, lower, series.droplevel([0, 1]))
    return out


def point_biserial(item: list[int], rest: list[float]) -> float:
    """(M1 − M0) / s · √(p·q), s the population SD of ``rest``; NaN when it is undefined."""
    n = len(item)
    if n < 2:
        return math.nan
    mean = sum(rest) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in rest) / n)
    right = [x for x, y in zip(rest, item, strict=True) if y]
    wrong = [x for x, y in zip(rest, item, strict=True) if not y]
    if not right or not wrong or sd == 0:
        return math.nan
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * math.sqrt(p * (1 - p))


def wilson_interval(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a share ``right / n`` (Wilson 1927): honest for small
    classes and for shares near 0 or 1, where the usual p ± z·√(pq/n) runs past the ends."""
    if n == 0:
        return math.nan, math.nan
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _verdict(p_first: float, r: float, d: float) -> tuple[str, str]:
    if (r == r and r < 0) or (d == d and d < 0):
        return "check the key", "stronger students miss it more often than weaker ones"
    if r != r and p_first in (0.0, 1.0):
        return "revise", "everyone answered it the same way on the first try"
    if r != r:
        return "revise", "too few students, or no spread in their other scores, to measure it"
    if r < GOOD_DISCRIMINATION:
        return "revise", f"discrimination below {GOOD_DISCRIMINATION}"
    if p_first > EASY:
        return "revise", f"more than {EASY:.0%} right on the first try"
    if p_first < HARD:
        return "revise", f"fewer than {HARD:.0%} right on the first try"
    return "keep", ""


def item_stats(table, *, attempts=None):
    """One row per item: facility, discrimination, upper-lower index and a verdict."""
    import pandas as pd

    per_item = item_attempts(table) if attempts is None else attempts
    groups = _groups(per_item)
    records = []
    for (quiz, qid), rows in per_item.groupby(["quiz", "question_id"], sort=True):
        test = rows["test"].iloc[0]
        upper, lower, totals = groups[(quiz, test)]
        item = rows["first_correct"].tolist()
        rest = [float(totals[s]) - y for s, y in zip(rows["student"], item, strict=True)]
        r = point_biserial(item, rest)
        in_upper = rows[rows["student"].isin(upper)]["first_correct"]
        in_lower = rows[rows["student"].isin(lower)]["first_correct"]
        d = in_upper.mean() - in_lower.mean() if len(in_upper) and len(in_lower) else math.nan
        p_first = float(rows["first_correct"].mean())
        low, high = wilson_interval(int(rows["first_correct"].sum()), len(rows))
        verdict, reason = _verdict(p_first, r, d)
        records.append(
            {
                "quiz": quiz,
                "question_id": qid,
                "type": rows["type"].iloc[-1],
                "n": len(rows),
                "facility": round(float(rows["last_correct"].mean()), 4),
                "facility_first_try": round(p_first, 4),
                "first_try_low": round(low, 4),
                "first_try_high": round(high, 4),
                "mean_attempts": round(float(rows["attempts"].mean()), 3),
                "discrimination": round(r, 4) if r == r else math.nan,
                "upper_lower": round(float(d), 4) if d == d else math.nan,
                "verdict": verdict,
                "reason": reason,
            }
        )
    return _labelled(pd.DataFrame(records, columns=ITEM_COLUMNS), table)


# --------------------------------------------------------------------------- distractors


def _chosen(answer: Any, kind: str) -> list[str]:
    if answer is None or answer != answer:
        return []
    if kind == "multiple":
        try:
            value = json.loads(answer)
        except (TypeError, ValueError):
            return [str(answer)]
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return [str(answer)]


def course_quiz(quiz_id: str):
    """The course's quiz of that id, or None (a quiz this copy of the course does not have).

    Read once per (file, modification time): a report looks up every item of every quiz.
    """
    from casestudy.quiz import available_quizzes
    from casestudy.quiz.files import _find

    if quiz_id not in available_quizzes():
        return None
    try:
        path = _find(quiz_id)
        return _load(str(path), path.stat().st_mtime_ns)
    except Exception:  # unreadable or invalid: the report uses what the answers show
        return None


@lru_cache(maxsize=32)
def _load(path: str, mtime_ns: int):
    from casestudy.quiz import load_quiz

    return load_quiz(path)


def _quiz_options(quiz_id: str, question_id: str) -> list[tuple[str, bool | None]] | None:
    """(option text, correct) from the course's quiz file, when it has that question;
    ``correct`` is None for every option of a vote (a question with no right option)."""
    quiz = course_quiz(quiz_id)
    if quiz is None or question_id not in quiz:
        return None
    question = quiz[question_id]
    if not hasattr(question, "choices"):
        return None
    if not any(c.correct for c in question.choices):
        return [(c.text.canonical, None) for c in question.choices]
    return [(c.text.canonical, bool(c.correct)) for c in question.choices]


def distractor_shares(table, *, attempts=None):
    """Per choice option: share of first tries choosing it, overall and in the 27 % groups.

    ``non_functional``: a wrong option chosen by fewer than 5 % of those who answered;
    ``suspect``: a wrong option chosen more by the upper group than by the lower.
    """
    import pandas as pd

    per_item = item_attempts(table) if attempts is None else attempts
    groups = _groups(per_item)
    records = []
    for (quiz, qid), rows in per_item[per_item["type"].isin(CHOICE_TYPES)].groupby(
        ["quiz", "question_id"], sort=True
    ):
        kind = rows["type"].iloc[-1]
        upper, lower, _ = groups[(quiz, rows["test"].iloc[0])]
        picks = {
            s: set(_chosen(a, kind))
            for s, a in zip(rows["student"], rows["first_answer"], strict=True)
        }
        options = _quiz_options(quiz, qid)
        if options is None:  # options seen in the answers; right ones from a right last try
            right = set().union(
                *(
                    set(_chosen(a, kind))
                    for a, c in zip(rows["last_answer"], rows["last_correct"], strict=True)
                    if c
                )
            )
            seen = sorted(set().union(*picks.values()))
            options = [(o, o in right) for o in seen]
        if all(correct is None for _, correct in options):
            continue  # a vote: nothing is a distractor
        n = len(picks)
        n_up = sum(s in upper for s in picks)
        n_low = sum(s in lower for s in picks)
        for option, correct in options:
            chosen = {s for s, p in picks.items() if option in p}
            share = len(chosen) / n if n else math.nan
            up = len(chosen & upper) / n_up if n_up else math.nan
            low = len(chosen & lower) / n_low if n_low else math.nan
            records.append(
                {
                    "quiz": quiz,
                    "question_id": qid,
                    "option": option,
                    "correct": correct,
                    "n": n,
                    "chosen": len(chosen),
                    "share": round(share, 4),
                    "share_upper": round(up, 4) if up == up else math.nan,
                    "share_lower": round(low, 4) if low == low else math.nan,
                    "non_functional": (not correct) and share < NON_FUNCTIONAL,
                    "suspect": (not correct) and up == up and low == low and up > low,
                }
            )
    columns = ["quiz", "question_id", "option", "correct", "n", "chosen", "share"]
    columns += ["share_upper", "share_lower", "non_functional", "suspect"]
    return _labelled(pd.DataFrame(records, columns=columns), table)


# --------------------------------------------------------------------------- quizzes, students


def kr20(matrix: list[list[int]]) -> float:
    """KR-20 = k/(k−1) · (1 − Σ p·q / σ²) over students (rows) × items (columns) of 0/1."""
    if not matrix or len(matrix[0]) < 2:
        return math.nan
    k, n = len(matrix[0]), len(matrix)
    totals = [sum(row) for row in matrix]
    mean = sum(totals) / n
    variance = sum((t - mean) ** 2 for t in totals) / n
    if variance == 0:
        return math.nan
    pq = 0.0
    for j in range(k):
        p = sum(row[j] for row in matrix) / n
        pq += p * (1 - p)
    return k / (k - 1) * (1 - pq / variance)


def quiz_scores(table, *, attempts=None):
    """Students × quizzes: the sum of each item's last-attempt score (what the gradebook gets)."""
    per_item = item_attempts(table) if attempts is None else attempts
    per_item = per_item[per_item["test"] == "quiz"]
    return per_item.pivot_table(
        index="student", columns="quiz", values="last_score", aggfunc="sum", fill_value=0.0
    )


def quiz_max_scores(table, *, attempts=None) -> dict[str, float]:
    """Each quiz's maximum score: from the course's quiz file, else the items seen."""
    per_item = item_attempts(table) if attempts is None else attempts
    per_item = per_item[per_item["test"] == "quiz"]
    seen = per_item.groupby(["quiz", "question_id"])["max_score"].max().groupby(level=0).sum()
    out = {}
    for quiz, total in seen.items():
        course = course_quiz(quiz)
        out[quiz] = float(course.max_score) if course is not None else float(total)
    return out


def quiz_summary(table, *, attempts=None):
    """Per quiz: students, items, KR-20 (first tries, complete answer sets), last-attempt score
    mean / SD (population) / quartiles and its distribution as ``score:count`` pairs."""
    import pandas as pd

    per_item = item_attempts(table) if attempts is None else attempts
    per_item = per_item[per_item["test"] == "quiz"]
    scores = quiz_scores(table, attempts=per_item)
    maxima = quiz_max_scores(table, attempts=per_item)
    records = []
    for quiz, rows in per_item.groupby("quiz", sort=True):
        wide = rows.pivot(index="student", columns="question_id", values="first_correct")
        complete = wide.dropna()
        reliability = kr20(complete.astype(int).values.tolist()) if len(complete) >= 2 else math.nan
        answered = rows["student"].unique()
        quiz_score = scores.loc[answered, quiz]
        counts = quiz_score.round().astype(int).value_counts().sort_index()
        records.append(
            {
                "quiz": quiz,
                "students": len(answered),
                "items": int(rows["question_id"].nunique()),
                "complete_sets": len(complete),
                "kr20": round(reliability, 4) if reliability == reliability else math.nan,
                "score_mean": round(float(quiz_score.mean()), 3),
                "score_sd": round(float(quiz_score.std(ddof=0)), 3),
                "score_min": round(float(quiz_score.min()), 3),
                "score_median": round(float(quiz_score.median()), 3),
                "score_max": round(float(quiz_score.max()), 3),
                "max_score": maxima.get(quiz, math.nan),
                "score_distribution": " ".join(f"{k}:{v}" for k, v in counts.items()),
            }
        )
    return pd.DataFrame(records)


def student_progress(table, *, attempts=None):
    """Per student: items answered (of the items the class saw), score, reflections, activity."""
    import pandas as pd

    per_item = item_attempts(table) if attempts is None else attempts
    quiz_items = per_item[per_item["test"] == "quiz"]
    total_items = quiz_items.groupby(["quiz", "question_id"]).ngroups
    maxima = quiz_max_scores(table, attempts=per_item)
    course_max = sum(maxima.values())
    activity = table.groupby("student")["timestamp"].agg(["min", "max"])
    saved = table[table["type"] == "reflection"].groupby("student")["question_id"].nunique()
    scores = quiz_items.groupby("student")["last_score"].sum()
    answered = quiz_items.groupby("student").size()
    started = quiz_items.groupby("student")["quiz"].nunique()
    records = []
    for student in sorted(table["student"].unique()):
        score = float(scores.get(student, 0.0))
        records.append(
            {
                "student": student,
                "quizzes_started": int(started.get(student, 0)),
                "answered": int(answered.get(student, 0)),
                "items": total_items,
                "score": round(score, 3),
                "max_score": course_max,
                "percent": round(100 * score / course_max, 1) if course_max else math.nan,
                "reflections": int(saved.get(student, 0)),
                "first_activity": activity.loc[student, "min"],
                "last_activity": activity.loc[student, "max"],
            }
        )
    return pd.DataFrame(records)


def reflections(table):
    """Every reflection, the last saved version per student and question, for reading."""
    rows = table[table["type"] == "reflection"].sort_values("timestamp", kind="stable")
    rows = rows.groupby(["quiz", "question_id", "student"], sort=True).last().reset_index()
    return rows[["quiz", "question_id", "student", "timestamp", "answer"]]
