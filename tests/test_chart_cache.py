"""The chart cache: a chart read back is the chart drawn, and anything that changes a chart's
pixels or summary draws it again."""

from __future__ import annotations

import io
import json
import os

import matplotlib
import numpy as np
import pytest
from PIL import Image

from casestudy import cache as store
from casestudy import data, plots
from casestudy.__main__ import main
from casestudy.plots import cache
from casestudy.plots.style import _draw_png, optimize_png
from casestudy.quiz import available_quizzes


@pytest.fixture
def chart_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_CACHE, str(tmp_path / "cache"))
    return tmp_path / "cache" / "charts"


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def entries(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_chart_read_back_is_the_chart_drawn(chart_cache):
    drawn = plots.margin_vs_targets()
    assert drawn._figure is not None
    png = drawn.to_png()
    assert len(entries(chart_cache)) == 2  # the PNG and its description

    read = plots.margin_vs_targets()
    assert read._figure is None  # nothing drawn
    assert read.to_png() == png
    assert (read.summary, read.source_ids, read.source_line, read.title) == (
        drawn.summary,
        drawn.source_ids,
        drawn.source_line,
        drawn.title,
    )
    assert read.text() == drawn.text()
    # the figure is there when asked for, drawn again, and the same picture
    assert [ax.get_title() for ax in read.figure.axes] == [ax.get_title() for ax in drawn.axes]

    def ticks(chart):  # filled in only by a draw
        return [t.get_text() for ax in chart.figure.axes for t in ax.get_yticklabels()]

    assert any(ticks(read)) and ticks(read) == ticks(drawn)
    assert (pixels(_draw_png(read.figure)) == pixels(png)).all()


def test_the_smaller_png_has_the_same_pixels(chart_cache):
    figure = plots.target_scorecard.draw().figure
    plain = _draw_png(figure)
    small = optimize_png(plain)
    assert len(small) < len(plain)
    assert (pixels(small) == pixels(plain)).all()


def test_defaults_and_the_same_arguments_share_one_entry(chart_cache):
    plots.margin_vs_targets().to_png()
    plots.margin_vs_targets(2019, last_year=2025).to_png()
    assert len(entries(chart_cache)) == 2
    plots.margin_vs_targets(2020).to_png()
    assert len(entries(chart_cache)) == 4


def test_the_language_is_part_of_the_key(chart_cache):
    english = plots.crisis_timeline().to_png()
    french = plots.crisis_timeline(lang="fr")
    assert french._figure is not None  # drawn, not read
    assert french.to_png() != english


def test_edited_data_draws_the_chart_again(chart_cache, copy):
    folder = copy
    before = plots.revenue_and_margin()
    before.to_png()
    path = folder / "financials.csv"
    text = path.read_text(encoding="utf-8")
    assert "2018,FY,operating_margin_pct,6.3," in text
    path.write_text(
        text.replace("2018,FY,operating_margin_pct,6.3,", "2018,FY,operating_margin_pct,4.3,")
    )
    # an edit the running kernel has not read yet changes nothing: the chart matches memory
    assert plots.revenue_and_margin()._figure is None
    data.clear_cache()
    after = plots.revenue_and_margin()
    assert after._figure is not None
    assert after.to_png() != before.to_png()


def test_restyled_matplotlib_draws_the_chart_again(chart_cache):
    plots.story_arc().to_png()
    with matplotlib.rc_context({"font.size": 14}):
        assert plots.story_arc()._figure is not None
    assert plots.story_arc()._figure is None


def test_a_figure_handed_out_is_never_stored_nor_kept(chart_cache):
    chart = plots.claims_by_verdict()
    figure = chart.figure
    figure.suptitle("changed by a student")
    first = chart.to_png()
    assert entries(chart_cache) == []
    figure.suptitle("changed again")
    assert chart.to_png() != first  # drawn afresh, never a stale picture
    assert chart.title == "changed again"


@pytest.mark.parametrize("damage", ["truncate", "garbage json", "swap png", "delete png"])
def test_a_damaged_entry_is_drawn_again(chart_cache, damage):
    good = plots.net_income_nissan().to_png()
    png = next(chart_cache.glob("*.png"))
    meta = png.with_suffix(".json")
    if damage == "truncate":
        png.write_bytes(good[:100])
    elif damage == "garbage json":
        meta.write_text("{not json", encoding="utf-8")
    elif damage == "swap png":
        png.write_bytes(optimize_png(_draw_png(plots.story_arc.draw().figure)))
    else:
        png.unlink()
    again = plots.net_income_nissan()
    assert again._figure is not None
    assert (pixels(again.to_png()) == pixels(good)).all()
    # and the entry is sound again
    assert plots.net_income_nissan().to_png() == good


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_is_read_and_never_written(chart_cache):
    plots.timeline().to_png()
    before = entries(chart_cache)
    chart_cache.chmod(0o555)
    try:
        assert plots.timeline()._figure is None  # still read
        plots.strategy_timeline().to_png()  # drawn, shown, not stored: no error
        assert entries(chart_cache) == before
    finally:
        chart_cache.chmod(0o755)


def test_an_unwritable_cache_path_never_breaks_a_chart(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(store.ENV_CACHE, str(blocker / "cache"))
    chart = plots.price_promise_chart()
    assert chart.to_png().startswith(b"\x89PNG")


def test_off_means_always_drawn(monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_CACHE, "off")
    assert cache.cache_dir() is None
    plots.timeline().to_png()
    assert plots.timeline()._figure is not None


def test_arguments_without_a_stable_text_form_are_not_cached(chart_cache):
    assert cache.chart_key(plots.timeline.draw, (), {"themes": object()}) is None
    assert cache.chart_key(plots.timeline.draw, (), {"nonsense": 1}) is None
    key = cache.chart_key(plots.timeline.draw, (), {"themes": ("crisis",)})
    assert key and key != cache.chart_key(plots.timeline.draw, (), {"themes": ["crisis"]})


def test_marks_given_as_a_dict_are_part_of_the_key(chart_cache):
    marks = {"ev-001": "Ghosn arrested", "ev-027": "Renaulution"}
    first = plots.timeline(highlight=marks)
    first.to_png()
    assert plots.timeline(highlight=dict(marks))._figure is None  # same marks: read back
    # order matters (labels are placed in order), and so does each label
    assert plots.timeline(highlight=dict(reversed(marks.items())))._figure is not None
    assert plots.timeline(highlight={**marks, "ev-027": "The plan"})._figure is not None


def test_a_wrong_argument_still_raises_its_own_error(chart_cache):
    with pytest.raises(ValueError, match="lang"):
        plots.crisis_timeline(lang="de")
    assert entries(chart_cache) == []


def test_the_cache_keeps_the_most_recent_entries(chart_cache, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for first_year in (2019, 2020, 2021):
        plots.margin_vs_targets(first_year).to_png()
    assert len(entries(chart_cache)) == 4
    assert plots.margin_vs_targets(2021)._figure is None
    assert plots.margin_vs_targets(2019)._figure is not None


def test_the_charts_command_fills_the_cache(chart_cache, tmp_path, capsys):
    assert main(["charts", "--english-only", str(tmp_path / "none")]) == 1  # no such notebook
    assert main(["charts", "--english-only", str(tmp_path)]) == 0  # a folder with none
    out = capsys.readouterr().out
    quizzes = len(available_quizzes())
    assert quizzes >= 6
    assert f"and {quizzes} quiz files parsed" in out
    assert len(list((chart_cache.parent / "quizzes").glob("*.json"))) == quizzes
    assert len(list(chart_cache.glob("*.png"))) == len(plots.CHARTS)
    descriptions = [json.loads(p.read_text()) for p in chart_cache.glob("*.json")]
    assert all(d["summary"] and d["title"] for d in descriptions)
    for name, function in plots.CHARTS.items():
        assert function()._figure is None, name


def test_the_charts_command_says_when_the_cache_is_off(monkeypatch, capsys):
    monkeypatch.setenv(store.ENV_CACHE, "off")
    assert main(["charts"]) == 1
    assert "off" in capsys.readouterr().err


def test_the_fingerprint_names_a_broken_table(copy):
    (copy / "events.csv").unlink()
    with pytest.raises(data.CaseDataError, match="events.csv"):
        data.fingerprint()
    # and a chart drawn from it says the same, not a cache error
    with pytest.raises(data.CaseDataError, match="events.csv"):
        plots.timeline()


def test_chart_calls_reads_only_literal_chart_cells(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("plots.timeline()"),
        nbformat.v4.new_code_cell('chart = plots.timeline(highlight={"ev-001": "Arrest"})\nchart'),
        nbformat.v4.new_code_cell("chart = plots.crisis_timeline(lang=LANG)"),  # not literal
        nbformat.v4.new_code_cell("chart = plots.not_a_chart()"),
        nbformat.v4.new_code_cell("x = plots.story_arc(2019, last_year=2025)"),
        nbformat.v4.new_code_cell("plots.timeline(("),  # a syntax error is skipped
    ]
    path = tmp_path / "07-test.ipynb"
    nbformat.write(nb, path)
    calls = cache.chart_calls(path)
    assert [(c.cell, c.chart, c.args, c.kwargs) for c in calls] == [
        (1, "timeline", (), {"highlight": {"ev-001": "Arrest"}}),
        (4, "story_arc", (2019,), {"last_year": 2025}),
    ]
    assert calls[1]().summary == plots.story_arc(2019, 2025).summary
