"""The contextual path of the sentence-bias scorer: MiniLM sentence vectors beside the static embedding.

Why: the static table averages word vectors, so it cannot tell "critics slammed the plan" from a report
that critics criticised it as well as a transformer reading the words in context does (BABE dev sentence
macro-F1 0.694 static vs 0.718 with both). Why only for short texts: the encoder
(`lanner.classify.encoder`, int8 ONNX all-MiniLM-L6-v2) reads ~50 news sentences/s on 2 cores, slower
than spaCy itself, so running it on every sentence of every document would halve throughput. Texts of one
or two sentences (a sentence checked on its own, a headline with its lead, a quote, a post) get it: 0.6%
of the sentences of the FA-KES benchmark articles. Longer documents keep the static head. When the encoder
or its head is missing, everything uses the static head.
"""

from __future__ import annotations

import functools

import numpy as np

PRECISE_MAX_SENTENCES = 2


@functools.cache
def encoder_ready() -> bool:
    try:
        from lanner.classify.encoder import available
    except ImportError:
        return False
    return available()


def contextual(texts: list[str]) -> np.ndarray:
    """(n, 384) unit sentence vectors from the contextual encoder."""
    from lanner.classify.encoder import encode

    return encode(texts)
