"""Short texts follow the precise classifier's reading of the whole text (lanner/extract/events/reading.py).

Sentences written for these tests. The trigger lexicon has no row for "unearthed caches", "walked off the
job", "jets pounded" or "a faction was formed": only the reading codes them.
"""

from __future__ import annotations

import pytest

import lanner
from lanner.classify import acled_for, label_table
from lanner.classify.labels import POLITICAL_VIOLENCE
from lanner.extract.events.lexicon import code_event, plover
from lanner.extract.events.reading import reading_types


def events_of(text: str):
    return lanner.analyze(text, published="2024-03-01", outlet="Test Wire").events


def main_event(text: str):
    coded = [e for e in events_of(text) if e.acled_sub_event_type]
    assert coded, text
    return max(coded, key=lambda e: e.confidence)


def test_every_acled_label_has_a_type_to_be_made_with():
    table = reading_types()
    assert set(table) == {lab for lab in label_table() if acled_for(lab)} - {"OTHER"}
    for row in table.values():
        assert row.plover in plover() and set(row.carriers) <= set(plover()), row
        assert row.plover in row.carriers, row
        assert code_event(row.plover, row.mode).sub_event_type is not None, row  # a mode the mapping codes


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("Two caches of weapons were unearthed by soldiers near Gao.", "Disrupted weapons use"),
        ("Hundreds of nurses walked off the job at hospitals across Accra, saying they had not been paid "
         "for months.", "Peaceful protest"),
        ("Jets of the coalition pounded Houthi positions in Saada overnight.", "Air/drone strike"),
        ("A new armed faction calling itself the Northern Brigade was formed in Tripoli on Friday, its "
         "founders said.", "Change to group/activity"),
    ],
)
def test_nothing_triggered_the_reading_makes_the_event(text, sub_event):
    ev = main_event(text)
    assert ev.acled_sub_event_type == sub_event
    assert ev.evidence and ev.evidence[0].text.startswith(text[:20])


def test_the_reading_recodes_an_arrest_at_a_protest():
    ev = main_event("Police detained dozens of students who tried to hold a rally outside parliament.")
    assert ev.type == "COERCE" and ev.acled_sub_event_type == "Protest with intervention"


def test_the_event_the_reading_names_is_the_main_one():
    text = ("A roadside bomb killed three soldiers near Tessalit on Monday, the deadliest such blast this "
            "year; JNIM fighters also clashed with the Malian army in Kidal.")
    assert main_event(text).acled_sub_event_type == "Remote explosive/landmine/IED"


def test_the_reading_recodes_only_events_of_its_own_sentence():
    evs = events_of("A roadside bomb killed three soldiers near Tessalit on Monday. Later, JNIM fighters "
                    "clashed with the Malian army in Kidal.")
    clash = next(e for e in evs if e.trigger.text == "clashed")
    assert clash.acled_sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Four people died when a cooking-gas tank blew up in a crowded eatery in Kano on Monday, fire "
        "officials said.",
        "Fresh explosions shook an industrial estate in Tema on Wednesday, close to where a chemical store "
        "blew up last month, and residents were moved out.",
        "A blast tore through an ammunition store at an army barracks near Lagos after a fire spread in the "
        "heat; no one has suggested an attack.",
    ],
)
def test_accidents_told_in_war_words_are_not_political_violence(text):
    assert not [e for e in events_of(text) if e.acled_event_type in POLITICAL_VIOLENCE]


def test_a_hedged_event_is_not_made_again_from_the_reading():
    evs = events_of("The rebels may have used chlorine in an attack on the town of Saraqib, experts said.")
    assert [e.epistemic for e in evs if e.type == "ASSAULT"] == ["speculative"]
    assert not [e for e in evs if e.acled_sub_event_type]


def test_a_claim_of_responsibility_is_not_coded_as_the_attack():
    evs = events_of("The Islamic State group claimed responsibility on Sunday for the car bombing that "
                    "killed 12 people at a checkpoint in Mosul last week.")
    bombing = next(e for e in evs if e.type == "ASSAULT")  # kept on record, with its roles and place
    assert bombing.acled_sub_event_type is None


def test_the_reading_adds_the_riot_beside_the_arrests():
    evs = events_of("Police made dozens of arrests in Bristol after demonstrators threw bottles at officers "
                    "and set a police van on fire.")
    riot = max(evs, key=lambda e: e.confidence)
    assert riot.acled_sub_event_type == "Violent demonstration" and riot.trigger.text == "demonstrators"
    assert any(e.acled_sub_event_type == "Arrests" for e in evs)


def test_arrests_in_a_crime_story_are_not_acled_events():
    evs = events_of("Police in Lagos arrested six men and recovered forged banknotes worth millions of naira "
                    "from their warehouse.")
    assert [e.type for e in evs] == ["COERCE"] and evs[0].acled_sub_event_type is None
