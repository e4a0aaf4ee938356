"""The widget view, headless: set a value, click, read the feedback and the progress line."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import ipywidgets as widgets
import pytest
import yaml
from conftest_quiz import SAMPLE_YAML, case_data_dir

from casestudy import i18n
from casestudy.quiz import QuizSession, quiz_from_dict, quiz_widget, show_quiz
from casestudy.quiz.model import seeded_order
from casestudy.quiz.store import ResponseStore
from casestudy.quiz.widgets import PALETTE, QuizWidget

pytestmark = pytest.mark.usefixtures("answers_file")


@pytest.fixture
def quiz():
    return quiz_from_dict(yaml.safe_load(SAMPLE_YAML), "01-crisis")


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


# --------------------------------------------------------------------------- clicking


def test_single_choice_click_gives_feedback_and_progress(quiz):
    w = quiz_widget(quiz)
    block = w.blocks["q-arrest"]
    radio = block.controls[0]
    assert isinstance(radio, widgets.RadioButtons) and radio.value is None
    assert "0 of 7 answered — score 0 / 7" in w.progress.value
    radio.value = 1  # "23 January 2019"
    block.button.click()
    assert "✗" in block.feedback.value and "Not quite" in block.feedback.value
    assert "That is when he resigned." in block.feedback.value
    assert "1 of 7 answered — score 0 / 7" in w.progress.value
    radio.value = 0
    block.button.click()
    feedback = text_of(block.feedback.value)
    assert "✓ Correct! Yes, on arrival at Haneda." in feedback
    assert "Attempt 2." in feedback and "He was arrested on 19 November 2018." in feedback
    assert "resigned" not in feedback  # the old message is replaced, not appended
    assert "1 of 7 answered — score 1 / 7" in w.progress.value


def test_nothing_selected_is_a_message_not_an_error(quiz, answers_file):
    w = quiz_widget(quiz)
    block = w.blocks["q-arrest"]
    block.button.click()
    assert "⚠" in block.feedback.value and "Please give an answer first." in block.feedback.value
    assert "0 of 7 answered" in w.progress.value
    assert json.loads(answers_file.read_text(encoding="utf-8"))["valid"] is False


def test_every_type_through_the_widgets(quiz):
    w = quiz_widget(quiz)
    b = w.blocks
    for box in b["q-phases"].controls:
        box.value = box.description in ("Resurrection", "Restoration")
    b["q-phases"].button.click()
    assert "1 of 2 correct answers found." in b["q-phases"].feedback.value
    assert "Not a phase." in b["q-phases"].feedback.value
    b["q-loss"].controls[0].value = "-8 046"
    b["q-loss"].button.click()
    assert "Full-year total." in b["q-loss"].feedback.value
    b["q-plan"].controls[0].value = "abc"
    b["q-plan"].button.click()
    assert "Not quite" in b["q-plan"].feedback.value
    order = b["q-order"].controls
    assert [d.description for d in order] == ["Position 1", "Position 2", "Position 3"]
    labels = dict(order[0].options)
    for dropdown, item in zip(
        order, ["Ghosn arrested", "Senard chairman", "de Meo CEO"], strict=True
    ):
        dropdown.value = labels[item]
    b["q-order"].button.click()
    assert "3 of 3 items in the right place." in b["q-order"].feedback.value
    options = dict(b["q-match"].controls[0].options)
    b["q-match"].controls[0].value = options["Rebuild"]
    b["q-match"].controls[1].value = options["Bolster"]
    b["q-match"].button.click()
    assert "1 of 2 pairs right." in b["q-match"].feedback.value
    reflect = b["q-reflect"]
    assert reflect.button.description == "Save" and isinstance(
        reflect.controls[0], widgets.Textarea
    )
    reflect.controls[0].value = "I would have separated the two losses."
    reflect.button.click()
    assert "Not graded" in reflect.feedback.value
    assert "6 of 7 answered — score 2.5 / 7" in w.progress.value


def test_feedback_appears_only_after_the_answer_is_on_disk(quiz, monkeypatch):
    w = quiz_widget(quiz)
    block = w.blocks["q-arrest"]
    seen = []
    real_append = ResponseStore.append

    def append(self, record):
        seen.append(block.feedback.value)  # what the student sees while we write
        real_append(self, record)

    monkeypatch.setattr(ResponseStore, "append", append)
    block.controls[0].value = 0
    block.button.click()
    assert seen == [""] and "Correct!" in block.feedback.value


def test_unsaved_answer_is_said(quiz, tmp_path, monkeypatch):
    w = quiz_widget(quiz)

    def broken(self, record):
        raise OSError("disk full")

    monkeypatch.setattr(ResponseStore, "append", broken)
    w.blocks["q-plan"].controls[0].value = "Renaulution"
    w.blocks["q-plan"].button.click()
    value = w.blocks["q-plan"].feedback.value
    assert "Correct!" in value and "could not be saved (OSError: disk full)" in value


# --------------------------------------------------------------------------- restore and reset


def test_rerunning_the_cell_restores_answers_and_score(quiz):
    first = quiz_widget(quiz)
    first.blocks["q-arrest"].controls[0].value = 0
    first.blocks["q-arrest"].button.click()
    first.blocks["q-loss"].controls[0].value = "-7386"
    first.blocks["q-loss"].button.click()
    for box in first.blocks["q-phases"].controls:
        box.value = box.description in ("Resurrection", "Renovation")
    first.blocks["q-phases"].button.click()
    second = quiz_widget(quiz)
    assert second.progress.value == first.progress.value
    assert "3 of 7 answered — score 3 / 7" in second.progress.value
    assert second.blocks["q-arrest"].controls[0].value == 0
    assert second.blocks["q-loss"].controls[0].value == "-7386"
    assert {b.description for b in second.blocks["q-phases"].controls if b.value} == {
        "Resurrection",
        "Renovation",
    }
    assert "Restored from your saved answers" in second.blocks["q-loss"].feedback.value
    assert "That is the H1 2020 loss." in second.blocks["q-loss"].feedback.value


def test_reset_needs_two_clicks_and_clears_everything(quiz):
    w = quiz_widget(quiz)
    w.blocks["q-arrest"].controls[0].value = 0
    w.blocks["q-arrest"].button.click()
    w.reset_button.click()
    assert w.reset_button.description.startswith("Click again")
    assert "1 of 7 answered" in w.progress.value  # nothing erased yet
    w.blocks["q-plan"].button.click()  # any other action disarms the reset
    assert w.reset_button.description == "Reset answers"
    w.reset_button.click()
    w.reset_button.click()
    assert w.blocks["q-arrest"].controls[0].value is None
    assert w.blocks["q-arrest"].feedback.value == ""
    assert "0 of 7 answered — score 0 / 7" in w.progress.value
    assert "Answers cleared" in w.status.value
    assert "0 of 7 answered" in quiz_widget(quiz).progress.value


# --------------------------------------------------------------------------- safety


EVIL = "<img src=x onerror=alert(1)>"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)


def test_markup_from_quiz_files_renders_inert():
    quiz = quiz_from_dict(
        {
            "title": "<script>alert('t')</script>Quiz",
            "questions": [
                {
                    "id": "x",
                    "type": "single",
                    "text": EVIL + " <b>bold</b>",
                    "choices": [
                        {
                            "text": EVIL,
                            "correct": True,
                            "feedback": '<a href="javascript:alert(1)">x</a>',
                        },
                        {"text": "<script>alert(2)</script>"},
                    ],
                    "explanation": "<svg onload=alert(3)><i>why</i>",
                },
                {
                    "id": "y",
                    "type": "match",
                    "text": "m",
                    "pairs": [
                        {"left": "<iframe src=//evil>", "right": "A"},
                        {"left": "ok", "right": "B"},
                    ],
                },
            ],
        },
        "evil",
    )
    w = quiz_widget(quiz)
    w.blocks["x"].controls[0].value = 0
    w.blocks["x"].button.click()
    w.blocks["x"].controls[0].value = None
    w.blocks["x"].button.click()  # invalid: echoes nothing dangerous either
    w.blocks["x"].controls[0].value = 0
    w.blocks["x"].button.click()
    html_values = [c.value for c in walk(w) if isinstance(c, widgets.HTML)]
    everything = "\n".join(html_values)
    parser = _Tags()
    parser.feed(everything)
    assert not {"img", "script", "svg", "iframe"} & set(parser.tags)
    allowed_attrs = {"role", "class", "style", "aria-hidden", "aria-live", "href", "target", "rel"}
    assert set(parser.attrs) <= allowed_attrs
    assert not any(a.startswith("on") for a in parser.attrs)
    assert "javascript:" not in everything
    assert "&lt;img src=x onerror=alert(1)&gt;" in everything  # shown, as text
    assert "<b>bold</b>" in everything and "<i>why</i>" in everything  # allowed markup kept
    # option labels are plain text (the browser sets textContent), the tag stays visible text
    assert EVIL in dict(w.blocks["x"].controls[0].options)


# --------------------------------------------------------------------------- accessibility


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("status", sorted(PALETTE))
def test_feedback_colours_meet_wcag_aa(status):
    fg, bg, icon = PALETTE[status]
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
    assert icon  # never colour alone


def test_every_control_has_an_accessible_label(quiz):
    w = quiz_widget(quiz)
    controls = [
        c
        for c in walk(w)
        if isinstance(
            c,
            widgets.RadioButtons
            | widgets.Checkbox
            | widgets.Text
            | widgets.Textarea
            | widgets.Dropdown
            | widgets.Button,
        )
    ]
    assert len(controls) > 15
    assert all(c.description.strip() for c in controls)
    for block in w.blocks.values():
        assert block.button.tooltip  # "Check question 3" tells buttons apart


def test_class_names_for_browser_tests(quiz):
    w = quiz_widget(quiz)
    classes = [cls for c in walk(w) for cls in c._dom_classes]
    assert classes.count("cs-quiz") == 1
    assert classes.count("cs-quiz-question") == 7
    assert classes.count("cs-quiz-feedback") == 7
    assert classes.count("cs-quiz-progress") == 1
    assert classes.count("cs-quiz-check") == 7 and classes.count("cs-quiz-reset") == 1


# --------------------------------------------------------------------------- determinism


def test_rendering_is_deterministic(quiz, tmp_path, monkeypatch):
    first = repr(quiz_widget(quiz))
    monkeypatch.setenv("CASESTUDY_RESPONSES", str(tmp_path / "other.jsonl"))
    second = repr(quiz_widget(quiz))
    assert first == second
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:", first)
    assert not re.search(r"0x[0-9a-f]{6,}", first)
    # choices are shuffled with the question id as seed: the same order on every run
    options = quiz_widget(quiz).blocks["q-phases"].controls
    assert [box.choice_index for box in options] == seeded_order(3, "q-phases")


def test_shuffle_can_be_switched_off(quiz):
    data = yaml.safe_load(SAMPLE_YAML)
    data["questions"][0]["shuffle"] = False
    w = quiz_widget(quiz_from_dict(data, "01-crisis"))
    assert [v for _, v in w.blocks["q-arrest"].controls[0].options] == [0, 1, 2]


# ------------------------------------------------------------------------ languages, entry points


def test_french_interface(quiz):
    i18n.set_language("fr")
    w = quiz_widget(quiz)
    block = w.blocks["q-arrest"]
    assert block.button.description == "Vérifier"
    assert "Quand Carlos Ghosn a-t-il été arrêté à Tokyo ?" in block.header.value
    assert "0 sur 7 répondues — score 0 / 7" in w.progress.value
    assert w.reset_button.description == "Effacer les réponses"
    assert "19 novembre 2018" in dict(block.controls[0].options)
    block.controls[0].value = 0
    block.button.click()
    assert "Bonne réponse" in block.feedback.value and "Haneda" in block.feedback.value
    assert "Essai 1." in block.feedback.value
    i18n.set_language("en")
    assert quiz_widget(quiz, lang="fr").blocks["q-reflect"].button.description == "Enregistrer"


def test_show_quiz_by_name_with_sources(tmp_path, monkeypatch):
    folder = case_data_dir(tmp_path, {"01-crisis.yaml": SAMPLE_YAML})
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(folder))
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    assert show_quiz("01-crisis") is None
    (widget,) = shown
    assert isinstance(widget, QuizWidget) and widget.quiz.id == "01-crisis"
    sources = [c.value for c in walk(widget) if "cs-quiz-source" in c._dom_classes]
    assert any("Source: [kf] Renault Group" in s for s in sources)
    from casestudy.data import clear_cache

    clear_cache()


def test_student_id_recorded_through_the_widget(quiz, answers_file):
    w = quiz_widget(quiz, student="s-9")
    w.blocks["q-plan"].controls[0].value = "Renaulution"
    w.blocks["q-plan"].button.click()
    assert json.loads(answers_file.read_text(encoding="utf-8"))["student_id"] == "s-9"
    assert QuizSession(quiz, student="s-9").progress().answered == 1


def test_a_quiz_shares_its_layouts_and_styles(quiz):
    """Each look is one model for the whole quiz, not one per widget (each model is a message
    to the browser and a view to render)."""
    ui = quiz_widget(quiz)
    inner = [w for w in walk(ui) if w is not ui]
    layouts = {id(w.layout) for w in inner}
    styles = {id(w.style) for w in inner if hasattr(w, "style")}
    assert len(inner) > 40
    # plain, wide, question margin, hidden style sheet, reflection text area
    assert len(layouts) <= 5, f"{len(layouts)} layouts for {len(inner)} widgets"
    assert len(styles) <= 2 * len({type(w.style) for w in inner if hasattr(w, "style")})
    # and sharing never leaks a look: every radio and dropdown is wide, every box has its margin
    for w in inner:
        if isinstance(w, widgets.RadioButtons | widgets.Dropdown):
            assert w.layout.width == "auto"
        if "cs-quiz-question" in w._dom_classes:
            assert w.layout.margin == "0 0 1em 0" and w.layout.width is None
