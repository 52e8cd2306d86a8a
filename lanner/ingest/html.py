"""HTML pages: the main text via trafilatura, title and date from its metadata."""

from __future__ import annotations

import trafilatura

from lanner.errors import MalformedInput
from lanner.ingest.meta import parse_date
from lanner.model import RawDocument


def html_to_raw(html: str, origin: str) -> RawDocument:
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise MalformedInput(f"{origin}: no article text could be extracted from this HTML")
    meta = trafilatura.extract_metadata(html)
    return RawDocument(
        text=text,
        title=getattr(meta, "title", None) if meta else None,
        url=getattr(meta, "url", None) if meta else None,
        outlet=getattr(meta, "sitename", None) if meta else None,
        published=parse_date(getattr(meta, "date", None)) if meta else None,
        origin=origin,
    )
