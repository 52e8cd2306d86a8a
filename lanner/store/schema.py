"""Tables of the store. The full contract object is kept per document (`analysis`), and the parts
an analyst filters on are flattened into their own indexed tables.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2
# what each version adds to the one before, as statements run on an existing database (v2: the
# `background` flag on events, recalled history with no ACLED code)
MIGRATIONS: dict[int, list[str]] = {
    2: ["ALTER TABLE events ADD COLUMN background INTEGER DEFAULT 0"],
}
metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String(200), index=True),
    Column("published", Date, index=True),
    Column("language", String(8)),
    Column("chars", Integer, nullable=False),
    Column("origin", Text),
    Column("ingested_at", DateTime, nullable=False),
    Column("analysis", Text, nullable=False),
)


def _doc_fk() -> Column:
    return Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


events = Table(
    "events",
    metadata,
    Column("uid", String(80), primary_key=True),
    _doc_fk(),
    Column("event_id", String(16), nullable=False),
    Column("type", String(16), index=True),
    Column("mode", String(40)),
    Column("acled_event_type", String(60)),
    Column("acled_sub_event_type", String(60)),
    Column("cameo_root", String(2)),
    Column("actor1", String(200), index=True),
    Column("actor1_id", String(120)),
    Column("inter1", Integer),
    Column("actor2", String(200), index=True),
    Column("actor2_id", String(120)),
    Column("inter2", Integer),
    Column("assoc_actors", Text),
    Column("location", String(200)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("country", String(2), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("date_start", Date, index=True),
    Column("date_end", Date),
    Column("date_precision", String(8)),
    Column("date_text", Text),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("injured_min", Integer),
    Column("epistemic", String(16)),
    Column("background", Integer, default=0),
    Column("source", Text),
    Column("source_kind", String(16)),
    Column("confidence", Float),
    Column("trigger", Text),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("event_id", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_evidence_doc_event", "doc_id", "event_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("actor_id", String(120), index=True),
    Column("name", String(200), index=True),
    Column("type", String(60)),
    Column("country", String(3)),
    Column("in_kb", Integer),
    Column("mentions", Integer),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", String(200)),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("metonym", Integer),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("source", String(200), index=True),
    Column("source_id", String(120)),
    Column("type", String(16)),
    Column("target", String(200), index=True),
    Column("target_id", String(120)),
    Column("claimed_by", Text),
    Column("claim_kind", String(16)),
    Column("date", Date),
    Column("start", Integer),
    Column("end", Integer),
    Column("evidence", Text),
)

loaded_terms = Table(
    "loaded_terms",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
    Column("term", String(120)),
    Column("category", String(40)),
    Column("voice", String(10)),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text),
    Column("code", String(8)),
    Column("message", Text),
    Column("at", DateTime, nullable=False),
)
