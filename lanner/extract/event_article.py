"""The article's events as an analyst would code them: role clean-up, generic fills, tolls, low-value cuts.

Runs once per document after the mentions are merged. Why a pass over the whole article: a report
names the perpetrator in one sentence and the victims or the toll in another, and its vague asides
("a possible attack", "the talks") are not events an analyst would code. The rules here are about the
kind of phrase, never about particular articles:

- an actor slot never holds a news outlet, agency or monitor (they are the attribution), a place, a
  number or date, or a bare common noun; a bare noun that names people is made the generic actor it
  stands for ("a woman" -> Civilians (Country), "gunmen" -> Unidentified Armed Group (Country));
- an attack whose perpetrator the text never names gets `Unidentified Armed Group (Country)`, as
  ACLED codes it; victims the toll calls civilians become `Civilians (Country)`;
- events that are not violent carry 0 deaths, as ACLED codes them (null stays for violence with no
  toll given);
- in a whole article (more than a few sentences), events with neither actor nor place, and unrealised
  ones (hypothetical, planned, speculative) that lack an actor or a place, are dropped.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pycountry

from lanner.extract.event_lexicon import word_class
from lanner.model import ActorRef, Count, Event, Location
from lanner.pipeline import WorkDoc
from lanner.resolve.actor_kb import load_kb, norm

OUTLETS = Path(__file__).resolve().parents[1] / "data" / "outlets" / "outlets.csv"
NOT_SIDES = ("media", "monitor")  # KB roles that report an event, never take part in it
VIOLENT = ("ASSAULT",)
UNREALISED = ("hypothetical", "planned", "speculative")
MONTHS = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.I
)  # a date the parser took for a name ("Oct"): English month names, as the date grammar reads them
LEADING = re.compile(r"^(?:(?:the|a|an|our|their|its|his|her|some|several|many|\d[\d,]*s?|one|two|three|four|"
                     r"five|six|seven|eight|nine|ten|dozens of|scores of|hundreds of)\s+)+", re.I)


@functools.cache
def _outlet_names() -> frozenset[str]:
    """Outlet names and aliases (`lanner/data/outlets/outlets.csv`), normalised."""
    names: set[str] = set()
    with OUTLETS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.add(norm(row["outlet"]))
            names.update(norm(a) for a in row["aliases"].split("|") if a)
    return frozenset(n for n in names if n)


def _iso3(location: Location | None, hint: str | None) -> str | None:
    if location is not None and location.country:
        c = pycountry.countries.get(alpha_2=location.country)
        if c is not None:
            return c.alpha_3
    return hint


def generic(key: str, iso3: str | None) -> ActorRef | None:
    """The KB's generic actor (`mil`, `civ`, `uag`, ...) of a country, as an event role."""
    a = load_kb().generic(key, iso3)
    if a is None:
        return None
    return ActorRef(name=a.name, kb_id=a.id, type=a.type, country=a.country, acled_inter=a.inter)


def _places(wd: WorkDoc) -> frozenset[str]:
    """Names the gazetteer resolved as places (not used as actors): "Aleppo" holds no role."""
    return frozenset(norm(p.mention.text) for p in wd.out.places if not p.metonym and p.resolution is not None)


def clean_ref(ref: ActorRef | None, iso3: str | None, places: frozenset[str]) -> ActorRef | None:
    """The actor a role may hold: None for what is no actor; a bare people noun made generic."""
    if ref is None:
        return None
    kb = load_kb()
    if ref.kb_id:
        a = kb.get(ref.kb_id)
        if a is not None and a.role in NOT_SIDES:
            return None  # "SOHR", "Reuters": who reports the event, not a side in it
        if ref.kb_id == "uag" or (ref.kb_id in ("civ", "pro", "rio") and iso3):
            key = {"uag": "uag", "civ": "civ", "pro": "pro", "rio": "rio"}[ref.kb_id]
            return generic(key, iso3) or ref  # "Unidentified Armed Group" -> "... (Syria)"
        return ref
    name = re.sub(r"\s+", " ", ref.name).strip(" ,.;:'\"")
    key = norm(name)
    if not key or key in _outlet_names() or key in places:
        return None
    core = LEADING.sub("", name).strip()
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", core)
    if not words or MONTHS.match(core) or re.match(r"^\d", core):
        return None  # "100s", "Oct"
    head = words[-1].lower()
    lemma = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    if head in ("men", "man", "women", "woman", "people", "person", "persons", "children", "child") or \
            lemma in word_class("civilian"):
        return generic("civ", iso3) or ref
    if lemma in word_class("armed_people") or head in ("gunmen", "assailants", "attackers"):
        if lemma in word_class("state_forces"):
            return None  # "army", "forces" without whose: not an actor an analyst can code
        return generic("uag", iso3) or ref
    if all(w.islower() for w in words) or len(words) == 1 and len(words[0]) <= 4 and words[0].islower():
        return None  # a bare common noun ("police men" is caught above only when its head is a people noun)
    return ref


def _civilian_toll(ev: Event) -> bool:
    text = (ev.fatalities.text if ev.fatalities else "") or ""
    text += " " + ((ev.injured.text if ev.injured else "") or "")
    words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", text)}
    return bool(words & (word_class("civilian") - {"worker", "man", "people"})) or "children" in text.lower()


def _realis(ev: Event) -> bool:
    return ev.epistemic not in UNREALISED and ev.epistemic != "denied" and ev.epistemic != "rumored"


def finish_events(wd: WorkDoc, events: list[Event], whole_article: bool) -> list[Event]:
    """Apply the article-level rules (module docstring); returns the events kept, in order."""
    hint = wd.scratch.get("country_hint")
    places = _places(wd)
    kept: list[Event] = []
    for ev in events:
        iso3 = _iso3(ev.location, hint)
        ev.actor1 = clean_ref(ev.actor1, iso3, places)
        ev.actor2 = clean_ref(ev.actor2, iso3, places)
        if ev.type == "PROTEST" and ev.actor1 is not None and ev.actor1.kb_id == f"civ-{iso3}":
            ev.actor1 = generic("pro", iso3)  # "thousands of people marched": protesters, as ACLED names them
        if ev.actor1 is not None and ev.actor2 is not None and ev.actor1.name == ev.actor2.name:
            ev.actor2 = None
        ev.assoc_actors = [a for a in (clean_ref(x, iso3, places) for x in ev.assoc_actors) if a is not None]
        if whole_article and _low_value(ev):
            continue
        if ev.type in VIOLENT:
            if ev.actor2 is None and ev.acled_sub_event_type not in (None, "Armed clash") and _civilian_toll(ev):
                ev.actor2 = generic("civ", iso3)  # "killing 23 civilians"
            if ev.actor1 is None and ev.acled_event_type is not None and _realis(ev):
                ev.actor1 = generic("uag", iso3) or ActorRef(name="Unidentified Armed Group")
        elif ev.fatalities is None and not (ev.type == "PROTEST" and ev.acled_event_type == "Riots"):
            ev.fatalities = Count(min=0, max=0)  # moves, deals, arrests, statements: no deaths, coded 0
        if ev.type in VIOLENT and ev.fatalities is None and ev.injured is not None and ev.injured.min:
            ev.fatalities = Count(min=0, max=0)  # only injuries reported: ACLED codes 0 deaths
        kept.append(ev)
    return kept


def _low_value(ev: Event) -> bool:
    """Nothing an analyst could code: no actor and no place, or an unrealised act missing either."""
    if ev.epistemic == "hypothetical":
        return True
    if ev.actor1 is None and ev.location is None:
        return True
    return ev.epistemic in UNREALISED and (ev.actor1 is None or ev.location is None)
