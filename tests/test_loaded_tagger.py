"""The loaded-language tagger through the real pipeline: sentences of our own, the shipped head."""

from __future__ import annotations

import numpy as np

import lanner
from lanner.extract.framing.loaded import _hits, find_loaded
from lanner.extract.framing.tagger import load_tagger
from lanner.extract.framing.tagger_features import feature_dim, token_features
from lanner.nlp import load_nlp


def test_shipped_head_matches_the_feature_layout():
    tagger = load_tagger()
    assert tagger is not None, "tagger.json missing or stale: run scripts/train_loaded_tagger.py"
    assert tagger.weights.shape == (feature_dim(),)
    assert 0.0 < tagger.threshold < 1.0
    assert tagger.mode in ("filter", "extend", "anchored")


def test_an_obvious_epithet_is_tagged():
    doc = lanner.analyze("The spineless cowards on the council betrayed every family in this town.")
    assert any("cowards" in t.span.text for t in doc.framing.loaded_terms)


def test_a_neutral_wire_sentence_about_killing_is_not():
    doc = lanner.analyze(
        "Three soldiers were killed in an attack on a checkpoint near the border on Sunday, the army said."
    )
    assert doc.framing.loaded_terms == []


def test_candidates_that_grow_into_one_phrase_stay_apart():
    text = "This shameless gang of crooks has looted the treasury while honest workers starve."
    got = find_loaded(load_nlp()(text))
    spans = sorted((t.span.start, t.span.end) for t in got)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert any(t.span.text.endswith("crooks") and t.category == "delegitimising label" for t in got)


def test_features_of_some_sentences_equal_those_of_the_whole_document():
    """The pipeline reads only the sentences that hold a candidate; training reads all of them."""
    doc = load_nlp()('Officials met on Monday. The "reform" is a cruel hoax on the poor. Talks resume soon.')
    sents = [(s.start, s.end) for s in doc.sents]
    assert len(sents) == 3
    hits = _hits(doc)
    whole = token_features(doc, hits)
    part = token_features(doc, hits, sents[1:2])
    assert np.allclose(whole[sents[1][0] : sents[1][1]], part, atol=1e-6)  # float32 running sums
