"""03-product: the products table, milestones, the price promise, disagreements between sources,
retro revivals, the four-As reading, the notebook's charts and its quiz (checked on the data)."""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest
from chart_rules import check_chart

import casestudy
from casestudy import analysis, plots

matplotlib.use("Agg", force=False)


@pytest.fixture(scope="module")
def products():
    return casestudy.load("products").set_index("id")


# --------------------------------------------------------------------------- the data


def test_products_table_is_valid_and_sourced():
    assert casestudy.check(["products"]) == []
    table = casestudy.load("products")
    assert table["id"].is_unique
    assert set(table["source_id"]) <= set(casestudy.load("sources")["id"])
    assert set(table["event_id"].dropna()) <= set(casestudy.load("events")["id"])
    assert set(table["group"].astype(str)) == {"renault_group", "heritage", "comparison"}
    # a figure always has its unit, a unit always its figure, and a date its precision
    assert (table["value"].notna() == table["unit"].notna()).all()
    assert (table["date"].notna() == table["date_precision"].notna()).all()
    assert table["measure"].notna().sum() == table["value"].notna().sum()
    assert not (table["confidence"] == "low").any()


def test_linked_events_agree_with_the_products_rows(products):
    events = casestudy.load("events").set_index("id")
    linked = products[products["event_id"].notna()]
    assert len(linked) >= 15
    for row_id, row in linked.iterrows():
        event = events.loc[row["event_id"]]
        assert event["source_id"] == row["source_id"], row_id
        if row["date_precision"] != "year":  # a yearly total is announced after its year
            assert event["date"] == row["date"], row_id


def test_published_figures_are_kept_as_published(products):
    assert products.loc["pr-005", ["measure", "value", "unit"]].tolist() == [
        "price_promised",
        25000.0,
        "EUR",
    ]
    assert products.loc["pr-016", "value"] == 24990.0
    assert products.loc["pr-019", "value"] == 100000.0
    assert products.loc["pr-026", "value"] == 1980.0
    assert products.loc["pr-027", "value"] == 850.0
    assert products.loc["pr-028", "value"] == 155000.0
    assert products.loc["pr-045", "value"] == 160.0
    # the Fiat 500e series of the research file, in order
    f500e = products[(products["model_id"] == "fiat_500e") & (products["measure"] == "sales")]
    assert f500e["value"].tolist() == [46249.0, 67114.0, 85640.0]
    # currencies are never converted
    assert products.loc["pr-049", "unit"] == "USD"


def test_every_disagreement_keeps_both_versions_and_says_so():
    d = analysis.product_disagreements()
    assert set(d["disagreement"]) == {
        "r5-launch-month",
        "r5-launch-price",
        "turbo3e-power",
        "sandero-2024-sales",
    }
    assert (d.groupby("disagreement")["id"].count() == 2).all()
    assert sorted(d.query("disagreement == 'turbo3e-power'")["value"]) == [540.0, 555.0]
    assert sorted(d.query("disagreement == 'r5-launch-price'")["value"]) == [32900.0, 33490.0]
    assert d.query("disagreement == 'r5-launch-month'")["when"].tolist() == ["Sep 2024", "Oct 2024"]
    for note in d["note"]:
        assert "both rows kept" in note
    # each row's source differs from the other's
    assert (d.groupby("disagreement")["source_id"].nunique() == 2).all()


# --------------------------------------------------------------------------- milestones


def test_product_facts_writes_dates_no_more_precisely_than_their_source():
    facts = analysis.product_facts(["renault_5_e_tech", "renault_5_turbo_3e"]).set_index("id")
    assert facts.loc["pr-004", "when"] == "26 Feb 2024"
    assert facts.loc["pr-011", "when"] == "Sep 2024"
    assert facts.loc["pr-030", "when"] == "2027 (planned)"
    assert facts.loc["pr-010", "when"] == "undated"
    # the models come in the order asked for
    assert analysis.product_facts(["renault_5_turbo_3e", "renault_5_e_tech"])["model"].iloc[0] == (
        "Renault 5 Turbo 3E"
    )
    heritage = analysis.product_facts(group="heritage")
    assert set(heritage["model"]) == {"Renault 5 (1972)", "Renault 5 Turbo (1980)"}
    with pytest.raises(ValueError, match="group must be one of"):
        analysis.product_facts(group="retro")
    with pytest.raises(ValueError, match="unknown model id"):
        analysis.product_facts(["renault_4"])


def test_product_milestones_count_months_from_the_public_concept():
    m = analysis.product_milestones(["renault_5_e_tech", "renault_5_turbo_3e"]).set_index("id")
    assert m.loc["pr-001", "months_after_concept"] == -6  # the internal mock-up, before
    assert m.loc["pr-002", "months_after_concept"] == 0
    assert m.loc["pr-019", "months_after_concept"] == 59
    assert pd.isna(m.loc["pr-030", "months_after_concept"])  # 2027: year only, never guessed
    assert "pr-006" not in m.index  # a waiting list is not a milestone


def test_concept_to_market():
    c = analysis.concept_to_market().set_index("model_id")
    r5 = c.loc["renault_5_e_tech"]
    assert (r5["months_to_reveal"], r5["months_to_orders"]) == (37, 40)
    assert (r5["months_to_launch"], r5["months_to_launch_latest"]) == (44, 45)
    assert "sources disagree" in r5["launch_note"]
    assert "boursorama-r5-tabac" in r5["launch_note"] and "clubic-r5-100000" in r5["launch_note"]
    turbo = c.loc["renault_5_turbo_3e"]
    assert (turbo["months_to_reveal"], turbo["months_to_orders"]) == (30, 31)
    assert pd.isna(turbo["months_to_launch"]) and "planned" in turbo["launch_note"]
    assert c.loc["alpine_a290", "months_to_reveal"] == 13
    assert c.loc["vw_new_beetle", "months_to_reveal"] == 48
    assert pd.isna(c.loc["vw_new_beetle", "months_to_launch"])


# --------------------------------------------------------------------------- the price promise


def test_price_vs_promise():
    p = analysis.price_vs_promise().set_index("id")
    assert p.attrs["promise"]["value"] == 25000.0
    assert list(p.index) == ["pr-009", "pr-010", "pr-013", "pr-016", "pr-017"]
    assert p.loc["pr-009", "gap_eur"] == 8490.0 and p.loc["pr-009", "gap_pct"] == 34.0
    assert p.loc["pr-013", "gap_pct"] == 12.0 and not p.loc["pr-013", "within_promise"]
    assert p.loc["pr-016", "gap_eur"] == -10.0 and p.loc["pr-016", "within_promise"]
    assert str(p.loc["pr-016", "gap_pct"]) == "0.0"  # not "-0.0"
    assert p.loc["pr-016", "months_after_promise"] == 16
    assert pd.isna(p.loc["pr-010", "months_after_promise"])  # the undated review
    # 'around' allows the stated tolerance above the promise, and no more
    assert analysis.ABOUT_TOLERANCE == 0.05
    with pytest.raises(ValueError, match="no promised price"):
        analysis.price_vs_promise("renault_5_turbo_3e")


# --------------------------------------------------------------------------- retro revivals


def test_retro_revivals_on_one_clock():
    r = analysis.retro_revivals().set_index("id")
    debut = r.groupby("model_id")["debut_year"].first().to_dict()
    assert debut == {
        "vw_new_beetle": 1998,
        "bmw_mini": 2001,
        "fiat_500": 2007,
        "fiat_500e": 2020,
        "renault_5_e_tech": 2024,
    }
    assert r.loc["pr-050", "years_after_debut"] == 1.5  # a yearly figure sits mid-year
    assert r.loc["pr-050", "label"] == "> 83,000 sold (US)"
    assert r.loc["pr-051", "label"] == "≈ 1.2 million sold in all (worldwide)"
    assert r.loc["pr-019", "label"] == "100,000 built (Douai plant)"
    assert not r["measure"].isin(["waiting_list"]).any()


def test_four_as_reading_is_a_labelled_teaching_suggestion(products):
    reading = analysis.four_as_reading()
    assert reading["dimension"].tolist() == ["Allegory", "Aura", "Arcadia", "Antinomy"]
    assert (reading["classification_basis"] == "teaching suggestion").all()
    for evidence in reading["evidence"]:
        assert set(evidence.split(", ")) <= set(products.index)
    assert set(reading["source_id"]) <= set(casestudy.load("sources")["id"])


# --------------------------------------------------------------------------- charts


def test_concept_to_market_chart():
    chart = plots.concept_to_market_chart()
    check_chart(chart)
    ax = chart.figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1].startswith("Renault 5 E-Tech electric")  # first model on top
    assert len(labels) == 4
    assert "Months after" in ax.get_xlabel()
    assert "reveal after 37 months" in chart.summary
    assert "on sale after 44 or 45 (sources disagree)" in chart.summary
    assert "Volkswagen New Beetle: reveal after 48 months" in chart.summary
    notes = [t.get_text() for t in ax.texts]
    assert any("Sep 2024" in n for n in notes) and any("Oct 2024" in n for n in notes)
    assert any("(planned)" in n for n in notes)
    with pytest.raises(ValueError, match="no model with a concept"):
        plots.concept_to_market_chart(["dacia_sandero"])


def test_price_promise_chart():
    chart = plots.price_promise_chart()
    check_chart(chart)
    ax = chart.figure.axes[0]
    assert "EUR" in ax.get_ylabel()
    plotted = sorted(float(y) for coll in ax.collections for _, y in coll.get_offsets())
    assert plotted == sorted(analysis.price_vs_promise()["price"].tolist())
    assert any(line.get_ydata()[0] == 25000 for line in ax.get_lines())
    assert "33,490 or 32,900 EUR (sources disagree)" in chart.summary
    assert "first kept 16 months after it was made" in chart.summary


def test_retro_revivals_chart():
    chart = plots.retro_revivals_chart()
    check_chart(chart)
    ax = chart.figure.axes[0]
    assert len(ax.get_yticklabels()) == 5
    notes = [t.get_text() for t in ax.texts]
    assert "> 83,000 sold (US)" in notes
    assert any(n.startswith("Then sales collapsed") for n in notes)  # the 500e's epilogue
    assert "Fiat 500e: 3 figures, the last 3.5 years after its 2020 debut" in chart.summary
    assert "caradisiac-r5-demarrage" in chart.source_ids


# --------------------------------------------------------------------------- the quiz


def _quiz():
    return {q.id: q for q in casestudy.load_quiz("03-product").questions}


def test_quiz_answers_follow_the_data(products):
    quiz = _quiz()
    c = analysis.concept_to_market().set_index("model_id")
    months = c.loc["renault_5_e_tech", "months_to_reveal"]
    assert quiz["q-months-to-reveal"].check(str(months)).correct
    p = analysis.price_vs_promise().set_index("id")
    assert quiz["q-promise-months"].check(str(p.loc["pr-016", "months_after_promise"])).correct
    assert not quiz["q-promise-months"].check(str(p.loc["pr-013", "months_after_promise"])).correct
    share = products.loc["pr-027", "value"] / products.loc["pr-026", "value"] * 100
    assert quiz["q-turbo-share-first-week"].check(f"{share:.1f}").correct
    margin = casestudy.financial_series("operating_margin_pct")[2020]
    assert quiz["q-recall-margin-2020"].check(str(margin)).correct


def test_quiz_figures_are_in_the_data(products):
    """Every count or price quoted in the quiz is a value of the products table (or the 2020
    margin, or a month count computed above)."""
    known = {f"{v:,.0f}" for v in products["value"].dropna()}
    known |= {f"{v:,.0f}" for v in analysis.price_vs_promise()["gap_eur"].abs()}
    for q in _quiz().values():
        texts = [q.text.get("en"), q.explanation.get("en")]
        for part in (*getattr(q, "choices", ()), *getattr(q, "answers", ())):
            texts += [part.feedback.get("en")] if part.feedback else []
            texts += [part.text.get("en")] if hasattr(part, "text") else []
        for text in texts:
            for amount in re.findall(r"\d{1,3}(?:,\d{3})+", text or ""):
                assert amount in known, f"{q.id}: {amount} is not a figure in products.csv"
