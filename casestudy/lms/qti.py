"""The quiz bank as a QTI 1.2 package for Canvas: one assessment per quiz, one writer per type.

Canvas (classic quizzes) imports a zip holding ``imsmanifest.xml`` and one QTI 1.2 assessment
per quiz; each becomes a quiz with its own question bank. How our types map:

========== ========================= ==================================================
ours       Canvas question type      notes
========== ========================= ==================================================
single     multiple_choice_question  the correct choice sets the score to 100
multiple   multiple_answers_question right when exactly the correct set is ticked;
                                     Canvas applies its own partial credit
numeric    numerical_question        each correct answer as an interval (value ±
                                     tolerance; a range [a, b) as [a, b], so b is
                                     accepted too); anticipated wrong answers and their
                                     feedback are not written (warned)
text       short_answer_question     exact answers; fuzzy matching does not map (warned)
match      matching_question         each left item's right option adds 100/n
order      matching_question         each item matched to its position (1st, 2nd ...):
                                     the same absolute-position credit; Canvas classic
                                     quizzes have no ordering type (warned once)
reflection essay_question            0 points; the model answer is the general feedback
========== ========================= ==================================================

Texts are sanitised and then escaped by ElementTree, as for Moodle.
"""

from __future__ import annotations

import hashlib
import math
import os
import xml.etree.ElementTree as ET
import zipfile
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

from .bank import BankReport, Context, course_quizzes, number_text, value_tolerance

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # a fixed date inside the zip: the same bank, the same bytes


class _Item:
    """One ``<item>`` being built: its presentation, response processing and feedback."""

    def __init__(self, q: Question, quiz: Quiz, canvas_type: str, ctx: Context):
        self.q, self.ctx = q, ctx
        self.el = ET.Element("item", {"ident": f"aoc-{quiz.id}-{q.id}", "title": q.id})
        self.meta = ET.SubElement(ET.SubElement(self.el, "itemmetadata"), "qtimetadata")
        meta = self.meta
        for label, value in (
            ("question_type", canvas_type),
            ("points_possible", number_text(q.max_score)),
        ):
            field = ET.SubElement(meta, "qtimetadatafield")
            ET.SubElement(field, "fieldlabel").text = label
            ET.SubElement(field, "fieldentry").text = value
        self.presentation = ET.SubElement(self.el, "presentation")
        text = ctx.html(q.text) + (f"<pre><code>{escape(q.code)}</code></pre>" if q.code else "")
        _material(self.presentation, text)
        self.processing = ET.SubElement(self.el, "resprocessing")
        outcomes = ET.SubElement(self.processing, "outcomes")
        ET.SubElement(
            outcomes,
            "decvar",
            {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
        )
        self.feedback: list[tuple[str, str]] = []
        self.ids: list[str] = []
        explanation = ctx.html(q.explanation)
        if explanation:
            self.condition([("other", None, None)], feedback=("general_fb", explanation))

    def condition(
        self,
        tests: list[tuple[str, str | None, str | None]],
        *,
        score: tuple[str, float] | None = None,
        feedback: tuple[str, str] | None = None,
        stop: bool = False,
        all_of: bool = False,
    ) -> None:
        """A ``<respcondition>``: the ``tests`` (tag, response id, value; inside ``<and>`` when
        ``all_of``), then the score it sets or adds and the feedback it shows."""
        cond = ET.SubElement(
            self.processing, "respcondition", {"continue": "No" if stop else "Yes"}
        )
        var = ET.SubElement(cond, "conditionvar")
        if all_of:
            var = ET.SubElement(var, "and")
        for tag, respident, value in tests:
            parent = var
            if tag.startswith("not "):
                parent, tag = ET.SubElement(var, "not"), tag[4:]
            test = ET.SubElement(parent, tag, {"respident": respident} if respident else {})
            test.text = value
        if score is not None:
            action, value = score
            setvar = ET.SubElement(cond, "setvar", {"action": action, "varname": "SCORE"})
            setvar.text = number_text(round(value, 4))
        if feedback is not None and feedback[1]:
            ET.SubElement(
                cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback[0]}
            )
            self.feedback.append(feedback)

    def finish(self) -> ET.Element:
        field = ET.SubElement(self.meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = "original_answer_ids"
        ET.SubElement(field, "fieldentry").text = ",".join(self.ids)
        for ident, html in self.feedback:
            fb = ET.SubElement(self.el, "itemfeedback", {"ident": ident})
            _material(ET.SubElement(fb, "flow_mat"), html)
        return self.el


def _material(parent: ET.Element, html: str, texttype: str = "text/html") -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", {"texttype": texttype}).text = html


def _choices(parent: ET.Element, ident: str, labels: list[tuple[str, str]], cardinality: str):
    lid = ET.SubElement(parent, "response_lid", {"ident": ident, "rcardinality": cardinality})
    render = ET.SubElement(lid, "render_choice")
    for label_id, html in labels:
        label = ET.SubElement(render, "response_label", {"ident": label_id})
        _material(label, html)
    return lid


# --------------------------------------------------------------------------- one writer per type


def _write_choices(q: SingleChoice | MultipleChoice, item: _Item) -> None:
    single = isinstance(q, SingleChoice)
    labels = []
    for i, c in enumerate(q.choices):
        text = c.text.get(item.ctx.lang)
        labels.append((f"c{i}", f"<code>{escape(text)}</code>" if c.code else sanitize_html(text)))
    _choices(item.presentation, "response1", labels, "Single" if single else "Multiple")
    item.ids = [label_id for label_id, _ in labels]
    for i, c in enumerate(q.choices):
        feedback = item.ctx.html(c.feedback)
        if feedback:
            item.condition([("varequal", "response1", f"c{i}")], feedback=(f"c{i}_fb", feedback))
    if single:
        right = [("varequal", "response1", f"c{i}") for i, c in enumerate(q.choices) if c.correct]
        item.condition(right[:1], score=("Set", 100), stop=True)
    else:
        tests = [
            ("varequal" if c.correct else "not varequal", "response1", f"c{i}")
            for i, c in enumerate(q.choices)
        ]
        item.condition(tests, score=("Set", 100), stop=True, all_of=True)


def _write_numeric(q: Numeric, item: _Item) -> None:
    fib = ET.SubElement(
        ET.SubElement(
            item.presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
        ),
        "render_fib",
        {"fibtype": "Decimal"},
    )
    ET.SubElement(fib, "response_label", {"ident": "answer1"})
    wrong = 0
    for j, a in enumerate(q.answers):
        if not a.correct:
            wrong += 1
            continue
        if a.kind == "range":
            low, high = float(a.low), float(a.high)
            if not (math.isfinite(low) and math.isfinite(high)):
                item.ctx.warn(q, f"answers[{j}] correct range has an open end: not written")
                continue
            item.ctx.warn(
                q,
                f"answers[{j}] range [{number_text(low)}, {number_text(high)}) "
                f"also accepts {number_text(high)}",
            )
        else:
            value, width = value_tolerance(q, j, item.ctx)
            low, high = value - width, value + width
        tests = [
            ("vargte", "response1", number_text(low)),
            ("varlte", "response1", number_text(high)),
        ]
        item.condition(
            tests, score=("Set", 100), feedback=(f"a{j}_fb", item.ctx.html(a.feedback)), stop=True
        )
        item.ids.append(f"a{j}")
    if wrong:
        item.ctx.dropped_wrong.append((q.id, wrong))
    if not item.ids:
        item.ctx.warn(q, "no correct answer could be written: fix it in Canvas after import")


def _text_box(item: _Item) -> None:
    """The one-line answer box a short text and an essay question show."""
    fib = ET.SubElement(
        ET.SubElement(
            item.presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
        ),
        "render_fib",
    )
    ET.SubElement(fib, "response_label", {"ident": "answer1", "rshuffle": "No"})


def _write_text(q: ShortText, item: _Item) -> None:
    _text_box(item)
    for j, a in enumerate(q.answers):
        if a.fuzzy_threshold:
            item.ctx.warn(
                q,
                f"answers[{j}] {a.answer!r} matched exactly (the notebook accepts similarity "
                f"≥ {a.fuzzy_threshold:g}); add common misspellings as answers in Canvas",
            )
        if a.match_case:
            item.ctx.warn(q, f"answers[{j}] match_case: Canvas decides case handling itself")
        feedback = (f"a{j}_fb", item.ctx.html(a.feedback))
        test = [("varequal", "response1", a.answer or "")]
        if a.correct:
            item.condition(test, score=("Set", 100), feedback=feedback, stop=True)
            item.ids.append(f"a{j}")
        elif feedback[1]:
            item.condition(test, feedback=feedback)


def _pairs(item: _Item, lefts: list[str], options: list[str], answer: list[int]) -> None:
    labels = [(f"o{j}", text) for j, text in enumerate(options)]
    for i, left in enumerate(lefts):
        lid = ET.Element("response_lid", {"ident": f"response_l{i}"})
        _material(lid, left, "text/plain")
        render = ET.SubElement(lid, "render_choice")
        for label_id, text in labels:
            label = ET.SubElement(render, "response_label", {"ident": label_id})
            _material(label, text, "text/plain")
        item.presentation.append(lid)
        item.ids.append(f"l{i}")
    for i, j in enumerate(answer):
        item.condition([("varequal", f"response_l{i}", f"o{j}")], score=("Add", 100 / len(answer)))


def _write_match(q: Match, item: _Item) -> None:
    lang = item.ctx.lang
    _pairs(
        item,
        [plain_text(left.get(lang)) for left in q.lefts],
        [plain_text(option.get(lang)) for option in q.options],
        list(q.answer or ()),
    )


def _shown_order(q: Order) -> list[int]:
    """A fixed order that is never the answer: items sorted by a hash of their text."""
    order = sorted(
        range(len(q.items)), key=lambda i: hashlib.sha256(q.items[i].canonical.encode()).digest()
    )
    if order == sorted(order) and len(order) > 1:
        order = order[1:] + order[:1]
    return order


def _write_order(q: Order, item: _Item) -> None:
    lang = item.ctx.lang
    shown = _shown_order(q)
    positions = [str(p) for p in range(1, len(q.items) + 1)]  # "1" is first
    _pairs(item, [plain_text(q.items[i].get(lang)) for i in shown], positions, shown)


def _write_essay(q: Reflection, item: _Item) -> None:
    _text_box(item)  # nothing to grade: the box alone


#: our question type -> (Canvas's question type, the writer of what that type adds)
QTI_WRITERS: dict[str, tuple[str, Callable[[Any, _Item], None]]] = {
    "single": ("multiple_choice_question", _write_choices),
    "multiple": ("multiple_answers_question", _write_choices),
    "numeric": ("numerical_question", _write_numeric),
    "text": ("short_answer_question", _write_text),
    "match": ("matching_question", _write_match),
    "order": ("matching_question", _write_order),
    "reflection": ("essay_question", _write_essay),
}


def _assessment(quiz: Quiz, ctx: Context) -> ET.Element:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    title = plain_text(quiz.title.get(ctx.lang)) if quiz.title else quiz.id
    section = ET.SubElement(
        ET.SubElement(root, "assessment", {"ident": f"aoc-{quiz.id}", "title": title}),
        "section",
        {"ident": "root_section"},
    )
    for q in quiz:
        canvas_type, writer = QTI_WRITERS[q.type]
        item = _Item(q, quiz, canvas_type, ctx)
        writer(q, item)
        section.append(item.finish())
        ctx.report.by_type[canvas_type] += 1
    ET.indent(root, space="  ")
    return root


def _manifest(quiz_ids: list[str]) -> ET.Element:
    root = ET.Element("manifest", {"identifier": "aoc-question-bank", "xmlns": CP_NS})
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for quiz_id in quiz_ids:
        res = ET.SubElement(
            resources, "resource", {"identifier": f"aoc-{quiz_id}", "type": "imsqti_xmlv1p2"}
        )
        ET.SubElement(res, "file", {"href": f"{quiz_id}/{quiz_id}.xml"})
    ET.indent(root, space="  ")
    return root


def _bytes(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def write_qti(
    out: str | os.PathLike,
    quizzes: Iterable[Quiz | str | os.PathLike] | None = None,
    lang: str = "en",
) -> BankReport:
    """Write the bank as a QTI 1.2 zip for Canvas (one assessment per quiz); returns the report."""
    report = BankReport()
    ctx = Context(lang, report)
    ctx.dropped_wrong = []  # (question id, how many) for one summary warning
    files: dict[str, bytes] = {}
    orders = 0
    for quiz in course_quizzes(quizzes, ctx):
        files[f"{quiz.id}/{quiz.id}.xml"] = _bytes(_assessment(quiz, ctx))
        orders += sum(q.type == "order" for q in quiz)
    if ctx.dropped_wrong:
        count = sum(n for _, n in ctx.dropped_wrong)
        names = ", ".join(qid for qid, _ in ctx.dropped_wrong)
        report.warnings.append(
            f"{count} anticipated wrong answer(s) of {len(ctx.dropped_wrong)} numeric "
            f"question(s) not written, with their feedback (a Canvas numerical question lists "
            f"only correct answers): {names}"
        )
    if orders:
        report.warnings.append(
            f"{orders} order question(s) written as matching (each item to its position): "
            "Canvas classic quizzes have no ordering type"
        )
    quiz_ids = [name.split("/")[0] for name in files]
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("imsmanifest.xml", _bytes(_manifest(quiz_ids))), *files.items()]:
            zf.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    report.path = target
    return report


__all__ = ["QTI_WRITERS", "write_qti"]
