"""Saved answers: an append-only JSON Lines file, one record per check, nothing lost.

Every check appends one line — quiz, question id, response, correct, score, attempt,
timestamp, and a student id only when one was given — with a single ``write`` on a file opened
for appending, then ``fsync``, before the feedback is shown. A line left half-written by a
crash is skipped with a warning and copied to a quarantine file beside the answers file; the
next record starts on a fresh line, so the quiz keeps working.

Where the file is: the ``path`` argument, else ``CASESTUDY_RESPONSES``, else
``responses.jsonl`` in the user's data folder (``platformdirs.user_data_dir("casestudy")``,
e.g. ``~/.local/share/casestudy`` on Linux).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import warnings
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from casestudy import i18n

ENV_RESPONSES = "CASESTUDY_RESPONSES"
ENV_STUDENT = "CASESTUDY_STUDENT_ID"
RECORD_VERSION = 1
EVENTS = ("check", "save", "reset")
COLUMNS = [
    "timestamp",
    "quiz",
    "question_id",
    "type",
    "event",
    "response",
    "valid",
    "correct",
    "score",
    "max_score",
    "attempt",
    "lang",
    "student_id",
]


class QuizStoreWarning(UserWarning):
    """A saved-answers line could not be read (it was quarantined, the rest still loads)."""


def default_responses_path() -> Path:
    """``responses.jsonl`` in the user's data folder."""
    from platformdirs import user_data_dir  # a dependency; imported late to keep import light

    return Path(user_data_dir("casestudy", appauthor=False)) / "responses.jsonl"


def responses_path(path: str | os.PathLike | None = None) -> Path:
    """The answers file in use: the argument, else ``CASESTUDY_RESPONSES``, else the default."""
    if path is not None:
        return Path(path).expanduser()
    override = os.environ.get(ENV_RESPONSES)
    if override:
        return Path(override).expanduser()
    return default_responses_path()


def student_id(value: str | None = None) -> str | None:
    """The student id to record: the argument, else ``CASESTUDY_STUDENT_ID``, else None."""
    chosen = value if value is not None else os.environ.get(ENV_STUDENT)
    if chosen is None:
        return None
    chosen = str(chosen).strip()
    return chosen or None


def quarantine_path(path: Path) -> Path:
    """``responses.jsonl`` -> ``responses.quarantine.jsonl``."""
    return path.with_name(f"{path.stem}.quarantine{path.suffix or '.jsonl'}")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _regular_or_missing(path: Path) -> bool:
    """True for a regular file, False when there is none; OSError for a folder, pipe or device
    (opening a named pipe would wait for a writer forever)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return True


def encode_record(record: dict[str, Any]) -> bytes:
    """One record as one UTF-8 JSON line; ``ValueError``/``TypeError`` if it cannot be saved."""
    return (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def append_line(path: Path, record: dict[str, Any]) -> None:
    """Append one JSON record as one line, durably (``write`` then ``fsync``).

    If the file does not end with a newline (a writer was killed mid-line), the record starts
    on a new line so that only the broken line is lost.
    """
    append_lines(path, [record])


def append_lines(path: Path, records: Sequence[dict[str, Any]]) -> None:
    """Append records with one ``write`` and one ``fsync``; all are encoded before writing."""
    data = b"".join(encode_record(r) for r in records)
    if not data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not _regular_or_missing(path)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size:
            with open(path, "rb") as tail:
                tail.seek(size - 1)
                if tail.read(1) != b"\n":
                    data = b"\n" + data
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        _fsync_dir(path.parent)


def _valid_record(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    if record.get("event") not in EVENTS:
        return "no known 'event'"
    if not isinstance(record.get("quiz"), str):
        return "no 'quiz'"
    if record["event"] != "reset" and not isinstance(record.get("question_id"), str):
        return "no 'question_id'"
    return None


class ResponseStore:
    """The saved-answers file: append records, read them back (quarantining bad lines)."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = responses_path(path)

    @property
    def quarantine(self) -> Path:
        return quarantine_path(self.path)

    def append(self, record: dict[str, Any]) -> None:
        append_line(self.path, record)

    def read(self) -> list[dict[str, Any]]:
        """Every readable record, in file order. Bad lines: a warning and the quarantine file."""
        try:
            _regular_or_missing(self.path)
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:  # a folder, no permission: the quiz must still open
            warnings.warn(
                i18n.t("store.unreadable", path=self.path, error=exc),
                QuizStoreWarning,
                stacklevel=3,
            )
            return []
        if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark left by an editor
            raw = raw[3:]
        records, bad = [], []
        lines = raw.split(b"\n")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
                record = json.loads(text)
            except (UnicodeDecodeError, ValueError) as exc:
                bad.append((number, line.decode("utf-8", "replace"), f"unreadable: {exc}"))
                continue
            problem = _valid_record(record)
            if problem:
                bad.append((number, text, problem))
                continue
            records.append(record)
        if bad:
            self._quarantine(bad)
        return records

    def _quarantine(self, bad: list[tuple[int, str, str]]) -> None:
        target = self.quarantine
        known: set[tuple[int, str]] = set()
        try:
            for line in target.read_bytes().decode("utf-8", "replace").splitlines():
                try:
                    entry = json.loads(line)
                    known.add((entry["line"], entry["text"]))
                except (ValueError, KeyError, TypeError):
                    continue
        except OSError:  # none yet, or unreadable: copy everything again
            pass
        fresh = [(n, text, why) for n, text, why in bad if (n, text) not in known]
        if not fresh:
            return
        stamp = now_iso()
        entries = [
            {
                "file": str(self.path),
                "line": number,
                "reason": why,
                "text": text,
                "quarantined_at": stamp,
            }
            for number, text, why in fresh
        ]
        values = {"path": self.path, "count": len(fresh), "lines": _line_list(fresh)}
        try:
            append_lines(target, entries)  # one write and one fsync for the whole restore
        except (OSError, ValueError) as exc:
            message = i18n.t("store.corrupt_not_copied", **values, quarantine=target, error=exc)
        else:
            message = i18n.t("store.corrupt", **values, quarantine=target)
        warnings.warn(message, QuizStoreWarning, stacklevel=3)


def _line_list(bad: Sequence[tuple[int, str, str]], shown: int = 20) -> str:
    numbers = [str(n) for n, _, _ in bad[:shown]]
    more = len(bad) - shown
    return ", ".join(numbers) + (f" … (+{more})" if more > 0 else "")


def make_record(
    *,
    event: str,
    quiz: str,
    question_id: str | None = None,
    question_type: str | None = None,
    response: Any = None,
    valid: bool | None = None,
    correct: bool | None = None,
    score: float | None = None,
    max_score: float | None = None,
    attempt: int | None = None,
    lang: str | None = None,
    student: str | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "v": RECORD_VERSION,
        "timestamp": now_iso(),
        "event": event,
        "quiz": quiz,
    }
    if event != "reset":
        record.update(
            question_id=question_id,
            type=question_type,
            response=response,
            valid=valid,
            correct=correct,
            score=score,
            max_score=max_score,
            attempt=attempt,
        )
    if lang:
        record["lang"] = lang
    if student:
        record["student_id"] = student
    return record


# --------------------------------------------------------------------------- for instructors


def _files(path: Any) -> list[Path]:
    if path is None or isinstance(path, str | os.PathLike):
        paths = [responses_path(path)]
    else:
        paths = [Path(p).expanduser() for p in path]
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(f for f in p.glob("*.jsonl") if not f.name.endswith(".quarantine.jsonl"))
            )
        else:
            out.append(p)
    return out


def responses(
    path: str | os.PathLike | Sequence[str | os.PathLike] | None = None, *, quiz: str | None = None
):
    """The saved answers as a pandas DataFrame, one row per record, oldest first.

    ``path`` is an answers file, a folder of collected ``*.jsonl`` files, or a list of either
    (default: the file in use). Columns: ``timestamp`` (UTC), ``quiz``, ``question_id``,
    ``type``, ``event`` (check, save or reset), ``response``, ``valid``, ``correct``,
    ``score``, ``max_score``, ``attempt``, ``lang``, ``student_id``.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for file in _files(path):
        rows.extend(ResponseStore(file).read())
    if quiz is not None:
        rows = [r for r in rows if r.get("quiz") == quiz]
    frame = pd.DataFrame([{c: r.get(c) for c in COLUMNS} for r in rows], columns=COLUMNS)
    frame["timestamp"] = pd.to_datetime(
        frame["timestamp"], utc=True, errors="coerce", format="ISO8601"
    )
    return frame


def export_responses(
    path: str | os.PathLike,
    format: str | None = "csv",
    *,
    responses_path: str | os.PathLike | Iterable[str | os.PathLike] | None = None,
    quiz: str | None = None,
    neutralise_formulas: bool = True,
) -> Path:
    """Write the saved answers for an instructor: ``format="csv"`` or ``"json"`` (a record list).

    Nothing personal is written unless a student id was recorded (the ``student_id`` column is
    dropped when empty). Lists and pairings in ``response`` are written as JSON text in CSV.
    The CSV goes through :func:`casestudy.exports.write_frame`: a cell a student typed that a
    spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...) is written with a leading
    apostrophe, and every line break inside an answer is quoted;
    ``neutralise_formulas=False`` writes the text exactly (for a program, not a spreadsheet).
    Returns the path written.
    """
    fmt = (format or Path(path).suffix.lstrip(".") or "csv").lower()
    if fmt not in ("csv", "json"):
        raise ValueError(i18n.t("error.export_format", format=format))
    frame = responses(responses_path, quiz=quiz)
    if frame["student_id"].isna().all():
        frame = frame.drop(columns=["student_id"])
    frame["timestamp"] = frame["timestamp"].map(
        lambda ts: ts.isoformat().replace("+00:00", "Z") if ts == ts and ts is not None else None
    )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        target.write_text(
            json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    else:
        from casestudy.exports import write_frame

        frame["response"] = frame["response"].map(
            lambda r: r if isinstance(r, str) or r is None else json.dumps(r, ensure_ascii=False)
        )
        write_frame(frame, target, neutralise_formulas=neutralise_formulas)
    return target
