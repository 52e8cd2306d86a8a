"""Event queries over the flattened tables, shared by the CLI and any future API."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

from lanner.store import schema as S
from lanner.store.db import Store

EVENT_COLUMNS = [
    "uid",
    "doc_id",
    "event_id",
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo_root",
    "actor1",
    "actor1_id",
    "inter1",
    "actor2",
    "actor2_id",
    "inter2",
    "assoc_actors",
    "location",
    "admin1",
    "admin2",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "fatalities_min",
    "fatalities_max",
    "injured_min",
    "epistemic",
    "background",
    "source",
    "source_kind",
    "confidence",
    "trigger",
]


def query_events(
    store: Store,
    actor: str | None = None,
    type: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Events with their document's outlet, title and url; dates filter on the event's date range."""
    e, d = S.events, S.documents
    q = (
        select(*(e.c[name] for name in EVENT_COLUMNS), d.c.outlet, d.c.title, d.c.url, d.c.published)
        .join(d, d.c.id == e.c.doc_id)
        .order_by(e.c.date_start.is_(None), e.c.date_start, e.c.uid)
    )
    if actor:
        pat = f"%{actor}%"
        q = q.where(
            or_(e.c.actor1.ilike(pat), e.c.actor2.ilike(pat), e.c.actor1_id == actor, e.c.actor2_id == actor)
        )
    if type:
        q = q.where(e.c.type == type.upper())
    if country:
        q = q.where(e.c.country == country.upper())
    if since:
        q = q.where(or_(e.c.date_end >= since, e.c.date_start >= since))
    if until:
        q = q.where(e.c.date_start <= until)
    if limit:
        q = q.limit(limit)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
