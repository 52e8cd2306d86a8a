"""BABE (expert-labelled media bias): word-level bias detection and sentence-level biased/non-biased.

Word level: the words inside our loaded-term spans vs the annotators' `biased_words`, micro P/R/F1.
Sentence level: a row is predicted biased when the sentence-bias scorer (`lanner.extract.framing.bias`)
gives any of its sentences a probability >= THRESHOLD (0.5, fixed by principle: the heads are trained
class-balanced on Lanner's own sentences, never on BABE), i.e. `framing.biased_sentences` is not empty;
macro-F1 over the two classes ("No agreement" rows are left out). A BABE row is a short text, so the
pipeline reads it with the contextual encoder as well (`framing_bias`);
`sentence_macro_f1_static` scores each row with the static head alone, the path long documents take.
Anchor: 0.804 macro-F1, a fine-tuned transformer (Spinde et al. 2021).
"""

from __future__ import annotations

import ast
import csv
import re

from lanner.eval import Metric, shared_path
from lanner.eval.suite_framing import NO_ENTITIES, analyse_texts, prf
from lanner.extract.framing.bias import THRESHOLD, score_texts

SUITE = "babe"
ANCHOR = "0.804 (fine-tuned transformer)"
WORD = re.compile(r"[a-z][a-z'-]*")


def load() -> list[tuple[str, bool, set[str]]]:
    path = shared_path("data", "babe", "babe_sg2.dev.csv")
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["label_bias"] not in ("Biased", "Non-biased"):
                continue
            words = {w.lower() for w in ast.literal_eval(r["biased_words"] or "[]")}
            rows.append((r["text"], r["label_bias"] == "Biased", words))
    return rows


def cue_words(span_text: str, term: str) -> set[str]:
    """The words of a loaded span that are the lexicon term itself (not the noun it widened to)."""
    stem = term.lower()[: max(4, len(term) - 2)]
    words = set(WORD.findall(span_text.lower()))
    own = {w for w in words if w.startswith(stem) or stem.startswith(w)}
    return own or words


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(conf: dict[tuple[bool, bool], int]) -> float:
    """Mean F1 of the two classes from a {(gold, predicted): count} table."""
    f_biased = f1(conf[(True, True)], conf[(False, True)], conf[(True, False)])
    f_neutral = f1(conf[(False, False)], conf[(True, False)], conf[(False, True)])
    return (f_biased + f_neutral) / 2


def static_macro_f1(rows: list[tuple[str, bool, set[str]]]) -> float:
    conf = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for (_, biased, _), p in zip(rows, score_texts([t for t, _, _ in rows]), strict=True):
        conf[(biased, p >= THRESHOLD)] += 1
    return macro_f1(conf)


def run() -> list[Metric]:
    rows = load()
    tp = n_pred = n_gold = 0
    conf = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    docs = analyse_texts((t for t, _, _ in rows), disable=NO_ENTITIES)
    for (_, biased, gold), doc in zip(rows, docs, strict=True):
        pred = {w for t in doc.framing.loaded_terms for w in cue_words(t.span.text, t.term)}
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
        conf[(biased, bool(doc.framing.biased_sentences))] += 1
    p, r, f = prf(tp, n_pred, tp, n_gold)
    return [
        Metric(SUITE, "word_precision", p),
        Metric(SUITE, "word_recall", r),
        Metric(SUITE, "word_f1", f),
        Metric(SUITE, "sentence_macro_f1", macro_f1(conf), anchor=ANCHOR),
        Metric(SUITE, "sentence_macro_f1_static", static_macro_f1(rows)),
    ]
