"""The editorial readings (framework tags, hero's journey, four As, course arc, Freytag's parts)
are data tables: checked like the others, adaptable through CASESTUDY_DATA_DIR, and the
analysis functions are built from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_data import set_cell

import casestudy
from casestudy import analysis, data

pytestmark = pytest.mark.usefixtures("fresh_data_cache")

REPO = Path(__file__).resolve().parents[1]
READINGS = (
    "framework_readings",
    "hero_readings",
    "four_as_readings",
    "four_as_evidence",
    "course_arc",
    "freytag_parts",
)


def test_every_reading_table_is_in_the_package_and_valid():
    assert set(READINGS) <= set(casestudy.datasets())
    assert casestudy.check(READINGS) == []


@pytest.mark.parametrize("table", [t for t in READINGS if t != "four_as_evidence"])
def test_every_reading_is_a_teaching_suggestion_with_its_reasoning(table):
    frame = casestudy.load(table)
    assert len(frame) >= 4
    assert set(frame["classification_basis"].astype(str)) == {analysis.TEACHING_SUGGESTION}
    text = "why_en" if "why_en" in frame else "reading_en"
    assert frame[text].str.len().min() > 20


def test_readings_carry_the_source_of_the_framework_they_apply():
    assert set(casestudy.load("hero_readings")["source_id"]) == {"campbell-1949"}
    assert set(casestudy.load("freytag_parts")["source_id"]) == {"freytag-1863"}
    four_as = casestudy.load("four_as_readings")
    assert set(four_as["source_id"]) == {"brown-kozinets-sherry-2003"}
    assert analysis.four_as_reading()["source_id"].tolist() == four_as["source_id"].tolist()


# readings of one event each: their source is the event's own (the document reporting it)
READINGS_OF_EVENTS = ("course_arc", "framework_readings")


@pytest.mark.parametrize("table", READINGS_OF_EVENTS)
def test_every_reading_of_an_event_cites_the_events_own_source(table):
    frame = casestudy.load(table)
    assert frame["source_id"].notna().all(), frame[frame["source_id"].isna()]
    source_of = casestudy.load("events").set_index("id")["source_id"]
    differ = frame[frame["source_id"] != source_of.loc[frame["event_id"]].to_numpy()]
    assert differ.empty, differ[["event_id", "source_id"]]
    assert set(frame["source_id"]) <= set(casestudy.load("sources")["id"])


def test_the_analysis_functions_cite_the_readings_sources():
    readings = casestudy.load("framework_readings").set_index("event_id")["source_id"]
    tags = analysis.framework_tags().set_index("event_id")["source_id"]
    assert tags.to_dict() == readings.to_dict()
    arc = casestudy.load("course_arc")
    assert set(arc["source_id"]) <= set(analysis.course_arc().attrs["source_ids"])


@pytest.mark.parametrize(("table", "row"), [("course_arc", 3), ("framework_readings", 4)])
@pytest.mark.parametrize("other", ["another event's source", "a framework publication"])
def test_a_source_other_than_the_events_names_the_column_and_the_right_source(
    copy, table, row, other
):
    frame = casestudy.load(table)
    event_id = frame["event_id"].iloc[row - 2]
    right = casestudy.load("events").set_index("id").loc[event_id, "source_id"]
    wrong = "kotter-1995" if other == "a framework publication" else "businesslive-2025-07-16"
    assert wrong != right
    set_cell(copy, table, row, "source_id", wrong)
    problems = casestudy.check()
    assert problems == [
        f"{copy / (table + '.csv')}: row {row}, column 'source_id': '{wrong}' is not the "
        f"source_id of event_id '{event_id}'; expected '{right}', as on the row of events.csv "
        f"with id '{event_id}' (events.source_id)"
    ]
    with pytest.raises(casestudy.CaseDataError, match=f"row {row}, column 'source_id'"):
        casestudy.load(table)


def test_an_unknown_event_is_reported_once_not_again_for_its_source(copy):
    set_cell(copy, "course_arc", 4, "event_id", "ev-999")
    assert casestudy.check(["course_arc"]) == [
        f"{copy / 'course_arc.csv'}: row 4, column 'event_id': unknown event_id 'ev-999'; "
        "expected an id of a row in events.csv (events.id)"
    ]


def test_an_instructor_who_changes_the_event_changes_its_source_too(copy):
    new_source = casestudy.load("events").set_index("id").loc["ev-041", "source_id"]
    assert new_source != casestudy.load("course_arc").set_index("year").loc[2022, "source_id"]
    set_cell(copy, "course_arc", 6, "event_id", "ev-041")
    (problem,) = casestudy.check()
    assert "course_arc.csv: row 6, column 'source_id': " in problem
    assert f"expected '{new_source}'" in problem
    set_cell(copy, "course_arc", 6, "source_id", new_source)
    assert casestudy.check() == []
    arc = analysis.course_arc()
    assert arc.set_index("year").loc[2022, "event_id"] == "ev-041"
    assert new_source in arc.attrs["source_ids"]


def test_the_analysis_functions_show_every_row_of_their_table():
    assert analysis.framework_tags()["event_id"].tolist() == sorted(
        casestudy.load("framework_readings")["event_id"],
        key=lambda e: casestudy.load("events").set_index("id").loc[e, "date"],
    )
    hero = casestudy.load("hero_readings")
    assert len(analysis.hero_journey()) == len(hero)
    evidence = casestudy.load("four_as_evidence")
    shown = analysis.four_as_reading().set_index("dimension")["evidence"]
    assert sum(len(e.split(", ")) for e in shown) == len(evidence)
    arc = casestudy.load("course_arc").set_index("year")
    course = analysis.course_arc().set_index("year")
    assert course.loc[arc.index, "event_id"].tolist() == arc["event_id"].tolist()
    assert [p[0] for p in analysis.freytag_parts()] == casestudy.load("freytag_parts")[
        "part"
    ].astype(str).tolist()


def test_the_old_freytag_constant_still_answers():
    from casestudy.analysis import FREYTAG_PARTS

    assert FREYTAG_PARTS == analysis.freytag_parts()
    assert FREYTAG_PARTS[0][:2] == ("exposition", "ev-001")


# table, row (spreadsheet line), column, bad value, what the message must say
BROKEN = [
    ("framework_readings", 2, "event_id", "ev-999", "unknown event_id 'ev-999'"),
    ("framework_readings", 3, "kotter_step", "9", "expected at most 8"),
    ("hero_readings", 2, "episode", "7", "unknown episode '7'"),
    ("hero_readings", 6, "event_id", "ev-998", "unknown event_id 'ev-998'"),
    ("hero_readings", 4, "stage", "the ordeal", "expected one of call to adventure"),
    ("four_as_evidence", 3, "product_id", "pr-999", "unknown product_id 'pr-999'"),
    ("four_as_evidence", 2, "dimension", "Aroma", "unknown dimension 'Aroma'"),
    ("four_as_readings", 2, "source_id", "brown-2003", "unknown source_id 'brown-2003'"),
    ("course_arc", 4, "event_id", "ev-9999", "expected text matching"),
    ("course_arc", 5, "classification_basis", "fact", "expected one of teaching suggestion"),
    ("freytag_parts", 3, "end_event", "ev-997", "unknown end_event 'ev-997'"),
    ("freytag_parts", 2, "why_en", "", "required value is empty"),
    ("course_arc", 2, "source_id", "", "required value is empty"),
    ("framework_readings", 13, "source_id", "", "required value is empty"),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "says"), BROKEN)
def test_a_broken_reading_names_file_row_and_column(copy, table, row, column, value, says):
    set_cell(copy, table, row, column, value)
    problems = casestudy.check()
    where = f"{copy / (table + '.csv')}: row {row}, column '{column}': "
    assert any(p.startswith(where) and says in p for p in problems), problems
    with pytest.raises(casestudy.CaseDataError, match=f"row {row}, column '{column}'"):
        casestudy.load(table)


def test_a_broken_event_id_reaches_the_notebook_as_a_case_data_error(copy):
    set_cell(copy, "framework_readings", 2, "event_id", "ev-999")
    with pytest.raises(casestudy.CaseDataError, match=r"framework_readings\.csv: row 2"):
        analysis.framework_tags()


@pytest.mark.parametrize(
    ("episode", "event_id", "got"), [("1", "ev-021", "episode, event_id"), ("", "", "none")]
)
def test_a_hero_reading_names_exactly_one_episode_or_event(copy, episode, event_id, got):
    set_cell(copy, "hero_readings", 2, "episode", episode)
    set_cell(copy, "hero_readings", 2, "event_id", event_id)
    problems = casestudy.check(["hero_readings"])
    assert problems == [
        f"{copy / 'hero_readings.csv'}: row 2, column 'episode, event_id': expected exactly one "
        f"of episode, event_id to be filled, got {got}"
    ]


def test_an_instructor_adapts_the_readings_in_a_copy(copy):
    set_cell(copy, "hero_readings", 6, "stage", "meeting with the goddess")
    set_cell(copy, "hero_readings", 6, "why_en", "Our class reads the mock-up as a muse.")
    set_cell(copy, "course_arc", 9, "event_id", "ev-080")
    set_cell(copy, "freytag_parts", 5, "why_en", "Our own falling action.")
    assert casestudy.check() == []
    hero = analysis.hero_journey().set_index("item")
    assert hero.loc["ev-021", "stage"] == "meeting with the goddess"
    assert hero.loc["ev-021", "act"] == "initiation"  # the act follows from the stage
    assert hero.loc["ev-021", "why"] == "Our class reads the mock-up as a muse."
    assert analysis.course_arc().set_index("year").loc[2025, "event_id"] == "ev-080"
    assert analysis.freytag_arc().set_index("part").loc["falling action", "why"] == (
        "Our own falling action."
    )


def test_an_instructor_adds_a_framework_reading(copy):
    with (copy / "framework_readings.csv").open("a", encoding="utf-8") as f:
        f.write(
            "ev-068,4,neither (communication),return to growth,A series tells the story."
            ",teaching suggestion,afp-csadviseron-2024-12\n"
        )
    data.clear_cache()
    tags = analysis.framework_tags().set_index("event_id")
    assert int(tags.loc["ev-068", "kotter_step"]) == 4
    assert analysis.compare_kotter({"ev-068": 4})["agree"].tolist() == [True]
