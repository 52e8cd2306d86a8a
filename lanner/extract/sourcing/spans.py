"""Token-range helpers over the dependency parse: spans, trimming, and the clause a token governs."""

from __future__ import annotations

from typing import Any

from lanner.model import Span
from lanner.nlp.load import doc_text

EDGE_JUNK = {"PUNCT", "CCONJ", "SPACE"}
CLOSERS = {")": "(", "]": "[", "”": "“", "’": "‘", '"': '"'}


def char_span(doc: Any, start: int, end: int) -> Span | None:
    """The Span over tokens [start, end), or None when the range is empty."""
    if end <= start:
        return None
    text = doc_text(doc)
    return Span.of(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def trim(doc: Any, start: int, end: int, lead: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Drop punctuation, conjunctions and `lead` words (e.g. 'that') from both ends of a token range."""
    while start < end and (doc[start].pos_ in EDGE_JUNK or doc[start].lower_ in lead or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].pos_ in EDGE_JUNK or doc[end - 1].is_space):
        if doc[end - 1].text in CLOSERS and CLOSERS[doc[end - 1].text] in doc[start : end - 1].text:
            break  # keep "(SDF)" whole: its opener is inside the range
        end -= 1
    return start, end


def sent_bounds(tok: Any) -> tuple[int, int]:
    """The token's sentence, clipped at line breaks (headlines run into the next paragraph's sentence)."""
    sent = tok.sent
    start, end = sent.start, sent.end
    for i in range(tok.i - 1, sent.start - 1, -1):
        if "\n" in tok.doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(tok.i, sent.end):
        if "\n" in tok.doc[i].text_with_ws:
            end = i + 1
            break
    return start, end


def has_subject(tok: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def clause_range(tok: Any) -> tuple[int, int]:
    """The clause `tok` heads: its subtree, cut before a following conjoined clause with its own subject.

    Why the cut: "X probably did A, and Y did B" hedges A only; the parse hangs the second clause off
    the first verb as `conj`.
    """
    s0, s1 = sent_bounds(tok)
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.rights:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and has_subject(child):
            right = min(right, child.left_edge.i)
            break
    return max(left, s0), min(right, s1)


def governing_verb(tok: Any) -> Any:
    """The nearest verb at or above `tok` (a modal or adverb is governed by its verb)."""
    cur = tok
    if cur.dep_ in ("aux", "auxpass", "advmod", "neg") and cur.head.i != cur.i:
        cur = cur.head
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    return cur


def phrase_root(doc: Any, start: int, end: int) -> Any:
    """The token of [start, end) whose head lies outside it (the phrase's syntactic head)."""
    for i in range(start, end):
        h = doc[i].head
        if h.i < start or h.i >= end or h.i == i:
            return doc[i]
    return doc[start]
