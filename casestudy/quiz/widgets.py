"""The quiz as ipywidgets: a thin view over :class:`~casestudy.quiz.session.QuizSession`.

One block per question (text, labelled controls, a Check button, a feedback area), a progress
line "k of n answered — score s / t" and a reset button. All feedback is written into widget
*values* (an ``HTML`` widget's ``.value``), never through ``with output:``, so it works — and is
tested — without a kernel, and a browser test can find it by class name:

``cs-quiz`` (whole quiz), ``cs-quiz-question`` (one block), ``cs-quiz-feedback``,
``cs-quiz-progress``, ``cs-quiz-check``, ``cs-quiz-reset``.

Accessibility: every control has a text label (its ``description``); verdicts use an icon and
a word, not colour alone; the feedback colours are dark text on light backgrounds with a
contrast ratio of at least 7:1; every control is a native button, radio, checkbox, select or
text input, so it works from the keyboard. Rendering is deterministic: shuffles are seeded by
the question id, and no timestamp or random id appears in the widgets.
"""

from __future__ import annotations

import json
import os
from html import escape
from typing import Any

import ipywidgets as widgets

from casestudy import i18n

from .markup import plain_text, sanitize_html
from .model import (
    Match,
    MultipleChoice,
    Numeric,
    Order,
    Question,
    Quiz,
    Reflection,
    Result,
    ShortText,
    SingleChoice,
    seeded_order,
)
from .session import QuizSession

#: (text colour, background, icon) per status; every pair is WCAG AA (>= 4.5:1), in fact >= 7:1
PALETTE = {
    "correct": ("#1e4620", "#edf7ed", "✓"),
    "incorrect": ("#5f2120", "#fdeded", "✗"),
    "partial": ("#663c00", "#fff4e5", "◐"),
    "invalid": ("#663c00", "#fff4e5", "⚠"),
    "saved": ("#014361", "#e5f6fd", "✓"),
    "info": ("#014361", "#e5f6fd", "ℹ"),
}
_WIDE = {"width": "auto"}

# Added with the browser tests (issue 5, tests/e2e): long choice texts must wrap and push the
# next choice down. ipywidgets draws each radio row and each checkbox at a fixed height (and
# cuts checkbox texts with an ellipsis), so a long option of 01-crisis was painted over the
# next one in JupyterLab's narrower output area. A <style> applies wherever its element sits,
# so it lives in a hidden HTML widget that takes no space.
QUIZ_CSS = (
    "<style>"
    ".cs-quiz .widget-radio-box label{height:auto;min-height:var(--jp-widgets-radio-item-height);"
    "line-height:1.4;padding:0.15em 0;display:flex;align-items:flex-start}"
    ".cs-quiz .widget-radio-box input{order:-1;flex:none;float:none;height:auto;"
    "margin:0.25em 0.5em 0 1px}"
    ".cs-quiz .widget-checkbox{height:auto;width:auto}"
    ".cs-quiz .widget-checkbox label{height:auto;white-space:normal;overflow:visible;"
    "line-height:1.4;padding:0.15em 0;display:flex;align-items:flex-start}"
    ".cs-quiz .widget-checkbox input{order:-1;flex:none;margin-top:0.2em}"
    "</style>"
)


def _box(status: str, inner: str) -> str:
    fg, bg, icon = PALETTE[status]
    return (
        f'<div role="status" class="cs-quiz-fb cs-quiz-fb-{status}" style="color:{fg};'
        f"background:{bg};border-left:4px solid {fg};padding:0.4em 0.7em;margin:0.3em 0;"
        f'line-height:1.4"><span aria-hidden="true">{icon}</span> {inner}</div>'
    )


def feedback_html(result: Result, *, lang: str, restored: bool = False, note: str = "") -> str:
    """The feedback area's HTML for a result (author and student text sanitized)."""
    parts = [f"<strong>{escape(result.verdict)}</strong>"]
    if result.message:
        parts.append(sanitize_html(result.message))
    if result.valid and result.correct is not None:
        parts.append(f"<small>{escape(i18n.t('attempt', lang, n=result.attempt))}</small>")
    if restored:
        parts.append(f"<small>{escape(i18n.t('restored', lang))}</small>")
    if note:
        parts.append(f"<br><small>{escape(note)}</small>")
    if result.explanation:
        parts.append(
            f"<br><strong>{escape(i18n.t('explanation', lang))}</strong> "
            f"{sanitize_html(result.explanation)}"
        )
    return _box(result.status, " ".join(parts))


def _citation(source_id: str) -> str:
    try:
        from casestudy.data import cite

        return cite(source_id)
    except Exception:  # noqa: BLE001 - a missing bibliography must not break the quiz
        return f"[{source_id}]"


class Shared:
    """One Layout and one style object per look, shared by every widget of a quiz.

    ipywidgets otherwise gives each widget a Layout model and a style model of its own: three
    models, three messages to the browser and three views to render, for every label of a
    quiz. Nothing here ever changes one widget's layout or style alone.
    """

    def __init__(self) -> None:
        self._layouts: dict[str, widgets.Layout] = {}
        self._styles: dict[tuple[type, str], widgets.Widget] = {}

    def __call__(self, cls, *args, layout: dict | None = None, style: dict | None = None, **kw):
        key = json.dumps(layout or {}, sort_keys=True)
        if key not in self._layouts:
            self._layouts[key] = widgets.Layout(**(layout or {}))
        kw["layout"] = self._layouts[key]
        trait = cls.class_traits().get("style")
        if trait is not None:
            look = (trait.klass, json.dumps(style or {}, sort_keys=True))
            if look not in self._styles:
                self._styles[look] = trait.klass(**(style or {}))
            kw["style"] = self._styles[look]
        return cls(*args, **kw)


class QuestionBlock:
    """The widgets of one question and how to read and set its response."""

    def __init__(
        self, question: Question, number: int, lang: str, on_check, make: Shared | None = None
    ):
        self.question = question
        self.lang = lang
        self.make = make = make or Shared()
        self.controls: list[widgets.Widget] = []
        q = question
        points = (
            i18n.t(
                i18n.plural_key("points", q.points, lang),
                lang,
                points=i18n.format_number(q.points, lang),
            )
            if q.graded
            else i18n.t("heading.not_graded", lang)
        )
        heading = (
            f"<div><strong>{escape(i18n.t('heading.question', lang, n=number))}</strong> "
            f"<small>({escape(points)})</small></div>"
        )
        body = f'<div class="cs-quiz-text">{sanitize_html(q.text.get(lang))}</div>'
        if q.code:
            body += f"<pre><code>{escape(q.code)}</code></pre>"
        self.header = make(widgets.HTML, value=heading + body)
        self.header.add_class("cs-quiz-text")
        children: list[widgets.Widget] = [self.header]
        children.extend(self._build_controls())
        verb = "save" if isinstance(q, Reflection) else "check"
        self.button = make(
            widgets.Button,
            description=i18n.t(f"button.{verb}", lang),
            tooltip=i18n.t(f"tooltip.{verb}", lang, n=number),
            icon="check",
        )
        self.button.add_class("cs-quiz-check")
        self.button.on_click(lambda _button: on_check(self))
        self.feedback = make(widgets.HTML, value="")
        self.feedback.add_class("cs-quiz-feedback")
        children += [self.button, self.feedback]
        if q.source_id:
            citation = i18n.t("source", lang, citation=_citation(q.source_id))
            source = make(widgets.HTML, value=f"<small>{escape(citation)}</small>")
            source.add_class("cs-quiz-source")
            children.append(source)
        self.box = make(widgets.VBox, children, layout={"margin": "0 0 1em 0"})
        self.box.add_class("cs-quiz-question")
        self.box.add_class(f"cs-quiz-{q.type}")

    def _order(self, n: int) -> list[int]:
        if isinstance(self.question, SingleChoice | MultipleChoice) and not self.question.shuffle:
            return list(range(n))
        return seeded_order(n, self.question.id)

    def _build_controls(self) -> list[widgets.Widget]:
        q, lang, make = self.question, self.lang, self.make
        label = i18n.t("label.answer", lang)
        style = {"description_width": "initial"}
        if isinstance(q, SingleChoice):
            options = [
                (plain_text(q.choices[i].text.get(lang)), i) for i in self._order(len(q.choices))
            ]
            radio = make(
                widgets.RadioButtons,
                options=options,
                value=None,
                description=label,
                style=style,
                layout=_WIDE,
            )
            self.controls = [radio]
            return [radio]
        if isinstance(q, MultipleChoice):
            self.controls = []
            for i in self._order(len(q.choices)):
                box = make(
                    widgets.Checkbox,
                    value=False,
                    description=plain_text(q.choices[i].text.get(lang)),
                    indent=False,
                    layout=_WIDE,
                )
                box.choice_index = i
                self.controls.append(box)
            hint = make(widgets.Label, value=i18n.t("label.select_all", lang))
            return [hint, *self.controls]
        if isinstance(q, Numeric | ShortText):
            placeholder = "placeholder.numeric" if isinstance(q, Numeric) else "placeholder.text"
            text = make(
                widgets.Text,
                value="",
                description=label,
                placeholder=i18n.t(placeholder, lang),
                style=style,
            )
            self.controls = [text]
            return [text]
        if isinstance(q, Order):
            options = [(plain_text(q.items[k].get(lang)), k) for k in self._order(len(q.items))]
            self.controls = [
                make(
                    widgets.Dropdown,
                    options=options,
                    value=None,
                    description=i18n.t("label.position", lang, n=p + 1),
                    style=style,
                    layout=_WIDE,
                )
                for p in range(len(q.items))
            ]
            return [make(widgets.Label, value=i18n.t("label.order", lang)), *self.controls]
        if isinstance(q, Match):
            options = [(plain_text(q.options[j].get(lang)), j) for j in self._order(len(q.options))]
            rows: list[widgets.Widget] = [
                make(widgets.Label, value=i18n.t("label.match_help", lang))
            ]
            self.controls = []
            for i, left in enumerate(q.lefts):
                rows.append(make(widgets.HTML, value=f"{i + 1}. {sanitize_html(left.get(lang))}"))
                dropdown = make(
                    widgets.Dropdown,
                    options=options,
                    value=None,
                    description=i18n.t("label.match", lang, n=i + 1),
                    style=style,
                    layout=_WIDE,
                )
                self.controls.append(dropdown)
                rows.append(dropdown)
            return rows
        if isinstance(q, Reflection):
            area = make(
                widgets.Textarea,
                value="",
                description=i18n.t("label.your_text", lang),
                placeholder=i18n.t("placeholder.reflection", lang),
                rows=4,
                style=style,
                layout={"width": "95%"},
            )
            self.controls = [area]
            return [area]
        raise TypeError(f"no view for question type {q.type!r}")  # pragma: no cover

    # -- response <-> controls -----------------------------------------------------------

    def response(self) -> Any:
        q = self.question
        if isinstance(q, MultipleChoice):
            return [box.choice_index for box in self.controls if box.value]
        if isinstance(q, Order | Match):
            return [dropdown.value for dropdown in self.controls]
        return self.controls[0].value

    def show(self, stored: Any) -> None:
        """Put a saved response back into the controls."""
        q = self.question
        try:
            value = q.normalize(stored)
        except Exception:  # noqa: BLE001 - a stale saved answer is simply not shown
            return
        if isinstance(q, SingleChoice):
            self.controls[0].value = value
        elif isinstance(q, MultipleChoice):
            for box in self.controls:
                box.value = box.choice_index in value
        elif isinstance(q, Order | Match):
            for dropdown, index in zip(self.controls, value, strict=False):
                dropdown.value = index
        elif isinstance(q, Numeric):
            self.controls[0].value = str(value[0])
        else:
            self.controls[0].value = value

    def clear(self) -> None:
        q = self.question
        if isinstance(q, MultipleChoice):
            for box in self.controls:
                box.value = False
        elif isinstance(q, SingleChoice | Order | Match):
            for control in self.controls:
                control.value = None
        else:
            self.controls[0].value = ""
        self.feedback.value = ""


class QuizWidget(widgets.VBox):
    """The whole quiz; ``.blocks[question_id]`` holds each question's widgets."""

    def __init__(self, quiz: Quiz, session: QuizSession, lang: str):
        self.quiz = quiz
        self.session = session
        self.lang = lang
        self.blocks: dict[str, QuestionBlock] = {}
        children: list[widgets.Widget] = []
        make = Shared()
        if quiz.title is not None:
            title = make(widgets.HTML, value=f"<h3>{sanitize_html(quiz.title.get(lang))}</h3>")
            title.add_class("cs-quiz-title")
            children.append(title)
        for number, question in enumerate(quiz, 1):
            block = QuestionBlock(question, number, lang, self._check, make)
            self.blocks[question.id] = block
            children.append(block.box)
        self.progress = make(widgets.HTML, value="")
        self.progress.add_class("cs-quiz-progress")
        self.reset_button = make(
            widgets.Button,
            description=i18n.t("button.reset", lang),
            tooltip=i18n.t("tooltip.reset", lang),
            icon="undo",
        )
        self.reset_button.add_class("cs-quiz-reset")
        self.reset_button.on_click(self._reset)
        self._reset_armed = False
        self.status = make(widgets.HTML, value="")
        footer = make(
            widgets.VBox, [self.progress, make(widgets.HBox, [self.reset_button]), self.status]
        )
        style = make(widgets.HTML, value=QUIZ_CSS, layout={"display": "none"})  # see QUIZ_CSS
        super().__init__(children=[style, *children, footer])
        self.add_class("cs-quiz")
        for qid, state in session.states.items():
            if state.result is not None:
                block = self.blocks[qid]
                block.show(state.result.response)
                block.feedback.value = feedback_html(state.result, lang=lang, restored=True)
        self._update_progress()
        if session.adopted:
            note = i18n.t("restored.adopted", lang, count=session.adopted, student=session.student)
            self.status.value = _box("info", escape(note))

    def _update_progress(self) -> None:
        text = self.session.progress().text(self.lang)
        self.progress.value = f'<div aria-live="polite"><strong>{escape(text)}</strong></div>'

    def _disarm(self) -> None:
        if self._reset_armed:
            self._reset_armed = False
            self.reset_button.description = i18n.t("button.reset", self.lang)
            self.reset_button.button_style = ""

    def _check(self, block: QuestionBlock) -> None:
        self._disarm()
        self.status.value = ""
        # the record is appended and fsynced inside submit(), before any feedback is shown
        result = self.session.submit(block.question.id, block.response())
        note = ""
        if self.session.last_save_error:
            note = i18n.t("save.failed", self.lang, error=self.session.last_save_error)
        block.feedback.value = feedback_html(result, lang=self.lang, note=note)
        self._update_progress()

    def _reset(self, _button: Any = None) -> None:
        if not self._reset_armed:  # two clicks, so one slip of the keyboard erases nothing
            self._reset_armed = True
            self.reset_button.description = i18n.t("button.reset_confirm", self.lang)
            self.reset_button.button_style = "warning"
            return
        self._disarm()
        if not self.session.reset():  # nothing recorded: clearing the screen would mislead
            error = self.session.last_save_error or "?"
            self.status.value = _box(
                "invalid", escape(i18n.t("reset.failed", self.lang, error=error))
            )
            return
        for block in self.blocks.values():
            block.clear()
        self._update_progress()
        self.status.value = _box("info", escape(i18n.t("reset.done", self.lang)))


def quiz_widget(
    quiz_or_name: Quiz | str | os.PathLike,
    *,
    responses_path: str | os.PathLike | None = None,
    student: str | None = None,
    restore: bool = True,
    lang: str | None = None,
) -> QuizWidget:
    """Build the quiz widget; saved answers for this quiz (and student) are restored."""
    from .files import load_quiz

    quiz = load_quiz(quiz_or_name)
    lang = i18n._normalise(lang) if lang else i18n.get_language()
    if lang not in i18n.LANGUAGES:
        raise ValueError(i18n.t("error.language", code=lang, choices=", ".join(i18n.LANGUAGES)))
    session = QuizSession(
        quiz, responses_path=responses_path, student=student, restore=restore, lang=lang
    )
    return QuizWidget(quiz, session, lang)


def show_quiz(quiz_or_name: Quiz | str | os.PathLike, **kwargs: Any) -> None:
    """Display the quiz in the notebook (``casestudy.show_quiz("01-crisis")``)."""
    from IPython.display import display

    display(quiz_widget(quiz_or_name, **kwargs))
