"""Input checks that turn unusable input into one clear, coded error before any model runs."""

from __future__ import annotations

import codecs
import re

from lanner import settings
from lanner.errors import BinaryInput, DecodeFailure, EmptyInput, MalformedInput, NotEnglish, TooLarge
from lanner.ingest.language import looks_english

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def too_large(origin: str, size: int) -> TooLarge:
    limit = settings.get("max_bytes")
    return TooLarge(
        f"{origin}: {size:,} bytes is over the limit of {limit:,} "
        "(split the input, or raise LANNER_MAX_BYTES)",
        origin,
    )


def over_limit(origin: str, what: str = "") -> TooLarge:
    """For a stream whose length is unknown: it went past the limit, and reading stopped there."""
    limit = settings.get("max_bytes")
    return TooLarge(
        f"{origin}: more than {limit:,} bytes{what}, the limit; reading stopped there "
        "(split the input, or raise LANNER_MAX_BYTES)",
        origin,
    )


def decode_bytes(data: bytes, origin: str) -> str:
    """UTF-8, or UTF-16/32 when a byte-order mark says so, strictly: a guessed encoding would put
    wrong characters under every span."""
    if len(data) > settings.get("max_bytes"):
        raise too_large(origin, len(data))
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:8192]:
        raise BinaryInput(f"{origin}: looks like a binary file (NUL bytes), not text")
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as e:
        raise DecodeFailure(
            f"{origin}: not valid {(encoding or 'utf-8').upper()} at byte {e.start} "
            "(convert it first, e.g. iconv -f cp1252 -t utf-8)"
        ) from e


def check_text(text: str, origin: str = "input") -> None:
    """Refuse, with the reason and the limit, what the pipeline cannot or should not analyse."""
    if not text.strip():
        raise EmptyInput(f"{origin}: the text is empty")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:  # a lone surrogate, e.g. from a JSON "\ud800" escape
        raise DecodeFailure(
            f"{origin}: an unpaired surrogate (U+{ord(text[e.start]):04X}) at offset {e.start}"
        ) from e
    if size > settings.get("max_bytes"):
        raise too_large(origin, size)
    max_chars = settings.get("max_chars")
    if len(text) > max_chars:
        raise TooLarge(
            f"{origin}: {len(text):,} characters is over the limit of {max_chars:,} for one report "
            "(split it, or raise LANNER_MAX_CHARS: a report of 100,000 characters takes ~10-20 s)"
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise BinaryInput(f"{origin}: a NUL character at offset {nul}; a report has none (binary data?)")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BinaryInput(f"{origin}: mostly control characters, not text")
    if len(_WORD.findall(text[:2000])) >= 3 and not looks_english(text):
        raise NotEnglish(f"{origin}: does not look like English; Lanner analyses English reports only")


# PostgreSQL refuses a b-tree index entry over 2,704 bytes and `documents.outlet` is indexed; 500
# characters is at most 2,000 bytes of UTF-8, and both backends enforce it here, before any model runs.
MAX_OUTLET_CHARS = 500


def check_outlet(outlet: str | None, origin: str = "input") -> None:
    if outlet and len(outlet) > MAX_OUTLET_CHARS:
        raise MalformedInput(
            f"{origin}: the outlet name is {len(outlet):,} characters long; the limit is "
            f"{MAX_OUTLET_CHARS} (an outlet is a name, not a text)",
            origin,
        )
