"""The store: SQLite by default, any SQLAlchemy URL (postgresql://...) through the same code.

Each document is written in its own transaction, so a batch killed half-way keeps every document
committed before the kill, and re-running the batch skips them by id (sha256 of the text).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from lanner import settings
from lanner.errors import StoreFailure
from lanner.model import AnalyzedDocument
from lanner.store import schema as S


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or settings.get("db")
        if self.url.startswith("sqlite:///"):
            path = Path(self.url.removeprefix("sqlite:///"))
            if not path.parent.exists():
                raise StoreFailure(f"database folder {path.parent} does not exist")
        try:
            self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except SQLAlchemyError as e:
            raise StoreFailure(
                f"cannot open database {self.url}: {e.__class__.__name__}: {e.orig or e}"
            ) from e

    def _migrate(self) -> None:
        """Create the schema on first use, bring an older database up to date (`schema.MIGRATIONS`)
        and record its version; refuse a newer database."""
        fresh = not inspect(self.engine).has_table("events")
        S.metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            versions = [r[0] for r in conn.execute(select(S.schema_migrations.c.version))]
            current = max(versions, default=0)
            if current > S.SCHEMA_VERSION:
                raise StoreFailure(
                    f"database schema v{current} is newer than this Lanner (v{S.SCHEMA_VERSION}); upgrade"
                )
            if current < S.SCHEMA_VERSION:
                if not fresh:
                    for version in range(max(current, 1) + 1, S.SCHEMA_VERSION + 1):
                        for statement in S.MIGRATIONS.get(version, []):
                            conn.execute(text(statement))
                conn.execute(insert(S.schema_migrations), {"version": S.SCHEMA_VERSION, "applied_at": _now()})

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc_id)).first() is not None
            )

    def add(self, doc: AnalyzedDocument, origin: str | None = None) -> bool:
        """Store one analysed document atomically; False when it was already there."""
        from lanner.store.rows import rows_for

        try:
            with self.engine.begin() as conn:
                if conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc.document.id)).first():
                    return False
                meta = doc.document
                conn.execute(
                    insert(S.documents),
                    {
                        "id": meta.id,
                        "title": meta.title,
                        "url": meta.url,
                        "outlet": meta.outlet,
                        "published": meta.published,
                        "language": meta.language,
                        "chars": meta.chars,
                        "origin": origin,
                        "ingested_at": _now(),
                        "analysis": doc.model_dump_json(),
                    },
                )
                for table, rows in rows_for(doc):
                    if rows:
                        conn.execute(insert(table), rows)
            return True
        except SQLAlchemyError as e:
            raise StoreFailure(f"cannot write to {self.url}: {e.__class__.__name__}: {e.orig or e}") from e

    def record_error(self, origin: str | None, code: str, message: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(S.ingest_errors), {"origin": origin, "code": code, "message": message, "at": _now()}
            )

    def iter_documents(
        self, since: dt.date | None = None, outlet: str | None = None
    ) -> Iterator[AnalyzedDocument]:
        q = select(S.documents.c.analysis).order_by(S.documents.c.ingested_at, S.documents.c.id)
        if since:
            q = q.where(S.documents.c.published >= since)
        if outlet:
            q = q.where(S.documents.c.outlet == outlet)
        with self.engine.connect() as conn:
            for (analysis,) in conn.execute(q):
                yield AnalyzedDocument.model_validate(json.loads(analysis))

    def count(self, table_name: str) -> int:
        from sqlalchemy import func

        table = S.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
