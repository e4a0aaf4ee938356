"""Shared test set-up for tests/ and nbval runs of notebooks/: no test or notebook kernel
ever writes to the real saved-answers file or reads an instructor's adapted data folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Set before any nbval kernel starts: kernels inherit the environment of the pytest process.
_SESSION_TMP = Path(tempfile.mkdtemp(prefix="casestudy-tests-"))
os.environ["CASESTUDY_RESPONSES"] = str(_SESSION_TMP / "responses.jsonl")
os.environ.pop("CASESTUDY_DATA_DIR", None)
os.environ.pop("CASESTUDY_STUDENT_ID", None)
