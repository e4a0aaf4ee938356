"""Formula-safe, row-safe CSV: what a spreadsheet shows is what the student typed."""

import csv
import io
import math

import pandas as pd
import pytest

from casestudy.exports import format_cell, neutralise, write_csv, write_frame


@pytest.mark.parametrize(
    "hostile", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")']
)
def test_formula_cells_become_text(hostile):
    assert neutralise(hostile) == "'" + hostile


@pytest.mark.parametrize("number", ["-7.3", "+5", "-8046", "-0,5", "1e3", "-.5"])
def test_plain_numbers_are_left_alone(number):
    assert neutralise(number) == number


def test_opt_out_keeps_the_text():
    assert format_cell("=1+1", neutralise_formulas=False) == "=1+1"


def test_control_characters_are_quoted_and_round_trip():
    rows = [["a\rb"], ["c\nd"], ["e\tf"], ['say "hi", then']]
    out = io.StringIO()
    write_csv(out, ["answer"], rows)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(read) == 5  # header + 4: nothing split into extra rows
    assert [r[0] for r in read[1:]] == ["a\rb", "c\nd", "e\tf", 'say "hi", then']


def test_frame_missing_values_and_numbers(tmp_path):
    frame = pd.DataFrame(
        {"student": ["=cmd", None], "score": [1.5, math.nan], "n": pd.array([1, None], "Int64")}
    )
    path = tmp_path / "t.csv"
    write_frame(frame, path)
    text = path.read_bytes().decode("utf-8")
    assert text == "student,score,n\r\n'=cmd,1.5,1\r\n,,\r\n"
