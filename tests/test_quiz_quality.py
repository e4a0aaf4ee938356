"""Quiz items a test-wise student cannot game, in both languages.

Three rules, each checked on the course's quizzes as loaded (the model, not the YAML text) and
each shown to fail on a doctored copy:

- the key is the longest option in at most 30 % of the single-choice items, in English and in
  French (a tie with a distractor counts as longest: guessing "the longest" still pays);
- every student-facing string has a French text (question, options, feedback, explanations,
  match items and distractors, numeric and text feedback);
- a key is never the only hedged option among distractors worded in absolutes ("always",
  "never", ...), the classic giveaway.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest

from casestudy.quiz import load_quiz
from casestudy.quiz.model import Localized, Match, MultipleChoice, Quiz, SingleChoice

QUIZZES = (
    "00-start-here",
    "01-crisis",
    "02-strategy",
    "03-product",
    "04-storytelling",
    "05-epilogue",
)
LANGUAGES = ("en", "fr")
MAX_LONGEST_KEY_SHARE = 0.30

HEDGES = {
    "en": r"may|might|could|likely|probably|perhaps|possibly|tends?|usually|often|generally|"
    r"suggests?|says little|proves little|does not prove",
    "fr": r"peut|pourrait|probablement|sans doute|peut-être|souvent|en général|tendent|tend|"
    r"suggère|dit peu|prouve peu|ne prouve pas",
}
ABSOLUTES = {
    "en": r"always|never|every|everyone|all|none|nothing|no one|entirely|clearly|proves?|"
    r"whatever",
    "fr": r"toujours|jamais|tous|toutes|aucun|aucune|entièrement|clairement|nettement|prouve|"
    r"quel que soit|quelle que soit",
}


def _has(words: str, text: str) -> bool:
    return re.search(rf"(?<![\w-])(?:{words})(?![\w-])", text.lower()) is not None


# --------------------------------------------------------------------------- the measures


def longest_key_items(quizzes: list[Quiz], lang: str) -> tuple[list[str], int]:
    """Ids of the single-choice items whose key is (one of) the longest options, and the count."""
    longest, total = [], 0
    for quiz in quizzes:
        for question in quiz.questions:
            if not isinstance(question, SingleChoice):
                continue
            total += 1
            lengths = [len(choice.text.get(lang)) for choice in question.choices]
            key = next(i for i, choice in enumerate(question.choices) if choice.correct)
            if lengths[key] >= max(length for i, length in enumerate(lengths) if i != key):
                longest.append(f"{quiz.id}:{question.id}")
    return longest, total


def student_texts(question) -> Iterator[tuple[str, Localized]]:
    """Every student-facing text of a question, with where it is."""
    yield "text", question.text
    if question.explanation is not None:
        yield "explanation", question.explanation
    for i, choice in enumerate(getattr(question, "choices", ())):
        yield f"choice {i + 1}", choice.text
        if choice.feedback is not None:
            yield f"choice {i + 1} feedback", choice.feedback
    for i, answer in enumerate(getattr(question, "answers", ())):
        if answer.feedback is not None:
            yield f"answer {i + 1} feedback", answer.feedback
    if getattr(question, "default_feedback", None) is not None:
        yield "default feedback", question.default_feedback
    for i, item in enumerate(getattr(question, "items", ())):
        yield f"item {i + 1}", item
    for i, left in enumerate(getattr(question, "lefts", ())):
        yield f"left {i + 1}", left
    for i, option in enumerate(getattr(question, "options", ())):  # pairs' answers + distractors
        yield f"option {i + 1}", option


def missing_french(quiz: Quiz) -> list[str]:
    missing = []
    if quiz.title is not None and not quiz.title.as_dict().get("fr", "").strip():
        missing.append(f"{quiz.id}: title")
    for question in quiz.questions:
        for where, text in student_texts(question):
            if not text.as_dict().get("fr", "").strip():
                missing.append(f"{quiz.id}:{question.id}: {where} ({text.canonical[:50]!r})")
    return missing


def hedged_key_cues(quiz: Quiz, lang: str) -> list[str]:
    """Choice items whose keys alone are hedged while some distractor speaks in absolutes."""
    cues = []
    for question in quiz.questions:
        if not isinstance(question, SingleChoice | MultipleChoice):
            continue
        keys = [c.text.get(lang) for c in question.choices if c.correct]
        others = [c.text.get(lang) for c in question.choices if not c.correct]
        if (
            all(_has(HEDGES[lang], key) for key in keys)
            and not any(_has(HEDGES[lang], other) for other in others)
            and any(_has(ABSOLUTES[lang], other) for other in others)
        ):
            cues.append(f"{quiz.id}:{question.id} ({lang})")
    return cues


# --------------------------------------------------------------------------- the course


@pytest.fixture(scope="module")
def quizzes() -> list[Quiz]:
    return [load_quiz(name) for name in QUIZZES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_key_is_rarely_the_longest_option(quizzes, lang):
    longest, total = longest_key_items(quizzes, lang)
    assert total >= 20, "the course should have a fair number of single-choice items"
    assert len(longest) / total <= MAX_LONGEST_KEY_SHARE, (
        f"{lang}: the key is the longest option in {len(longest)} of {total} items: {longest}"
    )


@pytest.mark.parametrize("name", QUIZZES)
def test_every_student_facing_string_has_french(quizzes, name):
    quiz = next(q for q in quizzes if q.id == name)
    assert missing_french(quiz) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_key_is_the_only_hedged_option_against_absolutes(quizzes, lang):
    assert [cue for quiz in quizzes for cue in hedged_key_cues(quiz, lang)] == []


# --------------------------------------------------------------------------- the rules can fail


def _single(qid: str, key: str, *distractors: str, fr: bool = True) -> SingleChoice:
    from casestudy.quiz.model import Choice

    def loc(text):
        return Localized({"en": text, "fr": text + " (fr)"} if fr else {"en": text})

    choices = (Choice(loc(key), correct=True), *(Choice(loc(d)) for d in distractors))
    return SingleChoice(id=qid, text=loc("Which?"), choices=choices)


def test_a_course_where_the_key_is_always_longest_fails_the_length_rule():
    doctored = Quiz(
        id="doctored",
        questions=tuple(
            _single(f"q{i}", "the long and carefully qualified right answer", "short", "brief")
            for i in range(4)
        ),
    )
    longest, total = longest_key_items([doctored], "en")
    assert (len(longest), total) == (4, 4)
    assert len(longest) / total > MAX_LONGEST_KEY_SHARE
    # a tie with a distractor still counts as longest
    tie = Quiz(id="tie", questions=(_single("q", "abcd", "wxyz", "ab"),))
    assert longest_key_items([tie], "fr")[0] == ["tie:q"]


def test_an_english_only_distractor_is_reported(quizzes):
    hero = next(q for q in quizzes if q.id == "04-storytelling")
    match = next(q for q in hero.questions if isinstance(q, Match))
    english_only = Localized({"en": "Refusal of the call"})
    doctored_match = dataclasses.replace(match, options=(*match.options, english_only))
    doctored = dataclasses.replace(
        hero,
        questions=tuple(doctored_match if q is match else q for q in hero.questions),
    )
    assert missing_french(hero) == []
    problems = missing_french(doctored)
    assert len(problems) == 1 and match.id in problems[0] and "Refusal of the call" in problems[0]
    untranslated = Quiz(id="x", questions=(_single("q", "yes", "no", fr=False),))
    assert len(missing_french(untranslated)) == 3  # the question and both options


def test_a_hedged_key_among_absolute_distractors_is_reported():
    giveaway = _single(
        "q-giveaway",
        "A good first year may not last",
        "Retro cars always sell",
        "Nostalgia never works",
        "Sales fell",
    )
    fair = _single(
        "q-fair",
        "A good first year may not last",
        "Retro cars always sell",
        "Buyers probably tire of retro looks",
        "Sales fell",
    )
    quiz = Quiz(id="doctored", questions=(giveaway, fair))
    assert hedged_key_cues(quiz, "en") == ["doctored:q-giveaway (en)"]
    assert _has(HEDGES["fr"], "La R5 peut durer") and _has(ABSOLUTES["fr"], "toujours plus")
    assert not _has(ABSOLUTES["en"], "install") and not _has(HEDGES["en"], "mayor")
