"""Every kind of bad input gets one clear coded line on stderr, a non-zero exit, and no rows stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

ENGLISH = "Government forces shelled the town of Ariha on Monday, killing two civilians, residents said.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


BAD_FILES = {
    "empty": ("empty.txt", b"", "E001"),
    "whitespace": ("blank.txt", b"  \n\n \t", "E001"),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "E002"),
    "invalid-utf8": (
        "cp1252.txt",
        "Forces entered the caf\u00e9 district".encode("cp1252") + b" \x93quote\x94",
        "E003",
    ),
    "non-english": (
        "french.txt",
        "Les forces gouvernementales ont bombardé la ville lundi, tuant deux civils selon des habitants "
        "qui ont fui vers le nord avec leurs familles.".encode(),
        "E005",
    ),
    "malformed-html": ("page.html", b"<html><body><div><script>var x = 1;</script></div>", "E006"),
    "malformed-feed": ("news.rss", b"<rss><channel><item><title>broken", "E006"),
}


def _doc_count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0]


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_one_clear_error(case, tmp_path, capsys):
    name, data, code = BAD_FILES[case]
    path = _write(tmp_path, name, data)
    res = run_cli(capsys, "analyze", path)
    assert res.code != 0
    lines = [ln for ln in res.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and code in lines[0] and name in lines[0], res.err
    assert res.out == ""

    db = tmp_path / "bad.db"
    res = run_cli(capsys, "ingest", path, "--db", f"sqlite:///{db}")
    assert res.code != 0 and code in res.err
    assert _doc_count(db) == 0


def test_huge_file_rejected_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(ENGLISH.encode() * (50 * 1024 * 1024 // len(ENGLISH) + 1))
    assert path.stat().st_size >= 50 * 1024 * 1024
    res = run_cli(capsys, "analyze", str(path))
    assert res.code != 0 and "E004" in res.err and "huge.txt" in res.err


def test_missing_file(capsys, tmp_path):
    res = run_cli(capsys, "analyze", str(tmp_path / "nope.txt"))
    assert res.code != 0 and "E007" in res.err and "no such file" in res.err


def test_unknown_option(capsys):
    res = run_cli(capsys, "analyze", "--frobnicate", "x.txt")
    assert res.code == 2
    assert res.err.strip().count("\n") == 0 and "--frobnicate" in res.err


def test_bad_date_option(capsys, tmp_path):
    path = _write(tmp_path, "ok.txt", ENGLISH.encode())
    res = run_cli(capsys, "analyze", path, "--published", "last tuesday")
    assert res.code == 2 and "E011" in res.err


def test_database_not_writable(capsys, tmp_path):
    path = _write(tmp_path, "ok.txt", ENGLISH.encode())
    blocker = _write(tmp_path, "a-file", b"x")
    res = run_cli(capsys, "ingest", path, "--db", f"sqlite:///{blocker}/lanner.db")
    assert res.code != 0 and "E009" in res.err
    assert res.err.strip().count("\n") == 0


def test_dead_url(capsys):
    res = run_cli(capsys, "analyze", "http://127.0.0.1:9/report.html")
    assert res.code != 0 and "E008" in res.err and "127.0.0.1" in res.err


def test_one_bad_document_in_a_batch_is_skipped(tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(6):
        (folder / f"good{i}.txt").write_text(f"Report {i}. {ENGLISH}" * (i + 1), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "lines.jsonl").write_text(
        '{"text": "' + ENGLISH.strip() + ' Second report.", "outlet": "Wire"}\nnot json\n', encoding="utf-8"
    )
    db = tmp_path / "batch.db"
    res = run_cli(capsys, "ingest", str(folder), "--db", f"sqlite:///{db}")
    assert res.code == 1
    assert "E002" in res.err and "broken.txt" in res.err and "lines.jsonl:2" in res.err
    assert _doc_count(db) == 7
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from ingest_errors").fetchone()[0] == 2
