"""Fault injection for the case data and the charts: schema mistakes, broken tables and hostile
chart text, each tried on a copy of data/ as an instructor's adapted copy would be.

For every bad input ``check`` lists the problem (naming the file) instead of raising, ``load``
fails with a CaseDataError whose lines ``check`` also lists, and whatever ``check`` accepts
loads. The lists below are the bad inputs; their count is printed by ``python
tests/test_faults_data.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest_data import set_cell

import casestudy

pytestmark = pytest.mark.usefixtures("fresh_data_cache")

REPO = Path(__file__).resolve().parents[1]


# --- helpers that break a copy -----------------------------------------------------------------


def _schema(folder: Path, change: Callable[[dict], None]) -> None:
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package), encoding="utf-8")


def _res(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r.get("name") == name)


def _fld(package: dict, table: str, name: str) -> dict:
    return next(f for f in _res(package, table)["schema"]["fields"] if f["name"] == name)


def _cons(table: str, name: str, **constraints) -> Callable[[dict], None]:
    def change(package: dict) -> None:
        _fld(package, table, name).setdefault("constraints", {}).update(constraints)

    return change


def _set(table: str, name: str, key: str, value) -> Callable[[dict], None]:
    def change(package: dict) -> None:
        _fld(package, table, name)[key] = value

    return change


def _on_res(table: str, key: str, value) -> Callable[[dict], None]:
    def change(package: dict) -> None:
        if value is _DROP:
            del _res(package, table)[key]
        else:
            _res(package, table)[key] = value

    return change


def _on_schema(table: str, key: str, value) -> Callable[[dict], None]:
    def change(package: dict) -> None:
        _res(package, table)["schema"][key] = value

    return change


def _fk(table: str, index: int, **parts) -> Callable[[dict], None]:
    def change(package: dict) -> None:
        fk = _res(package, table)["schema"]["foreignKeys"][index]
        for key, value in parts.items():
            if value is _DROP:
                del fk[key]
            elif key == "reference":
                fk["reference"].update(value)
            else:
                fk[key] = value

    return change


_DROP = object()


def _consistent(expect: str) -> list[str]:
    """check() lists ``expect``; load() of every table agrees with check()."""
    problems = casestudy.check()
    assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)
    assert any(expect in p for p in problems), problems
    assert all(len(p) < 1200 for p in problems), "a problem line quotes a whole value"
    listed = set(problems)
    try:
        names = casestudy.datasets()
    except casestudy.CaseDataError as exc:
        assert set(exc.problems) <= listed
        return problems
    for name in names:
        try:
            casestudy.load(name)
        except casestudy.CaseDataError as exc:
            assert set(exc.problems) <= listed, (name, exc.problems)
    return problems


# --- mistakes inside datapackage.json ----------------------------------------------------------

SCHEMA_FAULTS = [
    ("resource without a name", _on_res("people", "name", _DROP), "needs a 'name'"),
    ("empty name", _on_res("people", "name", " "), "needs a 'name'"),
    ("name is a number", _on_res("people", "name", 7), "needs a 'name'"),
    ("resource without a path", _on_res("people", "path", _DROP), "needs a 'path'"),
    ("absolute path", _on_res("people", "path", "/etc/passwd"), "must be a relative path"),
    ("path leaves the folder", _on_res("people", "path", "../people.csv"), "relative path"),
    ("path is a web address", _on_res("people", "path", "https://x.org/p.csv"), "relative path"),
    ("path is a list", _on_res("people", "path", ["people.csv"]), "needs a 'path'"),
    ("resource without a schema", _on_res("people", "schema", _DROP), "needs a 'schema'"),
    ("schema is a list", _on_res("people", "schema", []), "needs a 'schema'"),
    ("title is a number", _on_res("people", "title", 3), "'title' must be text"),
    ("fields is an object", _on_schema("people", "fields", {}), "'fields' must be a list"),
    ("no fields", _on_schema("people", "fields", []), "'fields' must be a list"),
    ("field is text", _on_schema("episodes", "fields", ["episode"]), "must be an object"),
    ("field without a name", _set("events", "note", "name", ""), "field #10: needs a 'name'"),
    ("unknown type", _set("events", "note", "type", "text"), "type 'text' is not one of"),
    ("type given as a list", _set("events", "note", "type", ["string"]), "type ['string']"),
    ("unknown format", _set("events", "date", "format", "dd/mm/yyyy"), "format 'dd/mm/yyyy'"),
    ("description is a list", _set("events", "note", "description", ["x"]), "must be text"),
    ("constraints is a list", _set("events", "note", "constraints", []), "must be an object"),
    ("required given as text", _cons("events", "note", required="yes"), "'required' must be"),
    ("unique given as 1", _cons("events", "note", unique=1), "'unique' must be true or false"),
    ("enum given as a string", _cons("events", "confidence", enum="high"), "'enum' must be"),
    ("empty enum", _cons("events", "confidence", enum=[]), "'enum' must be a list"),
    ("enum lists a value twice", _cons("events", "confidence", enum=["high", "high"]), "twice"),
    ("enum of objects", _cons("events", "confidence", enum=[{"a": 1}]), "'enum' must be"),
    ("bad regular expression", _cons("events", "id", pattern="^ev-[0-9{3}$"), "not a valid"),
    ("unbalanced group", _cons("events", "id", pattern="(ev"), "not a valid regular"),
    ("pattern is a number", _cons("events", "id", pattern=3), "'pattern' must be text"),
    ("minimum given as text", _cons("financials", "year", minimum="2015"), "must be a number"),
    ("maximum is infinite", _cons("financials", "year", maximum=1e999), "must be a number"),
    ("maximum is true", _cons("financials", "year", maximum=True), "must be a number"),
    ("minimum on a text field", _cons("events", "note", minimum=1), "integer and number"),
    ("unknown constraint", _cons("events", "note", maxLength=9), "maxLength not understood"),
    (
        "field listed twice",
        lambda p: _res(p, "events")["schema"]["fields"].append({"name": "note"}),
        "note listed twice",
    ),
    ("primary key unknown", _on_schema("events", "primaryKey", ["idd"]), "unknown field(s) idd"),
    ("primary key a number", _on_schema("events", "primaryKey", 1), "'primaryKey' must be"),
    ("foreignKeys an object", _on_schema("events", "foreignKeys", {}), "must be a list"),
    ("foreign key is text", _on_schema("events", "foreignKeys", ["x"]), "must be an object"),
    ("foreign key field unknown", _fk("events", 0, fields=["src"]), "unknown field(s) src"),
    ("reference missing", _fk("events", 0, reference=_DROP), "needs a 'reference'"),
    ("unknown target table", _fk("events", 0, reference={"resource": "srcs"}), "unknown table"),
    ("unknown target field", _fk("events", 0, reference={"fields": ["key"]}), "no field(s) key"),
    (
        "key lengths differ",
        _fk("events", 0, reference={"fields": ["id", "title"]}),
        "differ in length",
    ),
    (
        "name used twice",
        lambda p: p["resources"].append(dict(_res(p, "people"))),
        "the name 'people' is used twice",
    ),
    (
        "exactlyOneOf unknown field",
        _on_schema("hero_readings", "exactlyOneOf", [["episode", "event"]]),
        "unknown field(s) event",
    ),
    ("resource is text", lambda p: p["resources"].append("people"), "must be an object"),
    ("resources an object", lambda p: p.update(resources={}), "needs a 'resources' list"),
    ("no resources", lambda p: p.pop("resources"), "needs a 'resources' list"),
]


@pytest.mark.parametrize(
    ("change", "expect"), [f[1:] for f in SCHEMA_FAULTS], ids=[f[0] for f in SCHEMA_FAULTS]
)
def test_a_schema_mistake_is_a_problem_line(copy, change, expect):
    _schema(copy, change)
    problems = _consistent(expect)
    assert any(str(copy / "datapackage.json") in p for p in problems)


def test_a_schema_mistake_leaves_the_other_tables_usable(copy):
    _schema(copy, _cons("people", "role", pattern="(unclosed"))
    assert casestudy.load("financials").shape[0] > 0
    with pytest.raises(casestudy.CaseDataError, match=r"resource #\d+ 'people', field #\d+ 'role'"):
        casestudy.load("people")
    assert "people" in casestudy.datasets()


def test_a_broken_key_field_is_reported_once_under_the_field(copy):
    _schema(copy, _cons("events", "id", pattern="^ev-[0-9{3}$"))
    problems = [p for p in casestudy.check() if "resource #2 'events'" in p]
    assert len(problems) == 1 and "field #1 'id': 'pattern'" in problems[0], problems


def test_a_table_pointing_at_a_broken_table_is_named_too(copy):
    _schema(copy, _set("sources", "id", "type", "identifier"))
    problems = casestudy.check()
    assert any("resource 'events', foreign key (source_id): table 'sources'" in p for p in problems)
    with pytest.raises(casestudy.CaseDataError, match="table 'sources' has schema problems"):
        casestudy.load("events")


RAW_SCHEMAS = [
    ("not JSON", b'{"resources": [', "not valid JSON"),
    ("not UTF-8", b'{"name": "\xff"}', "not UTF-8"),
    ("a list, not an object", b"[1, 2]", "needs a 'resources' list"),
    ("nested too deeply", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(
    ("raw", "expect"), [f[1:] for f in RAW_SCHEMAS], ids=[f[0] for f in RAW_SCHEMAS]
)
def test_an_unreadable_schema_is_one_problem_line(copy, raw, expect):
    (copy / "datapackage.json").write_bytes(raw)
    problems = _consistent(expect)
    assert len(problems) == 1
    with pytest.raises(casestudy.CaseDataError, match=expect):
        casestudy.load("events")


# --- broken tables -----------------------------------------------------------------------------

# (table, row, column, value, what check says)
CELL_FAULTS = [
    ("events", 2, "date", "0219-11-19", "expected a date between 1677-09-22 and 2262-04-11"),
    ("events", 3, "date", "9999-01-01", "got '9999-01-01' (a typo in the year?)"),
    ("events", 4, "date", "2262-04-12", "expected a date between"),
    ("events", 5, "date", "1677-09-21", "expected a date between"),
    ("claims", 2, "date", "0219", "expected a date between"),
    ("people", 2, "start", "0001-01", "expected a date between"),
    ("events", 2, "date", "2019-02-30", "(no such day)"),
    ("events", 2, "date", "19/11/2018", "expected an ISO date YYYY-MM-DD"),
    ("financials", 2, "value", "1e400", "expected a finite number"),
    ("financials", 2, "value", "nan", "expected a finite number"),
    ("financials", 2, "value", "1,5", "expected a number with a decimal point"),
    ("financials", 2, "year", "2018.0", "expected a whole number, got '2018.0'"),
    ("financials", 3, "year", "2036", "expected at most 2035"),
    ("financials", 2, "year", "1" * 5000, "(5000 characters)"),
    ("nissan_impacts", 2, "rounded", "yes", "expected true or false"),
    ("events", 2, "id", "EV-1", "expected text matching"),
    ("events", 2, "confidence", "certain", "expected one of high, medium, low"),
    ("events", 2, "theme", "x" * 100_000, "(100000 characters)"),
    ("events", 2, "title_en", "", "required value is empty"),
    ("events", 3, "id", "ev-001", "duplicate key (id=ev-001) already on row 2"),
    ("events", 2, "source_id", "nobody", "unknown source_id 'nobody'"),
    ("hero_readings", 2, "event_id", "ev-021", "expected exactly one of episode, event_id"),
    ("products", 2, "event_id", "ev-999", "unknown event_id 'ev-999'"),
]


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "expect"),
    CELL_FAULTS,
    ids=[f"{f[0]}-{f[2]}-{f[3][:12]}" for f in CELL_FAULTS],
)
def test_a_bad_cell_names_file_row_and_column(copy, table, row, column, value, expect):
    set_cell(copy, table, row, column, value)
    problems = _consistent(expect)
    where = f"{copy / (table + '.csv')}: row {row}, column '"
    assert any(p.startswith(where) and column in p and expect in p for p in problems), problems


def test_a_huge_whole_number_is_caught_before_pandas(copy):
    _schema(copy, lambda p: _fld(p, "financials", "year")["constraints"].pop("maximum"))
    set_cell(copy, "financials", 2, "year", "99999999999999999999")
    _consistent("row 2, column 'year': expected a whole number of at most 18 digits")


def test_a_date_pandas_cannot_hold_no_longer_crashes_the_timeline(copy):
    from casestudy import plots

    set_cell(copy, "events", 2, "date", "0219-11-19")
    with pytest.raises(casestudy.CaseDataError, match=r"events\.csv: row 2, column 'date'"):
        plots.crisis_timeline()


def _write(folder: Path, name: str, content: bytes) -> None:
    (folder / name).write_bytes(content)


def _header(folder: Path, table: str) -> bytes:
    return (folder / f"{table}.csv").read_bytes().split(b"\n", 1)[0]


FILE_FAULTS = [
    ("file missing", lambda f: (f / "people.csv").unlink(), "people.csv: file not found"),
    (
        "a folder instead of a file",
        lambda f: ((f / "people.csv").unlink(), (f / "people.csv").mkdir()),
        "people.csv: cannot be read as a table",
    ),
    ("empty file", lambda f: _write(f, "people.csv", b""), "the file is empty"),
    ("blank lines only", lambda f: _write(f, "people.csv", b"\n\n \n"), "the file is empty"),
    (
        "a column missing",
        lambda f: _write(f, "episodes.csv", b"episode,title_fr\n1,x\n"),
        "missing column(s) title_fr_source_id",
    ),
    (
        "a column twice",
        lambda f: _write(f, "series_roles.csv", _header(f, "series_roles") + b",note\n"),
        "column(s) note appear twice",
    ),
    (
        "an extra column",
        lambda f: _write(f, "series_roles.csv", _header(f, "series_roles") + b",extra\n"),
        "unexpected column(s) extra",
    ),
    (
        "a row with too many cells",
        lambda f: _write(
            f, "series_roles.csv", _header(f, "series_roles") + b"\n" + b"x," * 40 + b"x\n"
        ),
        "series_roles.csv: row 2: 41 cells but the header has",
    ),
    (
        "not UTF-8",
        lambda f: _write(f, "people.csv", "name\ncafé\n".encode("latin-1")),
        "not UTF-8 text",
    ),
    (
        "a NUL byte",
        lambda f: _write(f, "people.csv", _header(f, "people") + b"\n\x00,a\n"),
        "people.csv: row 2: 2 cells but the header has 8",
    ),
    (
        "a cell longer than csv allows",
        lambda f: _write(f, "people.csv", _header(f, "people") + b'\n"' + b"x" * 200_000 + b'"\n'),
        "unreadable CSV",
    ),
]


@pytest.mark.parametrize(
    ("breaks", "expect"), [f[1:] for f in FILE_FAULTS], ids=[f[0] for f in FILE_FAULTS]
)
def test_a_broken_file_is_a_problem_line(copy, breaks, expect):
    breaks(copy)
    _consistent(expect)


def test_check_lists_every_problem_not_only_the_first(copy):
    set_cell(copy, "events", 2, "date", "0219-11-19")
    set_cell(copy, "financials", 2, "value", "1e400")
    _schema(copy, _cons("people", "role", pattern="(unclosed"))
    problems = casestudy.check()
    assert sum("events.csv: row 2, column 'date'" in p for p in problems) == 1
    assert sum("financials.csv: row 2, column 'value'" in p for p in problems) == 1
    assert sum("'people', field #" in p for p in problems) == 1


# --- what check accepts, load loads ------------------------------------------------------------


def _move_into(folder: Path, table: str, sub: str) -> None:
    (folder / sub).mkdir(exist_ok=True)
    (folder / f"{table}.csv").rename(folder / sub / f"{table}.csv")
    _schema(folder, _on_res(table, "path", f"{sub}/{table}.csv"))


def test_a_table_in_a_subfolder_loads_when_check_passes(copy):
    _move_into(copy, "events", "tables")
    _move_into(copy, "sources", "tables")
    assert casestudy.check() == []
    events = casestudy.load("events")
    assert events.attrs["source_file"] == str(copy / "tables" / "events.csv")
    assert casestudy.analysis.freytag_arc().shape[0] == 5  # reads events through the subfolder
    assert casestudy.cite("kf").startswith("[kf]")


def test_a_subfolder_table_that_is_missing_is_named(copy):
    _schema(copy, _on_res("people", "path", "tables/people.csv"))
    _consistent(f"{copy / 'tables' / 'people.csv'}: file not found")


def test_every_table_loads_when_check_passes(copy):
    assert casestudy.check() == []
    for name in casestudy.datasets():
        assert len(casestudy.load(name)) > 0


# --- chart text from data is drawn literally ---------------------------------------------------

DOLLAR_TEXTS = [
    "Saves $2bn to $3bn",
    "Costs $x_{ and $ more",  # mathtext would fail to parse this
    "A lone $ sign",
    "$$",
    r"Escaped \$5 and $\alpha$",
    "$\\frac{1}{0}$ ^_{}",
]


@pytest.mark.parametrize("text", DOLLAR_TEXTS)
def test_dollar_signs_in_case_text_are_drawn_as_typed(copy, text):
    from matplotlib.text import Text

    from casestudy import plots

    set_cell(copy, "events", 2, "title_en", text)  # ev-001, on the crisis timeline
    chart = plots.crisis_timeline()
    png = chart.to_png()
    assert png.startswith(b"\x89PNG")
    texts = chart.figure.findobj(Text)
    shown = [t for t in texts if text in t.get_text()]
    assert shown, "the event's title is on the chart"
    assert all(not t.get_parse_math() for t in texts)


def test_every_course_chart_draws_text_literally():
    from matplotlib.text import Text

    from casestudy import plots

    for chart in (plots.target_scorecard(), plots.claims_by_verdict(), plots.story_arc()):
        figure = chart.figure  # drawn by this process, even when the chart cache holds it
        chart.to_png()
        texts = figure.findobj(Text)
        assert texts and all(not t.get_parse_math() for t in texts)


if __name__ == "__main__":
    counts = {
        "schema mistakes": len(SCHEMA_FAULTS) + len(RAW_SCHEMAS) + 4,
        "bad cells": len(CELL_FAULTS) + 2,
        "broken files": len(FILE_FAULTS) + 1,
        "chart texts with $": len(DOLLAR_TEXTS),
    }
    print(counts, "total", sum(counts.values()))
