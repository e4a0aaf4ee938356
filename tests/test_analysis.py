"""casestudy.analysis: series choose rows by a stated rule; targets get the right status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import casestudy
from casestudy import analysis, data

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_cache():
    data.clear_cache()
    yield
    data.clear_cache()


def _pvd_row(plan, metric, deadline, comparator=None):
    pvd = casestudy.promise_vs_delivery()
    rows = pvd[(pvd.plan == plan) & (pvd.metric == metric) & (pvd.deadline_year == deadline)]
    if comparator:
        rows = rows[rows.comparator == comparator]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_margin_above_3_by_2023_was_met_early_in_2021():
    row = _pvd_row("renaulution", "operating_margin_pct", 2023)
    assert row.status == "met early"
    assert row.first_met == 2021
    assert row.actual == pytest.approx(7.9)


def test_margin_5_by_2025_met_early_in_2022():
    row = _pvd_row("renaulution", "operating_margin_pct", 2025)
    assert row.status == "met early"
    assert row.first_met == 2022


def test_cmd_margin_8_by_2025_was_missed():
    row = _pvd_row("cmd_2022", "operating_margin_pct", 2025)
    assert row.status == "missed"
    assert row.actual == pytest.approx(6.3)


def test_2030_target_is_pending():
    row = _pvd_row("cmd_2022", "operating_margin_pct", 2030)
    assert row.status == "pending"
    assert row.actual is None or row.actual != row.actual  # NaN/None: not guessed


def test_targets_without_outcome_are_not_measurable():
    pvd = casestudy.promise_vs_delivery()
    fin_metrics = set(casestudy.load("financials")["metric"].astype(str))
    judged = set(casestudy.load("target_outcomes")["target_id"])
    unmeasured = pvd[
        ~pvd.metric.isin(fin_metrics)
        & ~pvd.metric.str.endswith("_cumulative")
        & ~pvd.id.isin(judged)
    ]
    assert len(unmeasured) >= 3
    assert set(unmeasured.status) == {"not measurable"}
    assert unmeasured.actual.isna().all()


def test_every_status_is_a_known_one():
    pvd = casestudy.promise_vs_delivery()
    assert set(pvd.status.astype(str)) <= set(analysis.STATUSES)
    assert len(pvd) == len(casestudy.load("targets"))


def test_series_basis_latest_prefers_restated():
    published = analysis.financial_series("revenue")
    latest = analysis.financial_series("revenue", basis="latest")
    assert published[2021] != latest[2021]
    assert published[2019] == latest[2019]
    assert latest.attrs["source_ids"][2021]


def test_series_rejects_unknown_metric_and_basis():
    with pytest.raises(casestudy.CaseDataError, match="no metric 'margin'"):
        analysis.financial_series("margin")
    with pytest.raises(ValueError, match="basis must be one of"):
        analysis.financial_series("revenue", basis="restated-ish")


def _copy_with(tmp_path, monkeypatch, extra_targets: str = "", extra_fin: str = ""):
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    if extra_targets:
        with open(copy / "targets.csv", "a", encoding="utf-8") as fh:
            fh.write(extra_targets)
    if extra_fin:
        with open(copy / "financials.csv", "a", encoding="utf-8") as fh:
            fh.write(extra_fin)
    monkeypatch.setenv("CASESTUDY_DATA_DIR", str(copy))
    data.clear_cache()
    return copy


def _target_line(copy, **values):
    schema = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in schema["resources"] if r["name"] == "targets")
    names = [f["name"] for f in res["schema"]["fields"]]
    return ",".join(str(values.get(n, "")) for n in names) + "\n"


def test_status_met_in_deadline_year_only(tmp_path, monkeypatch):
    copy = _copy_with(tmp_path, monkeypatch)
    line = _target_line(
        copy,
        id="tg-98",
        plan="renaulution",
        announced="2021-01-14",
        metric="operating_margin_pct",
        comparator=">=",
        value=7.9,
        unit="% of revenue",
        deadline_year=2023,
        description_en="test",
        description_fr="test",
        source_id="kf",
        confidence="high",
    )
    with open(copy / "targets.csv", "a", encoding="utf-8") as fh:
        fh.write(line)
    data.clear_cache()
    row = casestudy.promise_vs_delivery().set_index("id").loc["tg-98"]
    assert row.status == "met"
    assert row.first_met == 2023


def test_disagreements_show_both_values():
    dis = analysis.disagreements()
    assert set(dis.columns) >= {"year", "metric", "value", "source_id"}
    restated = dis[(dis.year == 2021) & (dis.metric == "revenue")]
    assert restated["value"].nunique() >= 2


def test_financial_series_is_remembered_per_data_version_and_never_shared(copy):
    first = analysis.financial_series("operating_margin_pct")
    first[2021] = 0.0
    first.attrs["source_ids"][2021] = "changed by a caller"
    again = analysis.financial_series("operating_margin_pct")
    assert again[2021] == 3.6 and again.attrs["source_ids"][2021] != "changed by a caller"
    path = copy / "financials.csv"
    text = path.read_text(encoding="utf-8")
    assert "2021,FY,operating_margin_pct,3.6," in text
    path.write_text(
        text.replace("2021,FY,operating_margin_pct,3.6,", "2021,FY,operating_margin_pct,3.9,")
    )
    assert analysis.financial_series("operating_margin_pct")[2021] == 3.6  # as read so far
    data.clear_cache()
    assert analysis.financial_series("operating_margin_pct")[2021] == 3.9
