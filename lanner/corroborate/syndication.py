"""Syndication: which reports are copies of one story, so a wire story reposted by many sites counts once.

Two signals, both about the text rather than the outlet's name:

- a **credit**: the report names the wire or agency it carries, in a dateline ("MOSCOW (UrduPoint News /
  Sputnik - ..."), a bracket ("BEIRUT (AP) -"), a byline ("By: Reuters", "ANKARA-Anadolu Agency"), or a
  closing "Source: Kuwait News Agency";
  the credited name must be a wire or state agency the outlet table lists (lanner/data/outlets/);
- **near-duplicate wording**: word 5-gram shingles, compared by containment (the share of the shorter
  report's shingles found in the other), so an early and a later version of one wire story, or one
  excerpt cut shorter, still count as copies.

A report's origin is its credit, else the origin of an earlier member it copies, else its own outlet.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import zlib
from collections.abc import Sequence

from lanner.corroborate.sources import TABLE, OutletInfo, lookup, norm

SHINGLE = 5
COPY_CONTAINMENT = 0.3  # share of the shorter report's 5-word runs found in the other that marks one story
# (on incidents-dev, copies of one story share 0.38-0.75, reports of one incident in their own words <= 0.18)
HEAD = 400  # datelines and bylines sit at the top
PAREN = re.compile(r"\(([^()]{2,60})\)")  # "(AP)", "(UrduPoint News / Sputnik - 08th April, 2022)"
SOURCE_LINE = re.compile(r"\b(?:Source|Credit|Courtesy)\s*:\s*([A-Z][\w .'&-]{1,60})")
PHOTO = re.compile(r"photo|\w/\w", re.I)  # "(AP Photo/...)", "(AFP/Omar Haj Kadour)": a picture's credit
CREDIT_KINDS = {"wire", "state_media"}  # names that syndicate their stories


@functools.cache
def _credit_names() -> list[tuple[re.Pattern[str], OutletInfo]]:
    """A byline or dash credit per syndicating name: "By: Reuters", "— Reuters", "ANKARA-Anadolu Agency"."""
    out = []
    with TABLE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] not in CREDIT_KINDS:
                continue
            info = lookup(row["outlet"])
            for name in [row["outlet"], *filter(None, row["aliases"].split("|"))]:
                if len(name) >= 2 and info is not None:
                    out.append((re.compile(rf"(?:[—–-]\s*|\bBy:?\s+){re.escape(name)}\b"), info))
    return out


def shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(max(0, len(words) - SHINGLE + 1))
    )


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def credit(text: str, outlet: str | None) -> str | None:
    """The wire or agency the report credits (canonical outlet-table name), if not the outlet itself.

    Only credits for the story are read: a dateline or byline at the top, or a closing "Source:" line.
    Photo credits and "told AFP" (a quote given to a wire, which an outlet may relay in its own words)
    are not.
    """
    own = lookup(outlet)
    head = text[:HEAD]

    def ok(info: OutletInfo | None) -> bool:
        return info is not None and info.kind in CREDIT_KINDS and (own is None or info.name != own.name)

    for m in PAREN.finditer(head):
        if PHOTO.search(m.group(1)):
            continue
        for part in re.split(r"[/,;]| - ", m.group(1)):
            info = lookup(part.strip()) if len(part.strip()) >= 2 else None
            if ok(info):
                return info.name  # type: ignore[union-attr]
    for pat, info in _credit_names():
        if ok(info) and pat.search(head):
            return info.name
    for m in SOURCE_LINE.finditer(text):
        info = lookup(m.group(1).strip())
        if ok(info):
            return info.name  # type: ignore[union-attr]
    return None


@functools.lru_cache(maxsize=4096)
def outlet_origin(outlet: str | None) -> str:
    info = lookup(outlet)
    return info.name if info else (norm(outlet) if outlet else "unknown")


def origins(
    outlets: Sequence[str | None],
    credits: Sequence[str | None],
    texts: Sequence[frozenset[int]],
    published: Sequence[dt.date | None],
    doc_ids: Sequence[str],
) -> tuple[list[str], list[int | None]]:
    """Each member's origin, and the index of the earlier member it copies (None if none)."""
    order = sorted(range(len(outlets)), key=lambda i: (published[i] or dt.date.min, doc_ids[i]))
    copy_of: list[int | None] = [None] * len(outlets)
    root = list(range(len(outlets)))
    for pos, i in enumerate(order):
        for j in order[:pos]:
            if copy_of[j] is None and containment(texts[i], texts[j]) >= COPY_CONTAINMENT:
                copy_of[i], root[i] = j, j
                break
    # one story, one origin: the credit any copy gives, else the earliest copy's outlet
    story: dict[int, str] = {}
    for i in order:
        r = root[i]
        if credits[i] and r not in story:
            story[r] = credits[i]  # type: ignore[assignment]
    origin = [
        story.get(root[i]) or credits[i] or outlet_origin(outlets[root[i]]) for i in range(len(outlets))
    ]
    return origin, copy_of
