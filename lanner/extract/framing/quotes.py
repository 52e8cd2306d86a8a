"""Scare quotes: a short phrase set in quotation marks inside a sentence of the writer's own, or after
"so-called", which does in words what the quotation marks do in print.

Why they are loaded language: a writer who puts "moderate rebels" or "peace process" in quotes either
repeats someone's label to mock it or hangs a label on someone while disowning it; both are the
labelling the PTC guidelines call Name_Calling and Loaded_Language. A quotation is a scare quote, not
reported speech, when it is at most a few words, has no finite verb (speech has one) and is not a
name or a title alone (names and titles are quoted to mark them, not to judge).
"""

from __future__ import annotations

import re
from typing import Any

from lanner.model import LoadedTerm, Span
from lanner.nlp.load import doc_text

MAX_WORDS = 4
QUOTED = re.compile(r"“([^“”\n]{2,60}?)”|‘([^‘’\n]{2,60}?)’|\"([^\"\n]{2,60}?)\"")
CONTENT = {"NOUN", "ADJ", "ADV"}
NOT_LABEL = {"VERB", "AUX"}
CATEGORY = "scare-quoted label"


def _is_label(span: Any) -> bool:
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words or len(words) > MAX_WORDS:
        return False
    if any(t.pos_ in NOT_LABEL and t.tag_ not in ("VBN", "VBG") for t in words):
        return False
    return any(t.pos_ in CONTENT for t in words)


def _trim(span: Any) -> Any | None:
    """Drop the punctuation that American style puts inside the closing quote ("a stunt.")."""
    start, end = span.start, span.end
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    return span.doc[start:end] if end > start else None


def _inside_sentence(span: Any) -> bool:
    """The quotation is part of a longer sentence (a quoted headline or one-word reply is not)."""
    sent = span[0].sent
    outside = [t for t in sent if not (t.is_punct or t.is_space) and not (span.start <= t.i < span.end)]
    return len(outside) >= 3


def _so_called(doc: Any, text: str) -> list[LoadedTerm]:
    """ "the so-called Salvation Government": the words after "so-called" are a label the writer disowns."""
    out: list[LoadedTerm] = []
    for tok in doc:
        if tok.lower_ != "called" or tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 2].lower_ != "so":
            continue
        start = tok.i + 1
        while start < len(doc) and doc[start].is_punct:
            start += 1  # so-called "experts"
        if start >= len(doc):
            continue
        head = doc[start]
        while (
            head.dep_ in ("compound", "amod", "nmod", "det", "punct")
            and start < head.head.i <= start + MAX_WORDS
        ):
            head = head.head  # "Syrian" -> "Salvation" -> "Government"
        if head.pos_ in ("NOUN", "PROPN") and 0 <= head.i - start <= MAX_WORDS:
            s0, s1 = doc[start].idx, head.idx + len(head.text)
            out.append(LoadedTerm(span=Span.of(text, s0, s1), term=doc[start : head.i + 1].text.lower(),
                                  category=CATEGORY, voice="quoted"))  # fmt: skip
    return out


def find_scare_quotes(doc: Any) -> list[LoadedTerm]:
    text = doc_text(doc)
    out = _so_called(doc, text) if "so-called" in text.lower() else []
    if not any(q in text for q in ('"', "“", "‘")):
        return out
    for m in QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
        if span is not None:
            span = _trim(span)
        if span is None or not _is_label(span) or not _inside_sentence(span):
            continue
        s0, s1 = span[0].idx, span[-1].idx + len(span[-1].text)
        if any(t.span.start < s1 and s0 < t.span.end for t in out):
            continue  # so-called "experts": one label
        out.append(
            LoadedTerm(
                span=Span.of(text, s0, s1),
                term=span.text.lower(),
                category=CATEGORY,
                voice="quoted",
            )
        )
    return out
