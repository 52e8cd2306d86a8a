"""Whether a phrase can be a source, and which kind: named, anonymous or unspecified.

Used by the attribution finder and by the claimant resolver, so it sits below both.
"""

from __future__ import annotations

from typing import Any

from lanner.extract.framing.lexicon import lexicon_map
from lanner.model import AttributionKind

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}


def source_kind(doc: Any, head: Any, start: int, end: int, passive: bool = False) -> AttributionKind | None:
    """named / anonymous / unspecified for a source phrase, or None when it cannot be a source.

    "Syrian sources" stays anonymous; "a US official" is named (a GPE/ORG/NORP/PROPN qualifies the
    role); "reports" and "rumors" are unspecified; a common noun that names no speaker is rejected.
    """
    lemma = head.lemma_.lower()
    kinds = lexicon_map("attribution_sources", "head", "kind")
    kind = kinds.get(lemma) or kinds.get(head.lower_)
    qualified = any(
        doc[i].pos_ == "PROPN" or doc[i].ent_type_ in ENTITY_LABELS for i in range(start, end) if i != head.i
    )
    if kind == "anonymous":
        return "named" if qualified and lemma not in ("source", "insider") else "anonymous"
    if kind == "unspecified":
        if lemma == "it" and not passive:
            return None
        has_owner = any(c.dep_ == "poss" for c in head.children)
        return "named" if has_owner else "unspecified"
    if kind == "named" or head.pos_ == "PROPN" or head.ent_type_ in ENTITY_LABELS:
        return "named"
    if head.pos_ == "PRON" and lemma in FIRST_SECOND_PERSON:
        return None  # "I think" sits inside a quote whose speaker is the real source
    if head.pos_ == "PRON" and lemma not in ("it", "this", "that", "what"):
        return "named"  # "he", "they", and relative "who" (PolNeAR marks the pronoun itself)
    return None
