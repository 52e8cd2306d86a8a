"""Seed suite: the analyst gold for the seed article (../shared/examples/seed-idlib-arms.*).

Each gold event is paired with the predicted event of the same PLOVER type whose actors and place
agree best (one prediction per gold event). Reported: share of gold events found with the right
type, with the right type and epistemic status, share of their actor/place fields right, and the
number of the analyst's "speculation, not events" passages we still code as asserted (lower is better).
"""

from __future__ import annotations

import json

from lanner.eval import Metric, shared_path
from lanner.extract.events.match import field_score
from lanner.model import AnalyzedDocument, Event

SUITE = "seed"


def analyse_seed() -> tuple[AnalyzedDocument, dict]:
    import lanner

    gold = json.loads(shared_path("examples", "seed-idlib-arms.gold.json").read_text(encoding="utf-8"))
    text = shared_path("examples", "seed-idlib-arms.txt").read_text(encoding="utf-8")
    published = gold.get("published_assumed", "2022-12-05")
    doc = lanner.analyze(text, published=published, outlet=gold.get("outlet"))
    return doc, gold


def pair(gold_events: list[dict], events: list[Event]) -> list[tuple[dict, Event | None]]:
    """Best same-type prediction for each gold event, by (epistemic right, fields right)."""
    used: set[str] = set()
    out = []
    for g in gold_events:
        best, best_key = None, (-1, -1)
        for ev in events:
            if ev.id in used or ev.type != g["type"]:
                continue
            right, _ = field_score(g, ev)
            key = (int(ev.epistemic == g["epistemic"]), right)
            if key > best_key:
                best, best_key = ev, key
        if best is not None:
            used.add(best.id)
        out.append((g, best))
    return out


def score(doc: AnalyzedDocument, gold: dict) -> dict[str, float]:
    pairs = pair(gold["events"], doc.events)
    n = len(pairs)
    found = sum(ev is not None for _, ev in pairs)
    typed_epi = sum(ev is not None and ev.epistemic == g["epistemic"] for g, ev in pairs)
    right = total = 0
    for g, ev in pairs:
        if ev is None:
            total += field_score(g, Event.model_construct(actor1=None, actor2=None, location=None))[1]
            continue
        r, t = field_score(g, ev)
        right, total = right + r, total + t
    asserted_spec = 0
    for passage in gold.get("speculation_not_events", []):
        start = doc.text.find(passage)
        if start < 0:
            continue
        end = start + len(passage)
        asserted_spec += sum(
            1
            for ev in doc.events
            if start <= ev.trigger.start < end and ev.epistemic in ("asserted", "attributed")
        )
    return {
        "events_found": found / n,
        "events_type_epistemic": typed_epi / n,
        "fields_right": right / total if total else 0.0,
        "speculation_asserted": float(asserted_spec),
    }


def run() -> list[Metric]:
    doc, gold = analyse_seed()
    s = score(doc, gold)
    return [
        Metric(SUITE, "events_found", s["events_found"], anchor="target 1.0 (8/8)"),
        Metric(SUITE, "events_type_epistemic", s["events_type_epistemic"], anchor="target 1.0"),
        Metric(SUITE, "fields_right", s["fields_right"], anchor="target >= 0.80"),
        Metric(SUITE, "speculation_asserted", s["speculation_asserted"], anchor="target 0",
               higher_is_better=False),
    ]
