"""An older store is brought up to date in place: a v1 database gains the events' `background` column."""

from __future__ import annotations

import sqlite3

import lanner
from lanner.store import Store
from lanner.store import schema as S


def test_a_v1_database_gains_the_background_column(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # the v1 events table, as v1 created it (without `background`)
        conn.execute("create table schema_migrations (version integer primary key, applied_at timestamp)")
        conn.execute("insert into schema_migrations values (1, '2026-01-01 00:00:00')")
        cols = ", ".join(f'"{c.name}"' for c in S.events.columns if c.name != "background")
        conn.execute(f"create table events ({cols})")
    store = Store(f"sqlite:///{path}")
    doc = lanner.analyze(
        "Russian jets bombed a hospital in Aleppo in 2016. Turkish drones struck Kobani on Monday.",
        published="2022-11-22",
    )
    store.add(doc)
    with sqlite3.connect(path) as conn:
        version = conn.execute("select max(version) from schema_migrations").fetchone()[0]
        flags = dict(conn.execute("select trigger, background from events").fetchall())
    assert version == S.SCHEMA_VERSION == 3
    assert flags == {e.trigger.text: int(e.background) for e in doc.events}
    assert 1 in flags.values() and 0 in flags.values()
