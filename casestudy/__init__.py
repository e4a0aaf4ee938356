"""Anatomy of a Comeback: sourced case data, charts and quizzes for a Jupyter teaching case.

Notebooks import only this package. Its public names are few and guessable::

    import casestudy
    casestudy.datasets()                 # the table names
    casestudy.load("financials")         # a typed pandas DataFrame
    casestudy.cite("kf")                 # a formatted reference
    casestudy.promise_vs_delivery()      # targets against what was delivered
    casestudy.plots.timeline()           # every chart lives in casestudy.plots
    casestudy.show_quiz("01-crisis")     # the notebook's quiz

``import casestudy`` is light: pandas loads on the first data access, matplotlib on the first
chart and ipywidgets on the first quiz.
"""

from __future__ import annotations

import importlib
from typing import Any

from .data import CaseDataError, check, cite, clear_cache, data_dir, datasets, describe, load

__version__ = "0.1.0"  # the only place the version is written; pyproject.toml reads it

# name -> (module, attribute); resolved on first use so that importing stays light
_LAZY = {
    "promise_vs_delivery": ("casestudy.analysis", "promise_vs_delivery"),
    "financial_series": ("casestudy.analysis", "financial_series"),
    "disagreements": ("casestudy.analysis", "disagreements"),
    "show_quiz": ("casestudy.quiz", "show_quiz"),
    "quiz_widget": ("casestudy.quiz", "quiz_widget"),
    "load_quiz": ("casestudy.quiz", "load_quiz"),
    "export_responses": ("casestudy.quiz", "export_responses"),
    "responses": ("casestudy.quiz", "responses"),
    "release_quiz": ("casestudy.quiz", "release_quiz"),
    "set_language": ("casestudy.i18n", "set_language"),
    "get_language": ("casestudy.i18n", "get_language"),
    "exercises": ("casestudy.exercise", "exercises"),
    "check_exercise": ("casestudy.exercise", "check_exercise"),
}
_SUBMODULES = {"plots", "analysis", "quiz", "i18n", "notebook"}

__all__ = [
    "CaseDataError",
    "check",
    "cite",
    "clear_cache",
    "data_dir",
    "datasets",
    "describe",
    "load",
    *_LAZY,
    *sorted(_SUBMODULES),
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"casestudy.{name}")
    raise AttributeError(f"module 'casestudy' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(__all__)
