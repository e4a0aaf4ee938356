"""Helpers shared by the quiz test modules (imported explicitly; pytest does not auto-load it).

``case_data_dir`` builds a small data folder (schema, sources, events, quizzes) for
``CASESTUDY_DATA_DIR``, so the quiz tests never depend on the real case data changing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from casestudy.quiz import Question, Quiz, load_quiz
from casestudy.quiz.files import available_quizzes

SOURCES = [
    ("kf", "Finance - Key figures", "Renault Group", "2023-03-10", "https://example.org/kf"),
    ("er2020", "Earnings Report 2020", "Renault Group", "2021-02-19", "https://example.org/er"),
]
EVENTS = [
    ("ev-001", "2018-11-19", "Carlos Ghosn arrested in Tokyo", "Arrestation de Carlos Ghosn", "kf"),
    ("ev-004", "2019-01-23", "Ghosn resigns", "Démission de Ghosn", "kf"),
    ("ev-010", "2020-07-01", "Luca de Meo takes office", "Luca de Meo prend ses fonctions", "kf"),
    ("ev-020", "2021-01-14", "Renaulution presented", "Présentation de Renaulution", "er2020"),
]

#: a quiz with one question of every type, used by several modules
SAMPLE_YAML = """\
title: Sample quiz
title_fr: Quiz d'essai
questions:
  - id: q-arrest
    type: single
    bloom: remember
    source_id: kf
    text: When was Carlos Ghosn arrested in Tokyo?
    text_fr: Quand Carlos Ghosn a-t-il été arrêté à Tokyo ?
    choices:
      - text: 19 November 2018
        text_fr: 19 novembre 2018
        correct: true
        feedback: Yes, on arrival at Haneda.
        feedback_fr: Oui, à son arrivée à Haneda.
      - text: 23 January 2019
        feedback: That is when he resigned.
      - 30 December 2019
    explanation: He was arrested on 19 November 2018.
  - id: q-phases
    type: multiple
    bloom: understand
    points: 2
    text: Which were phases of Renaulution?
    choices:
      - {text: Resurrection, correct: true}
      - {text: Renovation, correct: true}
      - {text: Restoration, feedback: Not a phase.}
  - id: q-loss
    type: numeric
    bloom: apply
    source_id: er2020
    text: FY2020 net income (total), in EUR m?
    answers:
      - {value: -8046, correct: true, tolerance: 1, feedback: Full-year total.}
      - {value: -7386, correct: false, feedback: That is the H1 2020 loss.}
      - {range: [0, .inf], correct: false, feedback: Check the sign.}
      - {type: default, feedback: Look at the FY2020 row.}
    explanation: -8,046 total; -8,008 group share.
  - id: q-plan
    type: text
    text: What was the 2021 plan called?
    answers:
      - {answer: Renaulution, correct: true}
      - {answer: Renault, correct: false, feedback: "The plan, not the company."}
  - id: q-order
    type: order
    text: Put these in order.
    items: [Ghosn arrested, Senard chairman, de Meo CEO]
    explanation: 2018, 2019, 2020.
  - id: q-match
    type: match
    text: Match each statement to a strategy.
    pairs:
      - {left: We apologise., right: Rebuild}
      - {left: There is no crisis., right: Deny}
    distractors: [Bolster]
  - id: q-reflect
    type: reflection
    text: What would you have said in 2020?
"""


def case_data_dir(root: Path, quizzes: dict[str, str] | None = None) -> Path:
    """A minimal data folder: datapackage.json, sources.csv, events.csv and quizzes/."""
    folder = root / "case-data"
    (folder / "quizzes").mkdir(parents=True, exist_ok=True)

    def string(name: str, required: bool = True) -> dict:
        return {"name": name, "type": "string", "constraints": {"required": required}}

    package = {
        "name": "test-case",
        "resources": [
            {
                "name": "sources",
                "path": "sources.csv",
                "schema": {
                    "fields": [string(n) for n in ("id", "title", "publisher", "date", "url")],
                    "primaryKey": ["id"],
                },
            },
            {
                "name": "events",
                "path": "events.csv",
                "schema": {
                    "fields": [
                        string("id"),
                        {"name": "date", "type": "date", "constraints": {"required": True}},
                        string("title_en"),
                        string("title_fr", required=False),
                        string("source_id"),
                    ],
                    "primaryKey": ["id"],
                    "foreignKeys": [
                        {
                            "fields": ["source_id"],
                            "reference": {"resource": "sources", "fields": ["id"]},
                        }
                    ],
                },
            },
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with open(folder / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "publisher", "date", "url"])
        writer.writerows(SOURCES)
    with open(folder / "events.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "title_en", "title_fr", "source_id"])
        writer.writerows(EVENTS)
    for name, text in (quizzes or {}).items():
        (folder / "quizzes" / name).write_text(text, encoding="utf-8")
    return folder


def course_questions(*types: str) -> Iterator[tuple[Quiz, Question]]:
    """``(quiz, question)`` for every question of the course quizzes (only ``types`` if given)."""
    for name in available_quizzes():
        quiz = load_quiz(name)
        for q in quiz:
            if not types or q.type in types:
                yield quiz, q
