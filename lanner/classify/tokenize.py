"""BERT-style WordPiece tokenisation, in plain Python, for the static embedding table.

Why our own: the embedding table was distilled from all-MiniLM-L6-v2, whose vocabulary is WordPiece;
re-implementing the ~40 lines of the algorithm avoids a runtime dependency on `tokenizers` and keeps a
call well under a millisecond. Training and inference both go through this function, so they agree.
"""

from __future__ import annotations

import re
import unicodedata

MAX_WORD = 100
# For pure-ASCII text (most English news) the rules below reduce to: runs of letters/digits, and each ASCII
# punctuation mark alone; whitespace and control characters separate. One regex pass is ~10x faster.
_ASCII_WORDS = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_words(text: str) -> list[str]:
    """Lowercase, strip accents, split on whitespace and punctuation (each mark its own word)."""
    if text.isascii():
        return _ASCII_WORDS.findall(text.lower())
    return _unicode_words(text)


def _unicode_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.lower())
    words: list[str] = []
    cur: list[str] = []
    for ch in text:
        if unicodedata.category(ch) == "Mn":
            continue
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            if cur:
                words.append("".join(cur))
                cur = []
        elif _is_punct(ch):
            if cur:
                words.append("".join(cur))
                cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


def wordpiece_ids(text: str, vocab: dict[str, int]) -> list[int]:
    """Greedy longest-match-first WordPiece; a word with no full segmentation is dropped (unknown)."""
    ids: list[int] = []
    for word in basic_words(text):
        whole = vocab.get(word)
        if whole is not None:
            ids.append(whole)
            continue
        if len(word) > MAX_WORD:
            continue
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                found = vocab.get(sub)
                if found is not None:
                    break
                end -= 1
            if found is None:
                pieces = []
                break
            pieces.append(found)
            start = end
        ids.extend(pieces)
    return ids


def word_features(text: str, bigrams: bool = True) -> set[str]:
    """Lowercased words, and adjacent word pairs ("tear gas", "took control"), for word-presence features."""
    words = [w for w in basic_words(text) if any(ch.isalnum() for ch in w)]
    out = set(words)
    if bigrams:
        out.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return out
