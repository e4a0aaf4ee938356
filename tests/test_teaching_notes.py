"""The teaching notes quote figures; every one must come from the case tables.

Two checks. The sweep finds every figure a note quotes (a number with a thousands separator, a
decimal number, or a percentage) and requires each to be a value of the tables, in one of the
ways the notes write it (EUR million, EUR billion, a percentage), or one of the derived figures
below, computed from the tables. The pinned claims then check a few sentences a data fix must
not leave behind. A data fix that changes a quoted figure therefore fails here until the note
follows it.
"""

import re
from pathlib import Path

import pytest
from conftest_data import financial_value as _fin  # a short name for the dense table below

import casestudy

NOTES = Path(__file__).resolve().parent.parent / "notebooks" / "teaching-notes"
NUMERIC_COLUMNS = {
    "financials": ["value"],
    "targets": ["value"],
    "target_outcomes": ["value"],
    "comparisons": ["value"],
    "nissan_impacts": ["value"],
    "products": ["value"],
    "claims": ["claimed_value"],
}
# a figure as the notes write it: 8,008 / -4,970 / 6.3 / 6.3 % / 35 %
FIGURE = re.compile(
    r"(?<![\w.,/-])[−-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+(?=\s?%))(?:\s?%)?(?![\w/])"
)


def _prod(product_id):
    return float(casestudy.load("products").set_index("id").loc[product_id, "value"])


def _target(target_id, column="value"):
    return casestudy.load("targets").set_index("id").loc[target_id, column]


def _derived() -> dict[str, float]:
    """Figures the notes compute from the tables, by name."""
    tol = casestudy.analysis.ABOUT_TOLERANCE
    pvd = casestudy.promise_vs_delivery().set_index("id")
    fcf = casestudy.financial_series("automotive_fcf")
    impacts = casestudy.load("nissan_impacts")
    rest_2025 = impacts.query("year == 2025 and period == 'FY' and item == 'excluding_nissan'")
    nissan_2025 = _fin(2025, "FY", "net_income_group_share") - float(rest_2025["value"].iloc[0])
    return {
        "Nissan's share of the 2020 loss, %": round(
            100
            * _fin(2020, "FY", "nissan_contribution")
            / _fin(2020, "FY", "net_income_group_share")
        ),
        "H2 2020 net income": _fin(2020, "FY", "net_income") - _fin(2020, "H1", "net_income"),
        "2020 loss excluding Nissan, bn": round(
            (_fin(2020, "FY", "net_income") - _fin(2020, "FY", "nissan_contribution")) / 1000, 1
        ),
        "'about 6.5 %' met from": round(_target("tg-47") * (1 - tol), 3),
        "'about 6.5 %' tolerance, %": round(100 * tol),
        "gap to the Feb 2025 guidance, pts": round(_fin(2025, "FY", "operating_margin_pct") - 7, 1),
        "2025 margin below 2024, pts": round(
            _fin(2024, "FY", "operating_margin_pct") - _fin(2025, "FY", "operating_margin_pct"), 1
        ),
        "cumulative FCF 2021-2023": float(fcf.loc[2021:2023].sum()),
        "cumulative FCF 2021-2025, bn": round(float(fcf.loc[2021:2025].sum()) / 1000, 1),
        "cumulative FCF 2021-2023 on the restated 2021": float(
            _fin(2021, "FY", "automotive_fcf", "restated") + fcf.loc[2022:2023].sum()
        ),
        "R5 launch price above the promise, low %": round(
            100 * (_prod("pr-010") / _prod("pr-005") - 1), 1
        ),
        "R5 launch price above the promise, high %": round(
            100 * (_prod("pr-009") / _prod("pr-005") - 1), 1
        ),
        "R5 'evolution' above the promise, %": round(
            100 * (_prod("pr-013") / _prod("pr-005") - 1), 1
        ),
        "status check": float(pvd.loc["tg-29", "actual"]),
        "cumulative FCF 2021-2025": float(fcf.loc[2021:2025].sum()),
        "2022 growth on 2021 restated, %": round(
            100 * (_fin(2022, "FY", "revenue") / _fin(2021, "FY", "revenue", "restated") - 1), 1
        ),
        "2021 revenue removed by the restatement": _fin(2021, "FY", "revenue")
        - _fin(2021, "FY", "revenue", "restated"),
        "its margin, %": round(
            100
            * (
                _fin(2021, "FY", "operating_margin")
                - _fin(2021, "FY", "operating_margin", "restated")
            )
            / (_fin(2021, "FY", "revenue") - _fin(2021, "FY", "revenue", "restated")),
            1,
        ),
        "Turbo 3E power over the 1980 Turbo, low": round(_prod("pr-025") / _prod("pr-045"), 2),
        "Turbo 3E power over the 1980 Turbo, high": round(_prod("pr-029") / _prod("pr-045"), 2),
        "the average a careless reader prints": (_prod("pr-025") + _prod("pr-029")) / 2,
        "first-week orders as a share of the run, %": round(
            100 * _prod("pr-027") / _prod("pr-026"), 1
        ),
        "Nissan's part of the 2025 loss": nissan_2025,
        "Nissan's part of the 2025 loss, bn": round(nissan_2025 / 1000, 1),
        "Nissan's part as a share of the loss, %": round(
            100 * nissan_2025 / _fin(2025, "FY", "net_income_group_share")
        ),
        "the two reported Nissan items": float(
            impacts.query("year == 2025 and period == 'FY' and item != 'excluding_nissan'")[
                "value"
            ].sum()
        ),
    }


def _table_values() -> set[float]:
    values: set[float] = set()
    for table, columns in NUMERIC_COLUMNS.items():
        frame = casestudy.load(table)
        for column in columns:
            for v in frame[column].dropna():
                v = abs(float(v))
                values.update({v, round(v / 1000, 1), round(v / 1000, 2), round(v / 1e6, 2)})
    return values


def _as_number(text: str) -> float:
    text = text.replace("−", "-").replace(",", "").replace("%", "").strip()
    return abs(float(text))


def _figures(text: str) -> list[str]:
    # code spans name rows and functions, not figures
    text = re.sub(r"`[^`]*`", " ", text)
    return [m.group(0).strip() for m in FIGURE.finditer(text)]


def _notes() -> list[Path]:
    return sorted(NOTES.glob("*.md"))


def test_the_sweep_finds_figures_as_the_notes_write_them():
    found = _figures("a loss of −8,008 (EUR 8.0 bn), a 6.3 % margin, 35 % payout, tg-47, 2025")
    assert found == ["−8,008", "8.0", "6.3 %", "35 %"]
    assert _figures("`tg-47` and `ABOUT_TOLERANCE = 5 %`") == []


def _unknown(text: str) -> list[str]:
    known = _table_values() | {abs(float(v)) for v in _derived().values()}
    return sorted({f for f in _figures(text) if _as_number(f) not in known})


def test_the_sweep_catches_a_figure_the_tables_do_not_hold():
    text = (NOTES / "05-epilogue.md").read_text(encoding="utf-8")
    assert "−10,930" in text and not _unknown(text)
    assert _unknown(text.replace("−10,930", "−10,931")) == ["−10,931"]
    assert _unknown("a margin of 6.3 % in 2025") == []
    assert _unknown("a margin of 6.35 % in 2025") == ["6.35 %"]


@pytest.mark.parametrize("note", _notes(), ids=lambda p: p.name)
def test_every_figure_in_a_note_comes_from_the_tables(note):
    unknown = _unknown(note.read_text(encoding="utf-8"))
    assert not unknown, f"{note.name}: figures not found in the case tables: {unknown}"


def test_there_is_a_course_note_and_one_note_per_theme():
    names = {p.name for p in _notes()}
    assert "00-course.md" in names
    for theme in ("01-crisis", "02-strategy", "03-product", "04-storytelling", "05-epilogue"):
        assert f"{theme}.md" in names


THEME_SECTIONS = (
    "## Assignment questions",
    "## Session plan: 60 minutes",
    "## Session plan: 90 minutes",
    "## Board plan",
    "## Expected answers",
    "## Rubrics",
    "## Common misconceptions",
    "## Quiz in class",
    "## Epilogue",
)


@pytest.mark.parametrize(
    "theme", ["01-crisis", "02-strategy", "03-product", "04-storytelling", "05-epilogue"]
)
def test_each_theme_note_has_the_sections_an_instructor_needs(theme):
    text = (NOTES / f"{theme}.md").read_text(encoding="utf-8")
    missing = [s for s in THEME_SECTIONS if s not in text]
    assert not missing, f"{theme}.md lacks {missing}"


def test_the_course_note_covers_plan_audience_and_assessment():
    text = (NOTES / "00-course.md").read_text(encoding="utf-8")
    for heading in (
        "## Synopsis",
        "## Audience",
        "## Prerequisites",
        "## Six-class plan",
        "## Three-class variant",
        "## Assessment",
    ):
        assert heading in text, heading


def test_quiz_time_in_the_notes_fits_the_number_of_items():
    """At least a minute per item: 12 items do not fit in 7 minutes."""
    import yaml

    quizzes = Path(__file__).resolve().parent.parent / "data" / "quizzes"
    for theme in ("01-crisis", "02-strategy", "03-product", "04-storytelling", "05-epilogue"):
        items = len(yaml.safe_load((quizzes / f"{theme}.yaml").read_text())["questions"])
        text = (NOTES / f"{theme}.md").read_text(encoding="utf-8")
        stated = re.search(r"quiz takes about (\d+) minutes", text)
        assert stated, f"{theme}.md does not state the quiz time"
        assert int(stated.group(1)) >= items, (theme, items, stated.group(1))


def test_no_note_talks_about_how_the_course_was_made():
    words = re.compile(r"facts files?|research file|facts pack|we researched|was researched", re.I)
    for note in _notes():
        hits = words.findall(note.read_text(encoding="utf-8"))
        assert not hits, f"{note.name}: {hits}"


# Sentences a data fix must not leave behind: (note, text quoted, value from the tables).
PINNED = [
    ("01-crisis.md", "−8,008", lambda: _fin(2020, "FY", "net_income_group_share")),
    ("01-crisis.md", "−7,292", lambda: _fin(2020, "H1", "net_income_group_share")),
    ("02-strategy.md", "6.3 %", lambda: _fin(2025, "FY", "operating_margin_pct")),
    ("05-epilogue.md", "6.3 %", lambda: _fin(2025, "FY", "operating_margin_pct")),
    ("05-epilogue.md", "−10,930", lambda: _fin(2025, "FY", "net_income_group_share")),
    ("00-course.md", "57,922", lambda: _fin(2025, "FY", "revenue")),
    ("00-course.md", "57,419", lambda: _fin(2018, "FY", "revenue")),
]


@pytest.mark.parametrize("note,quoted,value", PINNED, ids=lambda x: x if isinstance(x, str) else "")
def test_pinned_figures_match_the_tables(note, quoted, value):
    text = (NOTES / note).read_text(encoding="utf-8")
    assert quoted in text, f"{note} no longer quotes {quoted}"
    assert _as_number(quoted) == abs(value())
