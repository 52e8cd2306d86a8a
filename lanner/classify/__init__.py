"""Event-type classification: which CASE 2021 / ACLED sub-event type a sentence or snippet reports.

The EVENTS stage calls `classify` per sentence, `acled_for` to turn a label into ACLED names and
`scope` to keep crime, disasters and diplomacy out of political-violence coding. The model is a small
numpy artefact under `lanner/data/models/event_types/` built by `scripts/train_classifier.py`.
"""

from __future__ import annotations

import functools

from lanner.classify.encoder import available as encoder_available
from lanner.classify.labels import acled_for, label_for_sub_event, label_table, scope_of
from lanner.classify.model import MODEL_DIR, load_embedder, load_head, precise_features


def classify_many(texts: list[str], precise: bool = False) -> list[list[tuple[str, float]]]:
    """Labels with probabilities for each text, most probable first.

    `precise`: add the contextual encoder (a few ms a sentence instead of a fraction of one); for single
    snippets and for the sentences that carry a coded event. Falls back to the static head when the
    encoder or its head is not installed."""
    if not texts:
        return []
    embedder = load_embedder()
    if precise and _precise_ready():
        head = load_head(name="precise_head")
        probs = head.proba(precise_features(embedder, list(texts)))
    else:
        head = load_head()
        probs = head.proba(embedder.features(list(texts)))
    out = []
    for row in probs:
        order = row.argsort()[::-1]
        out.append([(head.labels[i], float(row[i])) for i in order])
    return out


def classify(text: str, precise: bool = False) -> list[tuple[str, float]]:
    """Labels with probabilities for one text, most probable first."""
    return classify_many([text], precise)[0]


@functools.cache
def _precise_ready() -> bool:
    return (MODEL_DIR / "precise_head_weights.npy").exists() and encoder_available()


def scope(text: str) -> str:
    """ "conflict", "crime", "disaster", "diplomacy" or "other" for the most probable label."""
    return scope_of(classify(text)[0][0])


__all__ = [
    "acled_for",
    "classify",
    "classify_many",
    "label_for_sub_event",
    "label_table",
    "scope",
    "scope_of",
]
