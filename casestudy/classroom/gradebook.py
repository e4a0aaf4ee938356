"""Gradebook CSV for Moodle and Canvas: one row per student, one column per quiz.

A quiz's score is the sum of each item's last-attempt score (partial credit included), out of
the quiz's maximum. docs/class-results.md gives the import steps.

- **Moodle** (Grades > Import > CSV file): the ``Student ID`` column is mapped during import to
  a user field (username, ID number or email address, whichever the students typed as their
  id); each quiz column is mapped to a grade item.
- **Canvas** (Grades > Import): ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``,
  ``Section``, then one column per quiz named ``<quiz> (points)``, after a ``Points Possible``
  row. Canvas matches students by its ``ID`` or the SIS ids: the student id goes in
  ``SIS Login ID``; ``ID`` and ``Section`` are left for Canvas's own export to fill.
"""

from __future__ import annotations

from typing import Any

CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def _scores(table, attempts=None):
    """Students × quizzes; empty (NaN) where a student answered nothing in the quiz, so that
    the import leaves that grade alone rather than writing a zero."""
    from .stats import item_attempts, quiz_max_scores

    per_item = item_attempts(table) if attempts is None else attempts
    per_item = per_item[per_item["test"] == "quiz"]
    scores = per_item.pivot_table(
        index="student", columns="quiz", values="last_score", aggfunc="sum"
    )
    students = sorted(table["student"].unique())
    return scores.reindex(students), quiz_max_scores(table, attempts=attempts)


def moodle_gradebook(table, *, attempts=None) -> Any:
    """``Student ID`` then one column per quiz (its score); one row per student."""
    import pandas as pd

    scores, _ = _scores(table, attempts)
    frame = pd.DataFrame({"Student ID": scores.index})
    for quiz in scores.columns:
        frame[quiz] = [_round(v) for v in scores[quiz]]
    return frame


def canvas_gradebook(table, *, attempts=None) -> Any:
    """Canvas's gradebook layout: a ``Points Possible`` row, then one row per student."""
    import pandas as pd

    scores, maxima = _scores(table, attempts)
    columns = CANVAS_FIXED + [f"{quiz} (points)" for quiz in scores.columns]
    rows = [["Points Possible", "", "", "", ""] + [maxima.get(q) for q in scores.columns]]
    for student, values in scores.iterrows():
        rows.append([student, "", "", student, ""] + [_round(v) for v in values])
    return pd.DataFrame(rows, columns=columns)


def _round(value: Any) -> float | None:
    return None if value != value else round(float(value), 3)
