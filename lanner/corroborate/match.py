"""When two reported events can be the same event: flat records and the pairwise rules.

Records are plain dataclasses (not pydantic) so 100k of them cost little to build and compare; the
rules are deliberately conservative because a wrong merge inflates a source count, while a missed
merge only leaves two smaller clusters an analyst can still join by eye.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from lanner.corroborate.evidence import by_prefix, cosine, family, fold, skeleton
from lanner.corroborate.syndication import COPY_CONTAINMENT, containment
from lanner.model import ActorRef, AnalyzedDocument, Count, Event

VAGUE_DAYS = 7  # a date range wider than this ("last month", "over the past months") is too vague to match on
STATE_PREFIXES = ("gov-", "mil-", "pol-")  # one state's government, army and police act as one side
UNIDENTIFIED_PREFIXES = ("uag-",)
GENERIC_GROUP_PREFIXES = ("aog-",)  # "armed opposition groups (Syria)": a category, not a group
CIVILIAN_PREFIXES = ("civ-",)  # victims' status is what outlets dispute most ("civilians" vs "fighters")
CONTEXT_CHARS = 150
VAGUE_PLACE_SHARED = 2  # with no usable place, both named parties must agree (one is common in a war)
NOT_A_SIDE = {"media", "monitor"}  # an outlet or monitor caught as an actor is a reporter, not a party
ARMED_NONSTATE = {"rebel_group", "political_militia", "identity_militia"}
ADMIN1_CODES = {"ADM1", "ADM1H"}
ADMIN2_CODES = {"ADM2", "ADM2H"}
SIM_SAME = 0.15  # tf-idf cosine of two reports' wording that counts as evidence of one story
SIM_STRONG = 0.25  # ... as strong evidence (near the top of what same-incident reports share)
NEED = 2  # evidence points a pair needs (a compatible place is 2, a shared party 1, wording 1-2)
NAME_RATIO = 90  # folded place names this alike are one name misspelt ("Kramatosk")
PUBLISHED_LAG = 1  # a report dated only by its publication day tells of that day or the day before
DOUBTFUL_DAYS = 7  # an event dated this long before publication, from another paragraph, may be misdated
COUNTRY_CODES = {"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX"}
WIDE_DAYS = 2  # a window wider than this ("the past week") overlaps every incident of its week
SAME_KM = 10.0  # two points this close are one place resolved twice (a city and its district)
CITY_CODES = {"PPLA", "PPLC", None}  # a province seat or capital (or a row of unknown class): a city at war


@dataclass(frozen=True, slots=True)
class Side:
    """One actor role reduced to what identity comparison needs."""

    key: str | None  # canonical identity; None when unidentified
    name: str | None
    country: str | None = None
    generic: bool = False  # a category ("armed opposition groups") that any member group may fill
    armed_nonstate: bool = False
    civilian: bool = False
    umbrella: frozenset[str] = frozenset()  # KB ids this actor is part of (YPG -> SDF)


@dataclass(slots=True)
class EventRecord:
    """One event of one document, flattened for clustering."""

    doc_id: str
    event_id: str
    type: str
    start: dt.date | None
    end: dt.date | None
    outlet: str | None = None
    published: dt.date | None = None
    mode: str | None = None
    actor1: Side = field(default_factory=lambda: Side(None, None))
    actor2: Side = field(default_factory=lambda: Side(None, None))
    lat: float | None = None
    lon: float | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None  # ISO alpha-2 of the location
    level: str = "none"  # point / admin1 / country / none
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    attribution_source: str | None = None
    attribution_kind: str | None = None
    epistemic: str = "asserted"
    date_text: str | None = None
    context: str = ""  # the words around the trigger, to spot one story re-published by two outlets
    family: str = ""  # type family (corroborate_evidence.family); "" means the type itself
    joins_as: str = "report"  # report / claim / denial
    admin2: str | None = None
    fcode: str | None = None  # gazetteer feature code (PPLX, a city section, is finer than PPLC, a capital)
    undated: bool = False  # neither the text nor the publication gives a date: may borrow one
    borrowed_from: str | None = None  # doc id whose date an undated report was placed at
    doc_places: frozenset[str] = frozenset()  # every place the report mentions (folded)
    doc_countries: frozenset[str] = frozenset()  # ISO alpha-2 of the places the report resolved
    terms: dict[str, float] | None = None  # the report's tf-idf vector (shared by its events)
    credit: str | None = None  # the wire or agency the report credits (corroborate_syndication)
    shingles: frozenset[int] = frozenset()  # the report's 5-word runs, to spot copies
    alt: tuple[dt.date, dt.date] | None = None  # the publication window, when the own date is doubtful

    def __post_init__(self) -> None:
        if not self.family:
            self.family, self.joins_as = family(self.type)

    @property
    def contesting(self) -> bool:
        """A version that disputes the incident (a denial or a counter-claim), not a plain report."""
        return self.joins_as != "report" or self.epistemic == "denied"


@functools.cache
def umbrella_of(kb_id: str) -> frozenset[str]:
    """Every organisation an actor belongs to through the KB's part_of ties (transitively)."""
    from lanner.resolve.actor_kb import load_kb

    kb, seen, todo = load_kb(), set(), [kb_id]
    while todo:
        actor = kb.get(todo.pop())
        for tie in actor.ties if actor else []:
            if tie.rel == "part_of" and tie.target not in seen:
                seen.add(tie.target)
                todo.append(tie.target)
    return frozenset(seen)


@functools.cache
def _kb_role(kb_id: str) -> str | None:
    from lanner.resolve.actor_kb import load_kb

    actor = load_kb().get(kb_id)
    return actor.role if actor else None


def side_of(ref: ActorRef | None) -> Side:
    if ref is None:
        return Side(None, None)
    kid = ref.kb_id
    if kid is None or kid.startswith(UNIDENTIFIED_PREFIXES) or (ref.type or "").startswith("unidentified"):
        return Side(None, ref.name)
    if _kb_role(kid) in NOT_A_SIDE:
        return Side(None, None)
    key = f"state:{kid.split('-', 1)[1]}" if kid.startswith(STATE_PREFIXES) else kid
    return Side(
        key=key,
        name=ref.name,
        country=ref.country,
        generic=kid.startswith(GENERIC_GROUP_PREFIXES),
        armed_nonstate=(ref.type or "") in ARMED_NONSTATE,
        civilian=kid.startswith(CIVILIAN_PREFIXES),
        umbrella=umbrella_of(kid),
    )


def _level(ev: Event) -> str:
    loc = ev.location
    if loc is None:
        return "none"
    if loc.feature_code in COUNTRY_CODES or (loc.precision == 3 and not loc.admin1):
        return "country"
    if loc.feature_code in ADMIN1_CODES or loc.precision == 3:
        return "admin1"
    if loc.feature_code in ADMIN2_CODES:
        return "admin2"
    return "point" if loc.lat is not None and loc.lon is not None else "none"


def _window(ev: Event, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The event's dates, or the publication day and the day before when they are unknown or vague.

    A vague range that ends before publication ("in March 2011") is a look back at an old event; it
    keeps no date at all (never clustered) rather than borrowing the publication day.
    """
    s, e = ev.date.start, ev.date.end or ev.date.start
    if s is not None and e is not None and (e - s).days <= VAGUE_DAYS:
        return s, e
    if published is None or (s is not None and e is not None and not s <= published <= e):
        return None, None
    return published - dt.timedelta(days=PUBLISHED_LAG), published


def _doubtful(doc: AnalyzedDocument, ev: Event, end: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The publication window, for an event whose own date may belong to something else.

    A date weeks before publication taken from another paragraph than the act (a photo caption's
    "Thursday, Dec. 12, 2019" above a story on last night's missile attack) may date the picture or an
    earlier event; the report most likely tells of its publication days. Matching may use this window,
    at the cost of one more evidence point; the date itself is kept.
    """
    pub, span = doc.document.published, ev.date.span
    if ev.background or pub is None or end is None or span is None or (pub - end).days <= DOUBTFUL_DAYS:
        return None
    lo, hi = sorted((span.start, ev.trigger.start))
    if "\n" not in doc.text[lo:hi]:
        return None
    return pub - dt.timedelta(days=PUBLISHED_LAG), pub


def _deaths(c: Count | None, published: dt.date | None) -> tuple[int | None, int | None]:
    """A reported toll, minus figures that are the report's own year (a date misread as a count)."""
    if c is None or c.max is None:
        return None, None
    year = published.year if published else None
    if year is not None and (c.min in (year - 1, year) or c.max in (year - 1, year)):
        return None, None
    return c.min, c.max


def record_of(
    doc: AnalyzedDocument,
    ev: Event,
    terms: dict[str, float] | None = None,
    places: frozenset[str] = frozenset(),
    countries: frozenset[str] = frozenset(),
) -> EventRecord:
    start, end = _window(ev, doc.document.published)
    undated = (
        start is None
        and doc.document.published is None
        and (ev.date.start is None or ev.date.end is None or (ev.date.end - ev.date.start).days <= VAGUE_DAYS)
    )
    loc = ev.location
    level = _level(ev)
    deaths = _deaths(ev.fatalities, doc.document.published)
    return EventRecord(
        doc_id=doc.document.id,
        event_id=ev.id,
        type=ev.type,
        start=start,
        end=end,
        outlet=doc.document.outlet,
        published=doc.document.published,
        mode=ev.mode,
        actor1=side_of(ev.actor1),
        actor2=side_of(ev.actor2),
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        place=loc.name if loc else None,
        admin1=loc.admin1 if loc else None,
        country=loc.country if loc else None,
        level=level,
        fatalities_min=deaths[0],
        fatalities_max=deaths[1],
        attribution_source=ev.attribution.source,
        attribution_kind=ev.attribution.kind,
        epistemic=ev.epistemic,
        date_text=ev.date.text,
        context=doc.text[max(0, ev.trigger.start - CONTEXT_CHARS) : ev.trigger.end + CONTEXT_CHARS],
        admin2=loc.admin2 if loc else None,
        fcode=loc.feature_code if loc else None,
        undated=undated,
        doc_places=places,
        doc_countries=countries,
        terms=terms,
        alt=_doubtful(doc, ev, end) if start is not None and start == ev.date.start else None,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def windows(r: EventRecord) -> list[tuple[dt.date, dt.date]]:
    """The record's date window, then its publication window when its own date is doubtful."""
    if r.start is None:
        return []
    return [(r.start, r.end or r.start), *([r.alt] if r.alt else [])]


def _gap(x: tuple[dt.date, dt.date], y: tuple[dt.date, dt.date]) -> int:
    return max(0, (y[0] - x[1]).days, (x[0] - y[1]).days)


def day_gap(a: EventRecord, b: EventRecord, own: bool = False) -> int | None:
    """Days between two date windows (0 when they overlap); None when either is undated.

    A doubtful date's publication window counts too (the smaller gap), unless `own`.
    """
    if a.start is None or b.start is None:
        return None
    if own or (a.alt is None and b.alt is None):
        return _gap((a.start, a.end or a.start), (b.start, b.end or b.start))
    return min(_gap(x, y) for x in windows(a) for y in windows(b))


def sides_compatible(x: Side, y: Side, target: bool = False) -> bool:
    """Same identity, one side unknown, a group and its umbrella, a category and a member.

    In the target role (`target`), "civilians" also fits an armed non-state group: whether the dead
    were civilians or fighters is the commonest disagreement between outlets, not a different event.
    """
    if x.key is None or y.key is None or x.key == y.key:
        return True
    if target and ((x.civilian and (y.armed_nonstate or y.civilian)) or (y.civilian and x.armed_nonstate)):
        return True
    if x.key in y.umbrella or y.key in x.umbrella:
        return True
    for g, o in ((x, y), (y, x)):
        if g.generic and o.armed_nonstate and (g.country is None or g.country == o.country):
            return True
    return False


def role_alignment(a: EventRecord, b: EventRecord) -> str | None:
    """Returns "same" when the reports cast the actors in the same roles, "swapped" for the mirror.

    Mirror readings are allowed because outlets disagree on who attacked whom; the alignment is kept
    so the cluster can report that disagreement rather than hide it.
    """
    if sides_compatible(a.actor1, b.actor1) and sides_compatible(a.actor2, b.actor2, target=True):
        return "same"
    if sides_compatible(a.actor1, b.actor2) and sides_compatible(a.actor2, b.actor1):
        return "swapped"
    return None


def identified_keys(r: EventRecord) -> set[str]:
    """Identities that can vouch for two vague-placed reports being one event (not categories)."""
    return {s.key for s in (r.actor1, r.actor2) if s.key is not None and not (s.generic or s.civilian)}


def _km(a: EventRecord, b: EventRecord, max_km: float) -> float:
    """Great-circle distance, skipping the trigonometry when latitudes alone are too far apart."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    if abs(a.lat - b.lat) * 111.0 > max_km:
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def places_compatible(a: EventRecord, b: EventRecord, max_km: float, km: float | None = None) -> bool | None:
    """True/False when the places decide; None when one place is too vague and other evidence must.

    Precision may differ: a neighbourhood or town lies in its province (the gazetteer's admin1 and
    admin2 fields), and an unresolved name equal to the other's place or province is that place.
    """
    if a.country and b.country and a.country != b.country:
        return False
    if "none" in (a.level, b.level):  # an unresolved name: compare it with the other's names
        fa, fb = skeleton(a.place), skeleton(b.place)
        if fa and fb and (fa == fb or fa == skeleton(b.admin1) or fb == skeleton(a.admin1)):
            return True
        if a.admin1 and b.admin1 and skeleton(a.admin1) != skeleton(b.admin1):
            return False  # a name without coordinates still lies in its province ("Alwaer", Homs)
    if a.level == "point" and b.level == "point":
        if (_km(a, b, max_km) if km is None else km) <= max_km or _one_name_two_rows(a, b):
            return True
        return a.contesting != b.contesting and _same_province(a, b)
    levels = {a.level, b.level}
    if levels & {"none", "country"}:
        return None
    if a.admin1 is None or a.admin1 != b.admin1:
        return False
    return "admin2" not in levels or a.admin2 == b.admin2 or None in (a.admin2, b.admin2)


def _width(r: EventRecord) -> int:
    """Days a record's own window spans (a weekly toll, "over the past days")."""
    return (r.end - r.start).days if r.start and r.end else 0


def _place_points(a: EventRecord, b: EventRecord, km: float | None) -> int:
    """2 for one place (the same name, or points within SAME_KM), 1 for mere compatibility.

    Two different towns 30 km apart, or a town and the province around it, are compatible but are
    also where a dense war puts several incidents in three days; they need more than the place.
    A denial names a place loosely: for it, compatibility is agreement.
    """
    if a.contesting or b.contesting or "none" in (a.level, b.level):
        return 2
    if skeleton(a.place) == skeleton(b.place):
        return 2
    return 2 if km is not None and km <= SAME_KM else 1


def _city_only(a: EventRecord, b: EventRecord) -> bool:
    """Whether two reports' resolved places are too coarse to be, alone, the evidence of one incident.

    Two reports agreeing only on "Aleppo" or "Damascus" (a province seat or capital, or one of them
    there) within a few days tell of a city at war, not of one incident; agreeing on a town or a
    village is the incident's own place. A denial names a place loosely, so it is not held to this.
    """
    if a.contesting or b.contesting or a.level != "point" or b.level != "point":
        return False
    return a.fcode in CITY_CODES or b.fcode in CITY_CODES


def _same_province(a: EventRecord, b: EventRecord) -> bool:
    """Whether two places lie in one province; a denial or counter-claim is compared at that precision.

    A denial does not locate an act, it names the reports' place loosely ("the claim that the coalition
    targeted a detention center in Saada"), so a town elsewhere in the province is no contradiction.
    """
    return bool(a.admin1) and skeleton(a.admin1) == skeleton(b.admin1)


def _one_name_two_rows(a: EventRecord, b: EventRecord) -> bool:
    """Two far points of one name, where a report names the province of the other's row.

    The gazetteer holds many villages of one name ("al-Jina" in Aleppo and in Hasakah); when one report
    also names the province where the other placed that name, the two rows are one village resolved
    two ways, not two places.
    """
    if not a.place or skeleton(a.place) != skeleton(b.place):
        return False
    return any(y.admin1 and fold(y.admin1) in x.doc_places for x, y in ((a, b), (b, a)))


def _mentions(a: EventRecord, b: EventRecord) -> int:
    """How strongly a vaguely placed report and the other share a place below country level.

    2: the vague report names the town (or district) where the other places its event; 1: it names the
    other's province, a place both texts name, or a place it names occurs in the other's words (the
    places stage may miss it there); 0: none. Spellings may differ by a letter or two.
    """
    best = 0
    for vague, other in ((a, b), (b, a)):
        if vague.level not in ("none", "country") or not vague.doc_places:
            continue
        town = fold(other.place) if other.level in ("point", "admin2") else None
        if town and any(fuzz.ratio(town, p) >= NAME_RATIO for p in vague.doc_places):
            return 2
        if best:
            continue
        province = fold(other.admin1) if other.level != "country" else None
        if (province and any(fuzz.ratio(province, p) >= NAME_RATIO for p in vague.doc_places)) or (
            vague.doc_places & other.doc_places
        ):
            best = 1  # the other's province, or a place both texts name (spelt alike)
        elif other.terms and any(_in_words(p, other.terms) for p in vague.doc_places):
            best = 1  # a place it names in the other's words, misspelt or not
    return best


def _in_words(name: str, words: dict[str, float]) -> bool:
    """A one-word place name among a report's words, exactly or misspelt by a letter or two."""
    if name in words:
        return True
    return any(
        abs(len(w) - len(name)) <= 2 and fuzz.ratio(w, name) >= NAME_RATIO
        for w in by_prefix(words).get(name[:3], ())
    )


@dataclass(slots=True)
class Verdict:
    """A pair's similarity (None: kept apart) and the reasons, for `lanner corroborate --explain`.

    Reasons are kept as (format, args) and worded only when read: clustering compares ~10^5 pairs
    and never reads them.
    """

    score: float | None
    notes: list[tuple[Any, ...]]
    soft: bool = False  # kept apart only for want of evidence, not by a contradiction

    @property
    def reasons(self) -> list[str]:
        return [n[0].format(*n[1:]) for n in self.notes]


def _roles(a: EventRecord, b: EventRecord) -> str | None:
    """same / swapped / disputed (the perpetrator or the victims differ, the other role fits) / None.

    Outlets blame each other's side, and call the dead civilians or fighters or advisers; a pair with
    one role in dispute needs one more evidence point, a pair with both in dispute never merges unless
    the two texts are copies of one story (then the extraction, not the outlets, disagrees).
    """
    r = role_alignment(a, b)
    if r is not None:
        return r
    if sides_compatible(a.actor2, b.actor2, target=True):
        return "disputed"  # who struck
    if sides_compatible(a.actor1, b.actor1) and (a.actor2.civilian or b.actor2.civilian):
        return "disputed"  # who died: civilians, or soldiers and advisers
    if containment(a.shingles, b.shingles) >= COPY_CONTAINMENT:
        return "disputed"  # one story, copied: its parties were read differently, not told differently
    return None


def compare(a: EventRecord, b: EventRecord, max_days: int, max_km: float) -> Verdict:
    """Whether two reports can tell one incident, with the evidence weighed and named.

    Gates (any one keeps the pair apart): one document; different type families; two contesting
    versions with no plain report; undated or too far apart in time; incompatible places; actors that
    fit in no role alignment. Then evidence points: a compatible place 2, each shared named party 1,
    shared wording 1 or 2, the same mode 1, a vaguely placed report naming the other's town 2 (a
    province or a place both name 1, 2 for a denial); a pair needs NEED, one more when a role is
    disputed.
    """
    why: list[tuple[Any, ...]] = []
    if a.doc_id == b.doc_id:
        return Verdict(None, [("same document",)])
    if a.family != b.family:
        return Verdict(None, [("types {} and {} are different families", a.type, b.type)])
    if a.joins_as != "report" and b.joins_as != "report":
        return Verdict(None, [("neither tells the act itself",)])
    if a.type != b.type:
        why.append(("{}/{}: one family ({})", a.type, b.type, a.family))
    gap = day_gap(a, b)
    if gap is None:
        return Verdict(None, [("undated",)])
    if gap > max_days:
        return Verdict(None, [("{} days apart (> {})", gap, max_days)])
    why.append(("{} days apart", gap))
    by_publication = (a.alt or b.alt) is not None and day_gap(a, b, own=True) > max_days  # type: ignore[operator]
    if by_publication:
        why.append(("a doubtful date read as the publication days",))
    km = _km(a, b, max_km) if a.level == "point" == b.level else None
    place = places_compatible(a, b, max_km, km)
    if place is False:
        return Verdict(None, [*why, ("places {} / {} incompatible", a.place or a.level, b.place or b.level)])
    roles = "contested" if a.joins_as != "report" or b.joins_as != "report" else _roles(a, b)
    if roles is None:
        return Verdict(None, [*why, ("actors fit in no role alignment",)])
    if roles != "same":
        why.append(("roles {}", roles))  # contested: a denial's or claim's actors are accuser and accused
    shared = identified_keys(a) & identified_keys(b)
    sim = cosine(a.terms, b.terms)
    points = 0
    if place:
        points += (near := _place_points(a, b, km))
        said = "places agree ({} / {})" if near == 2 else "places compatible ({} / {})"
        why.append((said, a.place, b.place))
    elif mention := _mentions(a, b):
        points += 2 if roles == "contested" else mention  # a denial names the place of what it denies
        why.append(
            ("a vague report names {}", "the other's town" if mention == 2 else "a place the other names")
        )
    place_points = points
    if shared:
        points += min(len(shared), 2)
        why.append(("shared parties {}", ", ".join(sorted(shared))))
    if a.mode is not None and a.mode == b.mode:
        points += 1
        why.append(("same mode ({})", a.mode))
    if sim >= SIM_SAME:
        points += 1 + (sim >= SIM_STRONG)
        why.append(("wording alike ({:.2f})", sim))
    wide = max(_width(a), _width(b)) > WIDE_DAYS
    if wide:
        why.append(("a window of several days",))
    need = NEED + (roles == "disputed") + wide
    if points < need:
        return Verdict(None, [*why, ("evidence {} < {}", points, need)], soft=True)
    if points == place_points and _city_only(a, b):
        return Verdict(None, [*why, ("only a city or province agrees",)], soft=True)
    score = 1.0 - gap / (max_days + 1)
    if km is not None:
        score += 1.0 - min(km, max_km) / (max_km + 1)
    elif place:
        score += 0.5
    score += 0.5 * min(len(shared), 2) + min(sim, 0.5) + 0.25 * (a.mode is not None and a.mode == b.mode)
    score -= 0.25 * (roles == "disputed") + 0.25 * (a.type != b.type)
    return Verdict(max(score, 0.01) / 4.0, [*why, ("evidence {}", points)])


def match(a: EventRecord, b: EventRecord, max_days: int, max_km: float) -> float | None:
    """A similarity in (0, 1] when the two reports can describe one incident, else None."""
    return compare(a, b, max_days, max_km).score
