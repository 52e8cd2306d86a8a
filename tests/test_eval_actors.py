"""The actors evaluation suite stays above its recorded floors."""

from __future__ import annotations

from lanner.eval import below_floor, floors, run_suite


def test_actors_suite_above_floors():
    metrics = run_suite("actors")
    names = {m.name for m in metrics}
    assert set(floors("actors")) <= names
    assert below_floor(metrics) == []
