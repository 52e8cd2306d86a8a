"""The event's place: a non-metonymic place mention attached to the trigger's clause by a locative
preposition ("in", "near", "on the outskirts of", "30 km southeast of").

Places come from the places stage (`wd.out.places`); spaCy's GPE/LOC/FAC entities that it did not
cover stand in, unresolved (a place the gazetteer lacks is still the event's place). A place that
is the admin area or the country of the chosen place ("Ras al-Ain town of Hasakah") is not
repeated in `other_locations`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lanner.extract.events.lexicon import word_class
from lanner.model import Location, Place, Span
from lanner.pipeline import WorkDoc
from lanner.resolve.place_cues import cues as place_cues

LOCATIVE = {
    "in",
    "near",
    "at",
    "around",
    "outside",
    "inside",
    "across",
    "into",
    "on",
    "within",
    "throughout",
    "from",
    "towards",
    "toward",
    "through",
    "along",
    "over",
    "of",
    "between",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north",
    "south",
    "east",
    "west",
    "off",
    "beyond",
    "behind",
}
DESTINATION = {"to"}
VAGUE = re.compile(
    r"\b(near|outskirts|outside|vicinity|close to|km|kilomet(?:re|er)s?|miles?|around|countryside|rural|"
    r"suburbs?|environs)\b",
    re.I,
)
# "X countryside", "rural X", "X's outskirts": the area around a named place, ACLED precision 2
AROUND = re.compile(
    r"^(?:'s)?\s+(?:(?:north|south|east|west)\w*\s+)?(countryside|outskirts|suburbs|environs)\b", re.I
)
AREA = re.compile(r"\b(provinces?|governorates?|regions?)\b", re.I)
NEAR_PRECISION = 2
STAND_IN_CHARS = 300  # a known place this close to an unknown one may lend it its point
ROUTE_PREPS = {"through", "from", "via"}
# 'retreated towards Sennar State': where a force went, not where the paragraph's next events happen
DESTINATION_PREPS = {"to", "towards", "toward"}
NEXT_DOOR_KM = 1000.0  # a stand-in place abroad must lie this close to the focus country's point
RUNNING_CHARS = 300  # the running town of a paragraph: named this close before the event's sentence
EARLIER_CHARS = 600  # how far back an event with no place of its own looks for the place just named
PROPER_PLACE_PREPS = {"in", "near", "through", "over", "outside", "around", "across", "inside", "at", "on"}
SEAT_CODES = {"PPLA", "PPLC", "ADM1", "ADM2"}  # a seat's name also names its province: less specific
COUNTRY_CODES = {"PCLI", "PCL", "PCLD", "PCLIX", "PCLS", "CONT", "RGN"}


class PlaceIndex:
    """Places usable as event locations (not metonyms), sorted by offset."""

    def __init__(self, wd: WorkDoc, sentences: list[SpacySpan] | None = None) -> None:
        places = [p for p in wd.out.places if not p.metonym]
        known = [(p.mention.start, p.mention.end) for p in wd.out.places]
        if wd.sdoc is not None:  # names the gazetteer missed stay usable, unresolved
            places += [
                Place(mention=Span.of(wd.text, e.start_char, e.end_char))
                for e in wd.sdoc.ents
                if e.label_ in ("GPE", "LOC", "FAC")
                and not any(s < e.end_char and e.start_char < t for s, t in known)
            ]
            known += [(p.mention.start, p.mention.end) for p in places]
            places += [
                Place(mention=Span.of(wd.text, s, e))
                for sent in (sentences if sentences is not None else list(wd.sdoc.sents))
                for s, e in _proper_pobjs(sent)
                if not any(a < e and s < b for a, b in known)
            ]
        focus = wd.scratch.get("focus_country")
        places = [_placed_in_focus(p, focus) if p.resolution is None and focus else p for p in places]
        self.places = sorted(places, key=lambda p: p.mention.start)
        self.starts = [p.mention.start for p in self.places]

    def in_range(self, start: int, end: int) -> list[Place]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.places) and self.places[i].mention.start < end:
            out.append(self.places[i])
            i += 1
        return out


def title_word(name: str) -> bool:
    """'Killed in Ambush in Syria's Deir ez-Zor': one dictionary word capitalised by a headline's
    title case, which the gazetteer does not know as a place (it knows 'Zanzibar' and 'Sinai')."""
    from lanner.extract.place_scan import english_words
    from lanner.resolve.gazetteer import load_gazetteer

    return (
        " " not in name
        and name.lower() in english_words()
        and not any(c.tier == 0 for c in load_gazetteer().candidates(name))
    )


def _placed_in_focus(place: Place, focus: str) -> Place:
    """A name the places stage left out ('in Aleppo' tagged as a person, an untagged 'near Douma'),
    resolved only where the document is set: its exact spelling in the focus country."""
    from lanner.resolve.gazetteer import GeoContext, load_gazetteer

    name = place.mention.text
    if not name[:1].isupper():
        return place
    gaz = load_gazetteer()
    home = [c for c in gaz.rank(name, GeoContext(focus_country=focus)) if c.country == focus and c.tier == 0]
    if not home:
        return place
    return place.model_copy(update={"resolution": home[0].resolution(), "candidates": len(home)})


def _proper_pobjs(sent: SpacySpan) -> list[tuple[int, int]]:
    """ "through Niamey", "over Odesa": a proper noun after a locative preposition that NER missed
    (or took for a person) is most likely a place name the small model does not know."""
    out = []
    sdoc = sent.doc
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.dep_ != "pobj":
            continue
        prep = tok.head
        town_of = prep.lower_ == "of" and prep.head.lemma_.lower() in word_class("place")  # "town of Kidal"
        if prep.lower_ not in PROPER_PLACE_PREPS and not town_of:
            continue
        if tok.ent_type_ in ("DATE", "TIME", "ORG", "EVENT", "WORK_OF_ART", "LAW", "MONEY"):
            continue
        if tok.ent_type_ == "NORP" and tok.tag_ != "NNP":
            continue  # "among Kurds"; but a singular proper noun after "in" is a place NER took for a people
        if tok.is_sent_start or tok.i > 0 and "\n" in sdoc[tok.i - 1].text:
            continue  # a headline's last word glued to the next line
        left = min(
            (c.left_edge.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=tok.i
        )
        if "\n" in sdoc[left : tok.i + 1].text:
            continue
        out.append((sdoc[left].idx, tok.idx + len(tok)))
    return out


def _anchors(head: Token) -> set[int]:
    """The trigger and its nominal governors up to the first verb: where a place PP can attach."""
    out = {head.i}
    cur = head
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and cur is not head:
            out.add(cur.i)
            break
        if cur.head is cur:
            break
        cur = cur.head
        out.add(cur.i)
    for child in head.children:  # a verb trigger's clause: its xcomp verbs and consequences
        if child.dep_ == "xcomp" or (child.dep_ == "advcl" and child.tag_ == "VBG"):  # ", killing 5 in X"
            out.add(child.i)
    return out


def _attached(place_tok: Token, anchors: set[int], preps: set[str]) -> bool:
    """Is the place reached from an anchor through a locative preposition?"""
    cur = place_tok
    saw_prep = False
    for _ in range(10):
        if cur.dep_ in ("prep", "agent") and cur.lower_ in preps:
            saw_prep = True
        if cur.dep_ == "dative":
            return False
        nxt = cur.head
        if nxt is cur:
            return False
        if nxt.i in anchors:
            return saw_prep or cur.dep_ == "npadvmod"
        if (
            nxt.pos_ in ("VERB", "AUX")
            and nxt.dep_ not in ("acl", "amod")
            and not (nxt.dep_ == "conj" and nxt.head.i in anchors)
        ):
            return False  # crossed into another clause
        cur = nxt
    return False


def _relation(text: str, place: Place, sent_start: int) -> str | None:
    if place.relation:
        return place.relation
    window = text[max(sent_start, place.mention.start - 40) : place.mention.start]
    hits = list(VAGUE.finditer(window))
    if not hits:
        return None
    rel = window[hits[-1].start() :].strip()
    rel = re.sub(r"\s+(the|of the)$", " of", rel).strip()
    return rel or None


def to_location(text: str, place: Place, sent_start: int) -> Location:
    res = place.resolution
    relation = _relation(text, place, sent_start)
    data = res.model_dump() if res is not None else {"name": place.mention.text}
    if relation and VAGUE.search(relation):
        data["precision"] = max(NEAR_PRECISION, data.get("precision", 1))
    if AROUND.search(text[place.mention.end : place.mention.end + 30]):
        data["precision"] = max(NEAR_PRECISION, data.get("precision", 1))
    if res is not None and AREA.search(text[max(0, place.mention.start - 25) : place.mention.end + 12]):
        data["precision"] = 3  # "the provinces of Hasakah and Raqqa": the text names the region only
    if res is None:
        data.pop("precision", None)  # no precision without coordinates
    return Location(**data, mention=place.mention, relation=relation)


def norm_name(name: str) -> str:
    """ "Al-Hasakah" ~ "Hasakah", "Ar-Raqqa" ~ "Raqqa": drop the article and punctuation."""
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = re.sub(r"^(al|ar|as|ash|ad|an|az|at|el)[- ]", "", name.lower().strip())
    return re.sub(r"[^a-z0-9]+", "", name.replace("governorate", "").replace("province", ""))


def _is_admin_of(outer: Location, inner: Location) -> bool:
    names = {norm_name(n) for n in (inner.admin1, inner.admin2) if n}
    if norm_name(outer.name) in names:
        return True
    return outer.feature_code in COUNTRY_CODES and inner.feature_code not in COUNTRY_CODES


def find_locations(
    head: Token,
    sent: SpacySpan,
    etype: str,
    wd: WorkDoc,
    pidx: PlaceIndex,
    actor_spans: list[tuple[int, int]],
) -> list[Location]:
    """Attached places in text order, the most specific first; empty when none is attached."""
    anchors = _anchors(head)
    preps = (LOCATIVE | DESTINATION) - {"through", "from"} if etype in ("AID", "MOBILIZE") else LOCATIVE
    sdoc = wd.sdoc
    found: list[Location] = []
    for place in pidx.in_range(sent.start_char, sent.end_char):
        span = sdoc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ != "pobj" and covered(actor_spans, place.mention.start):
            continue  # "Moscow stated": an actor; "through Niamey" stays a place
        modifier = root.dep_ in ("compound", "poss", "amod", "nmod")
        if (
            modifier
            and root.head.lemma_.lower() not in word_class("place")
            and not (span.start <= root.head.i < span.end)
        ):
            continue  # "US President", "Idlib's governor": a modifier, not a location
        direct = root.dep_ == "dobj" and root.head.i == head.i and etype in ("ASSAULT", "COERCE")
        if place.resolution is None and not _name_like(place.mention.text):
            continue  # "in solidarity", "Killed in Ambush" (a headline's capitals), "Chief Mazloum Abdi"
        if direct or _attached(root, anchors, preps):  # "shelled Lalibela", "in Omdurman"
            found.append(to_location(wd.text, place, sent.start_char))
    if not any(loc.lat is not None for loc in found):
        extra = _unattached(sent, wd, pidx, actor_spans, vague=bool(found))
        if extra is not None:
            inside = extra.mention is not None and sent.start_char <= extra.mention.start < sent.end_char
            # a place named in the event's own sentence keeps its span; a stand-in from before or from the
            # story as a whole is not a mention of the event's place and carries none
            found.append(extra if inside else extra.model_copy(update={"mention": None}))
    if not found:
        return []
    return order_locations(found)


LONGEST_MENTION = 300  # characters: no actor mention is longer, so none starting further back covers


def covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """Does one of the (start-sorted) spans cover the offset? A look at the spans starting at most
    `LONGEST_MENTION` before it, not a scan of the whole document's actor mentions for every place."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    while i >= 0 and spans[i][0] >= pos - LONGEST_MENTION:
        if spans[i][0] <= pos < spans[i][1]:
            return True
        i -= 1
    return False


def _name_like(text: str) -> bool:
    """Can a name the gazetteer lacks still be a place? Capitalised ("in solidarity with" is no name) and
    not opened by a person's title ("Chief Mazloum Abdi"). Everyday words in capitals ("Ambush" in a
    headline, "Twitter") are left: dropping them moved restatements between events in whole reports."""
    words = text.replace("-", " ").split()
    return bool(words) and words[0][:1].isupper() and words[0] not in place_cues()["person_titles"]


def _usable(place: Place, actor_spans: list[tuple[int, int]]) -> bool:
    return (
        place.resolution is not None
        and place.resolution.lat is not None
        and not covered(actor_spans, place.mention.start)
    )


def _passed_through(place: Place, wd: WorkDoc, preps: frozenset[str] | set[str] = ROUTE_PREPS) -> bool:
    """'passed through the Bab al-Hawa crossing', 'came from Turkey': a route, not where things happened."""
    span = wd.sdoc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ == "compound" and root.head is not root:
        root = root.head  # 'towards Sennar State': the unit word is the preposition's object
    return root.dep_ == "pobj" and root.head.lower_ in preps


def _residence(place: Place, wd: WorkDoc) -> bool:
    """'a resident of Bakura', 'who lives in Talata Mafara': where a witness lives, not the event's place."""
    span = wd.sdoc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    governor = prep.head
    if prep.lower_ == "of" and governor.lemma_.lower() in word_class("residence_nouns"):
        return True
    return prep.lower_ in ("in", "from") and governor.lemma_.lower() in word_class("residence_verbs")


def _specificity(place: Place) -> int:
    res = place.resolution
    assert res is not None
    return 3 if res.feature_code in COUNTRY_CODES else res.precision


def _unattached(
    sent: SpacySpan, wd: WorkDoc, pidx: PlaceIndex, actor_spans: list[tuple[int, int]], vague: bool
) -> Location | None:
    """The event's place when no known place hangs on its clause, as ACLED codes it: the most specific
    place of its sentence; else the place named last shortly before (the report's running setting,
    'In Deir ez-Zor, ... Later, an airstrike killed ...'), at precision 2 at least; else the place the
    document names most, a settlement at precision 2, an area at 3. `vague`: an unknown place was
    attached ('near Jobar, Damascus'), so whatever stands in is only near the event."""
    focus = wd.scratch.get("focus_country")
    own = [
        p for p in pidx.in_range(sent.start_char, sent.end_char)
        if _usable(p, actor_spans) and not _residence(p, wd)
    ]
    own = _at_home(own, focus)
    if own:
        best = min(own, key=lambda p: (_passed_through(p, wd), _specificity(p)))
        if _passed_through(best, wd):
            return None  # only a route in the sentence: the event's place is not known from it
        loc = to_location(wd.text, best, sent.start_char)
        if vague:
            loc = loc.model_copy(update={"precision": max(loc.precision, NEAR_PRECISION)})
        return loc
    earlier = _at_home(
        [
            p
            for p in pidx.in_range(max(0, sent.start_char - EARLIER_CHARS), sent.start_char)
            if _usable(p, actor_spans)
            and p.resolution.feature_code not in COUNTRY_CODES
            and not _passed_through(p, wd, ROUTE_PREPS | DESTINATION_PREPS)
            and not _residence(p, wd)
        ],
        focus,
    )
    if earlier:
        # the most specific place of the last sentence that names one: 'in the village of al-Shuhail on
        # the Euphrates in Deir ez-Zor' leaves the village, not the province, as the running place
        last = _last_sentence(earlier, wd)
        pick = min(reversed(last), key=lambda p: (_specificity(p), p.resolution.feature_code in SEAT_CODES))
        loc = to_location(wd.text, pick, sent.start_char)
        if _running_town(wd.text, pick, sent.start_char, loc) and not vague:
            return loc  # 'In Douma, shelling killed five. An airstrike then hit a market.': still Douma
        return loc.model_copy(update={"precision": max(loc.precision, NEAR_PRECISION)})
    main = _document_place(pidx, focus)
    if main is None:
        # last resort, the country the story names even if only as an actor ('Mali - Two armed men ...')
        countries = _at_home(
            [
                p
                for p in wd.out.places
                if p.resolution is not None
                and p.resolution.lat is not None
                and p.resolution.feature_code in COUNTRY_CODES
            ],
            focus,
        )
        main = countries[0] if countries else None
    if main is None:
        return None
    loc = to_location(wd.text, main, sent.start_char)
    floor = 3 if main.resolution.feature_code in COUNTRY_CODES | {"ADM1", "ADM2"} else NEAR_PRECISION
    return loc.model_copy(update={"precision": max(loc.precision, floor)})


def _last_sentence(places: list[Place], wd: WorkDoc) -> list[Place]:
    """The places (in text order) that share the sentence of the last one."""
    span = wd.sdoc.char_span(places[-1].mention.start, places[-1].mention.end, alignment_mode="expand")
    if span is None:
        return places[-1:]
    start, end = span.sent.start_char, span.sent.end_char
    return [p for p in places if start <= p.mention.start < end]


def _running_town(text: str, place: Place, sent_start: int, loc: Location) -> bool:
    """The town the paragraph is about, named in one of the two sentences just before: an event there
    with no place of its own is coded at it as precisely as it was named (ACLED codes the report's
    town, not a point near it). Across a paragraph break, or farther back, it is only nearby."""
    between = text[place.mention.end : sent_start]
    return (
        "\n" not in between
        and len(between) <= RUNNING_CHARS
        and between.count(". ") <= 1
        and (loc.feature_code or "").startswith("PP")
        and loc.precision == 1
        and not loc.relation
    )


def _at_home(places: list[Place], focus: str | None) -> list[Place]:
    """Places in the document's focus country, when it has one; elsewhere only settlements and provinces:
    a foreign country or capital beside an event of a Syrian story ('Russia', 'Washington') is an actor
    far more often than the event's place."""
    if focus is None:
        return places
    from lanner.resolve.gazetteer import haversine_km, load_gazetteer

    home = [p for p in places if p.resolution is not None and p.resolution.country == focus]
    if home:
        return home
    centre = load_gazetteer().country_point(focus)
    return [
        p
        for p in places
        if p.resolution is not None
        and p.resolution.lat is not None
        and centre is not None
        and p.resolution.feature_code not in COUNTRY_CODES | {"PPLC"}
        and haversine_km(p.resolution.lat, p.resolution.lon, *centre) < NEXT_DOOR_KM
    ]


def _document_place(pidx: PlaceIndex, focus: str | None = None) -> Place | None:
    """The place the document names most (a settlement or province before a country; in the focus country
    when it has one), or None."""
    counts: dict[str, list[Place]] = {}
    for p in _at_home(pidx.places, focus):
        if p.resolution is not None and p.resolution.lat is not None:
            counts.setdefault(p.resolution.name, []).append(p)
    if not counts:
        return None
    ranked = sorted(
        counts.values(), key=lambda ps: (ps[0].resolution.feature_code in COUNTRY_CODES, -len(ps))
    )
    return ranked[0][0]


def stand_in(unknown: Location, known: Location) -> Location:
    """A place the gazetteer lacks, coded at the point of the known place the event also names, as ACLED
    codes an unknown village: the nearest known larger place at precision 2 (3 for a province). The
    name and mention stay the text's; a country's point is too coarse to stand in for a village."""
    if unknown.lat is not None or known.lat is None or known.feature_code in COUNTRY_CODES:
        return unknown
    if title_word(unknown.name):
        return unknown  # 'Killed in Ambush in ...': a headline's capitalised word, not a village
    if unknown.mention is None or (known.mention is not None and not _close(unknown.mention, known.mention)):
        return unknown  # only a place named beside it ('Rhodespark area of Lusaka') vouches for it
    if unknown.country is not None and known.country not in (None, unknown.country):
        return unknown
    floor = 3 if known.feature_code in ("ADM1", "ADM2") or (known.precision or 1) >= 3 else NEAR_PRECISION
    return unknown.model_copy(
        update={
            "lat": known.lat,
            "lon": known.lon,
            "country": known.country,
            "admin1": known.admin1,
            "admin2": known.admin2,
            "precision": max(known.precision or 1, floor),
            "source": known.source,
        }
    )


def _close(a: Span, b: Span) -> bool:
    """Two mentions within STAND_IN_CHARS of each other."""
    return max(a.start, b.start) - min(a.end, b.end) <= STAND_IN_CHARS


def order_locations(found: list[Location]) -> list[Location]:
    """Drop admin areas and countries of a more specific place; most precise place first."""
    kept = [loc for loc in found if not any(o is not loc and _is_admin_of(loc, o) for o in found)]
    kept = kept or found
    seen: set[str] = set()
    out = []
    for loc in kept:
        key = loc.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(loc)
    resolved = [loc for loc in out if loc.lat is not None]
    if out and out[0].lat is None and resolved:
        # ACLED's rule for an unknown village: code the nearest known larger place, at lower precision
        # ("near Boni in the Mopti region" -> Mopti, precision >= 2); the village stays in other_locations
        best = resolved[0].model_copy(update={"precision": max(resolved[0].precision, 2)})
        out = [best, *(loc for loc in out if loc is not resolved[0])]
    return out


def place_phrase(head: Token, sent: SpacySpan) -> tuple[int, int] | None:
    """The first locative noun phrase on the trigger's clause ("at the busy bus station") when no
    known place is there: kept unresolved for the analyst, never turned into a Location."""
    anchors = _anchors(head)
    for tok in sent:
        if tok.dep_ != "pobj" or tok.i == head.i or tok.ent_type_ in ("DATE", "TIME", "PERSON", "NORP"):
            continue
        if not (tok.lemma_.lower() in word_class("place") or tok.ent_type_ in ("GPE", "LOC", "FAC")):
            continue
        prep = tok.head
        if prep.lower_ not in ("in", "at", "near", "inside", "outside") or prep.head.i not in anchors:
            continue
        return tok.left_edge.idx, tok.idx + len(tok)
    return None
