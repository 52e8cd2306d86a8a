"""The geo evaluation suite stays at or above its recorded floors (lanner/eval/floors/geo.json)."""

from __future__ import annotations

import pytest

from lanner.eval import below_floor, floors, run_suite


@pytest.mark.slow
def test_geo_suite_meets_floors():
    metrics = run_suite("geo")
    names = {m.name for m in metrics}
    assert set(floors("geo")) <= names, "a floored metric is no longer reported"
    assert below_floor(metrics) == []
