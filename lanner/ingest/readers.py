"""Readers from every input kind to `RawDocument`, yielding a LannerError in place of a bad item."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from lanner import settings
from lanner.errors import LannerError, MalformedInput, MissingInput, TooLarge
from lanner.ingest.feeds import parse_feed
from lanner.ingest.html import html_to_raw
from lanner.ingest.url import fetch_url
from lanner.ingest.validate import decode_bytes
from lanner.model import RawDocument

Item = RawDocument | LannerError

_TEXT_KEYS = ("text", "article_content", "content", "body")
_FIELD_KEYS = {
    "title": ("title", "article_title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher"),
    "published": ("published", "date", "pub_date"),
}
_FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_HTML_SUFFIXES = {".html", ".htm"}


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


def raw_from_record(rec: dict[str, object], origin: str) -> RawDocument:
    text = next((rec[k] for k in _TEXT_KEYS if isinstance(rec.get(k), str) and rec[k]), None)
    if text is None:
        raise MalformedInput(f"{origin}: record has no text field (one of {', '.join(_TEXT_KEYS)})")
    fields: dict[str, object] = {}
    for name, keys in _FIELD_KEYS.items():
        fields[name] = next((rec[k] for k in keys if rec.get(k) not in (None, "")), None)
    return RawDocument(
        text=str(text),
        title=str(fields["title"]) if fields["title"] else None,
        url=str(fields["url"]) if fields["url"] else None,
        outlet=str(fields["outlet"]) if fields["outlet"] else None,
        published=parse_date(fields["published"]),
        origin=origin,
    )


def _jsonl(text: str, origin: str) -> Iterator[Item]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise MalformedInput(f"{where}: a JSONL line must be an object")
            yield raw_from_record(rec, where)
        except json.JSONDecodeError as e:
            yield MalformedInput(f"{where}: invalid JSON ({e.msg})")
        except LannerError as e:
            yield e


def _csv(text: str, origin: str) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text))
    for n, rec in enumerate(reader, 2):
        try:
            yield raw_from_record(dict(rec), f"{origin}:{n}")
        except LannerError as e:
            yield e


def _looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def items_from_text(text: str, origin: str, suffix: str = "") -> Iterator[Item]:
    """Dispatch on suffix first, then on content, so stdin and URLs work too."""
    if suffix == ".jsonl":
        yield from _jsonl(text, origin)
    elif suffix == ".csv":
        yield from _csv(text, origin)
    elif suffix in _FEED_SUFFIXES or _looks_like_feed(text):
        yield from parse_feed(text, origin)
    elif suffix in _HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        try:
            yield html_to_raw(text, origin)
        except LannerError as e:
            yield e
    else:
        yield RawDocument(text=text, title=_headline(text), origin=origin)


def _headline(text: str) -> str | None:
    """A plain-text report's first line is its title when it is short and set apart like a headline."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if 0 < len(first) <= 150 and not first.endswith((".", ":", ";", ",")) and rest.startswith("\n"):
        return first
    return None


def read_path(path: str) -> Iterator[Item]:
    """One input argument: '-', a URL, a file or a directory (recursively, in sorted order)."""
    try:
        if path == "-":
            yield from items_from_text(sys.stdin.read(), "stdin")
        elif path.startswith(("http://", "https://")):
            text, suffix = fetch_url(path)
            for item in items_from_text(text, path, suffix):
                if isinstance(item, RawDocument) and not item.url:
                    item.url = path
                yield item
        else:
            p = Path(path)
            if p.is_dir():
                for child in sorted(p.rglob("*")):
                    if child.is_file() and not any(part.startswith(".") for part in child.parts):
                        yield from read_path(str(child))
            elif p.is_file():
                if p.stat().st_size > settings.get("max_bytes"):
                    raise TooLarge(
                        f"{p}: {p.stat().st_size:,} bytes is over the limit of {settings.get('max_bytes'):,} "
                        "(split the file, or raise LANNER_MAX_BYTES)"
                    )
                data = p.read_bytes()
                text = decode_bytes(data, str(p))
                yield from items_from_text(text, str(p), p.suffix.lower())
            else:
                raise MissingInput(f"{path}: no such file or directory")
    except LannerError as e:
        yield e
    except OSError as e:
        yield MissingInput(f"{path}: cannot read ({e.strerror or e})")


def iter_inputs(paths: Iterable[str]) -> Iterator[Item]:
    for path in paths:
        yield from read_path(path)
