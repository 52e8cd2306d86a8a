"""The seed's gold relations come out of find_relations, with who claims them."""

from __future__ import annotations

import datetime as dt


def _rels(doc):
    return {(r.source_id, r.type, r.target_id): r for r in doc.relations}


def test_seed_gold_relations_with_claimants(seed_doc):
    rels = _rels(seed_doc)
    for key in [
        ("gov-TUR", "supports", "syr-hts"),
        ("syr-hts", "affiliated", "glb-aq"),
        ("syr-hamza", "part_of", "syr-sna"),
        ("gov-TUR", "supports", "syr-hamza"),
        ("gov-USA", "supports", "syr-hamza"),
        ("gov-TUR", "supports", "syr-ahrar-sharqiya"),
        ("gov-TUR", "supports", "syr-faylaq-sham"),
    ]:
        assert key in rels, key
        assert rels[key].claim_kind == "outlet" and rels[key].claimed_by == "Alwaght"
    fights = rels.get(("syr-ahrar-sharqiya", "fights", "syr-faylaq-sham")) or rels.get(
        ("syr-faylaq-sham", "fights", "syr-ahrar-sharqiya"))
    assert fights is not None and "reports" in fights.claimed_by.lower()
    assert ("gov-USA", "fights", "syr-hts") in rels or ("syr-hts", "fights", "gov-USA") in rels


def test_relation_fields(seed_doc):
    for r in seed_doc.relations:
        assert seed_doc.text[r.evidence.start:r.evidence.end] == r.evidence.text
        assert r.date == dt.date(2022, 12, 5)
        assert r.source_id != r.target_id


def test_backing_stated_with_copula_keeps_the_sources_attribution():
    import lanner

    doc = lanner.analyze("According to the Syrian Observatory, the Hamza Division is backed by Turkey.",
                         outlet="Test Wire")
    rel = _rels(doc)[("gov-TUR", "supports", "syr-hamza")]
    assert rel.claim_kind != "outlet"


def test_coordinated_subjects_that_clash_fight_each_other():
    import lanner

    doc = lanner.analyze("Ahrar al-Sharqiya and the Levant Front clashed in Afrin on Monday, residents said.")
    rels = _rels(doc)
    assert ("syr-ahrar-sharqiya", "fights", "syr-levant-front") in rels
    assert rels[("syr-ahrar-sharqiya", "fights", "syr-levant-front")].claim_kind != "outlet"  # residents
