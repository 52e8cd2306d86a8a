"""Event-type classification: which CASE 2021 / ACLED sub-event type a sentence or snippet reports.

The EVENTS stage calls `classify` per sentence, `acled_for` to turn a label into ACLED names and
`scope` to keep crime, disasters and diplomacy out of political-violence coding. The model is a small
numpy artefact under `lanner/data/models/event_types/` built by `scripts/train_classifier.py`.
"""

from __future__ import annotations

from lanner.classify.labels import acled_for, label_for_sub_event, label_table, scope_of
from lanner.classify.model import load_embedder, load_head


def classify_many(texts: list[str]) -> list[list[tuple[str, float]]]:
    """Labels with probabilities for each text, most probable first."""
    if not texts:
        return []
    head = load_head()
    probs = head.proba(load_embedder().features(list(texts)))
    out = []
    for row in probs:
        order = row.argsort()[::-1]
        out.append([(head.labels[i], float(row[i])) for i in order])
    return out


def classify(text: str) -> list[tuple[str, float]]:
    """Labels with probabilities for one text, most probable first."""
    return classify_many([text])[0]


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
