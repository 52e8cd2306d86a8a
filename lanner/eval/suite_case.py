"""CASE 2021 Task 2 dev (Haneczok et al. 2021): fine-grained event-type classification of news snippets.

634 real snippets, each with one gold label: 25 ACLED sub-event types plus ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO and ATTRIB. The classifier never trains on them (its sentences are our own).
Two ways, both weighted F1 over all labels (support-weighted mean of per-label F1, the task's measure):
  (a) `classifier_weighted_f1`: `lanner.classify` alone on each snippet, precise head (contextual encoder
      + static features; NOT_EVENT scored as OTHER); `classifier_static_weighted_f1`: the static head alone;
  (b) `pipeline_weighted_f1`: `lanner.analyze_many` over the snippets; the primary event (most confident
      event that has an ACLED sub-event type) mapped back to the CASE code; with no such event, the
      classifier's best label outside ACLED (crime / disasters / DIPLO / ATTRIB / OTHER).
`scope_accuracy`: the classifier's scope (conflict / crime / disaster / diplomacy) against the gold label's.
`crime_disaster_as_violence` counts crime and disaster snippets for which the pipeline coded an ACLED
political-violence event (Battles, Explosions/Remote violence, Violence against civilians); the target is 0.
"""

from __future__ import annotations

import csv
import time

from lanner.classify import acled_for, classify_many, label_for_sub_event
from lanner.classify.labels import POLITICAL_VIOLENCE, scope_of
from lanner.eval import Metric, shared_path
from lanner.model import AnalyzedDocument, RawDocument

SUITE = "case"
OUT_OF_SCOPE = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
ANCHOR_ALL = "best CASE 2021 system (transformer ensemble): 0.771 with unseen types"
ANCHOR_25 = "best CASE 2021 system: 0.839 on the 25 ACLED types"


def load() -> list[tuple[str, str]]:
    """(snippet, gold label) pairs from the dev file, read in place from ../shared."""
    path = shared_path("data", "case2021-task2", "dev.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["EventSnippet"], r["SubType"]) for r in csv.DictReader(fh, delimiter="\t")]


def per_label_f1(gold: list[str], pred: list[str]) -> dict[str, float]:
    out = {}
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label != p)
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    f1 = per_label_f1(gold, pred)
    return sum(f1[g] for g in gold) / len(gold) if gold else 0.0


def _as_case(label: str) -> str:
    return "OTHER" if label == "NOT_EVENT" else label


def _fallback(ranked: list[tuple[str, float]]) -> str:
    """The classifier's best label that is outside ACLED (what the pipeline reports when it codes nothing)."""
    return next((_as_case(lab) for lab, _ in ranked if acled_for(lab) is None), "OTHER")


def _scope(ranked: list[tuple[str, float]]) -> str:
    """Same rule as `lanner.classify.scope`: the scope with the most probability mass."""
    mass: dict[str, float] = {}
    for label, p in ranked:
        mass[scope_of(label)] = mass.get(scope_of(label), 0.0) + p
    return max(mass, key=mass.__getitem__)


def _primary(doc: AnalyzedDocument) -> str | None:
    coded = [e for e in doc.events if e.acled_sub_event_type]
    if not coded:
        return None
    best = max(coded, key=lambda e: e.confidence)
    return label_for_sub_event(best.acled_sub_event_type or "")


def _pipeline(texts: list[str]) -> list[AnalyzedDocument]:
    """The real pipeline over every snippet; the English check is skipped (some snippets are headlines)."""
    from lanner.api import default_pipeline
    from lanner.nlp import load_nlp

    pipe = default_pipeline()
    wds = [pipe.new_workdoc(RawDocument(text=t)) for t in texts]
    for wd, sdoc in zip(wds, load_nlp().pipe(texts, batch_size=64), strict=True):
        wd.sdoc = sdoc
    return [pipe.run_stages(wd) for wd in wds]


def run() -> list[Metric]:
    data = load()
    texts = [t for t, _ in data]
    gold = [g for _, g in data]

    t0 = time.perf_counter()
    fast = classify_many(texts)
    classify_ms = (time.perf_counter() - t0) * 1000 / len(texts)
    t0 = time.perf_counter()
    ranked = classify_many(texts, precise=True)
    precise_ms = (time.perf_counter() - t0) * 1000 / len(texts)
    pred_a = [_as_case(r[0][0]) for r in ranked]

    t1 = time.perf_counter()
    docs = _pipeline(texts)
    pipeline_s = time.perf_counter() - t1
    pred_b = [_primary(d) or _fallback(r) for d, r in zip(docs, ranked, strict=True)]

    violent = sum(
        1
        for d, g in zip(docs, gold, strict=True)
        if g in OUT_OF_SCOPE and any(e.acled_event_type in POLITICAL_VIOLENCE for e in d.events)
    )
    acled = [i for i, g in enumerate(gold) if acled_for(g) is not None]
    scope_ok = [_scope(r) == scope_of(g) for r, g in zip(ranked, gold, strict=True)]
    metrics = [
        Metric(SUITE, "classifier_weighted_f1", weighted_f1(gold, pred_a), ANCHOR_ALL),
        Metric(
            SUITE,
            "classifier_weighted_f1_acled25",
            weighted_f1([gold[i] for i in acled], [pred_a[i] for i in acled]),
            ANCHOR_25,
        ),
        Metric(
            SUITE, "classifier_accuracy", sum(g == p for g, p in zip(gold, pred_a, strict=True)) / len(gold)
        ),
        Metric(SUITE, "scope_accuracy", sum(scope_ok) / len(gold), "conflict / crime / disaster / diplomacy"),
        Metric(SUITE, "pipeline_weighted_f1", weighted_f1(gold, pred_b), ANCHOR_ALL),
        Metric(SUITE, "crime_disaster_as_violence", violent, "target 0", higher_is_better=False),
        Metric(SUITE, "classifier_static_weighted_f1", weighted_f1(gold, [_as_case(r[0][0]) for r in fast]),
               "static head alone (what runs on every sentence with a trigger)"),
        Metric(SUITE, "classify_ms_per_snippet", classify_ms, "speed is measured by make bench",
               higher_is_better=False),
        Metric(SUITE, "classify_precise_ms_per_snippet", precise_ms, "with the contextual encoder",
               higher_is_better=False),
        Metric(SUITE, "pipeline_seconds", pipeline_s, higher_is_better=False),
    ]
    metrics += [Metric(SUITE, f"f1:{lab}", v) for lab, v in per_label_f1(gold, pred_a).items()]
    return metrics
