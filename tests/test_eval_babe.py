"""BABE: the sentence-bias scorer stays at its floor and above the loaded-term baseline it replaced."""

from __future__ import annotations

from lanner.eval import below_floor, floors, run_suite

LOADED_TERM_BASELINE = 0.586  # sentence macro-F1 when "has a loaded term" was the prediction


def test_babe_floors():
    metrics = run_suite("babe")
    assert set(floors("babe")) <= {m.name for m in metrics}
    assert below_floor(metrics) == []
    sentence = next(m for m in metrics if m.name == "sentence_macro_f1")
    assert sentence.value > LOADED_TERM_BASELINE
