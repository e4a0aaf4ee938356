"""jupyterquiz JSON (jmshea/jupyterquiz) to our quiz model and back, with its exact semantics.

Pure conversion, no files: :mod:`casestudy.quiz.jupyterquiz` reads and writes the files.

Reading: a JSON array of questions of type ``multiple_choice`` / ``many_choice`` (single or many
is decided by the number of ``correct: true`` answers, not by the type), ``numeric`` (``value``,
half-open ``range``, ``default``; ``precision`` in significant digits) and ``string``
(case-insensitive unless ``match_case``; ``fuzzy_threshold``). Unknown keys are ignored, except
in string answers, which upstream's schema closes (``additionalProperties: false``). Each
jupyterquiz type has one converter (``_IMPORTERS``); the result is validated by
:class:`~casestudy.quiz.validate.Reader` like a YAML file.

Writing: the same format, plus our extension keys at question level (``id``, ``points``,
``explanation``, ``lang``, ``source_id``, ``bloom``, ``reveal_after``, ``shuffle``,
``translations``), which jupyterquiz ignores. Each of our types that jupyterquiz can show has
one exporter (``_EXPORTERS``); order, match and reflection questions have none.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from typing import Any

from casestudy import i18n

from .errors import Problem, QuizFormatError, describe
from .model import Localized, MultipleChoice, Numeric, Question, Quiz, ShortText, SingleChoice
from .validate import Reader

JQ_TYPES = ("multiple_choice", "many_choice", "numeric", "string")
_STRING_ANSWER_KEYS = {"answer", "correct", "feedback", "match_case", "fuzzy_threshold"}
_PRESENTATION = ("answer_cols", "input_width")


class _Skip(Exception):
    """The question was reported as a problem; the converter moves on to the next."""


def _localized(base_lang: str, base: Any, translations: Mapping[str, Any], path: tuple) -> Any:
    """``{lang: text}`` from the base text and the matching entry of each translation."""
    texts = {}
    if isinstance(base, str) and base:
        texts[base_lang] = base
    for lang, block in translations.items():
        value: Any = block
        for step in path:
            if isinstance(value, Mapping):
                value = value.get(step)
            elif isinstance(value, list) and isinstance(step, int) and step < len(value):
                value = value[step]
            else:
                value = None
                break
        if isinstance(value, str) and value:
            texts[lang] = value
    return texts or None


class _Source:
    """One jupyterquiz question being converted: its id, language and translations."""

    def __init__(self, r: Reader, item: Mapping[str, Any], qid: str, lang: str, translations):
        self.r, self.item, self.qid = r, item, qid
        self.lang, self.translations = lang, translations

    def text(self, base: Any, *path: Any) -> Any:
        return _localized(self.lang, base, self.translations, path)

    def skip(self, field: str | None, message: str) -> _Skip:
        self.r.problem(self.qid, field, message)
        return _Skip()

    def answer(self, a: Any, i: int) -> Mapping[str, Any]:
        if not isinstance(a, Mapping):
            raise self.skip(f"answers[{i}]", "expected an answer object")
        return a

    def correct(self, a: Mapping[str, Any], i: int) -> bool:
        if not isinstance(a.get("correct"), bool):
            raise self.skip(
                f"answers[{i}].correct", f"expected true or false, got {describe(a.get('correct'))}"
            )
        return a["correct"]

    def feedback(self, a: Mapping[str, Any], i: int) -> Any:
        return self.text(a.get("feedback"), "answers", i, "feedback")


def _import_choices(src: _Source, out: dict[str, Any]) -> None:
    choices = []
    answers = src.item["answers"]
    for i, raw in enumerate(answers):
        a = src.answer(raw, i)
        correct = src.correct(a, i)
        label = a.get("answer") if "answer" in a else a.get("code")
        if not isinstance(label, str):
            raise src.skip(f"answers[{i}].answer", "missing (each answer needs 'answer' or 'code')")
        choice = {"text": src.text(label, "answers", i, "answer"), "correct": correct}
        if "answer" not in a:
            choice["code"] = True
        feedback = src.feedback(a, i)
        if feedback:
            choice["feedback"] = feedback
        choices.append(choice)
    # upstream decides by the count of correct answers, not by the type name
    n_correct = sum(a.get("correct") is True for a in answers)
    out["type"] = "multiple" if n_correct > 1 else "single"
    out["choices"] = choices
    if "shuffle" in src.item:
        out["shuffle"] = src.item["shuffle"]


def _import_numeric(src: _Source, out: dict[str, Any]) -> None:
    out["type"] = "numeric"
    if "precision" in src.item:
        out["precision"] = src.item["precision"]
    converted = []
    for i, raw in enumerate(src.item["answers"]):
        a = src.answer(raw, i)
        feedback = src.feedback(a, i)
        # same precedence as jupyterquiz's numeric.js: value, then range, then default
        if "value" in a:
            entry = {"value": a["value"], "correct": src.correct(a, i)}
        elif "range" in a:
            entry = {"range": a["range"], "correct": src.correct(a, i)}
        elif a.get("type") == "default":
            converted.append({"type": "default", "feedback": feedback or ""})
            continue
        else:
            raise src.skip(f"answers[{i}]", "expected 'value', 'range' or 'type': 'default'")
        if feedback:
            entry["feedback"] = feedback
        converted.append(entry)
    out["answers"] = converted


def _import_string_answer(src: _Source, a: Mapping[str, Any], i: int) -> dict[str, Any]:
    feedback = src.feedback(a, i)
    if a.get("type") == "default":
        extra = set(a) - {"type", "feedback"}
        if extra:
            raise src.skip(
                f"answers[{i}].{sorted(map(str, extra))[0]}", "unknown field in a default answer"
            )
        return {"type": "default", "feedback": feedback or ""}
    extra = set(a) - _STRING_ANSWER_KEYS
    if extra:
        raise src.skip(
            f"answers[{i}].{sorted(map(str, extra))[0]}",
            f"unknown field (string answers allow only {sorted(_STRING_ANSWER_KEYS)})",
        )
    entry = {"answer": a.get("answer"), "correct": src.correct(a, i)}
    if "match_case" in a:
        entry["match_case"] = a["match_case"]
    if a.get("fuzzy_threshold"):  # 0 means "no fuzzy matching" upstream (a falsy value)
        entry["fuzzy_threshold"] = a["fuzzy_threshold"]
    if feedback:
        entry["feedback"] = feedback
    return entry


def _import_string(src: _Source, out: dict[str, Any]) -> None:
    out["type"] = "text"
    out["answers"] = [
        _import_string_answer(src, src.answer(raw, i), i)
        for i, raw in enumerate(src.item["answers"])
    ]


_IMPORTERS: dict[str, Callable[[_Source, dict[str, Any]], None]] = {
    "multiple_choice": _import_choices,
    "many_choice": _import_choices,
    "numeric": _import_numeric,
    "string": _import_string,
}


def _source(r: Reader, item: Any, n: int) -> _Source:
    """Check what every jupyterquiz question needs before its type's converter runs."""
    if not isinstance(item, Mapping):
        r.problem(f"#{n + 1}", None, f"expected a question object, got {type(item).__name__}")
        raise _Skip()
    qid = item.get("id") if isinstance(item.get("id"), str) else f"q{n + 1}"
    src = _Source(r, item, qid, i18n.DEFAULT_LANGUAGE, {})
    if item.get("type") not in JQ_TYPES:
        raise src.skip(
            "type", f"expected one of {list(JQ_TYPES)}, got {describe(item.get('type'))}"
        )
    if not isinstance(item.get("question"), str):
        raise src.skip("question", "missing (required text; may be empty)")
    if not isinstance(item.get("answers"), list) or not item["answers"]:
        raise src.skip("answers", "expected a non-empty array of answers")
    src.lang = item.get("lang", i18n.DEFAULT_LANGUAGE)
    if src.lang not in i18n.LANGUAGES:
        raise src.skip("lang", f"expected one of {list(i18n.LANGUAGES)}, got {describe(src.lang)}")
    translations = item.get("translations") or {}
    if not isinstance(translations, Mapping) or any(k not in i18n.LANGUAGES for k in translations):
        raise src.skip("translations", f"expected a mapping with keys among {list(i18n.LANGUAGES)}")
    src.translations = translations
    return src


def _convert(r: Reader, item: Any, n: int) -> dict[str, Any] | None:
    """One jupyterquiz question as our YAML structure (validated afterwards by the reader)."""
    try:
        src = _source(r, item, n)
        out: dict[str, Any] = {
            "id": src.qid,
            "text": src.text(item["question"], "question") or {src.lang: ""},
        }
        out.update(
            {k: item[k] for k in ("points", "source_id", "bloom", "reveal_after") if k in item}
        )
        if item.get("explanation") is not None or any(
            isinstance(t, Mapping) and "explanation" in t for t in src.translations.values()
        ):
            out["explanation"] = src.text(item.get("explanation"), "explanation")
        if item.get("code") is not None:
            out["code"] = item["code"]
        presentation = {k: item[k] for k in _PRESENTATION if k in item}
        if presentation:
            out["jupyterquiz"] = presentation
        _IMPORTERS[item["type"]](src, out)
    except _Skip:
        return None
    return out


def quiz_from_jupyterquiz(
    data: Any,
    *,
    quiz_id: str | None = None,
    file: str | None = None,
    sources: set[str] | None = None,
) -> Quiz:
    """A validated :class:`Quiz` from parsed jupyterquiz JSON (a list of questions).

    Questions without our ``id`` extension get ``q1``, ``q2``... by position.
    """
    file = file or "<jupyterquiz list>"
    if not isinstance(data, list) or not data:
        raise QuizFormatError(
            Problem(file, None, None, "expected a non-empty JSON array of questions")
        )
    reader = Reader(file, sources=sources)
    seen: set[str] = set()
    questions = []
    for n, item in enumerate(data):
        converted = _convert(reader, item, n)
        if converted is not None:
            questions.append(reader.question(converted, n, seen))
    if reader.problems:
        raise QuizFormatError(reader.problems)
    return Quiz(
        id=quiz_id or "jupyterquiz", questions=tuple(q for q in questions if q), source=file
    )


# --------------------------------------------------------------------------- writing


def _finite(x: float) -> float | int:
    # JSON has no Infinity; the largest double stands in for it (same comparisons)
    if math.isinf(x):
        x = math.copysign(sys.float_info.max, x)
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


class _Texts:
    """Collects the other languages' texts into our ``translations`` extension."""

    def __init__(self, lang: str):
        self.lang = lang
        self.blocks: dict[str, dict[str, Any]] = {}

    def main(self, text: Localized | None) -> str | None:
        return None if text is None else text.get(self.lang)

    def extra(self, text: Localized | None, *path: Any) -> None:
        if text is None:
            return
        for lang, value in text.as_dict().items():
            if lang == self.lang:
                continue
            node: Any = self.blocks.setdefault(lang, {})
            for step, following in zip(path, path[1:], strict=False):
                if isinstance(step, int):
                    while len(node) <= step:
                        node.append({})
                    node = node[step]
                else:
                    node = node.setdefault(step, [] if isinstance(following, int) else {})
            node[path[-1]] = value

    def feedback(self, entry: dict[str, Any], text: Localized | None, i: int) -> None:
        if text is not None:
            entry["feedback"] = self.main(text)
            self.extra(text, "answers", i, "feedback")

    def default(self, answers: list[dict[str, Any]], text: Localized | None) -> None:
        if text is not None:
            self.extra(text, "answers", len(answers), "feedback")
            answers.append({"type": "default", "feedback": self.main(text)})


def _export_choices(q: SingleChoice | MultipleChoice, out: dict, texts: _Texts) -> list:
    out["type"] = "multiple_choice" if isinstance(q, SingleChoice) else "many_choice"
    answers = []
    for i, c in enumerate(q.choices):
        entry: dict[str, Any] = {"code" if c.code else "answer": texts.main(c.text)}
        entry["correct"] = bool(c.correct)
        texts.extra(c.text, "answers", i, "answer")
        texts.feedback(entry, c.feedback, i)
        answers.append(entry)
    if not q.shuffle:
        out["shuffle"] = False
    return answers


def _export_numeric(q: Numeric, out: dict, texts: _Texts) -> list:
    out["type"] = "numeric"
    if q.precision:
        out["precision"] = q.precision
    answers = []
    for i, a in enumerate(q.answers):
        if a.kind == "value" and not a.has_tolerance:
            entry: dict[str, Any] = {"type": "value", "value": _finite(a.value)}
        else:
            low, high, closed = a.interval()
            # a closed tolerance interval becomes half-open just above its top: same numbers
            top = math.nextafter(high, math.inf) if closed else high
            entry = {"type": "range", "range": [_finite(low), _finite(top)]}
        entry["correct"] = bool(a.correct)
        texts.feedback(entry, a.feedback, i)
        answers.append(entry)
    texts.default(answers, q.default_feedback)
    return answers


def _export_text(q: ShortText, out: dict, texts: _Texts) -> list:
    out["type"] = "string"
    answers = []
    for i, a in enumerate(q.answers):
        entry: dict[str, Any] = {"answer": a.answer, "correct": bool(a.correct)}
        if a.match_case:
            entry["match_case"] = True
        if a.fuzzy_threshold:
            entry["fuzzy_threshold"] = a.fuzzy_threshold
        texts.feedback(entry, a.feedback, i)
        answers.append(entry)
    texts.default(answers, q.default_feedback)
    return answers


#: our question types that jupyterquiz can show, each with its one exporter
EXPORTERS: dict[str, Callable[[Any, dict, _Texts], list]] = {
    "single": _export_choices,
    "multiple": _export_choices,
    "numeric": _export_numeric,
    "text": _export_text,
}


def export_question(q: Question, lang: str) -> dict[str, Any]:
    """One question as a jupyterquiz question (its type must be in :data:`EXPORTERS`)."""
    texts = _Texts(lang)
    out: dict[str, Any] = {"question": texts.main(q.text)}
    texts.extra(q.text, "question")
    if q.code:
        out["code"] = q.code
    out["answers"] = EXPORTERS[q.type](q, out, texts)
    shuffle = out.pop("shuffle", None)
    out.update(dict(q.jupyterquiz))
    # our extensions: jupyterquiz ignores keys it does not know at question level
    out["id"] = q.id
    out["points"] = _finite(q.points)
    out["lang"] = lang
    if q.bloom:
        out["bloom"] = q.bloom
    if q.source_id:
        out["source_id"] = q.source_id
    if q.explanation is not None:
        out["explanation"] = texts.main(q.explanation)
        texts.extra(q.explanation, "explanation")
    if q.reveal_after != 3:
        out["reveal_after"] = q.reveal_after
    if shuffle is not None:
        out["shuffle"] = shuffle
    if texts.blocks:
        out["translations"] = texts.blocks
    return out


def quiz_to_jupyterquiz(quiz: Quiz, *, lang: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The exportable questions as jupyterquiz, and ``"id (type)"`` of those left out."""
    if quiz.released:
        raise QuizFormatError(
            Problem(
                quiz.source,
                None,
                None,
                "a student release has hashed answers; export the instructor file",
            )
        )
    out, left_out = [], []
    for q in quiz:
        if q.type in EXPORTERS:
            out.append(export_question(q, lang))
        else:
            left_out.append(f"{q.id} ({q.type})")
    return out, left_out
