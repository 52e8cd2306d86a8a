"""Parse long texts in bounded windows and join the parses back into one `Doc` over the whole text.

Why: spaCy's parser and NER keep per-document buffers that grow with length (its own E088 warns of
~1 GB per 100,000 characters), and one 2-million-character `Doc` either raises E088 or swaps. Cutting
the text at paragraph breaks into windows of at most `WINDOW` characters and parsing them with
`nlp.pipe` keeps memory bounded by the window, not the text. Each window keeps its trailing whitespace,
so the windows concatenate back to the exact text and `Doc.from_docs` gives one `Doc` whose token
offsets are offsets into the whole text: every span downstream needs no remapping.
"""

from __future__ import annotations

import re
from typing import Any

WINDOW = 20_000  # characters; a long news report is ~10,000

# Preferred cut points, best first: a blank line, a line break, a sentence end, any whitespace.
_CUTS = (
    re.compile(r"\n\s*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?]['\")\]]?\s+"),
    re.compile(r"\s+"),
)


def split_windows(text: str, size: int = WINDOW) -> list[str]:
    """Pieces of at most `size` characters (a hard cut only when a piece has no whitespace at all),
    each ending at a natural break; `"".join(pieces) == text`."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = 0
        for pattern in _CUTS:
            # the last break in the second half of the window, so windows stay reasonably full
            for m in pattern.finditer(text, start + size // 2, end):
                cut = m.end()
            if cut:
                break
        cut = cut if cut > start else end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_long(nlp: Any, text: str, size: int = WINDOW) -> Any:
    """One `Doc` for `text`, parsed window by window when it is longer than `size`."""
    if len(text) <= size:
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(split_windows(text, size)))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    return doc


def pipe_short(nlp: Any, texts: list[str], batch_size: int = 32, size: int = WINDOW) -> list[Any]:
    """Parse the texts of at most `size` characters together with `nlp.pipe`; None for longer ones,
    which the `nlp` stage then parses window by window, each document on its own."""
    short = [i for i, t in enumerate(texts) if len(t) <= size]
    out: list[Any] = [None] * len(texts)
    for i, doc in zip(short, nlp.pipe([texts[i] for i in short], batch_size=batch_size), strict=True):
        out[i] = doc
    return out
