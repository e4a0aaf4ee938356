"""The course's questions in the learning platform a school already runs.

``write_moodle_xml(out, quizzes=None, lang="en")`` writes the quiz bank as Moodle XML (one
category per quiz, one writer per question type, see :mod:`casestudy.lms.moodle_xml`); the
command line is ``python -m casestudy quiz bank --format moodle-xml --out bank.xml``.
"""

from __future__ import annotations

from .moodle_xml import MOODLE_WRITERS, BankReport, moodle_bank, write_moodle_xml

__all__ = ["MOODLE_WRITERS", "BankReport", "moodle_bank", "write_moodle_xml"]
