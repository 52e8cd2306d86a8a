"""Separate places, separate events; people seized are COERCE; a witness's home is not where the event
happened; a phrase that is no name is no place. Texts written for these tests."""

from __future__ import annotations

import datetime as dt

from lanner import analyze

PUBLISHED = dt.date(2023, 3, 8)


def _coded(text: str):
    doc = analyze(text, published=PUBLISHED, outlet="Lanner sample")
    return [e for e in doc.events if not e.background]


def test_two_villages_told_apart_are_two_events():
    events = _coded(
        "Russian warplanes struck the town of Saraqib in Idlib province on Monday, wounding three farmers."
        "\n\nRussian warplanes also struck the town of Maarat al-Numan in the same area, damaging houses."
        "\n\n"
        "Local people said the raids lasted for hours."
    )
    assault = [e for e in events if e.type == "ASSAULT"]
    places = {e.location.name for e in assault if e.location is not None}
    assert len(assault) == 2, [(e.trigger.text, e.location and e.location.name) for e in assault]
    assert len(places) == 2


def test_restating_the_same_town_stays_one_event():
    events = _coded(
        "Russian warplanes struck a market in the town of Saraqib in Idlib province on Monday, killing two."
        "\n\n"
        "The strike on Saraqib set several shops on fire, residents said."
    )
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_abduction_is_coerce_by_an_armed_group_on_civilians():
    events = _coded("Gunmen abducted 12 farmers near the town of Maradun in Zamfara on Monday.")
    seized = [e for e in events if e.type == "COERCE"]
    assert len(seized) == 1
    ev = seized[0]
    assert ev.acled_sub_event_type == "Abduction/forced disappearance"
    assert ev.actor1 is not None and ev.actor1.name.startswith("Unidentified Armed Group")
    assert ev.actor2 is not None and ev.actor2.name.startswith("Civilians")
    assert ev.fatalities is not None and ev.fatalities.min == 0


def test_blocking_a_convoy_is_coerce():
    events = _coded(
        "Russian forces blocked an American military convoy near the town of Tall Tamr on Monday.\n\n"
        "The convoy of four armoured vehicles returned to its base, local sources said.\n\n"
        "Moscow said Washington had given no notice of the movement.\n\n"
        "The two armies patrol the same roads in the province."
    )
    assert "COERCE" in [e.type for e in events] and "ASSAULT" not in [e.type for e in events]
    events = [e for e in events if e.type == "COERCE"]
    assert events[0].actor1 is not None and "Russia" in events[0].actor1.name


def test_a_witness_home_is_not_the_event_place():
    events = _coded(
        "Bandits attacked Goran Namaye village in Maradun on Monday, killing four people.\n\n"
        "A resident of Bakura, who fled the attack, said the gunmen stayed for five hours."
    )
    placed = [e.location.name for e in events if e.location is not None]
    assert placed and not any("Bakura" in name for name in placed)


def test_a_common_phrase_is_no_place():
    events = _coded(
        "Protesters took to the streets of Afrin on Monday.\n\n"
        "A protester said he marched in solidarity with relatives across the border."
    )
    assert events
    assert all(e.location is None or e.location.name.lower() != "solidarity" for e in events)


def test_soldiers_killed_make_the_army_the_target():
    events = _coded(
        "Sixteen Nigerien soldiers were killed in an ambush by armed men near Tillia on Saturday, the "
        "defence ministry said.\n\nThe attackers fled towards the border.\n\nA search is under way."
    )
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.actor2 is not None and attack.actor2.name == "Military Forces of Niger"
    assert attack.acled_event_type == "Battles"


def test_people_killed_by_shelling_are_civilians():
    events = _coded(
        "Russian forces shelled the city of Kherson on Monday, killing one person, the regional governor "
        "said.\n\nSeveral houses were damaged.\n\nRepair crews were at work."
    )
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.actor2 is not None and attack.actor2.name == "Civilians (Ukraine)"


def test_stopping_a_patrol_is_an_act_not_its_prevention():
    events = _coded(
        "Russian television reported on Monday that Russian troops had stopped a US military patrol on "
        "the M4 highway west of Tall Tamr.\n\nThe patrol turned back.\n\nNeither side commented."
    )
    stops = [e for e in events if e.type == "COERCE"]
    assert stops and stops[0].epistemic in ("asserted", "attributed")


def test_a_city_attacked_is_no_actor():
    events = _coded(
        "Rebel shelling of Aleppo killed 12 civilians on Sunday, state media said.\n\n"
        "The attack on Aleppo came after days of calm.\n\nHospitals asked for blood donors."
    )
    names = {ref.name for e in events for ref in (e.actor1, e.actor2) if ref is not None}
    assert "Aleppo" not in names



def test_a_stand_in_place_never_keeps_mentions_apart():
    from lanner.extract.events.merge import _place_compatible
    from lanner.model import Location, Span

    idlib = Location(name="Idlib", country="SY", admin1="Idlib", feature_code="ADM1", precision=3,
                     mention=Span(start=10, end=15, text="Idlib"))
    saraqib_stand_in = Location(name="Saraqib", country="SY", admin1="Idlib", feature_code="PPL", precision=2)
    moscow_stand_in = Location(name="Moscow", country="RU", feature_code="PPLC", precision=2, mention=None)
    afrin = Location(name="Afrin", country="SY", admin1="Aleppo", feature_code="PPL", precision=1,
                     mention=Span(start=0, end=5, text="Afrin"))
    assert _place_compatible([afrin], [saraqib_stand_in]) is None  # stood in from elsewhere: only its country
    assert _place_compatible([idlib], [moscow_stand_in]) is False  # ... which may differ
    saraqib_named = saraqib_stand_in.model_copy(update={"mention": idlib.mention, "precision": 1})
    assert _place_compatible([afrin], [saraqib_named]) is False  # two towns named: two incidents
