"""Fixtures suite: our own short reports (tests/fixtures/reports/*.yaml) with their expected coding.

Conflict reports from the Sahel, Yemen, Sudan, Ukraine, Myanmar and elsewhere, plus distractors
(crime, disasters, sport, metaphors) on which nothing should be coded. Reported: share of expected
events found with the right PLOVER type, with the right ACLED sub-type, share of their fields right
(actor1, actor2, place, epistemic status, fatalities), and false conflict events (ASSAULT or any
ACLED-coded event) per distractor: "accusing the minister" in a budget row is a fair ACCUSE event,
"an attack on the bill" forced into ASSAULT is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lanner.eval import Metric
from lanner.extract.events.match import field_score
from lanner.model import Event

SUITE = "fixtures"
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "reports"


def load() -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.yaml"))}


def analyse(fx: dict[str, Any]):
    """The document and the events stage's out-of-scope record (pipeline run up to finalize)."""
    from lanner.api import default_pipeline
    from lanner.model import RawDocument

    pipe = default_pipeline()
    raw = RawDocument(text=fx["text"], published=fx.get("published"), outlet=fx.get("outlet"))
    wd = pipe.new_workdoc(raw)
    for stage in pipe.stages:
        stage.func(wd)
        if stage.name == "events":
            break
    return wd.out, wd.scratch.get("out_of_scope", [])


def fields(gold: dict[str, Any], ev: Event) -> tuple[int, int]:
    """(right, total) over the fields the expectation fills."""
    right, total = field_score(gold, ev, place_key="place")
    total += 1
    right += ev.epistemic == gold["epistemic"]
    if "fatalities" in gold:
        total += 1
        got = ev.fatalities.min if ev.fatalities is not None else None
        right += got == gold["fatalities"]
    return right, total


def best_match(gold: dict[str, Any], events: list[Event], used: set[str]) -> Event | None:
    same = [e for e in events if e.type == gold["type"] and e.id not in used]
    return max(same, key=lambda e: fields(gold, e)[0], default=None)


def score(fixtures: dict[str, dict[str, Any]]) -> dict[str, float]:
    n = typed = subtyped = right = total = 0
    distractors = false_events = flagged = 0
    for fx in fixtures.values():
        doc, oos = analyse(fx)
        if not fx["expected"]:
            distractors += 1
            coded = [e for e in doc.events if e.type == "ASSAULT" or e.acled_event_type]
            false_events += len(coded)
            flagged += not coded
            continue
        used: set[str] = set()
        for gold in fx["expected"]:
            n += 1
            ev = best_match(gold, doc.events, used)
            fields_total = fields(gold, Event.model_construct(
                actor1=None, actor2=None, location=None, epistemic=None, fatalities=None))[1]
            if ev is None:
                total += fields_total
                continue
            used.add(ev.id)
            typed += 1
            subtyped += ev.acled_sub_event_type == gold.get("acled")
            r, t = fields(gold, ev)
            right, total = right + r, total + t
    return {
        "type_accuracy": typed / n,
        "subtype_accuracy": subtyped / n,
        "field_accuracy": right / total if total else 0.0,
        "false_events_per_distractor": false_events / distractors if distractors else 0.0,
        "distractors_clean": flagged / distractors if distractors else 1.0,
    }


def run() -> list[Metric]:
    s = score(load())
    return [
        Metric(SUITE, "type_accuracy", s["type_accuracy"]),
        Metric(SUITE, "subtype_accuracy", s["subtype_accuracy"]),
        Metric(SUITE, "field_accuracy", s["field_accuracy"]),
        Metric(
            SUITE, "false_events_per_distractor", s["false_events_per_distractor"], higher_is_better=False
        ),
        Metric(SUITE, "distractors_clean", s["distractors_clean"], anchor="no event coded"),
    ]
