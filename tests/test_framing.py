"""Loaded terms, their voice, and the framing scores, on the seed and on short texts of our own."""

from __future__ import annotations

import json

import pytest

import lanner
from lanner.eval import shared_path

SEED_GOLD = shared_path("examples", "seed-idlib-arms.gold.json")


def test_seed_loaded_terms_have_gold_spans(seed_doc, seed_text):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["loaded_terms"]
    spans = {t.span.text for t in seed_doc.framing.loaded_terms}
    missing = [g for g in gold if g not in spans]
    assert not missing, f"missing loaded terms {missing}; found {sorted(spans)}"
    for t in seed_doc.framing.loaded_terms:
        assert seed_text[t.span.start : t.span.end] == t.span.text
    takfiri = next(t for t in seed_doc.framing.loaded_terms if t.span.text == "takfiri militias")
    assert takfiri.category == "delegitimising label" and takfiri.voice == "outlet" and takfiri.neutral


def test_seed_scores(seed_doc):
    sc = seed_doc.framing.scores
    assert sc["loaded_per_1k.delegitimising_label"] > 10  # a partisan piece: >1 label per 100 words
    assert sc["certainty"] >= 4 and sc["hedges"] >= 3 and sc["rumors"] >= 1
    shares = [sc[f"claim_share.{k}"] for k in ("named", "anonymous", "unspecified", "outlet")]
    assert abs(sum(shares) - 1) < 1e-9 and sc["claim_share.outlet"] > 0.5
    assert sc["overall"] == pytest.approx(
        sc["loaded_outlet_voice_per_1k"] + sc["certainty_per_1k"] - 10 * sc["claim_share.named"]
    )


VOICE_TEXT = (
    "The so-called Syrian Salvation Government issued new rules in Idlib. "
    "Hayat Tahrir al-Sham, which was designated a terrorist organisation by the United States, "
    'controls the city. A commander said: "The mercenaries fled the village." '
    "The Kurdish-led forces took control of the town on Monday."
)


def test_voice_rules():
    doc = lanner.analyze(VOICE_TEXT, outlet="Test Wire")
    by_text = {t.span.text: t for t in doc.framing.loaded_terms}
    assert by_text["terrorist organisation"].voice == "official"
    assert by_text["mercenaries"].voice == "quoted"
    assert all(t.voice != "outlet" for t in doc.framing.loaded_terms)
    assert doc.framing.scores["loaded_outlet_voice_per_1k"] == 0


def test_neutral_report_has_no_loaded_terms():
    text = (
        "Government forces and opposition fighters clashed near the town of Saraqib on Tuesday, "
        "the Syrian Observatory for Human Rights said. Four fighters were killed in the attack."
    )
    doc = lanner.analyze(text, outlet="Test Wire")
    assert doc.framing.loaded_terms == []
    assert doc.framing.scores["claim_share.named"] > 0
