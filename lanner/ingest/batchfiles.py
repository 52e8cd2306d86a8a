"""Batch files record by record: a JSONL line or a CSV row that is bad is that record's error only.

JSONL is split on b"\\n" alone (never `str.splitlines`, which also breaks at U+2028, U+0085 and other
characters that are legal inside a JSON string) and each line is decoded on its own, so one line of
invalid UTF-8 or one oversized record costs that line and no other. Lines are read with a bound, so a
hostile multi-gigabyte line is skipped without being held in memory.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from lanner import settings
from lanner.errors import DecodeFailure, EmptyInput, LannerError, MalformedInput, TooLarge
from lanner.ingest.validate import too_large

Record = tuple[str, dict[str, object] | LannerError]
_SURROGATE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by errors="surrogateescape"


def bounded_lines(fh: IO[bytes] | Iterable[bytes], limit: int) -> Iterator[bytes | int]:
    """Each line (without its b"\\n"), or, for a line over `limit` bytes, its size in place of it."""
    if isinstance(fh, Iterable) and not hasattr(fh, "readline"):
        for line in fh:
            yield line if len(line) <= limit else len(line)
        return
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while not line.endswith(b"\n"):  # drain the rest of the line without keeping it
                line = fh.readline(1 << 20)
                if not line:
                    break
                size += len(line)
            yield size
            continue
        yield line.removesuffix(b"\n")


def jsonl_records(lines: IO[bytes] | Iterable[bytes], origin: str) -> Iterator[Record]:
    """(origin:line, record or its error) for every line; a blank line is an E001 so that line N of any
    output that answers the input line by line stays line N."""
    limit = settings.get("max_bytes")
    pending_blank: list[str] = []
    for n, line in enumerate(bounded_lines(lines, limit), 1):
        where = f"{origin}:{n}"
        if isinstance(line, int):
            yield where, too_large(where, line)
            continue
        if n == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            pending_blank.append(where)  # reported only if a record follows: a trailing newline is no line
            continue
        for blank in pending_blank:
            yield blank, EmptyInput(f"{blank}: blank line", blank)
        pending_blank.clear()
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield where, DecodeFailure(f"{where}: not valid UTF-8 at byte {e.start} of the line", where)
            continue
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as e:
            yield where, MalformedInput(f"{where}: invalid JSON ({e.msg})", where)
            continue
        except RecursionError:
            yield where, MalformedInput(f"{where}: invalid JSON (nested too deeply)", where)
            continue
        if not isinstance(rec, dict):
            yield where, MalformedInput(f"{where}: a JSONL line must be an object", where)
            continue
        yield where, rec


def csv_records(fh: IO[str], origin: str) -> Iterator[Record]:
    """(origin:line, row or its error) per CSV row. The field limit is set far above LANNER_MAX_BYTES,
    so any row a user could mean is parsed and then refused on its own by size (E004); only a field over
    four times the limit stops the file, since after it the parser's place in the file is unknown."""
    limit = settings.get("max_bytes")
    csv.field_size_limit(min(max(4 * limit, 131072), sys.maxsize))
    reader = csv.DictReader(fh)
    try:
        reader.fieldnames  # noqa: B018 - reads the header now, so line numbers below are the rows' own
    except csv.Error as e:
        yield f"{origin}:1", TooLarge(f"{origin}:1: {e}; the CSV file is not read", f"{origin}:1")
        return
    while True:
        where = f"{origin}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield where, TooLarge(f"{where}: {e}; the rest of this CSV file is not read", where)
            return
        size = sum(len(v) for v in row.values() if isinstance(v, str))
        if size > limit:
            yield where, too_large(where, size)
            continue
        if any(isinstance(v, str) and _SURROGATE.search(v) for v in row.values()):
            yield where, DecodeFailure(f"{where}: this row is not valid UTF-8", where)
            continue
        yield where, dict(row)
