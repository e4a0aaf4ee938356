"""Student release: quiz files whose correct answers are salted hashes.

``release_quiz("data/quizzes/01-crisis.yaml", "build/student/")`` writes a copy in which
every choice's ``correct`` flag, every exact numeric value and every exact short answer is
replaced by a *mark* (a salted hash); the correct order of an order question and the pairs of
a match question likewise. ``check()`` works on the copy unchanged. Feedback stays, sealed so
that it opens when its answer is given; the explanation opens after a correct answer.

What this does **not** stop (the docs say it too): the copy is checked on the student's own
kernel, so whoever can run Python can try every candidate. A four-option question falls to
four tries, an order of five items to 120; numbers and words cost a PBKDF2 derivation per try.
Ranges, tolerances and fuzzy answers cannot be tested through a hash, so they stay readable;
the report lists them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _keys
from .files import load_quiz
from .model import (
    Choice,
    Localized,
    Match,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Order,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
    text_norm,
)
from .typed import canonical_number, round_significant
from .writer import save_quiz


@dataclass(frozen=True)
class Readable:
    """One part of a released question that a student can still read, and why."""

    question_id: str
    question_type: str
    field: str  # answers[2], explanation
    kind: str  # range, tolerance, fuzzy, explanation
    detail: str  # what a student can read there, and why it could not be hidden

    def __str__(self) -> str:
        return f"{self.question_id}: {self.field} ({self.kind}: {self.detail})"

    def line(self) -> str:
        """The part and what can be read there, for a list under its question."""
        kind = "" if self.kind == self.field else f" ({self.kind})"
        return f"{self.field}{kind}: {self.detail}"


@dataclass
class ReleaseReport:
    """What a release hid and what it had to leave readable, question by question.

    ``visible`` holds one line per readable part (kept as text for older callers);
    ``readable`` holds the same as :class:`Readable` records.
    """

    quiz_id: str
    path: Path | None = None
    hidden: int = 0
    visible: list[str] = field(default_factory=list)
    readable: list[Readable] = field(default_factory=list)

    def add(self, q: Question, where: str, kind: str, detail: str) -> None:
        item = Readable(q.id, q.type, where, kind, detail)
        self.readable.append(item)
        self.visible.append(str(item))

    def __str__(self) -> str:
        """The report, question by question: what a student can still read in the copy."""
        where = f" -> {self.path}" if self.path else ""
        by_question: dict[str, list[Readable]] = {}
        for item in self.readable:
            by_question.setdefault(item.question_id, []).append(item)
        head = f"{self.quiz_id}{where}: {self.hidden} answer(s) hashed"
        if not by_question:
            return f"{head}; nothing else readable"
        lines = [f"{head}; still readable in {len(by_question)} question(s):"]
        for qid, items in by_question.items():
            lines.append(f"  {qid} ({items[0].question_type})")
            lines += [f"    - {item.line()}" for item in items]
        return "\n".join(lines)


class _Randomness:
    """Salts, nonces and shuffles: random by default, reproducible with a ``seed``."""

    def __init__(self, seed: str | None):
        self.seed = seed

    def _bytes(self, label: str, n: int) -> bytes:
        if self.seed is None:
            return secrets.token_bytes(n)
        return hmac.new(self.seed.encode(), label.encode(), hashlib.sha256).digest()[:n]

    def salt(self, qid: str) -> str:
        return self._bytes(f"salt:{qid}", 16).hex()

    def nonce(self, *label: object) -> bytes:
        return self._bytes("nonce:" + json.dumps(label, default=str), 16)

    def permutation(self, n: int, qid: str) -> list[int]:
        rng = (
            random.Random(self._bytes(f"shuffle:{qid}", 16)) if self.seed else random.SystemRandom()
        )
        order = list(range(n))
        rng.shuffle(order)
        if n > 1 and order == list(range(n)):  # never leave the key in its authored order
            order = order[1:] + order[:1]
        return order


def _seal_text(text, key: bytes, purpose: str, rnd: _Randomness, *label: object) -> str | None:
    if text is None:
        return None
    return _keys.seal(text.as_dict(), key, purpose, rnd.nonce(*label))


class _Release:
    """One question being released: its salt, and the keys that will open its explanation."""

    def __init__(self, q: Question, rnd: _Randomness, report: ReleaseReport):
        self.q, self.rnd, self.report = q, rnd, report
        self.salt = q.salt or ""
        self.explanation_keys: list[bytes] = []
        self.explanation_hideable = True

    def derive(self, *parts: Any, iterations: int = 0) -> bytes:
        return _keys.derive(self.salt, [self.q.id, *parts], iterations)

    def mark(self, *parts: Any) -> str:
        return _keys.mark_of(self.derive(*parts))

    def seal(self, text: Localized | None, key: bytes, *label: object) -> str | None:
        return _seal_text(text, key, "feedback", self.rnd, self.q.id, *label)

    def readable(self, field: str, kind: str, what: str, correct: bool) -> None:
        """Record what stays readable; a readable correct answer gives the explanation away."""
        self.report.add(self.q, field, kind, what)
        if correct:
            self.explanation_hideable = False

    def stretched(self, *parts: Any) -> tuple[bytes, str]:
        key = self.derive(*parts, iterations=_keys.STRETCH_ITERATIONS)
        return key, _keys.mark_of(key, _keys.STRETCH_ITERATIONS)


def _release_choices(q: SingleChoice | MultipleChoice, rel: _Release) -> dict[str, Any]:
    choices = tuple(
        Choice(
            text=c.text,
            correct=None,
            code=c.code,
            mark=rel.mark("choice", i, bool(c.correct)),
            sealed_feedback=rel.seal(c.feedback, rel.derive("choice-feedback", i), "choice", i),
        )
        for i, c in enumerate(q.choices)
    )
    rel.report.hidden += len(choices)
    right = [i for i, c in enumerate(q.choices) if c.correct]
    solution = ("choice", right[0]) if isinstance(q, SingleChoice) else ("choices", right)
    rel.explanation_keys.append(rel.derive("solution", *solution))
    return {"choices": choices}


def _release_numeric(q: Numeric, rel: _Release) -> dict[str, Any]:
    answers = []
    for j, a in enumerate(q.answers):
        if a.kind == "value" and not a.has_tolerance:
            target = round_significant(a.value, q.precision) if q.precision else a.value
            key, mark = rel.stretched("value", j, canonical_number(target))
            sealed = rel.seal(a.feedback, key, "value", j)
            a = dataclasses.replace(a, value=None, feedback=None, mark=mark, sealed_feedback=sealed)
            rel.report.hidden += 1
            if a.correct:
                rel.explanation_keys.append(key)
        else:
            kind = "range" if a.kind == "range" else "tolerance"
            rel.readable(f"answers[{j}]", kind, _numeric_readable(a), bool(a.correct))
        answers.append(a)
    return {"answers": tuple(answers)}


def _numeric_readable(a: NumericAnswer) -> str:
    verdict = "correct" if a.correct else "anticipated wrong answer"
    if a.kind == "range":
        shown = f"[{_fmt(a.low)}, {_fmt(a.high)})"
    else:
        parts = [f"± {_fmt(a.tolerance)}"] if a.tolerance else []
        parts += [f"± {_fmt(a.rel_tolerance * 100)} %"] if a.rel_tolerance else []
        shown = f"{_fmt(a.value)} {' or '.join(parts)}"
    return f"{shown}, {verdict} — a hash cannot test an interval"


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def _release_text(q: ShortText, rel: _Release) -> dict[str, Any]:
    answers = []
    for j, a in enumerate(q.answers):
        if a.fuzzy_threshold:
            verdict = "correct" if a.correct else "anticipated wrong answer"
            rel.readable(
                f"answers[{j}]",
                "fuzzy",
                f"{a.answer!r} at similarity {a.fuzzy_threshold:g}, {verdict} — "
                "a hash cannot measure closeness",
                bool(a.correct),
            )
        else:
            key, mark = rel.stretched("text", j, text_norm(a.answer, a.match_case))
            sealed = rel.seal(a.feedback, key, "text", j)
            a = dataclasses.replace(
                a, answer=None, feedback=None, mark=mark, sealed_feedback=sealed
            )
            rel.report.hidden += 1
            if a.correct:
                rel.explanation_keys.append(key)
        answers.append(a)
    return {"answers": tuple(answers)}


def _release_order(q: Order, rel: _Release) -> dict[str, Any]:
    # released item k is authored item perm[k]; its correct position is perm[k]
    perm = rel.rnd.permutation(len(q.items), q.id)
    solution = [perm.index(p) for p in range(len(perm))]  # item index at each position
    rel.explanation_keys.append(rel.derive("solution", "order", solution))
    rel.report.hidden += len(perm)
    return {
        "items": tuple(q.items[p] for p in perm),
        "marks": tuple(rel.mark("order", k, perm[k]) for k in range(len(perm))),
    }


def _release_match(q: Match, rel: _Release) -> dict[str, Any]:
    perm = rel.rnd.permutation(len(q.options), q.id)
    new_index = {old: new for new, old in enumerate(perm)}
    answer = [new_index[j] for j in q.answer]
    rel.explanation_keys.append(rel.derive("solution", "match", answer))
    rel.report.hidden += len(answer)
    return {
        "options": tuple(q.options[old] for old in perm),
        "answer": None,
        "marks": tuple(rel.mark("match", i, j) for i, j in enumerate(answer)),
    }


#: one releaser per graded question type; a reflection has no key to hide
RELEASERS: dict[str, Callable[[Any, _Release], dict[str, Any]]] = {
    "single": _release_choices,
    "multiple": _release_choices,
    "numeric": _release_numeric,
    "text": _release_text,
    "order": _release_order,
    "match": _release_match,
}


def _release_question(q: Question, rnd: _Randomness, report: ReleaseReport) -> Question:
    if q.type not in RELEASERS:
        return q
    q = dataclasses.replace(q, salt=rnd.salt(q.id))
    rel = _Release(q, rnd, report)
    changes = RELEASERS[q.type](q, rel)
    if q.explanation is not None:
        if rel.explanation_hideable and rel.explanation_keys:
            changes["sealed_explanation"] = tuple(
                _keys.seal(
                    q.explanation.as_dict(), key, "explanation", rnd.nonce(q.id, "explanation", n)
                )
                for n, key in enumerate(rel.explanation_keys)
            )
            changes["explanation"] = None
        else:
            report.add(q, "explanation", "explanation", "readable, since its correct answer is")
    return dataclasses.replace(q, **changes)


def seal_quiz(quiz: Quiz, *, seed: str | None = None) -> tuple[Quiz, ReleaseReport]:
    """The student copy of a quiz, in memory, and the report of what was hidden."""
    if quiz.released:
        raise ValueError(f"quiz {quiz.id!r} is already a student release")
    rnd = _Randomness(seed)
    report = ReleaseReport(quiz.id)
    questions = tuple(_release_question(q, rnd, report) for q in quiz)
    return dataclasses.replace(quiz, questions=questions, source=None), report


def release_quiz(
    source: Quiz | str | os.PathLike,
    out: str | os.PathLike,
    *,
    seed: str | None = None,
) -> ReleaseReport:
    """Write the student copy of a quiz; returns the report of what was hidden.

    ``out`` is a folder (the copy is ``out/<quiz id>.yaml``) or a file path ending in
    ``.yaml`` / ``.yml``.

    ``seed`` makes the output reproducible (same salts, same shuffles) — keep it secret, since
    it regenerates the salts; without it every release is freshly random.
    """
    quiz = load_quiz(source)
    released, report = seal_quiz(quiz, seed=seed)
    target = Path(out)
    if target.suffix.lower() not in (".yaml", ".yml"):
        target = target / f"{quiz.id}.yaml"
    report.path = save_quiz(released, target)
    return report
