"""Tolls and history in whole articles: a casualty sentence without a doer lends its toll to the attack
told beside it, a running total over years is no incident's toll, and a campaign's history is not folded
into the day's event. Texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from lanner import analyze
from lanner.extract.casualties import cumulative, find_counts

REPORT = (
    "At least four civilians have been killed in northern Syria after the YPG/PKK terrorist group fired a "
    "rocket on the opposition-held town of Azaz.\n\n"
    "Twelve more people were injured, according to initial reports about the attack on Tuesday.\n\n"
    "The injured were taken to a nearby hospital amid fears that the number of casualties could rise.\n\n"
    "Azaz was the target of rockets fired from the nearby town of Tel Rifaat, residents said.\n\n"
    "During its over 35-year terror campaign, the PKK has been responsible for the deaths of at least "
    "40,000 people, according to Ankara.\n\n"
    "The group is listed as a terrorist organisation by several governments."
)


@pytest.fixture(scope="module")
def doc():
    return analyze(REPORT, published=dt.date(2022, 2, 15), outlet="Lanner sample")


def test_the_attack_takes_the_lead_toll(doc):
    coded = [e for e in doc.events if not e.background]
    assert len(coded) == 1
    attack = coded[0]
    assert attack.fatalities is not None and attack.fatalities.min == 4
    assert attack.actor1 is not None  # "fired a rocket" names no doer we read yet: unidentified, not missing
    assert attack.location is not None and attack.location.country == "SY"


def test_no_event_carries_the_running_total(doc):
    assert all(e.fatalities is None or (e.fatalities.min or 0) < 1000 for e in doc.events)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("During its 35-year campaign the group killed 40,000 people", True),
        ("Since 2011 the war has killed more than 500,000 people", True),
        ("the civil war has killed hundreds of thousands", True),
        ("a 12-year-old boy was killed in the shelling", False),
        ("Since Monday, 12 people have been killed in the town", False),
    ],
)
def test_cumulative(text, want):
    assert cumulative(text) is want


def test_a_date_is_not_a_count():
    text = " date 2022-02-15 At least four civilians have been killed"
    assert find_counts(text, 0, len(text))["killed"].min == 4


def test_an_implausible_single_toll_keeps_its_words_not_its_number():
    text = "The strikes killed 250,000 people"
    got = find_counts(text, 0, len(text))["killed"]
    assert got.min is None and got.text
