"""Grouping event records: blocking, candidate pairs, then medoid-anchored complete-link clusters.

Blocking by (type family, country, ISO-week) keeps the pair count near-linear: a record is only compared
with records of its family, in its country, in the weeks its date window (widened by `max_days`) touches.
A report with no date at all (none in the text, no publication day) first borrows the date of the dated
report it matches best on everything else (`place_undated`), so it is blocked like the others.
Single-link over those pairs would chain distinct events through one vague report ("clashes in
Hasakah province" joining two separate town clashes), so each cluster grows around a medoid and a
record joins only if it matches every member already in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

from lanner.corroborate.evidence import date_hint, hint_fits
from lanner.corroborate.match import EventRecord, compare, day_gap, match, places_compatible, windows

NO_COUNTRY = "?"


def _alpha2(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return c.alpha_2 if c else None


def _countries(r: EventRecord, cache: dict[str | None, str | None]) -> set[str]:
    """Where a record is filed: its location's country, else its actors' and its report's countries."""
    if r.country:
        return {r.country}
    found = set(r.doc_countries)
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
    """For each dated record, the later-indexed records in its blocks whose dates are close enough.

    A record filed under no country ("?") is looked up in every country's blocks, and every record
    in the "?" blocks, so the pair is found whichever of the two comes first.
    """
    blocks: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    filed: list[set[str]] = []
    cache: dict[str | None, str | None] = {}
    seen_countries: set[str] = {NO_COUNTRY}
    for i, r in enumerate(records):
        countries = _countries(r, cache)
        filed.append(countries)
        if r.start is None:
            continue
        seen_countries |= countries
        for c in countries:
            for start, end in windows(r):
                for w in _weeks(start, end):
                    if not blocks[(r.family, c, w)] or blocks[(r.family, c, w)][-1] != i:
                        blocks[(r.family, c, w)].append(i)
    pad = dt.timedelta(days=max_days)
    for i, r in enumerate(records):
        if r.start is None:
            continue
        near: set[int] = set()
        look = seen_countries if NO_COUNTRY in filed[i] else filed[i] | {NO_COUNTRY}
        for start, end in windows(r):
            lo, hi = start - pad, end + pad
            for c in look:
                for w in _weeks(lo, hi):
                    for j in blocks.get((r.family, c, w), ()):
                        if j > i and j not in near:
                            o = records[j]
                            if any(s <= hi and e >= lo for s, e in windows(o)):
                                near.add(j)
        yield i, near


def place_undated(records: Sequence[EventRecord], max_days: int, max_km: float) -> list[EventRecord]:
    """Records where each undated one carries the date window of its best match among dated ones.

    An article that gives no date and has no publication day can still be told apart by what it says;
    a weekday or a day-and-month it names ("on Monday", "on 4 April") must fit the borrowed window.
    Comparing an undated record with every dated record of its family and country is linear in the
    dated records and runs only for the (few) undated ones.
    """
    out = list(records)
    cache: dict[str | None, str | None] = {}
    by_block: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.start is not None:
            for c in _countries(r, cache):
                by_block[(r.family, c)].append(i)
    per_doc: dict[str, tuple[float, int]] = {}
    for r in records:
        if not r.undated or r.start is not None:
            continue
        countries = _countries(r, cache)
        if NO_COUNTRY in countries:
            pool = {j for (f, _), js in by_block.items() if f == r.family for j in js}
        else:
            pool = {j for c in countries | {NO_COUNTRY} for j in by_block.get((r.family, c), ())}
        hint = date_hint(r.date_text)
        best: tuple[float, int] | None = None
        for j in sorted(pool, key=lambda j: _order_key(records[j])):
            o = records[j]
            if o.doc_id == r.doc_id or not hint_fits(hint, o.start, o.end or o.start):  # type: ignore[arg-type]
                continue
            s = match(dataclasses.replace(r, start=o.start, end=o.end), o, max_days, max_km)
            if s is not None and (best is None or s > best[0]):
                best = (s, j)
        if best is not None and (r.doc_id not in per_doc or best[0] > per_doc[r.doc_id][0]):
            per_doc[r.doc_id] = best
    # a report without a date tells of one time: all its undated events take its best match's date
    for i, r in enumerate(records):
        if r.undated and r.start is None and r.doc_id in per_doc:
            o = records[per_doc[r.doc_id][1]]
            out[i] = dataclasses.replace(r, start=o.start, end=o.end, borrowed_from=o.doc_id)
    return out


def _order_key(r: EventRecord) -> tuple[str, str, str]:
    return (r.start.isoformat() if r.start else "", r.doc_id, r.event_id)


def group_records(records: Sequence[EventRecord], max_days: int = 3, max_km: float = 50.0) -> list[list[int]]:
    """Index groups covering every record; each group's first index is its medoid.

    Undated records never pair here: run `place_undated` first to give them a borrowed date.
    """
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    reach = max_km / 111.0  # degrees of latitude: a cheap first cut before the full comparison
    for i, near in _neighbours(records, max_days):
        a = records[i]
        for j in near:
            b = records[j]
            if a.level == "point" == b.level and abs(a.lat - b.lat) > reach:  # type: ignore[operator]
                continue
            s = match(a, b, max_days, max_km)
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
                if _joins(records, adj, members, j, max_days, max_km):
                    members.append(j)
                    docs.add(records[j].doc_id)
            members += _also(records, adj, members, remaining, max_days, max_km)
            groups.append(members)
            remaining.difference_update(members)
            done.update(members)
    _rehome(records, adj, groups, max_days, max_km)
    for g in groups:
        _best_first(records, adj, g)
    groups.extend([i] for i in range(len(records)) if i not in done)
    return groups


def _best_first(records: Sequence[EventRecord], adj: dict[int, dict[int, float]], g: list[int]) -> None:
    """Within a group, put first (as its report's member) each report's event that agrees best with
    the other reports, so the incident shows a report's own telling of it rather than a side event.
    The medoid stays first."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for m in g:
        by_doc[records[m].doc_id].append(m)
    for doc, mine in by_doc.items():
        if len(mine) < 2 or g[0] in mine:
            continue
        others = [m for m in g if records[m].doc_id != doc]
        best = max(mine, key=lambda j: (sum(adj[j].get(m, 0.0) for m in others), -mine.index(j)))
        a, b = g.index(mine[0]), g.index(best)
        g[a], g[b] = g[b], g[a]


def _rehome(records: Sequence[EventRecord], adj: dict[int, dict[int, float]], groups: list[list[int]],
            max_days: int, max_km: float) -> None:  # fmt: skip
    """Move each further event to the group of its report that it fits best.

    The pass while grouping gives a further event to the first group of its report that it fits; a
    report telling two strikes of one day ("the coalition struck a prison in Saada; earlier a telecom
    building in Hodeidah") may have its unplaced sentence about the first taken by the second.
    """
    primary: list[dict[str, int]] = []
    where: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(groups):
        first: dict[str, int] = {}
        for m in g:
            first.setdefault(records[m].doc_id, m)
        primary.append(first)
        for doc in first:
            where[doc].append(gi)

    def fit(j: int, gi: int) -> float | None:
        doc = records[j].doc_id
        others = [m for d, m in primary[gi].items() if d != doc]
        own = primary[gi].get(doc)
        if own is None or own == j or not others or not any(m in adj[j] for m in others):
            return None
        if not _joins(records, adj, others, j, max_days, max_km):
            return None
        if not _consistent(records[j], records[own], max_days, max_km):
            return None
        return sum(adj[j].get(m, 0.0) for m in others)

    for gi, g in enumerate(groups):
        for j in [m for m in g if primary[gi].get(records[m].doc_id) != m]:
            here = fit(j, gi) or 0.0
            options = [
                (f, gk) for gk in where[records[j].doc_id] if gk != gi and (f := fit(j, gk)) is not None
            ]
            if options:
                f, gk = max(options)
                if f > here:
                    g.remove(j)
                    groups[gk].append(j)


def _joins(records: Sequence[EventRecord], adj: dict[int, dict[int, float]], members: list[int], j: int,
           max_days: int, max_km: float) -> bool:  # fmt: skip
    """Complete link against contradiction, majority link for evidence.

    The candidate (already matched with the medoid) must contradict no member (a place too far, a date
    too far apart, incompatible actors: the guard against chaining) and match at least half of them;
    a member it merely lacks evidence for (a report with no place and no named party) does not bar it.
    """
    matched = 0
    for m in members:
        if j in adj[m]:
            matched += 1
        elif not compare(records[j], records[m], max_days, max_km).soft:
            return False
    return 2 * matched >= len(members)


def _also(records: Sequence[EventRecord], adj: dict[int, dict[int, float]], members: list[int],
          remaining: set[int], max_days: int, max_km: float) -> list[int]:  # fmt: skip
    """Further events of member reports that tell the same incident (a report's "strike" and "bombing").

    The events stage keeps apart two mentions it cannot link, so one report may hold the incident twice.
    Such an event joins (listed under its report, not counted again) on the same terms as a report
    (`_joins`, over the other reports' members) and if it does not contradict its own report's member.
    """
    extra: list[int] = []
    docs = {records[m].doc_id for m in members}
    for j in sorted(remaining - set(members), key=lambda j: _order_key(records[j])):
        r = records[j]
        if r.doc_id not in docs or r.start is None:
            continue
        others = [m for m in members if records[m].doc_id != r.doc_id]
        own = [m for m in members if records[m].doc_id == r.doc_id]
        if (
            others
            and any(m in adj[j] for m in others)
            and _joins(records, adj, others, j, max_days, max_km)
            and all(_consistent(r, records[m], max_days, max_km) for m in own)
        ):
            extra.append(j)
    return extra


def _consistent(a: EventRecord, b: EventRecord, max_days: int, max_km: float) -> bool:
    gap = day_gap(a, b)
    return (a.family == b.family and gap is not None and gap <= max_days
            and places_compatible(a, b, max_km) is not False)  # fmt: skip


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
