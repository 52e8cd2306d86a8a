"""Per-token features of the loaded-language tagger: cheap evidence a reader uses to tell a loaded word in
context from the same word used plainly.

Why these: the word's static vector (the model2vec table the classifier already loads: word meaning at
table-lookup cost) and the mean vector of its ±2 neighbours (what it is said about: "brutal regime" vs
"brutal winter"); its part of speech, dependency and head's part of speech (an evaluating adjective or
adverb, a noun that names a group); the lexicon evidence the rule pipeline already computes (hit and
category, VADER valence, pattern subjectivity, event vocabulary that is never a judgement) for the token
and its neighbours, since a span runs from the cue word to the noun it labels; quotation marks and
capitals (a scare-quoted label, a shouted word); and how emotive the whole sentence is (an op-ed sentence
uses its emotive words as judgements, a wire sentence rarely does). Everything is a dictionary lookup or
a pass over the tokens, so the tagger costs a few per cent of parsing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from lanner.classify.model import load_embedder
from lanner.extract.framing.lexicon import Hit, read_lexicon
from lanner.nlp.load import doc_text

UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X")  # fmt: skip
DEPS = ("amod", "advmod", "acomp", "attr", "nsubj", "nsubjpass", "dobj", "pobj", "compound", "conj",
        "ROOT", "xcomp", "ccomp", "npadvmod", "appos", "nmod", "prep", "det", "poss", "relcl", "advcl",
        "oprd")  # fmt: skip
CATEGORIES = ("emotive", "delegitimising label", "dehumanising", "euphemism", "mild label", "intensifier")
WINDOW = 2
QUOTE_MARKS = {'"', "“", "”", "‘", "’", "«", "»"}
VECTOR_CACHE_MAX = 1 << 15
_POS = {p: i for i, p in enumerate(UPOS)}
_DEP = {d: i for i, d in enumerate(DEPS)}
_CAT = {c: i for i, c in enumerate(CATEGORIES)}

# Layout of the dense part after the two vectors.
N_POS, N_DEP, N_CAT = len(UPOS), len(DEPS), len(CATEGORIES)
LEX_NAMES = ("hit", "hit_start", "valence", "negative", "subjectivity", "polarity", "event_word",
             "prev_hit", "next_hit", "head_hit", "child_hit", "prev_valence", "next_valence")  # fmt: skip
SHAPE_NAMES = ("in_quotes", "title_inside", "all_caps", "stop", "punct", "sent_density", "sent_long",
               "sent_biased", "bias")  # fmt: skip
N_LEX, N_SHAPE = len(LEX_NAMES), len(SHAPE_NAMES)


def vector_dim() -> int:
    return int(load_embedder().table.shape[1])


def feature_dim() -> int:
    return 2 * vector_dim() + 2 * N_POS + N_DEP + N_CAT + N_LEX + N_SHAPE


@functools.cache
def _valence() -> dict[str, float]:
    """VADER valence of every word of the emotive lexicon, whatever part of speech the lexicon allows."""
    rows = read_lexicon("emotive_vader")
    return {r["term"].strip().lower(): float(r["valence"]) for r in rows if r["valence"]}


@functools.cache
def _subjective() -> dict[str, tuple[float, float]]:
    return {
        r["term"].strip().lower(): (float(r["subjectivity"]), abs(float(r["polarity"])))
        for r in read_lexicon("emotive_subjective")
    }


@functools.cache
def _event_words() -> frozenset[str]:
    return frozenset(r["term"].strip().lower() for r in read_lexicon("emotive_exclude"))


def evident(tok: Any) -> bool:
    """The token is a word of the sentiment lexicons (VADER's valenced words, pattern's subjective ones)."""
    val, sub = _valence(), _subjective()
    low, lem = tok.lower_, tok.lemma_.lower()
    return low in val or lem in val or low in sub or lem in sub


ATTRS = ["ORTH", "LOWER", "LEMMA", "POS", "DEP", "HEAD", "IS_STOP", "IS_PUNCT"]
# Per word form: vector, |valence|/4, negative, subjectivity, |polarity|, event word, capitalised, all
# capitals, quote mark (0 none, 1 straight, 2 opening, 3 closing), line break. Keyed by the (orth, lower,
# lemma) hashes so a document is mostly dictionary lookups; bounded because news vocabulary is open.
_words: dict[tuple[int, int, int], tuple[np.ndarray, tuple[float, ...]]] = {}
_labels: dict[int, tuple[int, int]] = {}  # POS / dep symbol id -> (UPOS index, DEPS index), -1 when absent


def _word_info(strings: Any, orth: int, lower: int, lemma: int) -> tuple[np.ndarray, tuple[float, ...]]:
    key = (orth, lower, lemma)
    got = _words.get(key)
    if got is not None:
        return got
    if len(_words) >= VECTOR_CACHE_MAX:
        _words.clear()
    text, low, lem = strings[orth], strings[lower], strings[lemma].lower()
    emb = load_embedder()
    vec = emb.embed(low)
    vec = np.zeros(emb.table.shape[1], dtype=np.float32) if vec is None else vec
    val, sub, events = _valence(), _subjective(), _event_words()
    v = val.get(low)
    if v is None:
        v = val.get(lem, 0.0)
    subj, pol = sub.get(low) or sub.get(lem) or (0.0, 0.0)
    quote = 0.0
    if text in QUOTE_MARKS:
        quote = 2.0 if text in ("“", "‘", "«") else 3.0 if text in ("”", "’", "»") else 1.0
    info = (abs(v) / 4.0, float(v < 0), subj, pol, float(low in events or lem in events),
            float(text[:1].isupper()), float(len(text) > 2 and text.isupper() and text.isalpha()), quote,
            float("\n" in text))  # fmt: skip
    got = _words[key] = (vec, info)
    return got


def _label_index(strings: Any, pos: int, dep: int) -> tuple[int, int]:
    p = _labels.get(pos)
    if p is None:
        p = _labels[pos] = (_POS.get(strings[pos], -1), -1)
    d = _labels.get(-dep - 1)
    if d is None:
        d = _labels[-dep - 1] = (-1, _DEP.get(strings[dep], -1))
    return p[0], d[1]


def _quote_state(quote: np.ndarray, breaks: np.ndarray, sent_start: np.ndarray) -> np.ndarray:
    """1 for tokens inside quotation marks (straight quotes toggle; a sentence or line break closes)."""
    out = np.zeros(len(quote), dtype=np.float32)
    if not quote.any():
        return out
    inside = False
    for i in range(len(quote)):
        if sent_start[i] or breaks[i]:
            inside = False
        q = quote[i]
        if q:
            inside = True if q == 2 else False if q == 3 else not inside
            continue
        out[i] = inside
    return out


def _sentence_bias(doc: Any, sents: Sequence[tuple[int, int]]) -> np.ndarray:
    """The static sentence-bias head's probability of each sentence (framing_bias; a lookup a word)."""
    from lanner.extract.framing.bias import score_texts

    text = doc_text(doc)
    return np.asarray(score_texts([text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1])] for a, b in sents]))


def token_features(
    doc: Any, hits: Sequence[Hit], sents: Sequence[tuple[int, int]] | None = None
) -> np.ndarray:
    """(tokens of `sents`, feature_dim) float32, rows in token order; `sents` are token ranges of whole
    sentences (default: every sentence). See the module docstring for what and why."""
    if sents is None:
        sents = [(s.start, s.end) for s in doc.sents]
    idx = np.concatenate([np.arange(a, b) for a, b in sents]) if sents else np.zeros(0, dtype=np.int64)
    n = len(idx)
    dim = vector_dim()
    x = np.zeros((n, feature_dim()), dtype=np.float32)
    if n == 0:
        return x
    local = np.full(len(doc), -1, dtype=np.int64)
    local[idx] = np.arange(n)
    sent_start = np.zeros(n, dtype=np.int64)
    sent_end = np.zeros(n, dtype=np.int64)
    first = np.zeros(n, dtype=bool)
    pos = 0
    for a, b in sents:
        sent_start[pos : pos + b - a], sent_end[pos : pos + b - a] = pos, pos + b - a
        first[pos] = True
        pos += b - a
    arr = doc.to_array(ATTRS)[idx]
    strings = doc.vocab.strings
    vecs = np.empty((n, dim), dtype=np.float32)
    info = np.empty((n, 9), dtype=np.float32)
    base = 2 * dim
    rows = np.arange(n)
    pos_col = np.empty(n, dtype=np.int64)
    dep_col = np.empty(n, dtype=np.int64)
    for k, (orth, lower, lemma, p, d) in enumerate(arr[:, :5].tolist()):
        vecs[k], info[k] = _word_info(strings, orth, lower, lemma)
        pos_col[k], dep_col[k] = _label_index(strings, p, d)
    head = local[idx + arr[:, 5].astype(np.int64)]
    x[:, :dim] = vecs
    # context: mean of the ±WINDOW neighbours inside the sentence, the token itself left out
    csum = np.vstack([np.zeros((1, dim), dtype=np.float32), np.cumsum(vecs, axis=0)])
    lo = np.maximum(sent_start, rows - WINDOW)
    hi = np.minimum(sent_end, rows + WINDOW + 1)
    count = np.maximum(hi - lo - 1, 1)[:, None]
    x[:, dim : 2 * dim] = (csum[hi] - csum[lo] - vecs) / count
    ok = pos_col >= 0
    x[rows[ok], base + pos_col[ok]] = 1.0
    head_pos = np.where(head >= 0, pos_col[np.maximum(head, 0)], -1)
    ok = head_pos >= 0
    x[rows[ok], base + N_POS + head_pos[ok]] = 1.0
    ok = dep_col >= 0
    x[rows[ok], base + 2 * N_POS + dep_col[ok]] = 1.0

    cat = np.full(n, -1, dtype=np.int64)
    start_of = np.zeros(n, dtype=np.float32)
    for h in hits:
        if local[h.start] < 0 or local[h.end - 1] < 0:
            continue
        c = _CAT.get((h.row.get("category") or "").strip(), 0)
        cat[local[h.start] : local[h.end - 1] + 1] = c
        start_of[local[h.start]] = 1.0
    hit = (cat >= 0).astype(np.float32)
    off = base + 2 * N_POS + N_DEP
    x[rows[cat >= 0], off + cat[cat >= 0]] = 1.0
    off += N_CAT
    valence = info[:, 0]
    own = head != rows
    head_hit = np.where(own & (head >= 0), hit[np.maximum(head, 0)], 0.0)
    child_hit = np.zeros(n, dtype=np.float32)
    child_hit[head[own & (hit > 0) & (head >= 0)]] = 1.0
    prev_hit = np.where(first, 0.0, np.roll(hit, 1))
    last = np.roll(first, -1)
    last[-1] = True
    next_hit = np.where(last, 0.0, np.roll(hit, -1))
    prev_val = np.where(first, 0.0, np.roll(valence, 1))
    next_val = np.where(last, 0.0, np.roll(valence, -1))
    lex = (hit, start_of, valence, info[:, 1], info[:, 2], info[:, 3], info[:, 4], prev_hit, next_hit,
           head_hit, child_hit, prev_val, next_val)  # fmt: skip
    x[:, off : off + N_LEX] = np.stack(lex, axis=1)
    off += N_LEX
    shape = x[:, off : off + N_SHAPE]
    shape[:, 0] = _quote_state(info[:, 7], info[:, 8], first)
    shape[:, 1] = info[:, 5] * ~first * (pos_col != _POS["PROPN"])
    shape[:, 2] = info[:, 6]
    shape[:, 3] = arr[:, 6]
    shape[:, 4] = arr[:, 7]
    words = np.maximum(sent_end - sent_start, 1)
    hit_sum = np.concatenate([[0.0], np.cumsum(np.maximum(hit, (valence > 0).astype(np.float32)))])
    shape[:, 5] = np.minimum(1.0, 4.0 * (hit_sum[sent_end] - hit_sum[sent_start]) / words)
    shape[:, 6] = np.minimum(1.0, words / 60.0)
    shape[:, 7] = np.repeat(_sentence_bias(doc, sents), [b - a for a, b in sents])
    shape[:, 8] = 1.0
    return x
