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
- in a whole article (more than a few sentences), events with neither actor nor place, non-violent
  events with nobody doing them ("the talks", "a ceasefire"), hypothetical ones, and unrealised ones
  (planned, speculative) that lack an actor or a place, are dropped, and so are those left with
  neither a place nor a target once places are taken from the whole article;
- mentions of the same incident left apart by the sentence-level merge (headline, lead, body) are
  folded into one event (`merge_restatements`).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from pathlib import Path

import pycountry

from lanner.extract.casualties import told_over_years
from lanner.extract.events.lexicon import word_class
from lanner.extract.events.places import stand_in
from lanner.model import ActorRef, Count, Event, Location
from lanner.pipeline import WorkDoc
from lanner.resolve.actor_kb import load_kb, norm
from lanner.resolve.gazetteer import load_gazetteer

OUTLETS = Path(__file__).resolve().parents[2] / "data" / "outlets" / "outlets.csv"
NOT_SIDES = ("media", "monitor")  # KB roles that report an event, never take part in it
VIOLENT = ("ASSAULT",)
SEIZURES = ("abduct",)  # COERCE modes done by force by someone: an unnamed doer is an armed group
UNREALISED = ("hypothetical", "planned", "speculative")
REALIS_SET = ("asserted", "attributed")
EARLIEST_NEWS = 1946  # before this, a date in a war report is history (the FA-KES plausibility bound)
TOLL_UPDATE = re.compile(r"\b(toll|rose|risen|raised|climbed|reached|increased|jumped)\b", re.I)
MONTHS = re.compile(
    r"^(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$", re.I
)  # a date the parser took for a name ("Oct"): English month names, as the date grammar reads them
LEADING = re.compile(
    r"^(?:(?:the|a|an|our|their|its|his|her|some|several|many|around|about|nearly|almost|over|more than|"
    r"at least|up to|\d[\d,]*s?|one|two|three|four|five|six|seven|eight|nine|ten|dozens of|scores of|"
    r"hundreds of)\s+)+",
    re.I,
)


@functools.cache
def _outlet_names() -> frozenset[str]:
    """Outlet names and aliases (`lanner/data/outlets/outlets.csv`), normalised."""
    names: set[str] = set()
    with OUTLETS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.add(norm(row["outlet"]))
            names.update(norm(a) for a in row["aliases"].split("|") if a)
    return frozenset(n for n in names if n)


def _doc_country(events: list[Event]) -> str | None:
    """The country most of the article's events are placed in (ISO3), when the actors stage gave none."""
    counts: dict[str, int] = {}
    for ev in events:
        iso = _iso3(ev.location, None)
        if iso:
            counts[iso] = counts.get(iso, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


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
    """Names the gazetteer resolved as places: "Aleppo" holds no role (a capital used for its government
    resolves to the government in the actor KB and never reaches this test)."""
    return frozenset(norm(p.mention.text) for p in wd.out.places if p.resolution is not None or p.metonym)


@functools.cache
def _major_place(name: str) -> bool:
    """Is the name, exactly, a country, a province or a province's seat in the gazetteer?"""
    if not name[:1].isupper():
        return False
    cands = load_gazetteer().candidates(name)
    return any(c.fcode in MAJOR_PLACES and c.name.lower() == name.lower() for c in cands)


def clean_ref(ref: ActorRef | None, iso3: str | None, places: frozenset[str]) -> ActorRef | None:
    """The actor a role may hold: None for what is no actor; a bare people noun made generic."""
    if ref is None:
        return None
    kb = load_kb()
    if ref.kb_id and ref.kb_id in kb.actors or ref.kb_id in ("uag", "civ", "pro", "rio"):
        a = kb.get(ref.kb_id or "")
        if a is not None and a.role in NOT_SIDES:
            return None  # "SOHR", "Reuters": who reports the event, not a side in it
        if ref.kb_id in ("uag", "civ", "pro", "rio"):
            generic_ref = generic(ref.kb_id, iso3)  # "Unidentified Armed Group" -> "... (Syria)"
            return generic_ref or (ref if ref.kb_id == "uag" else None)  # "Civilians" of nowhere: no name
        return ref
    name = re.sub(r"\s+", " ", ref.name).strip(" ,.;:'\"-")
    key = norm(name)
    if not key or key in _outlet_names() or key in places or re.search(r"\bnews agency\b", key):
        return None
    if _major_place(name):
        return None  # "the attack on Aleppo": the target is a place, never an actor named after it
    if re.match(r"^\d+([:/.-]\d+)+\b|^\d+\s*(gmt|utc|am|pm|hrs)\b", name, re.I):
        return None  # a time or a date: "19:11 Syrian Coalition", "2000 GMT"
    core = LEADING.sub("", name).strip()
    counted = core != name and bool(re.search(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten)\b",
                                               name[: len(name) - len(core)], re.I))
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", core)
    owned = re.match(r"^(our|their|its|his|her)\b", name, re.I) is not None  # "our men": the speaker's side
    if not words or MONTHS.match(core) or re.match(r"^\d", core) or owned:
        return None  # "100s", "Oct"
    if not counted and len(words) >= 2 and all(w[0].isupper() for w in words[-2:]):
        return ref  # a name ("Chaung U Revolutionary Army"), kept as written
    head = words[-1].lower()
    lemma = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    lex = kb.lex
    if head in ("men", "man", "women", "woman", "people", "person", "persons", "children", "child") or \
            lemma in word_class("civilian") or (counted and kb.country_of_word(lemma)):
        return generic("civ", kb.country_of_word(lemma) or iso3) or ref  # "40 Syrians", "two men"
    if lemma in word_class("armed_people") or head in lex["fighter_heads"] or lemma in lex["fighter_heads"]:
        mods = {w.lower() for w in words[:-1]}
        if mods & {"government", "regime", "army"}:
            return generic("mil", iso3) or ref  # "a government sniper"
        if lemma in word_class("state_forces") or head in ("force", "forces"):
            return None  # "army", "forces" without whose: no actor an analyst can code
        return generic("uag", iso3) or ref
    if counted or all(w.islower() for w in words):
        return None  # a bare common noun, or a count of something that is no people ("two forces")
    if len(words) == 1 and head in lex["not_actor_words"]:
        return None  # "Tags", "Coalition", "Division": a page label or a unit word with no name
    return ref


def _civilian_toll(ev: Event) -> bool:
    text = (ev.fatalities.text if ev.fatalities else "") or ""
    text += " " + ((ev.injured.text if ev.injured else "") or "")
    words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", text)}
    civilian = (word_class("civilian") - {"worker", "man"}) | {"person"}  # "killing four people": ACLED
    return bool(words & civilian) or "children" in text.lower()


def _soldiers_toll(ev: Event) -> str | None:
    """Does the death toll name soldiers ("Sixteen Nigerien soldiers were killed")? Their country (ISO3)
    when a nationality word says it, "?" when it does not; None when the dead are not soldiers."""
    text = (ev.fatalities.text if ev.fatalities else "") or ""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    hit = next((i for i, w in enumerate(words) if w.rstrip("s") in word_class("soldiers")), None)
    if hit is None:
        return None
    kb = load_kb()
    return next((c for w in words[max(0, hit - 3) : hit] if (c := kb.country_of_word(w))), "?")


def _realis(ev: Event) -> bool:
    return ev.epistemic not in UNREALISED and ev.epistemic != "denied" and ev.epistemic != "rumored"


def finish_events(wd: WorkDoc, events: list[Event], whole_article: bool) -> list[Event]:
    """Apply the article-level rules (module docstring); returns the events kept, in order."""
    hint = wd.scratch.get("country_hint") or _doc_country(events)
    places = _places(wd)
    for ev in events:
        iso3 = _iso3(ev.location, hint)
        ev.actor1 = clean_ref(ev.actor1, iso3, places)
        ev.actor2 = clean_ref(ev.actor2, iso3, places)
        if ev.type in VIOLENT and ev.actor1 is not None and (ev.actor1.kb_id or "").startswith("gov-"):
            ev.actor1 = generic("mil", ev.actor1.country) or ev.actor1  # "Turkey shelled": its forces did
    events = merge_restatements(events, wd.scratch.setdefault("merged_into", {}))
    share_roles(events)
    for ev in events:
        finer_place(ev, wd)
        most_specific(ev, wd.scratch.get("focus_country"))
    kept: list[Event] = []
    for ev in events:
        iso3 = _iso3(ev.location, hint)
        if ev.type == "PROTEST" and ev.actor1 is not None and ev.actor1.kb_id == f"civ-{iso3}":
            ev.actor1 = generic("pro", iso3)  # "thousands of people marched": protesters, as ACLED names them
        if ev.actor1 is not None and ev.actor2 is not None and ev.actor1.name == ev.actor2.name:
            ev.actor2 = None
        ev.assoc_actors = [a for a in (clean_ref(x, iso3, places) for x in ev.assoc_actors) if a is not None]
        if whole_article and (_low_value(ev) or _history(ev, wd.out.document.published)):
            wd.scratch.setdefault("low_value_events", []).append(ev)  # found, but not coded
            continue
        soldiers = _soldiers_toll(ev)
        open_or_civil = ev.actor2 is None or (ev.actor2.kb_id or "").startswith("civ")
        if soldiers and ev.type in VIOLENT and open_or_civil:  # "16 Nigerien soldiers were killed"
            ev.actor2 = generic("mil", soldiers if soldiers != "?" else iso3) or ev.actor2
        if ev.acled_event_type == "Violence against civilians" and _fighters(ev.actor2):
            ev.acled_event_type, ev.acled_sub_event_type = "Battles", "Armed clash"  # armed victims: a battle
        if _by_force(ev):
            open_target = ev.actor2 is None and ev.acled_sub_event_type not in (None, "Armed clash")
            if open_target and (_civilian_toll(ev) or ev.type == "COERCE"):
                ev.actor2 = generic("civ", iso3)  # "killing 23 civilians"; people seized ("abducted 50")
            if ev.actor1 is None and ev.acled_event_type is not None and _realis(ev):
                ev.actor1 = generic("uag", iso3) or ActorRef(name="Unidentified Armed Group")
        if ev.type not in VIOLENT and ev.fatalities is None and not (
            ev.type == "PROTEST" and ev.acled_event_type == "Riots"
        ):
            ev.fatalities = Count(min=0, max=0)  # moves, deals, arrests, statements: no deaths, coded 0
        if ev.type in VIOLENT and ev.fatalities is None and ev.injured is not None and ev.injured.min:
            ev.fatalities = Count(min=0, max=0)  # only injuries reported: ACLED codes 0 deaths
        kept.append(ev)
    if whole_article:
        inherit_places(kept, wd)
        unplaced = [ev for ev in kept if ev.location is None and ev.actor2 is None  # no where, no whom
                    and ev.epistemic in REALIS_SET]  # (a rumour or denial is kept: the analyst flags it)
        wd.scratch.setdefault("low_value_events", []).extend(unplaced)
        kept = [ev for ev in kept if ev not in unplaced]
    return kept


def _low_value(ev: Event) -> bool:
    """Nothing an analyst could code: no actor and no place, or an unrealised act missing either."""
    if ev.epistemic == "hypothetical":
        return True
    if ev.actor1 is None and (ev.location is None or not _by_force(ev)):
        return True  # nobody doing it: an attack still gets its unidentified attacker, anything else is vague
    return ev.epistemic in UNREALISED and (ev.actor1 is None or ev.location is None)


def _by_force(ev: Event) -> bool:
    """An attack, or people seized ("gunmen abducted 30 pupils"): the doer is armed even when unnamed."""
    return ev.type in VIOLENT or (ev.type == "COERCE" and ev.mode in SEIZURES)


def _unnamed(ref: ActorRef | None) -> bool:
    return ref is None or (ref.kb_id or "").startswith("uag")


def _same_side(a: ActorRef | None, b: ActorRef | None) -> bool:
    return _unnamed(a) or _unnamed(b) or a.name == b.name  # type: ignore[union-attr]


def _place_key(ev: Event) -> str | None:
    return norm(ev.location.name) if ev.location is not None else None


def restates(a: Event, b: Event) -> bool:
    """Is `b` the same incident as `a`, told again (headline, lead, body)? Same type and realis class,
    no contradicting actor, the same place (or none given), the same day (or none given); and one
    strong tie: the same named perpetrator, the same place, or the same ACLED sub-type."""
    if a.type != b.type or (a.epistemic in REALIS_SET) != (b.epistemic in REALIS_SET):
        return False
    if not (_same_side(a.actor1, b.actor1) and _same_side(a.actor2, b.actor2)):
        return False
    if (a.mode == "territory") != (b.mode == "territory"):
        return False  # taking ground and striking are two acts ("overran a checkpoint ... then shelled")
    if over_years(a) != over_years(b):
        return False  # a campaign's history told beside the day's incident is not a restatement of it
    pa, pb = _place_key(a), _place_key(b)
    if pa and pb and pa != pb:
        return False
    if a.date.start and b.date.start and a.date.start != b.date.start:
        return False
    named = not _unnamed(a.actor1) and not _unnamed(b.actor1)
    vague = pb is None and _unnamed(b.actor1)  # "the strikes ripped through the market": told before
    same_place = bool(pa and pa == pb)
    subs = {a.acled_sub_event_type, b.acled_sub_event_type} - {None}
    if len(subs) > 1 and not (same_place or vague):
        return False  # "overran a checkpoint ... then shelled a town": two acts, unless one place ties them
    return named or vague or same_place or len(subs) == 1


def over_years(ev: Event) -> bool:
    """Is the event, as first told (its lead sentence), told over a span of years?"""
    return bool(ev.evidence) and told_over_years(ev.evidence[0], ev.trigger)


def _fold(into: Event, ev: Event) -> None:
    """Carry the best of `ev` into `into`: a named actor over none, a place, a date, the largest toll."""
    if _unnamed(into.actor1) and not _unnamed(ev.actor1):
        into.actor1 = ev.actor1
    if _unnamed(into.actor2) and not _unnamed(ev.actor2):
        into.actor2 = ev.actor2
    if into.location is None and ev.location is not None:
        into.location, into.other_locations = ev.location, ev.other_locations
    if into.date.start is None and ev.date.start is not None and ev.date.precision != "year":
        into.date = ev.date  # (a bare year is no date for an incident told with a day elsewhere)
    for key in ("fatalities", "injured"):
        mine, theirs = getattr(into, key), getattr(ev, key)
        if theirs is None or theirs.min is None:
            if mine is None:
                setattr(into, key, theirs)
            continue
        larger = mine is None or (mine.min or 0) < theirs.min
        if mine is None or mine.min is None or (larger and TOLL_UPDATE.search(theirs.text or "")):
            setattr(into, key, theirs)  # the first figure told, unless a later one updates the toll
    if into.acled_sub_event_type is None and ev.acled_sub_event_type is not None:
        into.acled_event_type, into.acled_sub_event_type = ev.acled_event_type, ev.acled_sub_event_type
    if into.epistemic == "asserted" and ev.epistemic == "attributed":
        into.epistemic, into.attribution = ev.epistemic, ev.attribution
    into.evidence.extend(x for x in ev.evidence if x not in into.evidence)
    into.confidence = round(min(0.99, max(into.confidence, ev.confidence) + 0.05), 3)


def merge_restatements(events: list[Event], merged_into: dict[int, Event] | None = None) -> list[Event]:
    """One incident, one event: each event folds into the nearest earlier one it restates (recorded in
    `merged_into`, keyed by the folded event's id(), for whoever keeps the mentions)."""
    out: list[Event] = []
    for ev in events:
        target = next((e for e in reversed(out) if restates(e, ev)), None)
        if target is None:
            out.append(ev)
        else:
            _fold(target, ev)
            if merged_into is not None:
                merged_into[id(ev)] = target
    return out


def _one(refs: list[ActorRef]) -> ActorRef | None:
    names = {r.name for r in refs}
    return refs[0] if len(names) == 1 else None


def share_roles(events: list[Event]) -> None:
    """Roles the article gives once: a strike or shelling told without its perpetrator takes the one
    named for the article's other strikes of the same kind ("Russian jets struck Saraqib ... the
    airstrikes also hit a camp": few sides have aircraft or artillery; a clash's unnamed side is left
    unidentified), and an attacker's unnamed target the one it is said to hit elsewhere, when the
    article names exactly one."""
    violent = [e for e in events if e.type in VIOLENT and e.epistemic in REALIS_SET]
    for ev in violent:
        others = [o for o in violent if o is not ev]
        if _unnamed(ev.actor1) and ev.acled_event_type == "Explosions/Remote violence":
            same = [o.actor1 for o in others
                    if o.acled_sub_event_type == ev.acled_sub_event_type and not _unnamed(o.actor1)]
            ev.actor1 = _one(same) or ev.actor1  # type: ignore[arg-type]
        if ev.actor2 is None and not _unnamed(ev.actor1):
            hit = [o.actor2 for o in others if o.actor1 is not None and o.actor1.name == ev.actor1.name  # type: ignore[union-attr]
                   and o.actor2 is not None and not _unnamed(o.actor2)]
            ev.actor2 = _one(hit)  # type: ignore[arg-type]


MAJOR_PLACES = ("PCLI", "ADM1", "PPLA", "PPLC")
COARSE = ("PCLI", "PCL", "ADM1", "ADM2", "RGN", "CONT")  # a country, province or region


def _coarse(loc: Location | None) -> bool:
    return loc is None or (loc.feature_code or "") in COARSE or (loc.precision or 0) >= 3


def _specificity(loc: Location) -> int:
    """Lower is more specific: a named spot (dam, base, camp), a town, a place the gazetteer does not
    know, a province seat (whose name also names the province: "rural Idlib"), a place only near, a region."""
    code = loc.feature_code or ""
    if _coarse(loc):
        return 5
    if (loc.precision or 0) >= 2:
        return 4
    if code in ("PPLA", "PPLC"):
        return 3  # a province's seat or the capital (a district seat, PPLA2-4, is an ordinary town)
    if not code:
        return 2 if loc.name[:1].isupper() and loc.mention is not None else 5
    return 1 if code.startswith("PPL") else 0


def most_specific(ev: Event, focus: str | None = None) -> None:
    """The event's place is the most specific one among those its mentions gave (ACLED's rule); one
    the gazetteer lacks is coded at the known place's point when that lies in the story's country."""
    if not ev.other_locations or ev.location is None:
        return
    same = [x for x in ev.other_locations if x.country in (None, ev.location.country)]
    best = min([ev.location, *same], key=_specificity)
    if best is not ev.location and _specificity(best) < _specificity(ev.location):
        ev.other_locations = [ev.location, *(x for x in ev.other_locations if x is not best)]
        if best.country is None:  # a name the gazetteer lacks lies where the event's known place does
            best = best.model_copy(update={"country": ev.location.country, "admin1": ev.location.admin1})
        at_home = focus is None or ev.location.country == focus
        ev.location = stand_in(best, ev.location) if at_home else best


def finer_place(ev: Event, wd: WorkDoc) -> None:
    """An event placed only at a country or province takes the most specific place its own sentences
    name (a town in the same country), as ACLED codes the most specific place the text gives: first
    among the places the event already lists, then among the places resolved in its evidence."""
    if not _coarse(ev.location):
        return
    country = ev.location.country if ev.location is not None else _iso2(wd.scratch.get("country_hint"))
    finer = [x for x in ev.other_locations if not _coarse(x) and (country is None or x.country == country)]
    if not finer:
        spans = [(e.start, e.end) for e in ev.evidence]
        for p in wd.out.places:
            r = p.resolution
            if r is None or p.metonym or not any(a <= p.mention.start < b for a, b in spans):
                continue
            loc = Location(**r.model_dump(), mention=p.mention, relation=p.relation)
            if not _coarse(loc) and (country is None or loc.country == country):
                finer.append(loc)
    if finer:
        best = finer[0]
        rest = [x for x in ([ev.location] if ev.location else []) + ev.other_locations if x != best]
        ev.location, ev.other_locations = best, rest


def inherit_places(events: list[Event], wd: WorkDoc) -> None:
    """An event whose sentences name no place happened where the story is: the place of the nearest
    earlier event, else the first town the article names (its dateline or lead). ACLED codes every
    event at a place; the story's place is the analyst's choice when the sentence gives none."""
    home = _iso2(wd.scratch.get("country_hint") or _doc_country(events))

    def at_home(loc: Location) -> bool:  # the story's country: a dateline abroad ("MOSCOW -") is not it
        return home is None or loc.country == home

    first = next((loc for p in wd.out.places if p.resolution is not None and not p.metonym
                  and not _coarse(loc := Location(**p.resolution.model_dump(), mention=p.mention))
                  and at_home(loc)), None)
    last = first
    for ev in events:
        if ev.location is None and last is not None and ev.epistemic in REALIS_SET:
            ev.location = last
        elif ev.location is not None and not _coarse(ev.location) and at_home(ev.location):
            last = ev.location


def _iso2(iso3: str | None) -> str | None:
    c = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return c.alpha_2 if c is not None else None


ARMED_INTER = (1, 2, 3, 4, 8)  # ACLED inter codes of armed actors: state forces, rebels, militias, external


def _fighters(ref: ActorRef | None) -> bool:
    """Armed victims: an attack on them is a battle in ACLED's terms, not violence against civilians."""
    return ref is not None and ref.acled_inter in ARMED_INTER and not (ref.kb_id or "").startswith("uag")


def _history(ev: Event, published: dt.date | None) -> bool:
    """An act dated only by a year well before the report ("took the city in 2015", "since 1963") is the
    story's history, not its news: an analyst codes it from the report of its own time."""
    start = ev.date.start
    if start is None or ev.date.precision == "day":
        return start is not None and start.year < EARLIEST_NEWS
    limit = published.year - 1 if published is not None else EARLIEST_NEWS
    return start.year < limit  # a year, a month or a span ("since 2011") well before the report
