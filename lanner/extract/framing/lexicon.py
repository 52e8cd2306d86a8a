"""Lexicon files and a phrase matcher over spaCy tokens, shared by sourcing and framing.

Why our own matcher and not spaCy's PhraseMatcher: a term word must match either the surface form or the
lemma ("rumors of" = "rumours of", "terrorist" = "terrorists"), optionally constrained by POS/tag ("may"
only as a modal), and overlapping hits must resolve to the longest one.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicons"


@functools.cache
def read_lexicon(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `lanner/data/lexicons/<name>.csv`, comments (#) and blank terms skipped."""
    path = LEXICON_DIR / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (next(iter(r.values())) or "").strip()]
    return tuple(r for r in rows if not next(iter(r.values())).startswith("#"))


def _tokenize(term: str) -> tuple[str, ...]:
    from lanner.nlp import load_nlp

    return tuple(t.lower_ for t in load_nlp().tokenizer(term.strip()))


@dataclass(frozen=True)
class Hit:
    start: int  # token index
    end: int  # token index, exclusive
    row: dict[str, str]


class PhraseIndex:
    """Longest-match lookup of lexicon terms in a spaCy Doc (surface form or lemma, lower-cased)."""

    def __init__(self, rows: tuple[dict[str, str], ...], key: str = "term", pos_key: str = "pos") -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], int, dict[str, str]]]] = {}
        for order, row in enumerate(rows):
            words = _tokenize(row[key])
            if words:
                self.by_first.setdefault(words[0], []).append((words, order, row))
        for cands in self.by_first.values():
            cands.sort(key=lambda c: (-len(c[0]), c[1]))
        self.pos_key = pos_key

    @staticmethod
    def _forms(tok: Any) -> tuple[str, str]:
        return tok.lower_, tok.lemma_.lower()

    def _pos_ok(self, tok: Any, row: dict[str, str]) -> bool:
        want = (row.get(self.pos_key) or "").strip()
        return not want or bool({tok.tag_, tok.pos_} & set(want.split("|")))

    def find(self, doc: Any) -> list[Hit]:
        hits: list[Hit] = []
        i, n = 0, len(doc)
        while i < n:
            best: Hit | None = None
            best_order = -1
            forms = self._forms(doc[i])
            for form in forms if forms[0] != forms[1] else forms[:1]:
                for words, order, row in self.by_first.get(form, ()):
                    end = i + len(words)
                    if end > n or (best and end - i < best.end - best.start):
                        continue
                    if best and end - i == best.end - best.start and order >= best_order:
                        continue  # same length: the row listed first wins, whichever form found it
                    if all(w in self._forms(doc[i + k]) for k, w in enumerate(words)) and self._pos_ok(
                        doc[i], row
                    ):
                        best, best_order = Hit(i, end, row), order
            if best:
                hits.append(best)
                i = best.end
            else:
                i += 1
        return hits


@functools.cache
def phrase_index(name: str, key: str = "term") -> PhraseIndex:
    return PhraseIndex(read_lexicon(name), key=key)


@functools.cache
def lexicon_map(name: str, key: str, value: str) -> dict[str, str]:
    return {r[key].strip().lower(): r[value].strip() for r in read_lexicon(name)}
