"""Readers from every input kind to `RawDocument`, yielding a LannerError in place of a bad item.

Batch files (JSONL, CSV) are streamed record by record, so a bad or oversized record is that record's
error and the rest of the file still counts; a single document (a text file, an HTML page, stdin, a
URL) is read up to `LANNER_MAX_BYTES` and no further.
"""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from lanner import settings
from lanner.errors import EmptyInput, LannerError, MalformedInput, MissingInput
from lanner.ingest.batchfiles import csv_records, jsonl_records
from lanner.ingest.feeds import parse_feed
from lanner.ingest.html import html_to_raw
from lanner.ingest.meta import clean_meta, parse_date
from lanner.ingest.url import fetch_url
from lanner.ingest.validate import decode_bytes, over_limit, too_large
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
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def raw_from_record(rec: dict[str, object], origin: str) -> RawDocument:
    present = [k for k in _TEXT_KEYS if isinstance(rec.get(k), str)]
    if not present:
        raise MalformedInput(f"{origin}: record has no text field (one of {', '.join(_TEXT_KEYS)})", origin)
    key = next((k for k in present if str(rec[k]).strip()), None)
    if key is None:
        raise EmptyInput(f"{origin}: the record's {present[0]!r} field is empty", origin)
    text = str(rec[key])
    fields = {
        name: next((rec[k] for k in keys if rec.get(k) not in (None, "")), None)
        for name, keys in _FIELD_KEYS.items()
    }
    return RawDocument(
        text=text,
        title=clean_meta(fields["title"]),
        url=clean_meta(fields["url"]),
        outlet=clean_meta(fields["outlet"]),
        published=parse_date(fields["published"]),
        origin=origin,
    )


def _records(records: Iterable[tuple[str, dict[str, object] | LannerError]]) -> Iterator[Item]:
    for where, rec in records:
        if isinstance(rec, LannerError):
            yield rec
            continue
        try:
            yield raw_from_record(rec, where)
        except LannerError as e:
            yield e


def _looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def items_from_text(text: str, origin: str, suffix: str = "") -> Iterator[Item]:
    """Dispatch on suffix first, then on content, so stdin and URLs work too."""
    if suffix == ".jsonl":
        yield from _records(jsonl_records((line.encode("utf-8") for line in text.split("\n")), origin))
    elif suffix == ".csv":
        import io

        yield from _records(csv_records(io.StringIO(text, newline=""), origin))
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


def read_capped(stream: BinaryIO, origin: str) -> bytes:
    """At most LANNER_MAX_BYTES from a stream of unknown length (stdin): one byte more says it is too big."""
    limit = settings.get("max_bytes")
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise over_limit(origin)
    return data


def _read_file(p: Path) -> Iterator[Item]:
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        with p.open("rb") as fh:
            yield from _records(jsonl_records(fh, str(p)))
        return
    if suffix == ".csv":
        with p.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
            yield from _records(csv_records(fh, str(p)))
        return
    size = p.stat().st_size
    if size > settings.get("max_bytes"):
        raise too_large(str(p), size)
    text = decode_bytes(p.read_bytes(), str(p))
    yield from items_from_text(text, str(p), suffix)


def read_path(path: str) -> Iterator[Item]:
    """One input argument: '-', a URL, a file or a directory (recursively, in sorted order)."""
    try:
        if path == "-":
            text = decode_bytes(read_capped(sys.stdin.buffer, "stdin"), "stdin")
            yield from items_from_text(text, "stdin")
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
                yield from _read_file(p)
            elif p.exists():
                mode = p.stat().st_mode
                kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
                raise MissingInput(
                    f"{path}: is {kind}, not a file; Lanner reads files, directories, URLs, and '-' for stdin"
                )
            else:
                raise MissingInput(f"{path}: no such file or directory")
    except LannerError as e:
        e.origin = e.origin or path
        yield e
    except OSError as e:
        yield MissingInput(f"{path}: cannot read ({e.strerror or e})", path)


def iter_inputs(paths: Iterable[str]) -> Iterator[Item]:
    for path in paths:
        yield from read_path(path)
