"""Find the case data, read each CSV table by its schema, validate it and raise clear errors.

The tables live in ``data/`` beside this package (a source checkout or an editable install),
in ``casestudy/_data`` inside a wheel, or wherever ``CASESTUDY_DATA_DIR`` points (an instructor
adapting the case). ``data/datapackage.json`` describes every table: its fields, types,
constraints, primary key and foreign keys (a Frictionless-style subset, see
``docs/data-schema-contract.md``). Every problem found is reported as a :class:`CaseDataError`
whose message names the file, the row (the line number a spreadsheet shows), the column and
what was expected.

>>> {"sources", "events", "financials"} <= set(datasets())
True
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .schema import PACKAGE, SCHEMA_FILE, Field, Package, Resource, read_package

ENV_DATA_DIR = "CASESTUDY_DATA_DIR"

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_INTEGER = re.compile(r"^[+-]?\d+$")
# what the loaded tables can hold: pandas' nanosecond dates and 64-bit integers
FIRST_DATE, LAST_DATE = date(1677, 9, 22), date(2262, 4, 11)
INT_RANGE = (-(2**63), 2**63 - 1)


class CaseDataError(Exception):
    """A data file is missing, unreadable or breaks its schema.

    ``problems`` holds every problem found (one readable line each); the message is the first
    one, followed by a count of the others.
    """

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        first = self.problems[0] if self.problems else "unknown data problem"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem(s))" if more > 0 else ""))


def data_dir() -> Path:
    """The folder the case data is read from.

    ``CASESTUDY_DATA_DIR`` wins; then ``data/`` next to the package (a checkout or an editable
    install); then the copy shipped inside the wheel.
    """
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        path = Path(override).expanduser()
        if not (path / SCHEMA_FILE).is_file():
            raise CaseDataError(
                f"{ENV_DATA_DIR}={override}: no {SCHEMA_FILE} there; point it at a folder "
                "that holds the case tables and their schema (a copy of data/)"
            )
        return path.resolve()
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "data", here / "_data"):
        if (candidate / SCHEMA_FILE).is_file():
            return candidate
    raise CaseDataError(
        f"no case data found: looked for {here.parent / 'data' / SCHEMA_FILE} and "
        f"{here / '_data' / SCHEMA_FILE}; set {ENV_DATA_DIR} to the data folder"
    )


@lru_cache(maxsize=8)
def _schema(folder: str) -> Package:
    return read_package(Path(folder))


def _package(folder: str) -> dict[str, Resource]:
    """The tables whose schema is sound; a problem of the package as a whole is raised."""
    package = _schema(folder)
    if PACKAGE in package.problems:
        raise CaseDataError(package.problems[PACKAGE])
    return package.resources


def _table_names(folder: str) -> list[str]:
    """Every table the schema names, sound or not, in its order."""
    package = _schema(folder)
    names = [n for n in package.problems if n != PACKAGE]
    return list(dict.fromkeys([*package.resources, *names]))


def datasets() -> list[str]:
    """The names of the case tables, in the order the schema lists them."""
    folder = str(data_dir())
    _package(folder)
    return _table_names(folder)


def describe(name: str | None = None):
    """A table of the tables (no argument) or of one table's columns, with their meaning."""
    import pandas as pd

    package = _package(str(data_dir()))
    if name is None:
        return pd.DataFrame(
            [
                {"table": r.name, "title": r.title, "description": r.description}
                for r in package.values()
            ]
        )
    res = _resource(name)
    return pd.DataFrame(
        [
            {
                "column": f.name,
                "type": f.type,
                "required": f.required,
                "allowed values": ", ".join(f.enum) if f.enum else "",
                "description": f.description,
            }
            for f in res.fields
        ]
    )


def _resource(name: str) -> Resource:
    folder = str(data_dir())
    package = _package(folder)
    broken = _schema(folder).problems
    if name in broken:
        raise CaseDataError(broken[name])
    if name not in package:
        raise CaseDataError(
            f"no table named '{name}'; the tables are: {', '.join(package)}"
            " (casestudy.datasets() lists them)"
        )
    return package[name]


def allowed_values(name: str, column: str) -> tuple[str, ...]:
    """The values a column of a table may hold (its ``enum`` in datapackage.json), in order.

    >>> allowed_values("events", "confidence")
    ('high', 'medium', 'low')
    """
    res = _resource(name)
    for f in res.fields:
        if f.name == column:
            return tuple(f.enum or ())
    raise CaseDataError(f"{res.path}: table '{name}' has no column '{column}'")


# ---------------------------------------------------------------------------------------------
# Reading and checking one table


# sha256 of each table file's bytes as last parsed: what fingerprint() reports
_DIGESTS: dict[Path, str] = {}


def _read_rows(res: Resource) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and rows with the line number a spreadsheet would show (header = line 1)."""
    try:
        raw = res.path.read_bytes()
    except FileNotFoundError:
        raise CaseDataError(f"{res.path}: file not found (table '{res.name}')") from None
    except OSError as exc:
        raise CaseDataError(
            f"{res.path}: cannot be read as a table ({exc.strerror or exc}; table '{res.name}')"
        ) from None
    from hashlib import sha256  # here, not at import: it loads OpenSSL (2-3 ms)

    _DIGESTS[res.path] = sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")  # a spreadsheet's export may carry a BOM
    except UnicodeDecodeError as exc:
        raise CaseDataError(
            f"{res.path}: byte {exc.start}: not UTF-8 text; save the file as 'CSV UTF-8'"
        ) from None
    if not text.strip():
        raise CaseDataError(
            f"{res.path}: the file is empty; expected a header row with the columns "
            f"{', '.join(res.field_names)}"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            rows.append((reader.line_num, record))
    except csv.Error as exc:
        raise CaseDataError(f"{res.path}: row {reader.line_num}: unreadable CSV ({exc})") from None
    return header, rows


def _to_integer(value: str, spec: Field) -> int:
    if not _INTEGER.match(value) or len(value) > 20:
        raise ValueError(f"expected a whole number, got '{_short(value)}'")
    number = int(value)
    if not INT_RANGE[0] <= number <= INT_RANGE[1]:
        raise ValueError(f"expected a whole number of at most 18 digits, got '{value}'")
    return number


def _to_number(value: str, spec: Field) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(
            f"expected a number with a decimal point (e.g. -8046 or 6.3), got '{_short(value)}'"
        ) from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"expected a finite number, got '{_short(value)}'")
    return number


def _to_boolean(value: str, spec: Field) -> bool:
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise ValueError(f"expected true or false, got '{_short(value)}'")
    return lowered == "true"


def _to_date(value: str, spec: Field) -> date:
    match = (_PARTIAL_DATE if spec.partial else _FULL_DATE).match(value)
    expected = "an ISO date YYYY-MM-DD" + (", YYYY-MM or YYYY" if spec.partial else "")
    if not match:
        raise ValueError(f"expected {expected}, got '{_short(value)}'")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        when = date(year, month, day)
    except ValueError:
        raise ValueError(f"expected {expected}, got '{value}' (no such day)") from None
    if not FIRST_DATE <= when <= LAST_DATE:
        raise ValueError(
            f"expected a date between {FIRST_DATE} and {LAST_DATE}, got '{value}' "
            "(a typo in the year?)"
        )
    return when


_CONVERTERS = {
    "string": lambda value, spec: value,
    "integer": _to_integer,
    "number": _to_number,
    "boolean": _to_boolean,
    "date": _to_date,
}


def _convert(value: str, spec: Field) -> Any:
    """The typed value of a non-empty cell, or raise ValueError with what was expected."""
    return _CONVERTERS[spec.type](value, spec)  # the schema allows only these types


def _check_constraints(value: Any, text: str, spec: Field) -> str | None:
    if spec.enum is not None and text not in spec.enum:
        return f"expected one of {', '.join(spec.enum)}, got '{_short(text)}'"
    if spec.pattern is not None and not re.fullmatch(spec.pattern, text):
        return f"expected text matching {spec.pattern}, got '{_short(text)}'"
    if spec.minimum is not None and isinstance(value, int | float) and value < spec.minimum:
        return f"expected at least {spec.minimum}, got {text}"
    if spec.maximum is not None and isinstance(value, int | float) and value > spec.maximum:
        return f"expected at most {spec.maximum}, got {text}"
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


def _parse(res: Resource) -> tuple[list[dict[str, Any]], list[int], list[str]]:
    """Typed records, their line numbers, and every problem found in this table alone."""
    header, rows = _read_rows(res)
    problems: list[str] = []
    where = str(res.path)
    missing = [f for f in res.field_names if f not in header]
    if missing:
        raise CaseDataError(
            f"{where}: row 1 (header): missing column(s) {', '.join(missing)}; "
            f"expected the columns {', '.join(res.field_names)}"
        )
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        problems.append(f"{where}: row 1 (header): column(s) {', '.join(twice)} appear twice")
    extra = [h for h in header if h not in res.field_names]
    if extra:
        problems.append(
            f"{where}: row 1 (header): unexpected column(s) {', '.join(extra)}; "
            "add them to datapackage.json or remove them"
        )
    index = {name: header.index(name) for name in res.field_names}
    records, lines = [], []
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(
                f"{where}: row {line}: {len(cells)} cells but the header has {len(header)}"
                " (a comma inside an unquoted value?)"
            )
            continue
        record: dict[str, Any] = {}
        for spec in res.fields:
            text = cells[index[spec.name]].strip()
            if not text:
                if spec.required:
                    problems.append(
                        f"{where}: row {line}, column '{spec.name}': required value is empty"
                    )
                record[spec.name] = None
                continue
            try:
                value = _convert(text, spec)
            except ValueError as exc:
                problems.append(f"{where}: row {line}, column '{spec.name}': {exc}")
                record[spec.name] = None
                continue
            issue = _check_constraints(value, text, spec)
            if issue:
                problems.append(f"{where}: row {line}, column '{spec.name}': {issue}")
            record[spec.name] = value
        problems += _exactly_one_problems(res, record, line)
        records.append(record)
        lines.append(line)
    problems += _key_problems(res, records, lines)
    return records, lines, problems


def _exactly_one_problems(res: Resource, record: dict[str, Any], line: int) -> list[str]:
    problems = []
    for group in res.exactly_one_of:
        filled = [name for name in group if record.get(name) is not None]
        if len(filled) != 1:
            got = "none" if not filled else ", ".join(filled)
            problems.append(
                f"{res.path}: row {line}, column '{', '.join(group)}': expected exactly one of "
                f"{', '.join(group)} to be filled, got {got}"
            )
    return problems


def _key_problems(res: Resource, records: list[dict], lines: list[int]) -> list[str]:
    problems = []
    keys: list[tuple[str, ...]] = [(f.name,) for f in res.fields if f.unique]
    if res.primary_key:
        keys.insert(0, res.primary_key)
    for key in keys:
        seen: dict[tuple, int] = {}
        for record, line in zip(records, lines, strict=True):
            value = tuple(record.get(k) for k in key)
            if any(v is None for v in value):
                continue
            if value in seen:
                shown = ", ".join(f"{k}={v}" for k, v in zip(key, value, strict=True))
                problems.append(
                    f"{res.path}: row {line}, column '{', '.join(key)}': duplicate key "
                    f"({shown}) already on row {seen[value]}; expected each key once"
                )
            else:
                seen[value] = line
    return problems


def _foreign_key_problems(res: Resource, records, lines, folder: str) -> list[str]:
    """Every row whose key is not found in the table it points at. Single-column keys are
    checked first; a key over several columns (``event_id, source_id`` -> ``events.id,
    source_id``) is reported only when none of its columns was already named on that row, so
    one mistake gets one message."""
    problems = []
    package = _package(folder)
    named: set[tuple[int, str]] = set()  # (row, column) already named by a key
    for fields, target, target_fields in sorted(res.foreign_keys, key=lambda k: len(k[0])):
        if target not in package:
            problems.append(
                f"{res.path}: foreign key to unknown table '{target}' in datapackage.json"
            )
            continue
        target_records, _, _ = _parsed(folder, target)
        known = {tuple(r.get(f) for f in target_fields) for r in target_records}
        for record, line in zip(records, lines, strict=True):
            value = tuple(record.get(f) for f in fields)
            if any(v is None for v in value) or value in known:
                continue
            if any((line, f) in named for f in fields):
                continue
            named.update((line, f) for f in fields)
            matches = [r for r in target_records if r.get(target_fields[0]) == value[0]]
            if len(fields) > 1 and matches:
                where = f"{res.path}: row {line}"
                problems += _disagreeing_key(
                    where, fields, value, package[target], target_fields, matches
                )
                continue
            shown = ", ".join(str(v) for v in value)
            problems.append(
                f"{res.path}: row {line}, column '{', '.join(fields)}': unknown "
                f"{'/'.join(fields)} '{shown}'; expected an id of a row in "
                f"{package[target].path.name} ({target}.{'/'.join(target_fields)})"
            )
    return problems


def _disagreeing_key(where: str, fields, value, target: Resource, target_fields, matches):
    """A key over several columns whose first column finds its row(s) in ``target`` (the
    ``matches``) while another column disagrees: name the column to fix and the value that
    row holds."""
    problems = []
    for field, target_field, got in zip(fields[1:], target_fields[1:], value[1:], strict=True):
        expected = sorted({str(r.get(target_field)) for r in matches})
        if str(got) in expected:
            continue
        problems.append(
            f"{where}, column '{field}': '{got}' is not the {target_field} of {fields[0]} "
            f"'{value[0]}'; expected {' or '.join(repr(e) for e in expected)}, as on the row "
            f"of {target.path.name} with {target_fields[0]} '{value[0]}' "
            f"({target.name}.{target_field})"
        )
    return problems


@lru_cache(maxsize=64)
def _parsed(folder: str, name: str):
    return _parse(_package(folder)[name])


def _frame(res: Resource, records: list[dict]):
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=res.field_names)
    for spec in res.fields:
        col = frame[spec.name]
        if spec.type == "date":
            frame[spec.name] = pd.to_datetime(col, errors="raise").astype("datetime64[ns]")
        elif spec.type == "integer":
            frame[spec.name] = col.astype("Int64")
        elif spec.type == "number":
            frame[spec.name] = col.astype("Float64").astype("float64")
        elif spec.type == "boolean":
            frame[spec.name] = col.astype("boolean")
        elif spec.enum is not None:
            frame[spec.name] = pd.Categorical(col, categories=list(spec.enum))
        else:
            frame[spec.name] = col.astype("string")
    frame.attrs["source_file"] = str(res.path)
    frame.attrs["title"] = res.title
    return frame


@lru_cache(maxsize=64)
def _loaded(folder: str, name: str):
    """(the typed DataFrame or None, every problem): the one path ``load`` and ``check`` share,
    so that what ``check`` accepts, ``load`` loads. A table that cannot be read at all raises."""
    res = _package(folder)[name]
    records, lines, problems = _parsed(folder, name)
    problems = problems + _foreign_key_problems(res, records, lines, folder)
    if problems:
        return None, tuple(problems)
    try:
        return _frame(res, records), ()
    except (ValueError, TypeError, OverflowError) as exc:  # a limit the checks above missed
        return None, (f"{res.path}: the table cannot be loaded ({type(exc).__name__}: {exc})",)


def load(name: str):
    """One case table as a typed pandas DataFrame (dates datetime64, enums category).

    The result is cached; you get a copy, so changing it never changes what others see.

    >>> fin = load("financials")
    >>> int(fin.query("year == 2020 and period == 'FY' and metric == 'net_income'").value.iloc[0])
    -8046
    """
    _resource(name)
    frame, problems = _loaded(str(data_dir()), name)
    if problems:
        raise CaseDataError(list(problems))
    return frame.copy()


def clear_cache() -> None:
    """Forget what was read (after editing a CSV in a running kernel)."""
    _schema.cache_clear()
    _parsed.cache_clear()
    _loaded.cache_clear()
    _fingerprint.cache_clear()
    _DIGESTS.clear()


def fingerprint() -> str:
    """A digest of the case data exactly as this process has read it: the schema file and
    every table's bytes. It changes with any edit to the data (seen after :func:`clear_cache`)
    and keys the chart cache. Raises :class:`CaseDataError` as ``load`` would for a table that
    cannot be read."""
    return _fingerprint(str(data_dir()))


@lru_cache(maxsize=8)
def _fingerprint(folder: str) -> str:
    package = _schema(folder)
    resources = _package(folder)  # raises on a problem of the package as a whole
    from hashlib import sha256

    digest = sha256(package.path.read_bytes())
    for name in _table_names(folder):
        res = resources.get(name)
        if res is None:
            raise CaseDataError(package.problems[name])
        _parsed(folder, name)  # parsed once, so the digest is of the bytes in memory
        digest.update(f"\n{name}:{_DIGESTS[res.path]}".encode())
    return digest.hexdigest()


def check(names: Iterable[str] | None = None) -> list[str]:
    """Every problem in every table (or in the named ones) and in the schema; an empty list
    means all is well, and then every table loads. Never raises for a data problem."""
    clear_cache()
    try:
        folder = str(data_dir())
        package = _package(folder)
    except CaseDataError as exc:
        return exc.problems
    broken = _schema(folder).problems
    problems: list[str] = []
    for name in names or _table_names(folder):
        if name in broken:
            problems += broken[name]
        elif name not in package:
            problems.append(f"no table named '{name}'")
        else:
            problems += _table_problems(folder, name)
    return list(dict.fromkeys(problems))  # a table's unreadable file is named once


def _table_problems(folder: str, name: str) -> list[str]:
    try:
        return list(_loaded(folder, name)[1])
    except CaseDataError as exc:
        # this table's file, or the file of a table its foreign keys point at, is unreadable
        return exc.problems


def row_counts() -> dict[str, int]:
    """The number of rows of every table, each checked exactly as :func:`load` checks it.

    What the set-up cell prints. It reads and validates the CSV files but builds no DataFrame
    (most of a load's time), so a notebook pays only for the tables it uses. Raises
    :class:`CaseDataError` listing every problem in every table.

    >>> row_counts()["sources"] == len(load("sources"))
    True
    """
    folder = str(data_dir())
    package = _package(folder)
    counts: dict[str, int] = {}
    problems: list[str] = []
    for name, res in package.items():
        try:
            records, lines, found = _parsed(folder, name)
            found = found + _foreign_key_problems(res, records, lines, folder)
        except CaseDataError as exc:
            found = exc.problems
        problems += [p for p in found if p not in problems]  # a broken key target: once
        counts[name] = 0 if found else len(records)
    if problems:
        raise CaseDataError(problems)
    return counts


def cite(source_id: str) -> str:
    """A formatted reference for a source id from ``sources.csv``.

    The address is the publisher's own; a copy read elsewhere (a mirror or a syndicated
    copy) is named as such, after it.

    >>> cite("kf").split(",")[0]
    '[kf] Renault Group'
    >>> "copy consulted at https://" in cite("er2020")
    True
    """
    sources = load("sources").set_index("id")
    if source_id not in sources.index:
        raise CaseDataError(
            f"{_resource('sources').path}: no source with id '{source_id}'; "
            "expected an id from the 'id' column"
        )
    row = sources.loc[source_id]

    def text_of(column: str) -> str:
        value = row.get(column, "")
        return value.strip() if isinstance(value, str) else ""

    parts = [text_of("publisher"), f"“{text_of('title')}”", text_of("date"), text_of("url")]
    text = ", ".join(p for p in parts if p)
    copy = text_of("copy_url")
    if copy:
        text += f"; copy consulted at {copy}"
    return f"[{source_id}] {text}."
