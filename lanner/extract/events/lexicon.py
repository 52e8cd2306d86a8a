"""The event ontology and trigger lexicon, loaded once from `lanner/data/ontology/`.

Keeping every word list and mapping in data files lets an analyst extend the coding (a new
weapon, a new ACLED rule) without touching the matching code; this module only indexes them.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "data" / "ontology"


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: the lemma sequence and how a match is coded."""

    words: tuple[str, ...]
    type: str
    mode: str | None = None
    pos: str | None = None
    sense: str | None = None
    obj: tuple[str, ...] = ()
    mode_by_obj: dict[str, str] = field(default_factory=dict, hash=False)
    type_by_obj: dict[str, str] = field(default_factory=dict, hash=False)
    unrealised: str | None = None
    weak: bool = False


@dataclass(frozen=True)
class AcledCode:
    event_type: str | None
    sub_event_type: str | None
    cameo_root: str | None


def _load(name: str) -> Any:
    return yaml.safe_load((ONTOLOGY_DIR / name).read_text(encoding="utf-8"))


@functools.cache
def plover() -> dict[str, dict[str, Any]]:
    return _load("plover.yaml")["types"]


@functools.cache
def acled() -> dict[str, dict[str, str]]:
    """ACLED event type -> {sub-event type: definition}."""
    return _load("acled.yaml")["event_types"]


@functools.cache
def cues() -> dict[str, Any]:
    return _load("cues.yaml")


@functools.cache
def word_class(name: str) -> frozenset[str]:
    return frozenset(cues()["classes"][name])


@functools.cache
def epistemic_cues(name: str) -> frozenset[str]:
    return frozenset(cues()["epistemic"][name])


@functools.cache
def instruments() -> dict[str, str]:
    return dict(cues()["instruments"])


@functools.cache
def out_of_scope_cues() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in cues()["out_of_scope"].items()}


@functools.cache
def non_conflict_collocations() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in cues()["non_conflict_collocations"].items()}


@functools.cache
def triggers_by_first_word() -> dict[str, list[Trigger]]:
    """Index on the first lemma; longer expressions first so "air strike" beats "air"."""
    index: dict[str, list[Trigger]] = {}
    for row in _load("triggers.yaml")["triggers"]:
        trig = Trigger(
            words=tuple(str(row["w"]).lower().split()),
            type=row["type"],
            mode=row.get("mode"),
            pos=row.get("pos"),
            sense=row.get("sense"),
            obj=tuple(row.get("obj", ())),
            mode_by_obj=dict(row.get("mode_by_obj", {})),
            type_by_obj=dict(row.get("type_by_obj", {})),
            unrealised=row.get("unrealised"),
            weak=bool(row.get("weak", False)),
        )
        index.setdefault(trig.words[0], []).append(trig)
    for rows in index.values():
        rows.sort(key=lambda t: -len(t.words))
    return index


@functools.cache
def _mapping() -> dict[tuple[str, str, str], AcledCode]:
    table: dict[tuple[str, str, str], AcledCode] = {}
    with (ONTOLOGY_DIR / "mapping.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["plover"], row["mode"] or "", row["target"] or "any")
            table[key] = AcledCode(
                row["acled_event_type"] or None,
                row["acled_sub_event_type"] or None,
                row["cameo_root"] or None,
            )
    return table


def code_event(plover_type: str, mode: str | None, target: str = "any") -> AcledCode:
    """PLOVER type + mode (+ whether the target is armed or civilian) -> ACLED type/sub-type, CAMEO root.

    Falls back from the specific row to the mode-less row of the type, so an unlisted mode never
    invents an ACLED code the table does not give.
    """
    table = _mapping()
    for key in (
        (plover_type, mode or "", target),
        (plover_type, mode or "", "any"),
        (plover_type, "", target),
        (plover_type, "", "any"),
    ):
        if key in table:
            return table[key]
    return AcledCode(None, None, plover().get(plover_type, {}).get("cameo_root"))
