"""`lanner ingest` on a Dask cluster: the same analysis on worker processes stores the same data, in
input order, reports and skips a bad document, and loses or duplicates nothing when a worker is killed
mid-run."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3

import pytest

from lanner.errors import BadOption
from lanner.ingest import iter_inputs
from lanner.model import RawDocument
from lanner.store import Store, engine
from lanner.store.ingest import ingest
from tests.conftest import REPO

PLACES = ["Ariha", "Saraqib", "Maarat al-Numan", "Jisr al-Shughur", "Kafr Nabl", "Darayya"]


def _inputs(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    return [str(REPO / "examples"), str(bad)]


def _stored(store: Store) -> list[tuple[str, int, list[str]]]:
    return sorted(
        (d.document.id, len(d.events), sorted(e.acled_sub_event_type or "" for e in d.events))
        for d in store.iter_documents()
    )


def test_local_workers_store_what_one_process_stores(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("LANNER_BATCH_SIZE", "2")  # several batches, so several run at once
    one = Store(f"sqlite:///{tmp_path / 'one.db'}")
    two = Store(f"sqlite:///{tmp_path / 'two.db'}")
    r1 = ingest(iter_inputs(_inputs(tmp_path)), one)
    r2 = ingest(iter_inputs(_inputs(tmp_path)), two, workers=2)
    assert r2.stored == r1.stored == 7 and r2.events == r1.events > 0
    assert [o for o, _ in r2.errors] == [o for o, _ in r1.errors] and len(r2.errors) == 1
    assert "E001" in r2.errors[0][1]
    assert _stored(two) == _stored(one)
    # in input order, like the one-process run
    assert [d.document.id for d in two.iter_documents()] == [d.document.id for d in one.iter_documents()]
    # resumable: a second run over the same inputs stores nothing new
    again = ingest(iter_inputs(_inputs(tmp_path)), two, scheduler="local:1")
    assert again.stored == 0 and again.duplicates == 7


def _report(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f"Government forces shelled the town of {place} on Monday, killing {i + 2} civilians, residents "
        f"said. The Syrian Observatory for Human Rights said {i + 3} people were wounded in report {i}. "
        "Rebel fighters later attacked an army checkpoint near the town, and clashes went on for hours. "
        f"A local council official said {i + 1} houses were destroyed and hundreds of families fled "
        "towards the Turkish border. Russian warplanes struck villages to the south the next day."
    )


def test_killed_worker_loses_and_duplicates_nothing(tmp_path, monkeypatch):
    """A LocalCluster of two worker processes (one thread each), reached by its tcp:// address as a
    remote cluster would be; once the window of batches is out, the worker running one is SIGKILLed.
    The scheduler gives its batch to the other worker (or to the restarted one): every document is
    stored once, in input order."""
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("LANNER_BATCH_SIZE", "2")
    texts = [_report(i) for i in range(24)]
    killed: list[tuple[int, int]] = []  # (pid, tasks it held)

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):

        def items():
            for i, text in enumerate(texts):
                if i == 10 and not killed:  # batches 1-4 went out, batch 1 came back: 2-4 are in flight
                    pids = client.run(os.getpid)
                    busy = {w: keys for w, keys in client.processing().items() if keys}
                    victim = next(iter(busy), next(iter(pids)))
                    os.kill(pids[victim], signal.SIGKILL)
                    killed.append((pids[victim], len(busy.get(victim, ()))))
                yield RawDocument(text=text, origin=f"report-{i}")

        store = Store(f"sqlite:///{tmp_path / 'dist.db'}")
        report = ingest(items(), store, scheduler=cluster.scheduler_address)

    assert killed and killed[0][1] >= 1, "the killed worker held a batch"
    assert report.errors == [] and report.stored == len(texts) and report.duplicates == 0
    with sqlite3.connect(tmp_path / "dist.db") as conn:
        rows = conn.execute("select id, origin from documents order by ingested_at").fetchall()
    assert [origin for _, origin in rows] == [f"report-{i}" for i in range(len(texts))]
    assert [doc_id for doc_id, _ in rows] == [hashlib.sha256(t.encode()).hexdigest() for t in texts]


def test_scheduler_options():
    assert engine.scheduler_spec(None, 1) is None
    assert engine.scheduler_spec(None, 3) == "local:3"
    assert engine.scheduler_spec("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    for bad in ("local:0", "local:x", "10.0.0.5:8786"):
        with pytest.raises(BadOption):
            engine.scheduler_spec(bad)
    with pytest.raises(BadOption):
        engine.scheduler_spec("local:2", workers=2)


def test_in_process_map_keeps_order():
    assert list(engine.map_in_order(len, iter([[1, 2], [3], []]))) == [2, 1, 0]


def test_cli_refuses_a_bad_scheduler_before_reading(tmp_path, capsys):
    from tests.cli_runner import run_cli

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    base = ("ingest", str(REPO / "examples"), "--db", db)
    r = run_cli(capsys, *base, "--scheduler", "10.0.0.5:8786")
    assert r.code != 0 and "tcp://HOST:PORT" in r.err
    r = run_cli(capsys, *base, "--scheduler", "local:2", "--workers", "2")
    assert r.code != 0 and "alternatives" in r.err
    assert Store(db).count("documents") == 0
