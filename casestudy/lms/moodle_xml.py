"""The quiz bank as Moodle XML: one writer per question type, warnings for what does not map.

How our types map (the docs repeat it for instructors, in docs/quizzes.md):

========== ============ ==========================================================
ours       Moodle       notes
========== ============ ==========================================================
single     multichoice  ``<single>true``; the correct choice 100 %, the others 0
multiple   multichoice  ``<single>false``; each correct choice 100/k %, each wrong
                        one −100/k % (k correct choices): our partial credit exactly
numeric    numerical    value ± ``<tolerance>``; a range [a, b) becomes its midpoint
                        ± half its width (so b is accepted too); a range with an
                        open end cannot be written and is left out, with a warning
text       shortanswer  ``<usecase>`` from ``match_case``; fuzzy matching has no
                        Moodle equivalent: exact matching, with a warning
match      matching     one ``<subquestion>`` per left item; unused options become
                        distractors (a subquestion with no text)
order      ordering     needs the qtype_ordering plugin where Moodle does not ship
                        it; graded by absolute position, as in the notebooks
reflection essay        not graded (mark 0); the model answer goes to the grader
                        information and to the general feedback
========== ============ ==========================================================

Every question's explanation becomes its ``<generalfeedback>``; per-answer feedback goes with
its answer; the "default" feedback of numeric and text questions becomes a catch-all ``*``
answer worth 0. Texts are sanitised (:func:`casestudy.quiz.markup.sanitize_html`) and written
by ElementTree, which escapes them: a ``<script>`` in a quiz file reaches Moodle as text.
"""

from __future__ import annotations

import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from typing import Any

from casestudy.quiz.markup import plain_text, sanitize_html
from casestudy.quiz.model import (
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
)

from .bank import BANK_ROOT, BankReport, course_quizzes, number_text, value_tolerance
from .bank import Context as _Context

#: the grades Moodle offers for an answer (its import refuses or rounds any other)
MOODLE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333) + (
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
)


# --------------------------------------------------------------------------- small pieces


def _text(parent: ET.Element, tag: str, html: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = html
    return el


def _value(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = str(value)


def _percent(fraction: float) -> str:
    """A fraction (−1..1) as Moodle writes it: percent with at most five decimals."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _answer(parent: ET.Element, fraction: float, html: str, feedback: str, fmt="html") -> None:
    el = ET.SubElement(parent, "answer", {"fraction": _percent(fraction), "format": fmt})
    ET.SubElement(el, "text").text = html
    if feedback:
        _text(el, "feedback", feedback)


# --------------------------------------------------------------------------- one writer per type


def _write_choices(q: SingleChoice | MultipleChoice, el: ET.Element, ctx: _Context) -> None:
    single = isinstance(q, SingleChoice)
    _value(el, "single", "true" if single else "false")
    _value(el, "shuffleanswers", "true" if q.shuffle else "false")
    _value(el, "answernumbering", "abc")
    k = sum(bool(c.correct) for c in q.choices)
    share = 1.0 if single else 1.0 / max(k, 1)
    if not any(math.isclose(share, f, abs_tol=1e-6) for f in MOODLE_FRACTIONS):
        ctx.warn(q, f"{k} correct choices: {_percent(share)} % is not a grade Moodle offers")
    for c in q.choices:
        text = c.text.get(ctx.lang)
        html = f"<code>{escape(text)}</code>" if c.code else sanitize_html(text)
        fraction = share if c.correct else (0.0 if single else -share)
        _answer(el, fraction, html, ctx.html(c.feedback))


def _numeric_answer(q: Numeric, j: int, ctx: _Context) -> tuple[float, float] | None:
    """``(value, tolerance)`` for answer ``j``, or None when Moodle cannot hold it."""
    a = q.answers[j]
    if a.kind == "range":
        low, high = float(a.low), float(a.high)
        if not (math.isfinite(low) and math.isfinite(high)):
            what = "the correct answer" if a.correct else "an anticipated wrong answer"
            ctx.warn(
                q,
                f"answers[{j}] range [{number_text(low)}, {number_text(high)}) has an open end; "
                f"a tolerance needs two finite ends, so {what} and its feedback are left out",
            )
            return None
        ctx.warn(
            q,
            f"answers[{j}] range [{number_text(low)}, {number_text(high)}) becomes "
            f"{number_text((low + high) / 2)} ± {number_text((high - low) / 2)}, "
            f"which also accepts {number_text(high)}",
        )
        return (low + high) / 2, (high - low) / 2
    value, tolerance = value_tolerance(q, j, ctx)
    if a.rel_tolerance:
        ctx.warn(q, f"answers[{j}] relative tolerance written as ± {number_text(tolerance)}")
    return value, tolerance


def _write_numeric(q: Numeric, el: ET.Element, ctx: _Context) -> None:
    written_correct = False
    for j, a in enumerate(q.answers):
        mapped = _numeric_answer(q, j, ctx)
        if mapped is None:
            continue
        value, tolerance = mapped
        ans = ET.SubElement(el, "answer", {"fraction": "100" if a.correct else "0"})
        ET.SubElement(ans, "text").text = number_text(value)
        _value(ans, "tolerance", number_text(tolerance))
        feedback = ctx.html(a.feedback)
        if feedback:
            _text(ans, "feedback", feedback)
        written_correct = written_correct or bool(a.correct)
    if q.default_feedback is not None:
        _answer(el, 0.0, "*", ctx.html(q.default_feedback), fmt="moodle_auto_format")
    if not written_correct:
        ctx.warn(q, "no correct answer could be written: fix it in Moodle after import")


def _write_text(q: ShortText, el: ET.Element, ctx: _Context) -> None:
    cases = {a.match_case for a in q.answers}
    _value(el, "usecase", 1 if True in cases else 0)
    if len(cases) > 1:
        ctx.warn(q, "answers differ in match_case; Moodle sets it per question: case-sensitive")
    for j, a in enumerate(q.answers):
        if a.fuzzy_threshold:
            ctx.warn(
                q,
                f"answers[{j}] {a.answer!r} matched exactly (the notebook accepts similarity "
                f"≥ {a.fuzzy_threshold:g}); add common misspellings as answers in Moodle",
            )
        # '*' is Moodle's wildcard: a literal star is written escaped
        answer = (a.answer or "").replace("*", r"\*")
        _answer(el, 1.0 if a.correct else 0.0, answer, ctx.html(a.feedback), "moodle_auto_format")
    if q.default_feedback is not None:
        _answer(el, 0.0, "*", ctx.html(q.default_feedback), fmt="moodle_auto_format")


def _write_match(q: Match, el: ET.Element, ctx: _Context) -> None:
    _value(el, "shuffleanswers", "true")
    answer = q.answer or ()
    for left, option in zip(q.lefts, answer, strict=True):
        sub = _text(el, "subquestion", ctx.html(left))
        _text(sub, "answer", plain_text(q.options[option].get(ctx.lang)), None)
    for j in sorted(set(range(len(q.options))) - set(answer)):
        sub = _text(el, "subquestion", "")  # no text: an option that matches nothing
        _text(sub, "answer", plain_text(q.options[j].get(ctx.lang)), None)


def _write_order(q: Order, el: ET.Element, ctx: _Context) -> None:
    _value(el, "layouttype", "VERTICAL")
    _value(el, "selecttype", "ALL")
    _value(el, "selectcount", len(q.items))
    _value(el, "gradingtype", "ABSOLUTE_POSITION")
    for position, item in enumerate(q.items, start=1):  # the items in their correct order
        el_answer = ET.SubElement(el, "answer", {"fraction": str(position), "format": "html"})
        ET.SubElement(el_answer, "text").text = ctx.html(item)


def _write_essay(q: Reflection, el: ET.Element, ctx: _Context) -> None:
    _value(el, "responseformat", "editor")
    _value(el, "responserequired", 1)
    _value(el, "responsefieldlines", 10)
    _value(el, "attachments", 0)
    _text(el, "graderinfo", ctx.html(q.explanation))
    _text(el, "responsetemplate", "")


#: our question type -> (Moodle's type, the writer of what that type adds)
MOODLE_WRITERS: dict[str, tuple[str, Callable[[Any, ET.Element, _Context], None]]] = {
    "single": ("multichoice", _write_choices),
    "multiple": ("multichoice", _write_choices),
    "numeric": ("numerical", _write_numeric),
    "text": ("shortanswer", _write_text),
    "match": ("matching", _write_match),
    "order": ("ordering", _write_order),
    "reflection": ("essay", _write_essay),
}


# --------------------------------------------------------------------------- questions and bank


def _question(q: Question, quiz: Quiz, ctx: _Context) -> ET.Element:
    moodle_type, writer = MOODLE_WRITERS[q.type]
    el = ET.Element("question", {"type": moodle_type})
    _text(el, "name", f"{quiz.id} {q.id}", None)
    text = ctx.html(q.text)
    if q.code:
        text += f"<pre><code>{escape(q.code)}</code></pre>"
    _text(el, "questiontext", text)
    _text(el, "generalfeedback", ctx.html(q.explanation))
    _value(el, "defaultgrade", number_text(q.max_score))
    _value(el, "penalty", 0)  # the notebooks let students retry without a penalty
    _value(el, "hidden", 0)
    _value(el, "idnumber", f"{quiz.id}/{q.id}")
    writer(q, el, ctx)
    tags = ET.SubElement(el, "tags")
    for tag in (quiz.id, f"bloom:{q.bloom}" if q.bloom else None):
        if tag:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    ctx.report.by_type[moodle_type] += 1
    return el


def _category(quiz: Quiz, ctx: _Context) -> ET.Element:
    el = ET.Element("question", {"type": "category"})
    _text(el, "category", f"$course$/top/{BANK_ROOT}/{quiz.id}", None)
    _text(el, "info", ctx.html(quiz.title))
    return el


def moodle_bank(
    quizzes: Iterable[Quiz | str | os.PathLike] | None = None, lang: str = "en"
) -> tuple[ET.ElementTree, BankReport]:
    """The bank as an XML tree (a ``<quiz>`` root) and the report of what did not map.

    ``quizzes``: quiz names, paths or :class:`Quiz` objects (default: every quiz file).
    """
    report = BankReport()
    ctx = _Context(lang, report)
    root = ET.Element("quiz")
    ordering = 0
    for quiz in course_quizzes(quizzes, ctx):
        root.append(_category(quiz, ctx))
        for q in quiz:
            root.append(_question(q, quiz, ctx))
            ordering += q.type == "order"
    if ordering:
        report.warnings.append(
            f"{ordering} ordering question(s) need the qtype_ordering plugin: a Moodle without "
            "it cannot import them (install the plugin, or delete them from the file)"
        )
    ET.indent(root, space="  ")
    return ET.ElementTree(root), report


def write_moodle_xml(
    out: str | os.PathLike,
    quizzes: Iterable[Quiz | str | os.PathLike] | None = None,
    lang: str = "en",
) -> BankReport:
    """Write the bank to ``out`` (UTF-8 Moodle XML); returns the report."""
    tree, report = moodle_bank(quizzes, lang)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tree.write(target, encoding="UTF-8", xml_declaration=True)
    report.path = target
    return report


__all__ = ["BANK_ROOT", "MOODLE_WRITERS", "BankReport", "moodle_bank", "write_moodle_xml"]
