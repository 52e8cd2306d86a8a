"""The CASE 2021 suite runs on the dev snippets and stays above its floors (and within its time budget)."""

from __future__ import annotations

from lanner.eval import below_floor
from lanner.eval.suite_case import load, per_label_f1, run, weighted_f1


def test_dev_file_loads():
    data = load()
    assert len(data) == 634
    assert len({g for _, g in data}) == 30


def test_weighted_f1_by_hand():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "C"]
    f1 = per_label_f1(gold, pred)
    assert f1 == {"A": 2 / 3, "B": 2 / 3, "C": 1.0}
    assert abs(weighted_f1(gold, pred) - (2 * 2 / 3 + 2 / 3 + 1.0) / 4) < 1e-12


def test_case_suite_above_floor():
    metrics = run()
    names = {m.name for m in metrics}
    assert {"classifier_weighted_f1", "pipeline_weighted_f1", "crime_disaster_as_violence"} <= names
    assert "f1:AIR_STRIKE" in names
    assert below_floor(metrics) == []
