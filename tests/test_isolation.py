"""One bad document never stops a batch: each is read, decoded, checked, analysed and stored on its own,
and its failure is reported once, with its code, and recorded once however often the batch is rerun."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli_runner import run_cli

TOWNS = ["Ariha", "Saraqib", "Maarat al-Numan", "Jisr al-Shughur", "Kafr Nabl", "Atarib"]


def report(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    return (
        f"Government forces shelled the town of {town} on Monday, killing {i + 2} civilians, residents said. "
        f"The local council said dispatch {i} was the heaviest bombardment of the week."
    )


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_jsonl_lines_fail_alone_and_errors_are_recorded_once(tmp_path, capsys):
    lines = [
        json.dumps({"text": report(0)}).encode(),
        # valid JSON holding U+2028 and U+0085 (json.dumps escapes them, so write them raw)
        ('{"text": "' + report(1).replace("residents", "residents\u2028and\u0085witnesses") + '"}').encode(),
        b'{"text": "caf\xe9 broken ' + report(2).encode() + b'"}',  # not UTF-8: this line only
        json.dumps({"text": "", "outlet": "Wire"}).encode(),
        json.dumps({"text": "x" * 6_000_000}).encode(),  # over LANNER_MAX_BYTES as one record
        json.dumps({"text": report(3), "outlet": "O" * 400}).encode(),
        b"",
        json.dumps({"text": report(4)}).encode(),
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"\n".join(lines) + b"\n")
    db = tmp_path / "b.db"
    first = run_cli(capsys, "ingest", str(batch), "--db", f"sqlite:///{db}")
    assert first.code == 1
    assert _rows(db, "select count(*) from documents") == [(4,)]
    errors = _rows(db, "select origin, code from ingest_errors order by origin")
    assert errors == [
        (f"{batch}:3", "E003"),
        (f"{batch}:4", "E001"),
        (f"{batch}:5", "E004"),
        (f"{batch}:7", "E001"),
    ]
    for origin, code in errors:
        assert first.err.count(f"{code}: {origin}:") == 1, first.err
    assert "'text' field is empty" in first.err and "no text field" not in first.err
    stored = _rows(db, "select analysis from documents")
    assert any("\u2028" in json.loads(a)["text"] for (a,) in stored)
    assert _rows(db, "select max(length(outlet)) from documents") == [(400,)]

    again = run_cli(capsys, "ingest", str(batch), "--db", f"sqlite:///{db}")
    assert again.code == 1 and "4 already stored" in again.err
    assert _rows(db, "select count(*) from ingest_errors") == [(4,)]  # no duplicate rows on a rerun


def test_csv_with_a_huge_field_costs_that_row_only(tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_text(
        "text,outlet\n"
        f'"{report(0)}",A\n'
        f'"{"Shelling was reported. " * 11_000}",B\n'  # 253,000 characters: over LANNER_MAX_CHARS
        f'"{report(1)}\n\nA second paragraph, on a new line.",C\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    res = run_cli(capsys, "ingest", str(path), "--db", f"sqlite:///{db}")
    assert res.code == 1 and "Traceback" not in res.err
    assert _rows(db, "select outlet from documents order by outlet") == [("A",), ("C",)]
    assert _rows(db, "select origin, code from ingest_errors") == [(f"{path}:3", "E004")]
    assert "LANNER_MAX_CHARS" in res.err


def test_analyze_jsonl_output_line_n_answers_input_line_n(tmp_path, capsys):
    batch = tmp_path / "mixed.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"text": report(0)}),
                json.dumps(
                    {"text": "Les forces gouvernementales ont bombardé la ville lundi, selon des habitants."}
                ),
                "not json",
                json.dumps({"text": report(1)}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    res = run_cli(capsys, "analyze", str(batch), "--format", "jsonl")
    assert res.code == 1
    out = [json.loads(line) for line in res.out.splitlines()]
    assert len(out) == 4
    assert "document" in out[0] and "document" in out[3]
    assert out[1]["error"]["code"] == "E005" and out[1]["line"] == 2
    assert out[2]["error"]["code"] == "E006" and out[2]["line"] == 3
    assert "does not look like English" in out[1]["error"]["message"]
    assert res.err.count("lanner: skipped:") == 2


def test_utf16_with_bom_is_read(tmp_path, capsys):
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        path = tmp_path / f"report-{encoding}.txt"
        bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
        path.write_bytes(bom + report(5).encode(encoding))
        res = run_cli(capsys, "analyze", str(path), "--format", "json")
        assert res.code == 0, res.err
        assert json.loads(res.out)["text"] == report(5)


def test_fifo_and_device_paths_say_what_they_are(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    res = run_cli(capsys, "analyze", str(fifo))
    assert res.code != 0 and "E007" in res.err and "named pipe (FIFO)" in res.err
    res = run_cli(capsys, "analyze", "/dev/zero")
    assert res.code != 0 and "E007" in res.err and "character device" in res.err
    assert "no such file" not in res.err


def test_nul_and_lone_surrogates_in_text_are_refused_alike(tmp_path, capsys):
    batch = tmp_path / "odd.jsonl"
    batch.write_text(
        json.dumps({"text": report(0).replace("Monday", "Mon\u0000day")})
        + "\n"
        + '{"text": "'
        + report(1)
        + ' \\ud800"}\n'
        + json.dumps({"text": report(2), "outlet": "Wire\u0000Service"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "n.db"
    res = run_cli(capsys, "ingest", str(batch), "--db", f"sqlite:///{db}")
    assert res.code == 1
    assert _rows(db, "select origin, code from ingest_errors order by origin") == [
        (f"{batch}:1", "E002"),
        (f"{batch}:2", "E003"),
    ]
    assert _rows(db, "select outlet from documents") == [("WireService",)]


def test_unpaired_surrogates_in_metadata_are_dropped_not_fatal(tmp_path, capsys):
    """A JSON "\\ud800" escape in a title or outlet once stopped the whole batch with a serialisation
    traceback; now the character is dropped, as a NUL is, and every document is stored."""
    batch = tmp_path / "meta.jsonl"
    batch.write_text(
        '{"text": "'
        + report(0)
        + '", "title": "Shelling \\ud800report", "outlet": "\\udc00Wire"}\n'
        + json.dumps({"text": report(1), "url": "https://example.org/\ud83d"}, ensure_ascii=True)
        + "\n"
        + json.dumps({"text": report(2)})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "m.db"
    res = run_cli(capsys, "ingest", str(batch), "--db", f"sqlite:///{db}")
    assert res.code == 0 and "Traceback" not in res.err, res.err
    assert _rows(db, "select title, outlet, url from documents order by origin") == [
        ("Shelling report", "Wire", None),
        (None, None, "https://example.org/"),
        (None, None, None),
    ]


def test_three_million_characters_in_a_jsonl_line_cost_that_line_only(tmp_path, capsys):
    """Under LANNER_MAX_BYTES but over LANNER_MAX_CHARS: refused up front (no E088, no parse), and the
    documents after it are stored."""
    batch = tmp_path / "long.jsonl"
    batch.write_text(
        json.dumps({"text": report(0)})
        + "\n"
        + json.dumps({"text": "Shelling was reported. " * 130_000})
        + "\n"
        + json.dumps({"text": report(1)})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    res = run_cli(capsys, "ingest", str(batch), "--db", f"sqlite:///{db}")
    assert res.code == 1 and "Traceback" not in res.err
    assert _rows(db, "select origin from documents order by origin") == [(f"{batch}:1",), (f"{batch}:3",)]
    assert _rows(db, "select origin, code from ingest_errors") == [(f"{batch}:2", "E004")]
    assert "2,990,000 characters" in res.err and "LANNER_MAX_CHARS" in res.err
