"""Corrected facts stay corrected: each test loads the tables (or the notebook sources) and
compares them with what the published sources say."""

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest_data import financial_values

import casestudy

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
QUIZZES = ROOT / "data" / "quizzes"


def _md(name: str) -> str:
    return (NOTEBOOKS / f"{name}.md").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- the March 2022 guidance cut -------------------------------------------------------------


def test_the_march_2022_cut_is_a_target_row_with_month_precision():
    t = casestudy.load("targets").set_index("id")
    cut = t.loc["tg-50"]
    assert (cut["plan"], cut["metric"], cut["comparator"]) == (
        "guidance",
        "operating_margin_pct",
        "~",
    )
    assert float(cut["value"]) == 3.0  # Belga, March 2022: "about 3 %"
    assert int(cut["deadline_year"]) == 2022
    assert pd.Timestamp(cut["announced"]).strftime("%Y-%m") == "2022-03"
    assert cut["announced_precision"] == "month"
    assert cut["source_id"] == "levif22"


def test_revisions_before_the_series_include_the_cut():
    p = casestudy.analysis.margin_promises(2022, 2022).set_index("id")
    assert p.loc[["tg-35", "tg-50", "tg-37"], "revision"].tolist() == ["first", "cut", "raised"]
    every = casestudy.analysis.margin_promises()
    before = every[~every["after_series"]]
    assert (before["revision"] == "cut").sum() == 1


def test_no_text_says_every_revision_before_the_series_went_up():
    texts = {
        "05-epilogue.md": _flat(_md("05-epilogue")),
        "teaching note 05": _flat((NOTEBOOKS / "teaching-notes" / "05-epilogue.md").read_text()),
        "05 quiz": _flat((QUIZZES / "05-epilogue.yaml").read_text()),
    }
    wrong = re.compile(r"every revision[^.]*(up|upwards)|none cut|every revision went up", re.I)
    for name, text in texts.items():
        assert not wrong.search(text), name
    quiz = yaml.safe_load((QUIZZES / "05-epilogue.yaml").read_text())
    item = next(q for q in quiz["questions"] if q["id"] == "q-promises-2025")
    assert "March 2022" in item["explanation"] and "mars 2022" in item["explanation_fr"]


# --- 02: what was known in November 2022 -----------------------------------------------------


def test_the_2022_margin_was_published_after_the_capital_markets_day():
    events = casestudy.load("events").set_index("id")
    cmd, results_2022 = events.loc["ev-045", "date"], events.loc["ev-049", "date"]
    assert results_2022 > cmd
    assert financial_values(2022, "FY", "operating_margin_pct") == [5.6]
    q1 = _flat(_md("02-strategy")).split("**You are Luca de Meo in November 2022.**")[1][:600]
    assert "Both margin targets of your plan have been met" not in q1
    assert "February 2023" in q1


# --- the scorecard, re-scored ----------------------------------------------------------------


@pytest.mark.parametrize(
    "target_id,status,actual",
    [
        ("tg-22", "met", 32.0),  # futuREady: 32 products under the previous plan vs 24 promised
        ("tg-28", "missed", 20.2),  # electric share of Renault brand sales, 2025
        ("tg-26", "pending", None),  # services share, due 2030
        ("tg-33", "missed", None),  # payout policy vs a dividend in a loss year
    ],
)
def test_targets_outside_the_accounts_are_scored(target_id, status, actual):
    row = casestudy.promise_vs_delivery().set_index("id").loc[target_id]
    assert str(row["status"]) == status
    if actual is None:
        assert row["actual"] is None or pd.isna(row["actual"])
    else:
        assert float(row["actual"]) == actual
    assert isinstance(row["outcome_source_id"], str)


def test_the_payout_verdict_is_marked_contested():
    out = casestudy.load("target_outcomes").set_index("target_id")
    assert "Contested" in out.loc["tg-33", "note"]
    assert financial_values(2025, "FY", "net_income_group_share") == [-10930.0]
    assert financial_values(2025, "FY", "dividend_per_share") == [2.2]


# --- quotations and glosses -------------------------------------------------------------------


def test_provost_is_quoted_in_full():
    text = _flat(_md("02-strategy"))
    assert "« Avec le plan Renaulution, nous avons prouvé que nous pouvions gagner" in text


def test_le_monde_words_and_the_glosses():
    text = _flat(_md("04-storytelling"))
    assert "« aux accents hagiographiques »" in text
    assert '*"hagiographic"*' not in text
    assert "to glorify its transformation" in text and "sublimate" not in text
    claims = casestudy.load("claims").set_index("id")
    assert claims.loc["cl-12", "quote_original"] == "Oui, Renault peut disparaître"
    assert claims.loc["cl-12", "claim_fr"] == "Oui, Renault peut disparaître"
    assert claims.loc["cl-12", "claim_en"] == "Yes, Renault can disappear"
    roles = casestudy.load("series_roles")
    le_maire = roles[roles["who"] == "Bruno Le Maire"]["detail_en"].iloc[0]
    assert "can disappear" in le_maire


def test_the_price_promise_was_always_the_40_kwh_version():
    products = casestudy.load("products").set_index("id")
    assert "40 kWh" in products.loc["pr-005", "version"]
    for path in [
        NOTEBOOKS / "03-product.md",
        NOTEBOOKS / "teaching-notes" / "03-product.md",
        QUIZZES / "03-product.yaml",
    ]:
        text = _flat(path.read_text(encoding="utf-8"))
        assert "kept — with a smaller battery" not in text, path.name
        assert "with a smaller battery and" not in text, path.name


# --- 00 and 01 -------------------------------------------------------------------------------


def test_00_counts_the_2020_losses_the_table_shows():
    fin = casestudy.load("financials")
    n = len(fin.query("year == 2020 and metric in ['net_income', 'net_income_group_share']"))
    words = {4: "four", 5: "five", 6: "six"}
    assert f"Which of the {words[n]} figures is that?" in _flat(_md("00-start-here"))


def test_00_says_revenue_passed_2018_only_in_2025():
    revenue = casestudy.financial_series("revenue")
    above = [int(y) for y, v in revenue.items() if y > 2018 and v > revenue[2018]]
    assert above == [2025]
    text = _flat(_md("00-start-here"))
    assert "recovered only part of the way" not in text
    assert "passed its 2018 level in 2025" in text


def test_01_does_not_call_2020_the_worst_year_ever():
    ni = casestudy.financial_series("net_income_group_share")
    assert ni.idxmin() == 2025 and ni[2020] > ni[2025]
    text = _flat(_md("01-crisis"))
    assert "than in any year of its history" not in text
    assert "a record that stood until 2025" in text


def test_targets_say_by_where_the_plan_says_by():
    t = casestudy.load("targets").set_index("id")
    for target_id in ("tg-08", "tg-09", "tg-19"):
        assert "d'ici 20" in t.loc[target_id, "description_fr"], target_id


# --- the 2025 and 2026 rows against the latest published accounts ------------------------------

LATEST = [
    # FY2025 results, 19 Feb 2026
    (2025, "FY", "revenue", 57922.0),
    (2025, "FY", "operating_margin", 3632.0),
    (2025, "FY", "operating_margin_pct", 6.3),
    (2025, "FY", "net_income_group_share", -10930.0),
    (2025, "FY", "automotive_fcf", 1470.0),
    (2025, "FY", "auto_net_cash_position", 7370.0),
    (2025, "FY", "sales_volume", 2336807.0),
    (2025, "FY", "dividend_per_share", 2.2),
    # H1 2025 results, 31 Jul 2025
    (2025, "H1", "revenue", 27640.0),
    (2025, "H1", "operating_margin", 1653.0),
    (2025, "H1", "operating_margin_pct", 6.0),
    (2025, "H1", "net_income_group_share", -11185.0),
]


@pytest.mark.parametrize("year,period,metric,value", LATEST)
def test_2025_rows_match_the_latest_accounts(year, period, metric, value):
    assert financial_values(year, period, metric) == [value]


def test_2025_and_2026_guidance_rows():
    t = casestudy.load("targets").set_index("id")
    assert (t.loc["tg-45", "comparator"], float(t.loc["tg-45", "value"])) == (">=", 7.0)
    assert (t.loc["tg-47", "comparator"], float(t.loc["tg-47", "value"])) == ("~", 6.5)
    assert (t.loc["tg-49", "comparator"], float(t.loc["tg-49", "value"])) == ("~", 5.5)
    assert int(t.loc["tg-49", "deadline_year"]) == 2026
