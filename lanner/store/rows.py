"""Flatten one AnalyzedDocument into rows of the filterable tables."""

from __future__ import annotations

import json

from sqlalchemy import Table

from lanner.model import AnalyzedDocument
from lanner.store import schema as S


def rows_for(doc: AnalyzedDocument) -> list[tuple[Table, list[dict]]]:
    did = doc.document.id
    ev_rows, ev_spans = [], []
    for ev in doc.events:
        loc = ev.location
        ev_rows.append(
            {
                "uid": f"{did[:16]}:{ev.id}",
                "doc_id": did,
                "event_id": ev.id,
                "type": ev.type,
                "mode": ev.mode,
                "acled_event_type": ev.acled_event_type,
                "acled_sub_event_type": ev.acled_sub_event_type,
                "cameo_root": ev.cameo_root,
                "actor1": ev.actor1.name if ev.actor1 else None,
                "actor1_id": ev.actor1.kb_id if ev.actor1 else None,
                "inter1": ev.actor1.acled_inter if ev.actor1 else None,
                "actor2": ev.actor2.name if ev.actor2 else None,
                "actor2_id": ev.actor2.kb_id if ev.actor2 else None,
                "inter2": ev.actor2.acled_inter if ev.actor2 else None,
                "assoc_actors": json.dumps([a.name for a in ev.assoc_actors]) if ev.assoc_actors else None,
                "location": loc.name if loc else None,
                "admin1": loc.admin1 if loc else None,
                "admin2": loc.admin2 if loc else None,
                "country": loc.country if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "geo_precision": loc.precision if loc else None,
                "date_start": ev.date.start,
                "date_end": ev.date.end,
                "date_precision": ev.date.precision,
                "date_text": ev.date.text,
                "fatalities_min": ev.fatalities.min if ev.fatalities else None,
                "fatalities_max": ev.fatalities.max if ev.fatalities else None,
                "injured_min": ev.injured.min if ev.injured else None,
                "epistemic": ev.epistemic,
                "background": int(ev.background),
                "source": ev.attribution.source,
                "source_kind": ev.attribution.kind,
                "confidence": ev.confidence,
                "trigger": ev.trigger.text,
            }
        )
        for sp in ev.evidence or [ev.trigger]:
            ev_spans.append(
                {"doc_id": did, "event_id": ev.id, "start": sp.start, "end": sp.end, "text": sp.text}
            )
    actor_rows = [
        {
            "doc_id": did,
            "actor_id": a.id,
            "name": a.name,
            "type": a.type,
            "country": a.country,
            "in_kb": int(a.in_kb),
            "mentions": len(a.mentions),
        }
        for a in doc.actors
    ]
    place_rows = []
    for p in doc.places:
        r = p.resolution
        place_rows.append(
            {
                "doc_id": did,
                "start": p.mention.start,
                "end": p.mention.end,
                "text": p.mention.text,
                "name": r.name if r else None,
                "geonameid": r.geonameid if r else None,
                "lat": r.lat if r else None,
                "lon": r.lon if r else None,
                "country": r.country if r else None,
                "metonym": int(p.metonym),
            }
        )
    rel_rows = [
        {
            "doc_id": did,
            "source": r.source,
            "source_id": r.source_id,
            "type": r.type,
            "target": r.target,
            "target_id": r.target_id,
            "claimed_by": r.claimed_by,
            "claim_kind": r.claim_kind,
            "date": r.date,
            "start": r.evidence.start,
            "end": r.evidence.end,
            "evidence": r.evidence.text,
        }
        for r in doc.relations
    ]
    term_rows = [
        {
            "doc_id": did,
            "start": t.span.start,
            "end": t.span.end,
            "text": t.span.text,
            "term": t.term,
            "category": t.category,
            "voice": t.voice,
        }
        for t in doc.framing.loaded_terms
    ]
    return [
        (S.events, ev_rows),
        (S.evidence, ev_spans),
        (S.actors, actor_rows),
        (S.places, place_rows),
        (S.relations, rel_rows),
        (S.loaded_terms, term_rows),
    ]
