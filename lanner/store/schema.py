"""Tables of the store. The full contract object is kept per document (`analysis`), and the parts
an analyst filters on are flattened into their own indexed tables.

No column has a length limit except the 64-character document id: SQLite never enforces VARCHAR(n),
PostgreSQL does, and a limit only one backend enforces is a document stored on one and lost on the other.
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

# v2: no length limits but the 64-character document id (PostgreSQL enforced them, SQLite never did);
# ingest_errors.key makes recording an error idempotent.
# v3: the `background` flag on events (recalled history, no ACLED code).
SCHEMA_VERSION = 3
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
    Column("outlet", Text, index=True),
    Column("published", Date, index=True),
    Column("language", Text),
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
    Column("uid", Text, primary_key=True),
    _doc_fk(),
    Column("event_id", Text, nullable=False),
    Column("type", Text, index=True),
    Column("mode", Text),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("cameo_root", Text),
    Column("actor1", Text, index=True),
    Column("actor1_id", Text),
    Column("inter1", Integer),
    Column("actor2", Text, index=True),
    Column("actor2_id", Text),
    Column("inter2", Integer),
    Column("assoc_actors", Text),
    Column("location", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("country", Text, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("date_start", Date, index=True),
    Column("date_end", Date),
    Column("date_precision", Text),
    Column("date_text", Text),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("injured_min", Integer),
    Column("epistemic", Text),
    Column("background", Integer, default=0),
    Column("source", Text),
    Column("source_kind", Text),
    Column("confidence", Float),
    Column("trigger", Text),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("event_id", Text, nullable=False),
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
    Column("actor_id", Text, index=True),
    Column("name", Text, index=True),
    Column("type", Text),
    Column("country", Text),
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
    Column("name", Text),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", Text),
    Column("metonym", Integer),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("source", Text, index=True),
    Column("source_id", Text),
    Column("type", Text),
    Column("target", Text, index=True),
    Column("target_id", Text),
    Column("claimed_by", Text),
    Column("claim_kind", Text),
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
    Column("term", Text),
    Column("category", Text),
    Column("voice", Text),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), unique=True),  # sha256 of origin, code and message: one row per error
    Column("origin", Text),
    Column("code", Text),
    Column("message", Text),
    Column("at", DateTime, nullable=False),
)
