"""RSS/Atom feeds via feedparser: one document per entry, its content or summary as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import feedparser

from lanner.errors import LannerError, MalformedInput
from lanner.model import RawDocument


def _plain(html: str) -> str:
    import trafilatura

    if "<" not in html:
        return html
    return trafilatura.extract(f"<html><body><article>{html}</article></body></html>") or ""


def parse_feed(text: str, origin: str) -> Iterator[RawDocument | LannerError]:
    feed = feedparser.parse(text)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        yield MalformedInput(f"{origin}: not a readable RSS/Atom feed ({reason or 'no entries'})")
        return
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        text = _plain(body).strip()
        where = f"{origin}#entry{n}"
        if not text:
            yield MalformedInput(f"{where}: feed entry has no text")
            continue
        published = None
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            published = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
        yield RawDocument(
            text=text,
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            published=published,
            origin=where,
        )
