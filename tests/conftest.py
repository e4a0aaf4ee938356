"""Fixtures for tests that read, break or adapt the case data: one definition for all of them.

A module whose tests must each start on the shipped data asks for it once:
``pytestmark = pytest.mark.usefixtures("fresh_data_cache")``; one whose tests save answers or
switch language asks for ``answers_file`` the same way.
A test that breaks one cell of its copy calls ``set_cell``, one that checks a figure
``financial_value(s)`` (``from conftest import ...``).
"""

from __future__ import annotations

import csv
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


def set_cell(folder: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell of ``table`` in a data folder (``row`` is the line a spreadsheet shows,
    header = 1), then forget what was read before."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    lines[row - 1][lines[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(lines)
    data.clear_cache()


def financial_values(year: int, period: str, metric: str, basis: str = "as_published") -> list:
    """Every value ``financials`` holds for one year, period, metric and basis, as floats."""
    fin = data.load("financials")
    rows = fin[
        (fin["year"] == year)
        & (fin["period"] == period)
        & (fin["metric"] == metric)
        & (fin["basis"] == basis)
    ]
    return rows["value"].astype(float).tolist()


def financial_value(year: int, period: str, metric: str, basis: str = "as_published") -> float:
    """The first of those values; the table must have one."""
    values = financial_values(year, period, metric, basis)
    assert values, (year, period, metric, basis)
    return values[0]


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
