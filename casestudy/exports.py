"""CSV files an instructor opens in a spreadsheet: formula-safe and one record per row.

Every CSV the package writes (saved answers, class tables, gradebooks) goes through
:func:`write_csv`. Two dangers come from text that students typed:

- **Formulas.** Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return as a formula. Such a text cell is written with a
  leading apostrophe (``'=1+1``), which every one of them shows as plain text. Numbers, and text
  that is only a number (``-7.3``), are left as they are. ``neutralise_formulas=False`` turns
  this off for a reader that is a program rather than a spreadsheet.
- **Rows.** A field holding a comma, a quote, a tab, a line feed or a bare carriage return is
  quoted, so one answer can never become two rows.

>>> import io
>>> out = io.StringIO()
>>> write_csv(out, ["student", "answer"], [["s1", "=HYPERLINK(1)"], ["s2", "a\\rb"], ["s3", -2]])
>>> print(out.getvalue().replace("\\r", "<CR>"))
student,answer<CR>
s1,'=HYPERLINK(1)<CR>
s2,"a<CR>b"<CR>
s3,-2<CR>
<BLANKLINE>
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_NEEDS_QUOTES = re.compile(r'[,"\r\n\t]')


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it.

    >>> neutralise("=1+1"), neutralise("-7.3"), neutralise("@SUM(A1)"), neutralise("ok")
    ("'=1+1", '-7.3', "'@SUM(A1)", 'ok')
    """
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def format_cell(value: Any, *, neutralise_formulas: bool = True) -> str:
    """One CSV field: empty for None/NaN, numbers as written, text neutralised and quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return ""
        return repr(value) if isinstance(value, float) else str(value)
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return format_cell(value.item(), neutralise_formulas=neutralise_formulas)
    text = str(value)
    if neutralise_formulas:
        text = neutralise(text)
    if _NEEDS_QUOTES.search(text) or text != text.strip(" "):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_csv(
    target: str | os.PathLike | IO[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    neutralise_formulas: bool = True,
) -> None:
    """Write ``columns`` then ``rows`` as UTF-8 CSV with CRLF line ends (RFC 4180)."""

    def lines() -> Iterable[str]:
        yield ",".join(format_cell(c, neutralise_formulas=False) for c in columns) + "\r\n"
        for row in rows:
            cells = (format_cell(v, neutralise_formulas=neutralise_formulas) for v in row)
            yield ",".join(cells) + "\r\n"

    if hasattr(target, "write"):
        for line in lines():
            target.write(line)  # type: ignore[union-attr]
        return
    path = Path(target)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in lines():
            handle.write(line)


def write_frame(
    frame: Any, target: str | os.PathLike | IO[str], *, neutralise_formulas: bool = True
) -> None:
    """Write a pandas DataFrame (its columns, no index) with :func:`write_csv`."""
    columns = [str(c) for c in frame.columns]
    rows = (
        [None if _is_missing(v) else v for v in row]
        for row in frame.itertuples(index=False, name=None)
    )
    write_csv(target, columns, rows, neutralise_formulas=neutralise_formulas)


def _is_missing(value: Any) -> bool:
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return value is None or bool(value != value)  # NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return False
