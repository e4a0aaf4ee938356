"""Quiz files: read and validate the YAML format, write it back, find a notebook's quiz.

A quiz lives in ``data/quizzes/<notebook-stem>.yaml`` and is read with PyYAML's *safe* loader.
Everything is validated on load; each problem names the file, the question id and the field::

    data/quizzes/01-crisis.yaml: question 'q-loss-2020': field 'answer': expected a number,
    got 'abc'

The format is documented with an example of every question type in ``docs/quizzes.md``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from casestudy import i18n

from .errors import Problem, QuizFormatError
from .model import (
    BLOOM_LEVELS,
    QUESTION_CLASSES,
    QUESTION_TYPES,
    Choice,
    InvalidResponse,
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
    parse_number,
)

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}")
QUIZ_FOLDER = "quizzes"
RELEASE_FORMAT = 1
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


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def display_path(path: str | os.PathLike | None) -> str | None:
    """A path as people read it: relative to the working folder when it is inside it."""
    if path is None:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(p)


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
        self.problems.append(Problem(self.file, question, field, message))

    def fail(self, question: str | None, field: str | None, message: str) -> _Invalid:
        self.problem(question, field, message)
        return _Invalid(message)

    def number(self, value: Any, qid: str, field: str) -> float:
        if isinstance(value, bool) or value is None:
            raise self.fail(qid, field, f"expected a number, got {_describe(value)}")
        if isinstance(value, int | float):
            if math.isnan(value):
                raise self.fail(qid, field, "expected a number, got NaN")
            return float(value)
        if isinstance(value, str):  # YAML reads 1e3 as text; accept what a student could type
            try:
                return parse_number(value)
            except InvalidResponse:
                pass
        raise self.fail(qid, field, f"expected a number, got {_describe(value)}")

    def boolean(self, value: Any, qid: str, field: str) -> bool:
        if isinstance(value, bool):
            return value
        raise self.fail(qid, field, f"expected true or false, got {_describe(value)}")

    def string(self, value: Any, qid: str, field: str, *, empty: bool = False) -> str:
        if isinstance(value, str) and (empty or value.strip()):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # "2021" written without quotes
        raise self.fail(qid, field, f"expected a text, got {_describe(value)}")

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
                        qid, field, f"unknown language {lang!r}; use one of {list(_LANG_KEYS)}"
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
            self.problem(label, None, f"expected a mapping of fields, got {_describe(data)}")
            return None
        qid = data.get("id")
        if not isinstance(qid, str) or not ID_PATTERN.fullmatch(qid):
            self.problem(
                label,
                "id",
                f"expected an id of letters, digits and - _ . : (max 80), got {_describe(qid)}",
            )
            return None
        if qid in seen:
            self.problem(qid, "id", "duplicate id (each question needs its own)")
            return None
        seen.add(qid)
        kind = data.get("type")
        if kind not in QUESTION_TYPES:
            self.problem(
                qid, "type", f"unknown type {_describe(kind)}; use one of {list(QUESTION_TYPES)}"
            )
            return None
        before = len(self.problems)
        self.known_keys(data, _COMMON | _BY_TYPE[kind], qid)
        try:
            common = self.common(data, qid, kind)
            question = _BUILDERS[kind](self, data, qid, common)
        except _Invalid:
            return None
        return question if len(self.problems) == before else None

    def common(self, data: Mapping[str, Any], qid: str, kind: str) -> dict[str, Any]:
        out: dict[str, Any] = {"id": qid}
        out["text"] = self.localized(data, "text", qid, required=True, empty=True)
        if "points" in data:
            points = self.number(data["points"], qid, "points")
            if kind != "reflection" and not points > 0:
                raise self.fail(
                    qid, "points", f"expected a positive number, got {_describe(data['points'])}"
                )
            out["points"] = points
        if kind == "reflection":
            out["points"] = 0.0
        out["explanation"] = self.localized(data, "explanation", qid)
        if data.get("source_id") is not None:
            source = self.string(data["source_id"], qid, "source_id")
            if self.sources is not None and source not in self.sources:
                raise self.fail(qid, "source_id", f"{source!r} is not an id in sources.csv")
            out["source_id"] = source
        if data.get("bloom") is not None:
            bloom = str(data["bloom"]).strip().lower()
            bloom = _BLOOM_ALIASES.get(bloom, bloom)
            if bloom not in BLOOM_LEVELS:
                raise self.fail(
                    qid,
                    "bloom",
                    f"expected one of {list(BLOOM_LEVELS)}, got {_describe(data['bloom'])}",
                )
            out["bloom"] = bloom
        if "reveal_after" in data:
            value = data["reveal_after"]
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1
            ):
                raise self.fail(
                    qid,
                    "reveal_after",
                    f"expected a whole number of tries (1 or more) or null, got {_describe(value)}",
                )
            out["reveal_after"] = value
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


def _similar(a: str, b: str) -> bool:
    from .model import similarity

    return similarity(a.lower(), b.lower()) >= 0.75


# --------------------------------------------------------------------------- per type


def _choices(r: Reader, data: Mapping[str, Any], qid: str, common: dict, cls: type) -> Question:
    raw = data.get("choices")
    if not isinstance(raw, list) or len(raw) < 2:
        raise r.fail(qid, "choices", f"expected a list of at least 2 choices, got {_describe(raw)}")
    salt = common.get("salt")
    choices = []
    for i, item in enumerate(raw):
        where = f"choices[{i}]."
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            item = {"text": str(item)}
        if not isinstance(item, Mapping):
            raise r.fail(
                qid, f"choices[{i}]", f"expected a text or a mapping, got {_describe(item)}"
            )
        r.known_keys(
            item, {"text", "correct", "feedback", "code", "mark", "feedback_sealed"}, qid, where
        )
        text = r.localized(item, "text", qid, where, required=True)
        mark = r.released_field(item, "mark", qid, f"{where}mark")
        if mark is not None and salt is None:
            raise r.fail(qid, f"{where}mark", "a hashed choice needs the question's 'salt'")
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
                raise r.fail(
                    qid, f"{where}{key}", f"expected 0 or more, got {_describe(data[key])}"
                )
            out[key] = value
    return out


def _numeric(r: Reader, data, qid, common) -> Question:
    salt = common.get("salt")
    shared = _tolerances(r, data, qid, "")
    precision = data.get("precision")
    if precision is not None and (
        isinstance(precision, bool) or not isinstance(precision, int) or not 1 <= precision <= 21
    ):
        raise r.fail(
            qid,
            "precision",
            f"expected significant digits from 1 to 21, got {_describe(precision)}",
        )
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
                raise r.fail(qid, f"answers[{i}]", f"expected a mapping, got {_describe(item)}")
            allowed = {
                "type",
                "value",
                "range",
                "correct",
                "feedback",
                "tolerance",
                "rel_tolerance",
            }
            r.known_keys(item, allowed | {"mark", "feedback_sealed"}, qid, where)
            kind = item.get("type")
            if kind not in (None, "value", "range", "default"):
                raise r.fail(
                    qid, f"{where}type", f"expected value, range or default, got {_describe(kind)}"
                )
            if kind == "default":
                default = r.localized(item, "feedback", qid, where, required=True, empty=True)
                continue
            feedback = r.localized(item, "feedback", qid, where)
            sealed = r.released_field(item, "feedback_sealed", qid, f"{where}feedback_sealed")
            if "correct" not in item:
                raise r.fail(qid, f"{where}correct", "missing (required: true or false)")
            correct = r.boolean(item["correct"], qid, f"{where}correct")
            mark = r.released_field(item, "mark", qid, f"{where}mark")
            if mark is not None:
                if salt is None:
                    raise r.fail(qid, f"{where}mark", "a hashed answer needs the question's 'salt'")
                answers.append(
                    NumericAnswer(
                        kind="value",
                        correct=correct,
                        feedback=feedback,
                        mark=mark,
                        sealed_feedback=sealed,
                    )
                )
            elif "value" in item:
                value = r.number(item["value"], qid, f"{where}value")
                tol = {**shared, **_tolerances(r, item, qid, where)}
                answers.append(
                    NumericAnswer(
                        kind="value",
                        correct=correct,
                        value=value,
                        feedback=feedback,
                        sealed_feedback=sealed,
                        **tol,
                    )
                )
            elif "range" in item:
                bounds = item["range"]
                if not isinstance(bounds, list | tuple) or len(bounds) != 2:
                    raise r.fail(
                        qid, f"{where}range", f"expected [low, high], got {_describe(bounds)}"
                    )
                low = r.number(bounds[0], qid, f"{where}range")
                high = r.number(bounds[1], qid, f"{where}range")
                if not low < high:
                    raise r.fail(
                        qid,
                        f"{where}range",
                        f"expected low < high (half-open [low, high)), got {_describe(bounds)}",
                    )
                answers.append(
                    NumericAnswer(
                        kind="range",
                        correct=correct,
                        low=low,
                        high=high,
                        feedback=feedback,
                        sealed_feedback=sealed,
                    )
                )
            else:
                raise r.fail(qid, f"answers[{i}]", "expected 'value', 'range' or 'type: default'")
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
                raise r.fail(qid, f"answers[{i}]", f"expected a mapping, got {_describe(item)}")
            allowed = {"type", "answer", "correct", "feedback", "match_case", "fuzzy_threshold"}
            r.known_keys(item, allowed | {"mark", "feedback_sealed"}, qid, where)
            if item.get("type") == "default":
                default = r.localized(item, "feedback", qid, where, required=True, empty=True)
                continue
            if "correct" not in item:
                raise r.fail(qid, f"{where}correct", "missing (required: true or false)")
            mark = r.released_field(item, "mark", qid, f"{where}mark")
            if mark is not None and salt is None:
                raise r.fail(qid, f"{where}mark", "a hashed answer needs the question's 'salt'")
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
        raise r.fail(qid, field, f"expected a similarity between 0 and 1, got {_describe(value)}")
    return number


def _labels(r: Reader, raw: Any, qid: str, field: str, key: str = "text", minimum: int = 2):
    if not isinstance(raw, list) or len(raw) < minimum:
        raise r.fail(qid, field, f"expected a list of at least {minimum}, got {_describe(raw)}")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            item = {key: str(item)}
        if not isinstance(item, Mapping):
            raise r.fail(
                qid, f"{field}[{i}]", f"expected a text or a mapping, got {_describe(item)}"
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
    from .model import order_from_events

    ids = data["events"]
    if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(i, str) for i in ids):
        raise r.fail(
            qid, "events", f"expected a list of at least 2 event ids, got {_describe(ids)}"
        )
    try:
        from casestudy.data import CaseDataError, load

        events = load("events")
    except (ImportError, CaseDataError, OSError) as exc:
        raise r.fail(qid, "events", f"needs the case data's events table ({exc})") from None
    try:
        built = order_from_events(events, id=qid, ids=ids)
    except (ValueError, KeyError) as exc:
        raise r.fail(qid, "events", str(exc)) from None
    common = {**common}
    common.setdefault("source_id", built.source_id)
    return Order(**common, items=built.items)


def _match(r: Reader, data, qid, common) -> Question:
    raw = data.get("pairs")
    if not isinstance(raw, list) or len(raw) < 2:
        raise r.fail(qid, "pairs", f"expected a list of at least 2 pairs, got {_describe(raw)}")
    explicit = data.get("options")
    options: list[Localized] = (
        list(_labels(r, explicit, qid, "options")) if explicit is not None else []
    )
    lefts, answer, marks = [], [], []
    for i, item in enumerate(raw):
        where = f"pairs[{i}]."
        if not isinstance(item, Mapping):
            raise r.fail(
                qid,
                f"pairs[{i}]",
                f"expected a mapping with 'left' and 'right', got {_describe(item)}",
            )
        r.known_keys(item, {"left", "right", "mark"}, qid, where)
        lefts.append(r.localized(item, "left", qid, where, required=True))
        mark = r.released_field(item, "mark", qid, f"{where}mark")
        if mark is not None:
            if common.get("salt") is None:
                raise r.fail(qid, f"{where}mark", "a hashed pair needs the question's 'salt'")
            marks.append(mark)
            continue
        right = r.localized(item, "right", qid, where, required=True)
        key = _text_key(right.canonical).casefold()
        found = next(
            (j for j, o in enumerate(options) if _text_key(o.canonical).casefold() == key), None
        )
        if found is None:
            if explicit is not None:
                raise r.fail(
                    qid, f"{where}right", f"{right.canonical!r} is not one of the 'options'"
                )
            options.append(right)
            found = len(options) - 1
        answer.append(found)
    for i, item in enumerate(data.get("distractors") or []):
        if explicit is not None:
            raise r.fail(
                qid, "distractors", "with 'options' given, list distractors among the options"
            )
        (label,) = _labels(r, [item], qid, f"distractors[{i}]", minimum=1)
        if any(
            _text_key(o.canonical).casefold() == _text_key(label.canonical).casefold()
            for o in options
        ):
            raise r.fail(qid, f"distractors[{i}]", "already an answer of a pair")
        options.append(label)
    keys = [_text_key(t.canonical).casefold() for t in lefts]
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
                qid, "max_chars", f"expected a positive whole number, got {_describe(value)}"
            )
        extra["max_chars"] = value
    return Reflection(**common, **extra)


_BUILDERS: dict[str, Callable[..., Question]] = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "text": _text,
    "order": _order,
    "match": _match,
    "reflection": _reflection,
}


# --------------------------------------------------------------------------- whole quizzes


def known_sources() -> set[str] | None:
    """The source ids of ``sources.csv``, or None when the case data is not available."""
    try:
        from casestudy.data import CaseDataError, load
    except ImportError:
        return None
    try:
        return {str(s) for s in load("sources")["id"]}
    except (CaseDataError, OSError, KeyError):
        return None


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
                None, "lang", f"expected one of {list(_LANG_KEYS)}, got {_describe(lang)}"
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
                f"expected a mapping with 'questions' (or a list), got {_describe(data)}",
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


def read_yaml(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise QuizFormatError(Problem(display_path(path), None, None, "file not found")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuizFormatError(
            Problem(display_path(path), None, None, f"cannot read: {exc}")
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise QuizFormatError(
            Problem(display_path(path), None, None, f"{where}not valid YAML ({reason})")
        ) from None


def quizzes_dir() -> Path:
    """``data_dir() / "quizzes"`` (honours ``CASESTUDY_DATA_DIR``)."""
    from casestudy.data import data_dir

    return data_dir() / QUIZ_FOLDER


def available_quizzes(folder: str | os.PathLike | None = None) -> list[str]:
    """The quiz names (file stems) in the quiz folder."""
    base = Path(folder) if folder is not None else quizzes_dir()
    names = {p.stem for p in base.glob("*.yaml")} | {p.stem for p in base.glob("*.yml")}
    names |= {p.stem for p in base.glob("*.json")}
    return sorted(names)


def _find(name: str) -> Path:
    base = quizzes_dir()
    for suffix in (".yaml", ".yml", ".json"):
        candidate = base / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    known = ", ".join(available_quizzes(base)) or "none"
    raise QuizFormatError(
        Problem(
            display_path(base / f"{name}.yaml"),
            None,
            None,
            f"no quiz named {name!r} (available: {known})",
        )
    )


def load_quiz(name_or_path: Any, *, check_sources: bool = True) -> Quiz:
    """A validated :class:`Quiz` from a name (``"01-crisis"``), a YAML path or a jupyterquiz file.

    A :class:`Quiz` is returned unchanged. Source ids are checked against ``sources.csv`` when
    the case data is available.
    """
    if isinstance(name_or_path, Quiz):
        return name_or_path
    if isinstance(name_or_path, list):
        from .jupyterquiz import from_jupyterquiz

        return from_jupyterquiz(name_or_path)
    text = os.fspath(name_or_path)
    path = Path(text)
    bare = os.sep not in text and "/" not in text
    if bare and path.suffix.lower() not in (".yaml", ".yml", ".json"):
        path = _find(text)
    elif bare and not path.exists():  # "01-crisis.yaml": the file in the quiz folder
        path = _find(path.stem)
    sources = known_sources() if check_sources else None
    if path.suffix.lower() == ".json":
        from .jupyterquiz import from_jupyterquiz

        return from_jupyterquiz(path, sources=sources)
    data = read_yaml(path)
    return quiz_from_dict(data, path.stem, file=display_path(path), sources=sources)


def check_all_quizzes(folder: str | os.PathLike | None = None) -> list[str]:
    """Validate every quiz file; one readable line per problem (empty list: all good)."""
    try:
        base = Path(folder) if folder is not None else quizzes_dir()
    except Exception as exc:  # noqa: BLE001 - report, do not crash a check run
        return [f"quizzes: cannot find the quiz folder ({exc})"]
    problems: list[str] = []
    sources = known_sources()
    for name in available_quizzes(base):
        path = next(p for s in (".yaml", ".yml", ".json") if (p := base / f"{name}{s}").is_file())
        try:
            if path.suffix == ".json":
                from .jupyterquiz import from_jupyterquiz

                from_jupyterquiz(path, sources=sources)
            else:
                quiz_from_dict(read_yaml(path), path.stem, file=display_path(path), sources=sources)
        except QuizFormatError as exc:
            problems.extend(exc.problems)
    return problems


# --------------------------------------------------------------------------- writing


def _num(value: float) -> float | int:
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _put(out: dict[str, Any], key: str, text: Localized | None) -> None:
    """Write a localized text the way authors do: ``key`` in English, ``key_fr`` beside it."""
    if text is None:
        return
    texts = text.as_dict()
    if "en" in texts:
        out[key] = texts.pop("en")
        for lang, value in texts.items():
            out[f"{key}_{lang}"] = value
    else:
        out[key] = texts


def question_to_dict(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"id": q.id, "type": q.type}
    if q.bloom:
        out["bloom"] = q.bloom
    if q.type != "reflection" and q.points != 1:
        out["points"] = _num(q.points)
    if q.source_id:
        out["source_id"] = q.source_id
    _put(out, "text", q.text)
    if q.code:
        out["code"] = q.code
    if q.salt is not None:
        out["salt"] = q.salt
    if isinstance(q, SingleChoice | MultipleChoice):
        if not q.shuffle:
            out["shuffle"] = False
        choices = []
        for c in q.choices:
            item: dict[str, Any] = {}
            _put(item, "text", c.text)
            if c.mark is not None:
                item["mark"] = c.mark
            elif c.correct:
                item["correct"] = True
            if c.code:
                item["code"] = True
            _put(item, "feedback", c.feedback)
            if c.sealed_feedback:
                item["feedback_sealed"] = c.sealed_feedback
            choices.append(item)
        out["choices"] = choices
    elif isinstance(q, Numeric):
        if q.precision:
            out["precision"] = q.precision
        answers = []
        for a in q.answers:
            item = {}
            if a.mark is not None:
                item["mark"] = a.mark
            elif a.kind == "value":
                item["value"] = _num(a.value)
                if a.tolerance:
                    item["tolerance"] = _num(a.tolerance)
                if a.rel_tolerance:
                    item["rel_tolerance"] = a.rel_tolerance
            else:
                item["range"] = [_num(a.low), _num(a.high)]
            item["correct"] = bool(a.correct)
            _put(item, "feedback", a.feedback)
            if a.sealed_feedback:
                item["feedback_sealed"] = a.sealed_feedback
            answers.append(item)
        out["answers"] = answers
        _put(out, "default_feedback", q.default_feedback)
    elif isinstance(q, ShortText):
        answers = []
        for a in q.answers:
            item = {}
            if a.mark is not None:
                item["mark"] = a.mark
            else:
                item["answer"] = a.answer
            item["correct"] = bool(a.correct)
            if a.match_case:
                item["match_case"] = True
            if a.fuzzy_threshold:
                item["fuzzy_threshold"] = a.fuzzy_threshold
            _put(item, "feedback", a.feedback)
            if a.sealed_feedback:
                item["feedback_sealed"] = a.sealed_feedback
            answers.append(item)
        out["answers"] = answers
        _put(out, "default_feedback", q.default_feedback)
    elif isinstance(q, Order):
        items = []
        for text in q.items:
            item = {}
            _put(item, "text", text)
            items.append(item["text"] if len(item) == 1 and isinstance(item["text"], str) else item)
        out["items"] = items
        if q.marks is not None:
            out["marks"] = list(q.marks)
    elif isinstance(q, Match):
        options = []
        for text in q.options:
            item = {}
            _put(item, "text", text)
            options.append(
                item["text"] if len(item) == 1 and isinstance(item["text"], str) else item
            )
        pairs = []
        for i, left in enumerate(q.lefts):
            item = {}
            _put(item, "left", left)
            if q.marks is not None:
                item["mark"] = q.marks[i]
            else:
                _put(item, "right", q.options[q.answer[i]])
            pairs.append(item)
        out["pairs"] = pairs
        out["options"] = options
    elif isinstance(q, Reflection):
        if q.max_chars != Reflection.max_chars:
            out["max_chars"] = q.max_chars
    _put(out, "explanation", q.explanation)
    if q.sealed_explanation:
        out["explanation_sealed"] = list(q.sealed_explanation)
    if q.reveal_after != 3:
        out["reveal_after"] = q.reveal_after
    if q.jupyterquiz:
        out["jupyterquiz"] = dict(q.jupyterquiz)
    return out


def quiz_to_dict(quiz: Quiz) -> dict[str, Any]:
    """The YAML structure of a quiz (what :func:`save_quiz` writes)."""
    out: dict[str, Any] = {}
    _put(out, "title", quiz.title)
    if quiz.released:
        out["release"] = {
            "format": RELEASE_FORMAT,
            "note": "Student copy: correct answers are salted hashes (see docs/quizzes.md).",
        }
    out["questions"] = [question_to_dict(q) for q in quiz.questions]
    return out


def save_quiz(quiz: Quiz, path: str | os.PathLike) -> Path:
    """Write a quiz as YAML (UTF-8, safe dumper, authored key order)."""
    import yaml

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(quiz_to_dict(quiz), sort_keys=False, allow_unicode=True, width=100)
    target.write_text(text, encoding="utf-8")
    return target


__all__ = [
    "QUESTION_CLASSES",
    "available_quizzes",
    "check_all_quizzes",
    "load_quiz",
    "quiz_from_dict",
    "quiz_to_dict",
    "save_quiz",
]
