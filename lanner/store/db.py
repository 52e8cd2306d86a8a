"""The store: SQLite by default, any SQLAlchemy URL (postgresql://...) through the same code.

Each batch of documents is written in one transaction (a document alone when the batch was refused),
so a run killed half-way keeps every batch committed before the kill, and re-running it skips those
documents by id (sha256 of the text).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event, insert, select
from sqlalchemy.dialects import postgresql as postgresql_dml
from sqlalchemy.dialects import sqlite as sqlite_dml
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from lanner import settings
from lanner.errors import StoreFailure
from lanner.model import AnalyzedDocument
from lanner.store import schema as S
from lanner.store.migrate import error_key, migrate


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    """Per-connection settings. Switching a new file to WAL needs a moment alone with it, and SQLite
    answers "database is locked" at once (not after its busy timeout) when several processes open a new
    file together, so the switch is retried for a few seconds."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    for attempt in range(100):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or attempt == 99:
                raise
            time.sleep(0.05 + 0.05 * random.random())
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
            # SQLite: wait up to 60 s for another process's write (a migration, a big document) to end
            args = {"timeout": 60} if self.url.startswith("sqlite") else {}
            self.engine: Engine = create_engine(self.url, connect_args=args)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except SQLAlchemyError as e:
            raise StoreFailure(
                f"cannot open database {self.url}: {e.__class__.__name__}: {e.orig or e}"
            ) from e

    def _migrate(self) -> None:
        """Create or upgrade the schema under a database lock (see `lanner.store.migrate`)."""
        migrate(self.engine)

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc_id)).first() is not None
            )

    def _document_row(self, doc: AnalyzedDocument, origin: str | None, at: dt.datetime) -> dict:
        meta = doc.document
        return {
            "id": meta.id,
            "title": meta.title,
            "url": meta.url,
            "outlet": meta.outlet,
            "published": meta.published,
            "language": meta.language,
            "chars": meta.chars,
            "origin": origin,
            "ingested_at": at,
            "analysis": doc.model_dump_json(),
        }

    def _insert(self, conn: Connection, docs: list[tuple[AnalyzedDocument, str | None]]) -> None:
        """The documents' rows, one executemany per table for all of them (a round trip per table, not
        per document and table, on PostgreSQL). Each document gets its own, later `ingested_at`, so
        documents stored together still list in input order."""
        from lanner.store.rows import rows_for

        rows: list[dict] = []
        at = _now()
        for doc, origin in docs:
            rows.append(self._document_row(doc, origin, at))
            at = max(_now(), at + dt.timedelta(microseconds=1))
        conn.execute(insert(S.documents), rows)
        per_table: dict[Table, list[dict]] = {}
        for doc, _ in docs:
            for table, table_rows in rows_for(doc):
                per_table.setdefault(table, []).extend(table_rows)
        for table, table_rows in per_table.items():
            if table_rows:
                conn.execute(insert(table), table_rows)

    def _failure(self, e: Exception) -> StoreFailure:
        if isinstance(e, SQLAlchemyError):
            orig = getattr(e, "orig", None)
            return StoreFailure(f"cannot write to {self.url}: {e.__class__.__name__}: {orig or e}")
        return StoreFailure(f"cannot serialise the document: {e}")  # pydantic's error is a ValueError

    def add(self, doc: AnalyzedDocument, origin: str | None = None) -> bool:
        """Store one analysed document atomically; False when it was already there."""
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc.document.id)).first():
                    return False
                self._insert(conn, [(doc, origin)])
            return True
        except IntegrityError as e:
            if self.has_document(doc.document.id):  # another process stored it between our check and insert
                return False
            raise self._failure(e) from e
        except (SQLAlchemyError, ValueError, UnicodeError) as e:
            raise self._failure(e) from e

    def add_many(self, docs: list[tuple[AnalyzedDocument, str | None]]) -> list[bool]:
        """Store a batch of documents in one transaction; for each, False when it was already there.

        All or nothing: on any failure nothing of the batch is stored and a StoreFailure is raised, and
        the caller stores the documents one by one (`add`) so that only a bad document fails. A run
        killed mid-batch loses that batch only, which the next run analyses again."""
        ids = [doc.document.id for doc, _ in docs]
        try:
            with self.engine.begin() as conn:
                have = set(conn.execute(select(S.documents.c.id).where(S.documents.c.id.in_(ids))).scalars())
                fresh: list[tuple[AnalyzedDocument, str | None]] = []
                added: list[bool] = []
                for doc_id, pair in zip(ids, docs, strict=True):
                    added.append(doc_id not in have)
                    if doc_id not in have:
                        have.add(doc_id)  # the same text twice in one batch is stored once
                        fresh.append(pair)
                if fresh:
                    self._insert(conn, fresh)
            return added
        except (SQLAlchemyError, ValueError, UnicodeError) as e:
            raise self._failure(e) from e

    def record_error(self, origin: str | None, code: str, message: str) -> None:
        """Record a refused document once: the same error met again (a rerun) adds no row."""
        row = {"key": error_key(origin, code, message), "origin": origin, "code": code}
        row |= {"message": message, "at": _now()}
        dialect = self.engine.dialect.name
        if dialect in ("sqlite", "postgresql"):
            module = sqlite_dml if dialect == "sqlite" else postgresql_dml
            stmt = module.insert(S.ingest_errors).on_conflict_do_nothing(index_elements=["key"])
        else:
            stmt = insert(S.ingest_errors)
        try:
            with self.engine.begin() as conn:
                conn.execute(stmt, row)
        except IntegrityError:
            pass  # the other dialects: the row is already there
        except SQLAlchemyError as e:
            raise StoreFailure(f"cannot write to {self.url}: {e.__class__.__name__}: {e.orig or e}") from e

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
