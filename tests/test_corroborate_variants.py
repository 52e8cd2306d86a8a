"""Matching that expects outlets (and extraction) to tell one incident differently: spellings, two
gazetteer rows for one village, a denial placed at the province seat, copies read two ways,
a date taken from a photo caption. Hand-built records and documents, no pipeline."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lanner.corroborate import cluster_records
from lanner.corroborate.evidence import skeleton
from lanner.corroborate.match import EventRecord, Side, match, record_of
from lanner.corroborate.syndication import shingles
from lanner.model import (
    AnalyzedDocument,
    DocumentMeta,
    Event,
    EventAttribution,
    EventDate,
    Span,
)

D0 = dt.date(2022, 1, 21)
COALITION = Side("glb-saudi-coalition", "Saudi-led coalition")
ISR = Side("state:ISR", "Military Forces of Israel", "ISR")
HEZ = Side("lbn-hezbollah", "Hezbollah", "LBN", armed_nonstate=True)
IRN = Side("state:IRN", "Government of Iran", "IRN")
NONE = Side(None, None)


def rec(doc: str, **kw) -> EventRecord:
    base = dict(doc_id=doc, event_id="e1", type="ASSAULT", start=D0, end=D0, outlet=doc, published=D0,
                actor1=COALITION, actor2=NONE, lat=16.60, lon=43.20, place="Al Hadid", admin1="Şa‘dah",
                country="YE", level="point", mode="aerial")  # fmt: skip
    return EventRecord(**(base | kw))


def test_transliterations_are_one_name() -> None:
    assert skeleton("Sa’ada") == skeleton("Sa'dah") == skeleton("Şa‘dah")
    assert skeleton("Mazzeh") != skeleton("Mezze") and skeleton("Mezzeh") == skeleton("Mezze")
    assert skeleton("Saada") != skeleton("Sanaa")
    unresolved = rec("b", lat=None, lon=None, place="Sa’ada", admin1=None, country=None, level="none")
    assert match(rec("a"), unresolved, 3, 50.0) is not None  # the name is the other's province
    assert match(rec("a"), rec("c", lat=None, lon=None, place="Marib", admin1=None, country=None,
                               level="none", mode=None), 3, 50.0) is None  # fmt: skip


def test_one_village_resolved_to_two_rows() -> None:
    """al-Jina placed in Hasakah by one report, al-Jinah in Aleppo by another: one village when a report
    names the province of the other row; a far village of another name stays apart."""
    aleppo = rec("a", place="Al Jinah", admin1="Aleppo", lat=36.12, lon=36.80, country="SY")
    hasakah = dict(place="Al Jina", admin1="Al-Hasakah", lat=35.71, lon=40.73, country="SY")
    assert match(aleppo, rec("b", **hasakah), 3, 50.0) is None
    assert match(aleppo, rec("b", **hasakah, doc_places=frozenset({"aleppo", "jina"})), 3, 50.0) is not None
    other = hasakah | {"place": "Tall Hamis"}
    assert match(aleppo, rec("c", **other, doc_places=frozenset({"aleppo"})), 3, 50.0) is None


def _doc(text: str, published: dt.date | None, *events: Event) -> AnalyzedDocument:
    meta = DocumentMeta(id=f"d{len(text)}", outlet="X", published=published, chars=len(text))
    return AnalyzedDocument(document=meta, text=text, events=list(events))


def _span(text: str, part: str) -> Span:
    i = text.index(part)
    return Span(start=i, end=i + len(part), text=part)


def _event(text: str, trigger: str, **kw) -> Event:
    said = EventAttribution(source="outlet", kind="outlet")
    return Event(id="e1", type="ASSAULT", trigger=_span(text, trigger), attribution=said,
                 epistemic="asserted", confidence=0.8, **kw)  # fmt: skip


def test_a_denial_names_the_place_loosely() -> None:
    """A denial placed at the province seat ("Saada", 70 km off) does not contradict a report placed at a
    village of that province; two reports of the act at those places, or a denial in another province, do."""
    seat = dict(place="Sa'dah", lat=16.94, lon=43.76, admin1="Şa‘dah")
    houthi = Side("yem-houthi", "Houthi movement")
    denial = rec("b", **seat, epistemic="denied", actor1=houthi, mode=None)
    assert match(rec("a"), denial, 3, 50.0) is not None
    assert match(rec("a"), rec("c", **seat), 3, 50.0) is None
    elsewhere = rec("d", place="Marib", lat=15.46, lon=45.33, admin1="Ma'rib", epistemic="denied", mode=None)
    assert match(rec("a"), elsewhere, 3, 50.0) is None


def test_copies_of_one_story_may_read_the_victims_differently() -> None:
    """Two reports naming different victims of one attacker are apart, unless they are one copied story."""
    words = shingles(" ".join(f"word{i}" for i in range(80)))
    a = rec("a", actor1=ISR, actor2=HEZ, place="Damascus", country="SY")
    b = rec("b", actor1=ISR, actor2=IRN, place="Damascus", country="SY")
    assert match(a, b, 3, 50.0) is None
    assert match(a, _as(b, shingles=words), 3, 50.0) is None  # only one of them has the words
    assert match(_as(a, shingles=words), _as(b, shingles=words), 3, 50.0) is not None


CAPTION = (
    "Missile attacks on two bases, no casualties\n"
    "The president speaks at a summit on Thursday, Dec. 12, 2019. (Official photo)\n"
    "The bases were hit by ballistic missiles last night."
)


def test_a_caption_date_weeks_before_publication_is_doubtful() -> None:
    """An act dated from another paragraph weeks before publication may also be read at its publication
    days; the cluster's dates stay those of the other reports."""
    pub = dt.date(2020, 1, 8)
    day = dt.date(2019, 12, 12)
    phrase = "Thursday, Dec. 12, 2019"
    caption = EventDate(start=day, end=day, text=phrase, span=_span(CAPTION, phrase))
    ev = _event(CAPTION, "Missile attacks", date=caption)
    r = record_of(_doc(CAPTION, pub, ev), ev)
    assert r.alt == (dt.date(2020, 1, 7), pub)
    same_line = _event(CAPTION, "summit", date=caption)
    assert record_of(_doc(CAPTION, pub, same_line), same_line).alt is None
    near = record_of(_doc(CAPTION, dt.date(2019, 12, 13), ev), ev)
    assert near.alt is None  # a day before publication: the date stands

    iran, usa = Side("state:IRN", "Iran", "IRN"), Side("state:USA", "United States", "USA")
    vague = dict(lat=None, lon=None, place=None, admin1=None, country=None, level="none", mode="shelling")
    r = _as(r, actor1=iran, actor2=usa, **vague)
    other = rec("b", start=pub, end=pub, published=pub, actor1=iran, actor2=usa, **vague)
    assert match(r, other, 3, 50.0) is not None
    [c] = [c for c in cluster_records([r, other]) if c.reports == 2]
    assert c.date_start == c.date_end == pub
    assert match(_as(r, alt=None), other, 3, 50.0) is None  # the own date alone: 27 days apart


def _as(r: EventRecord, **kw) -> EventRecord:
    return dataclasses.replace(r, **kw)
