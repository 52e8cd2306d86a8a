"""Corroboration over reports we wrote: the real pipeline, then cross-document clustering."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from rich.table import Table

from lanner.api import analyze_many
from lanner.corroborate import Cluster, cluster_events, render
from lanner.model import AnalyzedDocument, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "corroboration"


def _reports() -> list[dict]:
    return [yaml.safe_load(p.read_text()) | {"file": p.stem} for p in sorted(FIXTURES.glob("*_*.yaml"))]


@pytest.fixture(scope="module")
def analysed() -> tuple[list[AnalyzedDocument], dict[str, str]]:
    """The analysed reports and, per document id, the event label the fixture says it reports."""
    reports = _reports()
    raws = [RawDocument(text=r["text"], outlet=r["outlet"], published=r["published"]) for r in reports]
    docs = list(analyze_many(raws))
    return docs, {d.document.id: r["event"] for d, r in zip(docs, reports, strict=True)}


@pytest.fixture(scope="module")
def clusters(analysed: tuple[list[AnalyzedDocument], dict[str, str]]) -> list[Cluster]:
    return cluster_events(analysed[0])


def _labels(c: Cluster, label_of: dict[str, str]) -> set[str]:
    return {label_of[m.doc_id] for m in c.members}


def _cluster_for(label: str, clusters: list[Cluster], label_of: dict[str, str]) -> Cluster:
    """The largest cluster holding reports of `label` (smaller ones are leftovers like side events)."""
    mine = [c for c in clusters if label in _labels(c, label_of)]
    assert mine, f"no cluster for {label}"
    return max(mine, key=lambda c: c.reports)


def test_fixture_count() -> None:
    assert 8 <= len(_reports()) <= 12


def test_no_cluster_mixes_distinct_events(clusters, analysed) -> None:
    _, label_of = analysed
    for c in clusters:
        assert len(_labels(c, label_of)) == 1, (c.id, _labels(c, label_of))


@pytest.mark.parametrize(
    "label", sorted(yaml.safe_load((FIXTURES / "expected.yaml").read_text())["clusters"])
)
def test_expected_clusters(label: str, clusters, analysed) -> None:
    _, label_of = analysed
    want = yaml.safe_load((FIXTURES / "expected.yaml").read_text())["clusters"][label]
    c = _cluster_for(label, clusters, label_of)
    assert c.reports == want["reports"], [m.outlet for m in c.members]
    assert len({m.doc_id for m in c.members}) == c.reports  # one event per report, never within a doc
    assert c.independent_sources == want["independent"], c.sources
    assert c.independent_witnesses == want["witnesses"], c.witnesses
    assert c.agreement.epistemic == want["epistemic"], c.agreement.epistemic_mix
    if want["killed"] is None:
        assert c.fatalities.max is None
    else:
        assert [c.fatalities.min, c.fatalities.max] == want["killed"]
        lo, hi = want["killed"]
        assert c.agreement.casualties == ("disagree" if lo != hi else "agree")


def test_kobani_sources_collapse(clusters, analysed) -> None:
    c = _cluster_for("kobani_drone", clusters, analysed[1])
    assert c.witnesses == ["anha", "sohr", "state:TUR"]
    assert len(c.outlets) == 5
    assert c.location.name and c.location.level == "point"
    assert c.actor1 == "Military Forces of Turkey"


def test_denial_is_kept_and_marked(clusters, analysed) -> None:
    c = _cluster_for("jisr_market", clusters, analysed[1])
    kinds = {m.outlet: m.epistemic for m in c.members}
    assert kinds["TASS"] == "denied"
    assert c.confirming_sources == 2  # the denial is a source but does not confirm


def test_deterministic_under_input_order(analysed) -> None:
    docs = list(analysed[0])
    first = [c.model_dump() for c in cluster_events(docs)]
    random.Random(7).shuffle(docs)
    assert [c.model_dump() for c in cluster_events(docs)] == first


def test_render_formats(clusters) -> None:
    multi = [c for c in clusters if c.reports > 1]
    data = json.loads(render(multi, "json"))  # type: ignore[arg-type]
    assert [d["id"] for d in data] == [c.id for c in multi]
    assert Cluster.model_validate(data[0]) == multi[0]
    table = render(multi, "table")
    assert isinstance(table, Table) and table.row_count == len(multi)
    with pytest.raises(ValueError):
        render(multi, "xml")
