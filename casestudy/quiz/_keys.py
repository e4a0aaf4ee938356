"""Salted hashes and sealed texts for student releases (standard library only, no widgets).

A *mark* says "this answer is right" without showing which answer: it is an HMAC of a key
derived from a per-question salt, the question id and the candidate answer. Checking an answer
derives the key again and compares marks. Where the answer space is large (numbers, words) the
key derivation is stretched with PBKDF2 so that trying every candidate costs time; choices,
orders and pairings have too few candidates for stretching to matter, and the docs say so.

A *sealed* text (feedback, explanation) is encrypted with a key that only the matching answer
yields: a keystream from SHA-256 in counter mode, authenticated with HMAC-SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from typing import Any

STRETCH_ITERATIONS = 20_000
_MARK_HEX = 32
_NONCE = 16
_TAG = 16


def _canonical(parts: Sequence[Any]) -> bytes:
    return json.dumps(list(parts), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def derive(salt: str, parts: Sequence[Any], iterations: int = 0) -> bytes:
    """A 32-byte key from the salt and the parts (question id, kind, answer...)."""
    data = _canonical(parts)
    if iterations:
        return hashlib.pbkdf2_hmac("sha256", data, salt.encode("utf-8"), iterations)
    return hashlib.sha256(salt.encode("utf-8") + b"\0" + data).digest()


def mark_of(key: bytes, iterations: int = 0) -> str:
    """The storable mark of a derived key: ``"<iterations>$<hex>"``."""
    return f"{iterations}${hmac.new(key, b'mark', hashlib.sha256).hexdigest()[:_MARK_HEX]}"


def verify(mark: str, salt: str, parts: Sequence[Any]) -> bytes | None:
    """The key if ``parts`` is the answer that ``mark`` stands for, else None."""
    try:
        rounds_text, _ = mark.split("$", 1)
        rounds = int(rounds_text)
    except (AttributeError, ValueError):
        return None
    if rounds < 0 or rounds > 10_000_000:
        return None
    key = derive(salt, parts, rounds)
    return key if hmac.compare_digest(mark_of(key, rounds), mark) else None


def _stream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (length + 31) // 32
    return b"".join(
        hashlib.sha256(key + nonce + i.to_bytes(4, "big")).digest() for i in range(blocks)
    )[:length]


def seal(value: Any, key: bytes, purpose: str, nonce: bytes | None = None) -> str:
    """Encrypt a JSON-able value so that only ``key`` opens it."""
    subkey = hmac.new(key, b"seal:" + purpose.encode(), hashlib.sha256).digest()
    nonce = nonce if nonce is not None else secrets.token_bytes(_NONCE)
    plain = json.dumps(value, ensure_ascii=False).encode("utf-8")
    cipher = bytes(a ^ b for a, b in zip(plain, _stream(subkey, nonce, len(plain)), strict=True))
    tag = hmac.new(subkey, nonce + cipher, hashlib.sha256).digest()[:_TAG]
    return base64.b64encode(nonce + cipher + tag).decode("ascii")


def unseal(token: str, key: bytes | None, purpose: str) -> Any:
    """The sealed value, or None when the key is wrong or the token damaged."""
    if key is None or not isinstance(token, str):
        return None
    try:
        raw = base64.b64decode(token.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    if len(raw) < _NONCE + _TAG:
        return None
    nonce, cipher, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
    subkey = hmac.new(key, b"seal:" + purpose.encode(), hashlib.sha256).digest()
    expected = hmac.new(subkey, nonce + cipher, hashlib.sha256).digest()[:_TAG]
    if not hmac.compare_digest(tag, expected):
        return None
    plain = bytes(a ^ b for a, b in zip(cipher, _stream(subkey, nonce, len(cipher)), strict=True))
    try:
        return json.loads(plain.decode("utf-8"))
    except ValueError:
        return None
