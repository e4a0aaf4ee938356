"""Reading what a student typed: numbers as people write them, text similarity, and the
guards that keep a response short, JSON-safe and savable (no widgets, no question types).

>>> parse_number("7,3"), parse_number("-8 046"), similarity("Renaulution", "Renaultion") > 0.9
(7.3, -8046.0, True)
"""

from __future__ import annotations

import fractions
import json
import math
import numbers
import random
import re
import sys
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from casestudy import i18n

from .errors import describe

#: longest answer accepted for graded types; a reflection may be longer
MAX_RESPONSE_CHARS = 2_000
MAX_REFLECTION_CHARS = 20_000
#: how much of an unusable response is echoed back or saved
_ECHO_CHARS = 60
_STORE_CHARS = 500


class InvalidResponse(Exception):
    """A response that cannot be graded; carries a catalogue key for the student's message."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key = key
        self.values = values


_SURROGATE = re.compile("[\ud800-\udfff]")
_SAFE_INT_BITS = 63  # larger whole numbers are saved as text (JSON readers lose them)


def _clean(text: str) -> str:
    """``text`` without lone surrogates (they cannot be written as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text)


def _jsonable(value: Any, depth: int = 0) -> Any:
    """What an unusable response is saved as: short, JSON-safe, never the 100 000 characters.

    Never raises: a self-referencing list, a 5 000-digit integer, an object whose ``repr``
    fails all come out as a short text.
    """
    try:
        return _jsonable_or_raise(value, depth)
    except Exception:  # noqa: BLE001 - a hostile object becomes its type name
        return f"<{type(value).__name__}>"


def _jsonable_or_raise(value: Any, depth: int) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value) if value.bit_length() <= _SAFE_INT_BITS else describe(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else repr(float(value))
    if isinstance(value, str):
        text = _clean(value)
        return text if len(text) <= _STORE_CHARS else text[:_STORE_CHARS] + "…"
    if depth < 4 and isinstance(value, list | tuple) and len(value) <= 50:
        return [_jsonable(v, depth + 1) for v in value]
    if depth < 4 and isinstance(value, Mapping) and len(value) <= 50:
        return {str(_jsonable(k, depth + 1)): _jsonable(v, depth + 1) for k, v in value.items()}
    return _clean(describe(value, _STORE_CHARS))


def _storable(value: Any) -> Any:
    """A graded response as it is saved: numbers of other libraries as Python numbers
    (numpy, ``Fraction`` as ``"1/3"``, which reads back as the same number). Raises
    :class:`InvalidResponse` when it still cannot be written as a UTF-8 JSON line."""
    if isinstance(value, bool) or value is None or type(value) in (int, float, str):
        pass
    elif isinstance(value, numbers.Integral):  # numpy.int64 and friends
        value = int(value)
    elif isinstance(value, fractions.Fraction):
        value = str(value)
    elif isinstance(value, numbers.Real):  # numpy.float64, float subclasses
        value = float(value)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        raise InvalidResponse("invalid.number", text=_echo(value))
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        raise InvalidResponse("invalid.unsaveable") from None
    return value


def _echo(value: Any) -> str:
    text = value if isinstance(value, str) else describe(value, 4 * _ECHO_CHARS)
    text = " ".join(_clean(text[: 4 * _ECHO_CHARS]).split())
    return text if len(text) <= _ECHO_CHARS else text[: _ECHO_CHARS - 1] + "…"


def _check_text(value: str, limit: int = MAX_RESPONSE_CHARS) -> None:
    """A typed answer: not too long, and only characters that can be saved."""
    _check_length(value, limit)
    if _SURROGATE.search(value):
        raise InvalidResponse("invalid.encoding")


def _check_length(value: str, limit: int = MAX_RESPONSE_CHARS) -> None:
    if len(value) > limit:
        raise InvalidResponse("invalid.too_long", length=len(value), limit=limit)


# --------------------------------------------------------------------------- numbers

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_GROUPED_DOT = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DIGIT_GAP = re.compile(r"(?<=\d)[\s'’](?=\d)")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-"})


def _parse_plain(text: str, original: str) -> float:
    has_comma, has_dot = "," in text, "." in text
    if has_comma and has_dot:
        if text.rfind(",") > text.rfind("."):  # 1.234,5 (dots group thousands)
            if not _GROUPED_DOT.fullmatch(text):
                raise InvalidResponse("invalid.number", text=_echo(original))
            text = text.replace(".", "").replace(",", ".")
        else:  # 1,234.5 (commas group thousands)
            if not _GROUPED_COMMA.fullmatch(text):
                raise InvalidResponse("invalid.number", text=_echo(original))
            text = text.replace(",", "")
    elif has_comma:
        if text.count(",") > 1:
            if not _GROUPED_COMMA.fullmatch(text):
                raise InvalidResponse("invalid.number", text=_echo(original))
            text = text.replace(",", "")
        else:
            whole, frac = text.split(",")
            digits = whole.lstrip("+-")
            # "8,046" is 8046 to an English reader and 8.046 to a French one: ask.
            if len(frac) == 3 and 1 <= len(digits) <= 3 and digits.isdigit() and digits[0] != "0":
                raise InvalidResponse(
                    "invalid.ambiguous_number",
                    text=_echo(original),
                    a=f"{whole}{frac}",
                    b=f"{whole}.{frac}",
                )
            text = f"{whole}.{frac}"
    elif text.count(".") > 1:
        if not _GROUPED_DOT.fullmatch(text):
            raise InvalidResponse("invalid.number", text=_echo(original))
        text = text.replace(".", "")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise InvalidResponse("invalid.number", text=_echo(original))
    value = float(text)
    if not math.isfinite(value):
        raise InvalidResponse("invalid.number", text=_echo(original))
    return value


def parse_number(raw: Any) -> float:
    """Read a student's number: ``7.3``, ``7,3``, ``-8 046``, ``-8,046.5``, ``22/7``, ``5 %``.

    >>> parse_number("7,3"), parse_number("-8 046"), parse_number("22/7") == 22 / 7
    (7.3, -8046.0, True)
    """
    if isinstance(raw, bool):
        raise InvalidResponse("invalid.type", expected=i18n.t("expected.number"))
    if isinstance(raw, numbers.Real):
        try:
            value = float(raw)
        except (OverflowError, ValueError, TypeError):
            value = math.inf
        if not math.isfinite(value):
            raise InvalidResponse("invalid.number", text=_echo(raw))
        return value
    if not isinstance(raw, str):
        raise InvalidResponse("invalid.type", expected=i18n.t("expected.number"))
    if len(raw) > 100:
        _check_length(raw, 100)
    text = unicodedata.normalize("NFKC", raw).translate(_MINUS_SIGNS).strip()
    if not text:
        raise InvalidResponse("invalid.empty")
    if text.endswith("%"):
        text = text[:-1].rstrip()
    text = re.sub(r"^([+-])\s+", r"\1", _DIGIT_GAP.sub("", text))
    if "/" in text:
        parts = text.split("/")
        if len(parts) != 2:
            raise InvalidResponse("invalid.number", text=_echo(raw))
        numerator = _parse_plain(parts[0].strip(), raw)
        denominator = _parse_plain(parts[1].strip(), raw)
        if denominator == 0:
            raise InvalidResponse("invalid.division_by_zero", text=_echo(raw))
        value = numerator / denominator  # float division, as JavaScript does
        if not math.isfinite(value):
            raise InvalidResponse("invalid.number", text=_echo(raw))
        return value
    return _parse_plain(text, raw)


def round_significant(value: float, digits: int) -> float:
    """``Number(Number(value).toPrecision(digits))`` in JavaScript: round the exact binary value
    to ``digits`` significant digits, ties away from zero.

    >>> round_significant(-8046, 2), round_significant(0.125, 2), round_significant(9.96, 2)
    (-8000.0, 0.13, 10.0)
    """
    if value == 0 or not math.isfinite(value):
        return value + 0.0
    with localcontext() as ctx:
        ctx.prec = 1_100  # a double has at most 767 significant decimal digits: stay exact
        exact = Decimal(value)
        exponent = exact.adjusted() - digits + 1
        rounded = exact.scaleb(-exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return float(rounded.scaleb(exponent))


def canonical_number(value: float) -> str:
    """The text a number is hashed as: the shortest repr, with -0 as 0."""
    return repr(float(value) + 0.0)


def _slack(value: float) -> float:
    # a tolerance edge typed by a student should not fail on binary rounding
    return abs(value) * 4 * sys.float_info.epsilon


# --------------------------------------------------------------------------- text matching


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), as jupyterquiz computes it."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    """``1 - levenshtein / max(len)``: jupyterquiz's fuzzy ratio."""
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1 - levenshtein(a, b) / longest


def seeded_order(n: int, seed: str) -> list[int]:
    """A shuffle of ``range(n)`` that is the same on every run for the same seed (question id)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order
