"""The fixtures suite (our own reports with expected coding) stays above its floors."""

from __future__ import annotations

from lanner.eval import below_floor
from lanner.eval.suite_fixtures import load, run


def test_fixture_set_is_varied():
    fixtures = load()
    assert len(fixtures) >= 20
    distractors = [f for f in fixtures.values() if not f["expected"]]
    assert len(distractors) >= 5
    assert {f["category"] for f in distractors} >= {"crime", "disaster", "sport", "metaphor"}


def test_fixtures_suite_above_floor():
    assert below_floor(run()) == []
