"""Which answers the browser tests click: read from the notebook's quiz file, not hard-coded.

For each notebook we take the first graded single-choice question of data/quizzes/<stem>.yaml
(the instructor copy, which knows the right choice) and one right and one wrong option label as
the widget shows them. A new notebook with a quiz is therefore tested without editing the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy import i18n
from casestudy.quiz import SingleChoice, load_quiz
from casestudy.quiz.markup import plain_text

LANG = i18n.DEFAULT_LANGUAGE  # casestudy.notebook.setup() defaults to it


@dataclass(frozen=True)
class Key:
    index: int  # position of the question among the quiz's .cs-quiz-question blocks
    question_id: str
    right: str  # option labels as shown
    wrong: str
    says_right: str  # the verdicts the feedback must show
    says_wrong: str


def answer_key(stem: str) -> Key:
    quiz = load_quiz(stem)
    for index, question in enumerate(quiz):
        if not isinstance(question, SingleChoice) or not question.graded:
            continue
        right = [c for c in question.choices if c.correct]
        wrong = [c for c in question.choices if not c.correct]
        if right and wrong:
            return Key(
                index=index,
                question_id=question.id,
                right=plain_text(right[0].text.get(LANG)),
                wrong=plain_text(wrong[0].text.get(LANG)),
                says_right=i18n.t("result.correct", LANG),
                says_wrong=i18n.t("result.incorrect", LANG),
            )
    raise AssertionError(
        f"data/quizzes/{stem}.yaml has no graded single-choice question with a right and a"
        " wrong choice: the browser tests need one to click"
    )
