"""Quiz validation: parsed YAML/JSON data in, model objects out, every problem collected.

:class:`Reader` checks one field at a time and records a :class:`Problem` (file, question id,
field, message) for each mistake instead of stopping at the first; :func:`quiz_from_dict` raises
one :class:`QuizFormatError` listing them all. Each question type has one builder here (see
``BUILDERS``). Reading files is :mod:`casestudy.quiz.files`; writing YAML is
:mod:`casestudy.quiz.writer`. Only finite numbers are accepted: ``points: .inf`` or an infinite
tolerance would grade but never save.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from casestudy import i18n

from .errors import Problem, QuizFormatError, describe
from .model import (
    BLOOM_LEVELS,
    QUESTION_TYPES,
    Choice,
    Localized,
    Match,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Order,
    Question,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
    TextAnswer,
    _text_key,
    order_from_events,
)
from .typed import InvalidResponse, parse_number, similarity

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}")
_LANG_KEYS = i18n.LANGUAGES
_BLOOM_ALIASES = {"analyse": "analyze"}

_COMMON = {"id", "type", "text", "points", "explanation", "source_id", "bloom", "reveal_after"}
_COMMON |= {"code", "jupyterquiz", "salt", "explanation_sealed"}
_BY_TYPE = {
    "single": {"choices", "shuffle"},
    "multiple": {"choices", "shuffle"},
    "numeric": {"answer", "answers", "tolerance", "rel_tolerance", "precision", "default_feedback"},
    "text": {"answer", "answers", "match_case", "fuzzy_threshold", "default_feedback"},
    "order": {"items", "events", "marks"},
    "match": {"pairs", "options", "distractors"},
    "reflection": {"max_chars"},
}
_LOCALIZED = {"text", "explanation", "default_feedback", "feedback", "left", "right", "title"}


class _Invalid(Exception):
    """One problem in the field being read; the reader records it and moves on."""


class Reader:
    """Turns parsed YAML/JSON data into model objects, collecting every problem."""

    def __init__(self, file: str | None, lang: str = "en", sources: set[str] | None = None):
        self.file = file
        self.lang = lang
        self.sources = sources
        self.problems: list[Problem] = []

    # -- small typed getters -------------------------------------------------------------

    def problem(self, question: str | None, field: str | None, message: str) -> None:
        message = _short(message, 300)  # e.g. an exception's text that quotes a value
        self.problems.append(Problem(self.file, _short(question), _short(field), message))

    def fail(self, question: str | None, field: str | None, message: str) -> _Invalid:
        self.problem(question, field, message)
        return _Invalid(message)

    def number(self, value: Any, qid: str, field: str, *, bound: bool = False) -> float:
        """A finite number; ``bound=True`` (a range's end) also allows ``.inf`` / ``-.inf``."""
        if isinstance(value, bool) or value is None:
            raise self.fail(qid, field, f"expected a number, got {describe(value)}")
        if isinstance(value, int | float):
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            if math.isnan(number) or not (bound or math.isfinite(number)):
                raise self.fail(qid, field, f"expected a finite number, got {describe(value)}")
            return number
        if isinstance(value, str):  # YAML reads 1e3 as text; accept what a student could type
            try:
                return parse_number(value)
            except InvalidResponse:
                pass
        raise self.fail(qid, field, f"expected a number, got {describe(value)}")

    def boolean(self, value: Any, qid: str, field: str) -> bool:
        if isinstance(value, bool):
            return value
        raise self.fail(qid, field, f"expected true or false, got {describe(value)}")

    def string(self, value: Any, qid: str, field: str, *, empty: bool = False) -> str:
        if isinstance(value, str) and (empty or value.strip()):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # "2021" written without quotes
        raise self.fail(qid, field, f"expected a text, got {describe(value)}")

    def localized(
        self,
        data: Mapping[str, Any],
        key: str,
        qid: str,
        where: str = "",
        *,
        required: bool = False,
        empty: bool = False,
    ) -> Localized | None:
        """``key`` (a text, or ``{en: ..., fr: ...}``) plus ``key_fr`` / ``key_en`` siblings."""
        texts: dict[str, str] = {}
        field = f"{where}{key}"
        base = data.get(key)
        if isinstance(base, Mapping):
            for lang, value in base.items():
                if lang not in _LANG_KEYS:
                    raise self.fail(
                        qid,
                        field,
                        f"unknown language {describe(lang)}; use one of {list(_LANG_KEYS)}",
                    )
                texts[lang] = self.string(value, qid, f"{field}.{lang}", empty=empty)
        elif base is not None:
            texts[self.lang] = self.string(base, qid, field, empty=empty)
        for lang in _LANG_KEYS:
            value = data.get(f"{key}_{lang}")
            if value is not None:
                texts[lang] = self.string(value, qid, f"{field}_{lang}", empty=empty)
        if not texts:
            if required:
                raise self.fail(qid, field, "missing (required)")
            return None
        return Localized(texts)

    def known_keys(self, data: Mapping[str, Any], allowed: set[str], qid: str, where: str = ""):
        expanded = set(allowed)
        for key in allowed & (_LOCALIZED | {"text"}):
            expanded |= {f"{key}_{lang}" for lang in _LANG_KEYS}
        for key in data:
            if key not in expanded:
                hint = ""
                close = [k for k in sorted(expanded) if _similar(str(key), k)]
                if close:
                    hint = f" (did you mean '{close[0]}'?)"
                self.problem(qid, f"{where}{key}", f"unknown field{hint}")

    # -- questions -----------------------------------------------------------------------

    def question(self, data: Any, position: int, seen: set[str]) -> Question | None:
        label = f"#{position + 1}"
        if not isinstance(data, Mapping):
            self.problem(label, None, f"expected a mapping of fields, got {describe(data)}")
            return None
        qid = data.get("id")
        if not isinstance(qid, str) or not ID_PATTERN.fullmatch(qid):
            self.problem(
                label,
                "id",
                f"expected an id of letters, digits and - _ . : (max 80), got {describe(qid)}",
            )
            return None
        if qid in seen:
            self.problem(qid, "id", "duplicate id (each question needs its own)")
            return None
        seen.add(qid)
        kind = data.get("type")
        if kind not in QUESTION_TYPES:
            self.problem(
                qid, "type", f"unknown type {describe(kind)}; use one of {list(QUESTION_TYPES)}"
            )
            return None
        before = len(self.problems)
        self.known_keys(data, _COMMON | _BY_TYPE[kind], qid)
        try:
            common = self.common(data, qid, kind)
            question = BUILDERS[kind](self, data, qid, common)
        except _Invalid:
            return None
        return question if len(self.problems) == before else None

    def common(self, data: Mapping[str, Any], qid: str, kind: str) -> dict[str, Any]:
        """The fields every question type shares, checked."""
        out: dict[str, Any] = {"id": qid}
        out["text"] = self.localized(data, "text", qid, required=True, empty=True)
        if "points" in data:
            out["points"] = self.points(data["points"], qid, kind)
        if kind == "reflection":
            out["points"] = 0.0
        out["explanation"] = self.localized(data, "explanation", qid)
        if data.get("source_id") is not None:
            out["source_id"] = self.source(data["source_id"], qid)
        if data.get("bloom") is not None:
            out["bloom"] = self.bloom(data["bloom"], qid)
        if "reveal_after" in data:
            out["reveal_after"] = self.reveal_after(data["reveal_after"], qid)
        out.update(self.extras(data, qid))
        return out

    def points(self, value: Any, qid: str, kind: str) -> float:
        points = self.number(value, qid, "points")
        if kind != "reflection" and not points > 0:
            raise self.fail(qid, "points", f"expected a positive number, got {describe(value)}")
        return points

    def source(self, value: Any, qid: str) -> str:
        source = self.string(value, qid, "source_id")
        if self.sources is not None and source not in self.sources:
            raise self.fail(qid, "source_id", f"{describe(source)} is not an id in sources.csv")
        return source

    def bloom(self, value: Any, qid: str) -> str:
        bloom = str(value).strip().lower() if isinstance(value, str) else ""
        bloom = _BLOOM_ALIASES.get(bloom, bloom)
        if bloom not in BLOOM_LEVELS:
            raise self.fail(
                qid, "bloom", f"expected one of {list(BLOOM_LEVELS)}, got {describe(value)}"
            )
        return bloom

    def reveal_after(self, value: Any, qid: str) -> int | None:
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 1
        ):
            raise self.fail(
                qid,
                "reveal_after",
                f"expected a whole number of tries (1 or more) or null, got {describe(value)}",
            )
        return value

    def extras(self, data: Mapping[str, Any], qid: str) -> dict[str, Any]:
        """Code, jupyterquiz presentation keys and the sealed parts of a student release."""
        out: dict[str, Any] = {}
        if data.get("code") is not None:
            out["code"] = self.string(data["code"], qid, "code")
        if data.get("jupyterquiz") is not None:
            extra = data["jupyterquiz"]
            if not isinstance(extra, Mapping):
                raise self.fail(qid, "jupyterquiz", "expected a mapping (answer_cols, input_width)")
            out["jupyterquiz"] = dict(extra)
        if data.get("salt") is not None:
            out["salt"] = self.string(data["salt"], qid, "salt")
        sealed = data.get("explanation_sealed")
        if sealed is not None:
            if not isinstance(sealed, list) or not all(isinstance(s, str) for s in sealed):
                raise self.fail(qid, "explanation_sealed", "expected a list of sealed texts")
            out["sealed_explanation"] = tuple(sealed)
        return out

    def released_field(self, data: Mapping[str, Any], key: str, qid: str, field: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        return self.string(value, qid, field)

    def mark(
        self, item: Mapping[str, Any], qid: str, where: str, salt: str | None, what: str
    ) -> str | None:
        """The hashed key of a released ``what`` (choice, answer, pair): it needs the salt."""
        mark = self.released_field(item, "mark", qid, f"{where}mark")
        if mark is not None and salt is None:
            raise self.fail(qid, f"{where}mark", f"a hashed {what} needs the question's 'salt'")
        return mark


def _short(name: str | None, limit: int = 80) -> str | None:
    """A question id or field name as a message shows it (a hostile key can be 100 KB)."""
    if name is None or len(name) <= limit:
        return name
    return name[: limit - 3] + "..."


def _similar(a: str, b: str) -> bool:
    if len(a) > 100:  # no edit distance on a pasted paragraph
        return False
    return similarity(a.lower(), b.lower()) >= 0.75


# --------------------------------------------------------------------------- per type


def _choices(r: Reader, data: Mapping[str, Any], qid: str, common: dict, cls: type) -> Question:
    raw = data.get("choices")
    if not isinstance(raw, list) or len(raw) < 2:
        raise r.fail(qid, "choices", f"expected a list of at least 2 choices, got {describe(raw)}")
    salt = common.get("salt")
    choices = []
    for i, item in enumerate(raw):
        where = f"choices[{i}]."
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            item = {"text": str(item)}
        if not isinstance(item, Mapping):
            raise r.fail(
                qid, f"choices[{i}]", f"expected a text or a mapping, got {describe(item)}"
            )
        r.known_keys(
            item, {"text", "correct", "feedback", "code", "mark", "feedback_sealed"}, qid, where
        )
        text = r.localized(item, "text", qid, where, required=True)
        mark = r.mark(item, qid, where, salt, "choice")
        correct = (
            None
            if mark is not None
            else r.boolean(item.get("correct", False), qid, f"{where}correct")
        )
        choices.append(
            Choice(
                text=text,
                correct=correct,
                feedback=r.localized(item, "feedback", qid, where),
                code=r.boolean(item.get("code", False), qid, f"{where}code"),
                mark=mark,
                sealed_feedback=r.released_field(
                    item, "feedback_sealed", qid, f"{where}feedback_sealed"
                ),
            )
        )
    keys = [_text_key(c.text.canonical).casefold() for c in choices]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            raise r.fail(qid, f"choices[{i}].text", "two choices have the same text")
    shuffle = r.boolean(data.get("shuffle", True), qid, "shuffle")
    question = cls(**common, choices=tuple(choices), shuffle=shuffle)
    if salt is None:
        n_correct = sum(bool(c.correct) for c in choices)
        if n_correct == 0:
            raise r.fail(qid, "choices", "missing correct answer (mark one choice 'correct: true')")
        if cls is SingleChoice and n_correct > 1:
            raise r.fail(
                qid,
                "choices",
                f"type 'single' has {n_correct} correct choices; use type 'multiple'",
            )
        if cls is MultipleChoice and n_correct < 2:
            raise r.fail(
                qid,
                "choices",
                "type 'multiple' needs at least 2 correct choices (jupyterquiz decides single or "
                "many by the count); use type 'single'",
            )
    return question


def _single(r: Reader, data, qid, common) -> Question:
    return _choices(r, data, qid, common, SingleChoice)


def _multiple(r: Reader, data, qid, common) -> Question:
    return _choices(r, data, qid, common, MultipleChoice)


def _tolerances(r: Reader, data: Mapping[str, Any], qid: str, where: str) -> dict[str, float]:
    out = {}
    for key in ("tolerance", "rel_tolerance"):
        if data.get(key) is not None:
            value = r.number(data[key], qid, f"{where}{key}")
            if value < 0:
                raise r.fail(qid, f"{where}{key}", f"expected 0 or more, got {describe(data[key])}")
            out[key] = value
    return out


def _precision(r: Reader, data: Mapping[str, Any], qid: str) -> int | None:
    precision = data.get("precision")
    if precision is not None and (
        isinstance(precision, bool) or not isinstance(precision, int) or not 1 <= precision <= 21
    ):
        raise r.fail(
            qid,
            "precision",
            f"expected significant digits from 1 to 21, got {describe(precision)}",
        )
    return precision


_NUMERIC_ANSWER_KEYS = {"type", "value", "range", "correct", "feedback", "tolerance"}
_NUMERIC_ANSWER_KEYS |= {"rel_tolerance", "mark", "feedback_sealed"}


def _range(r: Reader, bounds: Any, qid: str, field: str) -> tuple[float, float]:
    if not isinstance(bounds, list | tuple) or len(bounds) != 2:
        raise r.fail(qid, field, f"expected [low, high], got {describe(bounds)}")
    low = r.number(bounds[0], qid, field, bound=True)
    high = r.number(bounds[1], qid, field, bound=True)
    if not low < high:
        raise r.fail(
            qid, field, f"expected low < high (half-open [low, high)), got {describe(bounds)}"
        )
    return low, high


def _numeric_answer(
    r: Reader, item: Mapping[str, Any], qid: str, where: str, salt: str | None, shared: dict
) -> NumericAnswer:
    """One entry of ``answers`` that is not the default: a mark, a value or a range."""
    feedback = r.localized(item, "feedback", qid, where)
    sealed = r.released_field(item, "feedback_sealed", qid, f"{where}feedback_sealed")
    if "correct" not in item:
        raise r.fail(qid, f"{where}correct", "missing (required: true or false)")
    found = {"correct": r.boolean(item["correct"], qid, f"{where}correct")}
    found.update(feedback=feedback, sealed_feedback=sealed)
    mark = r.mark(item, qid, where, salt, "answer")
    if mark is not None:
        return NumericAnswer(kind="value", mark=mark, **found)
    if "value" in item:
        value = r.number(item["value"], qid, f"{where}value")
        tol = {**shared, **_tolerances(r, item, qid, where)}
        return NumericAnswer(kind="value", value=value, **found, **tol)
    if "range" in item:
        low, high = _range(r, item["range"], qid, f"{where}range")
        return NumericAnswer(kind="range", low=low, high=high, **found)
    raise r.fail(qid, where.rstrip("."), "expected 'value', 'range' or 'type: default'")


def _numeric(r: Reader, data, qid, common) -> Question:
    shared = _tolerances(r, data, qid, "")
    precision = _precision(r, data, qid)
    default = r.localized(data, "default_feedback", qid)
    answers: list[NumericAnswer] = []
    if "answer" in data and "answers" in data:
        raise r.fail(
            qid, "answer", "give either 'answer' (one number) or 'answers' (a list), not both"
        )
    if "answer" in data:
        value = r.number(data["answer"], qid, "answer")
        answers.append(NumericAnswer(kind="value", correct=True, value=value, **shared))
    elif isinstance(data.get("answers"), list) and data["answers"]:
        for i, item in enumerate(data["answers"]):
            where = f"answers[{i}]."
            if not isinstance(item, Mapping):
                raise r.fail(qid, f"answers[{i}]", f"expected a mapping, got {describe(item)}")
            r.known_keys(item, _NUMERIC_ANSWER_KEYS, qid, where)
            kind = item.get("type")
            if kind not in (None, "value", "range", "default"):
                raise r.fail(
                    qid, f"{where}type", f"expected value, range or default, got {describe(kind)}"
                )
            if kind == "default":
                default = r.localized(item, "feedback", qid, where, required=True, empty=True)
                continue
            answers.append(_numeric_answer(r, item, qid, where, common.get("salt"), shared))
    else:
        raise r.fail(qid, "answer", "missing correct answer (give 'answer' or a list of 'answers')")
    if not any(a.correct for a in answers):
        raise r.fail(qid, "answers", "missing correct answer (no answer has 'correct: true')")
    return Numeric(**common, answers=tuple(answers), precision=precision, default_feedback=default)


def _text(r: Reader, data, qid, common) -> Question:
    salt = common.get("salt")
    match_case = r.boolean(data.get("match_case", False), qid, "match_case")
    fuzzy = _threshold(r, data.get("fuzzy_threshold"), qid, "fuzzy_threshold")
    default = r.localized(data, "default_feedback", qid)
    answers: list[TextAnswer] = []
    if "answer" in data and "answers" in data:
        raise r.fail(qid, "answer", "give either 'answer' or 'answers', not both")
    if "answer" in data:
        raw = data["answer"] if isinstance(data["answer"], list) else [data["answer"]]
        if not raw:
            raise r.fail(qid, "answer", "missing correct answer")
        for i, item in enumerate(raw):
            text = _text_key(r.string(item, qid, f"answer[{i}]" if len(raw) > 1 else "answer"))
            answers.append(
                TextAnswer(answer=text, correct=True, match_case=match_case, fuzzy_threshold=fuzzy)
            )
    elif isinstance(data.get("answers"), list) and data["answers"]:
        for i, item in enumerate(data["answers"]):
            where = f"answers[{i}]."
            if not isinstance(item, Mapping):
                raise r.fail(qid, f"answers[{i}]", f"expected a mapping, got {describe(item)}")
            allowed = {"type", "answer", "correct", "feedback", "match_case", "fuzzy_threshold"}
            r.known_keys(item, allowed | {"mark", "feedback_sealed"}, qid, where)
            if item.get("type") == "default":
                default = r.localized(item, "feedback", qid, where, required=True, empty=True)
                continue
            if "correct" not in item:
                raise r.fail(qid, f"{where}correct", "missing (required: true or false)")
            mark = r.mark(item, qid, where, salt, "answer")
            text = (
                None
                if mark is not None
                else _text_key(r.string(item.get("answer"), qid, f"{where}answer"))
            )
            answers.append(
                TextAnswer(
                    answer=text,
                    correct=r.boolean(item["correct"], qid, f"{where}correct"),
                    feedback=r.localized(item, "feedback", qid, where),
                    match_case=r.boolean(
                        item.get("match_case", match_case), qid, f"{where}match_case"
                    ),
                    fuzzy_threshold=_threshold(
                        r, item.get("fuzzy_threshold", fuzzy), qid, f"{where}fuzzy_threshold"
                    ),
                    mark=mark,
                    sealed_feedback=r.released_field(
                        item, "feedback_sealed", qid, f"{where}feedback_sealed"
                    ),
                )
            )
    else:
        raise r.fail(qid, "answer", "missing correct answer (give 'answer' or a list of 'answers')")
    if not any(a.correct for a in answers):
        raise r.fail(qid, "answers", "missing correct answer (no answer has 'correct: true')")
    return ShortText(**common, answers=tuple(answers), default_feedback=default)


def _threshold(r: Reader, value: Any, qid: str, field: str) -> float | None:
    if value is None:
        return None
    number = r.number(value, qid, field)
    if not 0 < number <= 1:
        raise r.fail(qid, field, f"expected a similarity between 0 and 1, got {describe(value)}")
    return number


def _labels(r: Reader, raw: Any, qid: str, field: str, key: str = "text", minimum: int = 2):
    if not isinstance(raw, list) or len(raw) < minimum:
        raise r.fail(qid, field, f"expected a list of at least {minimum}, got {describe(raw)}")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            item = {key: str(item)}
        if not isinstance(item, Mapping):
            raise r.fail(
                qid, f"{field}[{i}]", f"expected a text or a mapping, got {describe(item)}"
            )
        r.known_keys(item, {key}, qid, f"{field}[{i}].")
        out.append(r.localized(item, key, qid, f"{field}[{i}].", required=True))
    keys = [_text_key(t.canonical).casefold() for t in out]
    for i, k in enumerate(keys):
        if k in keys[:i]:
            raise r.fail(qid, f"{field}[{i}]", "two entries have the same text")
    return tuple(out)


def _order(r: Reader, data, qid, common) -> Question:
    if data.get("events") is not None:
        if data.get("items") is not None:
            raise r.fail(qid, "events", "give either 'items' or 'events', not both")
        return _order_from_events(r, data, qid, common)
    items = _labels(r, data.get("items"), qid, "items")
    marks = data.get("marks")
    if marks is not None:
        if common.get("salt") is None:
            raise r.fail(qid, "marks", "hashed positions need the question's 'salt'")
        if (
            not isinstance(marks, list)
            or len(marks) != len(items)
            or not all(isinstance(m, str) for m in marks)
        ):
            raise r.fail(qid, "marks", "expected one mark per item")
        marks = tuple(marks)
    return Order(**common, items=items, marks=marks)


def _order_from_events(r: Reader, data, qid, common) -> Question:
    """``events: [ev-001, ev-004, ...]``: items and their order come from the events table."""
    ids = data["events"]
    if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(i, str) for i in ids):
        raise r.fail(qid, "events", f"expected a list of at least 2 event ids, got {describe(ids)}")
    from casestudy.data import CaseDataError, load

    try:
        events = load("events")
    except (CaseDataError, OSError) as exc:
        raise r.fail(qid, "events", f"needs the case data's events table ({exc})") from None
    try:
        built = order_from_events(events, id=qid, ids=ids)
    except (ValueError, KeyError) as exc:
        raise r.fail(qid, "events", str(exc)) from None
    common = {**common}
    common.setdefault("source_id", built.source_id)
    return Order(**common, items=built.items)


def _folded(text: Localized) -> str:
    return _text_key(text.canonical).casefold()


def _right_index(r: Reader, item, qid: str, where: str, options: list, explicit: bool) -> int:
    """Index in ``options`` of a pair's right side (added to the options unless they are given)."""
    right = r.localized(item, "right", qid, where, required=True)
    key = _folded(right)
    found = next((j for j, o in enumerate(options) if _folded(o) == key), None)
    if found is not None:
        return found
    if explicit:
        raise r.fail(
            qid, f"{where}right", f"{describe(right.canonical)} is not one of the 'options'"
        )
    options.append(right)
    return len(options) - 1


def _distractors(r: Reader, raw: Any, qid: str, options: list, explicit: bool) -> None:
    if raw is None:
        return
    if explicit:
        raise r.fail(qid, "distractors", "with 'options' given, list distractors among the options")
    if not isinstance(raw, list):
        raise r.fail(qid, "distractors", f"expected a list of texts, got {describe(raw)}")
    for i, item in enumerate(raw):
        (label,) = _labels(r, [item], qid, f"distractors[{i}]", minimum=1)
        if any(_folded(o) == _folded(label) for o in options):
            raise r.fail(qid, f"distractors[{i}]", "already an answer of a pair")
        options.append(label)


def _match(r: Reader, data, qid, common) -> Question:
    raw = data.get("pairs")
    if not isinstance(raw, list) or len(raw) < 2:
        raise r.fail(qid, "pairs", f"expected a list of at least 2 pairs, got {describe(raw)}")
    explicit = data.get("options") is not None
    options: list[Localized] = list(_labels(r, data["options"], qid, "options")) if explicit else []
    lefts, answer, marks = [], [], []
    for i, item in enumerate(raw):
        where = f"pairs[{i}]."
        if not isinstance(item, Mapping):
            raise r.fail(
                qid,
                f"pairs[{i}]",
                f"expected a mapping with 'left' and 'right', got {describe(item)}",
            )
        r.known_keys(item, {"left", "right", "mark"}, qid, where)
        lefts.append(r.localized(item, "left", qid, where, required=True))
        mark = r.mark(item, qid, where, common.get("salt"), "pair")
        if mark is None:
            answer.append(_right_index(r, item, qid, where, options, explicit))
        else:
            marks.append(mark)
    _distractors(r, data.get("distractors"), qid, options, explicit)
    keys = [_folded(t) for t in lefts]
    for i, k in enumerate(keys):
        if k in keys[:i]:
            raise r.fail(qid, f"pairs[{i}].left", "two items have the same text")
    if marks and answer:
        raise r.fail(qid, "pairs", "either every pair is hashed ('mark') or none")
    if len(options) < 2:
        raise r.fail(qid, "options", "a match question needs at least 2 options to choose from")
    return Match(
        **common,
        lefts=tuple(lefts),
        options=tuple(options),
        answer=tuple(answer) if answer else None,
        marks=tuple(marks) if marks else None,
    )


def _reflection(r: Reader, data, qid, common) -> Question:
    extra = {}
    if data.get("max_chars") is not None:
        value = data["max_chars"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise r.fail(
                qid, "max_chars", f"expected a positive whole number, got {describe(value)}"
            )
        extra["max_chars"] = value
    return Reflection(**common, **extra)


BUILDERS: dict[str, Callable[..., Question]] = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "text": _text,
    "order": _order,
    "match": _match,
    "reflection": _reflection,
}


def quiz_from_dict(
    data: Any,
    quiz_id: str,
    *,
    file: str | None = None,
    sources: set[str] | None = None,
) -> Quiz:
    """Build and validate a :class:`Quiz` from parsed YAML (a mapping or a bare list)."""
    reader = Reader(file, sources=sources)
    title = None
    if isinstance(data, list):
        questions_raw = data
    elif isinstance(data, Mapping):
        reader.known_keys(data, {"title", "lang", "questions", "release"}, None)
        lang = data.get("lang", "en")
        if lang not in _LANG_KEYS:
            reader.problem(
                None, "lang", f"expected one of {list(_LANG_KEYS)}, got {describe(lang)}"
            )
        else:
            reader.lang = lang
        try:
            title = reader.localized(data, "title", None)
        except _Invalid:
            pass
        questions_raw = data.get("questions")
    else:
        raise QuizFormatError(
            Problem(
                file,
                None,
                None,
                f"expected a mapping with 'questions' (or a list), got {describe(data)}",
            )
        )
    if not isinstance(questions_raw, list) or not questions_raw:
        reader.problem(None, "questions", "expected a non-empty list of questions")
        raise QuizFormatError(reader.problems)
    seen: set[str] = set()
    questions = [reader.question(item, i, seen) for i, item in enumerate(questions_raw)]
    if reader.problems:
        raise QuizFormatError(reader.problems)
    return Quiz(id=quiz_id, questions=tuple(q for q in questions if q), title=title, source=file)
