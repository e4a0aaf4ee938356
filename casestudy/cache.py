"""Work done once per machine: drawn charts and parsed quiz files, kept in a cache folder.

The course redoes the same work on every run: each chart is drawn again (0.1 to 0.5 s of
matplotlib text layout), each quiz file parsed again (YAML, 0.07 s). Every student who runs
a notebook again, every Voilà visit and every test run after the first can read the result
back instead. Two users of this module: :mod:`casestudy.plots.cache` (charts) and
:mod:`casestudy.quiz.bounded` (quiz files).

Each entry is stored under a key that covers everything its content depends on, including
the source code of this package (:func:`code_digest`), so an entry can be stale only if the
folder is tampered with. A damaged or unreadable entry is a miss; a folder that cannot be
written to is simply not written to; the folder keeps the most recently written entries.

Where: ``CASESTUDY_CACHE`` names the folder, or turns the cache off with ``off``; by default
the user's cache folder (``~/.cache/casestudy`` on Linux). On a hub, point it at a folder
every student can read and only the instructor can write, and fill it once with
``python -m casestudy charts`` (see docs/deployment.md).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENV_CACHE = "CASESTUDY_CACHE"
OFF = {"off", "0", "no", "false", "none"}


def folder(kind: str) -> Path | None:
    """The cache folder for one kind of entry ("charts", "quizzes"), or None when off."""
    value = os.environ.get(ENV_CACHE, "").strip()
    if value.lower() in OFF:
        return None
    if value:
        return Path(value).expanduser() / kind
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("casestudy", appauthor=False)) / kind


@functools.cache
def code_digest() -> str:
    """The package's source as imported: any change to its code makes every key new."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: Any) -> str:
    """One key for JSON-able parts, the package's code always among them."""
    text = json.dumps([code_digest(), *parts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def write_atomic(path: Path, content: bytes) -> None:
    """Write a file so that a reader sees the old content or the new, never a part."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune(where: Path, keep: int, pattern: str = "*.json") -> None:
    """Keep the ``keep`` most recently written entries (an entry is a ``pattern`` file and
    any files of the same name beside it)."""
    entries = sorted(where.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        for part in where.glob(f"{stale.stem}.*"):
            part.unlink(missing_ok=True)


def read_json(where: Path, key: str) -> Any | None:
    """A JSON entry written by :func:`write_json`, or None (absent, damaged, another key)."""
    try:
        entry = json.loads((where / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
        return None
    return entry["value"]


def write_json(where: Path, key: str, value: Any, keep: int) -> None:
    """Store a JSON value; any failure leaves the cache as it was."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        content = json.dumps({"key": key, "value": value}, ensure_ascii=False).encode()
        write_atomic(where / f"{key}.json", content)
        prune(where, keep)
    except (OSError, ValueError):
        return
