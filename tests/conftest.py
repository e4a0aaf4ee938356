"""Fixtures for tests that read, break or adapt the case data: one definition for all of them.

A module whose tests must each start on the shipped data asks for it once:
``pytestmark = pytest.mark.usefixtures("fresh_data_cache")``; one whose tests save answers or
switch language asks for ``answers_file`` the same way.
Plain helpers (editing a cell, reading a figure) are in ``conftest_data.py``, imported
explicitly like ``conftest_quiz.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casestudy import data, i18n

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_data_cache(monkeypatch):
    """Each test starts on the shipped data with an empty cache, and leaves it empty."""
    monkeypatch.delenv("CASESTUDY_DATA_DIR", raising=False)
    data.clear_cache()
    yield
    data.clear_cache()


@pytest.fixture
def copy(tmp_path, monkeypatch) -> Path:
    """An instructor's copy of the data folder (quizzes left out), in use."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("quizzes"))
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(folder))
    data.clear_cache()
    return folder


@pytest.fixture
def answers_file(tmp_path, monkeypatch) -> Path:
    """The test's own answers file (in a folder not made yet), no student id, English before
    and after the test."""
    path = tmp_path / "answers" / "responses.jsonl"
    monkeypatch.setenv("CASESTUDY_RESPONSES", str(path))
    monkeypatch.delenv("CASESTUDY_STUDENT_ID", raising=False)
    i18n.set_language("en")
    yield path
    i18n.set_language("en")
