"""The course's questions in the learning platform a school already runs.

``write_moodle_xml(out, quizzes=None, lang="en")`` writes the quiz bank as Moodle XML (one
category per quiz, one writer per question type, see :mod:`casestudy.lms.moodle_xml`); the
command line is ``python -m casestudy quiz bank --format moodle-xml --out bank.xml``.
``write_qti(out, ...)`` writes the same questions as a QTI 1.2 zip that Canvas imports
(:mod:`casestudy.lms.qti`; ``--format qti``).
"""

from __future__ import annotations

from .bank import BankReport
from .moodle_xml import MOODLE_WRITERS, moodle_bank, write_moodle_xml
from .qti import QTI_WRITERS, write_qti

__all__ = [
    "MOODLE_WRITERS",
    "QTI_WRITERS",
    "BankReport",
    "moodle_bank",
    "write_moodle_xml",
    "write_qti",
]
