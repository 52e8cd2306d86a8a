"""Metadata fields as every reader needs them: dates in the forms sources use, text without NULs.

Kept apart from `readers` so that the HTML reader can use them without importing the readers that
import it.
"""

from __future__ import annotations

import datetime as dt
import re

# NUL (PostgreSQL refuses it) and unpaired surrogates (a JSON "\ud800" escape: no encoder writes them,
# so the document could not be serialised or stored).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def parse_date(value: object) -> dt.date | None:
    """ISO dates, and the US month/day/year form some CSV exports use (FA-KES)."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in ("%m/%d/%Y", "%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def clean_meta(value: object) -> str | None:
    """A metadata field as text; NUL characters and unpaired surrogates dropped: neither can be stored
    (PostgreSQL refuses NUL, no UTF-8 encoder writes a lone surrogate) and they carry nothing."""
    if value in (None, ""):
        return None
    return _UNSTORABLE.sub("", str(value)) or None
