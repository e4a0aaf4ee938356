"""02-strategy: the comparisons table, restatements, targets on one basis, comparison plans,
framework tagging, and the notebook's charts (checked on the numbers they draw)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from chart_rules import check_chart

import casestudy
from casestudy import analysis, plots

matplotlib.use("Agg", force=False)


# --------------------------------------------------------------------------- the data


def test_comparisons_table_is_valid_and_sourced():
    assert casestudy.check(["comparisons"]) == []
    comp = casestudy.load("comparisons")
    assert comp["id"].is_unique
    assert set(comp["case"].astype(str)) == {
        "nissan_revival_plan",
        "psa_back_in_the_race",
        "fiat_2004",
        "chrysler_2009",
    }
    assert set(comp["source_id"]) <= set(casestudy.load("sources")["id"])
    # a comparator belongs to targets only
    assert comp.loc[comp["kind"] == "target", "comparator"].notna().all()
    assert comp.loc[comp["kind"] != "target", "comparator"].isna().all()


def test_comparisons_keep_the_published_figures():
    comp = casestudy.load("comparisons").set_index("id")
    nrp_loss = comp[(comp["case"] == "nissan_revival_plan") & (comp["kind"] == "baseline")]
    assert nrp_loss.query("metric == 'net_income'")["value"].tolist() == [-684.4]
    assert comp.loc["cmp-006", "value"] == 4.5 and comp.loc["cmp-006", "year"] == 2002
    # two sources for Fiat Auto's 2004 loss: both kept, and each note names the other figure
    fiat_2004 = comp.query("case == 'fiat_2004' and metric == 'fiat_auto_result' and year == 2004")
    assert sorted(fiat_2004["value"]) == [-840.0, -822.0]
    assert fiat_2004["note"].str.contains("both rows kept").all()


# --------------------------------------------------------------------------- restatements


def test_restatements_show_both_bases():
    r = analysis.restatements().set_index(["year", "metric"])
    assert set(r.index.get_level_values("year")) == {2021, 2022}
    revenue_2021 = r.loc[(2021, "revenue")]
    assert (revenue_2021["as_published"], revenue_2021["restated"]) == (46213.0, 41659.0)
    assert revenue_2021["change"] == 41659.0 - 46213.0
    assert "Russia" in revenue_2021["why"]
    assert r.loc[(2022, "operating_margin_pct"), "restated"] == 5.5
    assert "IFRS 17" in r.loc[(2022, "operating_margin_pct"), "why"]


def test_revenue_growth_depends_on_the_basis():
    published = casestudy.financial_series("revenue", basis="as_published")
    latest = casestudy.financial_series("revenue", basis="latest")
    mixed = published[2022] / published[2021] - 1
    like_for_like = published[2022] / latest[2021] - 1
    assert round(mixed * 100, 1) == 0.4
    assert round(like_for_like * 100, 1) == 11.4  # the growth rate the company reported


def test_first_met_by_basis_moves_with_the_restatement():
    t = analysis.first_met_by_basis(["tg-08", "tg-29"]).set_index(["id", "basis"])
    assert t.loc[("tg-08", "as_published"), "first_met"] == 2021
    assert t.loc[("tg-08", "latest"), "first_met"] == 2022
    assert t.loc[("tg-08", "latest"), "years_early"] == 1
    assert pd.isna(t.loc[("tg-29", "as_published"), "first_met"])
    with pytest.raises(ValueError, match="no target 'tg-99'"):
        analysis.first_met_by_basis(["tg-99"])


# --------------------------------------------------------------------------- comparison plans


def test_plan_comparison_statuses():
    pc = analysis.plan_comparison().set_index("target_id")
    expected = {
        "tg-08": ("met early", 2021, 2),
        "tg-09": ("met early", 2022, 3),
        "cmp-005": ("met", 2000, 0),  # Nissan back to profit in fiscal 2000, as promised
        "cmp-006": ("met early", 2000, 2),
        "cmp-007": ("met early", 2001, 1),  # debt target met although FY2002 is not in the data
        "cmp-035": ("met early", 2015, 3),
    }
    for target_id, (status, first, early) in expected.items():
        row = pc.loc[target_id]
        assert (str(row["status"]), row["first_met"], row["years_early"]) == (
            status,
            first,
            early,
        ), target_id
    assert str(pc.loc["tg-29", "status"]) == "missed"
    assert pc.loc["tg-29", "actual_at_deadline"] == 6.3


def test_plan_comparison_never_mixes_currencies_or_windows():
    pc = analysis.plan_comparison().set_index("target_id")
    # Fiat's 2005 target is in euros; the 2005 outcome in the data is in US dollars
    assert str(pc.loc["cmp-053", "status"]) == "not measurable"
    # PSA's 5 % applies to 2019-2023; a 2015 figure of 5.0 does not count
    assert str(pc.loc["cmp-036", "status"]) == "not measurable"
    # purchasing costs: the first-year figure is a different measure from the 3-year target
    assert str(pc.loc["cmp-011", "status"]) == "not measurable"


def test_headline_series():
    nrp = analysis.headline_series("nissan_revival_plan")
    assert nrp["years_after_start"].tolist() == [1, 2, 3]
    assert nrp["value"].tolist() == [4.75, 7.9, 10.8]
    renault = analysis.headline_series("renaulution").set_index("year")
    assert renault.loc[2021, "years_after_start"] == 0
    assert renault.loc[2020, "value"] == -0.8
    with pytest.raises(ValueError, match="case must be one of"):
        analysis.headline_series("chrysler_2009")


# --------------------------------------------------------------------------- frameworks


def test_framework_tags_are_labelled_teaching_suggestions():
    tags = analysis.framework_tags()
    assert (tags["classification_basis"] == "teaching suggestion").all()
    events = set(casestudy.load("events")["id"])
    assert set(tags["event_id"]) <= events
    steps = tags["kotter_step"].dropna().astype(int)
    assert set(steps) <= set(analysis.KOTTER_STEPS)
    assert tags.set_index("event_id").loc["ev-045", "kotter_step"] == 7
    assert tags["date"].is_monotonic_increasing


def test_compare_kotter():
    out = analysis.compare_kotter({"ev-045": 6, "ev-027": 3, "ev-036": None}).set_index("event_id")
    assert bool(out.loc["ev-027", "agree"]) is True
    assert bool(out.loc["ev-045", "agree"]) is False
    assert pd.isna(out.loc["ev-036", "agree"])
    with pytest.raises(ValueError, match="numbered 1 to 8"):
        analysis.compare_kotter({"ev-027": 9})
    with pytest.raises(ValueError, match="no suggestion for 'ev-001'"):
        analysis.compare_kotter({"ev-001": 1})


# --------------------------------------------------------------------------- charts


def test_margin_vs_targets_chart():
    chart = plots.margin_vs_targets()
    check_chart(chart)
    ax = chart.figure.axes[0]
    assert "%" in ax.get_ylabel()
    line = ax.get_lines()[0]
    margin = casestudy.financial_series("operating_margin_pct")
    assert list(line.get_xdata()) == list(range(2019, 2026))
    assert list(line.get_ydata()) == [margin[y] for y in range(2019, 2026)]
    assert "first met in 2021" in chart.summary
    assert "missed (6.3 % in 2025)" in chart.summary
    assert any("> 10 % by 2030" in t.get_text() for t in ax.texts)  # due later: named


def test_target_scorecard_chart():
    chart = plots.target_scorecard()
    check_chart(chart)
    ax = chart.figure.axes[0]
    pvd = casestudy.promise_vs_delivery()
    n = int(pvd["plan"].isin(["renaulution", "cmd_2022"]).sum())
    assert len(ax.get_yticklabels()) == n
    counts = pvd[pvd["plan"].isin(["renaulution", "cmd_2022"])]["status"].value_counts()
    assert f"Of {n} targets" in chart.summary
    assert f"{counts['not measurable']} not measurable" in chart.summary
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("(low confidence)" in label and "tg-14" in label for label in labels)
    notes = [t.get_text() for t in ax.texts]
    assert notes.count("no published outcome") == counts["not measurable"]


def test_restatement_chart():
    chart = plots.restatement_chart()
    check_chart(chart)
    revenue_ax, margin_ax = chart.figure.axes
    assert "EUR billion" in revenue_ax.get_ylabel() and "%" in margin_ax.get_ylabel()
    published, latest = revenue_ax.get_lines()[:2]
    years = list(published.get_xdata())
    assert published.get_ydata()[years.index(2021)] == pytest.approx(46.213)
    assert latest.get_ydata()[years.index(2021)] == pytest.approx(41.659)
    assert "margin 3.6 % → 2.8 %" in chart.summary
    assert "2022 (for IFRS 17)" in chart.summary


def test_plans_compared_chart():
    chart = plots.plans_compared()
    check_chart(chart)
    titles = [ax.get_title(loc="left") for ax in chart.figure.axes]
    assert len(titles) == 4
    for case, label in analysis.CASE_LABELS.items():
        if case in analysis.HEADLINE_METRICS:
            assert any(t.startswith(label) for t in titles)
            assert label in chart.summary
    assert "≥ 4.5 % by 2002 met in 2000, 2 years early" in chart.summary
    assert "≥ −317 EUR m by 2005 not measurable" in chart.summary
    fiat_ax = chart.figure.axes[3]
    assert "EUR million" in fiat_ax.get_ylabel()
    assert any("not converted" in t.get_text() for t in fiat_ax.texts)


def test_strategy_timeline_title_and_period():
    chart = plots.strategy_timeline()
    check_chart(chart)
    title = chart.figure.get_suptitle()
    assert title.startswith("The Renaulution years, May 2020 – Jul 2025")
    labels = [t.get_text() for t in chart.figure.axes[0].texts]
    assert "Ampere IPO cancelled" in labels


def test_compare_kotter_hides_suggestions_until_tagged():
    out = analysis.compare_kotter({"ev-018": None, "ev-027": None})
    assert out["suggested_step"].isna().all()
    assert (out["why"] == "").all()
