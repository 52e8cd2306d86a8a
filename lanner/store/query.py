"""Event queries over the flattened tables, shared by the CLI and the desk's API.

Every user value reaches SQL as a bound parameter; a free-text actor filter is a LIKE pattern whose
`%`, `_` and `\\` are escaped, so they match themselves and not "anything".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import ColumnElement, String, and_, func, or_, select, union_all

from lanner.store import schema as S
from lanner.store.db import Store

EVENT_COLUMNS = [
    "uid", "doc_id", "event_id", "type", "mode", "acled_event_type", "acled_sub_event_type", "cameo_root",
    "actor1", "actor1_id", "inter1", "actor2", "actor2_id", "inter2", "assoc_actors", "location", "admin1",
    "admin2", "country", "lat", "lon", "geo_precision", "date_start", "date_end", "date_precision",
    "date_text", "fatalities_min", "fatalities_max", "injured_min", "epistemic", "background", "source",
    "source_kind", "confidence", "trigger",
]  # fmt: skip


def like_escape(value: str) -> str:
    """`value` as a literal inside a LIKE pattern (escape character: backslash)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class EventFilter:
    """What the analyst filtered on; list fields match any of their values (a facet's ticked boxes)."""

    type: tuple[str, ...] = ()
    acled: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    epistemic: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def without(self, name: str) -> EventFilter:
        return replace(self, **{name: () if isinstance(getattr(self, name), tuple) else None})

    def as_params(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, tuple) and v:
                out[f.name] = list(v)
            elif isinstance(v, dt.date):
                out[f.name] = [v.isoformat()]
        return out

    def clauses(self) -> list[ColumnElement[bool]]:
        e, d = S.events, S.documents
        out: list[ColumnElement[bool]] = []
        if self.type:
            out.append(e.c.type.in_([t.upper() for t in self.type]))
        if self.acled:
            out.append(e.c.acled_event_type.in_(self.acled))
        for actor in self.actor:  # several actors: events involving all of them
            pat = f"%{like_escape(actor)}%"
            out.append(
                or_(
                    e.c.actor1.ilike(pat, escape="\\"),
                    e.c.actor2.ilike(pat, escape="\\"),
                    e.c.actor1_id == actor,
                    e.c.actor2_id == actor,
                )
            )
        if self.country:
            out.append(e.c.country.in_([c.upper() for c in self.country]))
        if self.province:
            out.append(e.c.admin1.in_(self.province))
        if self.outlet:
            out.append(d.c.outlet.in_(self.outlet))
        if self.epistemic:
            out.append(e.c.epistemic.in_(self.epistemic))
        if self.since:
            out.append(or_(e.c.date_end >= self.since, e.c.date_start >= self.since))
        if self.until:
            out.append(e.c.date_start <= self.until)
        return out


def _base(cols: Sequence[ColumnElement], flt: EventFilter):  # type: ignore[no-untyped-def]
    e, d = S.events, S.documents
    q = select(*cols).select_from(e.join(d, d.c.id == e.c.doc_id))
    clauses = flt.clauses()
    return q.where(and_(*clauses)) if clauses else q


def query_events(
    store: Store,
    actor: str | None = None,
    type: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    *,
    filters: EventFilter | None = None,
    offset: int = 0,
    newest_first: bool = False,
    located: bool = False,
) -> list[dict]:
    """Events with their document's outlet, title and url; dates filter on the event's date range."""
    flt = filters or EventFilter(
        type=(type,) if type else (),
        actor=(actor,) if actor else (),
        country=(country,) if country else (),
        since=since,
        until=until,
    )
    e, d = S.events, S.documents
    order = e.c.date_start.desc() if newest_first else e.c.date_start
    q = _base([*(e.c[name] for name in EVENT_COLUMNS), d.c.outlet, d.c.title, d.c.url, d.c.published], flt)
    if located:
        q = q.where(e.c.lat.is_not(None), e.c.lon.is_not(None))
    q = q.order_by(e.c.date_start.is_(None), order, e.c.uid)
    if limit:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def count_events(store: Store, filters: EventFilter) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(_base([func.count()], filters)).scalar_one())


FACETS = {  # facet name → column it counts
    "type": S.events.c.type,
    "acled": S.events.c.acled_event_type,
    "country": S.events.c.country,
    "province": S.events.c.admin1,
    "outlet": S.documents.c.outlet,
    "epistemic": S.events.c.epistemic,
}


def facet_counts(store: Store, filters: EventFilter, top: int = 25) -> dict[str, list[tuple[str, int]]]:
    """For each facet, its most frequent values and their counts under every *other* filter."""
    out: dict[str, list[tuple[str, int]]] = {}
    e = S.events
    with store.engine.connect() as conn:
        for name, col in FACETS.items():
            q = _base([col.label("v"), func.count().label("n")], filters.without(name)).where(
                col.is_not(None)
            )
            q = q.group_by(col).order_by(func.count().desc(), col).limit(top)
            out[name] = [(str(v), int(n)) for v, n in conn.execute(q)]
        flt = filters.without("actor")
        sides = union_all(
            _base([e.c.actor1.label("v"), e.c.uid], flt).where(e.c.actor1.is_not(None)),
            _base([e.c.actor2.label("v"), e.c.uid], flt).where(e.c.actor2.is_not(None)),
        ).subquery()
        q = (
            select(sides.c.v, func.count(func.distinct(sides.c.uid)).label("n"))
            .group_by(sides.c.v)
            .order_by(func.count(func.distinct(sides.c.uid)).desc(), sides.c.v)
            .limit(top)
        )
        out["actor"] = [(str(v), int(n)) for v, n in conn.execute(q)]
        years = func.substr(func.cast(e.c.date_start, String), 1, 4)
        q = (
            _base([years.label("v"), func.count().label("n")], filters.without("since").without("until"))
            .where(e.c.date_start.is_not(None))
            .group_by(years)
            .order_by(years)
        )
        out["year"] = [(str(v), int(n)) for v, n in conn.execute(q)]
    return out


def publication_span(store: Store) -> tuple[dt.date | None, dt.date | None]:
    """First and last publication date in the store: the span an event's date is plausible in."""
    d = S.documents
    with store.engine.connect() as conn:
        lo, hi = conn.execute(select(func.min(d.c.published), func.max(d.c.published))).one()
    return lo, hi


def store_version(store: Store) -> tuple:
    """Changes whenever a document is added or removed: the key of every cached view."""
    d = S.documents
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count(d.c.id), func.max(d.c.ingested_at))).one())
