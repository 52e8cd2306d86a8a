"""The WikiEvents suite runs on the dev split and stays above its floors (and within its time budget)."""

from __future__ import annotations

from lanner.eval import below_floor
from lanner.eval.suite_wikievents import load, run


def test_gold_documents_rebuild_with_offsets():
    docs = load()
    assert len(docs) == 20
    assert sum(len(d.attacks) for d in docs) > 90
    for doc in docs:
        for start, end, _ in doc.attacks:
            assert 0 <= start < end <= len(doc.text)


def test_wikievents_suite_above_floor():
    metrics = run()
    assert {m.name for m in metrics} >= {"attack_f1", "argument_f1", "seconds"}
    assert below_floor(metrics) == []
