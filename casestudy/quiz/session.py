"""A student's working state on one quiz: check, save, restore, reset, progress (no widgets).

The widget view is a thin layer over :class:`QuizSession`; everything it shows comes from here,
so it is tested without a browser. State lives only in the saved-answers file: a new session
(re-running the quiz cell, restarting the kernel) reads it back and finds the same answers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from casestudy import i18n

from .model import Question, Quiz, Result
from .store import ResponseStore, make_record, student_id


def check_and_record(
    quiz_id: str,
    question: Question,
    response: Any,
    *,
    attempt: int,
    lang: str | None,
    student: str | None,
) -> tuple[Result, dict[str, Any]]:
    """Check one answer and build the answers-file record for it (not yet written).

    The one place where a verdict becomes a record: the quiz session and the simulated class
    both use it, so a synthetic class writes exactly what real students write.
    """
    result = question.check(response, attempt=attempt, lang=lang)
    record = make_record(
        event="save" if question.type == "reflection" else "check",
        quiz=quiz_id,
        question_id=question.id,
        question_type=question.type,
        response=result.response,
        valid=result.valid,
        correct=result.correct,
        score=result.score,
        max_score=result.max_score,
        attempt=attempt,
        lang=lang or i18n.get_language(),
        student=student,
    )
    return result, record


@dataclass
class QuestionState:
    attempts: int = 0  # valid checks since the last reset
    result: Result | None = None  # the last valid result
    restored: bool = False

    @property
    def answered(self) -> bool:
        return self.result is not None


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int
    score: float
    max_score: float

    def text(self, lang: str | None = None) -> str:
        """``"3 of 7 answered — score 2.5 / 6"`` in the UI language."""
        return i18n.t(
            "progress",
            lang,
            answered=self.answered,
            total=self.total,
            score=i18n.format_number(self.score, lang),
            max_score=i18n.format_number(self.max_score, lang),
        )


class QuizSession:
    """Checks answers, saves each one durably before returning, and restores from the file."""

    def __init__(
        self,
        quiz: Quiz,
        *,
        responses_path: str | os.PathLike | None = None,
        student: str | None = None,
        restore: bool = True,
        lang: str | None = None,
    ):
        self.quiz = quiz
        self.store = ResponseStore(responses_path)
        self.student = student_id(student)
        self.lang = lang
        self.states = {q.id: QuestionState() for q in quiz}
        self.last_save_error: str | None = None
        #: answers restored from records saved before the student id was set
        self.adopted = 0
        if restore:
            self.restore()

    # -- reading back --------------------------------------------------------------------

    def _mine(self, record: dict[str, Any]) -> bool:
        """This quiz, and this student's — or saved before any student id was set.

        A student who sets ``CASESTUDY_STUDENT_ID`` after answering keeps those answers: the
        answers file is their own, so records without an id are theirs too (:attr:`adopted`
        counts the ones shown, and the view says so).
        """
        if record.get("quiz") != self.quiz.id:
            return False
        owner = record.get("student_id")
        return owner == self.student or (self.student is not None and owner is None)

    def restore(self) -> int:
        """Rebuild every question's last answer from the file; returns how many were found."""
        last: dict[str, tuple[Any, bool]] = {}
        counts: dict[str, int] = {}
        for record in self.store.read():
            if not self._mine(record):
                continue
            if record["event"] == "reset":
                last.clear()
                counts.clear()
            elif record["question_id"] in self.states and record.get("valid", True):
                qid = record["question_id"]
                counts[qid] = counts.get(qid, 0) + 1
                last[qid] = (record.get("response"), record.get("student_id") is None)
        self.states = {q.id: QuestionState() for q in self.quiz}
        self.adopted = 0
        for qid, (response, anonymous) in last.items():
            result = self.quiz[qid].check(response, attempt=counts[qid], lang=self.lang)
            if result.valid:  # the quiz file may have changed since: drop what no longer fits
                self.states[qid] = QuestionState(attempts=counts[qid], result=result, restored=True)
                self.adopted += bool(anonymous and self.student)
        return sum(s.answered for s in self.states.values())

    # -- acting --------------------------------------------------------------------------

    def submit(self, question_id: str, response: Any) -> Result:
        """Check ``response``, append the record (flushed and fsynced), then return the result.

        Never raises for a bad response; if the file cannot be written, the result is still
        returned and :attr:`last_save_error` says why.
        """
        question: Question = self.quiz[question_id]
        state = self.states[question_id]
        attempt = state.attempts + 1
        result, record = check_and_record(
            self.quiz.id, question, response, attempt=attempt, lang=self.lang, student=self.student
        )
        self.last_save_error = None
        try:
            self.store.append(record)
        except (OSError, ValueError, TypeError) as exc:
            self.last_save_error = f"{type(exc).__name__}: {exc}"
        if result.valid:
            state.attempts = attempt
            state.result = result
            state.restored = False
        return result

    def reset(self) -> bool:
        """Clear every answer; the file keeps them and records the reset.

        Returns False, clears nothing and sets :attr:`last_save_error` when the reset could not
        be recorded (the answers would come back after a restart).
        """
        record = make_record(event="reset", quiz=self.quiz.id, student=self.student)
        self.last_save_error = None
        try:
            self.store.append(record)
        except (OSError, ValueError) as exc:
            self.last_save_error = f"{type(exc).__name__}: {exc}"
            return False
        self.states = {q.id: QuestionState() for q in self.quiz}
        self.adopted = 0
        return True

    # -- summary -------------------------------------------------------------------------

    def progress(self) -> Progress:
        answered = sum(s.answered for s in self.states.values())
        score = sum(s.result.score for s in self.states.values() if s.result is not None)
        return Progress(answered, len(self.quiz), round(score, 6), self.quiz.max_score)
