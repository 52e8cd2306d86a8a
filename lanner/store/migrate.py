"""Create or upgrade the schema, once, even when many processes open a new database at the same moment.

Why a lock: `metadata.create_all` checks for each table and then creates it, in separate steps, so two
processes starting together both see "no table" and the second dies on "table already exists". Here the
whole check-create-upgrade-record sequence is one transaction that holds a database-wide lock: on SQLite
`BEGIN IMMEDIATE` (the write lock, taken before the first read), on PostgreSQL a transaction-scoped
advisory lock (DDL is transactional there). Whoever comes second waits, then finds the schema current.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import Connection, Engine, insert, inspect, select, text

from lanner.errors import StoreFailure
from lanner.store import schema as S

# pg_advisory_xact_lock key: any constant; this one is "lanner" read as ASCII.
_PG_LOCK_KEY = 0x6C616E6E6572


def error_key(origin: str | None, code: str, message: str) -> str:
    return hashlib.sha256(f"{origin or ''}\x00{code}\x00{message}".encode("utf-8", "replace")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _v1_to_v2(conn: Connection) -> None:
    """Drop the VARCHAR(n) limits (PostgreSQL only: SQLite never enforced them) and give every
    recorded error its key, keeping the first of each set of duplicates."""
    if conn.dialect.name == "postgresql":
        for table in S.metadata.sorted_tables:
            for col in table.columns:
                if col.type.__class__.__name__ == "Text":
                    conn.execute(text(f'ALTER TABLE "{table.name}" ALTER COLUMN "{col.name}" TYPE TEXT'))
    if not conn.dialect.has_table(conn, "ingest_errors"):
        return  # created whole by create_all below
    if "key" not in {c["name"] for c in inspect(conn).get_columns("ingest_errors")}:
        conn.execute(text("ALTER TABLE ingest_errors ADD COLUMN key VARCHAR(64)"))
    t = S.ingest_errors
    seen: set[str] = set()
    for row in conn.execute(select(t.c.id, t.c.origin, t.c.code, t.c.message).order_by(t.c.id)).all():
        key = error_key(row.origin, row.code or "", row.message or "")
        if key in seen:
            conn.execute(t.delete().where(t.c.id == row.id))
        else:
            seen.add(key)
            conn.execute(t.update().where(t.c.id == row.id).values(key=key))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS ix_ingest_errors_key ON ingest_errors (key)"))


def _v2_to_v3(conn: Connection) -> None:
    """Add the events' `background` flag; rows stored before it are current events (0)."""
    if not conn.dialect.has_table(conn, "events"):
        return  # created whole by create_all below
    if "background" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN background INTEGER DEFAULT 0"))


def migrate(engine: Engine) -> None:
    """Bring the database to `S.SCHEMA_VERSION` under a lock; refuse a newer one."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        had_versions = conn.dialect.has_table(conn, "schema_migrations")
        versions = [r[0] for r in conn.execute(select(S.schema_migrations.c.version))] if had_versions else []
        current = max(versions, default=0)
        if current > S.SCHEMA_VERSION:
            raise StoreFailure(
                f"database schema v{current} is newer than this Lanner (v{S.SCHEMA_VERSION}); upgrade"
            )
        if current == 1:
            _v1_to_v2(conn)
        if current in (1, 2):
            _v2_to_v3(conn)
        S.metadata.create_all(conn)
        if current < S.SCHEMA_VERSION:
            conn.execute(insert(S.schema_migrations), {"version": S.SCHEMA_VERSION, "applied_at": _now()})
        conn.commit()
