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
from dataclasses import dataclass, field
from pathlib import Path

from . import _keys
from .formats import load_quiz, save_quiz
from .model import (
    Choice,
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
    canonical_number,
    round_significant,
    text_norm,
)


@dataclass
class ReleaseReport:
    """What a release hid and what it had to leave readable."""

    quiz_id: str
    path: Path | None = None
    hidden: int = 0
    visible: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f" -> {self.path}" if self.path else ""
        lines = [f"{self.quiz_id}{where}: {self.hidden} answer(s) hashed"]
        lines += [f"  still readable: {item}" for item in self.visible]
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


def _release_question(q: Question, rnd: _Randomness, report: ReleaseReport) -> Question:
    if q.type == "reflection":
        return q
    salt = rnd.salt(q.id)
    q = dataclasses.replace(q, salt=salt)
    explanation_keys: list[bytes] = []
    explanation_hideable = True

    def derive(*parts, iterations: int = 0) -> bytes:
        return _keys.derive(salt, [q.id, *parts], iterations)

    def mark(*parts, iterations: int = 0) -> str:
        return _keys.mark_of(derive(*parts, iterations=iterations), iterations)

    changes: dict = {}
    if isinstance(q, SingleChoice | MultipleChoice):
        choices = []
        for i, c in enumerate(q.choices):
            choices.append(
                Choice(
                    text=c.text,
                    correct=None,
                    code=c.code,
                    mark=mark("choice", i, bool(c.correct)),
                    sealed_feedback=_seal_text(
                        c.feedback, derive("choice-feedback", i), "feedback", rnd, q.id, "choice", i
                    ),
                )
            )
        report.hidden += len(choices)
        right = [i for i, c in enumerate(q.choices) if c.correct]
        solution = ("choice", right[0]) if isinstance(q, SingleChoice) else ("choices", right)
        explanation_keys.append(derive("solution", *solution))
        changes["choices"] = tuple(choices)
    elif isinstance(q, Numeric):
        answers = []
        for j, a in enumerate(q.answers):
            if a.kind == "value" and not a.has_tolerance:
                target = round_significant(a.value, q.precision) if q.precision else a.value
                parts = ("value", j, canonical_number(target))
                key = derive(*parts, iterations=_keys.STRETCH_ITERATIONS)
                a = dataclasses.replace(
                    a,
                    value=None,
                    feedback=None,
                    mark=_keys.mark_of(key, _keys.STRETCH_ITERATIONS),
                    sealed_feedback=_seal_text(a.feedback, key, "feedback", rnd, q.id, "value", j),
                )
                report.hidden += 1
                if a.correct:
                    explanation_keys.append(key)
            else:
                what = "range" if a.kind == "range" else "tolerance"
                report.visible.append(
                    f"{q.id}: answers[{j}] ({what}: a hash cannot test an interval)"
                )
                if a.correct:
                    explanation_hideable = False
            answers.append(a)
        changes["answers"] = tuple(answers)
    elif isinstance(q, ShortText):
        answers = []
        for j, a in enumerate(q.answers):
            if a.fuzzy_threshold:
                report.visible.append(
                    f"{q.id}: answers[{j}] (fuzzy: a hash cannot measure closeness)"
                )
                if a.correct:
                    explanation_hideable = False
            else:
                parts = ("text", j, text_norm(a.answer, a.match_case))
                key = derive(*parts, iterations=_keys.STRETCH_ITERATIONS)
                a = dataclasses.replace(
                    a,
                    answer=None,
                    feedback=None,
                    mark=_keys.mark_of(key, _keys.STRETCH_ITERATIONS),
                    sealed_feedback=_seal_text(a.feedback, key, "feedback", rnd, q.id, "text", j),
                )
                report.hidden += 1
                if a.correct:
                    explanation_keys.append(key)
            answers.append(a)
        changes["answers"] = tuple(answers)
    elif isinstance(q, Order):
        # released item k is authored item perm[k]; its correct position is perm[k]
        perm = rnd.permutation(len(q.items), q.id)
        changes["items"] = tuple(q.items[p] for p in perm)
        changes["marks"] = tuple(mark("order", k, perm[k]) for k in range(len(perm)))
        solution = [perm.index(p) for p in range(len(perm))]  # item index at each position
        explanation_keys.append(derive("solution", "order", solution))
        report.hidden += len(perm)
    elif isinstance(q, Match):
        perm = rnd.permutation(len(q.options), q.id)
        new_index = {old: new for new, old in enumerate(perm)}
        answer = [new_index[j] for j in q.answer]
        changes["options"] = tuple(q.options[old] for old in perm)
        changes["answer"] = None
        changes["marks"] = tuple(mark("match", i, j) for i, j in enumerate(answer))
        explanation_keys.append(derive("solution", "match", answer))
        report.hidden += len(answer)
    if q.explanation is not None:
        if explanation_hideable and explanation_keys:
            changes["sealed_explanation"] = tuple(
                _keys.seal(
                    q.explanation.as_dict(), key, "explanation", rnd.nonce(q.id, "explanation", n)
                )
                for n, key in enumerate(explanation_keys)
            )
            changes["explanation"] = None
        else:
            report.visible.append(f"{q.id}: explanation (its answer is readable anyway)")
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
