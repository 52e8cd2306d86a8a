"""Train the loaded-language tagger head, `lanner/data/framing/tagger.json` (deterministic, numpy only).

Data: the hand-written, bracket-annotated sentences in `lanner/data/framing/loaded_corpus_*.jsonl` (written
for Lanner; see that folder's README.md). No PTC, BASIL or BABE text is read. A token is positive when it lies
inside a `[[ ]]` span. Features come from `framing_tagger_features.token_features`, the function the
pipeline runs, over the lexicon hits `framing_loaded` computes, so training and inference agree.

Model: class-balanced binary logistic regression, L2, full-batch Nesterov momentum (as scripts/train_bias.py).
Choices made by 5-fold cross-validation on the corpus (folds by line, fixed), scored with the PTC/SemEval
span metric on the held-out lines: the L2 strength, how tagged runs combine with the lexicon candidates
(`mode`) and the threshold. The head is then refitted on all lines.

Usage: .venv/bin/python scripts/train_loaded_tagger.py [--report]   (--report prints every CV cell)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "lanner" / "data" / "framing"
OUT = DATA / "tagger.json"
FOLDS = 5
EPOCHS = 300
L2_GRID = (1e-4, 1e-3, 1e-2)
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))  # 0.30 .. 0.90
# How tagged runs combine with the lexicon candidates (framing_loaded.combine). "union" and "tagger", which
# also add runs no lexicon word anchors, score best on the corpus but were measured on PTC dev to add spans
# of precision ~0.12, below half the F1 (so they lower it): they are not offered. As in the pipeline, the
# tagger reads only the sentences that hold a candidate.
MODES = ("filter", "extend", "anchored")
SPAN = re.compile(r"\[\[(.+?)\]\]")


@dataclass
class Line:
    text: str
    gold: list[tuple[int, int]]  # character spans
    doc: Any = None
    hits: Any = None
    cands: Any = None
    x: Any = None
    y: Any = None


def parse(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the character spans of its `[[ ]]` marks."""
    out, spans, pos = [], [], 0
    for m in SPAN.finditer(marked):
        out.append(marked[pos : m.start()])
        start = sum(len(p) for p in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def load_lines() -> list[Line]:
    lines = []
    for path in sorted(DATA.glob("loaded_corpus_*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for raw in fh:
                if raw.strip():
                    text, gold = parse(json.loads(raw)["marked"])
                    lines.append(Line(text, gold))
    return lines


def featurise(lines: list[Line]) -> None:
    from lanner.extract.framing.loaded import _hits, candidates
    from lanner.extract.framing.tagger_features import token_features
    from lanner.nlp import load_nlp

    nlp = load_nlp()
    for line, doc in zip(lines, nlp.pipe([ln.text for ln in lines], batch_size=64), strict=True):
        line.doc, line.hits = doc, _hits(doc)
        line.cands = candidates(doc, line.hits)
        line.x = token_features(doc, line.hits).astype(np.float64)
        line.y = np.array(
            [float(any(t.idx < e and s < t.idx + len(t.text) for s, e in line.gold)) for t in doc]
        )


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Class-balanced binary logistic regression, L2, full-batch Nesterov momentum (no randomness)."""
    from lanner.classify.logistic import fit_balanced

    return fit_balanced(x, y, l2, EPOCHS)


def predicted(line: Line, proba: np.ndarray, threshold: float, mode: str) -> list[tuple[int, int]]:
    from lanner.extract.framing.loaded import _sentences_of, combine

    mask = np.zeros(len(proba))
    for a, b in _sentences_of(line.doc, line.cands) if line.cands else []:
        mask[a:b] = 1.0
    terms = combine(line.doc, line.hits, line.cands, proba * mask, threshold, mode)
    return [(t.span.start, t.span.end) for t in terms]


def f1_of(lines: list[Line], probas: list[np.ndarray], threshold: float, mode: str) -> tuple[float, ...]:
    from lanner.eval.suite_ptc import merge, score

    sp = sr = 0.0
    n_pred = n_gold = 0
    for line, proba in zip(lines, probas, strict=True):
        pred, gold = merge(predicted(line, proba, threshold, mode)), merge(line.gold)
        a, b = score(pred, gold)
        sp, sr = sp + a, sr + b
        n_pred += len(pred)
        n_gold += len(gold)
    p = sp / n_pred if n_pred else 0.0
    r = sr / n_gold if n_gold else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def cross_validate(lines: list[Line], report: bool) -> tuple[float, str, float, float]:
    """(l2, mode, threshold, cv F1) with the best held-out span F1."""
    probas: dict[float, list[np.ndarray]] = {}
    for l2 in L2_GRID:
        out: list[np.ndarray | None] = [None] * len(lines)
        for k in range(FOLDS):
            train = [ln for i, ln in enumerate(lines) if i % FOLDS != k]
            w, b = fit(np.vstack([ln.x for ln in train]), np.concatenate([ln.y for ln in train]), l2)
            for i, ln in enumerate(lines):
                if i % FOLDS == k:
                    out[i] = 1 / (1 + np.exp(-(ln.x @ w + b)))
        probas[l2] = [p for p in out if p is not None]
    best = (0.0, 0.0, "filter", 0.5)
    for l2, ps in probas.items():
        for mode in MODES:
            for th in THRESHOLDS:
                f, p, r = f1_of(lines, ps, th, mode)
                if report:
                    print(f"l2={l2:g} mode={mode:6s} th={th:.2f}  P {p:.3f} R {r:.3f} F1 {f:.3f}")
                if f > best[0] + 1e-9:
                    best = (f, l2, mode, th)
    no_tagger = f1_of(lines, [np.ones(len(ln.doc)) for ln in lines], 0.5, "filter")
    print(f"lexicon candidates alone: F1 {no_tagger[0]:.3f} (P {no_tagger[1]:.3f} R {no_tagger[2]:.3f})")
    return best[1], best[2], best[3], best[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    lines = load_lines()
    featurise(lines)
    l2, mode, threshold, cv_f1 = cross_validate(lines, args.report)
    x = np.vstack([ln.x for ln in lines])
    y = np.concatenate([ln.y for ln in lines])
    w, b = fit(x, y, l2)
    head = {
        "dim": int(x.shape[1]),
        "l2": l2,
        "mode": mode,
        "threshold": threshold,
        "cv_span_f1": round(cv_f1, 4),
        "lines": len(lines),
        "tokens": int(len(y)),
        "positive_tokens": int(y.sum()),
        "bias": round(float(b), 6),
        "weights": [round(float(v), 6) for v in w],
    }
    args.out.write_text(json.dumps(head) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines, {len(y)} tokens ({int(y.sum())} in spans); CV: l2={l2:g} mode={mode} "
          f"threshold={threshold} span F1 {cv_f1:.3f} -> {args.out}")  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
