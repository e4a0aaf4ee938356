"""Exercises with automatic feedback: every solution passes, every named mistake gets its own
feedback, odd inputs never raise, and every check lands in the answers file."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import casestudy  # noqa: E402
from casestudy import i18n  # noqa: E402
from casestudy.exercise import REGISTRY, check_exercise, exercises  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
THEMES = ["01-crisis", "02-strategy", "03-product", "04-storytelling", "05-epilogue"]
IDS = sorted(REGISTRY)


pytestmark = pytest.mark.usefixtures("answers_file")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def draw(points: dict, ylabel: str = "EUR million", bars: bool = False):
    fig, ax = plt.subplots()
    keys, values = list(points), list(points.values())
    if bars:
        ax.bar([str(k) for k in keys], values)
    else:
        ax.plot(keys, values, label="series")
    if ylabel:
        ax.set_ylabel(ylabel)
    return fig


def as_answer(exercise, value):
    """What a student would hand in for ``value`` (the shape each kind expects)."""
    if exercise.kind == "value":
        return value
    if exercise.kind == "table":
        return pd.Series(value, name=exercise.value)
    return draw(value)


# ------------------------------------------------------------------------------- the table


def test_the_table_lists_every_exercise_with_both_titles():
    table = exercises()
    assert list(table.columns) == ["id", "notebook", "kind", "title_en", "title_fr"]
    assert table["id"].is_unique
    assert set(table["kind"]) <= {"value", "table", "chart"}
    assert table["title_en"].str.len().gt(10).all() and table["title_fr"].str.len().gt(10).all()
    assert (table["title_en"] != table["title_fr"]).all()


@pytest.mark.parametrize("notebook", THEMES)
def test_each_theme_has_three_exercises_two_in_pandas_one_chart(notebook):
    kinds = exercises(notebook)["kind"].tolist()
    assert len(kinds) >= 3
    assert kinds.count("chart") >= 1
    assert sum(k in ("value", "table") for k in kinds) >= 2


def test_public_names_are_lazy():
    assert casestudy.check_exercise is check_exercise
    assert "exercises" in dir(casestudy) and "check_exercise" in dir(casestudy)


# ------------------------------------------------------------------------------- right answers


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_reference_answer_passes(exercise_id):
    exercise = REGISTRY[exercise_id]
    result = check_exercise(exercise_id, as_answer(exercise, exercise.expected()))
    assert result.correct, result.feedback
    assert result.feedback.startswith("✓") and result.score == result.max_score == 1


def test_answers_in_other_shapes_are_accepted():
    fin = casestudy.load("financials")
    row = fin[
        (fin["year"] == 2020)
        & (fin["period"] == "FY")
        & (fin["metric"] == "net_income_group_share")
        & (fin["basis"] == "as_published")
    ]
    assert check_exercise("ex-01-fy2020-loss", row["value"]).correct  # a one-row Series
    assert check_exercise("ex-01-fy2020-loss", row[["value"]]).correct  # a one-cell DataFrame
    assert check_exercise("ex-01-fy2020-loss", np.int64(-8008)).correct
    expected = REGISTRY["ex-05-nissan-effect"].expected()
    frame = pd.DataFrame({"year": list(expected), "value": list(expected.values())})
    assert check_exercise("ex-05-nissan-effect", frame).correct
    figure = draw(REGISTRY["ex-04-verdict-chart"].expected(), "claims", bars=True)
    assert check_exercise("ex-04-verdict-chart", figure.axes[0]).correct  # an Axes too
    counts = casestudy.load("claims")["verdict"].value_counts()
    fig, ax = plt.subplots()
    counts.plot.bar(ax=ax)  # pandas' categorical bars: read back through the tick labels
    ax.set_ylabel("claims")
    assert check_exercise("ex-04-verdict-chart", fig).correct


@pytest.mark.parametrize("notebook", THEMES)
def test_each_exercise_has_a_hidden_solution_and_a_check_cell(notebook):
    text = (NOTEBOOKS / f"{notebook}.md").read_text(encoding="utf-8")
    cells = re.split(r"^```\{code-cell\} ipython3\n", text, flags=re.M)[1:]
    for exercise_id in exercises(notebook)["id"]:
        call = f'casestudy.check_exercise("{exercise_id}", answer)'
        where = [i for i, cell in enumerate(cells) if call in cell]
        assert len(where) == 1, exercise_id
        solution = cells[where[0] - 1]
        assert "tags: [solution]" in solution and "source_hidden: true" in solution
        starter = cells[where[0] - 2]
        assert "answer = None" in starter and "tags: [solution]" not in starter


@pytest.mark.parametrize("notebook", THEMES)
def test_the_built_notebook_shows_a_tick_for_every_exercise(notebook):
    """The committed notebook ran its solutions: every check cell printed ✓ (nbval re-runs it)."""
    nb = json.loads((NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    shown = {}
    for cell in nb["cells"]:
        found = re.search(r'check_exercise\("([^"]+)"', "".join(cell.get("source", "")))
        if cell["cell_type"] == "code" and found:
            texts = [o.get("data", {}).get("text/plain", "") for o in cell["outputs"]]
            shown[found.group(1)] = "".join("".join(t) for t in texts)
    assert set(shown) == set(exercises(notebook)["id"])
    assert all(text.startswith("✓") for text in shown.values()), shown


# ------------------------------------------------------------------------------- mistakes


CASES = [
    ("mistake", ex_id, number)
    for ex_id in IDS
    for number in range(1, len(REGISTRY[ex_id].mistakes) + 1)
]


@pytest.mark.parametrize(("_", "exercise_id", "number"), CASES)
def test_every_listed_mistake_gets_its_own_feedback(_, exercise_id, number):
    exercise = REGISTRY[exercise_id]
    mistake = exercise.mistakes[number - 1]
    wrong = mistake.compute()
    assert wrong != exercise.expected(), "a mistake that equals the answer cannot be told apart"
    result = check_exercise(exercise_id, as_answer(exercise, wrong))
    assert not result.correct
    assert result.mistake == f"mistake-{number}"
    assert mistake.en in result.feedback


@pytest.mark.parametrize(
    ("exercise_id", "answer", "says"),
    [
        ("ex-01-fy2020-loss", -8046, "group share"),  # the total for the group share
        ("ex-01-fy2020-loss", -7292, "first half"),  # the half-year for the full year
        ("ex-01-fy2020-loss", 8008, "sign is wrong"),
        ("ex-01-fy2020-loss", -8.008, "billions"),  # bn for m
        ("ex-05-fy2025-loss", -11185, "first half"),
        ("ex-05-fy2025-loss", -10900, "group"),
        ("ex-02-growth", 0.3852, "first published"),  # restated vs published
        ("ex-02-growth", 0.11359, "not a fraction"),
        ("ex-02-fcf-sum", 8015, "two rows"),
        ("ex-02-fcf-sum", 5143, "year is missing"),
        ("ex-03-price-gap", 9010, "promised"),
    ],
)
def test_named_mistakes(exercise_id, answer, says):
    result = check_exercise(exercise_id, answer)
    assert not result.correct
    assert says in result.feedback


def test_a_missing_year_is_named():
    expected = dict(REGISTRY["ex-01-without-nissan"].expected())
    del expected[2021]
    result = check_exercise("ex-01-without-nissan", pd.Series(expected))
    assert result.mistake == "missing_keys" and "2021" in result.feedback


def test_a_chart_with_a_missing_year_or_restated_points_is_named():
    expected = REGISTRY["ex-02-margin-chart"].expected()
    short = {y: v for y, v in expected.items() if y != 2025}
    assert "2025" in check_exercise("ex-02-margin-chart", draw(short, "%")).feedback
    restated = check_exercise(
        "ex-02-margin-chart", draw(REGISTRY["ex-02-margin-chart"].mistakes[0].compute(), "%")
    )
    assert restated.mistake == "mistake-1" and "restated" in restated.feedback


def test_a_right_chart_without_a_y_label_is_not_yet_correct():
    exercise = REGISTRY["ex-01-revenue-chart"]
    result = check_exercise(exercise.id, draw(exercise.expected(), ylabel=""))
    assert not result.correct and result.mistake == "no_ylabel"


def test_feedback_follows_the_course_language():
    i18n.set_language("fr")
    result = check_exercise("ex-01-fy2020-loss", -7292)
    assert "premier semestre" in result.feedback and "Pas encore" in result.feedback
    assert "\u00a0: écrivez" in check_exercise("ex-01-fy2020-loss", None).feedback
    assert check_exercise("ex-01-fy2020-loss", -8008).feedback.startswith("✓ Juste")


# ------------------------------------------------------------------------------- never raises


def odd_answers():
    empty_figure = plt.figure()
    nan_line = plt.figure()
    nan_line.add_subplot().plot([2020, 2021], [math.nan, math.nan])
    text_axis = plt.figure()
    text_axis.add_subplot().plot(["a", "b"], [1, 2])
    dates = plt.figure()
    dates.add_subplot().plot(pd.to_datetime(["2020-01-01", "2021-01-01"]), [1, 2])
    return [
        None,
        "",
        "-8008",
        "abc",
        0,
        -0.0,
        True,
        10**400,
        math.nan,
        math.inf,
        -math.inf,
        complex(1, 2),
        [],
        [1, 2],
        {},
        {"2020": 1},
        (),
        object(),
        lambda: 1,
        pd.NA,
        b"x",
        np.array([1.0, 2.0]),
        np.nan,
        np.float32(3),
        pd.Timestamp("2020-01-01"),
        pd.DataFrame(),
        pd.Series(dtype=float),
        pd.DataFrame({"x": ["a", "b"]}),
        pd.DataFrame({"year": [2020, 2020], "value": [1, 2]}),
        pd.DataFrame({"a": [1], "b": [2]}),
        pd.DataFrame([[1, 2]], columns=["v", "v"]),
        pd.Series([None, None]),
        pd.Series([1, 2], index=pd.MultiIndex.from_tuples([(1, 2), (3, 4)])),
        pd.Series(["x"], index=[2020]),
        pd.Series([1.0], index=[None]),
        empty_figure,
        nan_line,
        text_axis,
        dates,
        empty_figure.add_subplot(),
    ]


def test_odd_answers_never_raise_and_always_explain():
    checked, answers = 0, odd_answers()
    for exercise_id in IDS:
        for answer in answers:
            result = check_exercise(exercise_id, answer)
            assert result.correct is False, (exercise_id, answer)
            assert isinstance(result.feedback, str) and len(result.feedback) > 10
            checked += 1
    assert checked == len(IDS) * len(answers)


@pytest.mark.parametrize("exercise_id", [None, 3, "", "ex-99", "x" * 10_000, ["ex-01-fy2020-loss"]])
def test_unknown_exercises_get_feedback_not_an_error(exercise_id, answers_file):
    result = check_exercise(exercise_id, -8008)
    assert not result.correct and "casestudy.exercises()" in result.feedback
    assert len(result.feedback) < 300
    assert not answers_file.exists()  # no notebook to file it under


def test_not_answered_yet():
    result = check_exercise("ex-03-fiat-chart", None)
    assert not result.correct and not result.valid and "Not answered yet" in result.feedback


# ------------------------------------------------------------------------------- the record


def test_each_check_appends_one_exercise_record(answers_file):
    check_exercise("ex-01-fy2020-loss", -8046)
    big = pd.DataFrame({"year": range(1000), "value": np.arange(1000.0)})
    check_exercise("ex-01-without-nissan", big)
    result = check_exercise("ex-01-fy2020-loss", -8008)
    records = [json.loads(line) for line in answers_file.read_text().splitlines()]
    assert len(records) == 3
    first, table, last = records
    assert first["type"] == last["type"] == "exercise" and first["event"] == "check"
    assert first["quiz"] == "01-crisis" and first["question_id"] == "ex-01-fy2020-loss"
    assert (first["correct"], first["score"], first["max_score"]) == (False, 0.0, 1.0)
    assert (last["correct"], last["attempt"], first["attempt"]) == (True, 2, 1)
    assert first["response"] == -8046 and result.correct
    assert len(json.dumps(table["response"])) < 1000 and table["response"]["rows"] == 1000
    assert table["attempt"] == 1
    frame = casestudy.responses(answers_file)
    assert list(frame["type"]) == ["exercise"] * 3


def test_a_student_id_keeps_attempts_apart(answers_file):
    check_exercise("ex-05-fy2025-loss", 1, student="s1")
    check_exercise("ex-05-fy2025-loss", 1, student="s2")
    check_exercise("ex-05-fy2025-loss", 1, student="s1")
    records = [json.loads(line) for line in answers_file.read_text().splitlines()]
    assert [(r["student_id"], r["attempt"]) for r in records] == [("s1", 1), ("s2", 1), ("s1", 2)]


@pytest.mark.filterwarnings("ignore::casestudy.quiz.store.QuizStoreWarning")
def test_an_unwritable_answers_file_still_gives_feedback(tmp_path):
    result = check_exercise("ex-01-fy2020-loss", -8008, responses_path=tmp_path)  # a folder
    assert result.correct
    assert "could not be saved" in result.feedback


# ------------------------------------------------------------------------------- other charts


def test_a_scatter_or_a_date_axis_is_read_like_a_line():
    exercise = REGISTRY["ex-01-revenue-chart"]
    points = exercise.expected()
    scatter, ax = plt.subplots()
    ax.scatter(list(points), list(points.values()))
    ax.set_ylabel("EUR million")
    assert check_exercise(exercise.id, scatter).correct
    dated, ax = plt.subplots()
    ax.plot(pd.to_datetime([f"{year}-12-31" for year in points]), list(points.values()))
    ax.set_ylabel("EUR million")
    assert check_exercise(exercise.id, dated).correct
    dated_scatter, ax = plt.subplots()
    ax.scatter(pd.to_datetime([f"{year}-12-31" for year in points]), list(points.values()))
    ax.set_ylabel("EUR million")
    assert check_exercise(exercise.id, dated_scatter).correct


def test_an_id_that_cannot_be_printed_is_feedback():
    class Unprintable:
        def __str__(self):
            raise RuntimeError("no text")

        __repr__ = __str__

    result = check_exercise(Unprintable(), 1)
    assert not result.correct and "Unprintable" in result.feedback
