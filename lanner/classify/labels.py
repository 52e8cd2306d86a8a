"""The label table: CASE-style event-type labels, their ACLED names and their scope.

Why a table: the classifier predicts CASE 2021 codes; the rest of Lanner speaks ACLED. The mapping,
and which labels are outside ACLED (crime, disasters, diplomacy), is data an analyst can check.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "models" / "case_labels.csv"
POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(frozen=True)
class LabelInfo:
    label: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    scope: str


@functools.cache
def label_table() -> dict[str, LabelInfo]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return {
            r["label"]: LabelInfo(
                r["label"], r["acled_event_type"] or None, r["acled_sub_event_type"] or None, r["scope"]
            )
            for r in csv.DictReader(fh)
        }


def acled_for(label: str) -> tuple[str, str] | None:
    """ACLED (event type, sub-event type) for a label; None for labels outside ACLED's scope."""
    info = label_table().get(label)
    if info is None or info.acled_event_type is None or info.acled_sub_event_type is None:
        return None
    return info.acled_event_type, info.acled_sub_event_type


@functools.cache
def label_for_sub_event(sub_event_type: str) -> str | None:
    """The CASE-style label for an ACLED sub-event type name (the inverse of `acled_for`)."""
    for info in label_table().values():
        if info.acled_sub_event_type and info.acled_sub_event_type.lower() == sub_event_type.lower():
            return info.label
    return None


def scope_of(label: str) -> str:
    info = label_table().get(label)
    return info.scope if info else "other"
