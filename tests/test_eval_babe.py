"""BABE: the sentence-bias scorer stays at its floors and above the loaded-term baseline it replaced."""

from __future__ import annotations

from lanner.eval import below_floor, floors, run_suite
from lanner.extract.framing.bias import precise_ready

LOADED_TERM_BASELINE = 0.586  # sentence macro-F1 when "has a loaded term" was the prediction


def test_babe_floors():
    metrics = run_suite("babe")
    assert set(floors("babe")) <= {m.name for m in metrics}
    failures = below_floor(metrics)
    if not precise_ready():  # without the contextual encoder every row takes the static path
        failures = [f for f in failures if not f.startswith("babe/sentence_macro_f1 ")]
    assert failures == []
    value = {m.name: m.value for m in metrics}
    assert value["sentence_macro_f1_static"] > LOADED_TERM_BASELINE
    if precise_ready():
        assert value["sentence_macro_f1"] > value["sentence_macro_f1_static"]
