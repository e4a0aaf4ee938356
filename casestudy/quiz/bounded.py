"""Reading a quiz file within bounds, so that one bad file cannot take a kernel down.

Every student who opens a quiz pays for reading it, so the readers refuse early and cheaply:

- only a **regular file** is read (a folder named ``x.yaml``, a FIFO or a device is refused
  before it is opened for reading, and it is opened without blocking);
- at most :data:`MAX_QUIZ_BYTES` are read;
- YAML **aliases** are counted and the size of the tree they expand to is measured while it is
  composed: an alias bomb (a 1 KB file that expands to billions of nodes) stops after a few
  hundred nodes, not after gigabytes; a node that contains itself is refused;
- **nesting** deeper than :data:`MAX_DEPTH` is refused in YAML and JSON.

Every failure is a :class:`QuizFormatError` naming the file.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, QuizFormatError, describe, display_path

MAX_QUIZ_BYTES = 1_000_000  # the largest course quiz is about 27 KB
MAX_ALIASES = 500
MAX_NODES = 200_000  # after expanding aliases; the largest course quiz has about 3 000
MAX_DEPTH = 40  # a quiz nests about 6 levels deep


def _fail(path: Path, message: str) -> QuizFormatError:
    return QuizFormatError(Problem(display_path(path), None, None, message))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_quiz_text(path: str | os.PathLike) -> str:
    """The text of a quiz file (UTF-8, a byte-order mark allowed), within the limits above."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except (OSError, ValueError) as exc:
        raise _fail(path, f"cannot read: {describe(str(exc), 120)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _fail(path, f"{_kind(info.st_mode)}, not a quiz file (a quiz is a regular file)")
    if info.st_size > MAX_QUIZ_BYTES:
        raise _fail(path, f"{info.st_size:,} bytes; a quiz file may hold {MAX_QUIZ_BYTES:,}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _fail(path, f"cannot read: {describe(str(exc), 120)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced between stat and open
            raise _fail(path, f"{_kind(mode)}, not a quiz file (a quiz is a regular file)")
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(MAX_QUIZ_BYTES + 1)
    except OSError as exc:
        raise _fail(path, f"cannot read: {describe(str(exc), 120)}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_QUIZ_BYTES:
        raise _fail(path, f"more than {MAX_QUIZ_BYTES:,} bytes; too large for a quiz file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None


class _Limit(Exception):
    pass


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, measuring aliases, expanded size and depth while composing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        alias = self.check_event(yaml.AliasEvent)
        if alias:
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(f"more than {MAX_ALIASES} aliases (*name)")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Limit(f"nested more than {MAX_DEPTH} levels deep")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if alias:  # its size was counted where it was anchored, unless it is still open
            if id(node) not in self._sizes:
                raise _Limit("an alias refers to the node that contains it")
            return node
        self._measure(node)
        return node

    def _measure(self, node: Any) -> None:
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = []
        size = 1
        for child in children:
            size += self._sizes[id(child)]
        if size > MAX_NODES:
            raise _Limit(f"expands to more than {MAX_NODES:,} values (too many aliases)")
        self._sizes[id(node)] = size


def parse_yaml(text: str, path: str | os.PathLike) -> Any:
    """Parse quiz YAML with the safe loader and the limits above."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except _Limit as exc:
        raise _fail(Path(path), f"refused: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise _fail(Path(path), f"{where}not valid YAML ({describe(reason, 120)})") from None
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. a 5 000-digit integer
        raise _fail(Path(path), f"not valid YAML ({describe(str(exc), 120)})") from None
    finally:
        loader.dispose()


def _depth_ok(data: Any) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a quiz can use")


def parse_json(text: str, path: str | os.PathLike) -> Any:
    """Parse jupyterquiz JSON: no NaN/Infinity, no nesting deeper than :data:`MAX_DEPTH`."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _fail(
            Path(path), f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise _fail(Path(path), f"refused: nested more than {MAX_DEPTH} levels deep") from None
    except (ValueError, OverflowError) as exc:
        raise _fail(Path(path), f"not valid JSON ({describe(str(exc), 120)})") from None
    if not _depth_ok(data):
        raise _fail(Path(path), f"refused: nested more than {MAX_DEPTH} levels deep")
    return data


#: parsed quiz files kept in the cache folder (a few kB each)
MAX_CACHED_QUIZZES = 200


def read_yaml(path: str | os.PathLike) -> Any:
    """A quiz YAML file, read and parsed within bounds.

    Parsing YAML in pure Python (the bounded loader above) takes about 0.07 s for a course
    quiz; a file already parsed on this machine, byte for byte, is read back from the cache
    folder (:mod:`casestudy.cache`) as JSON instead. Only values JSON keeps exactly are stored.
    """
    from .. import cache

    text = read_quiz_text(path)
    where = cache.folder("quizzes")
    if where is None:
        return parse_yaml(text, path)
    key = cache.key_of("quiz-yaml", yaml.__version__, text)
    found = cache.read_json(where, key)
    if found is not None:
        return found
    data = parse_yaml(text, path)
    if _json_exact(data):
        cache.write_json(where, key, data, MAX_CACHED_QUIZZES)
    return data


def _json_exact(data: Any) -> bool:
    """True when Python's json gives back exactly ``data``: text keys, no dates, no binary
    (it writes and reads back infinities, which open ranges such as ``[0, .inf]`` use)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                return False
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif value is not None and type(value) not in (str, int, bool, float):
            return False
    return True


def read_json(path: str | os.PathLike) -> Any:
    """A jupyterquiz JSON file, read and parsed within bounds."""
    return parse_json(read_quiz_text(path), path)
