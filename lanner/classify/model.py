"""The event-type model: static sentence embedding + cue features -> multinomial logistic regression.

Why this shape: a static embedding table distilled from all-MiniLM-L6-v2 (model2vec method) carries
the transformer's sense of word meaning at table-lookup cost (a few microseconds a sentence, no
torch at run time); the cue features from `lanner/data/models/keywords.yaml` let a small head trained
on a thousand hand-written sentences latch onto the words an analyst would. Everything is numpy, and
the artefact is loaded from the package directory, never from a hub.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from lanner.classify.tokenize import word_features, wordpiece_ids

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "event_types"
KEYWORDS = Path(__file__).resolve().parents[1] / "data" / "models" / "keywords.yaml"
CUE_WEIGHT = 0.5  # cue features are 0/CUE_WEIGHT so they sit on the scale of the unit-norm embedding
COMPOSITE_WEIGHT = 1.0  # who-does-what cues ("government forces ... recaptured")
WORD_WEIGHT = 0.3  # word-presence features (training vocabulary), same reasoning
BIGRAMS = True  # word pairs as well as single words in the word-presence features
LEAD_WEIGHT = 1.0  # the lead sentence's own embedding: news puts the event first, context after
ENCODER_SCALE = 2.0  # the contextual vector's weight in the precise head's features
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'])[.!?]\s+(?=[A-Z\"'])")


CHUNK_CACHE_MAX = 1 << 16  # distinct whitespace chunks kept; news repeats its words


@dataclass(frozen=True)
class Embedder:
    vocab: dict[str, int]
    table: np.ndarray  # (vocab, dim) float32
    cue_labels: tuple[str, ...]
    cues: tuple[re.Pattern[str], ...]
    words: dict[str, int]  # word-presence features: the training vocabulary, empty before training
    chunk_ids: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dim(self) -> int:
        return 2 * self.table.shape[1] + len(self.cues) + len(self.words)

    def _ids(self, text: str) -> list[int]:
        """WordPiece ids chunk by chunk (the same ids as the whole text: the pre-split breaks on
        whitespace), cached per chunk because segmenting is the main cost of an embedding."""
        ids: list[int] = []
        cache = self.chunk_ids
        for chunk in text.split():
            got = cache.get(chunk)
            if got is None:
                if len(cache) >= CHUNK_CACHE_MAX:
                    cache.clear()
                got = cache[chunk] = tuple(wordpiece_ids(chunk, self.vocab))
            ids.extend(got)
        return ids

    def embed(self, text: str) -> np.ndarray | None:
        """The unit-norm mean static embedding of a text; None when no word is in the vocabulary."""
        ids = self._ids(text)
        if not ids:
            return None
        v = self.table[ids].mean(axis=0)
        norm = float(np.linalg.norm(v))
        return v / norm if norm > 0 else v

    def features(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        width = 2 * self.table.shape[1]
        half = self.table.shape[1]
        for i, text in enumerate(texts):
            whole = self.embed(text)
            if whole is not None:
                out[i, :half] = whole
                lead = _SENTENCE_END.split(text, maxsplit=1)[0]
                lead_v = whole if len(lead) == len(text) else self.embed(lead)
                if lead_v is not None:
                    out[i, half:width] = LEAD_WEIGHT * lead_v
            for j, cue in enumerate(self.cues):
                if cue.search(text):
                    out[i, width + j] = COMPOSITE_WEIGHT if "+" in self.cue_labels[j] else CUE_WEIGHT
            base = width + len(self.cues)
            for w in word_features(text, BIGRAMS):
                j = self.words.get(w)
                if j is not None:
                    out[i, base + j] = WORD_WEIGHT
        return out


@functools.cache
def load_embedder(model_dir: Path = MODEL_DIR) -> Embedder:
    vocab_words = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    vocab = {w: i for i, w in enumerate(vocab_words) if w}
    table = np.load(model_dir / "embeddings.npy").astype(np.float32)
    raw = yaml.safe_load(KEYWORDS.read_text(encoding="utf-8"))
    labels = tuple(sorted(raw))
    cues = tuple(re.compile(r"\b(?:" + "|".join(raw[lab]) + r")\b", re.I) for lab in labels)
    words_file = model_dir / "words.txt"
    words = words_file.read_text(encoding="utf-8").split("\n") if words_file.exists() else []
    return Embedder(vocab, table, labels, cues, {w: i for i, w in enumerate(x for x in words if x)})


@dataclass(frozen=True)
class Head:
    labels: tuple[str, ...]
    weights: np.ndarray  # (dim, labels)
    bias: np.ndarray  # (labels,)

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@functools.cache
def load_head(model_dir: Path = MODEL_DIR, name: str = "head") -> Head:
    """`head`: over the static features; `precise_head`: over encoder vector + static features."""
    labels = tuple(w for w in (model_dir / "labels.txt").read_text(encoding="utf-8").split("\n") if w)
    return Head(labels, np.load(model_dir / f"{name}_weights.npy"), np.load(model_dir / f"{name}_bias.npy"))


def precise_features(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """The contextual vector (scaled up: it is one unit vector against many cue and word features) in
    front of the static features."""
    from lanner.classify.encoder import encode

    return np.hstack([ENCODER_SCALE * encode(texts), embedder.features(texts)])
