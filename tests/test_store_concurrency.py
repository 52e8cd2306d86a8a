"""Several processes opening one new database at the same instant all succeed, and the schema is made
once; an old (v1) database is upgraded in place, its duplicate error rows merged."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time

from lanner.store import Store


def _open_and_record(urls: list[str], start: float, results) -> None:  # type: ignore[no-untyped-def]
    """Open each database at its own shared instant (one second apart), as every other process does."""
    for k, url in enumerate(urls):
        while time.time() < start + k:
            time.sleep(0.001)
        try:
            Store(url).record_error("same.txt", "E001", "same.txt: the text is empty")
            results.put((url, "ok"))
        except Exception as e:  # noqa: BLE001 - reported to the parent as the failure
            results.put((url, repr(e)))


def race(urls: list[str], processes: int = 4) -> dict[str, list[str]]:
    """`processes` processes, started once (imports are the slow part), each opening every URL at the
    same instant as the others; the outcomes per URL."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    start = time.time() + 5
    procs = [ctx.Process(target=_open_and_record, args=(urls, start, results)) for _ in range(processes)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
    outcomes: dict[str, list[str]] = {url: [] for url in urls}
    for _ in range(processes * len(urls)):
        url, outcome = results.get(timeout=5)
        outcomes[url].append(outcome)
    return outcomes


def test_new_sqlite_database_opened_by_four_processes_at_once(tmp_path):
    dbs = [tmp_path / f"new{trial}.db" for trial in range(3)]
    outcomes = race([f"sqlite:///{db}" for db in dbs])
    assert all(o == ["ok"] * 4 for o in outcomes.values()), outcomes
    for db in dbs:
        with sqlite3.connect(db) as conn:
            assert conn.execute("select count(*) from schema_migrations").fetchone() == (1,)
            assert conn.execute("select count(*) from ingest_errors").fetchone() == (1,)
            assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


def test_v1_database_is_upgraded_and_its_duplicate_errors_merged(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(
            """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at DATETIME NOT NULL);
            INSERT INTO schema_migrations VALUES (1, '2026-01-01 00:00:00');
            CREATE TABLE ingest_errors (id INTEGER PRIMARY KEY, origin TEXT, code VARCHAR(8),
                                        message TEXT, at DATETIME NOT NULL);
            INSERT INTO ingest_errors (origin, code, message, at) VALUES
                ('a.txt', 'E001', 'a.txt: empty', '2026-01-01'),
                ('a.txt', 'E001', 'a.txt: empty', '2026-01-02'),
                ('b.txt', 'E002', 'b.txt: binary', '2026-01-01');
            """
        )
    store = Store(f"sqlite:///{db}")
    store.record_error("a.txt", "E001", "a.txt: empty")
    with sqlite3.connect(db) as conn:
        assert conn.execute("select max(version) from schema_migrations").fetchone() == (3,)
        assert conn.execute("select origin from ingest_errors order by id").fetchall() == [
            ("a.txt",),
            ("b.txt",),
        ]
        assert conn.execute("select count(*) from documents").fetchone() == (0,)
