"""The article-level pass (lanner.extract.events.article): roles an analyst can code, generic fills,
restatements folded, low-value events cut. Texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from lanner import analyze
from lanner.extract.events.article import clean_ref, merge_restatements, restates
from lanner.model import ActorRef, Count, Event, EventAttribution, EventDate, Location, Span

NO_PLACES: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("name", "kb_id", "want"),
    [
        ("Reuters", "gbr-reuters", None),  # a news agency is the attribution, not a side
        ("Syrian Observatory for Human Rights", "syr-sohr", None),  # a monitor likewise
        ("Alwaght", None, None),  # an outlet named in the text, unresolved
        ("Oct", None, None),
        ("100s", None, None),
        ("2000 GMT", None, None),
        ("forces", None, None),  # "forces" without whose
        ("Our men", None, None),  # the speaker's own side, not civilians
        ("Tags", None, None),  # page furniture
        ("a woman", None, "Civilians (Syria)"),
        ("33 young men", None, "Civilians (Syria)"),
        ("Around 600 Syrians", None, "Civilians (Syria)"),
        ("more than 260 Assyrian Christians", None, None),  # a count, not a name
        ("gunmen", None, "Unidentified Armed Group (Syria)"),
        ("a government sniper", None, "Military Forces of Syria"),
        ("Unidentified Armed Group", "uag", "Unidentified Armed Group (Syria)"),
        ("Chaung U Revolutionary Army", None, "Chaung U Revolutionary Army"),  # a name kept as written
    ],
)
def test_clean_ref(name, kb_id, want):
    got = clean_ref(ActorRef(name=name, kb_id=kb_id), "SYR", NO_PLACES)
    assert (got.name if got else None) == want


def test_a_place_is_no_actor():
    assert clean_ref(ActorRef(name="Aleppo"), "SYR", frozenset({"aleppo"})) is None


def _ev(i: int, actor1: str | None, place: str | None, sub: str | None = "Air/drone strike",
        day: dt.date | None = None, killed: int | None = None, toll_text: str = "") -> Event:
    return Event(
        id=f"e{i}", type="ASSAULT", acled_event_type="Explosions/Remote violence", acled_sub_event_type=sub,
        actor1=ActorRef(name=actor1, kb_id=actor1.lower()) if actor1 else None,
        location=Location(name=place, precision=1) if place else None,
        date=EventDate(start=day, end=day, precision="day") if day else EventDate(),
        fatalities=Count(min=killed, max=killed, text=toll_text) if killed is not None else None,
        attribution=EventAttribution(source="outlet", kind="outlet"), epistemic="asserted",
        trigger=Span.of("strike", 0, 6), confidence=0.7,
    )


def test_restatement_folds_into_the_first_with_the_best_fields():
    head = _ev(1, "Russia", "Atareb", killed=12, toll_text="killing 12")
    body = _ev(2, None, None, sub="Shelling/artillery/missile attack", killed=15, toll_text="15 dead")
    update = _ev(3, "Russia", "Atareb", killed=21, toll_text="the death toll rose to 21")
    out = merge_restatements([head, body, update])
    assert out == [head]
    assert head.fatalities.min == 21  # a toll update wins; a plain later figure does not
    assert head.acled_sub_event_type == "Air/drone strike"  # no second event with another sub-type


def test_different_towns_days_or_perpetrators_stay_apart():
    a = _ev(1, "Russia", "Atareb", day=dt.date(2024, 1, 2))
    assert not restates(a, _ev(2, "Russia", "Saraqib", day=dt.date(2024, 1, 2)))
    assert not restates(a, _ev(3, "Russia", "Atareb", day=dt.date(2024, 1, 3)))
    assert not restates(a, _ev(4, "Turkey", "Atareb", day=dt.date(2024, 1, 2)))
    assert restates(a, _ev(5, None, "Atareb"))


TEXT = (
    "Gunmen attacked a checkpoint in Tillia on Monday, killing 16 soldiers, the army said.\n\n"
    "The attack in Tillia was the deadliest this year, officials said. Residents said the gunmen fled "
    "toward the border after the attack. A possible attack on the capital would be a disaster, one "
    "analyst warned. The government and the opposition held talks on the crisis. Schools stayed closed "
    "in the region."
)


def test_whole_article_one_event_with_unidentified_attacker_and_toll():
    doc = analyze(TEXT, published=dt.date(2024, 3, 5))
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, [(e.trigger.text, e.epistemic) for e in assaults]
    ev = assaults[0]
    assert ev.actor1 is not None and ev.actor1.name.startswith("Unidentified Armed Group")
    assert ev.fatalities is not None and ev.fatalities.min == 16
    for other in doc.events:
        if other.type != "ASSAULT":
            assert other.fatalities is not None and other.fatalities.min == 0  # ACLED's 0 for non-violent


def test_object_control_gives_the_agent():
    """"forced the Syrian army to send reinforcements": the army sends, not whatever forced it."""
    doc = analyze("Heavy losses forced the Syrian army to send reinforcements to Daraa on Monday.")
    moves = [e for e in doc.events if e.type == "MOBILIZE"]
    assert moves and moves[0].actor1 is not None and moves[0].actor1.name == "Military Forces of Syria"


def test_toll_of_a_contractor_and_of_the_death_of():
    from lanner.extract.casualties import find_counts

    for text, n in (("One US civilian contractor was killed in the attack.", 1),
                    ("Activists documented the death of two soldiers in the blast.", 2)):
        assert find_counts(text, 0, len(text))["killed"].min == n, text
