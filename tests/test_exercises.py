"""Exercises: each solution (written the way a student would) passes, each named mistake gets its
own feedback, hostile answers never raise, and every check lands in the answers file."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import casestudy  # noqa: E402
from casestudy.exercise import check_exercise, registry  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def fin():
    return casestudy.load("financials")


def fy(metric, period="FY", basis="as_published"):
    f = fin()
    return f[(f.metric == metric) & (f.period == period) & (f.basis == basis)]


def draw(label, x, y, bars=False):
    fig, ax = plt.subplots()
    (ax.bar if bars else ax.plot)(x, y, label=label)
    ax.legend()
    return fig


# -- the solutions, as the notebook's solution cells write them ---------------------------


def sol_01_loss():
    f = fin()
    row = f[
        (f.year == 2020)
        & (f.period == "FY")
        & (f.metric == "net_income_group_share")
        & (f.basis == "as_published")
    ]
    return row["value"].iloc[0]


def sol_01_income():
    rows = fy("net_income_group_share")
    return rows[rows.year.between(2018, 2022)][["year", "value"]]


def sol_01_chart():
    rows = fy("revenue")
    rows = rows[rows.year <= 2021]
    return draw("revenue", rows.year, rows.value)


def sol_02_margin():
    f = fin()
    return f.query(
        "year == 2022 and period == 'FY' and metric == 'operating_margin_pct'"
        " and basis == 'as_published'"
    )["value"].item()


def sol_02_targets():
    t = casestudy.load("targets")
    t = t[(t.plan == "renaulution") & (t.metric == "operating_margin_pct")]
    margins = fy("operating_margin_pct")[["year", "value"]].rename(columns={"value": "delivered"})
    return t.merge(margins, left_on="deadline_year", right_on="year")[["id", "value", "delivered"]]


def sol_02_chart():
    rows = fy("operating_margin_pct")
    rows = rows[rows.year >= 2019]
    return draw("margin", rows.year, rows.value)


def r5_list_prices():
    p = casestudy.load("products")
    return p[(p.model_id == "renault_5_e_tech") & (p.measure == "list_price")]


def sol_03_prices():
    return r5_list_prices()[["id", "value"]]


def sol_03_cheapest():
    return r5_list_prices()["value"].min()


def sol_03_chart():
    p = casestudy.load("products")
    r5 = p[p.model_id == "renault_5_e_tech"]
    per_year = r5.groupby(r5.date.dt.year).size()
    return draw("milestones", per_year.index, per_year.values, bars=True)


def sol_04_share():
    claims = casestudy.load("claims")
    return (claims.verdict.value_counts(normalize=True) * 100).rename("share_pct")


def sol_04_press():
    c = casestudy.load("claims")
    return len(c[(c.claimant_type == "press") & (c.verdict == "supported")])


def sol_04_chart():
    counts = casestudy.load("claims").groupby("claimant_type").size()
    return draw("claims", counts.index, counts.values, bars=True)


def sol_05_excluding():
    n = casestudy.load("nissan_impacts")
    return n.query("year == 2025 and period == 'FY' and item == 'excluding_nissan'")["value"].iloc[
        0
    ]


def sol_05_margin():
    income = fy("net_income_group_share")[["year", "value"]]
    revenue = fy("revenue")[["year", "value"]]
    both = income.merge(revenue, on="year", suffixes=("_income", "_revenue"))
    both = both[both.year >= 2023]
    both["net_margin_pct"] = 100 * both.value_income / both.value_revenue
    return both[["year", "net_margin_pct"]]


def sol_05_chart():
    rows = fy("operating_margin")
    return draw("operating margin", rows.year, rows.value)


SOLUTIONS = {
    "ex-01-loss-2020": sol_01_loss,
    "ex-01-net-income": sol_01_income,
    "ex-01-chart-revenue": sol_01_chart,
    "ex-02-margin-2022": sol_02_margin,
    "ex-02-margin-targets": sol_02_targets,
    "ex-02-chart-margin": sol_02_chart,
    "ex-03-r5-prices": sol_03_prices,
    "ex-03-cheapest-r5": sol_03_cheapest,
    "ex-03-chart-milestones": sol_03_chart,
    "ex-04-verdict-share": sol_04_share,
    "ex-04-press-supported": sol_04_press,
    "ex-04-chart-claimants": sol_04_chart,
    "ex-05-excluding-nissan": sol_05_excluding,
    "ex-05-net-margin": sol_05_margin,
    "ex-05-chart-margin": sol_05_chart,
}


def test_table_lists_every_exercise_with_both_titles():
    table = casestudy.exercises()
    assert list(table.columns) == ["id", "notebook", "kind", "title_en", "title_fr"]
    assert set(table.id) == set(SOLUTIONS)
    assert table.title_fr.str.len().gt(0).all() and table.title_en.str.len().gt(0).all()
    assert (table.title_en != table.title_fr).all()
    assert set(casestudy.exercises("02-strategy").id) == {
        "ex-02-margin-2022",
        "ex-02-margin-targets",
        "ex-02-chart-margin",
    }


def test_each_theme_notebook_has_two_pandas_exercises_and_a_chart():
    table = casestudy.exercises()
    for notebook in ["01-crisis", "02-strategy", "03-product", "04-storytelling", "05-epilogue"]:
        kinds = table[table.notebook == notebook].kind.tolist()
        assert sum(k != "chart" for k in kinds) >= 2, notebook
        assert kinds.count("chart") >= 1, notebook


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_solution_passes(exercise_id, tmp_path):
    result = check_exercise(exercise_id, SOLUTIONS[exercise_id](), path=tmp_path / "a.jsonl")
    assert result.correct, result.feedback
    assert result.feedback.startswith("Correct")


def _mistaken_answer(exercise, mistake):
    """The mistake's own answer, handed in the form a student would give it."""
    wrong = mistake.answer()
    if exercise.kind == "value":
        return wrong
    if exercise.kind == "table":
        return pd.Series(wrong)
    (label, points), *_ = wrong.items()
    bars = isinstance(next(iter(points)), str)
    return draw(label, list(points), list(points.values()), bars=bars)


MISTAKES = [(e.id, m.name) for e in registry().values() for m in e.mistakes]


@pytest.mark.parametrize(("exercise_id", "mistake_name"), MISTAKES)
def test_each_named_mistake_gets_its_feedback(exercise_id, mistake_name):
    exercise = registry()[exercise_id]
    mistake = next(m for m in exercise.mistakes if m.name == mistake_name)
    for lang in ("en", "fr"):
        result = check_exercise(
            exercise_id, _mistaken_answer(exercise, mistake), save=False, lang=lang
        )
        assert not result.correct
        assert result.mistake == mistake_name, result.feedback
        assert result.feedback == mistake.feedback[lang]


def test_mistakes_differ_from_the_answer():
    for exercise in registry().values():
        want = exercise.expected()
        for mistake in exercise.mistakes:
            assert mistake.answer() != want, (exercise.id, mistake.name)


def test_generic_mistakes_units_sign_and_missing_year():
    assert check_exercise("ex-01-loss-2020", -8.008, save=False).mistake == "units"
    assert check_exercise("ex-01-loss-2020", 8008, save=False).mistake == "sign"
    income = sol_01_income()
    result = check_exercise("ex-01-net-income", income[income.year != 2020], save=False)
    assert result.mistake == "missing" and "2020" in result.feedback
    rows = fy("revenue")
    rows = rows[rows.year.between(2019, 2021)]
    chart = check_exercise(
        "ex-01-chart-revenue", draw("revenue", rows.year, rows.value), save=False
    )
    assert chart.mistake == "missing" and "2018" in chart.feedback
    share = sol_04_share() / 100
    assert check_exercise("ex-04-verdict-share", share, save=False).mistake == "units"


def test_chart_needs_its_label():
    rows = fy("revenue")
    rows = rows[rows.year <= 2021]
    fig, ax = plt.subplots()
    ax.plot(rows.year, rows.value)
    result = check_exercise("ex-01-chart-revenue", fig, save=False)
    assert not result.correct and "'revenue'" in result.feedback


HOSTILE = [
    None,
    "",
    "abc",
    float("nan"),
    float("inf"),
    True,
    [],
    {},
    {"a": "x"},
    object(),
    np.array([1.0, 2.0]),
    pd.DataFrame(),
    pd.Series(dtype=float),
    pd.DataFrame({"a": ["x", "y"], "b": ["p", "q"]}),
    pd.Series([1, 2], index=[2020, 2020]),
    lambda: 1,
    "1e400",
]


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_hostile_answers_never_raise(exercise_id):
    empty_figure, _ = plt.subplots()
    for answer in [*HOSTILE, empty_figure, empty_figure.axes[0]]:
        for lang in ("en", "fr"):
            result = check_exercise(exercise_id, answer, save=False, lang=lang)
            assert result.correct is False
            assert isinstance(result.feedback, str) and result.feedback


def test_empty_figure_says_nothing_is_drawn():
    fig, _ = plt.subplots()
    result = check_exercise("ex-02-chart-margin", fig, save=False)
    assert "Nothing is drawn" in result.feedback
    assert "Rien" in check_exercise("ex-02-chart-margin", fig, save=False, lang="fr").feedback


def test_unknown_exercise_is_feedback():
    result = check_exercise("ex-99", 1, save=False)
    assert not result.correct and "ex-99" in result.feedback


def test_record_lands_in_the_answers_file(tmp_path, monkeypatch):
    target = tmp_path / "answers.jsonl"
    monkeypatch.setenv("CASESTUDY_RESPONSES", str(target))
    check_exercise("ex-02-margin-2022", 5.5)
    check_exercise("ex-02-margin-targets", sol_02_targets())
    check_exercise("ex-02-margin-2022", 5.6, student="s1")
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["question_id"] for r in records] == [
        "ex-02-margin-2022",
        "ex-02-margin-targets",
        "ex-02-margin-2022",
    ]
    first, merged, second = records
    assert first["type"] == "exercise" and first["quiz"] == "02-strategy"
    assert (first["correct"], first["score"], first["max_score"]) == (False, 0.0, 1.0)
    assert (second["correct"], second["attempt"], second["student_id"]) == (True, 2, "s1")
    assert merged["response"] == {"tg-08": 7.9, "tg-09": 6.3}
    assert first["response"] == 5.5
    read_back = casestudy.responses(target)
    assert len(read_back) == 3


def test_response_summary_is_short_for_a_big_frame(tmp_path):
    big = fin()
    target = tmp_path / "a.jsonl"
    check_exercise("ex-01-net-income", big, path=target)
    check_exercise("ex-01-chart-revenue", draw("x", range(200), range(200)), path=target)
    assert all(len(line) < 4000 for line in target.read_text().splitlines())


def test_unwritable_answers_file_still_gives_feedback(tmp_path):
    folder = tmp_path / "dir.jsonl"
    folder.mkdir()
    result = check_exercise("ex-02-margin-2022", 5.6, path=folder)
    assert result.correct and "could not be saved" in result.feedback


def test_import_stays_light():
    import subprocess
    import sys

    code = "import sys, casestudy; casestudy.check_exercise; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
