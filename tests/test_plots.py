"""casestudy.plots: each chart has a title, labelled axes with units, a source line, a summary."""

from __future__ import annotations

import base64
import html
import io

import matplotlib
import pytest
from chart_rules import check_chart

import casestudy
from casestudy import plots
from casestudy.plots import style

matplotlib.use("Agg", force=False)


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_timeline_chart():
    chart = plots.timeline(highlight={"ev-001": "Ghosn arrested"})
    check_chart(chart, every_x_labelled=False)
    n_points = sum(len(c.get_offsets()) for c in chart.figure.axes[0].collections)
    events = casestudy.load("events")
    assert n_points == len(events[(events.date >= "2018-11-01") & (events.date < "2026-03-01")])
    assert str(n_points) in chart.summary
    assert "Ghosn arrested" in [t.get_text() for t in chart.figure.axes[0].texts]


def test_timeline_filters_themes():
    chart = plots.timeline(themes=["crisis"])
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert labels == ["Crisis"]


def test_timeline_rejects_unknown_highlight():
    with pytest.raises(ValueError, match="no event 'ev-999'"):
        plots.timeline(highlight={"ev-999": "?"})


def test_revenue_and_margin_chart():
    chart = plots.revenue_and_margin(mark_events={"ev-001": "Ghosn arrested"})
    check_chart(chart, every_x_labelled=False)
    ax, ax2 = chart.figure.axes
    assert "EUR billion" in ax.get_ylabel()
    assert "%" in ax2.get_ylabel()
    heights = [p.get_height() for p in ax.patches]
    revenue = casestudy.financial_series("revenue")
    assert heights == pytest.approx([revenue[y] / 1000 for y in range(2018, 2026)])
    line = ax2.get_lines()[0]
    margin = casestudy.financial_series("operating_margin_pct")
    assert list(line.get_ydata()) == pytest.approx([margin[y] for y in range(2018, 2026)])
    assert "-0.8 %" in chart.summary and "2020" in chart.summary


def test_chart_displays_picture_with_alt_text_then_summary(capsys, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    chart = plots.revenue_and_margin()
    chart._ipython_display_()
    (bundle,) = shown
    # The picture is stored once, in the <img> that carries the alt text.
    assert set(bundle) == {"text/html", "text/plain"}
    prefix = '<img src="data:image/png;base64,'
    assert bundle["text/html"].startswith(prefix)
    png = bundle["text/html"][len(prefix) :].split('"', 1)[0]
    assert base64.b64decode(png).startswith(b"\x89PNG")
    assert f'alt="{html.escape(chart.summary, quote=True)}"' in bundle["text/html"]
    assert "0x" not in bundle["text/plain"]  # no memory address for nbval to trip on
    out = capsys.readouterr().out
    assert out.startswith(f"Summary: {chart.summary}")
    assert "Sources: " in out


def test_alt_text_is_escaped(monkeypatch):
    import IPython.display

    chart = plots.Chart(style._new_figure(), 'a "quoted" <b>summary</b>.', ["kf"])
    chart.figure.suptitle("t")
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    chart._ipython_display_()
    assert "<b>" not in shown[0]["text/html"]
    assert "&quot;quoted&quot;" in shown[0]["text/html"]


def test_palette_is_okabe_ito():
    assert set(plots.THEME_COLOURS.values()) <= set(plots.OKABE_ITO.values())


def test_timeline_title_follows_the_period():
    chart = plots.timeline(start="2019-01-01", end="2020-01-01")
    assert chart.figure.get_suptitle().startswith("Renault 2019:")
    assert plots.timeline().figure.get_suptitle().startswith("Renault 2018–2026:")


def test_revenue_chart_cites_only_the_years_drawn():
    full = plots.revenue_and_margin()
    short = plots.revenue_and_margin(first_year=2018, last_year=2019)
    revenue = casestudy.financial_series("revenue")
    margin = casestudy.financial_series("operating_margin_pct")
    expected = {revenue.attrs["source_ids"][y] for y in (2018, 2019)} | {
        margin.attrs["source_ids"][y] for y in (2018, 2019)
    }
    assert set(short.source_ids) == expected
    assert set(short.source_ids) <= set(full.source_ids)


@pytest.mark.parametrize("make", [plots.revenue_and_margin, plots.target_scorecard])
def test_png_has_the_pixels_savefig_draws(make, tmp_path):
    """to_png() draws once and stores RGB; the picture must be savefig's, pixel for pixel."""
    import numpy as np
    from PIL import Image

    make().save(tmp_path / "savefig.png")
    expected = np.asarray(Image.open(tmp_path / "savefig.png").convert("RGBA"))
    got = Image.open(io.BytesIO(make().to_png()))
    assert got.mode == "RGB"  # every course chart is opaque
    assert got.size == (expected.shape[1], expected.shape[0])
    assert np.array_equal(np.asarray(got.convert("RGBA")), expected)
