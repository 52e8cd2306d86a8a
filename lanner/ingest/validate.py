"""Input checks that turn unusable input into one clear, coded error before any model runs."""

from __future__ import annotations

import re

from lanner import settings
from lanner.errors import BinaryInput, DecodeFailure, EmptyInput, NotEnglish, TooLarge

# Common English function words: a cheap, offline language check that needs no model.
_EN_WORDS = frozenset(
    "the of and to in a is that for on with as by was were at from it an be are has have had this "
    "which or but not their its they said after over into who than been also more will would".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode_bytes(data: bytes, origin: str) -> str:
    """UTF-8 only, strictly: a guessed encoding would put wrong characters under every span."""
    if len(data) > settings.get("max_bytes"):
        raise TooLarge(
            f"{origin}: {len(data):,} bytes is over the limit of {settings.get('max_bytes'):,} "
            "(split the file, or raise LANNER_MAX_BYTES)"
        )
    if b"\x00" in data[:8192]:
        raise BinaryInput(f"{origin}: looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DecodeFailure(
            f"{origin}: not valid UTF-8 at byte {e.start} (convert it first, e.g. iconv -f cp1252 -t utf-8)"
        ) from e
    return text


def english_share(text: str) -> float:
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0.0
    return sum(w in _EN_WORDS for w in words) / len(words)


def check_text(text: str, origin: str = "input") -> None:
    if not text.strip():
        raise EmptyInput(f"{origin}: the text is empty")
    if len(text.encode("utf-8")) > settings.get("max_bytes"):
        raise TooLarge(f"{origin}: text is over {settings.get('max_bytes'):,} bytes (raise LANNER_MAX_BYTES)")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BinaryInput(f"{origin}: mostly control characters, not text")
    words = _WORD.findall(text[:20000])
    if len(words) >= 5 and english_share(text) < settings.get("min_english"):
        raise NotEnglish(f"{origin}: does not look like English; Lanner analyses English reports only")
