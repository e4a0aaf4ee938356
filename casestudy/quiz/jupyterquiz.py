"""Read and write jupyterquiz JSON (jmshea/jupyterquiz) with its exact semantics.

Reading: a JSON array of questions of type ``multiple_choice`` / ``many_choice`` (single or many
is decided by the number of ``correct: true`` answers, not by the type), ``numeric`` (``value``,
half-open ``range``, ``default``; ``precision`` in significant digits) and ``string``
(case-insensitive unless ``match_case``; ``fuzzy_threshold``). Unknown keys are ignored, except
in string answers, which upstream's schema closes (``additionalProperties: false``).

Writing: the same format, plus our extension keys at question level (``id``, ``points``,
``explanation``, ``lang``, ``source_id``, ``bloom``, ``reveal_after``, ``shuffle``,
``translations``), which jupyterquiz ignores. Order, match and reflection questions have no
jupyterquiz equivalent and are left out (with a warning by default).
"""

from __future__ import annotations

import json
import math
import os
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from casestudy import i18n

from .errors import Problem, QuizFormatError
from .formats import Reader, display_path
from .model import (
    Localized,
    MultipleChoice,
    Numeric,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
)

JQ_TYPES = ("multiple_choice", "many_choice", "numeric", "string")
EXTENSION_KEYS = (
    "id",
    "points",
    "explanation",
    "lang",
    "source_id",
    "bloom",
    "reveal_after",
    "shuffle",
    "translations",
)
_STRING_ANSWER_KEYS = {"answer", "correct", "feedback", "match_case", "fuzzy_threshold"}
_PRESENTATION = ("answer_cols", "input_width")


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


def _convert(r: Reader, item: Any, n: int) -> dict[str, Any] | None:
    """One jupyterquiz question as our YAML structure (validated afterwards by the reader)."""
    if not isinstance(item, Mapping):
        r.problem(f"#{n + 1}", None, f"expected a question object, got {type(item).__name__}")
        return None
    qid = item.get("id") if isinstance(item.get("id"), str) else f"q{n + 1}"
    jtype = item.get("type")
    if jtype not in JQ_TYPES:
        r.problem(qid, "type", f"expected one of {list(JQ_TYPES)}, got {jtype!r}")
        return None
    if not isinstance(item.get("question"), str):
        r.problem(qid, "question", "missing (required text; may be empty)")
        return None
    answers = item.get("answers")
    if not isinstance(answers, list) or not answers:
        r.problem(qid, "answers", "expected a non-empty array of answers")
        return None
    lang = item.get("lang", i18n.DEFAULT_LANGUAGE)
    if lang not in i18n.LANGUAGES:
        r.problem(qid, "lang", f"expected one of {list(i18n.LANGUAGES)}, got {lang!r}")
        return None
    translations = item.get("translations") or {}
    if not isinstance(translations, Mapping) or any(k not in i18n.LANGUAGES for k in translations):
        r.problem(qid, "translations", f"expected a mapping with keys among {list(i18n.LANGUAGES)}")
        return None

    def text(base: Any, *path: Any) -> Any:
        return _localized(lang, base, translations, path)

    out: dict[str, Any] = {"id": qid, "text": text(item["question"], "question") or {lang: ""}}
    for key in ("points", "source_id", "bloom", "reveal_after"):
        if key in item:
            out[key] = item[key]
    if item.get("explanation") is not None or any(
        isinstance(t, Mapping) and "explanation" in t for t in translations.values()
    ):
        out["explanation"] = text(item.get("explanation"), "explanation")
    if item.get("code") is not None:
        out["code"] = item["code"]
    presentation = {k: item[k] for k in _PRESENTATION if k in item}
    if presentation:
        out["jupyterquiz"] = presentation

    if jtype in ("multiple_choice", "many_choice"):
        choices = []
        for i, a in enumerate(answers):
            where = f"answers[{i}]"
            if not isinstance(a, Mapping):
                r.problem(qid, where, "expected an answer object")
                return None
            if not isinstance(a.get("correct"), bool):
                r.problem(
                    qid, f"{where}.correct", f"expected true or false, got {a.get('correct')!r}"
                )
                return None
            label = a.get("answer") if "answer" in a else a.get("code")
            if not isinstance(label, str):
                r.problem(qid, f"{where}.answer", "missing (each answer needs 'answer' or 'code')")
                return None
            choice = {"text": text(label, "answers", i, "answer"), "correct": a["correct"]}
            if "answer" not in a:
                choice["code"] = True
            feedback = text(a.get("feedback"), "answers", i, "feedback")
            if feedback:
                choice["feedback"] = feedback
            choices.append(choice)
        # upstream decides by the count of correct answers, not by the type name
        n_correct = sum(a.get("correct") is True for a in answers)
        out["type"] = "multiple" if n_correct > 1 else "single"
        out["choices"] = choices
        if "shuffle" in item:
            out["shuffle"] = item["shuffle"]
    elif jtype == "numeric":
        out["type"] = "numeric"
        if "precision" in item:
            out["precision"] = item["precision"]
        converted = []
        for i, a in enumerate(answers):
            where = f"answers[{i}]"
            if not isinstance(a, Mapping):
                r.problem(qid, where, "expected an answer object")
                return None
            entry: dict[str, Any] = {}
            feedback = text(a.get("feedback"), "answers", i, "feedback")
            # same precedence as jupyterquiz's numeric.js: value, then range, then default
            if "value" in a:
                entry = {"value": a["value"], "correct": a.get("correct")}
            elif "range" in a:
                entry = {"range": a["range"], "correct": a.get("correct")}
            elif a.get("type") == "default":
                entry = {"type": "default", "feedback": feedback or ""}
                converted.append(entry)
                continue
            else:
                r.problem(qid, where, "expected 'value', 'range' or 'type': 'default'")
                return None
            if not isinstance(entry["correct"], bool):
                r.problem(
                    qid, f"{where}.correct", f"expected true or false, got {a.get('correct')!r}"
                )
                return None
            if feedback:
                entry["feedback"] = feedback
            converted.append(entry)
        out["answers"] = converted
    else:
        out["type"] = "text"
        converted = []
        for i, a in enumerate(answers):
            where = f"answers[{i}]"
            if not isinstance(a, Mapping):
                r.problem(qid, where, "expected an answer object")
                return None
            feedback = text(a.get("feedback"), "answers", i, "feedback")
            if a.get("type") == "default":
                extra = set(a) - {"type", "feedback"}
                if extra:
                    r.problem(
                        qid, f"{where}.{sorted(extra)[0]}", "unknown field in a default answer"
                    )
                    return None
                converted.append({"type": "default", "feedback": feedback or ""})
                continue
            extra = set(a) - _STRING_ANSWER_KEYS
            if extra:
                r.problem(
                    qid,
                    f"{where}.{sorted(extra)[0]}",
                    f"unknown field (string answers allow only {sorted(_STRING_ANSWER_KEYS)})",
                )
                return None
            entry = {"answer": a.get("answer"), "correct": a.get("correct")}
            if not isinstance(entry["correct"], bool):
                r.problem(
                    qid, f"{where}.correct", f"expected true or false, got {a.get('correct')!r}"
                )
                return None
            if "match_case" in a:
                entry["match_case"] = a["match_case"]
            if a.get("fuzzy_threshold"):  # 0 means "no fuzzy matching" upstream (a falsy value)
                entry["fuzzy_threshold"] = a["fuzzy_threshold"]
            if feedback:
                entry["feedback"] = feedback
            converted.append(entry)
        out["answers"] = converted
    return out


def from_jupyterquiz(
    path_or_list: str | os.PathLike | list,
    *,
    quiz_id: str | None = None,
    sources: set[str] | None = None,
) -> Quiz:
    """A validated :class:`Quiz` from a jupyterquiz JSON file or an already-parsed list.

    The quiz id is the file stem (or ``quiz_id``; ``"jupyterquiz"`` for a list). Questions
    without our ``id`` extension get ``q1``, ``q2``... by position.
    """
    if isinstance(path_or_list, list):
        data, file = path_or_list, "<jupyterquiz list>"
        name = quiz_id or "jupyterquiz"
    else:
        path = Path(path_or_list)
        file = display_path(path)
        name = quiz_id or path.stem
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise QuizFormatError(Problem(file, None, None, "file not found")) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QuizFormatError(Problem(file, None, None, f"cannot read: {exc}")) from None
        except json.JSONDecodeError as exc:
            raise QuizFormatError(
                Problem(
                    file,
                    None,
                    None,
                    f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})",
                )
            ) from None
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
    return Quiz(id=name, questions=tuple(q for q in questions if q), source=file)


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


def _export_question(q: Question, lang: str) -> dict[str, Any]:
    texts = _Texts(lang)
    out: dict[str, Any] = {"question": texts.main(q.text)}
    texts.extra(q.text, "question")
    if q.code:
        out["code"] = q.code
    answers: list[dict[str, Any]] = []
    if isinstance(q, SingleChoice | MultipleChoice):
        out["type"] = "multiple_choice" if isinstance(q, SingleChoice) else "many_choice"
        for i, c in enumerate(q.choices):
            entry: dict[str, Any] = {"code" if c.code else "answer": texts.main(c.text)}
            entry["correct"] = bool(c.correct)
            texts.extra(c.text, "answers", i, "answer")
            if c.feedback is not None:
                entry["feedback"] = texts.main(c.feedback)
                texts.extra(c.feedback, "answers", i, "feedback")
            answers.append(entry)
    elif isinstance(q, Numeric):
        out["type"] = "numeric"
        if q.precision:
            out["precision"] = q.precision
        for i, a in enumerate(q.answers):
            if a.kind == "value" and not a.has_tolerance:
                entry = {"type": "value", "value": _finite(a.value)}
            else:
                low, high, closed = a.interval()
                # a closed tolerance interval becomes half-open just above its top: same numbers
                top = math.nextafter(high, math.inf) if closed else high
                entry = {"type": "range", "range": [_finite(low), _finite(top)]}
            entry["correct"] = bool(a.correct)
            if a.feedback is not None:
                entry["feedback"] = texts.main(a.feedback)
                texts.extra(a.feedback, "answers", i, "feedback")
            answers.append(entry)
        if q.default_feedback is not None:
            texts.extra(q.default_feedback, "answers", len(answers), "feedback")
            answers.append({"type": "default", "feedback": texts.main(q.default_feedback)})
    elif isinstance(q, ShortText):
        out["type"] = "string"
        for i, a in enumerate(q.answers):
            entry = {"answer": a.answer, "correct": bool(a.correct)}
            if a.match_case:
                entry["match_case"] = True
            if a.fuzzy_threshold:
                entry["fuzzy_threshold"] = a.fuzzy_threshold
            if a.feedback is not None:
                entry["feedback"] = texts.main(a.feedback)
                texts.extra(a.feedback, "answers", i, "feedback")
            answers.append(entry)
        if q.default_feedback is not None:
            texts.extra(q.default_feedback, "answers", len(answers), "feedback")
            answers.append({"type": "default", "feedback": texts.main(q.default_feedback)})
    out["answers"] = answers
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
    if isinstance(q, SingleChoice | MultipleChoice) and not q.shuffle:
        out["shuffle"] = False
    if texts.blocks:
        out["translations"] = texts.blocks
    return out


def to_jupyterquiz(
    quiz: Quiz | str | os.PathLike,
    path: str | os.PathLike | None = None,
    *,
    lang: str = i18n.DEFAULT_LANGUAGE,
    unsupported: str = "warn",
) -> list[dict[str, Any]]:
    """The quiz as a jupyterquiz question list (and written to ``path`` as JSON if given).

    ``unsupported`` says what to do with order, match and reflection questions, which
    jupyterquiz cannot show: ``"warn"`` (leave them out, with a warning), ``"skip"`` (silently)
    or ``"error"``. A student release cannot be exported: its answer key is hashed.
    """
    from .formats import load_quiz

    quiz = load_quiz(quiz)
    if unsupported not in ("warn", "skip", "error"):
        raise ValueError("unsupported must be 'warn', 'skip' or 'error'")
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
        if isinstance(q, SingleChoice | MultipleChoice | Numeric | ShortText):
            out.append(_export_question(q, lang))
        else:
            left_out.append(f"{q.id} ({q.type})")
    if left_out:
        message = (
            f"quiz {quiz.id!r}: jupyterquiz has no equivalent for {', '.join(left_out)}; left out"
        )
        if unsupported == "error":
            raise QuizFormatError(Problem(quiz.source, None, None, message))
        if unsupported == "warn":
            warnings.warn(message, UserWarning, stacklevel=2)
    if path is not None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(out, indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8"
        )
    return out
