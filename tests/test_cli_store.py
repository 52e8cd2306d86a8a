"""End to end through the CLI on a real SQLite file: analyze, ingest, events, export, schema."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema

from lanner.model import AnalyzedDocument
from lanner.views.export import ACLED_COLUMNS
from tests.cli_runner import run_cli
from tests.conftest import REPO, SEED

EXAMPLES = REPO / "examples"
SCHEMA_FILE = REPO / "lanner" / "schema" / "analyzed-document.schema.json"


def test_schema_file_matches_models(capsys):
    res = run_cli(capsys, "schema")
    assert res.code == 0
    assert json.loads(res.out) == json.loads(SCHEMA_FILE.read_text()) == AnalyzedDocument.model_json_schema()


def test_analyze_seed_json_validates_against_schema():
    """The real installed command, in a subprocess, as a user runs it."""
    exe = Path(sys.executable).with_name("lanner")
    proc = subprocess.run(
        [str(exe), "analyze", str(SEED), "--published", "2022-12-05", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text()))
    assert data["document"]["published"] == "2022-12-05"
    assert data["document"]["chars"] == len(SEED.read_text(encoding="utf-8"))


def test_analyze_text_report(capsys):
    res = run_cli(capsys, "analyze", str(EXAMPLES / "kobani-drone-strike.txt"), "--published", "2023-01-12")
    assert res.code == 0, res.err
    for heading in ("Events", "Actors", "Places", "Sources"):
        assert heading in res.out
    assert "Turkish drone strike kills three SDF fighters near Kobani" in res.out


def test_analyze_jsonl_keeps_input_order(capsys, tmp_path):
    res = run_cli(capsys, "analyze", str(EXAMPLES), "--format", "jsonl")
    assert res.code == 0, res.err
    docs = [json.loads(line) for line in res.out.splitlines()]
    assert [d["document"]["title"] for d in docs][:2] == [
        "Shelling hits market in Kharkiv region",
        "Paramilitaries seize town in Sudan",
    ]
    assert len(docs) == 7


def test_ingest_is_idempotent_and_queryable(capsys, db_url):
    first = run_cli(capsys, "ingest", str(EXAMPLES), "--db", db_url)
    assert first.code == 0, first.err
    assert "stored 7 documents" in first.err
    again = run_cli(capsys, "ingest", str(EXAMPLES), "--db", db_url)
    assert "stored 0 documents" in again.err and "7 already stored" in again.err

    db = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as conn:
        n_docs = conn.execute("select count(*) from documents").fetchone()[0]
        n_events = conn.execute("select count(*) from events").fetchone()[0]
        version = conn.execute("select max(version) from schema_migrations").fetchone()[0]
    assert n_docs == 7 and version == 3

    res = run_cli(capsys, "events", "--db", db_url, "--format", "json")
    rows = json.loads(res.out)
    assert len(rows) == n_events
    res = run_cli(capsys, "events", "--db", db_url, "--format", "geojson")
    assert json.loads(res.out)["type"] == "FeatureCollection"
    res = run_cli(capsys, "export", "--format", "acled-csv", "--db", db_url)
    assert res.code == 0
    header = next(csv.reader(io.StringIO(res.out)))
    assert header == ACLED_COLUMNS


def test_killed_batch_resumes_without_duplicates(tmp_path):
    """SIGKILL a real `lanner ingest` half-way; the rerun stores the rest and nothing twice."""
    folder = tmp_path / "many"
    folder.mkdir()
    base = (EXAMPLES / "sahel-convoy-ambush.txt").read_text(encoding="utf-8")
    n = 60
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(f"Dispatch number {i}.\n\n{base}", encoding="utf-8")
    db = tmp_path / "resume.db"
    exe = Path(sys.executable).with_name("lanner")
    env = {**os.environ, "LANNER_BATCH_SIZE": "2"}
    proc = subprocess.Popen(
        [str(exe), "ingest", str(folder), "--db", f"sqlite:///{db}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    stored = 0
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("select count(*) from documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 6:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n, "the batch should have been killed part-way"

    done = subprocess.run(
        [str(exe), "ingest", str(folder), "--db", f"sqlite:///{db}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == n
        per_doc = conn.execute("select analysis from documents").fetchall()
        n_events = conn.execute("select count(*) from events").fetchone()[0]
    assert n_events == sum(len(json.loads(a)["events"]) for (a,) in per_doc)


def test_cross_document_commands_from_the_store(capsys, db_url, tmp_path):
    """network (graphml loads in networkx), outlets and corroborate all read the same store."""
    import networkx as nx

    res = run_cli(capsys, "ingest", str(EXAMPLES), str(SEED), "--db", db_url)
    assert res.code == 0, res.err
    res = run_cli(capsys, "network", "--format", "graphml", "--db", db_url)
    assert res.code == 0, res.err
    path = tmp_path / "net.graphml"
    path.write_text(res.out, encoding="utf-8")
    graph = nx.read_graphml(path)
    names = {d.get("name") for _, d in graph.nodes(data=True)}
    assert {"Hamza Division", "Ahrar al-Sharqiya"} <= names
    origins = {d.get("origin") for _, _, d in graph.edges(data=True)}
    assert origins == {"kb", "text"}

    res = run_cli(capsys, "network", "--actor", "Hamza Division", "--format", "json", "--db", db_url)
    data = json.loads(res.out)
    assert any(n["name"] == "Hamza Division" for n in data["nodes"]) and data["edges"]
    res = run_cli(capsys, "network", "--format", "dot", "--db", db_url)
    assert res.out.lstrip().startswith(("digraph", "strict digraph"))

    res = run_cli(capsys, "outlets", "--db", db_url)
    assert res.code == 0 and "Lanner sample wire" in res.out

    res = run_cli(capsys, "corroborate", "--min-sources", "1", "--format", "json", "--db", db_url)
    assert res.code == 0, res.err
    assert isinstance(json.loads(res.out), list | dict)


def test_analyze_a_url_the_user_names(capsys):
    """A real HTTP server on loopback serves the sample HTML page; its main text is analysed."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(EXAMPLES))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/yemen-protest.html"
        res = run_cli(capsys, "analyze", url, "--format", "json")
    finally:
        server.shutdown()
    assert res.code == 0, res.err
    doc = json.loads(res.out)
    assert doc["document"]["url"] == url
    assert doc["document"]["title"] == "Thousands protest in Taiz over water shortages"
    assert "Copyright" not in doc["text"] and "Taiz" in doc["text"]
    assert any(e["type"] == "PROTEST" for e in doc["events"])
