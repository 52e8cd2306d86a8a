"""What the pages show, computed from the store: events, facets, the timeline, the map, the network.

Why a cache keyed on the store: the network is built from every stored document (seconds over a few
thousand), so it is computed once per store change (`store_version`: document count and last ingest
time) and shared by every request; twenty analysts opening /network at once wait for one build. The
JSON answers are kept too (`kept`/`keep`, at most ANSWERS of them), so a burst of clients asking the same
page costs one query. The version itself is read at most once per VERSION_TTL seconds: a report stored
from another process shows up within that second.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import or_, select

from lanner.errors import MissingInput
from lanner.serve.actors import real_actor_graph
from lanner.store import Store
from lanner.store import schema as S
from lanner.store.query import (
    EventFilter,
    count_events,
    facet_counts,
    publication_span,
    query_events,
    store_version,
)

T = TypeVar("T")
VERSION_TTL = 1.0  # seconds
ANSWERS = 512  # JSON answers kept
EARLY_MARGIN = dt.timedelta(days=31)  # an article reports events up to a month before it was published
GEO_FIELDS = (
    "uid",
    "doc_id",
    "event_id",
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "geo_precision",
    "date_start",
    "date_end",
    "fatalities_min",
    "fatalities_max",
    "epistemic",
    "source",
    "source_kind",
    "outlet",
    "title",
    "url",
)


class Desk:
    """One per app: the store and the views' cache."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[str, tuple[tuple, Any]] = {}
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._answers: OrderedDict[tuple, Any] = OrderedDict()
        self._version: tuple[float, tuple] = (0.0, ())

    def version(self) -> tuple:
        now = time.monotonic()
        if now - self._version[0] > VERSION_TTL:
            self._version = (now, store_version(self.store))
        return self._version[1]

    def kept(self, key: tuple) -> Any:
        """The answer kept for `key` under the current store version, or None."""
        return self._answers.get((self.version(), *key))

    def keep(self, key: tuple, value: Any) -> None:
        self._answers[(self.version(), *key)] = value
        while len(self._answers) > ANSWERS:
            self._answers.popitem(last=False)

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """`build()` once per store version, however many requests ask at once."""
        version = self.version()
        hit = self._cache.get(name)
        if hit and hit[0] == version:
            return hit[1]
        with self._locks[name]:
            hit = self._cache.get(name)
            if hit and hit[0] == version:
                return hit[1]
            value = build()
            self._cache[name] = (version, value)
            return value

    def span(self) -> tuple[dt.date | None, dt.date | None]:
        """The plausible event dates: the corpus's publication span, opened a month earlier."""
        lo, hi = self.cached("span", lambda: publication_span(self.store))
        return (lo - EARLY_MARGIN if lo else None), hi

    def events(self, flt: EventFilter, limit: int, offset: int = 0) -> list[dict]:
        return query_events(self.store, filters=flt, limit=limit, offset=offset, newest_first=True)

    def count(self, flt: EventFilter) -> int:
        return count_events(self.store, flt)

    def facets(self, flt: EventFilter) -> dict[str, list[tuple[str, int]]]:
        return facet_counts(self.store, flt)

    def geojson(self, flt: EventFilter, limit: int) -> dict:
        feats = []
        for r in query_events(self.store, filters=flt, limit=limit, newest_first=True, located=True):
            if r.get("lat") is None or r.get("lon") is None:
                continue
            props = {k: _plain(r.get(k)) for k in GEO_FIELDS}
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                    "properties": props,
                }
            )
        return {"type": "FeatureCollection", "features": feats}

    def timeline(self, flt: EventFilter) -> dict:
        """Events per day (spans under 120 days) or per ISO week, by type, inside the plausible span."""
        lo, hi = self.span()
        rows = self._dated(flt, lo, hi)
        weekly = bool(lo and hi and (hi - lo).days > 120)
        bins: dict[dt.date, Counter[str]] = defaultdict(Counter)
        for day, typ in rows:
            start = day - dt.timedelta(days=day.weekday()) if weekly else day
            bins[start][typ or "OTHER"] += 1
        types = [t for t, _ in Counter(t or "OTHER" for _, t in rows).most_common()]
        return {
            "unit": "week" if weekly else "day",
            "span": [lo.isoformat() if lo else None, hi.isoformat() if hi else None],
            "types": types,
            "bins": [{"start": k.isoformat(), "counts": dict(v)} for k, v in sorted(bins.items())],
            "left_out": self.count(flt) - len(rows),
        }

    def _dated(self, flt: EventFilter, lo: dt.date | None, hi: dt.date | None) -> list[tuple[dt.date, str]]:
        e = S.events
        q = select(e.c.date_start, e.c.type).select_from(e.join(S.documents, S.documents.c.id == e.c.doc_id))
        clauses = [*flt.clauses(), e.c.date_start.is_not(None)]
        if lo and hi:
            clauses += [e.c.date_start >= lo, e.c.date_start <= hi]
        clauses.append(or_(e.c.background.is_(None), e.c.background == 0))  # history is not news of the day
        with self.store.engine.connect() as conn:
            return [(d, t) for d, t in conn.execute(q.where(*clauses))]

    def network(self) -> dict:
        return self.cached("network", lambda: real_actor_graph(self.store.iter_documents()))

    def incident(self, ident: str) -> dict:
        """An incident (a corroboration cluster) with every version of it; clusters once per store change."""
        from lanner.corroborate.incidents import find, incident_view, incidents

        found, docs = self.cached("incidents", lambda: incidents(self.store.iter_documents(), min_reports=1))
        return incident_view(find(found, ident), docs)

    def documents(self, limit: int, offset: int) -> list[dict]:
        d = S.documents
        q = (
            select(d.c.id, d.c.title, d.c.outlet, d.c.published, d.c.url, d.c.chars)
            .order_by(d.c.published.desc(), d.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def document(self, doc_id: str) -> dict:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(S.documents.c.analysis).where(S.documents.c.id == doc_id)).first()
        if row is None:
            raise MissingInput(f"no document with id {doc_id}")
        return json.loads(row[0])


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v
