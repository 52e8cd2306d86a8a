"""Who depends on whom: the outlet table and the source key each report counts under.

Counting outlets overstates corroboration: SANA and Syrian TV repeating one ministry statement, or
Reuters and AFP both relaying the Syrian Observatory, are one witness each. A report's source key is
its ORIGINAL source (the named source the event is attributed to, when there is one) mapped to its
dependence group from `lanner/data/outlets/outlets.csv`; otherwise the publishing outlet's group.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "outlets" / "outlets.csv"
UNKNOWN_OUTLET = "outlet:unknown"
STATE_PREFIXES = ("gov-", "mil-", "pol-")
NON_SOURCE_PREFIXES = ("civ-", "uag-", "aog-", "pro-", "rio-")  # crowds and categories are not origins


@dataclass(frozen=True)
class OutletInfo:
    name: str
    group: str
    kind: str
    country: str


def norm(name: str) -> str:
    """Case, accents, punctuation and a leading article do not distinguish outlets."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@functools.cache
def outlet_table() -> dict[str, OutletInfo]:
    """Normalised name or alias -> the outlet row it names."""
    index: dict[str, OutletInfo] = {}
    with TABLE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            info = OutletInfo(row["outlet"], row["group"], row["kind"], row["country"])
            for name in [row["outlet"], *filter(None, row["aliases"].split("|"))]:
                index.setdefault(norm(name), info)
    return index


@functools.lru_cache(maxsize=4096)
def lookup(name: str | None) -> OutletInfo | None:
    if not name:
        return None
    table = outlet_table()
    key = norm(name)
    if key in table:
        return table[key]
    # "Syrian state news agency SANA", "(Reuters)": a known name as a whole word inside the phrase
    for alias in sorted(table, key=len, reverse=True):
        if len(alias) >= 3 and re.search(rf"\b{re.escape(alias)}\b", key):
            return table[alias]
    return None


def outlet_key(outlet: str | None) -> str:
    """The publishing outlet's dependence group (an unlisted outlet is its own group)."""
    if not outlet:
        return UNKNOWN_OUTLET
    info = lookup(outlet)
    return info.group if info else f"outlet:{norm(outlet)}"


def source_key(outlet: str | None, attribution_source: str | None, attribution_kind: str | None) -> str:
    """The original source a report rests on.

    A report attributed to a NAMED source counts under that source when we can identify it: a wire,
    state agency or monitor the outlet table lists counts under its group (so "according to SANA"
    collapses with SANA's own story, and two outlets relaying SOHR count once); a state official or
    body the actor KB resolves counts under that state ("state:RUS", the same key as its state media:
    a ministry's statement and its state media's report are one origin); another KB organisation (the
    OPCW, Human Rights Watch) counts under its KB id. Anything else (an unresolvable name, "activists",
    anonymous, unspecified, the outlet's own voice) counts under the publishing outlet's group: a name
    we cannot identify is no evidence of a separate origin.
    """
    if attribution_kind == "named" and attribution_source:
        info = lookup(attribution_source)
        if info:
            return info.group
        party = party_key(attribution_source)
        if party:
            return party
    return outlet_key(outlet)


@functools.lru_cache(maxsize=4096)
def party_key(name: str) -> str | None:
    """ "state:<ISO3>" for a state body or official, "actor:<kb id>" for a named organisation, else None."""
    from lanner.resolve.actors import resolve_phrase

    ref = resolve_phrase(name)
    kid = ref.kb_id if ref else None
    if not kid or "-" not in kid or kid.startswith(NON_SOURCE_PREFIXES):
        return None
    if kid.startswith(STATE_PREFIXES):
        return f"state:{kid.split('-', 1)[1]}"
    return f"actor:{kid}"
