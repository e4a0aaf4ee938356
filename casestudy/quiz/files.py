"""Finding and loading quiz files: ``data/quizzes/<notebook-stem>.yaml`` (or a jupyterquiz
``.json``), read within bounds (:mod:`casestudy.quiz.bounded`) and validated
(:mod:`casestudy.quiz.validate`).

>>> load_quiz("00-start-here").id
'00-start-here'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .bounded import read_json, read_yaml
from .errors import Problem, QuizFormatError, describe, display_path
from .jq_convert import quiz_from_jupyterquiz
from .model import Quiz
from .validate import quiz_from_dict

QUIZ_FOLDER = "quizzes"
SUFFIXES = (".yaml", ".yml", ".json")


def known_sources() -> set[str] | None:
    """The source ids of ``sources.csv``, or None when the case data is not available."""
    from casestudy.data import CaseDataError, load

    try:
        return {str(s) for s in load("sources")["id"]}
    except (CaseDataError, OSError, KeyError):
        return None


def quizzes_dir() -> Path:
    """``data_dir() / "quizzes"`` (honours ``CASESTUDY_DATA_DIR``)."""
    from casestudy.data import data_dir

    return data_dir() / QUIZ_FOLDER


def _candidates(base: Path) -> list[Path]:
    """Every entry of the folder named like a quiz file, regular file or not."""
    try:
        entries = list(base.iterdir())
    except OSError:
        return []
    return sorted(p for p in entries if p.suffix.lower() in SUFFIXES)


def available_quizzes(folder: str | os.PathLike | None = None) -> list[str]:
    """The quiz names (file stems) in the quiz folder: regular files only."""
    base = Path(folder) if folder is not None else quizzes_dir()
    return sorted({p.stem for p in _candidates(base) if p.is_file()})


def _find(name: str) -> Path:
    base = quizzes_dir()
    for suffix in SUFFIXES:
        candidate = base / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    known = ", ".join(available_quizzes(base)) or "none"
    raise QuizFormatError(
        Problem(
            display_path(base / f"{name}.yaml"),
            None,
            None,
            f"no quiz named {describe(name)} (available: {known})",
        )
    )


def read_quiz_file(path: str | os.PathLike, *, sources: set[str] | None = None) -> Quiz:
    """One quiz file (YAML, or jupyterquiz JSON by its suffix), read and validated."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return quiz_from_jupyterquiz(
            read_json(path), quiz_id=path.stem, file=display_path(path), sources=sources
        )
    return quiz_from_dict(read_yaml(path), path.stem, file=display_path(path), sources=sources)


def load_quiz(name_or_path: Any, *, check_sources: bool = True) -> Quiz:
    """A validated :class:`Quiz` from a name (``"01-crisis"``), a YAML path or a jupyterquiz file.

    A :class:`Quiz` is returned unchanged; a list is read as jupyterquiz questions. Source ids
    are checked against ``sources.csv`` when the case data is available.
    """
    if isinstance(name_or_path, Quiz):
        return name_or_path
    if isinstance(name_or_path, list):
        return quiz_from_jupyterquiz(name_or_path)
    text = os.fspath(name_or_path)
    path = Path(text)
    bare = os.sep not in text and "/" not in text
    if bare and path.suffix.lower() not in SUFFIXES:
        path = _find(text)
    elif bare and not path.exists():  # "01-crisis.yaml": the file in the quiz folder
        path = _find(path.stem)
    return read_quiz_file(path, sources=known_sources() if check_sources else None)


def check_all_quizzes(folder: str | os.PathLike | None = None) -> list[str]:
    """Validate every quiz file; one readable line per problem (empty list: all good).

    Never raises: an entry named like a quiz that is not a regular file (a folder, a pipe) is
    reported, not opened.
    """
    try:
        base = Path(folder) if folder is not None else quizzes_dir()
    except Exception as exc:  # noqa: BLE001 - report, do not crash a check run
        return [f"quizzes: cannot find the quiz folder ({exc})"]
    problems: list[str] = []
    sources = known_sources()
    for path in _candidates(base):
        try:
            read_quiz_file(path, sources=sources)
        except QuizFormatError as exc:
            problems.extend(exc.problems)
    return problems
