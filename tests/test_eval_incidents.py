"""The incidents suite: 32 reports of 8 incidents ingested into a real store, clustered, scored."""

from __future__ import annotations

import pytest

from lanner.eval import below_floor, shared_path
from lanner.eval.suite_incidents import ARTICLES, load, run, site_name

pytestmark = pytest.mark.skipif(not shared_path(*ARTICLES).exists(), reason="../shared incidents-dev absent")


def test_gold_shape():
    arts = load()
    assert len(arts) == 32 and len({a.incident for a in arts}) == 8
    assert sum(a.origin != a.outlet for a in arts) == 17  # the syndicated copies


def test_site_name_drops_the_annotators_bracket():
    assert site_name("Dawn (AFP)") == "Dawn"
    assert site_name("TASS") == "TASS"


def test_incidents_suite_above_floor():
    metrics = run()
    names = {m.name for m in metrics}
    assert {"pair_recall", "cross_merges", "sources_exact"} <= names
    assert below_floor(metrics) == []
