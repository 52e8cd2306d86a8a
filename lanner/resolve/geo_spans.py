"""Queries for toponym spans that are already known (gold spans, or spans another tool found).

The places stage reads its cues off the spaCy parse; here only the raw text around each span is at
hand, so the same cue lists (data/gazetteer/cues.yaml) are applied to it directly: a unit word after
the name or 'province of' before it asks for an admin unit, 'town of' for a settlement, and a
following span joined by a comma or 'town of' ('Paris, Texas') is the unit the name lies in.
"""

from __future__ import annotations

import re

from lanner.resolve.gazetteer import load_gazetteer
from lanner.resolve.geo_context import Query
from lanner.resolve.place_cues import cues

_WORD = re.compile(r"\s*([A-Za-z]+)")
_LIST_TOKEN = re.compile(r"\s*([,&]|[^\s,&]+)")
LINK_WINDOW = 40
LIST_TOKENS = 16  # how far a list of names may run before its closing unit word
LIST_BEFORE_CHARS = 6
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor|&)\s*$")


def list_unit(text: str, start: int, end: int, plurals: dict[str, str]) -> str | None:
    """The plural unit word closing a list the name is part of ('Cooke, Grayson and Love counties' ->
    'counties' for each of the three), or None. Only capitalised words, commas and and/or may come
    between, and the name must be in a list (a separator before it or after it): in 'Northeast
    Georgia counties' Georgia is where the counties are, not one of them."""
    listed = bool(_LIST_BEFORE.search(text, max(0, start - LIST_BEFORE_CHARS), start))
    pos = end
    for _ in range(LIST_TOKENS):
        m = _LIST_TOKEN.match(text, pos)
        if not m:
            return None
        tok = m.group(1)
        pos = m.end()
        low = tok.lower().rstrip(".:;)")
        if low in plurals:
            return low if listed else None
        if tok in (",", "&") or low in ("and", "or"):
            listed = True
            continue
        if tok[:1].isupper():
            continue
        return None
    return None


def span_queries(text: str, spans: list[tuple[int, int]], names: list[str] | None = None) -> list[Query]:
    """One Query per (start, end) span, in order, with the want/hint cues the surrounding text gives."""

    c = cues()
    gaz = load_gazetteer()
    names = names if names is not None else [text[s:e] for s, e in spans]
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    out = [Query(n, demonyms=True) for n in names]
    for k, i in enumerate(order):
        s, e = spans[i]
        q = out[i]
        if text[s:e].casefold() != names[i].casefold():
            continue  # offsets that do not point at the name (a shifted corpus): no text cues
        nxt = _WORD.match(text, e)
        before = text[max(0, s - LINK_WINDOW) : s].lower()
        unit = list_unit(text, s, e, c["unit_plurals"])
        if unit is not None:
            q.want = "admin"
            word = c["unit_plurals"][unit]
            named = gaz.candidates(f"{q.name} {word}") if word and not q.name.endswith(word) else ()
            if any(x.tier == 0 and x.fcode == "ADM2" for x in named):
                q.name = f"{q.name} {word}"
        elif nxt and nxt.group(1).lower() in c["admin_after"]:
            q.want = "admin"
        elif c["_settle_before"].search(before):
            q.want = "settlement"
        elif c["_admin_before"].search(before):
            q.want = "admin"
        if k + 1 < len(order):
            j = order[k + 1]
            between = text[e : spans[j][0]]
            if len(between) < LINK_WINDOW and any(rx.search(between) for rx in c["_link"]):
                q.hint_names.append(names[j])
    return out
