"""A capitalised English word after "in" is not a place the gazetteer lacks: an event's location is never
"Solidarity" or "Protest". Texts written for these tests."""

from __future__ import annotations

from lanner import analyze

TEXT = (
    "Hundreds of people took to the streets in Solidarity with the detainees on Friday, activists said.\n\n"
    "Later that day, security forces arrested twelve men in Protest camps outside the town, they added.\n\n"
    "The interior ministry did not comment on the arrests."
)


def test_a_capitalised_common_word_is_no_place():
    doc = analyze(TEXT)
    assert doc.events
    names = {loc.name for e in doc.events for loc in [e.location, *e.other_locations] if loc is not None}
    assert not names & {"Solidarity", "Protest", "Protest camps"}
