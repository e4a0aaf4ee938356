"""Collect a class's answers into one table: answers files, exported CSV, folders and globs.

Sources are read, never written. Each readable record becomes one row; a record found twice
(the same answers file copied twice, or a file and its CSV export) is kept once. A damaged line
or an unreadable file goes into :attr:`CollectResult.problems` as ``"file:line: what"`` and is
skipped; everything else is kept.

The student is the record's ``student_id``; without one, the file's name (``alice.jsonl`` ->
``alice``), or for the default ``responses.jsonl`` the owner's folder (on a hub,
``/home/alice/.local/share/casestudy/responses.jsonl`` -> ``alice``).
"""

from __future__ import annotations

import csv
import glob
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from casestudy.exports import FORMULA_STARTS, write_frame
from casestudy.quiz.store import COLUMNS as STORE_COLUMNS
from casestudy.quiz.store import _valid_record

from .simulate import PREFIX

TABLE_COLUMNS = [
    "student",
    "quiz",
    "question_id",
    "type",
    "event",
    "attempt",
    "valid",
    "correct",
    "score",
    "max_score",
    "answer",
    "lang",
    "timestamp",
    "source_file",
]
# folders between a user's home and the default answers file, skipped when naming the student
_DATA_FOLDERS = {"casestudy", "share", ".local", "Application Support", "Library"}
_DATA_FOLDERS |= {"AppData", "Local", "Roaming"}
_GLOB_CHARS = set("*?[")


@dataclass
class CollectResult:
    """``table``: one row per record (:data:`TABLE_COLUMNS`); ``problems``: what was skipped."""

    table: Any
    problems: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    duplicates: int = 0

    @property
    def students(self) -> int:
        return int(self.table["student"].nunique())


# --------------------------------------------------------------------------- finding files


def _is_answers_file(path: Path) -> bool:
    return path.suffix == ".jsonl" and not path.name.endswith(".quarantine.jsonl")


def find_files(sources: list[str | os.PathLike], problems: list[str]) -> list[Path]:
    """Every answers file under the sources, each once, in a stable order."""
    found: list[Path] = []
    for source in sources:
        text = os.fspath(source)
        if _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            if not matches:
                problems.append(f"{text}: matches no file or folder")
            paths = [Path(m) for m in matches]
        else:
            paths = [Path(text).expanduser()]
        for path in paths:
            if path.is_dir():
                found.extend(
                    p
                    for p in sorted(path.rglob("*"))
                    if p.is_file() and (_is_answers_file(p) or p.suffix == ".csv")
                )
            elif path.exists():
                found.append(path)
            else:
                problems.append(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def student_from_path(path: Path) -> str:
    """``alice.jsonl`` -> ``alice``; ``.../alice/.local/share/casestudy/responses.jsonl`` ->
    ``alice``."""
    if path.stem != "responses":
        return path.stem
    for parent in path.resolve().parents:
        if parent.name and parent.name not in _DATA_FOLDERS:
            return parent.name
    return path.stem


# --------------------------------------------------------------------------- values


def _timestamp(value: Any) -> str | None:
    """A timestamp as ``2026-09-07T08:00:00.000Z`` (exports write microseconds; records ms)."""
    if value in (None, ""):
        return None
    when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    when = when.astimezone(timezone.utc)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _answer_text(response: Any) -> str | None:
    if response is None or isinstance(response, str):
        return response
    return json.dumps(response, ensure_ascii=False)


def _bool(value: Any) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(f"not true or false: {value!r}")


def _float(value: Any) -> float | None:
    if value in (None, ""):
        return None
    return float(value)


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    number = float(value)
    if number != int(number):
        raise ValueError(f"not a whole number: {value!r}")
    return int(number)


def _unneutralise(text: str) -> str:
    """Undo the apostrophe :func:`casestudy.exports.neutralise` puts before a formula."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _row(record: dict[str, Any], student: str, source: str) -> dict[str, Any]:
    return {
        "student": str(record.get("student_id") or student),
        "quiz": record["quiz"],
        "question_id": record["question_id"],
        "type": record.get("type"),
        "event": record["event"],
        "attempt": _int(record.get("attempt")),
        "valid": _bool(record.get("valid")),
        "correct": _bool(record.get("correct")),
        "score": _float(record.get("score")),
        "max_score": _float(record.get("max_score")),
        "answer": _answer_text(record.get("response")),
        "lang": record.get("lang") or None,
        "timestamp": _timestamp(record.get("timestamp")),
        "source_file": source,
    }


# --------------------------------------------------------------------------- readers


def _read_jsonl(path: Path, raw: bytes, problems: list[str]) -> list[dict[str, Any]]:
    student, rows = student_from_path(path), []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
            problem = _valid_record(record)
            if problem:
                raise ValueError(problem)
            if record["event"] == "reset":
                continue  # a reset clears the student's view; their earlier answers still count
            rows.append(_row(record, student, str(path)))
        except (UnicodeDecodeError, ValueError, TypeError) as exc:
            problems.append(f"{path}:{number}: damaged line skipped ({_short(exc)})")
    return rows


def _read_csv(path: Path, raw: bytes, problems: list[str], explicit: bool) -> list[dict]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not UTF-8 text, skipped ({_short(exc)})")
        return []
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if header is None:
        return []
    names = [h.strip() for h in header]
    if {"student", "question_id", "answer"} <= set(names):
        kind = "class"  # a class.csv written by write_class_csv
    elif {"quiz", "question_id", "event", "response"} <= set(names):
        kind = "export"  # casestudy.export_responses / quiz export
    else:
        if explicit:
            problems.append(f"{path}: not an answers export (no quiz/question_id columns)")
        return []
    student, rows = student_from_path(path), []
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            problems.append(
                f"{path}:{number}: damaged row skipped ({len(cells)} fields, {len(names)} expected)"
            )
            continue
        values = {n: _unneutralise(c) for n, c in zip(names, cells, strict=True)}
        try:
            if kind == "class":
                record = dict(values)
                record["student_id"] = values["student"]
                record["response"] = values["answer"] if values["answer"] != "" else None
                source = values.get("source_file") or str(path)
            else:
                record = {c: values.get(c) for c in STORE_COLUMNS}
                record["response"] = record["response"] if record["response"] != "" else None
                source = str(path)
            if record.get("event") == "reset":
                continue
            for key in ("quiz", "question_id", "event"):
                if not record.get(key):
                    raise ValueError(f"empty {key!r}")
            rows.append(_row(record, student, source))
        except (ValueError, TypeError) as exc:
            problems.append(f"{path}:{number}: damaged row skipped ({_short(exc)})")
    return rows


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 120 else text[:117] + "..."


# --------------------------------------------------------------------------- collect


def collect(sources: list[str | os.PathLike] | str | os.PathLike) -> CollectResult:
    """Read every answers file and CSV export under ``sources`` into one table.

    ``sources``: files, folders (searched recursively for ``*.jsonl`` and exported ``*.csv``)
    and globs such as ``/home/*/.local/share/casestudy/``. Returns a :class:`CollectResult`.
    """
    import pandas as pd

    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    problems: list[str] = []
    files = find_files(list(sources), problems)
    explicit = {Path(os.fspath(s)).expanduser().resolve() for s in sources}
    rows: list[dict[str, Any]] = []
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(f"{path}: unreadable, skipped ({exc.strerror or exc})")
            continue
        if path.suffix == ".csv":
            rows.extend(_read_csv(path, raw, problems, path.resolve() in explicit))
        else:
            rows.extend(_read_jsonl(path, raw, problems))
    before = len(rows)
    seen: set[tuple] = set()
    unique = []
    for row in rows:
        key = tuple(row[c] for c in TABLE_COLUMNS if c != "source_file")
        if key not in seen:
            seen.add(key)
            unique.append(row)
    table = pd.DataFrame(unique, columns=TABLE_COLUMNS)
    table = table.astype(
        {
            "attempt": "Int64",
            "valid": "boolean",
            "correct": "boolean",
            "score": "float64",
            "max_score": "float64",
        }
    )
    table = table.sort_values(
        ["student", "timestamp", "quiz", "question_id", "attempt"],
        kind="stable",
        na_position="last",
    ).reset_index(drop=True)
    return CollectResult(
        table=table, problems=problems, files=files, duplicates=before - len(unique)
    )


def is_synthetic(table: Any) -> bool:
    """True when every student of the table is a simulated one (``synthetic-NNN``)."""
    students = table["student"].dropna().astype(str)
    return bool(len(students)) and bool(students.str.startswith(PREFIX).all())


def write_class_csv(table: Any, path: str | os.PathLike) -> Path:
    """The collected table as ``class.csv`` (formula-safe, via :mod:`casestudy.exports`)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_frame(table[TABLE_COLUMNS], target)
    return target
