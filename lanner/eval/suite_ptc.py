"""PTC (SemEval-2020 Task 11): loaded-language span identification with the task's own span metric.

Gold = Loaded_Language and Name_Calling,Labeling spans; predictions = our loaded terms. As in the
task's SI scorer, overlapping spans of one article are merged on each side, then
P = Σ_s Σ_t |s∩t| / |s| over predicted spans s, divided by #predicted; R = the same with |t|, divided by
#gold. Anchor: the best SemEval-2020 SI system (all 14 techniques) F1 0.51.
"""

from __future__ import annotations

from pathlib import Path

from lanner.eval import Metric, shared_path
from lanner.eval.suite_framing import NO_ENTITIES, analyse_texts, prf

SUITE = "ptc"
TECHNIQUES = {"Loaded_Language", "Name_Calling,Labeling"}
ANCHOR = "best SI system F1 0.51 (14 techniques)"


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def gold_spans(labels: Path) -> list[tuple[int, int]]:
    spans = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1] in TECHNIQUES:
            spans.append((int(parts[2]), int(parts[3])))
    return merge(spans)


def score(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """(Σ overlap/|pred|, Σ overlap/|gold|) for one article."""
    sp = sr = 0.0
    for s0, s1 in pred:
        for g0, g1 in gold:
            inter = min(s1, g1) - max(s0, g0)
            if inter > 0:
                sp += inter / (s1 - s0)
                sr += inter / (g1 - g0)
    return sp, sr


def load() -> list[tuple[str, list[tuple[int, int]]]]:
    root = shared_path("data", "ptc")
    items = []
    for art in sorted((root / "articles").glob("article*.txt")):
        labels = root / "labels-tc" / f"{art.stem}.task2-TC.labels"
        if labels.exists():
            # newline="" keeps offsets as the task counts characters (no \r\n translation)
            with art.open(encoding="utf-8", newline="") as fh:
                items.append((fh.read(), gold_spans(labels)))
    return items


def run() -> list[Metric]:
    items = load()
    sp = sr = 0.0
    n_pred = n_gold = 0
    docs = analyse_texts((t for t, _ in items), disable=NO_ENTITIES)
    for (_, gold), doc in zip(items, docs, strict=True):
        pred = merge([(t.span.start, t.span.end) for t in doc.framing.loaded_terms])
        a, b = score(pred, gold)
        sp, sr, n_pred, n_gold = sp + a, sr + b, n_pred + len(pred), n_gold + len(gold)
    p, r, f = prf(sp, n_pred, sr, n_gold)
    return [
        Metric(SUITE, "span_precision", p),
        Metric(SUITE, "span_recall", r),
        Metric(SUITE, "span_f1", f, anchor=ANCHOR),
    ]
