"""Corroboration on real multi-outlet text: FA-KES articles from the days of the August 2013 Ghouta attack.

The full 804-article run (`python -m lanner.eval.fakes_corroboration`, figures in docs/corroboration.md) takes
minutes; five days of articles (18, from four outlets) keep this test within the time budget.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lanner.api import analyze_many
from lanner.corroborate import Cluster, cluster_events
from lanner.corroborate.match import haversine_km
from lanner.eval import shared_path
from lanner.eval.fakes_corroboration import CSV, fakes_raws, summary
from lanner.model import AnalyzedDocument

DAMASCUS = (33.51, 36.29)  # the Ghouta suburbs lie within ~15 km
pytestmark = pytest.mark.skipif(not shared_path(*CSV).exists(), reason="../shared FA-KES not present")


@pytest.fixture(scope="module")
def ghouta() -> tuple[list[AnalyzedDocument], list[Cluster]]:
    docs = list(analyze_many(fakes_raws(dt.date(2013, 8, 20), dt.date(2013, 8, 24))))
    return docs, cluster_events(docs)


def test_multi_outlet_clusters_found(ghouta) -> None:
    docs, clusters = ghouta
    figures = summary(docs, clusters)
    print("\n", figures)
    assert figures["documents"] == 18
    # 4 since the article-level pass (issue 11) folds restatements and no longer codes vague mentions
    # ("a possible attack", events with no actor and no place), which had made a fifth small cluster
    assert figures["multi_outlet_clusters"] >= 4


def test_the_attack_is_the_best_corroborated_event(ghouta) -> None:
    _, clusters = ghouta
    top = clusters[0]
    assert top.type == "ASSAULT"
    assert top.location.lat is not None and top.location.lon is not None
    assert haversine_km(top.location.lat, top.location.lon, *DAMASCUS) < 30
    assert len(top.outlets) >= 3 and top.independent_sources >= 3
    assert top.date_start is not None and top.date_start <= dt.date(2013, 8, 21) <= (
        top.date_end or top.date_start
    )


def test_cluster_invariants(ghouta) -> None:
    _, clusters = ghouta
    for c in clusters:
        assert len({m.doc_id for m in c.members}) == c.reports == len(c.members)
        assert 1 <= c.independent_sources <= c.reports
        assert c.confirming_sources <= c.independent_sources
        assert len({m.event_id for m in c.members}) >= 1 and c.type
