"""Event dates and background: which time expression dates an event, and history kept apart from news."""

from __future__ import annotations

import datetime as dt

import pytest

import lanner
from lanner.extract.events.chronology import is_dateline
from lanner.model import Span

D = dt.date


def _events(text: str, published: str | None = "2022-11-22"):
    return lanner.analyze(text, published=published).events


def _by_trigger(events, word: str):
    return next(e for e in events if word in e.trigger.text)


def test_history_recalled_in_a_news_report_is_background_without_acled_code():
    evs = _events(
        "Turkish drones struck a checkpoint near Kobani on Monday, killing two fighters. "
        "Russian jets bombed a hospital in Aleppo in 2016."
    )
    strike = _by_trigger(evs, "struck")
    assert strike.date.start == D(2022, 11, 21) and not strike.background
    bombed = _by_trigger(evs, "bombed")
    assert bombed.background and bombed.date.precision == "year"
    assert bombed.acled_event_type is None and bombed.acled_sub_event_type is None


def test_a_year_long_past_in_the_sentence_does_not_date_todays_event():
    evs = _events("The army, which has held the area since 1963, shelled the village of Kafr Nabl on Sunday.")
    shelled = _by_trigger(evs, "shelled")
    assert shelled.date.start == D(2022, 11, 20) and shelled.date.precision == "day"
    assert not shelled.background


def test_no_date_before_1946_and_none_after_publication():
    evs = _events("Rebels attacked an army post near Hama in 1881.", published="2016-05-02")
    assert all(e.date.start is None for e in evs)
    evs = _events("Rebels attacked an army post near Hama on 30 June 2016.", published="2016-06-05")
    assert all(e.date.start is None for e in evs if e.epistemic not in ("planned", "hypothetical"))


def test_without_publication_date_no_date_is_resolved_but_the_words_stay():
    evs = _events("Turkish jets bombed the village of Tal Rifaat on Saturday, May 1, 2021.", published=None)
    bombed = _by_trigger(evs, "bombed")
    assert bombed.date.start is None and bombed.date.precision == "unknown"
    assert bombed.date.text and "Saturday" in bombed.date.text


def test_a_date_that_dates_another_event_in_the_sentence_is_not_taken():
    evs = _events("Ankara blamed the PKK for last Sunday's deadly bombing in central Istanbul.")
    assert _by_trigger(evs, "blamed").date.start is None
    assert _by_trigger(evs, "bombing").date.start == D(2022, 11, 20)


def test_a_dateline_dates_the_report_not_the_event():
    text = "By SUDAN TRIBUNE\nDecember 18, 2023 (WAD MADANI) – Militiamen stormed the market of Wad Madani."
    evs = _events(text, published="2023-12-18")
    assert all(e.date.start is None for e in evs)


@pytest.mark.parametrize(
    ("line", "date", "expected"),
    [
        (" date 2022-11-20 Share this article", "2022-11-20", True),
        ("Published: 14 Dec 2021 01:12 AM", "14 Dec 2021", True),
        ("Monday, 25 September 2017 18:19", "Monday, 25 September 2017", True),
        ("Jets struck Idlib on 25 September 2017.", "25 September 2017", False),
        ("Sunday night fighting", "Sunday", False),  # no year: a weekday is never a date line
    ],
)
def test_dateline(line, date, expected):
    start = line.index(date)
    assert is_dateline(line, Span.of(line, start, start + len(date))) is expected


def test_a_definite_restatement_gives_the_date():
    evs = _events(
        "At least 28 civilians were killed in a drone attack in Finote Selam town. "
        "Twenty others were wounded. The attack happened on Sunday.",
        published="2023-08-13",
    )
    attack = _by_trigger(evs, "drone attack")
    assert attack.date.start == D(2023, 8, 13)
