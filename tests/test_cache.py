"""The cache folder for parsed quiz files: what is read back is what the parser gives, and
the cache never lets through a file the parser refuses."""

from __future__ import annotations

import json

import pytest

from casestudy import cache
from casestudy.quiz import QuizFormatError, bounded

QUIZ = """\
title: {en: Cache, fr: Cache}
questions:
  - id: q-one
    type: numeric
    text: {en: "How many?", fr: "Combien ?"}
    answer: 3
    tolerance: 0.5
"""


@pytest.fixture
def quiz_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_CACHE, str(tmp_path / "cache"))
    return tmp_path / "cache" / "quizzes"


def entries(folder):
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_a_parsed_quiz_is_read_back_without_parsing(quiz_cache, tmp_path, monkeypatch):
    path = tmp_path / "q.yaml"
    path.write_text(QUIZ, encoding="utf-8")
    first = bounded.read_yaml(path)
    assert len(entries(quiz_cache)) == 1

    def refuse(*_args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(bounded, "parse_yaml", refuse)
    again = bounded.read_yaml(path)
    assert again == first
    assert type(again["questions"][0]["answer"]) is int
    assert type(again["questions"][0]["tolerance"]) is float


def test_an_open_range_comes_back_open(quiz_cache, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(QUIZ + "range: [0, .inf]\n", encoding="utf-8")
    bounded.read_yaml(path)
    assert len(entries(quiz_cache)) == 1
    assert bounded.read_yaml(path)["range"] == [0, float("inf")]


def test_an_edited_file_is_parsed_again(quiz_cache, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(QUIZ, encoding="utf-8")
    bounded.read_yaml(path)
    path.write_text(QUIZ.replace("answer: 3", "answer: 4"), encoding="utf-8")
    assert bounded.read_yaml(path)["questions"][0]["answer"] == 4
    assert len(entries(quiz_cache)) == 2


@pytest.mark.parametrize("value", ["2024-01-31", "!!binary aGk=", "{1: one}", "{null: x}"])
def test_values_json_would_change_are_never_stored(quiz_cache, tmp_path, value):
    path = tmp_path / "q.yaml"
    path.write_text(QUIZ + f"extra: {value}\n", encoding="utf-8")
    data = bounded.read_yaml(path)
    assert "extra" in data
    assert entries(quiz_cache) == []


def test_a_damaged_entry_is_parsed_again(quiz_cache, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(QUIZ, encoding="utf-8")
    good = bounded.read_yaml(path)
    (entry,) = entries(quiz_cache)
    for damage in ("{broken", json.dumps({"key": "another", "value": {"title": "forged"}})):
        entry.write_text(damage, encoding="utf-8")
        assert bounded.read_yaml(path) == good


def test_a_refused_file_stays_refused_and_is_never_stored(quiz_cache, tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}]\n"
        for i in range(8)
    )
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(QuizFormatError, match="refused"):
            bounded.read_yaml(path)
    assert entries(quiz_cache) == []


def test_cache_off_always_parses(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV_CACHE, "off")
    assert cache.folder("quizzes") is None
    path = tmp_path / "q.yaml"
    path.write_text(QUIZ, encoding="utf-8")
    assert bounded.read_yaml(path)["title"]["en"] == "Cache"


def test_prune_keeps_the_newest_entries(tmp_path):
    for i in range(5):
        cache.write_json(tmp_path, f"k{i}", i, keep=3)
    kept = sorted(p.stem for p in tmp_path.glob("*.json"))
    assert len(kept) == 3 and "k4" in kept
    assert cache.read_json(tmp_path, "k4") == 4


def test_keys_change_with_every_part():
    assert cache.key_of("a", 1) == cache.key_of("a", 1)
    assert cache.key_of("a", 1) != cache.key_of("a", 2)
    assert cache.key_of("a", 1) != cache.key_of("a", "1")
