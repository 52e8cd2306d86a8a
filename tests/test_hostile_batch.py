"""A hostile batch, killed three times and resumed, ends exactly where an uninterrupted run ends.

FA-KES articles (read in place from the shared data) with hostile documents of every kind mixed in:
an invalid-UTF-8 line, a 6 MB record, a 3,000,000-character text, valid JSON holding U+2028/U+0085,
an empty text, a NUL in a text and in an outlet, a 400-character outlet, a lone surrogate, a French
text, a blank line, a CSV with a 250,000-character field, a binary file and a UTF-16 file. A real
`lanner ingest` is SIGKILLed at three random points (each after it has stored something more), then run to
the end; every table must equal, row for row, the tables of one uninterrupted run, every good document
must be stored once and every bad one recorded once with its code. On SQLite with 120 articles and on
the embedded PostgreSQL with 30 (the same code path; CI time on 2 shared cores is the limit).
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from lanner.eval import shared_path
from tests.conftest import new_pg_database

FAKES = shared_path("data", "fa-kes", "FA-KES-Dataset.csv")
EXE = Path(sys.executable).with_name("lanner")
ENV = {**os.environ, "LANNER_BATCH_SIZE": "8"}
# Tables compared row for row, without autoincrement ids and wall-clock times.
TABLES = {
    "documents": "id, title, url, outlet, published, language, chars, origin, analysis",
    "events": "*",
    "evidence": 'doc_id, event_id, start, "end", text',
    "actors": "doc_id, actor_id, name, type, country, in_kb, mentions",
    "places": 'doc_id, start, "end", text, name, geonameid, lat, lon, country, metonym',
    "relations": "doc_id, source, source_id, type, target, target_id, claimed_by, claim_kind, date, "
    'start, "end", evidence',
    "loaded_terms": 'doc_id, start, "end", text, term, category, voice',
    "ingest_errors": "key, origin, code, message",
}


def build_batch(folder: Path, n_articles: int) -> dict[str, str]:
    """Write the batch; return {origin: expected error code} for the hostile documents."""
    with FAKES.open(encoding="utf-8", errors="replace") as fh:
        rows = [r for r in csv.DictReader(fh) if len(r["article_content"].split()) > 40][:n_articles]
    good = [
        json.dumps(
            {
                "text": r["article_content"],
                "title": r["article_title"],
                "outlet": r["source"],
                "date": r["date"],
            }
        )
        for r in rows
    ]
    article = rows[0]["article_content"]
    jsonl = folder / "batch.jsonl"
    hostile: list[tuple[bytes, str | None]] = [
        (b'{"text": "caf\xe9 ' + article[:400].encode("ascii", "replace") + b'"}', "E003"),
        (json.dumps({"text": "Shelling. " * 600_000}).encode(), "E004"),  # 6 MB record
        (json.dumps({"text": "Shelling was reported. " * 130_000}).encode(), "E004"),  # 3 M characters
        # valid JSON with U+2028 and U+0085 written raw, not escaped: a good document
        (
            json.dumps(
                {"text": rows[1]["article_content"] + "\u2028Also\u0085said."}, ensure_ascii=False
            ).encode(),
            None,
        ),
        (json.dumps({"text": ""}).encode(), "E001"),
        (json.dumps({"text": article.replace(".", ".\u0000", 1) + " NUL"}).encode(), "E002"),
        (
            json.dumps(
                {"text": rows[2]["article_content"] + " Outlet.", "outlet": "N\u0000" + "O" * 400}
            ).encode(),
            None,
        ),
        (b'{"text": "' + article[:300].encode("ascii", "replace").replace(b'"', b"") + b' \\udc00"}', "E003"),
        (
            json.dumps(
                {"text": "Les forces gouvernementales ont bombard\u00e9 la ville lundi, selon des habitants."}
            ).encode(),
            "E005",
        ),
        (b"", "E001"),
    ]
    lines = [line.encode() for line in good]
    expected: dict[str, str] = {}
    step = max(1, len(lines) // len(hostile))
    for k, (line, _code) in enumerate(hostile):
        lines.insert(k * (step + 1) + step // 2, line)
    for n, line in enumerate(lines, 1):
        code = next((c for h, c in hostile if h is line), None)
        if code:
            expected[f"{jsonl}:{n}"] = code
    jsonl.write_bytes(b"\n".join(lines) + b"\n")
    table = folder / "rows.csv"
    table.write_text(
        "text,outlet\n"
        f'"{rows[3]["article_content"].replace(chr(34), "")} CSV.",A\n'
        f'"{"Shelling was reported. " * 11_000}",B\n'
        f'"{rows[4]["article_content"].replace(chr(34), "")} CSV.",C\n',
        encoding="utf-8",
    )
    expected[f"{table}:3"] = "E004"
    (folder / "zz-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    expected[str(folder / "zz-binary.txt")] = "E002"
    (folder / "zz-utf16.txt").write_bytes(rows[5]["article_content"].encode("utf-16"))
    return expected


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


def _tables(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {
            t: sorted(tuple(map(repr, r)) for r in conn.execute(text(f"select {c} from {t}")))
            for t, c in TABLES.items()
        }
    engine.dispose()
    return out


def run_hostile(folder: Path, ref_url: str, url: str, seed: int) -> None:
    expected = build_batch(folder, run_hostile.n_articles)  # type: ignore[attr-defined]
    ref = _ingest(folder, ref_url)
    _, ref_err = ref.communicate(timeout=900)
    assert ref.returncode == 1, ref_err  # something was refused
    assert "Traceback" not in ref_err
    for origin, code in expected.items():
        assert ref_err.count(f"{code}: {origin}") == 1, (origin, code, ref_err[-3000:])

    rng = random.Random(seed)
    for _kill in range(3):
        before = max(_count(url), 0)
        proc = _ingest(folder, url)
        deadline = time.time() + 300
        while time.time() < deadline and proc.poll() is None and _count(url) <= before:
            time.sleep(0.1)
        time.sleep(rng.uniform(0, 1.5))
        assert proc.poll() is None, "the run ended before it could be killed; use more articles"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()  # type: ignore[union-attr]
    done = _ingest(folder, url)
    _, err = done.communicate(timeout=900)
    assert done.returncode == 1 and "Traceback" not in err, err[-3000:]

    want, got = _tables(ref_url), _tables(url)
    for table in TABLES:
        assert got[table] == want[table], table
    n_docs = len(want["documents"])
    assert n_docs >= run_hostile.n_articles - 5  # type: ignore[attr-defined]
    errors = sorted((r[1].strip("'"), r[2].strip("'")) for r in want["ingest_errors"])
    assert errors == sorted(expected.items())


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES not present")
def test_hostile_batch_killed_three_times_on_sqlite(tmp_path):
    import sqlite3

    folder = tmp_path / "batch"
    folder.mkdir()
    run_hostile.n_articles = 120  # type: ignore[attr-defined]
    db = tmp_path / "killed.db"
    run_hostile(folder, f"sqlite:///{tmp_path / 'ref.db'}", f"sqlite:///{db}", seed=16)
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES not present")
def test_hostile_batch_killed_three_times_on_postgres(tmp_path, pg_url):
    folder = tmp_path / "batch"
    folder.mkdir()
    run_hostile.n_articles = 30  # type: ignore[attr-defined]
    run_hostile(folder, new_pg_database(pg_url, "hostile_ref"), new_pg_database(pg_url, "hostile"), seed=61)
