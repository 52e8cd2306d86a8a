"""`lanner corroborate --explain ID`: why each pair in a cluster merged, and why near reports did not."""

from __future__ import annotations

from collections.abc import Iterable

from lanner.corroborate.clusters import Cluster, cluster_events, records_from
from lanner.corroborate.linkage import place_undated
from lanner.corroborate.match import EventRecord, compare, day_gap
from lanner.model import AnalyzedDocument

NEAR_DAYS = 7  # reports within a week of a member are shown with the reason they stayed out


def explain(docs: Iterable[AnalyzedDocument], ident: str, max_days: int = 3, max_km: float = 50.0) -> str:
    from lanner.corroborate.incidents import find

    docs = list(docs)
    outlet = {d.document.id: d.document.outlet or "?" for d in docs}
    c: Cluster = find(cluster_events(docs, max_days, max_km), ident)
    records = place_undated(records_from(docs), max_days, max_km)
    by_key = {(r.doc_id, r.event_id): r for r in records}
    members = [by_key[(m.doc_id, m.event_id)] for m in c.members if (m.doc_id, m.event_id) in by_key]

    def name(r: EventRecord) -> str:
        borrowed = f", date borrowed from {outlet.get(r.borrowed_from, '?')}" if r.borrowed_from else ""
        return f"{outlet[r.doc_id]} {r.event_id} ({r.type}/{r.mode or '-'}, {r.place or r.level}{borrowed})"

    lines = [f"cluster {c.id}: {c.type}, {c.reports} reports, {c.independent_sources} independent sources"]
    lines.append("merged pairs:")
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            v = compare(a, b, max_days, max_km)
            lines.append(f"  {name(a)} + {name(b)}: {'; '.join(v.reasons)}")
    inside = {m.doc_id for m in c.members}
    lines.append("kept apart (reports of the same type family within a week):")
    for r in records:
        if r.doc_id in inside or all(r.family != m.family for m in members):
            continue
        gaps = [day_gap(r, m) for m in members]
        unplaced_in_time = r.start is None and r.undated and c.location.country in r.doc_countries
        if all(g is None or g > NEAR_DAYS for g in gaps) and not unplaced_in_time:
            continue
        fails = [(m, compare(r, m, max_days, max_km)) for m in members]
        bad = [(m, v) for m, v in fails if v.score is None]
        why = "; ".join(f"vs {outlet[m.doc_id]}: {v.reasons[-1]}" for m, v in bad) or "matched every member, "
        lines.append(f"  {name(r)}: {why if bad else why + 'but joined another cluster or was outscored'}")
    return "\n".join(lines)
