"""Sentence-level media bias: how likely a sentence is written in a one-sided, opinionated way.

Why this shape: expert bias labels (BABE) hinge on the writer's evaluative words, sneers and sweeping
claims in context, which a static sentence embedding (the model2vec table the event classifier already
loads; word meaning at table-lookup cost) captures better than word counts. Lexicon counts (pattern
subjectivity, VADER valence and boosters, superlatives, quotation, numbers) were measured as extra
features and lowered BABE dev macro-F1 (0.698 -> 0.66): each separates BABE's labels only weakly
(AUC 0.54-0.61) while separating our written sentences strongly, so the head over-trusted them. A
logistic head trained by `scripts/train_bias.py` on sentences written for Lanner
(`lanner/data/bias/training.jsonl`) reads the embedding. One table lookup per word: cheap enough to run
on every sentence of every document.

Texts of one or two sentences (a sentence checked on its own, a headline with its lead, a quote, a post)
are also read by the contextual encoder (`lanner.classify.encoder`, int8 ONNX all-MiniLM-L6-v2): BABE dev
sentence macro-F1 0.694 static vs 0.715 with both. It reads ~50 news sentences/s on 2 cores, slower than
spaCy itself, so longer documents keep the static head (0.6% of the FA-KES benchmark's sentences take
the contextual path). When the encoder or its head is missing, everything uses the static head.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lanner.classify import encoder
from lanner.classify.model import load_embedder
from lanner.model import BiasedSentence, Span
from lanner.pipeline import WorkDoc

DATA = Path(__file__).resolve().parents[2] / "data" / "bias"
PRECISE_MAX_SENTENCES = 2  # texts this short also get the contextual encoder
THRESHOLD = 0.5  # by principle: the head is class-balanced, so 0.5 is "more likely biased than not"


@dataclass(frozen=True)
class BiasHead:
    weights: np.ndarray  # (dim,)
    bias: float

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))


@functools.cache
def load_bias_head(name: str = "head") -> BiasHead:
    """`head` reads the static embedding; `head_precise` the static embedding + the contextual vector."""
    head = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return BiasHead(np.asarray(head["weights"], dtype=np.float32), float(head["bias"]))


def precise_ready() -> bool:
    return (DATA / "head_precise.json").exists() and encoder.available()


def sentence_features(text: str) -> np.ndarray:
    """The static sentence embedding the event classifier uses (zeros when no word is in the vocabulary)."""
    emb = load_embedder()
    vec = emb.embed(text)
    return np.zeros(emb.table.shape[1], dtype=np.float32) if vec is None else vec


def features(texts: list[str], precise: bool = False) -> np.ndarray:
    """Static embeddings, followed by the contextual vectors when `precise`."""
    x = np.vstack([sentence_features(t) for t in texts])
    return np.hstack([x, encoder.encode(texts)]) if precise else x


def score_texts(texts: list[str], precise: bool = False) -> list[float]:
    """Probability that each text (one sentence) is written in a biased way.

    `precise` adds the contextual encoder (when installed): a few ms a sentence instead of microseconds."""
    if not texts:
        return []
    precise = precise and precise_ready()
    head = load_bias_head("head_precise" if precise else "head")
    return [float(p) for p in head.proba(features(texts, precise))]


def score_sentences(doc: Any) -> list[tuple[Any, float]]:
    """(spaCy sentence, probability it is biased) for each sentence with at least one word; short texts
    (up to PRECISE_MAX_SENTENCES sentences) are read with the contextual encoder as well."""
    sents = [s for s in doc.sents if any(not (t.is_punct or t.is_space) for t in s)]
    precise = len(sents) <= PRECISE_MAX_SENTENCES
    return list(zip(sents, score_texts([s.text for s in sents], precise), strict=True))


def find_biased_sentences(wd: WorkDoc) -> None:
    """Set `framing.biased_sentences` and `framing.scores["biased_sentence_share"]` (share over THRESHOLD)."""
    fr = wd.out.framing
    scored = score_sentences(wd.sdoc)
    fr.biased_sentences = [
        BiasedSentence(span=Span(start=s.start_char, end=s.end_char, text=s.text), score=round(p, 4))
        for s, p in scored
        if p >= THRESHOLD
    ]
    fr.scores["biased_sentence_share"] = len(fr.biased_sentences) / len(scored) if scored else 0.0
