"""Time expressions resolved against the publication date (Monday 2022-12-05 for the seed)."""

from __future__ import annotations

import datetime as dt

import pytest

from lanner.extract.dates import find_dates, resolve_date
from lanner.model import AnalyzedDocument, DocumentMeta
from lanner.nlp import load_nlp
from lanner.pipeline import WorkDoc

PUB = dt.date(2022, 12, 5)
D = dt.date

TABLE = [
    ("over the past few days", D(2022, 11, 28), D(2022, 12, 5), "range"),
    ("mid-November", D(2022, 11, 11), D(2022, 11, 20), "range"),
    ("On Friday", D(2022, 12, 2), D(2022, 12, 2), "day"),
    ("last week", D(2022, 11, 28), D(2022, 12, 4), "week"),
    ("on 15 November 2022", D(2022, 11, 15), D(2022, 11, 15), "day"),
    ("since late 2019", D(2019, 9, 1), D(2022, 12, 5), "range"),
    ("in the past few months", D(2022, 9, 5), D(2022, 12, 5), "range"),
    ("recently", D(2022, 11, 5), D(2022, 12, 5), "range"),
    ("yesterday", D(2022, 12, 4), D(2022, 12, 4), "day"),
    ("earlier this month", D(2022, 12, 1), D(2022, 12, 5), "range"),
    ("two days ago", D(2022, 12, 3), D(2022, 12, 3), "day"),
    ("in November", D(2022, 11, 1), D(2022, 11, 30), "month"),
    ("in 2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("last month", D(2022, 11, 1), D(2022, 11, 30), "month"),
    ("late October", D(2022, 10, 21), D(2022, 10, 31), "range"),
    ("early December", D(2022, 12, 1), D(2022, 12, 10), "range"),
    ("mid-December 2021", D(2021, 12, 11), D(2021, 12, 20), "range"),
    ("three weeks ago", D(2022, 11, 14), D(2022, 11, 20), "week"),
    ("last Monday", D(2022, 11, 28), D(2022, 11, 28), "day"),
    ("on Monday", D(2022, 12, 5), D(2022, 12, 5), "day"),
    ("over the weekend", D(2022, 12, 3), D(2022, 12, 4), "range"),
    ("March 3rd, 2021", D(2021, 3, 3), D(2021, 3, 3), "day"),
    ("the past two years", D(2020, 12, 5), D(2022, 12, 5), "range"),
    ("early 2020", D(2020, 1, 1), D(2020, 4, 30), "range"),
    # looking ahead, a day of the month alone, seasons
    ("next week", D(2022, 12, 12), D(2022, 12, 18), "week"),
    ("tomorrow", D(2022, 12, 6), D(2022, 12, 6), "day"),
    ("in the coming weeks", D(2022, 12, 5), D(2023, 1, 2), "range"),
    ("later this month", D(2022, 12, 5), D(2022, 12, 31), "range"),
    ("next Friday", D(2022, 12, 9), D(2022, 12, 9), "day"),
    ("on the 15th", D(2022, 11, 15), D(2022, 11, 15), "day"),
    ("on the 3rd", D(2022, 12, 3), D(2022, 12, 3), "day"),
    ("on the 28th of last month", D(2022, 11, 28), D(2022, 11, 28), "day"),
    ("last summer", D(2022, 6, 1), D(2022, 8, 31), "range"),
    ("next spring", D(2023, 3, 1), D(2023, 5, 31), "range"),
    ("this winter", D(2022, 12, 1), D(2023, 2, 28), "range"),
    ("late summer 2020", D(2020, 8, 1), D(2020, 8, 31), "range"),
    ("in the autumn of 2019", D(2019, 9, 1), D(2019, 11, 30), "range"),
    # the report's own day; a calendar date beats a weekday beside it; day-first or month-first numbers,
    # whichever is not after publication; a number beside a year without a month is no day
    ("in the past 24 hours", D(2022, 12, 5), D(2022, 12, 5), "day"),
    ("Monday, 25 September 2017", D(2017, 9, 25), D(2017, 9, 25), "day"),
    ("on Saturday May 1", D(2022, 5, 1), D(2022, 5, 1), "day"),
    ("04-12-2022", D(2022, 12, 4), D(2022, 12, 4), "day"),
    ("12-04-2022", D(2022, 12, 4), D(2022, 12, 4), "day"),
    ("12 2013", D(2013, 1, 1), D(2013, 12, 31), "year"),
    ("since 1963", D(1963, 1, 1), D(2022, 12, 5), "range"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), TABLE)
def test_expression_table(text, start, end, precision):
    d = resolve_date(text, PUB)
    assert (d.start, d.end, d.precision) == (start, end, precision)
    assert d.text == text


def test_month_without_year_is_the_latest_not_after_publication():
    assert resolve_date("in mid-December", D(2023, 3, 1)).start == D(2022, 12, 11)


def test_anaphor_needs_a_previous_date():
    assert resolve_date("at that time", PUB).precision == "unknown"
    prev = resolve_date("mid-November", PUB)
    d = resolve_date("at that time", PUB, previous=prev)
    assert (d.start, d.end) == (prev.start, prev.end)


def test_relative_expression_without_publication_date_is_unknown():
    d = resolve_date("two days ago", None)
    assert d.start is None and d.precision == "unknown"
    assert resolve_date("15 November 2022", None).start == D(2022, 11, 15)


def _workdoc(text: str, published: dt.date | None) -> WorkDoc:
    meta = DocumentMeta(id="t", published=published, chars=len(text))
    wd = WorkDoc(out=AnalyzedDocument(document=meta, text=text))
    wd.sdoc = load_nlp()(text)
    return wd


def test_seed_dates(seed_text):
    wd = _workdoc(seed_text, PUB)
    dates = find_dates(wd)
    assert wd.scratch["dates"] is dates
    by_text = {d.text.lower(): d for d in dates}
    few_days = by_text["the past few days"]
    assert (few_days.start, few_days.end) == (D(2022, 11, 28), D(2022, 12, 5))
    mid = by_text["mid-november"]
    assert (mid.start, mid.end, mid.precision) == (D(2022, 11, 11), D(2022, 11, 20), "range")
    that_time = by_text["at that time"]  # refers back to mid-November
    assert (that_time.start, that_time.end) == (mid.start, mid.end)
    for d in dates:
        assert d.span is not None and seed_text[d.span.start : d.span.end] == d.text


def test_find_dates_in_own_text():
    text = "Two days ago, rebels shelled the town. On 3 March 2021 the army withdrew; it was quiet since."
    dates = find_dates(_workdoc(text, D(2022, 6, 10)))
    got = {d.text: (d.start, d.precision) for d in dates}
    assert got["Two days ago"] == (D(2022, 6, 8), "day")
    assert got["3 March 2021"] == (D(2021, 3, 3), "day")


def test_month_with_relative_year():
    d = resolve_date("in March last year", PUB)
    assert (d.start, d.end, d.precision) == (D(2021, 3, 1), D(2021, 3, 31), "month")


def test_day_anaphors_shift_from_the_previous_day():
    prev = resolve_date("on 15 November 2022", PUB)
    assert resolve_date("the previous day", PUB, previous=prev).start == D(2022, 11, 14)
    assert resolve_date("the following day", PUB, previous=prev).start == D(2022, 11, 16)


def test_last_season_is_the_latest_that_has_ended():
    assert resolve_date("last winter", D(2023, 1, 20)).start == D(2021, 12, 1)  # this winter is still on
    assert resolve_date("last winter", D(2023, 4, 2)).start == D(2022, 12, 1)


def test_day_of_month_and_seasons_in_running_text():
    text = (
        "On the 15th, gunmen stormed a checkpoint. The group marked the 15th anniversary of its founding "
        "after the fall of Raqqa. Talks are planned for next spring."
    )
    got = {d.text: (d.start, d.end) for d in find_dates(_workdoc(text, D(2023, 1, 20)))}
    assert got["On the 15th"] == (D(2023, 1, 15), D(2023, 1, 15))
    assert got["next spring"] == (D(2023, 3, 1), D(2023, 5, 31))
    assert not any("anniversary" in t or "fall" in t for t in got)


def test_the_next_week_in_a_narrative_refers_back():
    prev = resolve_date("on 15 November 2022", PUB)
    assert resolve_date("the next week", PUB, previous=prev).start == D(2022, 11, 22)
    assert resolve_date("next week", PUB).start == D(2022, 12, 12)
