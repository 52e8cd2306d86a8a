"""Loaded terms: lexicon hits widened to the whole label phrase, with the voice that uses them.

Why widen: "takfiri" alone hides what is labelled; "takfiri militias" and "militant proxies" are the
labels an analyst quotes. Why voice: a label inside quotation marks or after "so-called" is the
speaker's, a label next to "designated" is an official listing, anything else is the outlet's own word.
Indirect speech stays the outlet's voice: the outlet chose the paraphrase.

Where the cues come from: the hand lists and the VADER/pattern lexicons (one index pass per document),
less fixed expressions whose valenced word is no judgement ("criminal justice"); intensifiers only with
the word they intensify; manner adverbs of loaded adjectives by rule; scare quotes (framing_quotes).
How far a term reaches (its noun phrase, degree adverbs) is framing_extent's job.

Then the tagger (framing_tagger, trained on our own annotated sentences) reads the sentences that hold a
candidate: a general emotive candidate stays only when the tagger finds it loaded in its context, kept
candidates grow to the phrase the tagger marks (within their clause), and tagged phrases that hold a
sentiment-lexicon word the rules passed over are added. Measured on PTC dev: the lexicon rules alone give
span F1 0.281; with the tagger 0.295 (precision 0.256 -> 0.265, recall 0.313 -> 0.332).
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from lanner.extract.framing.extent import chunk_index, left_ok, phrase_extent
from lanner.extract.framing.lexicon import Hit, PhraseIndex, lexicon_map, read_lexicon
from lanner.extract.framing.quotes import CATEGORY as TAGGED_QUOTED
from lanner.extract.framing.quotes import find_scare_quotes
from lanner.extract.framing.tagger import EDGE_DROP, load_tagger, runs
from lanner.extract.framing.tagger_features import QUOTE_MARKS, evident
from lanner.extract.sourcing.spans import char_span, sent_bounds
from lanner.model import LoadedTerm

Voice = Literal["outlet", "quoted", "official"]
LOADED_LEXICONS = ("loaded_terms", "emotive_vader", "emotive_subjective", "intensifiers")
INTENSIFIER = "intensifier"
INTENSIFIED = {"ADJ", "NOUN"}
COLLOCATIONS = "loaded_collocations"  # fixed expressions whose valenced word is not a judgement
FIXED = "fixed expression"
OPEN_QUOTES = {"“": "”", "‘": "’"}
ALWAYS_KEPT = {"delegitimising label", "dehumanising", "euphemism", "mild label"}
TAGGED = "emotive"  # a tagged run no lexicon names: the lexicons' general category of loaded wording


def _label_heads() -> dict[str, str]:
    return lexicon_map("label_heads", "lemma", "source")


def _is_loaded_or_head(tok: Any) -> bool:
    lem = tok.lemma_.lower()
    return lem in _label_heads() or lem in lexicon_map("loaded_terms", "term", "category")


def widen(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Grow a hit to its label phrase: modifier + group noun ("terrorist groups", "militant proxies")."""
    last = doc[end - 1]
    head = last.head
    if (
        last.dep_ in ("amod", "compound", "nmod")
        and head.i > last.i
        and head.i - last.i <= 3
        and head.lemma_.lower() in _label_heads()
        and head.pos_ in ("NOUN", "PROPN")
    ):
        end = head.i + 1
    if last.pos_ == "ADJ" and last.dep_ == "amod" and 0 < last.head.i - last.i <= 2:
        end = max(end, last.head.i + 1)  # "corrupt politicians", "bloody internal clashes"
    first = doc[start]
    if start > 0 and doc[start - 1].pos_ == "ADV" and doc[start - 1].head.i == first.i:
        start -= 1  # "extremely dangerous"
    if first.pos_ in ("NOUN", "PROPN") and first.lemma_.lower() in _label_heads():
        while start > 0:
            prev = doc[start - 1]
            if prev.dep_ in ("amod", "compound") and prev.head.i < end and _is_loaded_or_head(prev):
                start -= 1
            else:
                break
    return start, end


def voice_of(doc: Any, start: int, end: int) -> Voice:
    s0, s1 = sent_bounds(doc[start])
    cues = lexicon_map("voice_cues", "term", "voice")
    before = doc[max(s0, start - 4) : start]
    if any(cues.get(t.lower_) == "quoted" for t in before) or "so-called" in before.text.lower():
        return "quoted"
    prefix = doc[s0:start].text
    if any(prefix.count(o) > prefix.count(c) for o, c in OPEN_QUOTES.items()) or prefix.count('"') % 2 == 1:
        return "quoted"
    window = doc[max(s0, start - 8) : min(s1, end + 8)]
    if any(cues.get(t.lower_) == "official" or cues.get(t.lemma_.lower()) == "official" for t in window):
        return "official"
    return "outlet"


def _in_arabic_name(doc: Any, i: int) -> bool:
    """'Ahrar al-Sham', 'Jaysh al-Islam': a word after the article al-/el- is part of a proper name."""
    prev = [t.lower_ for t in doc[max(0, i - 2) : i]]
    return bool(prev) and (prev[-1] in ("al", "el", "al-", "el-") or prev[-2:] in (["al", "-"], ["el", "-"]))


@functools.cache
def _loaded_index() -> PhraseIndex:
    """One index over every loaded lexicon, so a document is scanned once. Collocations come first: on a tie
    ("pretty" as an adverb) and when longer ("criminal justice") they win, and their hits are then dropped."""
    fixed = tuple({**r, "category": FIXED} for r in read_lexicon(COLLOCATIONS))
    return PhraseIndex(fixed + tuple(r for name in LOADED_LEXICONS for r in read_lexicon(name)))


def _hits(doc: Any) -> list[Hit]:
    hits = [h for h in _loaded_index().find(doc) if h.row.get("category") != FIXED]
    hits = _intensified(doc, hits) if hits else hits
    return _with_adverbs(doc, hits)


@functools.cache
def _single_word_rows() -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for name in LOADED_LEXICONS:
        for r in read_lexicon(name):
            term = r["term"].strip().lower()
            if term.isalpha() and r.get("category") != INTENSIFIER:
                rows.setdefault(term, r)
    return rows


def _adverb_bases(word: str) -> tuple[str, ...]:
    """'blatantly' -> blatant, 'hysterically' -> hysterical, 'angrily' -> angry, 'terribly' -> terrible."""
    stem = word[:-2]
    if word.endswith("ily"):
        return (word[:-3] + "y",)
    if word.endswith("bly"):
        return (stem + "le",)
    if word.endswith("ically"):
        return (stem, word[:-4])
    return (stem, stem + "e")


def _with_adverbs(doc: Any, hits: list[Hit]) -> list[Hit]:
    """A manner adverb derived from a loaded adjective ("blatantly", "hysterically") is loaded like its
    adjective: the lexicons list adjectives, and English makes the adverb by rule."""
    rows = _single_word_rows()
    taken = {i for h in hits for i in range(h.start, h.end)}
    extra = []
    for tok in doc:
        if tok.pos_ == "ADV" and tok.i not in taken and len(tok.text) > 5 and tok.lower_.endswith("ly"):
            base = next((b for b in _adverb_bases(tok.lower_) if b in rows), None)
            if base and tok.lower_ not in rows:
                extra.append(Hit(tok.i, tok.i + 1, rows[base]))
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits


def _intensified(doc: Any, hits: list[Hit]) -> list[Hit]:
    """An intensifier ("utterly", "incredibly") is loaded only with the word it intensifies, which must follow
    within two words; when that word is a loaded term itself, the term's own hit carries the phrase."""
    covered = {i for h in hits if h.row.get("category") != INTENSIFIER for i in range(h.start, h.end)}
    out = []
    for h in hits:
        if h.row.get("category") != INTENSIFIER:
            out.append(h)
            continue
        head = doc[h.start].head
        if 0 < head.i - h.start <= 2 and head.pos_ in INTENSIFIED and head.i not in covered:
            out.append(Hit(h.start, head.i + 1, h.row))
    return out


Candidate = tuple[int, int, LoadedTerm]  # token range and the term


def candidates(doc: Any, hits: list[Hit]) -> list[Candidate]:
    """The lexicon's loaded terms (widened to their phrase) and the scare-quoted labels, by token range."""
    out: list[Candidate] = []
    taken_until = -1
    chunks = chunk_index(doc) if hits else {}
    for hit in hits:
        if hit.start < taken_until or _in_arabic_name(doc, hit.start):
            continue
        start, end = phrase_extent(doc, *widen(doc, hit.start, hit.end), chunks)
        if start < taken_until:
            start = hit.start
        span = char_span(doc, start, end)
        if span is None:
            continue
        taken_until = end
        row = hit.row
        term = LoadedTerm(
            span=span,
            term=row["term"].strip().lower(),
            category=row["category"].strip(),
            neutral=(row.get("neutral") or "").strip() or None,
            voice=voice_of(doc, start, end),
        )
        out.append((start, end, term))
    return _with_scare_quotes(doc, out, find_scare_quotes(doc))


def find_loaded(doc: Any) -> list[LoadedTerm]:
    hits = _hits(doc)
    cands = candidates(doc, hits)
    tagger = load_tagger()
    if tagger is None or not cands:
        return [t for _, _, t in cands]
    sents = None if tagger.mode in ("union", "tagger") else _sentences_of(doc, cands)
    return combine(doc, hits, cands, tagger.proba(doc, hits, sents), tagger.threshold, tagger.mode)


def _sentences_of(doc: Any, cands: list[Candidate]) -> list[tuple[int, int]]:
    """The sentences a candidate touches: the only ones the tagger must read when it filters or extends
    candidates (a third of news sentences; the rest cost nothing)."""
    out: set[tuple[int, int]] = set()
    for s, e, _ in cands:
        for i in (s, e - 1):
            sent = doc[i].sent
            out.add((sent.start, sent.end))
    return sorted(out)


def combine(
    doc: Any, hits: list[Hit], cands: list[Candidate], proba: Any, threshold: float, mode: str
) -> list[LoadedTerm]:
    """Candidates and the tagger's runs. `filter`: a candidate stays when one of its tokens reaches the
    threshold; `extend`: kept candidates grow to the runs they overlap; `anchored`: as extend, plus the
    other runs that hold a word of the sentiment lexicons (one the candidate rules passed over, e.g. for
    its part of speech); `union`: the kept candidates plus every other run; `tagger`: the runs alone,
    named after the candidate or lexicon hit they overlap."""
    kept = [c for c in cands if _keeps(doc, c, proba, threshold)] if mode != "tagger" else []
    if mode == "filter":
        return [t for _, _, t in kept]
    tagged = runs(doc, proba, threshold)
    if mode in ("extend", "anchored"):
        out = _extended(doc, kept, tagged)
    else:
        out = [t for _, _, t in kept]
    for s, e in tagged:
        if mode == "extend" or any(c0 < e and s < c1 for c0, c1, _ in kept):
            continue
        if mode == "anchored" and not any(evident(t) for t in doc[s:e]):
            continue
        out.append(_run_term(doc, s, e, hits, cands, proba))
    return sorted(out, key=lambda t: t.span.start)


def _keeps(doc: Any, cand: Candidate, proba: Any, threshold: float) -> bool:
    """The tagger judges general emotive wording; the curated labels of conflict reporting (whose words
    call an armed group terrorists, occupiers or rebels) and a label after "so-called" are kept whatever
    the context, because saying who uses them is what Lanner reports (and the framing scores count)."""
    s, e, term = cand
    if term.category in ALWAYS_KEPT or (s >= 2 and doc[s - 1].lower_ == "called" and doc[s - 2].text == "-"):
        return True
    return float(proba[s:e].max()) >= threshold


def _extended(doc: Any, kept: list[Candidate], tagged: list[tuple[int, int]]) -> list[LoadedTerm]:
    """Kept candidates grown to the tagged runs they overlap (the tagger's extent, the lexicon's name), but
    never into a neighbouring candidate: "shameless gang of crooks" stays two terms, each with its word."""
    out = []
    for k, (c0, c1, t) in enumerate(kept):
        s, e = c0, c1
        for r0, r1 in tagged:
            if r0 < c1 and c0 < r1:
                s, e = min(s, r0), max(e, r1)
        s = max(s, kept[k - 1][1] if k else 0)
        e = min(e, kept[k + 1][0] if k + 1 < len(kept) else len(doc))
        s, e = _within_clause(doc, c0, c1, s, e)
        while s < c0 and (not left_ok(doc, s) or doc[s].pos_ in EDGE_DROP):
            s += 1  # as in phrase_extent: "Idlib-based" says who is labelled, it is not the label
        while e > c1 and doc[e - 1].pos_ in EDGE_DROP:
            e -= 1
        span = char_span(doc, s, e) if (s, e) != (c0, c1) else None
        out.append(t.model_copy(update={"span": span}) if span is not None else t)
    return out


def _finite(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG", "VB")


def _within_clause(doc: Any, c0: int, c1: int, s: int, e: int) -> tuple[int, int]:
    """Growth stops at punctuation and at a finite verb the candidate does not hold: "the mercenaries"
    is a label, "the mercenaries fled the village" is a report of what they did."""
    a = c0
    while a > s and not (doc[a - 1].is_punct or _finite(doc[a - 1])):
        a -= 1
    b = c1
    while b < e and not (doc[b].is_punct or _finite(doc[b])):
        b += 1
    return a, b


def _run_term(doc: Any, s: int, e: int, hits: list[Hit], cands: list[Candidate], proba: Any) -> LoadedTerm:
    """A tagged run as a loaded term: the category and term of the candidate or hit it overlaps; else an
    "emotive" term named by its most confident word, or a scare-quoted label inside quotation marks."""
    span = char_span(doc, s, e)
    assert span is not None
    voice = voice_of(doc, s, e)
    for c0, c1, t in cands:
        if c0 < e and s < c1:
            return LoadedTerm(span=span, term=t.term, category=t.category, neutral=t.neutral, voice=voice)
    for h in hits:
        if h.start < e and s < h.end:
            row = h.row
            return LoadedTerm(span=span, term=row["term"].strip().lower(), category=row["category"].strip(),
                              neutral=(row.get("neutral") or "").strip() or None, voice=voice)  # fmt: skip
    best = max(range(s, e), key=lambda i: (not doc[i].is_stop, float(proba[i])))
    category = TAGGED_QUOTED if voice == "quoted" and _quoted_run(doc, s, e) else TAGGED
    return LoadedTerm(span=span, term=doc[best].lower_, category=category, voice=voice)


def _quoted_run(doc: Any, s: int, e: int) -> bool:
    return s > 0 and e < len(doc) and doc[s - 1].text in QUOTE_MARKS and doc[e].text in QUOTE_MARKS


def _with_scare_quotes(doc: Any, terms: list[Candidate], quoted: list[LoadedTerm]) -> list[Candidate]:
    """Add scare-quoted labels the lexicons did not already find (a lexicon hit says more: its category)."""
    extra = []
    for q in quoted:
        if any(t.span.start < q.span.end and q.span.start < t.span.end for _, _, t in terms):
            continue
        span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
        if span is not None:
            extra.append((span.start, span.end, q))
    return sorted(terms + extra, key=lambda c: c[0]) if extra else terms
