"""PolNeAR dev: attribution source spans (who said it) against the corpus's BRAT annotations.

A predicted source matches a gold source when the spans overlap (each gold source matched once);
the exact-boundary figure is reported too. Anchor: ~0.83 source F1 for a supervised attribution
extractor on PolNeAR (Newell et al. 2018 report PARC-style systems in that range).
"""

from __future__ import annotations

import re

from lanner.eval import Metric, shared_path
from lanner.eval.suite_framing import analyse_texts, prf

SUITE = "polnear"
SPAN = re.compile(r"^T\d+\tSource ([\d ;]+)\t", re.M)


def gold_sources(ann: str) -> list[tuple[int, int]]:
    out = []
    for m in SPAN.finditer(ann):
        nums = [int(x) for x in re.split(r"[ ;]", m.group(1).strip()) if x]
        out.append((min(nums), max(nums)))
    return out


def load() -> list[tuple[str, list[tuple[int, int]]]]:
    root = shared_path("data", "polnear", "dev")
    items = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = list((root / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            with txt.open(encoding="utf-8", newline="") as fh:
                items.append((fh.read(), gold_sources(anns[0].read_text(encoding="utf-8"))))
    return items


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> int:
    used: set[int] = set()
    hits = 0
    for p0, p1 in pred:
        for j, (g0, g1) in enumerate(gold):
            ok = (p0, p1) == (g0, g1) if exact else min(p1, g1) > max(p0, g0)
            if ok and j not in used:
                used.add(j)
                hits += 1
                break
    return hits


def run() -> list[Metric]:
    items = load()
    n_pred = n_gold = hit = hit_exact = 0
    for (_, gold), doc in zip(items, analyse_texts(t for t, _ in items), strict=True):
        pred = sorted({(a.source.start, a.source.end) for a in doc.attributions})
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
        hit += match(pred, gold, exact=False)
        hit_exact += match(pred, gold, exact=True)
    p, r, f = prf(hit, n_pred, hit, n_gold)
    return [
        Metric(SUITE, "source_precision", p),
        Metric(SUITE, "source_recall", r),
        Metric(SUITE, "source_f1", f, anchor="~0.83 (supervised)"),
        Metric(SUITE, "source_f1_exact", prf(hit_exact, n_pred, hit_exact, n_gold)[2]),
    ]
