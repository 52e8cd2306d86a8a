"""The sourcing/framing evaluation suites stay at or above their recorded floors."""

from __future__ import annotations

import pytest

from lanner.eval import below_floor, floors, run_suite


@pytest.mark.parametrize("suite", ["framing", "polnear"])
def test_suite_floors(suite):
    metrics = run_suite(suite)
    assert floors(suite), f"no floors recorded for {suite}"
    assert {m.name for m in metrics} >= set(floors(suite))
    assert below_floor(metrics) == []


@pytest.mark.slow
def test_ptc_floor():
    metrics = run_suite("ptc")
    assert below_floor(metrics) == []
