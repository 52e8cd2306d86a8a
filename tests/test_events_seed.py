"""The events stage on the seed article: the analyst's 8 events, their status, actors and places."""

from __future__ import annotations

import json

import pytest

from lanner.eval import below_floor, shared_path
from lanner.eval.suite_seed import pair, run, score


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(shared_path("examples", "seed-idlib-arms.gold.json").read_text(encoding="utf-8"))


def test_all_gold_events_found_with_status(seed_doc, gold):
    s = score(seed_doc, gold)
    assert s["events_found"] == 1.0
    assert s["events_type_epistemic"] == 1.0
    assert s["fields_right"] >= 0.8


def test_rumoured_offensive_is_never_asserted(seed_doc):
    rumour = seed_doc.text.index("rumors of imminent")
    sentence_end = seed_doc.text.index("Tel Abyad", rumour)  # the rumour's scope ends with its places
    in_rumour = [e for e in seed_doc.events if rumour <= e.trigger.start < sentence_end]
    assert in_rumour, "the rumoured Turkish action should still be recorded"
    assert all(e.epistemic == "rumored" for e in in_rumour)
    assert all(e.type != "ASSAULT" for e in in_rumour)


def test_speculation_is_not_asserted(seed_doc):
    odds = seed_doc.text.index("Odds are")
    for ev in seed_doc.events:
        if ev.trigger.start > odds:
            assert ev.epistemic in ("speculative", "hypothetical", "planned")


def test_convoy_told_twice_is_one_event(seed_doc, gold):
    aid = next(ev for g, ev in pair(gold["events"], seed_doc.events) if g["id"] == "e1")
    assert aid is not None
    texts = " ".join(span.text for span in aid.evidence)
    assert "Bab Al-Hawa" in texts and "started sending" in texts
    assert aid.attribution.kind in ("anonymous", "named", "unspecified")
    assert aid.acled_event_type == "Strategic developments"


def test_codes_and_spans_are_consistent(seed_doc):
    for ev in seed_doc.events:
        assert seed_doc.text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        assert ev.cameo_root is None or len(ev.cameo_root) == 2
        if ev.type in ("CONSULT", "REJECT") or ev.epistemic not in ("asserted", "attributed"):
            assert ev.acled_event_type is None  # talk, and what did not (yet) happen, are no ACLED events
    strike = next(e for e in seed_doc.events if e.mode == "aerial")
    assert strike.acled_sub_event_type == "Air/drone strike"


@pytest.mark.slow
def test_seed_suite_above_floor():
    assert below_floor(run()) == []
