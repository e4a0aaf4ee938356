"""04-storytelling: the episodes, series_roles and claims tables, the claim checks, the hero's
journey and Freytag suggestions, the synopsis search, the notebook's charts and its quiz facts."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest
from chart_rules import check_chart

import casestudy
from casestudy import analysis, plots
from casestudy.analysis import storytelling
from casestudy.quiz import load_quiz

matplotlib.use("Agg", force=False)

TABLES = ("episodes", "series_roles", "claims")


# --------------------------------------------------------------------------- the tables


def test_storytelling_tables_are_valid_and_sourced():
    assert casestudy.check(list(TABLES)) == []
    sources = set(casestudy.load("sources")["id"])
    for name in TABLES:
        table = casestudy.load(name)
        assert set(table["source_id"]) <= sources, name
        assert table["confidence"].notna().all(), name


def test_episode_titles_are_never_invented():
    episodes = casestudy.load("episodes").set_index("episode")
    assert list(episodes.index) == [1, 2, 3, 4]
    # the facts files found the French title of episode 1 only: the others stay empty
    assert episodes.loc[1, "title_fr"] == "Faire la révolution ou mourir"
    assert episodes.loc[[2, 3, 4], "title_fr"].isna().all()
    assert episodes.loc[[2, 3, 4], "title_fr_source_id"].isna().all()
    assert episodes.loc[4, "title_it"] == "Il futuro è già qui"
    # every title that is there has its own source
    assert episodes["title_it_source_id"].notna().all()
    # episode 3 is known only in part, and says so
    assert episodes.loc[3, "confidence"] == "medium"


def test_series_roles_keep_both_producers_and_the_reported_funder():
    roles = casestudy.load("series_roles")
    produced = set(roles.loc[roles["role"] == "produced", "who"])
    assert produced == {"Breath Film (Elephant)", "Sans Borne"}
    funder = roles[roles["role"] == "financed (reported)"].iloc[0]
    assert funder["who"] == "Renault"
    assert funder["confidence"] == "medium" and funder["source_id"] == "linforme-2025"
    # the disagreement is taught, not hidden: the note points to the producers' accounts
    assert "both accounts are kept" in funder["note"]


def test_claims_carry_their_basis_and_a_reason():
    claims = casestudy.load("claims")
    assert claims["id"].is_unique
    assert set(claims["verdict"].astype(str)) == set(analysis.VERDICTS)
    assert claims["note"].notna().all()
    # a claim that can be checked names its evidence; one that cannot names none
    checkable = claims["check"].isin(["value", "record_high", "record_low", "date", "lookup"])
    assert claims.loc[checkable, "evidence_table"].notna().all()
    assert claims.loc[~checkable, "evidence_table"].isna().all()
    # the low-confidence claim is the unaudited audience, labelled in the chart
    assert claims.loc[claims["confidence"] == "low", "id"].tolist() == ["cl-16"]
    # the three origin stories are all kept
    origin = claims.set_index("id").loc[["cl-13", "cl-14", "cl-15"]]
    assert set(origin["claimant_type"]) == {"press", "producers"}
    assert (origin["verdict"] == "not checkable").all()


# --------------------------------------------------------------------------- check_claims


def test_every_data_check_verdict_is_what_the_rule_gives():
    checked = analysis.check_claims()
    rows = checked[checked["classification_basis"] == "data check"]
    assert len(rows) >= 6
    assert (rows["data_verdict"].astype(str) == rows["verdict"].astype(str)).all()
    # the only disagreement between the rule and the authors is the 'never reached' claim
    assert checked.loc[checked["agrees"] == False, "id"].tolist() == ["cl-10"]  # noqa: E712
    # lookups and unchecked claims get no mechanical verdict
    no_rule = checked[checked["check"].isin(["lookup", "none"])]
    assert no_rule["data_verdict"].isna().all()
    assert (no_rule.loc[no_rule["check"] == "none", "data_says"] == analysis.NOTHING_TO_CHECK).all()


def test_the_73_billion_is_found_in_the_first_half():
    c = analysis.check_claims().set_index("id")
    assert c.loc["cl-01", "data_verdict"] == "partly supported"
    assert "-8,008 EUR million for net_income_group_share, FY 2020" in c.loc["cl-01", "data_says"]
    assert "net_income_group_share, H1 2020 (-7,292 EUR million)" in c.loc["cl-01", "data_says"]
    assert c.loc["cl-01", "evidence_source_ids"] == "kf, erh12020"


def test_a_record_is_judged_when_claimed_and_later_years_are_reported():
    c = analysis.check_claims().set_index("id")
    assert c.loc["cl-02", "data_verdict"] == "supported"
    assert "Since then, 2025 went further (-10,930 EUR million)" in c.loc["cl-02", "data_says"]
    assert c.loc["cl-11", "data_verdict"] == "supported"
    assert "the nearest was 4,117 EUR million in 2023" in c.loc["cl-11", "data_says"]


def test_dates_are_compared_at_the_claimed_precision():
    c = analysis.check_claims().set_index("id")
    assert c.loc["cl-05", "data_verdict"] == "supported"
    assert "ev-020" in c.loc["cl-03", "data_says"]  # named in January, in office in July
    assert c.loc["cl-03", "data_verdict"] == "partly supported"
    assert "ev-069" in c.loc["cl-06", "data_says"]  # a show car in 2022, production in 2024
    assert c.loc["cl-08", "data_verdict"] == "contradicted"
    assert "no related event in the data falls in 2010" in c.loc["cl-08", "data_says"]


def _claim(**fields):
    base = {
        "id": "cl-xx",
        "evidence_metric": "net_income_group_share",
        "evidence_period": "FY",
        "evidence_year": 2020,
        "claimed_unit": "EUR million",
        "claimed_precision": 100,
    }
    return SimpleNamespace(**{**base, **fields})


def test_value_rule_supported_partly_and_contradicted():
    fin = casestudy.load("financials")
    assert storytelling._check_value(_claim(claimed_value=-8000), fin)[2] == "supported"
    assert storytelling._check_value(_claim(claimed_value=-7300), fin)[2] == "partly supported"
    assert storytelling._check_value(_claim(claimed_value=-12300), fin)[2] == "contradicted"
    with pytest.raises(casestudy.CaseDataError, match="claimed_unit"):
        storytelling._check_value(_claim(claimed_value=-8.0, claimed_unit="EUR billion"), fin)


def test_record_and_date_rules_on_other_rows():
    not_a_record = _claim(evidence_metric="operating_margin_pct", evidence_year=2022)
    where, says, verdict, _ = storytelling._check_record(not_a_record, high=True)
    assert verdict == "contradicted" and "2018 was 6.3 % of revenue" in says
    first_year = _claim(evidence_year=2018)
    assert storytelling._check_record(first_year, high=False)[2] == "not checkable"
    events = casestudy.load("events").set_index("id")
    named = SimpleNamespace(evidence_event="ev-014", claimed_date="2020-01")
    assert storytelling._check_date(named, events)[2] == "supported"
    exact_day = SimpleNamespace(evidence_event="ev-014", claimed_date="2020-01-29")
    assert storytelling._check_date(exact_day, events)[2] == "contradicted"


def test_check_claims_lists_every_source_it_used():
    checked = analysis.check_claims()
    ids = set(checked.attrs["source_ids"])
    assert set(checked["source_id"]) <= ids
    assert {"kf", "erh12020", "mega-mu-2020-01-29", "businesslive-2025-07-16"} <= ids
    assert ids <= set(casestudy.load("sources")["id"])


# --------------------------------------------------------------------------- narrative lenses


def test_hero_journey_suggestions_use_campbells_stages():
    hero = analysis.hero_journey()
    assert (hero["classification_basis"] == analysis.TEACHING_SUGGESTION).all()
    for row in hero.itertuples():
        assert row.stage in analysis.HERO_ACTS[row.act], row.item
    assert sum(len(s) for s in analysis.HERO_ACTS.values()) == 17
    episodes = hero[hero["kind"] == "episode"]
    assert episodes["item"].tolist() == ["ep-1", "ep-2", "ep-3", "ep-4"]
    # the lesson of the exercise: no episode tells a return
    assert "return" not in set(episodes["act"])
    assert (episodes["date"] == pd.Timestamp("2024-12-13")).all()


def test_compare_hero_stages_hides_until_tagged_and_explains_mistakes():
    out = analysis.compare_hero_stages(
        {"ep-1": "Departure", "ev-080": "ultimate boon", "ep-3": None}
    ).set_index("item")
    assert out.loc["ep-1", "agree"] and pd.isna(out.loc["ep-1", "same_stage"])
    assert out.loc["ev-080", "your_act"] == "initiation"
    assert not out.loc["ev-080", "agree"] and not out.loc["ev-080", "same_stage"]
    assert out.loc["ep-3", "suggested_stage"] == "(tag it first)" and out.loc["ep-3", "why"] == ""
    with pytest.raises(ValueError, match="no suggestion for 'ep-9'"):
        analysis.compare_hero_stages({"ep-9": "departure"})
    with pytest.raises(ValueError, match="neither an act"):
        analysis.compare_hero_stages({"ep-1": "the abyss"})


def test_freytag_arc_takes_its_dates_from_events():
    arc = analysis.freytag_arc().set_index("part")
    assert list(arc.index) == [
        "exposition",
        "rising action",
        "climax",
        "falling action",
        "dénouement",
    ]
    assert arc.loc["exposition", "start"] == pd.Timestamp("2018-11-19")
    assert arc.loc["climax", "start"] == arc.loc["climax", "end"] == pd.Timestamp("2024-12-13")
    assert arc["in_series"].tolist() == [True, True, True, False, False]


def test_story_mentions_searches_synopses_and_events():
    m = analysis.story_mentions(["ghosn", "Nissan", "Alpine", "union"]).set_index("term")
    assert m.loc["ghosn", "episodes"] == "1"
    assert m.loc["Nissan", "episodes"] == "none" and m.loc["Nissan", "n_events"] > 5
    assert m.loc["Alpine", "episodes"] == "1, 2, 3"
    assert m.loc["union", "n_episodes"] == 0 and m.loc["union", "n_events"] >= 2


# --------------------------------------------------------------------------- charts


def test_story_arc_draws_the_published_figures():
    chart = plots.story_arc()
    check_chart(chart, every_x_labelled=False)
    top, bottom = chart.figure.axes
    assert "Operating margin" in top.get_ylabel() and "EUR billion" in bottom.get_ylabel()
    net = casestudy.financial_series("net_income_group_share")
    bars = [p for p in bottom.patches if p.get_width() == pytest.approx(0.6)]
    assert [b.get_height() for b in bars] == pytest.approx(list(net[range(2018, 2026)] / 1000))
    # years published after the release are hatched: 2024 and 2025
    assert [bool(b.get_hatch()) for b in bars] == [False] * 6 + [True, True]
    labels = [t.get_text() for t in top.texts]
    assert "7.9 %" in labels and "\N{MINUS SIGN}0.8 %" in labels
    assert any(t.startswith("After the credits") for t in labels)
    assert chart.summary.startswith(
        "When the series came out (13 Dec 2024) the last published year was 2023: operating "
        "margin 7.9 % (up from -0.8 % in 2020), net income EUR 2.2 bn"
    )
    assert "2025 margin 6.3 % and net income EUR -10.9 bn" in chart.summary


def test_claims_by_verdict_counts_every_claim():
    chart = plots.claims_by_verdict()
    check_chart(chart, every_x_labelled=False)
    ax = chart.figure.axes[0]
    claims = casestudy.load("claims")
    assert sum(p.get_width() for p in ax.patches) == len(claims)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    counts = claims["verdict"].value_counts()
    for verdict in analysis.VERDICTS:
        assert f"{verdict} ({int(counts[verdict])})" in ticks
    assert any("cl-16*" in t.get_text() for t in ax.texts)  # low confidence flagged
    assert chart.summary.startswith(f"Of {len(claims)} claims, ")
    assert "contradicted claims came from press and listings (2)" in chart.summary


# --------------------------------------------------------------------------- quiz facts


def test_quiz_answers_match_the_data():
    quiz = load_quiz("04-storytelling")
    net = casestudy.financial_series("net_income_group_share")
    earlier = net[net.index < 2023]
    best = int(earlier.idxmax())
    assert earlier[best] > net[2023]
    assert quiz["q-performance-record"].check(str(best)).correct
    pct = casestudy.financial_series("operating_margin_pct")
    amount = casestudy.financial_series("operating_margin")
    assert pct[2024] < pct[2023] and amount[2024] > amount[2023]  # q-record-in-value
    h1 = analysis.half_years("net_income_group_share").loc[2020, "H1"]
    h1_total = analysis.half_years("net_income").loc[2020, "H1"]
    assert round(h1 / 1000, 1) == -7.3 and round(h1_total / 1000, 1) == -7.4  # q-recall-73-line
    missing = analysis.story_mentions(["Nissan", "union", "Ghosn", "Dacia", "Alpine"])
    assert missing.loc[missing["n_episodes"] == 0, "term"].tolist() == ["Nissan", "union"]


def test_claims_use_the_same_row_choice_as_financial_series():

    fin = casestudy.load("financials")
    # FY2021 automotive FCF: the company's 1,272 (high) and Reuters' 1,600 (low) are both kept;
    # the low-confidence row is moved first in the file to show file order does not decide.
    low_first = pd.concat(
        [fin[fin["confidence"] == "low"], fin[fin["confidence"] != "low"]], ignore_index=True
    )
    row = storytelling._financial_row(low_first, "automotive_fcf", "FY", 2021)
    assert row["value"] == casestudy.financial_series("automotive_fcf")[2021]
    assert row["confidence"] == "high"
