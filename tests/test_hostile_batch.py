"""A hostile batch, killed three times and resumed, ends exactly where an uninterrupted run ends.

300 FA-KES articles (read in place from the shared data) with hostile documents of every kind in
issue 16 mixed in (`tests/hostile_batch.py` builds it). A real `lanner ingest` is SIGKILLed three
times at random points (once anywhere in start-up, twice after it has stored something more) and then
run to the end, on SQLite and on the embedded PostgreSQL. Every table must then equal, row for row, the
tables of one uninterrupted run; every good text is stored once, under its first occurrence in input
order; every bad document is recorded once, with its code.

What is computed once, to stay within a few minutes on 2 cores: the batch is built once; the
uninterrupted reference is one SQLite run, and the killed PostgreSQL store must equal it too (typed
values read through the schema, so the two dialects compare); the reference run and the two killed
chains run at the same time, each in its own processes.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from lanner.store import schema as S
from tests.hostile_batch import FAKES, Batch, build_batch

EXE = Path(sys.executable).with_name("lanner")
ENV = {**os.environ, "LANNER_BATCH_SIZE": "8"}
N_ARTICLES = 300
# Columns left out of the comparison: autoincrement ids and wall-clock times.
SKIP = {"ingested_at", "at"}
TABLES = ["documents", "events", "evidence", "actors", "places", "relations", "loaded_terms", "ingest_errors"]

pytestmark = pytest.mark.skipif(not FAKES.exists(), reason="FA-KES not present")


def _ingest(folder: Path, url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(EXE), "ingest", str(folder), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("select count(*) from documents")).scalar() or 0)
    except Exception:  # noqa: BLE001 - not created yet, or locked for a moment
        return -1
    finally:
        engine.dispose()


def tables(url: str) -> dict[str, list[tuple]]:
    """Every compared table as sorted rows of typed values (dates as dates on both dialects)."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as conn:
        for name in TABLES:
            table = S.metadata.tables[name]
            cols = [
                c for c in table.c if c.name not in SKIP and not (c.name == "id" and c.autoincrement is True)
            ]
            out[name] = sorted((tuple(r) for r in conn.execute(select(*cols))), key=repr)
        out["schema_migrations"] = [tuple(conn.execute(text("select count(*) from schema_migrations")))]
    engine.dispose()
    return out


def explain(name: str, want: list[tuple], got: list[tuple]) -> str:
    """Which rows differ, and for a document present on both sides, which columns (and where in the
    analysis JSON): enough to tell a timing bug from a non-deterministic stage."""
    missing = list((Counter(want) - Counter(got)).elements())
    extra = list((Counter(got) - Counter(want)).elements())
    lines = [f"{name}: {len(missing)} rows missing, {len(extra)} extra"]
    if name == "documents":
        cols = [c.name for c in S.documents.c if c.name not in SKIP]
        by_id = {r[0]: r for r in extra}
        for w in missing[:3]:
            g = by_id.get(w[0])
            if g is None:
                lines.append(f"  missing {w[0][:12]} ({w[cols.index('origin')]})")
                continue
            for col, a, b in zip(cols, w, g, strict=True):
                if a != b:
                    at = next((i for i, (x, y) in enumerate(zip(str(a), str(b), strict=False)) if x != y), 0)
                    lines.append(f"  {w[0][:12]}.{col}: want …{str(a)[max(0, at - 80) : at + 80]!r}")
                    lines.append(f"  {' ' * 12} {col}: got  …{str(b)[max(0, at - 80) : at + 80]!r}")
    else:
        lines += [f"  missing {r!r:.300}" for r in missing[:3]] + [f"  extra {r!r:.300}" for r in extra[:3]]
    return "\n".join(lines)


@dataclass
class Run:
    url: str
    stderr: str
    code: int


def uninterrupted(folder: Path, url: str) -> Run:
    proc = _ingest(folder, url)
    _, err = proc.communicate(timeout=900)
    return Run(url, err, proc.returncode)


def killed_three_times(folder: Path, url: str, seed: int) -> Run:
    """SIGKILL at a random instant of start-up (imports, schema creation, first batch), then twice at a
    random instant after the run has stored one more document; then a run to the end."""
    rng = random.Random(seed)
    for kill in range(3):
        before = max(_count(url), 0)
        proc = _ingest(folder, url)
        if kill == 0:
            time.sleep(rng.uniform(1.0, 8.0))
        else:
            deadline = time.time() + 300
            while time.time() < deadline and proc.poll() is None and _count(url) <= before:
                time.sleep(0.1)
            time.sleep(rng.uniform(0, 2.0))
        assert proc.poll() is None, "the run ended before it could be killed; use more articles"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()  # type: ignore[union-attr]
    return uninterrupted(folder, url)


@pytest.fixture(scope="module")
def hostile(request, tmp_path_factory) -> tuple[Batch, Run, dict[str, Run]]:
    """The batch, its uninterrupted SQLite run, and the killed-and-resumed run on each database, all
    three run at once."""
    from tests.conftest import new_pg_database

    root = tmp_path_factory.mktemp("hostile")
    batch = build_batch(root / "batch", N_ARTICLES)
    try:
        pg_url = new_pg_database(request.getfixturevalue("pg_url"), "hostile")
    except pytest.skip.Exception:
        pg_url = None
    with ThreadPoolExecutor(3) as pool:
        ref = pool.submit(uninterrupted, batch.folder, f"sqlite:///{root / 'ref.db'}")
        chains = {"sqlite": pool.submit(killed_three_times, batch.folder, f"sqlite:///{root / 'k.db'}", 16)}
        if pg_url:
            chains["postgresql"] = pool.submit(killed_three_times, batch.folder, pg_url, 61)
        return batch, ref.result(), {k: f.result() for k, f in chains.items()}


def test_uninterrupted_run_stores_every_good_text_once_and_reports_every_bad_one_once(hostile):
    batch, ref, _ = hostile
    assert ref.code == 1 and "Traceback" not in ref.stderr, ref.stderr[-3000:]  # 1: something was refused
    for origin, code in batch.errors.items():
        assert ref.stderr.count(f"{code}: {origin}") == 1, (origin, code)
    want = tables(ref.url)
    at = [c.name for c in S.documents.c if c.name not in SKIP].index("origin")
    stored = {r[0]: r[at] for r in want["documents"]}
    assert stored == batch.stored  # first occurrence in input order, for repeated texts too
    assert sorted((r[1], r[2]) for r in want["ingest_errors"]) == sorted(batch.errors.items())
    assert len(stored) >= N_ARTICLES and len(batch.errors) == 15


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_killed_three_times_and_resumed_equals_the_uninterrupted_run(hostile, dialect):
    _, ref, chains = hostile
    if dialect not in chains:
        pytest.skip("embedded PostgreSQL not available")
    run = chains[dialect]
    assert run.code == 1 and "Traceback" not in run.stderr, run.stderr[-3000:]
    want, got = tables(ref.url), tables(run.url)
    for name in [*TABLES, "schema_migrations"]:
        assert got[name] == want[name], explain(name, want[name], got[name])
    if dialect == "sqlite":
        with sqlite3.connect(run.url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
