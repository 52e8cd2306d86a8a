"""Seed-gold recall of sourcing and framing, plus the shared runner the PTC/BABE/PolNeAR suites use.

Each gold string counts as found when a predicted span of the right list overlaps its occurrence in
the seed text (the gold gives strings, not offsets).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator

from lanner.eval import Metric, shared_path
from lanner.model import AnalyzedDocument, RawDocument, Span

SUITE = "framing"
NO_ENTITIES = ("entity_ruler", "ner")


def analyse_texts(
    texts: Iterable[str], batch: int = 16, disable: tuple[str, ...] = ()
) -> Iterator[AnalyzedDocument]:
    """nlp → sourcing → framing only: the stages these datasets test, without the event stages' cost.

    `disable` drops spaCy components a suite does not need (loaded terms never read entities).
    """
    from lanner.extract.framing import find_framing
    from lanner.extract.sourcing import find_sourcing
    from lanner.nlp import load_nlp
    from lanner.pipeline import Pipeline

    nlp = load_nlp()
    pipe = Pipeline([])
    texts = list(texts)
    for wd_text, sdoc in zip(texts, nlp.pipe(texts, batch_size=batch, disable=list(disable)), strict=True):
        wd = pipe.new_workdoc(RawDocument(text=wd_text))
        wd.sdoc = sdoc
        find_sourcing(wd)
        find_framing(wd)
        yield wd.out


def prf(tp_p: float, n_pred: int, tp_r: float, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def _found(text: str, needle: str, spans: list[Span]) -> bool:
    return any(s.start < e and b < s.end for b, e in _occurrences(text, needle) for s in spans)


def run() -> list[Metric]:
    import lanner

    text = shared_path("examples", "seed-idlib-arms.txt").read_text(encoding="utf-8")
    gold = json.loads(shared_path("examples", "seed-idlib-arms.gold.json").read_text(encoding="utf-8"))
    doc = lanner.analyze(text, published=dt.date(2022, 12, 5), outlet=gold.get("outlet"))
    fr = doc.framing
    checks = {
        "seed_loaded_recall": (gold["loaded_terms"], [t.span for t in fr.loaded_terms]),
        "seed_hedge_recall": (gold["hedges"], [m.span for m in fr.hedges]),
        "seed_certainty_recall": (gold["unsupported_certainty"], [m.span for m in fr.certainty]),
    }
    metrics = []
    for name, (needles, spans) in checks.items():
        hit = sum(_found(text, n, spans) for n in needles)
        metrics.append(Metric(SUITE, name, hit / len(needles)))
    sources = {e["source"].split(" (")[0] for e in gold["events"] if e["epistemic"] == "attributed"}
    got = {a.source.text for a in doc.attributions}
    metrics.append(Metric(SUITE, "seed_attribution_source_recall", len(sources & got) / len(sources)))
    exact = sum(t.span.text in gold["loaded_terms"] for t in fr.loaded_terms)
    metrics.append(Metric(SUITE, "seed_loaded_exact_precision", exact / max(1, len(fr.loaded_terms))))
    return metrics
