"""The loaded-language tagger: a logistic head over cheap per-token features (framing_tagger_features)
that says, token by token, whether a word is part of a loaded expression *in this context*.

Why: the lexicons know which words can be loaded, not when they are: "brutal" is loaded about a regime
and plain about a winter, "attack" is plain in a wire report and loaded in "a vicious attack on
free speech". A head trained on sentences written and annotated for Lanner
(`lanner/data/framing/loaded_corpus_*.jsonl`, by `scripts/train_loaded_tagger.py`) weighs the lexicon
evidence against the word's neighbours, its grammar and the tone of its sentence. Spans are maximal runs
of tokens at or above the threshold, which the training script chose by cross-validation on that corpus
(never on PTC). `framing_loaded` decides how the runs combine with the lexicon candidates (`mode`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lanner.extract.framing.lexicon import Hit
from lanner.extract.framing.tagger_features import feature_dim, token_features

HEAD_FILE = Path(__file__).resolve().parents[2] / "data" / "framing" / "tagger.json"
EDGE_DROP = {"DET", "PUNCT", "CCONJ", "ADP", "PRON", "PART", "SCONJ", "AUX", "SPACE"}


@dataclass(frozen=True)
class Tagger:
    weights: np.ndarray  # (feature_dim,)
    bias: float
    threshold: float
    mode: str  # "filter" | "extend" | "union" | "tagger": see framing_loaded.combine

    def proba(self, doc: Any, hits: Sequence[Hit], sents: Sequence[tuple[int, int]] | None = None) -> Any:
        """Per-token probability over the whole document; tokens outside `sents` (token ranges of whole
        sentences; default all) are not read and get 0."""
        out = np.zeros(len(doc), dtype=np.float32)
        if sents is None:
            sents = [(s.start, s.end) for s in doc.sents]
        if not sents:
            return out
        z = token_features(doc, hits, sents) @ self.weights + self.bias
        out[np.concatenate([np.arange(a, b) for a, b in sents])] = 1.0 / (1.0 + np.exp(-z))
        return out


@functools.cache
def load_tagger(path: Path = HEAD_FILE) -> Tagger | None:
    """The trained head, or None when it is missing or was trained on another feature layout (then the
    lexicon pipeline runs alone, as before the tagger existed)."""
    if not path.exists():
        return None
    head = json.loads(path.read_text(encoding="utf-8"))
    weights = np.asarray(head["weights"], dtype=np.float32)
    if weights.shape[0] != feature_dim():
        return None
    return Tagger(weights, float(head["bias"]), float(head["threshold"]), str(head.get("mode", "filter")))


def runs(doc: Any, proba: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Maximal runs of tokens at or above the threshold inside one sentence, trimmed of function words at
    the edges; runs with no content word left are dropped."""
    out: list[tuple[int, int]] = []
    on = np.flatnonzero(np.asarray(proba) >= threshold).tolist()  # few tokens: the loop is over these
    k = 0
    while k < len(on):
        i = j = on[k]
        k += 1
        while k < len(on) and on[k] == j + 1 and not _breaks(doc, on[k]):
            j = on[k]
            k += 1
        s, e = i, j + 1
        while s < e and doc[s].pos_ in EDGE_DROP:
            s += 1
        while e > s and doc[e - 1].pos_ in EDGE_DROP:
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _breaks(doc: Any, j: int) -> bool:
    """A run does not cross a sentence start or a line break."""
    return bool(doc[j].is_sent_start) or "\n" in doc[j - 1].text_with_ws
