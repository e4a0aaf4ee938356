"""The quiz engine: questions, answer checking and results, in plain Python (no widgets).

Seven question types share one contract: ``question.check(response)`` returns a
:class:`Result` with ``.correct`` (``None`` for a reflection), ``.score`` and ``.feedback``.
A response that cannot be graded (nothing chosen, wrong type, an unreadable number, an unknown
choice, a 100 000-character string) gives a result with ``valid=False`` and a clear message;
``check`` never raises to the student.

Numeric and short-text answers follow jupyterquiz's rules exactly (answers tried in order, the
first match decides; ``range`` is half-open; ``precision`` is significant digits applied to the
submission and to each value; ``a/b`` input; a ``default`` answer's feedback as the fallback;
case-insensitive text unless ``match_case``; ``fuzzy_threshold`` on Levenshtein similarity).

>>> q = SingleChoice(id="q1", text=Localized("2 + 2?"),
...                  choices=(Choice(Localized("3")), Choice(Localized("4"), correct=True)))
>>> q.check("4").correct, q.check(0).correct, q.check(None).valid
(True, False, False)
"""

from __future__ import annotations

import numbers
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from casestudy import i18n

from . import _keys
from .typed import (
    MAX_REFLECTION_CHARS,
    MAX_RESPONSE_CHARS,
    InvalidResponse,
    _check_length,
    _check_text,
    _echo,
    _jsonable,
    _slack,
    _storable,
    canonical_number,
    levenshtein,
    parse_number,
    round_significant,
    seeded_order,
    similarity,
)

BLOOM_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")
QUESTION_TYPES = ("single", "multiple", "numeric", "order", "match", "text", "reflection")


# --------------------------------------------------------------------------- texts


class Localized:
    """A text in one or more languages; ``get()`` picks the current UI language, else English.

    >>> Localized({"en": "Check", "fr": "Vérifier"}).get("fr")
    'Vérifier'
    >>> Localized("Only English").get("fr")
    'Only English'
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: str | Mapping[str, str] | Localized):
        if isinstance(texts, Localized):
            mapping = dict(texts._texts)
        elif isinstance(texts, str):
            mapping = {i18n.DEFAULT_LANGUAGE: texts}
        else:
            mapping = {str(k): str(v) for k, v in dict(texts).items() if v is not None}
        if not mapping:
            raise ValueError("a localized text needs at least one language")
        self._texts = mapping

    def get(self, lang: str | None = None) -> str:
        code = lang or i18n.get_language()
        if self._texts.get(code):
            return self._texts[code]
        if self._texts.get(i18n.DEFAULT_LANGUAGE):
            return self._texts[i18n.DEFAULT_LANGUAGE]
        return next(iter(self._texts.values()))

    @property
    def canonical(self) -> str:
        """The English text if there is one (what saved answers record), else the first."""
        return self._texts.get(i18n.DEFAULT_LANGUAGE) or next(iter(self._texts.values()))

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(self._texts.values())

    def as_dict(self) -> dict[str, str]:
        return dict(self._texts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localized) and self._texts == other._texts

    def __hash__(self) -> int:
        return hash(frozenset(self._texts.items()))

    def __repr__(self) -> str:
        return f"Localized({self._texts!r})"


def _normalised(lang: str) -> str:
    return lang.strip().lower()[:2]


def _text_key(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Result:
    """The outcome of one check.

    ``feedback`` is the verdict and the message together. ``response`` is the response in the
    form that is saved (choice texts rather than indices, the number as typed).
    """

    question_id: str
    correct: bool | None
    score: float
    max_score: float
    verdict: str
    message: str = ""
    explanation: str | None = None
    valid: bool = True
    response: Any = None
    attempt: int = 1
    found: int | None = None
    total: int | None = None

    @property
    def feedback(self) -> str:
        return " ".join(part for part in (self.verdict, self.message) if part)

    @property
    def status(self) -> str:
        """One word for the view: correct, partial, incorrect, saved or invalid."""
        if not self.valid:
            return "invalid"
        if self.correct is None:
            return "saved"
        if self.correct:
            return "correct"
        return "partial" if self.score > 0 else "incorrect"


@dataclass(frozen=True)
class _Grade:
    correct: bool | None
    fraction: float
    messages: tuple[str, ...] = ()
    response: Any = None
    found: int | None = None
    total: int | None = None
    unlock: tuple[bytes, ...] = ()  # keys that open a sealed explanation


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question has. Subclasses add their answer key and how to grade."""

    type: ClassVar[str] = ""
    expected: ClassVar[str] = "expected.text"

    id: str
    text: Localized
    points: float = 1.0
    explanation: Localized | None = None
    source_id: str | None = None
    bloom: str | None = None
    #: show the explanation after this many checks even when wrong (None: only when right)
    reveal_after: int | None = 3
    code: str | None = None
    #: per-question salt; set only in a student release, where the key is hashed
    salt: str | None = None
    sealed_explanation: tuple[str, ...] = ()
    #: jupyterquiz presentation keys kept for export (answer_cols, input_width)
    jupyterquiz: Mapping[str, Any] = field(default_factory=dict)

    @property
    def released(self) -> bool:
        return self.salt is not None

    @property
    def max_score(self) -> float:
        return float(self.points)

    @property
    def graded(self) -> bool:
        return True

    def _derive(self, *parts: Any, iterations: int = 0) -> bytes:
        return _keys.derive(self.salt or "", [self.id, *parts], iterations)

    def _verify(self, mark: str | None, *parts: Any) -> bytes | None:
        if mark is None:
            return None
        return _keys.verify(mark, self.salt or "", [self.id, *parts])

    def _solution_key(self, *parts: Any) -> tuple[bytes, ...]:
        return (self._derive("solution", *parts),) if self.released else ()

    def _grade_by_count(
        self, value: tuple[int, ...], found: int, total: int, response: Any, lang: str
    ) -> _Grade:
        """Partial credit by items placed right (order, match): ``found / total`` and the
        ``<type>.found`` message; the solution key opens only when every item is right."""
        correct = found == total
        return _Grade(
            correct=correct,
            fraction=found / total,
            messages=(i18n.t(f"{self.type}.found", lang, found=found, total=total),),
            response=response,
            found=found,
            total=total,
            unlock=self._solution_key(self.type, list(value)) if correct else (),
        )

    # -- the contract ------------------------------------------------------------------

    def normalize(self, response: Any) -> Any:
        """The response in internal form (indices, a float, a stripped string).

        Raises :class:`InvalidResponse`; :meth:`check` turns that into a result.
        """
        raise NotImplementedError

    def _grade(self, value: Any, lang: str) -> _Grade:
        raise NotImplementedError

    def check(self, response: Any, *, attempt: int = 1, lang: str | None = None) -> Result:
        """Grade ``response``; never raises. ``attempt`` counts this question's checks (from 1).

        The result's ``response`` can always be saved (a UTF-8 JSON value): a response that
        could be graded but not saved is refused with a message instead.
        """
        if not isinstance(lang, str) or _normalised(lang) not in i18n.LANGUAGES:
            lang = i18n.get_language()
        try:
            return self._check(response, attempt, lang)
        except Exception as exc:  # noqa: BLE001 - a bug must never reach the student as a traceback
            warnings.warn(
                f"quiz question {self.id!r}: checking {_echo(response)!r} failed: "
                f"{type(exc).__name__}: {_echo(str(exc))}",
                RuntimeWarning,
                stacklevel=2,
            )
            return self._invalid(response, attempt, lang, "invalid.internal")

    def _check(self, response: Any, attempt: int, lang: str) -> Result:
        try:
            grade = self._grade(self.normalize(response), lang)
            saved = _storable(grade.response)
        except InvalidResponse as exc:
            return self._invalid(response, attempt, lang, exc.key, **exc.values)
        if grade.correct is None:
            verdict = i18n.t("result.saved", lang)
        elif grade.correct:
            verdict = i18n.t("result.correct", lang)
        elif grade.fraction > 0:
            verdict = i18n.t("result.partial", lang)
        else:
            verdict = i18n.t("result.incorrect", lang)
        show = grade.correct is not False or (
            self.reveal_after is not None and attempt >= self.reveal_after
        )
        return Result(
            question_id=self.id,
            correct=grade.correct,
            score=round(self.max_score * grade.fraction, 6),
            max_score=self.max_score,
            verdict=verdict,
            message=" ".join(m for m in grade.messages if m),
            explanation=self._explanation(lang, grade.unlock) if show else None,
            valid=True,
            response=saved,
            attempt=attempt,
            found=grade.found,
            total=grade.total,
        )

    def _invalid(self, response: Any, attempt: int, lang: str, key: str, **values: Any) -> Result:
        return Result(
            question_id=self.id,
            correct=None,
            score=0.0,
            max_score=self.max_score,
            verdict=i18n.t("result.invalid", lang),
            message=i18n.t(key, lang, **values),
            valid=False,
            response=_jsonable(response),
            attempt=attempt,
        )

    def _explanation(self, lang: str, keys: Sequence[bytes]) -> str | None:
        if self.explanation is not None:
            return self.explanation.get(lang)
        for token in self.sealed_explanation:
            for key in keys:
                opened = _keys.unseal(token, key, "explanation")
                if isinstance(opened, dict) and opened:
                    return Localized(opened).get(lang)
        return None

    def _feedback(self, plain: Localized | None, sealed: str | None, key: bytes | None, lang: str):
        if plain is not None:
            return plain.get(lang)
        if sealed is not None:
            opened = _keys.unseal(sealed, key, "feedback")
            if isinstance(opened, dict) and opened:
                return Localized(opened).get(lang)
        return ""


def _match_label(value: str, labels: Sequence[Localized]) -> int | None:
    """Index of the label whose text (any language) is ``value``; exact first, then any case."""
    key = _text_key(value)
    for i, label in enumerate(labels):
        if any(_text_key(v) == key for v in label.variants):
            return i
    folded = key.casefold()
    for i, label in enumerate(labels):
        if any(_text_key(v).casefold() == folded for v in label.variants):
            return i
    return None


def _index_of(item: Any, labels: Sequence[Localized], what: str = "expected.choice") -> int:
    """A choice given by its 0-based index or its text."""
    if isinstance(item, bool) or item is None:
        if item is None:
            raise InvalidResponse("invalid.empty")
        raise InvalidResponse("invalid.type", expected=i18n.t(what))
    if isinstance(item, numbers.Integral):
        if 0 <= int(item) < len(labels):
            return int(item)
        raise InvalidResponse("invalid.unknown_choice", choice=_echo(item))
    if isinstance(item, str):
        _check_length(item)
        if not item.strip():
            raise InvalidResponse("invalid.empty")
        found = _match_label(item, labels)
        if found is None:
            raise InvalidResponse("invalid.unknown_choice", choice=_echo(item))
        return found
    raise InvalidResponse("invalid.type", expected=i18n.t(what))


# --------------------------------------------------------------------------- choice questions


@dataclass(frozen=True)
class Choice:
    """One option of a single- or multiple-choice question."""

    text: Localized
    correct: bool | None = False
    feedback: Localized | None = None
    code: bool = False  # show the text as code (jupyterquiz "code" answers)
    mark: str | None = None  # in a student release, instead of ``correct``
    sealed_feedback: str | None = None


@dataclass(frozen=True, kw_only=True)
class _ChoiceQuestion(Question):
    choices: tuple[Choice, ...] = ()
    shuffle: bool = True

    @property
    def labels(self) -> tuple[Localized, ...]:
        return tuple(c.text for c in self.choices)

    def is_correct_choice(self, index: int) -> bool:
        choice = self.choices[index]
        if choice.mark is not None:
            return self._verify(choice.mark, "choice", index, True) is not None
        return bool(choice.correct)

    def correct_indices(self) -> list[int]:
        return [i for i in range(len(self.choices)) if self.is_correct_choice(i)]

    def choice_feedback(self, index: int, lang: str) -> str:
        choice = self.choices[index]
        key = self._derive("choice-feedback", index) if choice.sealed_feedback else None
        return self._feedback(choice.feedback, choice.sealed_feedback, key, lang)


@dataclass(frozen=True, kw_only=True)
class SingleChoice(_ChoiceQuestion):
    """Exactly one correct choice; answer with its text or its 0-based index."""

    type: ClassVar[str] = "single"
    expected: ClassVar[str] = "expected.choice"

    def normalize(self, response: Any) -> int:
        if isinstance(response, list | tuple):
            if len(response) == 0:
                raise InvalidResponse("invalid.empty")
            if len(response) > 1:
                raise InvalidResponse("invalid.one_choice")
            response = response[0]
        return _index_of(response, self.labels)

    def _grade(self, value: int, lang: str) -> _Grade:
        correct = self.is_correct_choice(value)
        return _Grade(
            correct=correct,
            fraction=1.0 if correct else 0.0,
            messages=(self.choice_feedback(value, lang),),
            response=self.choices[value].text.canonical,
            unlock=self._solution_key("choice", value) if correct else (),
        )


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(_ChoiceQuestion):
    """Several correct choices; answer with a list of texts or indices. Partial credit:
    ``points × max(0, found − wrongly selected) / number correct``."""

    type: ClassVar[str] = "multiple"
    expected: ClassVar[str] = "expected.choices"

    def normalize(self, response: Any) -> tuple[int, ...]:
        if response is None:
            raise InvalidResponse("invalid.empty")
        if isinstance(response, str | numbers.Integral) and not isinstance(response, bool):
            response = [response]
        if not isinstance(response, list | tuple | set | frozenset):
            raise InvalidResponse("invalid.type", expected=i18n.t("expected.choices"))
        if len(response) > 4 * len(self.choices):
            raise InvalidResponse("invalid.too_long", length=len(response), limit=len(self.choices))
        selected = sorted({_index_of(item, self.labels, "expected.choices") for item in response})
        if not selected:
            raise InvalidResponse("invalid.empty")
        return tuple(selected)

    def _grade(self, value: tuple[int, ...], lang: str) -> _Grade:
        right = set(self.correct_indices())
        chosen = set(value)
        found, wrong, total = len(chosen & right), len(chosen - right), len(right)
        correct = found == total and wrong == 0
        messages = [i18n.t("multiple.found", lang, found=found, total=total)]
        if wrong:
            messages.append(i18n.t("multiple.wrong", lang, count=wrong))
        # feedback of the wrongly chosen first: that is what the student needs to read
        for index in sorted(chosen - right) + sorted(chosen & right):
            messages.append(self.choice_feedback(index, lang))
        return _Grade(
            correct=correct,
            fraction=max(0, found - wrong) / total if total else 0.0,
            messages=tuple(messages),
            response=[self.choices[i].text.canonical for i in value],
            found=found,
            total=total,
            unlock=self._solution_key("choices", list(value)) if correct else (),
        )


# --------------------------------------------------------------------------- numeric


@dataclass(frozen=True)
class NumericAnswer:
    """One entry of a numeric question's ordered answer list.

    ``kind`` is ``"value"`` (exact, or within ``tolerance`` / ``rel_tolerance``, both ends
    included) or ``"range"`` (``low <= x < high``, half-open as in jupyterquiz).
    """

    kind: str
    correct: bool
    value: float | None = None
    low: float | None = None
    high: float | None = None
    tolerance: float | None = None
    rel_tolerance: float | None = None
    feedback: Localized | None = None
    mark: str | None = None  # in a student release, instead of ``value``
    sealed_feedback: str | None = None

    @property
    def has_tolerance(self) -> bool:
        return bool(self.tolerance) or bool(self.rel_tolerance)

    def half_width(self) -> float:
        """How far from ``value`` this answer accepts: the larger of its two tolerances."""
        return max(self.tolerance or 0.0, abs(float(self.value)) * (self.rel_tolerance or 0.0))

    def interval(self) -> tuple[float, float, bool]:
        """``(low, high, high_included)``: the numbers this answer matches (not exact values)."""
        if self.kind == "range":
            return float(self.low), float(self.high), False
        value = float(self.value)
        width = self.half_width()
        low, high = value - width, value + width
        return low - _slack(low), high + _slack(high), True


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    """A number, checked against an ordered answer list (first match wins)."""

    type: ClassVar[str] = "numeric"
    expected: ClassVar[str] = "expected.number"

    answers: tuple[NumericAnswer, ...] = ()
    precision: int | None = None  # significant digits, as jupyterquiz
    default_feedback: Localized | None = None

    def normalize(self, response: Any) -> tuple[Any, float]:
        if response is None:
            raise InvalidResponse("invalid.empty")
        if isinstance(response, str):
            _check_length(response)
        return (response.strip() if isinstance(response, str) else response), parse_number(response)

    def _grade(self, value: tuple[Any, float], lang: str) -> _Grade:
        typed, number = value
        x = round_significant(number, self.precision) if self.precision else number
        for index, answer in enumerate(self.answers):
            key = None
            if answer.kind == "value" and not answer.has_tolerance:
                if answer.mark is not None:
                    key = self._verify(answer.mark, "value", index, canonical_number(x))
                    hit = key is not None
                else:
                    target = float(answer.value)
                    if self.precision:
                        target = round_significant(target, self.precision)
                    hit = x == target
            else:
                low, high, closed = answer.interval()
                hit = low <= x <= high if closed else low <= x < high
            if hit:
                feedback = self._feedback(answer.feedback, answer.sealed_feedback, key, lang)
                return _Grade(
                    correct=bool(answer.correct),
                    fraction=1.0 if answer.correct else 0.0,
                    messages=(feedback,),
                    response=typed,
                    unlock=(key,) if key is not None and answer.correct else (),
                )
        fallback = self.default_feedback.get(lang) if self.default_feedback else ""
        return _Grade(correct=False, fraction=0.0, messages=(fallback,), response=typed)


# --------------------------------------------------------------------------- short text


@dataclass(frozen=True)
class TextAnswer:
    """One accepted (or anticipated wrong) short answer."""

    answer: str | None
    correct: bool
    feedback: Localized | None = None
    match_case: bool = False
    fuzzy_threshold: float | None = None
    mark: str | None = None  # in a student release, instead of ``answer``
    sealed_feedback: str | None = None


def text_norm(value: str, match_case: bool) -> str:
    """How a short answer is compared: trimmed, NFC, lower-cased unless ``match_case``."""
    value = _text_key(value)
    return value if match_case else value.lower()


@dataclass(frozen=True, kw_only=True)
class ShortText(Question):
    """A short answer, case-insensitive unless told, optionally fuzzy (jupyterquiz "string")."""

    type: ClassVar[str] = "text"

    answers: tuple[TextAnswer, ...] = ()
    default_feedback: Localized | None = None

    def normalize(self, response: Any) -> str:
        if response is None:
            raise InvalidResponse("invalid.empty")
        if not isinstance(response, str):
            raise InvalidResponse("invalid.type", expected=i18n.t("expected.text"))
        _check_text(response)
        value = _text_key(response)
        if not value:
            raise InvalidResponse("invalid.empty")
        return value

    def _grade(self, value: str, lang: str) -> _Grade:
        for index, answer in enumerate(self.answers):
            key = None
            fuzzy = False
            if answer.mark is not None:
                key = self._verify(answer.mark, "text", index, text_norm(value, answer.match_case))
                hit = key is not None
            else:
                hit = text_norm(value, answer.match_case) == text_norm(
                    answer.answer, answer.match_case
                )
                if not hit and answer.fuzzy_threshold:
                    hit = fuzzy = (
                        similarity(
                            text_norm(value, answer.match_case),
                            text_norm(answer.answer, answer.match_case),
                        )
                        >= answer.fuzzy_threshold
                    )
            if hit:
                messages = [self._feedback(answer.feedback, answer.sealed_feedback, key, lang)]
                if fuzzy:
                    messages.insert(0, i18n.t("text.fuzzy", lang))
                return _Grade(
                    correct=bool(answer.correct),
                    fraction=1.0 if answer.correct else 0.0,
                    messages=tuple(messages),
                    response=value,
                    unlock=(key,) if key is not None and answer.correct else (),
                )
        fallback = self.default_feedback.get(lang) if self.default_feedback else ""
        return _Grade(correct=False, fraction=0.0, messages=(fallback,), response=value)


# --------------------------------------------------------------------------- order


def _sequence(response: Any, what: str, limit: int) -> list[Any]:
    """The response as a list, refused before copying when it is longer than ``limit``."""
    if response is None:
        raise InvalidResponse("invalid.empty")
    if isinstance(response, str | bytes) or not isinstance(response, Sequence):
        raise InvalidResponse("invalid.type", expected=i18n.t(what))
    if len(response) > limit:  # range(10**9) is a Sequence too
        raise InvalidResponse("invalid.too_long", length=len(response), limit=limit // 4)
    return list(response)


@dataclass(frozen=True, kw_only=True)
class Order(Question):
    """Put items in order (e.g. a chronology). Partial credit per item in the right place.

    ``items`` are stored in the correct order, except in a student release, where they are
    shuffled and ``marks`` say which position each belongs to.
    """

    type: ClassVar[str] = "order"
    expected: ClassVar[str] = "expected.sequence"

    items: tuple[Localized, ...] = ()
    marks: tuple[str, ...] | None = None

    def normalize(self, response: Any) -> tuple[int, ...]:
        n = len(self.items)
        values = _sequence(response, "expected.sequence", 4 * n)
        indices = [
            None if v is None else _index_of(v, self.items, "expected.sequence") for v in values
        ]
        placed = {i for i in indices if i is not None}
        if len(values) != n or None in indices or len(placed) != n:
            raise InvalidResponse("invalid.order", placed=len(placed), total=n)
        return tuple(indices)

    def in_place(self, item: int, position: int) -> bool:
        if self.marks is not None:
            return self._verify(self.marks[item], "order", item, position) is not None
        return item == position

    def _grade(self, value: tuple[int, ...], lang: str) -> _Grade:
        found = sum(self.in_place(item, position) for position, item in enumerate(value))
        response = [self.items[i].canonical for i in value]
        return self._grade_by_count(value, found, len(self.items), response, lang)


# --------------------------------------------------------------------------- match


@dataclass(frozen=True, kw_only=True)
class Match(Question):
    """Pair each item on the left with one option (options may serve several items).

    ``answer[i]`` is the index in ``options`` of the right match for ``lefts[i]``; in a student
    release it is None and ``marks[i]`` stands for it.
    """

    type: ClassVar[str] = "match"
    expected: ClassVar[str] = "expected.pairs"

    lefts: tuple[Localized, ...] = ()
    options: tuple[Localized, ...] = ()
    answer: tuple[int, ...] | None = None
    marks: tuple[str, ...] | None = None

    def normalize(self, response: Any) -> tuple[int, ...]:
        n = len(self.lefts)
        if response is None:
            raise InvalidResponse("invalid.empty")
        chosen: list[int | None] = [None] * n
        if isinstance(response, Mapping):
            if len(response) > 4 * n:
                raise InvalidResponse("invalid.too_long", length=len(response), limit=n)
            for left, option in response.items():
                i = _index_of(left, self.lefts, "expected.pairs")
                chosen[i] = (
                    None if option is None else _index_of(option, self.options, "expected.pairs")
                )
        else:
            values = _sequence(response, "expected.pairs", 4 * n)
            if len(values) != n:
                matched = sum(v is not None for v in values[:n])
                raise InvalidResponse("invalid.match", matched=matched, total=n)
            chosen = [
                None if v is None else _index_of(v, self.options, "expected.pairs") for v in values
            ]
        if None in chosen:
            matched = sum(c is not None for c in chosen)
            raise InvalidResponse("invalid.match", matched=matched, total=n)
        return tuple(chosen)  # type: ignore[arg-type]

    def is_pair(self, left: int, option: int) -> bool:
        if self.marks is not None:
            return self._verify(self.marks[left], "match", left, option) is not None
        return self.answer is not None and self.answer[left] == option

    def _grade(self, value: tuple[int, ...], lang: str) -> _Grade:
        found = sum(self.is_pair(i, j) for i, j in enumerate(value))
        response = {self.lefts[i].canonical: self.options[j].canonical for i, j in enumerate(value)}
        return self._grade_by_count(value, found, len(self.lefts), response, lang)


# --------------------------------------------------------------------------- reflection


@dataclass(frozen=True, kw_only=True)
class Reflection(Question):
    """Free text, not graded, saved. The explanation (a model answer) shows after saving."""

    type: ClassVar[str] = "reflection"

    max_chars: int = MAX_REFLECTION_CHARS

    @property
    def max_score(self) -> float:
        return 0.0

    @property
    def graded(self) -> bool:
        return False

    def normalize(self, response: Any) -> str:
        if response is None:
            raise InvalidResponse("invalid.empty")
        if not isinstance(response, str):
            raise InvalidResponse("invalid.type", expected=i18n.t("expected.text"))
        _check_text(response, self.max_chars)
        value = response.strip()
        if not value:
            raise InvalidResponse("invalid.empty")
        return value

    def _grade(self, value: str, lang: str) -> _Grade:
        return _Grade(
            correct=None, fraction=0.0, messages=(i18n.t("reflection.saved", lang),), response=value
        )


QUESTION_CLASSES: dict[str, type[Question]] = {
    cls.type: cls
    for cls in (SingleChoice, MultipleChoice, Numeric, Order, Match, ShortText, Reflection)
}


# --------------------------------------------------------------------------- quiz


@dataclass(frozen=True)
class Quiz:
    """An ordered set of questions with a stable id (the quiz file's stem)."""

    id: str
    questions: tuple[Question, ...]
    title: Localized | None = None
    source: str | None = None  # the file it was read from, for messages

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"quiz {self.id!r}: duplicate question id {question.id!r}")
            seen.add(question.id)

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __getitem__(self, key: str | int) -> Question:
        if isinstance(key, int):
            return self.questions[key]
        for question in self.questions:
            if question.id == key:
                return question
        raise KeyError(f"quiz {self.id!r} has no question {key!r}")

    def __contains__(self, key: object) -> bool:
        return any(q.id == key for q in self.questions)

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    @property
    def max_score(self) -> float:
        return sum(q.max_score for q in self.questions)

    @property
    def released(self) -> bool:
        return any(q.released for q in self.questions)

    def check(self, question_id: str, response: Any, **kwargs: Any) -> Result:
        return self[question_id].check(response, **kwargs)

    def __repr__(self) -> str:
        points = i18n.format_number(self.max_score, "en")
        return f"Quiz({self.id!r}, {len(self)} questions, {points} points)"


# --------------------------------------------------------------------------- from the case data


def _filled(value: Any) -> bool:
    return value is not None and value == value and str(value).strip() != ""  # NaN != NaN


def order_from_events(
    events: Any,
    *,
    id: str,
    text: str | Mapping[str, str] = "Put these events in chronological order.",
    ids: Iterable[str] | None = None,
    label: str | Mapping[str, str] | None = None,
    date: str = "date",
    key: str = "id",
    source: str | None = "source_id",
    points: float = 1.0,
    bloom: str = "remember",
) -> Order:
    """An :class:`Order` question from rows of the ``events`` table, sorted by date.

    ``events`` is a DataFrame (``casestudy.load("events")``) or a list of mappings; ``ids``
    picks rows by ``key``; ``label`` is the text column or ``{"en": col, "fr": col}`` (default:
    the events table's ``title_en`` and ``title_fr``). Two events on the same date make the
    order ambiguous, so they raise ``ValueError``. The ``source_id`` is the first row's.
    """
    rows = events.to_dict("records") if hasattr(events, "to_dict") else [dict(r) for r in events]
    if ids is not None:
        wanted = list(ids)
        by_key = {str(r.get(key)): r for r in rows}
        missing = [i for i in wanted if i not in by_key]
        if missing:
            raise ValueError(f"order_from_events: no event with {key} {missing}")
        rows = [by_key[i] for i in wanted]
    if len(rows) < 2:
        raise ValueError("order_from_events: an order question needs at least two events")
    if label is None:
        label = {"en": "title_en", "fr": "title_fr"}
    columns = {"en": label} if isinstance(label, str) else dict(label)
    rows = sorted(rows, key=lambda r: str(r[date]))
    dates = [str(r[date]) for r in rows]
    if len(set(dates)) != len(dates):
        raise ValueError(f"order_from_events: two events share a date ({sorted(dates)})")
    items = []
    for row in rows:
        texts = {lang: str(row[col]) for lang, col in columns.items() if _filled(row.get(col))}
        if not texts:
            raise ValueError(f"order_from_events: event {row.get(key)!r} has no {label} text")
        items.append(Localized(texts))
    source_id = rows[0].get(source) if source else None
    return Order(
        id=id,
        text=Localized(text),
        items=tuple(items),
        points=points,
        bloom=bloom,
        source_id=str(source_id) if source_id else None,
    )


__all__ = [  # the names of typed.py are re-exported so that imports from model keep working
    "BLOOM_LEVELS",
    "MAX_REFLECTION_CHARS",
    "MAX_RESPONSE_CHARS",
    "QUESTION_CLASSES",
    "QUESTION_TYPES",
    "Choice",
    "InvalidResponse",
    "Localized",
    "Match",
    "MultipleChoice",
    "Numeric",
    "NumericAnswer",
    "Order",
    "Question",
    "Quiz",
    "Reflection",
    "Result",
    "ShortText",
    "SingleChoice",
    "TextAnswer",
    "canonical_number",
    "levenshtein",
    "order_from_events",
    "parse_number",
    "round_significant",
    "seeded_order",
    "similarity",
    "text_norm",
]
