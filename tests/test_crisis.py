"""What 01-crisis builds on: the crisis_responses table, half-years, Nissan's share, two charts."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

import casestudy
from casestudy import analysis, plots

matplotlib.use("Agg", force=False)

SCCT_POSTURES = {"deny", "diminish", "rebuild", "bolster"}


# --- the crisis_responses table -----------------------------------------------------------------


def test_crisis_responses_load_typed_and_valid():
    assert casestudy.check(["crisis_responses"]) == []
    table = casestudy.load("crisis_responses")
    assert pd.api.types.is_datetime64_any_dtype(table["date"])
    assert table["id"].is_unique and table["id"].str.fullmatch(r"cr-\d{2}").all()
    assert table["date"].is_monotonic_increasing, "rows are in chronological order"


def test_every_posture_is_taught_and_every_row_says_it_is_a_judgement():
    table = casestudy.load("crisis_responses")
    assert set(table["scct_posture"].astype(str)) == SCCT_POSTURES
    assert table["benoit_category"].nunique() == 5
    # the classification is debatable: every row says on what basis it was made, and why
    assert table["classification_basis"].notna().all()
    assert table["note"].notna().all()


def test_crisis_responses_point_to_real_events_and_sources():
    table = casestudy.load("crisis_responses")
    events = set(casestudy.load("events")["id"])
    sources = set(casestudy.load("sources")["id"])
    assert set(table["event_id"].dropna()) <= events
    assert set(table["source_id"]) <= sources
    # quotes kept in the original language also appear, glossed or translated, in the text
    quoted = table.dropna(subset=["quote_original"])
    assert len(quoted) >= 3
    for row in quoted.itertuples():
        assert row.quote_original in row.response_en or row.quote_original in row.response_fr


def test_framework_sources_are_in_the_bibliography():
    for source_id in ("coombs-2007", "benoit-2015", "preen-2020"):
        assert casestudy.cite(source_id).startswith(f"[{source_id}]")


# --- half_years and nissan_split ----------------------------------------------------------------


def test_half_years_derives_h2_and_says_so():
    table = analysis.half_years("net_income_group_share", 2018, 2020)
    assert list(table.index) == [2018, 2019, 2020]
    assert table.loc[2020, "H1"] == -7292 and table.loc[2020, "FY"] == -8008
    assert table.loc[2020, "H2"] == -8008 - -7292
    assert (table["h2_basis"] == analysis.H2_DERIVED).all()


def test_half_years_prefers_a_published_second_half():
    margin = analysis.half_years("operating_margin", 2020, 2020)
    assert margin.loc[2020, "H2"] == 866
    assert margin.loc[2020, "h2_basis"] == "published"
    assert "pr2020" in margin.attrs["source_ids"]


def test_half_years_refuses_percentages():
    with pytest.raises(ValueError, match="percentage"):
        analysis.half_years("operating_margin_pct")


def test_nissan_split_matches_the_published_figures():
    split = analysis.nissan_split().set_index("label")
    assert list(split.index) == ["FY 2018", "FY 2019", "FY 2020", "H1 2020", "H2 2020"]
    fy = split.loc["FY 2020"]
    assert fy["nissan_contribution"] == -4970
    assert fy["excluding_nissan"] == -8008 - -4970
    assert fy["nissan_share_pct"] == pytest.approx(4970 / 8008 * 100)
    assert split.loc["H1 2020", "net_income_group_share"] == -7292
    assert split.loc["H2 2020", "nissan_contribution"] == -4970 - -4817
    assert split["derived"].tolist() == [False, False, False, False, True]
    # 2019: Nissan made a profit, the rest a loss; a "share" would mean nothing
    assert math.isnan(split.loc["FY 2019", "nissan_share_pct"])
    # only the rows the table uses are cited (H1 2018 is not used)
    assert split.attrs["source_ids"] == ["erh12020", "kf"]


def test_nissan_split_total_net_income():
    split = analysis.nissan_split("net_income").set_index("label")
    assert split.loc["FY 2020", "net_income"] == -8046
    assert split.loc["H2 2020", "net_income"] == -660  # published, not derived
    assert split.loc["H2 2020", "derived"]  # Nissan's second half is still derived


# --- compare_classification ---------------------------------------------------------------------


def test_compare_classification_agrees_and_disagrees():
    out = analysis.compare_classification({"cr-10": "diminish", "cr-08": " Rebuild "})
    assert out["id"].tolist() == ["cr-08", "cr-10"]
    assert out["your_answer"].tolist() == ["rebuild", "diminish"]
    assert out["suggested"].tolist() == ["deny", "diminish"]
    assert out["agree"].tolist() == [False, True]
    benoit = analysis.compare_classification({"cr-11": "mortification"}, framework="benoit")
    assert benoit["agree"].tolist() == [True]


def test_compare_classification_explains_mistakes():
    with pytest.raises(ValueError, match="no crisis response 'cr-99'"):
        analysis.compare_classification({"cr-99": "deny"})
    with pytest.raises(ValueError, match="choose one of deny, diminish, rebuild, bolster"):
        analysis.compare_classification({"cr-01": "apologise"})
    with pytest.raises(ValueError, match="framework"):
        analysis.compare_classification({}, framework="kotter")


def test_compare_classification_of_nothing_is_an_empty_table():
    out = analysis.compare_classification({})
    assert out.empty and "agree" in out.columns


# --- charts -------------------------------------------------------------------------------------


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_crisis_timeline_shows_every_event_of_the_period():
    chart = plots.crisis_timeline()
    fig, ax = chart.figure, chart.figure.axes[0]
    assert fig.get_suptitle().startswith("From arrest to record loss")
    assert ax.get_xlabel() and ax.get_ylabel()
    assert any(t.startswith(("Source: ", "Sources: ")) for t in _texts(fig))
    events = casestudy.load("events")
    period = events[
        (events["date"] >= "2018-11-01")
        & (events["date"] < "2020-08-01")
        & events["theme"].isin(plots.CRISIS_THEMES)
    ]
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == len(period)
    assert labels[0] == "19 Nov 2018 — Carlos Ghosn arrested in Tokyo"
    assert "Mar 2019 — Ghosn released on bail" in labels  # month precision shown as a month
    assert labels[-1].startswith("30 Jul 2020 — H1 2020 results")
    assert f"{len(period)} events from 19 Nov 2018 to 30 Jul 2020" in chart.summary
    assert set(chart.source_ids) == set(period["source_id"])
    assert chart.to_png().startswith(b"\x89PNG")


def test_crisis_timeline_in_french_and_bad_arguments():
    labels = [t.get_text() for t in plots.crisis_timeline(lang="fr").figure.axes[0].texts]
    assert labels[0] == "19 nov. 2018 — Arrestation de Carlos Ghosn à Tokyo"
    assert "mars 2019 — Carlos Ghosn libéré sous caution" in labels
    with pytest.raises(ValueError, match="lang"):
        plots.crisis_timeline(lang="de")
    with pytest.raises(ValueError, match="unknown theme"):
        plots.crisis_timeline(themes=["scandal"])
    with pytest.raises(ValueError, match="no events"):
        plots.crisis_timeline(start="2010-01-01", end="2010-02-01")


def test_net_income_nissan_bars_equal_the_data():
    chart = plots.net_income_nissan()
    fig = chart.figure
    full, halves = fig.axes[0], fig.axes[1]
    assert fig.get_suptitle() == "Net income, group share: how much came from Nissan?"
    assert "EUR billion" in full.get_ylabel() and full.get_xlabel() and halves.get_xlabel()
    split = analysis.nissan_split()
    fy = split[split["period"] == "FY"]
    # first the Nissan bars, then the rest-of-group bars, in EUR billion
    heights = [p.get_height() for p in full.patches]
    expected = list(fy["nissan_contribution"] / 1000) + list(fy["excluding_nissan"] / 1000)
    assert heights == pytest.approx(expected)
    diamonds = full.collections[0].get_offsets()[:, 1]
    assert list(diamonds) == pytest.approx(list(fy["net_income_group_share"] / 1000))
    # the derived second half is hatched, the published first half is not
    assert [bool(p.get_hatch()) for p in halves.patches] == [False, True, False, True]
    assert [t.get_text() for t in halves.texts] == ["−7.3", "−0.7"]
    assert chart.source_ids == ["erh12020", "kf"]


def test_net_income_nissan_summary_is_computed_from_the_data():
    summary = plots.net_income_nissan().summary
    assert summary == (
        "Net income, group share was EUR -8.0 bn in 2020, of which Nissan's contribution was "
        "EUR -5.0 bn (62 %); the first half alone accounted for EUR -7.3 bn and the second half "
        "for EUR -0.7 bn."
    )
    total = plots.net_income_nissan("net_income").summary
    assert "first half alone accounted for EUR -7.4 bn" in total


# --- the quiz agrees with the data --------------------------------------------------------------


def _quiz():
    return {q.id: q for q in casestudy.load_quiz("01-crisis").questions}


def test_quiz_numeric_answer_is_the_derived_second_half():
    net = analysis.half_years("net_income_group_share")
    question = _quiz()["q-h2-net-loss"]
    assert question.check(str(int(net.loc[2020, "H2"]))).correct
    for wrong in (net.loc[2020, "H1"], net.loc[2020, "FY"], -net.loc[2020, "H2"]):
        result = question.check(str(int(wrong)))
        assert not result.correct and result.message, wrong  # wrong, with a hint


def test_quiz_classifications_follow_the_table():
    table = casestudy.load("crisis_responses").set_index("id")
    match = _quiz()["q-match-scct"]
    # the pairs quote, in this order, the responses cr-05, cr-10, cr-11 and cr-06
    for response_id, option in zip(["cr-05", "cr-10", "cr-11", "cr-06"], match.answer, strict=True):
        assert match.options[option].get("en") == table.loc[response_id, "scct_posture"]
    blame = _quiz()["q-benoit-blame"]
    correct = [c.text.get("en").lower() for c in blame.choices if c.correct]
    assert correct == [table.loc["cr-08", "benoit_strategy"]]


def test_quiz_amounts_in_explanations_are_in_the_financials():
    """An amount in an explanation, choice or feedback is a published (or FY - H1) figure."""
    import re

    fin = casestudy.load("financials")
    known = {f"{abs(v):,.0f}" for v in fin["value"]}
    for metric in ("revenue", "operating_margin", "net_income", "net_income_group_share"):
        known |= {f"{abs(v):,.0f}" for v in analysis.half_years(metric)["H2"].dropna()}
    for q in _quiz().values():
        texts = [q.explanation.get("en")]
        for part in (*getattr(q, "choices", ()), *getattr(q, "answers", ())):
            texts += [part.feedback.get("en")] if part.feedback else []
            texts += [part.text.get("en")] if hasattr(part, "text") else []
        for text in texts:
            for amount in re.findall(r"\d{1,3}(?:,\d{3})+|\b\d{3}\b", text):
                assert amount in known, f"{q.id}: {amount} is not a figure in financials.csv"
