"""Grouping event records: blocking, candidate pairs, then medoid-anchored complete-link clusters.

Blocking by (type, country, ISO-week) keeps the pair count near-linear: a record is only compared with
records of its type, in its country, in the weeks its date window (widened by `max_days`) touches.
Single-link over those pairs would chain distinct events through one vague report ("clashes in
Hasakah province" joining two separate town clashes), so each cluster grows around a medoid and a
record joins only if it matches every member already in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

from lanner.corroborate_match import EventRecord, match

NO_COUNTRY = "?"


def _alpha2(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return c.alpha_2 if c else None


def _countries(r: EventRecord, cache: dict[str | None, str | None]) -> set[str]:
    """Where a record is filed: its location's country, else its actors' countries."""
    if r.country:
        return {r.country}
    found = set()
    for side in (r.actor1, r.actor2):
        if side.key is not None and side.country:
            if side.country not in cache:
                cache[side.country] = _alpha2(side.country)
            if cache[side.country]:
                found.add(cache[side.country])
    return found or {NO_COUNTRY}


def _weeks(start: dt.date, end: dt.date) -> range:
    return range(start.toordinal() // 7, end.toordinal() // 7 + 1)


def candidate_pairs(records: Sequence[EventRecord], max_days: int) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a block; undated records have no block and never pair."""
    return {(i, j) for i, near in _neighbours(records, max_days) for j in near}


def _neighbours(records: Sequence[EventRecord], max_days: int) -> Iterator[tuple[int, set[int]]]:
    """For each dated record, the later-indexed records in its blocks whose dates are close enough."""
    blocks: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    filed: list[set[str]] = []
    cache: dict[str | None, str | None] = {}
    for i, r in enumerate(records):
        countries = _countries(r, cache)
        filed.append(countries)
        if r.start is None:
            continue
        for c in countries:
            for w in _weeks(r.start, r.end or r.start):
                blocks[(r.type, c, w)].append(i)
    pad = dt.timedelta(days=max_days)
    for i, r in enumerate(records):
        if r.start is None:
            continue
        lo, hi = r.start - pad, (r.end or r.start) + pad
        near: set[int] = set()
        for c in filed[i] | {NO_COUNTRY}:
            for w in _weeks(lo, hi):
                for j in blocks.get((r.type, c, w), ()):
                    if j > i:
                        o = records[j]
                        if o.start <= hi and (o.end or o.start) >= lo:  # type: ignore[operator]
                            near.add(j)
        yield i, near


def _order_key(r: EventRecord) -> tuple[str, str, str]:
    return (r.start.isoformat() if r.start else "", r.doc_id, r.event_id)


def group_records(records: Sequence[EventRecord], max_days: int = 3, max_km: float = 50.0) -> list[list[int]]:
    """Index groups covering every record; each group's first index is its medoid."""
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    for i, near in _neighbours(records, max_days):
        for j in near:
            s = match(records[i], records[j], max_days, max_km)
            if s is not None:
                adj[i][j] = s
                adj[j][i] = s
    groups: list[list[int]] = []
    done: set[int] = set()
    for comp in _components(adj):
        remaining = set(comp)
        while remaining:
            medoid = min(remaining, key=lambda i: (
                -sum(s for j, s in adj[i].items() if j in remaining), _order_key(records[i])))  # fmt: skip
            members = [medoid]
            docs = {records[medoid].doc_id}
            near = sorted((j for j in adj[medoid] if j in remaining),
                          key=lambda j: (-adj[medoid][j], _order_key(records[j])))  # fmt: skip
            for j in near:
                if records[j].doc_id in docs:
                    continue
                if all(m == medoid or j in adj[m] for m in members):
                    members.append(j)
                    docs.add(records[j].doc_id)
            groups.append(members)
            remaining.difference_update(members)
            done.update(members)
    groups.extend([i] for i in range(len(records)) if i not in done)
    return groups


def _components(adj: dict[int, dict[int, float]]) -> list[list[int]]:
    seen: set[int] = set()
    comps = []
    for start in sorted(adj):
        if start in seen:
            continue
        stack, comp = [start], []
        seen.add(start)
        while stack:
            i = stack.pop()
            comp.append(i)
            for j in adj[i]:
                if j not in seen:
                    seen.add(j)
                    stack.append(j)
        comps.append(sorted(comp))
    return comps
