"""A text that occurs several times in a batch is stored once, with the metadata of its first occurrence
in input order, wherever an earlier run of the batch stopped, on both databases.

A kill leaves a prefix of the batch stored (documents are committed one by one, in input order), so
storing the first `cut` lines and then running the whole batch is the resume after a kill at each
point, without waiting for a real one (tests/test_hostile_batch.py kills real runs).
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from lanner.store import Store
from lanner.store import schema as S
from tests.cli_runner import run_cli
from tests.test_isolation import report

LINES = [
    {"text": report(0), "outlet": "First", "date": "2020-01-01"},
    {"text": report(1)},
    {"text": report(0), "outlet": "Second", "date": "2021-01-01"},
    {"text": report(2), "outlet": "Other"},
    {"text": report(0), "outlet": "Third", "title": "A later copy"},
]


def _docs(url: str) -> list[tuple]:
    """(outlet, published, line of the batch) of every stored document."""
    d = S.documents.c
    with Store(url).engine.connect() as conn:
        rows = conn.execute(select(d.outlet, d.published, d.origin))
        return sorted((o or "", str(p), origin.rsplit(":", 1)[1]) for o, p, origin in rows)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_first_occurrence_wins_wherever_the_run_stopped(dialect, tmp_path, capsys, monkeypatch, request):
    monkeypatch.setenv("LANNER_BATCH_SIZE", "2")  # copies land in one batch or in different batches
    batch = tmp_path / "dup.jsonl"
    for cut in range(len(LINES) + 1):
        if dialect == "postgresql":
            from tests.conftest import new_pg_database

            url = new_pg_database(request.getfixturevalue("pg_url"), f"dup{cut}")
        else:
            url = f"sqlite:///{tmp_path / f'dup{cut}.db'}"
        if cut:
            batch.write_text("".join(json.dumps(r) + "\n" for r in LINES[:cut]), encoding="utf-8")
            run_cli(capsys, "ingest", str(batch), "--db", url)
        batch.write_text("".join(json.dumps(r) + "\n" for r in LINES), encoding="utf-8")
        res = run_cli(capsys, "ingest", str(batch), "--db", url)
        assert res.code == 0, res.err
        assert _docs(url) == [("", "None", "2"), ("First", "2020-01-01", "1"), ("Other", "None", "4")], cut
