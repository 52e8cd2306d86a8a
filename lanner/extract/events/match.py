"""Loose comparison of coded events with an analyst's coding, shared by the evaluation suites.

Analysts write names the way they know them ("Levant Legion (Faylaq al-Sham)", "Recep Tayyip
Erdogan (Turkey)", "Ras al-Ain (outskirts)"); our records carry KB names and gazetteer spellings
("Ra’s al ‘Ayn"). So names are compared after folding accents, articles and punctuation, with
each parenthesised alternative tried, then by fuzzy token overlap; a state actor (government,
military, head of state) also matches any of our actors of the same country, since ACLED codes a
president's act as the government's.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import pycountry
from rapidfuzz import fuzz

from lanner.model import ActorRef, Event, Location

STATE_PREFIX = re.compile(r"^(government|military forces|police forces|armed forces) of (the )?", re.I)


def fold(name: str) -> str:
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = re.sub(r"[’‘`'ʿʾ]", "", name.lower())
    name = re.sub(r"\b(al|ar|as|ash|ad|an|az|at|el|the|town|city|province|governorate)\b", " ", name)
    name = re.sub(r"[^a-z0-9 ]+", " ", name)
    return " ".join(name.split())


def alternatives(name: str) -> set[str]:
    """"Ras al-Ain (Sri Kani / Sere Kaniye)" -> {"ras ain", "sri kani", "sere kaniye"}."""
    out = {fold(re.sub(r"\(.*?\)", "", name))}
    for inner in re.findall(r"\((.*?)\)", name):
        out.update(fold(p) for p in inner.split("/"))
    return {a for a in out if a}


def names_match(gold: str, pred: str) -> bool:
    for g in alternatives(gold):
        for p in alternatives(pred):
            if g == p or fuzz.token_set_ratio(g, p) >= 85 or fuzz.ratio(g, p) >= 80:
                return True
    return False


@functools.cache
def country_code(name: str) -> str | None:
    """Alpha-3 of a country named in an analyst label ("Government of the United States", "(Turkey)")."""
    candidates = [STATE_PREFIX.sub("", name)] + re.findall(r"\((.*?)\)", name)
    for cand in candidates:
        cand = cand.strip()
        if not cand:
            continue
        try:
            return pycountry.countries.lookup(cand).alpha_3
        except LookupError:
            try:
                return pycountry.countries.search_fuzzy(cand)[0].alpha_3 if len(cand) > 3 else None
            except LookupError:
                continue
    return None


def actor_matches(gold: str | None, pred: ActorRef | None) -> bool:
    if gold is None:
        return pred is None
    if pred is None:
        return False
    if names_match(gold, pred.name) or (pred.mention is not None and names_match(gold, pred.mention.text)):
        return True
    state_like = bool(STATE_PREFIX.match(gold)) or bool(re.search(r"\(([A-Z][a-z]+ ?)+\)$", gold))
    if state_like and pred.country and pred.acled_inter in (1, None):
        return country_code(gold) == pred.country
    return False


def _loc_names(loc: Location) -> list[str]:
    names = [loc.name]
    if loc.mention is not None:
        names.append(loc.mention.text)
    return names


def location_matches(gold: str | list[str] | None, event: Event) -> bool:
    """The event's main location is one of the gold places (by name or the words in the text)."""
    if gold is None:
        return event.location is None
    if event.location is None:
        return False
    golds = gold if isinstance(gold, list) else [gold]
    return any(names_match(g, n) for g in golds for n in _loc_names(event.location))


def field_score(gold: dict, event: Event, place_key: str = "location") -> tuple[int, int]:
    """(right, total) over actor1, actor2 and the place for the fields the analyst filled."""
    right = total = 0
    for key, pred in (("actor1", event.actor1), ("actor2", event.actor2)):
        if gold.get(key):
            total += 1
            right += actor_matches(gold[key], pred)
    if gold.get(place_key):
        total += 1
        right += location_matches(gold[place_key], event)
    return right, total
