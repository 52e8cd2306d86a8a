"""One event, one record: mentions of the same event in a document are merged.

Two mentions merge when they have the same type, nothing contradicts (actor names, places that
are not one inside the other, realis vs irrealis status) and they are close: the same sentence, or
within a few sentences and sharing an actor or a place. The merged record keeps every mention's
sentence as evidence, the most specific place, and "attributed" over "asserted" (the outlet's
account rests on the source it names elsewhere).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

import pycountry

from lanner.extract.casualties import told_over_years
from lanner.extract.events.lexicon import word_class
from lanner.extract.events.places import norm_name, order_locations
from lanner.model import ActorRef, EventAttribution, EventDate, Location, Span
from lanner.resolve.actor_kb import load_kb

REALIS = ("asserted", "attributed")
WINDOW = 8  # sentences: further apart, mentions must share an actor or a place
NEAR = 2  # sentences: this close, same type and nothing contradicting is enough


@dataclass
class Mention:
    type: str
    mode: str | None
    trigger: Span
    sent_index: int
    sentence: Span
    epistemic: str
    attribution: EventAttribution
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc: list[ActorRef] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    date: EventDate | None = None
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    violent_words: bool = False  # a protest sentence that names violence by the protesters
    mode_from_trigger: bool = False  # the lexicon row named the mode ("clashes": firearms)
    definite: bool = False  # "the new weapons supplies": refers back to an event told before
    sent_start: int = 0
    sent_end: int = 0
    target: Span | None = None  # the non-actor target phrase, kept for analysts and evaluation
    place_phrase: Span | None = None  # a locative phrase no gazetteer entry matched ("the bakery")
    acled_override: tuple[str | None, str | None] | None = None  # set when events combine (protests)
    members: list[Mention] = field(default_factory=list)  # the mentions as found, before merging
    support_only: bool = False  # a toll with no doer ("four were killed"): joins an event, never makes one


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool | None:
    """True/False when both are known, None when either is missing."""
    if a is None or b is None or _unidentified(a) or _unidentified(b):
        return None
    if a.kb_id and b.kb_id and a.kb_id == b.kb_id:
        return True
    na, nb = a.name.split("(")[0].strip().lower(), b.name.split("(")[0].strip().lower()
    if na == nb:
        return True  # "Armed opposition groups (Syria)" ~ "(Idlib)"
    if not (a.kb_id and b.kb_id):
        return None  # an unresolved name cannot contradict
    if a.kb_id in _lineage(b.kb_id) or b.kb_id in _lineage(a.kb_id):
        return True  # "the Revolutionary Guards" fired what "Iran's forces" launched: a part and its whole
    return False


@functools.cache
def _lineage(kb_id: str) -> frozenset[str]:
    """The actor and every body it is part of, up the KB's part_of ties (IRGC -> Iran's military)."""
    kb = load_kb()
    seen, todo = set(), [kb_id]
    while todo:
        cur = todo.pop()
        if cur in seen:
            continue
        seen.add(cur)
        actor = kb.get(cur)
        todo.extend(t.target for t in (actor.ties if actor else []) if t.rel == "part_of")
    return frozenset(seen)


def _unidentified(ref: ActorRef) -> bool:
    return ref.name.lower().startswith("unidentified")


def _pick(a: ActorRef | None, b: ActorRef | None) -> ActorRef | None:
    """The named actor over an unidentified one ("gunmen" told first, "JNIM claimed" later), and the
    local branch over the country-wide one ("Armed opposition groups (Idlib)" over "(Syria)")."""
    if a is None or (_unidentified(a) and b is not None and not _unidentified(b)):
        return b
    if b is not None and _base(a) == _base(b) and _country_wide(a) and not _country_wide(b):
        return b
    return a


def _base(ref: ActorRef) -> str:
    return ref.name.split("(")[0].strip().lower()


def _country_wide(ref: ActorRef) -> bool:
    """Is the qualifier in "Name (Qualifier)" just the actor's country?"""
    if "(" not in ref.name or not ref.country:
        return "(" not in ref.name
    qualifier = ref.name.split("(", 1)[1].rstrip(")").strip()
    try:
        return pycountry.countries.lookup(qualifier).alpha_3 == ref.country
    except LookupError:
        return False


def _place_compatible(a: list[Location], b: list[Location]) -> bool | None:
    """Do two place lists allow one incident? The same name, or a province and a town inside it, do;
    two different towns each sentence names itself (two villages of one province) are two incidents."""
    if not a or not b:
        return None
    named_a, named_b = [x for x in a if x.mention is not None], [x for x in b if x.mention is not None]
    if not named_a or not named_b:  # a place standing in from elsewhere tells only its country
        ca, cb = a[0].country, b[0].country
        return None if not (ca and cb) or ca == cb else False
    a, b = named_a, named_b
    names_a, names_b = {norm_name(x.name) for x in a}, {norm_name(x.name) for x in b}
    if names_a & names_b:
        return True
    spots_a, spots_b = [x for x in a if _spot(x)], [x for x in b if _spot(x)]
    if spots_a and spots_b:
        return False
    admins_a = {norm_name(x.admin1) for x in a if x.admin1}
    admins_b = {norm_name(x.admin1) for x in b if x.admin1}
    if names_a & admins_b or names_b & admins_a or (admins_a & admins_b and not (spots_a or spots_b)):
        return True
    ca, cb = a[0].country, b[0].country
    if ca and cb and ca != cb:
        return False
    return a[0].feature_code in ("PCLI", "RGN") or b[0].feature_code in ("PCLI", "RGN")


def _spot(loc: Location) -> bool:
    """A town or village the mention's own sentence names (not a province, not a place inherited)."""
    code = loc.feature_code or ""
    town = code.startswith("PPL") and code not in ("PPLA", "PPLC")
    return loc.mention is not None and loc.precision == 1 and town


def _compatible(m: Mention, e: Mention) -> bool:
    if m.type != e.type:
        return False
    if (m.epistemic in REALIS) != (e.epistemic in REALIS) or (
        m.epistemic not in REALIS and m.epistemic != e.epistemic
    ):
        return False
    if m.mode and e.mode and m.mode != e.mode and "destroy" not in (m.mode, e.mode):
        return False  # (what a bombing or a raid destroyed is part of it)
    gap = min(abs(m.sent_index - x.sent_index) for x in (e.members or [e]))
    refers_back = m.definite and m.actor1 is None and m.actor2 is None and m.epistemic in REALIS
    if gap > WINDOW and not refers_back:
        return False  # too far to be a restatement: decided before the costlier tests (long reports)
    a1, a2 = _same_actor(m.actor1, e.actor1), _same_actor(m.actor2, e.actor2)
    if a1 is False or a2 is False:
        return False
    place = _place_compatible(m.locations, e.locations)
    if place is False:
        return False
    if _over_years(m) != any(_over_years(x) for x in (e.members or [e])):
        return False  # "its 35-year campaign" next to Tuesday's rocket: history, not a restatement
    if m.sent_index == e.sent_index:
        return True
    if gap <= NEAR:
        return True
    if refers_back:
        return True  # "the new weapons supplies": an actorless mention refers back
    if m.definite and gap <= WINDOW:
        return True  # "JNIM claimed responsibility for the attack"
    return gap <= WINDOW and bool(a1 or a2 or place)


def _over_years(m: Mention) -> bool:
    return told_over_years(m.sentence, m.trigger)


def _more_specific(a: list[Location], b: list[Location]) -> list[Location]:
    """Prefer the location with the finer ACLED precision / feature (a town over a province)."""
    if not a:
        return b
    if not b:
        return a
    rank = {"PPL": 0, "PPLA": 0, "PPLA2": 0, "PPLA3": 0, "PPLX": 0, "ADM2": 1, "ADM1": 2, "PCLI": 3}

    def key(loc: Location) -> tuple[int, int]:
        return (loc.precision or 4, rank.get(loc.feature_code or "", 1))  # unplaced last

    return a if key(a[0]) <= key(b[0]) else b


def _fold(into: Mention, m: Mention) -> None:
    into.actor1 = _pick(into.actor1, m.actor1)
    into.actor2 = _pick(into.actor2, m.actor2)
    into.mode = m.mode if into.mode in (None, "destroy") and m.mode else into.mode
    into.violent_words = into.violent_words or m.violent_words
    best = _more_specific(into.locations, m.locations)
    rest = [x for x in (into.locations + m.locations) if x not in best[:1]]
    names = {best[0].name.lower()} if best else set()
    extra = []
    for loc in rest:
        if loc.name.lower() not in names:
            names.add(loc.name.lower())
            extra.append(loc)
    into.locations = order_locations(best[:1] + extra if best else extra)
    if into.date is None or (into.date.text is None and m.date is not None and m.date.text):
        into.date = m.date
    if m.epistemic == "attributed" and into.epistemic == "asserted":
        into.epistemic, into.attribution = "attributed", m.attribution
    for span in m.evidence:
        if span not in into.evidence:
            into.evidence.append(span)
    into.confidence = min(1.0, max(into.confidence, m.confidence) + 0.1)


def merge_mentions(mentions: list[Mention]) -> list[Mention]:
    """Greedy left-to-right clustering; each mention joins the latest compatible event."""
    events: list[Mention] = []
    for m in mentions:
        snapshot = replace(m, members=[])
        target = next((e for e in reversed(events) if _compatible(m, e)), None)
        if target is None:
            m.members = [snapshot]
            events.append(m)
        else:
            _fold(target, m)
            target.members.append(snapshot)
    return events


def _gap(m: Mention, e: Mention) -> int:
    return min(abs(m.sent_index - x.sent_index) for x in (e.members or [e]))


def attach_supports(events: list[Mention], supports: list[Mention]) -> None:
    """A casualty sentence with no doer of its own ("At least four civilians were killed ...") joins the
    nearest compatible event within `NEAR` sentences, before or after it, so its toll and day are that
    event's; with none near, it is dropped, as a weak trigger alone always was."""
    for s in supports:
        doerless = replace(s, actor2=None)  # its victims may be another mention's "positions" or "town"
        near = [e for e in events if _compatible(doerless, e) and _gap(s, e) <= NEAR]
        if not near:
            continue
        e = min(near, key=lambda x: _gap(s, x))
        if s.sentence not in e.evidence:
            e.evidence = sorted([*e.evidence, s.sentence], key=lambda sp: sp.start)  # first toll told wins
        if e.date is None and s.date is not None:
            e.date = s.date
        if not e.locations and s.locations:
            e.locations = s.locations
        if e.actor2 is None and s.actor2 is not None:
            e.actor2 = s.actor2
        # evidence, not a mention of the attack: "were killed" tells a death (WikiEvents' Life.Die), so it is
        # not listed among the event's mentions


INTERVENTION = {"disperse": "Protest with intervention", "repress": "Excessive force against protesters"}


def compose_protests(events: list[Mention]) -> None:
    """A protest and the force around it are one ACLED event: "police dispersed the march with tear
    gas" makes the protest a "Protest with intervention", shooting at it "Excessive force against
    protesters", protesters fighting or clashing with police a "Violent demonstration"; the other
    record keeps its PLOVER coding but gives up its own ACLED code."""
    protests = [e for e in events if e.type == "PROTEST" and e.mode != "riot" and e.epistemic in REALIS]
    rank = {
        "Protest with intervention": 1, "Excessive force against protesters": 2, "Violent demonstration": 3
    }
    for p in protests:
        for other in events:
            if other is p or abs(other.sent_index - p.sent_index) > 1 or other.epistemic not in REALIS:
                continue
            sub = None
            if other.type == "COERCE" and other.mode in INTERVENTION:
                sub = INTERVENTION[other.mode]
            elif other.type == "ASSAULT" and (_protesters(other.actor1) or _two_sided(other)):
                sub = "Violent demonstration"  # "stone-throwing protesters clashed with police"
            elif other.type == "ASSAULT" and other.mode in (None, "firearms", "beat"):
                sub = "Excessive force against protesters"
            if sub is None:
                continue
            current = p.acled_override[1] if p.acled_override else None
            if rank[sub] > rank.get(current or "", 0):
                p.acled_override = ("Riots" if sub == "Violent demonstration" else "Protests", sub)
            other.acled_override = (None, None)


def _protesters(ref: ActorRef | None) -> bool:
    said = f"{ref.name} {ref.mention.text if ref.mention else ''}".lower() if ref else ""
    return any(w in said for w in word_class("protesters"))


def _two_sided(m: Mention) -> bool:
    """Clashes have two sides: around a protest, the protesters are one of them."""
    return m.trigger.text.lower().startswith(("clash", "skirmish", "confrontation", "scuffle"))
