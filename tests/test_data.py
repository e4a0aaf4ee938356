"""casestudy.data: the real tables load typed and sourced; broken copies fail with clear errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest_data import financial_value

import casestudy
from casestudy import data

pytestmark = pytest.mark.usefixtures("fresh_data_cache")

REPO = Path(__file__).resolve().parents[1]


# --- the real data ------------------------------------------------------------------------


def test_every_table_is_listed_and_valid():
    names = casestudy.datasets()
    for required in ("sources", "events", "financials", "targets", "people"):
        assert required in names
    assert casestudy.check() == []


def test_types_follow_the_schema():
    events = casestudy.load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert isinstance(events["theme"].dtype, pd.CategoricalDtype)
    assert set(events["theme"].cat.categories) >= {"crisis", "strategy", "storytelling"}
    fin = casestudy.load("financials")
    assert pd.api.types.is_float_dtype(fin["value"])
    assert pd.api.types.is_integer_dtype(fin["year"])


def test_every_source_id_resolves_and_cites():
    sources = set(casestudy.load("sources")["id"])
    for name in casestudy.datasets():
        frame = casestudy.load(name)
        if "source_id" in frame:
            missing = set(frame["source_id"].dropna()) - sources
            assert not missing, f"{name}: unknown source ids {missing}"
            for sid in frame["source_id"].dropna().unique()[:5]:
                assert casestudy.cite(sid).startswith(f"[{sid}]")


def test_primary_keys_are_unique():
    package = data._package(str(data.data_dir()))
    for name, res in package.items():
        if res.primary_key:
            frame = casestudy.load(name)
            assert not frame.duplicated(list(res.primary_key)).any(), name


def test_events_span_the_case():
    events = casestudy.load("events")
    assert len(events) >= 40
    assert events["date"].min() <= pd.Timestamp("2018-11-19")
    assert events["date"].max() >= pd.Timestamp("2026-02-01")
    arrest = events[events["date"] == pd.Timestamp("2018-11-19")]
    assert arrest["title_en"].str.contains("Ghosn").any()


def test_the_2020_nuance_is_in_the_data():
    assert financial_value(2020, "FY", "net_income") == -8046
    assert financial_value(2020, "FY", "net_income_group_share") == -8008
    assert financial_value(2020, "H1", "net_income") == -7386
    assert financial_value(2020, "H1", "net_income_group_share") == -7292


def test_financials_cover_every_year_and_metric():
    fin = casestudy.load("financials")
    fy = fin[(fin["period"] == "FY") & (fin["basis"] == "as_published")]
    for metric in ("revenue", "operating_margin", "operating_margin_pct", "net_income"):
        years = set(fy[fy["metric"] == metric]["year"].astype(int))
        assert set(range(2018, 2026)) <= years, (metric, sorted(years))
    for metric in (
        "operating_income",
        "net_income_group_share",
        "nissan_contribution",
        "automotive_fcf",
        "sales_volume",
    ):
        assert metric in set(fy["metric"].astype(str)), metric
    assert {2020, 2025} <= set(fin[fin["period"] == "H1"]["year"].astype(int))


def test_restated_rows_sit_beside_published_ones():
    published = financial_value(2021, "FY", "revenue")
    restated = financial_value(2021, "FY", "revenue", basis="restated")
    assert published != restated  # Russia left the 2021 perimeter in the 2022 accounts


def test_cite_unknown_source_names_the_file():
    with pytest.raises(casestudy.CaseDataError, match=r"sources\.csv.*no source with id 'nope'"):
        casestudy.cite("nope")


def test_load_unknown_table_lists_the_tables():
    with pytest.raises(casestudy.CaseDataError, match="no table named 'nope'.*events"):
        casestudy.load("nope")


def test_load_returns_a_copy():
    first = casestudy.load("events")
    first.loc[0, "title_en"] = "changed"
    assert casestudy.load("events").loc[0, "title_en"] != "changed"


def test_describe_explains_columns():
    cols = casestudy.describe("financials")
    assert "basis" in set(cols["column"])
    assert casestudy.describe()["table"].tolist() == casestudy.datasets()


# --- broken copies: one readable error naming file, row and column -------------------------

MINI_SCHEMA = {
    "name": "mini",
    "resources": [
        {
            "name": "sources",
            "path": "sources.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "string", "constraints": {"required": True}},
                    {"name": "title", "type": "string", "constraints": {"required": True}},
                ],
                "primaryKey": ["id"],
            },
        },
        {
            "name": "things",
            "path": "things.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "string", "constraints": {"required": True}},
                    {"name": "when", "type": "date", "constraints": {"required": True}},
                    {
                        "name": "kind",
                        "type": "string",
                        "constraints": {"enum": ["crisis", "strategy"]},
                    },
                    {"name": "value", "type": "number"},
                    {"name": "year", "type": "integer"},
                    {"name": "source_id", "type": "string", "constraints": {"required": True}},
                ],
                "primaryKey": ["id"],
                "foreignKeys": [
                    {
                        "fields": ["source_id"],
                        "reference": {"resource": "sources", "fields": ["id"]},
                    }
                ],
            },
        },
    ],
}
GOOD_THINGS = (
    "id,when,kind,value,year,source_id\n"
    "a,2020-07-30,crisis,-7.3,2020,s1\n"
    "b,2021-01-14,strategy,5,2021,s1\n"
)


@pytest.fixture
def mini(tmp_path, monkeypatch):
    (tmp_path / "datapackage.json").write_text(json.dumps(MINI_SCHEMA), encoding="utf-8")
    (tmp_path / "sources.csv").write_text("id,title\ns1,A source\n", encoding="utf-8")
    (tmp_path / "things.csv").write_text(GOOD_THINGS, encoding="utf-8")
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(tmp_path))
    data.clear_cache()
    return tmp_path


def _broken(mini, text: str, match: str):
    (mini / "things.csv").write_text(text, encoding="utf-8")
    data.clear_cache()
    with pytest.raises(casestudy.CaseDataError) as info:
        casestudy.load("things")
    message = str(info.value)
    assert "things.csv" in message
    assert "\n" not in message  # one readable line
    assert pytest.importorskip("re").search(match, message), message
    return message


def test_mini_package_loads(mini):
    things = casestudy.load("things")
    assert things["value"].tolist() == [-7.3, 5.0]
    assert things["when"].dt.year.tolist() == [2020, 2021]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("id,when,kind,value,year\na,2020-07-30,crisis,1,2020\n", r"missing column\(s\) source_id"),
        (GOOD_THINGS.replace("-7.3", "minus seven"), r"row 2, column 'value': expected a number"),
        (
            GOOD_THINGS.replace(",2021,", ",2021.5,"),
            r"row 3, column 'year': expected a whole number",
        ),
        (
            GOOD_THINGS.replace("strategy", "strategie"),
            r"row 3, column 'kind': expected one of crisis, strategy, got 'strategie'",
        ),
        (
            GOOD_THINGS.replace("b,2021", "a,2021"),
            r"row 3, column 'id': duplicate key \(id=a\) already on row 2",
        ),
        (
            GOOD_THINGS.replace("5,2021,s1", "5,2021,s9"),
            r"row 3, column 'source_id': unknown source_id 's9'",
        ),
        (GOOD_THINGS.replace("2020-07-30", ""), r"row 2, column 'when': required value is empty"),
        (
            GOOD_THINGS.replace("2020-07-30", "30/07/2020"),
            r"row 2, column 'when': expected an ISO date",
        ),
        (GOOD_THINGS.replace("2020-07-30", "2020-02-30"), r"row 2, column 'when'.*no such day"),
        ("", r"the file is empty"),
        (GOOD_THINGS + "c,2022-01-01,crisis\n", r"row 4: 3 cells but the header has 6"),
    ],
    ids=[
        "missing-column",
        "wrong-type-number",
        "wrong-type-integer",
        "enum",
        "duplicate-key",
        "unknown-source",
        "empty-required",
        "bad-date-format",
        "impossible-date",
        "empty-file",
        "short-row",
    ],
)
def test_broken_table_error_names_file_row_column(mini, text, match):
    _broken(mini, text, match)


# a key over two columns: a note on a thing must cite that thing's own source
NOTES = {
    "name": "notes",
    "path": "notes.csv",
    "schema": {
        "fields": [
            {"name": "thing_id", "type": "string", "constraints": {"required": True}},
            {"name": "source_id", "type": "string", "constraints": {"required": True}},
        ],
        "foreignKeys": [
            {"fields": ["thing_id"], "reference": {"resource": "things", "fields": ["id"]}},
            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}},
            {
                "fields": ["thing_id", "source_id"],
                "reference": {"resource": "things", "fields": ["id", "source_id"]},
            },
        ],
    },
}


def _with_notes(mini, notes: str, keys: slice = slice(None)) -> list[str]:
    schema = json.loads(json.dumps(MINI_SCHEMA))
    resource = json.loads(json.dumps(NOTES))
    resource["schema"]["foreignKeys"] = resource["schema"]["foreignKeys"][keys]
    schema["resources"].append(resource)
    (mini / "datapackage.json").write_text(json.dumps(schema), encoding="utf-8")
    (mini / "sources.csv").write_text("id,title\ns1,A source\ns2,Another\n", encoding="utf-8")
    (mini / "things.csv").write_text(GOOD_THINGS.replace("5,2021,s1", "5,2021,s2"), "utf-8")
    (mini / "notes.csv").write_text("thing_id,source_id\n" + notes, encoding="utf-8")
    return casestudy.check()


def test_a_two_column_key_accepts_the_pairs_of_its_target(mini):
    assert _with_notes(mini, "a,s1\nb,s2\n") == []
    assert casestudy.load("notes")["source_id"].tolist() == ["s1", "s2"]


def test_a_two_column_key_names_the_column_that_disagrees_and_the_right_value(mini):
    assert _with_notes(mini, "a,s1\nb,s1\n") == [
        f"{mini / 'notes.csv'}: row 3, column 'source_id': 's1' is not the source_id of "
        "thing_id 'b'; expected 's2', as on the row of things.csv with id 'b' (things.source_id)"
    ]
    with pytest.raises(casestudy.CaseDataError, match="row 3, column 'source_id'"):
        casestudy.load("notes")


def test_a_mistake_a_one_column_key_reports_is_not_reported_again(mini):
    problems = _with_notes(mini, "z,s1\na,s9\n")
    assert [p.split(": ", 1)[1].split(";")[0] for p in problems] == [
        "row 2, column 'thing_id': unknown thing_id 'z'",
        "row 3, column 'source_id': unknown source_id 's9'",
    ]


def test_a_two_column_key_alone_reports_an_unknown_first_value(mini):
    (problem,) = _with_notes(mini, "z,s1\n", keys=slice(2, 3))
    assert problem == (
        f"{mini / 'notes.csv'}: row 2, column 'thing_id, source_id': unknown "
        "thing_id/source_id 'z, s1'; expected an id of a row in things.csv (things.id/source_id)"
    )


def test_bom_and_crlf_still_load(mini):
    (mini / "things.csv").write_bytes(b"\xef\xbb\xbf" + GOOD_THINGS.replace("\n", "\r\n").encode())
    data.clear_cache()
    assert casestudy.load("things")["id"].tolist() == ["a", "b"]


def test_not_utf8_is_named(mini):
    (mini / "things.csv").write_bytes(GOOD_THINGS.replace("crisis", "crise é").encode("latin-1"))
    data.clear_cache()
    with pytest.raises(casestudy.CaseDataError, match=r"things\.csv: byte \d+: not UTF-8"):
        casestudy.load("things")


def test_all_problems_are_listed_not_only_the_first(mini):
    text = GOOD_THINGS.replace("-7.3", "x").replace("strategy", "nope")
    (mini / "things.csv").write_text(text, encoding="utf-8")
    problems = casestudy.check()
    assert len(problems) == 2
    assert any("column 'value'" in p for p in problems)
    assert any("column 'kind'" in p for p in problems)


def test_check_cli_exits_nonzero_with_the_list(mini):
    (mini / "things.csv").write_text(GOOD_THINGS.replace("-7.3", "x"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "casestudy", "check", "--data-only"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "CASESTUDY_DATA_DIR": str(mini)},
    )
    assert result.returncode == 1
    assert "row 2, column 'value'" in result.stderr


def test_check_cli_passes_on_the_real_data():
    result = subprocess.run(
        [sys.executable, "-m", "casestudy", "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "OK:" in result.stdout


def test_data_dir_env_must_hold_a_schema(tmp_path, monkeypatch):
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(tmp_path))
    with pytest.raises(casestudy.CaseDataError, match="CASESTUDY_DATA_DIR=.*no datapackage.json"):
        casestudy.datasets()


def test_an_adapted_copy_is_used(tmp_path, monkeypatch):
    copy = tmp_path / "adapted"
    shutil.copytree(REPO / "data", copy)
    fin = (copy / "financials.csv").read_text(encoding="utf-8")
    (copy / "financials.csv").write_text(fin.replace("-8046", "-8047"), encoding="utf-8")
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(copy))
    data.clear_cache()
    assert financial_value(2020, "FY", "net_income") == -8047


def test_import_is_light():
    code = (
        "import sys, casestudy; "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the set-up cell's row counts -----------------------------------------------------------


def test_row_counts_match_the_loaded_tables():
    counts = data.row_counts()
    assert list(counts) == casestudy.datasets()
    for name, rows in counts.items():
        assert rows == len(casestudy.load(name)), name


def test_row_counts_report_every_broken_table(mini):
    (mini / "things.csv").write_text(
        GOOD_THINGS.replace("a,2020-07-30", "a,2020-13-30").replace(",s1\n", ",nope\n", 1),
        encoding="utf-8",
    )
    data.clear_cache()
    with pytest.raises(casestudy.CaseDataError) as info:
        data.row_counts()
    problems = info.value.problems
    assert any("things.csv" in p and "row 2" in p and "'when'" in p for p in problems), problems


def test_setup_cell_prints_the_counts_and_stops_on_bad_data(mini, capsys):
    from casestudy import notebook

    notebook.setup()
    assert "sources (1), things (2)" in capsys.readouterr().out
    (mini / "things.csv").write_text(GOOD_THINGS.replace(",-7.3,", ",minus,"), encoding="utf-8")
    data.clear_cache()
    with pytest.raises(casestudy.CaseDataError, match=r"things\.csv: row 2.*'value'"):
        notebook.setup()
