"""`lanner ingest --workers N`: the same analysis on Dask worker processes stores the same data, in order,
and still reports and skips a bad document."""

from __future__ import annotations

import pytest

from lanner.ingest import iter_inputs
from lanner.store import Store, engine
from lanner.store.ingest import ingest
from tests.conftest import REPO


def _inputs(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    return [str(REPO / "examples"), str(bad)]


def _stored(store: Store) -> list[tuple[str, int, list[str]]]:
    return sorted(
        (d.document.id, len(d.events), sorted(e.acled_sub_event_type or "" for e in d.events))
        for d in store.iter_documents()
    )


def test_dask_workers_store_what_one_process_stores(tmp_path, monkeypatch):
    pytest.importorskip("dask")
    monkeypatch.setenv("LANNER_BATCH_SIZE", "2")  # several batches, so several run at once
    one = Store(f"sqlite:///{tmp_path / 'one.db'}")
    two = Store(f"sqlite:///{tmp_path / 'two.db'}")
    r1 = ingest(iter_inputs(_inputs(tmp_path)), one)
    r2 = ingest(iter_inputs(_inputs(tmp_path)), two, workers=2)
    assert r2.stored == r1.stored == 7 and r2.events == r1.events > 0
    assert [o for o, _ in r2.errors] == [o for o, _ in r1.errors] and len(r2.errors) == 1
    assert "E001" in r2.errors[0][1]
    assert _stored(two) == _stored(one)
    # resumable: a second run over the same inputs stores nothing new
    again = ingest(iter_inputs(_inputs(tmp_path)), two, workers=2)
    assert again.stored == 0 and again.duplicates == 7
    assert engine._pool.cache_info().currsize == 1  # the worker pool was used (and reused)


def test_without_workers_no_pool_is_started():
    assert engine.run_batches(len, [[1, 2], [3]], workers=1) == [2, 1]
