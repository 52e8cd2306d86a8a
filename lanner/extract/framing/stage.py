"""Loaded language and the per-document framing scores (definitions in docs/framing.md).

The scores are rates per 1,000 words so that a 200-word wire story and a 2,000-word op-ed compare;
the attribution mix is over claims (sentences), because events are extracted after this stage and
the outlet's sourcing habits show in every claim, not only in events.
"""

from __future__ import annotations

from typing import Any

from lanner.extract.framing.bias import find_biased_sentences
from lanner.extract.framing.loaded import find_loaded
from lanner.model import Attribution, LoadedTerm, Marker
from lanner.pipeline import WorkDoc

KINDS = ("named", "anonymous", "unspecified", "outlet")
NAMED_WEIGHT = 10.0
MILD = "mild label"


def counts_as_own(term: LoadedTerm) -> bool:
    """Loaded terms the outlet answers for: its own voice, and not a mild label ("rebels")."""
    return term.voice == "outlet" and term.category != MILD


def slug(category: str) -> str:
    return category.strip().lower().replace(" ", "_").replace("-", "_")


def word_count(doc: Any) -> int:
    return sum(1 for t in doc if not (t.is_punct or t.is_space))


def _covers(c0: int, c1: int, s0: int, s1: int) -> bool:
    """An attribution's content covers a sentence when it spans at least 40% of it."""
    return min(s1, c1) - max(s0, c0) >= 0.4 * max(1, s1 - s0)


def claim_mix(doc: Any, attributions: list[Attribution]) -> dict[str, int]:
    """How many sentences are the outlet's own claims vs attributed, by the innermost attribution's kind."""
    mix = dict.fromkeys(KINDS, 0)
    for sent in doc.sents:
        if not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        s0, s1 = sent.start_char, sent.end_char
        covering = [a for a in attributions if a.content and _covers(a.content.start, a.content.end, s0, s1)]
        if covering:
            best = min(covering, key=lambda a: a.content.end - a.content.start if a.content else 0)
            mix[best.kind] += 1
        else:
            mix["outlet"] += 1
    return mix


def compute_scores(
    doc: Any, loaded: list[LoadedTerm], hedges: list[Marker], certainty: list[Marker], atts: list[Attribution]
) -> dict[str, float]:
    words = word_count(doc)
    per_k = 1000.0 / words if words else 0.0
    own = [t for t in loaded if counts_as_own(t)]
    scores: dict[str, float] = {
        "words": float(words),
        "loaded_terms": float(len(loaded)),
        "loaded_per_1k": len(loaded) * per_k,
        "loaded_outlet_voice_per_1k": len(own) * per_k,
        "hedges": float(sum(1 for m in hedges if m.kind == "hedge")),
        "rumors": float(sum(1 for m in hedges if m.kind == "rumor")),
        "certainty": float(len(certainty)),
        "hedges_per_1k": len(hedges) * per_k,
        "certainty_per_1k": len(certainty) * per_k,
        "attributions": float(len(atts)),
    }
    for t in loaded:
        key = f"loaded_per_1k.{slug(t.category)}"
        scores[key] = scores.get(key, 0.0) + per_k
    mix = claim_mix(doc, atts)
    claims = sum(mix.values())
    for kind in KINDS:
        scores[f"claims.{kind}"] = float(mix[kind])
        scores[f"claim_share.{kind}"] = mix[kind] / claims if claims else 0.0
    named = scores["claim_share.named"]
    own_voice = scores["loaded_outlet_voice_per_1k"] + scores["certainty_per_1k"]
    scores["overall"] = own_voice - NAMED_WEIGHT * named
    return scores


def find_framing(wd: WorkDoc) -> None:
    """Set `wd.out.framing.loaded_terms` and `wd.out.framing.scores`."""
    fr = wd.out.framing
    fr.loaded_terms = find_loaded(wd.sdoc)
    fr.scores = compute_scores(wd.sdoc, fr.loaded_terms, fr.hedges, fr.certainty, wd.out.attributions)
    find_biased_sentences(wd)
