"""Gazetteer scan: place names of the document's focus countries that the model did not tag.

The small English model knows Aleppo but not Sarmada, Darat Izza or Tal Harmel, and the war's villages
are what its events happen in. Every capitalised run of words (with Arabic articles and particles:
'al-Shuhail', 'Abu-Rasen') is looked up in the gazetteer, longest first; a run becomes a place mention
only if it has a reading in a focus country, and only with evidence against the common word or
person it may also be: a locative cue ('in', 'village of', 'countryside of', '-based'), or a second
signal from the text (it is not an English word, or it is coordinated with another place).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from lanner.nlp.load import doc_text, lower_positions
from lanner.resolve.gazetteer import Gazetteer
from lanner.resolve.place_cues import cues

MAX_TOKENS = 5
MAJOR_FCODES = {"PPLC", "PPLA"}
MAJOR_POPULATION = 100_000
PLACE_DEPS = {"pobj", "conj", "appos"}  # where a one-word place name stands in a sentence without a cue


@dataclass
class Found:
    start: int
    end: int
    name: str
    root: Any
    countries: frozenset[str]
    replaces: tuple[tuple[int, int], ...] = ()  # tagged pieces of the name ('Deir' + 'Zor' in 'Deir ez Zor')


@functools.cache
def english_words() -> frozenset[str]:
    """English dictionary words (the spaCy model's lemmatizer index, WordNet-derived): a name that is
    also such a word ('Ambush', 'West', 'Ruins') needs a locative cue to be read as a place."""
    from lanner.nlp.load import load_nlp

    idx = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset().union(*(set(idx[k]) for k in idx.keys()))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str], frozenset[str]]:
    c = cues()
    return (
        re.compile(c["scan_cue_before"], re.I),
        re.compile(c["scan_cue_after"], re.I),
        frozenset(c["scan_particles"]),
        frozenset(c["scan_never"]),
        frozenset(c["scan_spaced_particles"]),
    )


def _is_common(tok: Any, text_lower: str) -> bool:
    """A word of everyday English: in the dictionary (as itself or its lemma), or written in lower case
    elsewhere in the document."""
    low = tok.lower_
    words = english_words()
    stem = low[:-1] if low.endswith("s") else low  # proper nouns are not lemmatised: 'Drugs', 'Schools'
    return (
        low in words
        or stem in words
        or tok.lemma_.lower() in words
        or tok.is_stop
        or f" {low} " in text_lower
    )


def _runs(sent: Any, particles: frozenset[str], never: frozenset[str]) -> list[list[Any]]:
    """Runs of name tokens: capitalised words, joined by hyphens/apostrophes or opened by a particle."""
    spaced = _patterns()[4]
    runs: list[list[Any]] = []
    cur: list[Any] = []
    toks = list(sent)
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        cap = tok.text[:1].isupper() and tok.is_alpha and not (tok.is_upper and len(tok) > 1)
        particle = (
            tok.lower_ in particles
            and tok.text.islower()
            and nxt is not None
            and (nxt.text in ("-", "'") or (tok.lower_ in spaced and nxt.text[:1].isupper()))
        )
        joiner = tok.text in ("-", "'", "’") and cur and not tok.whitespace_ and nxt is not None
        if (cap and tok.text not in never) or particle or joiner:
            cur.append(tok)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if any(t.text[:1].isupper() for t in r)]


def scan(sdoc: Any, gaz: Gazetteer, taken: list[tuple[int, int]], focus: set[str]) -> list[Found]:
    """Untagged gazetteer names of the `focus` countries (any country if empty, with stricter evidence)."""
    before, after, particles, never, _ = _patterns()
    text = doc_text(sdoc)  # not `sdoc.text`, which rebuilds the whole text on every call
    text_lower = " " + re.sub(r"[^\w]+", " ", text) + " "
    # tokens of names and organisations, and every word of a person's full name anywhere in the text
    # ('Bryant' after 'Kobe Bryant', 'Colin' after 'Colin Powell')
    person = {t.i for e in sdoc.ents if e.label_ in ("PERSON", "ORG") for t in e}
    person_words = {t.lower_ for e in sdoc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    person.update(lower_positions(sdoc, person_words))
    found: list[Found] = []
    for sent in sdoc.sents:
        for run in _runs(sent, particles, never):
            i = 0
            while i < len(run):
                hit = None
                for j in range(min(len(run), i + MAX_TOKENS), i, -1):
                    toks = run[i:j]
                    if toks[-1].text in ("-", "'", "’") or toks[0].text in ("-", "'", "’"):
                        continue
                    if toks[0].lower_ in particles and len(toks) == 1:
                        continue
                    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
                    inner = tuple((a, b) for a, b in taken if a < e and s < b)
                    if inner and (
                        len(toks) < 2 or not all(s <= a and b <= e and (a, b) != (s, e) for a, b in inner)
                    ):
                        continue  # a tagged name stays, unless this run joins its pieces into a longer name
                    # pieces the model tagged are places already: their whole name needs no focus
                    home = set() if inner else focus
                    hit = _accept(sdoc, gaz, toks, s, e, text_lower, home, person, before, after)
                    if hit is not None and inner:
                        hit.replaces = inner
                    if hit is not None:
                        break
                if hit is None:
                    i += 1
                    continue
                found.append(hit)
                i += len([t for t in run[i:] if t.idx < hit.end])
    if not focus:
        joined = [f for f in found if f.replaces]
        found = sorted(
            joined + _coordinated_pairs([f for f in found if not f.replaces], text), key=lambda f: f.start
        )
    return found


def _accept(sdoc, gaz, toks, s, e, text_lower, focus, person, before, after) -> Found | None:  # noqa: ANN001
    text = doc_text(sdoc)  # `sdoc.text` here, per candidate, made the scan quadratic in the text's length
    name = text[s:e]
    words = [t for t in toks if t.is_alpha and t.lower_ not in _patterns()[2]]
    if not words:
        return None
    cands = gaz.candidates(name, demonyms=True)
    if any(c.kind == 3 for c in cands):
        return None  # 'Canadian', 'English': a nationality, not a place
    if focus:
        cands = tuple(c for c in cands if c.country in focus)
    # areas the model missed are tagged by the places stage's own rules; the scan looks for settlements
    cands = tuple(c for c in cands if c.fcode not in ("PCLI", "CONT") and (c.tier == 0 or len(name) >= 5))
    if not cands:
        return None
    cued = bool(before.search(text[max(0, s - 60) : s])) or bool(after.search(text[e : e + 25]))
    common = all(_is_common(t, text_lower) for t in words)
    # a one-word person's name ('Joseph'); a two-word one the gazetteer has in the focus may be a place
    in_person = all(t.i in person for t in toks) and len(words) < 2
    first = toks[0].is_sent_start
    if (common or in_person or first) and not cued:
        return None
    root = sdoc[toks[0].i : toks[-1].i + 1].root
    if len(words) == 1 and not cued and root.dep_ not in PLACE_DEPS:
        return None  # one word that is no object of a preposition nor a list member: 'Kelly said'
    if common and len(words) == 1 and not (cued and any(_major(c) for c in cands)):
        # one English word ('West', 'Ruins', 'Daily') is never read as a place on a cue alone; but the
        # dictionary also lists cities ('in the countryside of Aleppo'), which the gazetteer knows as such
        return None
    if not focus and not cued and len(words) == 1 and cands[0].tier:
        return None
    return Found(s, e, name, sdoc[toks[0].i : toks[-1].i + 1].root, frozenset(c.country for c in cands))


def _major(c: Any) -> bool:
    """A city the dictionary may list under its own name: a capital, a province seat or a big town."""
    return c.tier == 0 and c.kind in (0, 2) and (c.fcode in MAJOR_FCODES or c.population >= MAJOR_POPULATION)


def _coordinated_pairs(found: list[Found], text: str) -> list[Found]:
    """Without a focus country, a scanned name stands only beside another one of the same country
    ('Kafr Nabl and Maarat Misrin', 'Sarmada and Darat Izza'); each keeps the shared countries."""
    out = []
    for k, f in enumerate(found):
        shared: set[str] = set()
        for g in found[max(0, k - 1) : k + 2]:
            if g is f:
                continue
            gap = text[min(f.end, g.end) : max(f.start, g.start)]
            if re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", gap):
                shared |= f.countries & g.countries
        if shared:
            out.append(Found(f.start, f.end, f.name, f.root, frozenset(shared), f.replaces))
    return out
