"""Evidence rules against the merges a dense war invites (read on FA-KES): nearby towns, a city in
common, week-wide windows, names placed only by their province, planned acts. Hand-built records."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lanner.corroborate.match import EventRecord, Side, compare, match

D0 = dt.date(2016, 2, 15)
RUS = Side("state:RUS", "Military Forces of Russia", "RUS")
SYR = Side("state:SYR", "Military Forces of Syria", "SYR")
NONE = Side(None, None)


def rec(doc: str, **kw) -> EventRecord:
    base = dict(doc_id=doc, event_id="e1", type="ASSAULT", start=D0, end=D0, outlet=doc, published=D0,
                actor1=NONE, actor2=NONE, lat=35.65, lon=36.67, place="Maarat al-Numan", admin1="Idlib",
                country="SY", level="point", fcode="PPL")  # fmt: skip
    return EventRecord(**(base | kw))


def _as(r: EventRecord, **kw) -> EventRecord:
    return dataclasses.replace(r, **kw)


KHAN = dict(place="Khan Shaykhun", lat=35.44, lon=36.65)  # ~25 km south


def test_one_town_is_evidence_two_nearby_towns_are_not_enough() -> None:
    assert match(rec("a"), rec("b"), 3, 50.0) is not None  # the same town: 2 points
    assert match(rec("a"), rec("b", **KHAN), 3, 50.0) is None  # compatible, 1 point
    assert match(rec("a", mode="aerial"), rec("b", mode="aerial", **KHAN), 3, 50.0) is not None
    assert "places compatible" in "; ".join(compare(rec("a"), rec("b", **KHAN), 3, 50.0).reasons)


def test_a_city_in_common_is_not_enough_alone() -> None:
    aleppo = dict(place="Aleppo", lat=36.20, lon=37.16, admin1="Aleppo", fcode="PPLA")
    assert match(rec("a", **aleppo), rec("b", **aleppo), 3, 50.0) is None
    assert match(rec("a", **aleppo, actor1=RUS), rec("b", **aleppo, actor1=RUS), 3, 50.0) is not None
    denial = rec("b", **aleppo, epistemic="denied")
    assert match(rec("a", **aleppo), denial, 3, 50.0) is not None  # a denial names the place loosely


def test_a_week_wide_window_needs_more_evidence() -> None:
    week = dict(start=D0 - dt.timedelta(days=6), end=D0)  # "in the past seven days"
    assert match(rec("a"), rec("b"), 3, 50.0) is not None  # one town, one day: 2 points are enough
    assert match(rec("a"), rec("b", **week), 3, 50.0) is None
    assert match(rec("a", mode="aerial"), rec("b", mode="aerial", **week), 3, 50.0) is not None


def test_a_name_without_coordinates_lies_in_its_province() -> None:
    alwaer = rec("b", place="Alwaer", admin1="Homs", lat=None, lon=None, level="none", fcode=None)
    aleppo = rec("a", place="Aleppo", lat=36.20, lon=37.16, admin1="Aleppo", fcode="PPLA", mode="shelling")
    assert match(aleppo, _as(alwaer, actor1=SYR, mode="shelling"), 3, 50.0) is None
    same = _as(alwaer, admin1="Aleppo", actor1=SYR, mode="shelling")
    assert match(_as(aleppo, actor1=SYR), same, 3, 50.0) is not None


def test_planned_acts_are_not_clustered() -> None:
    """ "The military asked to resume its air strikes" is no report of a strike."""
    from lanner.corroborate.clusters import records_from
    from lanner.model import AnalyzedDocument, DocumentMeta, Event, EventAttribution, Span

    text = "Jets struck the town. The military asked to resume its air strikes."
    said = EventAttribution(source="outlet", kind="outlet")

    def event(ident: str, trigger: str, epistemic: str) -> Event:
        at = text.index(trigger)
        span = Span(start=at, end=at + len(trigger), text=trigger)
        return Event(id=ident, type="ASSAULT", trigger=span, attribution=said, epistemic=epistemic,
                     confidence=0.8)  # fmt: skip

    meta = DocumentMeta(id="d1", outlet="X", published=D0, chars=len(text))
    events = [event("e1", "struck", "asserted"), event("e2", "air strikes", "planned")]
    doc = AnalyzedDocument(document=meta, text=text, events=events)
    assert [r.event_id for r in records_from([doc])] == ["e1"]
