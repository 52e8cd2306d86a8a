"""How far a loaded term reaches: from the cue word to the phrase that carries the judgement.

Why: a reader (and the PTC/SemEval span annotation) takes "radical leftist mob" or "absolutely
laughable", not "leftist" or "laughable" alone, as the loaded expression; the cue word only tells
where it is. The noun phrase around a nominal or attributive cue is the unit, without its leading
determiner or possessive ("the", "his"), which is grammar rather than wording. An adverb of degree
in front of the phrase ("utterly", "most") intensifies it and belongs to it.
"""

from __future__ import annotations

from typing import Any

from lanner.nlp import noun_chunks

LEAD_DROP = {"DET", "PRON", "PUNCT"}


def chunk_index(doc: Any) -> dict[int, tuple[int, int]]:
    """Token index → (start, end) of the base noun phrase it sits in, leading determiners dropped."""
    out: dict[int, tuple[int, int]] = {}
    try:
        chunks = noun_chunks(doc)
    except ValueError:  # no parse: keep the cue words as they are
        return out
    for ch in chunks:
        start = ch.start
        while start < ch.end - 1 and doc[start].pos_ in LEAD_DROP:
            start += 1
        for i in range(ch.start, ch.end):
            out[i] = (start, ch.end)
    return out


def _degree_adverbs(doc: Any, start: int, end: int) -> int:
    """Step back over adverbs that modify a word of the phrase ("truly evil", "most corrupt")."""
    while start > 0:
        prev = doc[start - 1]
        if prev.pos_ == "ADV" and start <= prev.head.i < end and prev.dep_ == "advmod":
            start -= 1
        else:
            break
    return start


def left_ok(doc: Any, k: int) -> bool:
    """A modifier to the left joins the phrase unless it names or places ("Idlib-based", "Ankara-aligned",
    "2019"): those describe who is labelled, they are not the label."""
    tok = doc[k]
    if tok.pos_ in ("PROPN", "NUM", "PUNCT", "SYM") or tok.pos_ in LEAD_DROP:
        return False
    return not (k > 0 and doc[k - 1].text in ("-", "–"))


def phrase_extent(doc: Any, start: int, end: int, chunks: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Grow [start, end) to the noun phrase it sits in, plus degree adverbs in front.

    The phrase ends at a possessive: in "the militias' infighting" the label is on the possessor.
    """
    if start in chunks:
        c0, c1 = chunks[start]
        while start > c0 and left_ok(doc, start - 1):
            start -= 1
    if end - 1 in chunks:
        c0, c1 = chunks[end - 1]
        k = end
        while k < c1 and doc[k].tag_ != "POS" and doc[k - 1].tag_ != "POS":
            k += 1
        end = k
    return _degree_adverbs(doc, start, end), end
