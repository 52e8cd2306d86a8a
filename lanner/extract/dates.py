"""Time expressions: find them in a document and resolve them against the publication date.

Why a rule table as well as dateparser: dateparser resolves explicit dates ("15 November 2022") well,
but news reports mostly date events vaguely ("over the past few days", "mid-November", "at that time").
Those are coded as ranges with a precision, never as an invented single day, so an analyst can see how
much the source actually committed to. The phrasings and their widths live in
`lanner/data/time/expressions.yaml`; this module only does the calendar arithmetic.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lanner.model import EventDate, Span
from lanner.pipeline import WorkDoc

_PREPOSITIONS = re.compile(
    r"^(?:(?:over|in|on|during|for|at|within|by|from|throughout|around|about|as of|until|till|before|after)"
    r"\s+)+",
    re.I,
)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAYNUM_RE = re.compile(r"\b(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_ENT_LABELS = {"DATE", "TIME"}
TABLE = Path(__file__).resolve().parents[1] / "data" / "time" / "expressions.yaml"


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    kind: str
    params: dict[str, Any]
    scan: bool
    folded: re.Pattern[str] | None = None  # the same, case-sensitive, to scan lower-cased text


# Case-insensitive matching also equates these with ASCII letters ('ı' with 'i', 'ſ' with 's'), which
# lower-casing does not; a text holding one is scanned with the case-insensitive patterns.
_FOLD_EXTRAS = ("ı", "ſ")
_GROUP_OR_ESCAPE = re.compile(r"\(\?P<\w+>|\\.")


@functools.cache
def _number_words() -> dict[str, int]:
    from lanner.extract.casualties import number_table

    table = number_table()
    return {**table["units"], **table["tens"]}


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    raw = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    numbers = raw["numbers"]
    out = []
    for r in raw["rules"]:
        pattern = r["pattern"].replace("{numbers}", numbers)
        params = {k: v for k, v in r.items() if k not in ("pattern", "kind", "scan")}
        # literals all lower-case ASCII: matching lower-cased text without re.I finds the same spans
        bare = _GROUP_OR_ESCAPE.sub("", pattern)
        folded = re.compile(rf"\b(?:{pattern})\b") if bare.isascii() and bare == bare.lower() else None
        regex = re.compile(rf"\b(?:{pattern})\b", re.I)
        out.append(_Rule(regex, r["kind"], params, r.get("scan", True), folded))
    return tuple(out)


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _latest_month(month: int, pub: dt.date) -> int:
    """The year of the most recent such month not after publication."""
    return pub.year if month <= pub.month else pub.year - 1


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    if word in ("a few", "several", "a couple of"):
        return None
    return _number_words().get(word)


def _date(start: dt.date | None, end: dt.date | None, precision: str) -> EventDate:
    return EventDate(start=start, end=end, precision=precision if start else "unknown")


def _back(p: dict[str, Any], pub: dt.date) -> EventDate:
    if "days" in p:
        start = pub - dt.timedelta(days=p["days"])
    elif "months" in p:
        start = _shift_months(pub, -p["months"])
    else:
        start = _shift_months(pub, -12 * p["years"])
    return _date(start, pub, "range")


def _ago(p: dict[str, Any], m: re.Match[str], pub: dt.date) -> EventDate:
    n = _number(m.group("n"))
    if n is None:
        return _date(None, None, "unknown")
    unit = p["unit"]
    if unit == "day":
        d = pub - dt.timedelta(days=n)
        return _date(d, d, "day")
    if unit == "week":
        d = pub - dt.timedelta(weeks=n)
        monday = d - dt.timedelta(days=d.weekday())
        return _date(monday, monday + dt.timedelta(days=6), "week")
    if unit == "month":
        d = _shift_months(pub, -n)
        return _date(*_month_range(d.year, d.month), "month")
    return _date(dt.date(pub.year - n, 1, 1), dt.date(pub.year - n, 12, 31), "year")


def _period(unit: str, offset: int, pub: dt.date) -> tuple[dt.date, dt.date]:
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        d = _shift_months(pub.replace(day=1), offset)
        return _month_range(d.year, d.month)
    return dt.date(pub.year + offset, 1, 1), dt.date(pub.year + offset, 12, 31)


def _part(m: re.Match[str], pub: dt.date | None) -> EventDate:
    part = m.group("part").lower()
    third = 0 if part in ("early", "the start of", "the beginning of") else 1 if "mid" in part else 2
    groups = m.groupdict()
    year_txt = (groups.get("year") or "").lower()
    if groups.get("month"):
        month = _MONTHS[groups["month"].lower()]
        if year_txt.isdigit():
            year = int(year_txt)
        elif pub is not None:
            year = _latest_month(month, pub)
        else:
            return _date(None, None, "unknown")
        first, last = _month_range(year, month)
        bounds = [(1, 10), (11, 20), (21, last.day)][third]
        return _date(first.replace(day=bounds[0]), first.replace(day=bounds[1]), "range")
    if year_txt.isdigit():
        year = int(year_txt)
    elif pub is not None:
        year = pub.year - (1 if year_txt == "last year" else 0)
    else:
        return _date(None, None, "unknown")
    months = [(1, 4), (5, 8), (9, 12)][third]
    return _date(dt.date(year, months[0], 1), _month_range(year, months[1])[1], "range")


def _by_rule(rule: _Rule, m: re.Match[str], pub: dt.date | None, prev: EventDate | None) -> EventDate:
    p, kind = rule.params, rule.kind
    if kind == "anaphor":
        if prev is None or prev.start is None:
            return _date(None, None, "unknown")
        shift = p.get("days", 0)
        if shift and prev.precision == "day":
            d = prev.start + dt.timedelta(days=shift)
            return _date(d, d, "day")
        return EventDate(start=prev.start, end=prev.end, precision=prev.precision)
    if kind == "vague":
        return _date(None, None, "unknown")
    if kind == "part":
        return _part(m, pub)
    if kind == "since":
        inner = resolve_date(m.group("rest"), pub)
        if inner.start is None or pub is None:
            return _date(None, None, "unknown")
        return _date(inner.start, pub, "range")
    if pub is None:
        return _date(None, None, "unknown")
    if kind == "back":
        return _back(p, pub)
    if kind == "ago":
        return _ago(p, m, pub)
    if kind == "offset":
        d = pub + dt.timedelta(days=p["days"])
        return _date(d, d, "day")
    if kind == "weekday":
        delta = (pub.weekday() - _WEEKDAYS[m.group("wd").lower()]) % 7
        if delta == 0 and p.get("strict"):
            delta = 7
        d = pub - dt.timedelta(days=delta)
        return _date(d, d, "day")
    if kind == "weekend":
        sunday = pub - dt.timedelta(days=(pub.weekday() + 1) % 7)
        return _date(sunday - dt.timedelta(days=1), sunday, "range")
    if kind == "period":
        return _date(*_period(p["unit"], p["offset"], pub), p["unit"])
    if kind == "to_date":
        return _date(_period(p["unit"], 0, pub)[0], pub, "range")
    if kind == "to_end":
        return _date(pub, _period(p["unit"], 0, pub)[1], "range")
    if kind == "ahead":
        end = pub + dt.timedelta(days=p["days"]) if "days" in p else _shift_months(pub, p["months"])
        return _date(pub, end, "range")
    if kind == "weekday_next":
        d = pub + dt.timedelta(days=(_WEEKDAYS[m.group("wd").lower()] - pub.weekday() - 1) % 7 + 1)
        return _date(d, d, "day")
    if kind == "monthday":
        return _monthday(int(m.group("day")), (m.group("rel") or "").lower() == "last", pub)
    if kind == "season":
        return _season(m, pub)
    raise ValueError(f"unknown time rule kind {kind!r}")


def _monthday(day: int, last_month: bool, pub: dt.date) -> EventDate:
    """The latest such day on or before publication (a month without that day is skipped)."""
    d = _shift_months(pub.replace(day=1), -1) if last_month else pub.replace(day=1)
    for _ in range(3):
        if day <= calendar.monthrange(d.year, d.month)[1] and (last_month or d.replace(day=day) <= pub):
            hit = d.replace(day=day)
            return _date(hit, hit, "day")
        d = _shift_months(d, -1)
    return _date(None, None, "unknown")


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_range(season: str, year: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, _SEASON_START[season], 1)
    last = _shift_months(start, 2)
    return start, _month_range(last.year, last.month)[1]


def _season(m: re.Match[str], pub: dt.date) -> EventDate:
    groups = m.groupdict()
    season = groups["season"].lower()
    which = (groups.get("which") or "").lower()
    if groups.get("year"):
        start, end = _season_range(season, int(groups["year"]))
    else:
        # candidate seasons around publication, oldest first
        seasons = [_season_range(season, y) for y in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
        if which in ("last", "this past"):
            start, end = [s for s in seasons if s[1] < pub][-1]
        elif which == "next":
            start, end = next(s for s in seasons if s[0] > pub)
        elif which == "this":
            start, end = next(s for s in seasons if s[1] >= pub or s[0].year == pub.year)
        else:
            start, end = [s for s in seasons if s[0] <= pub][-1]
    if which == "early":
        end = _month_range(start.year, start.month)[1]
    elif which == "late":
        start = end.replace(day=1)
    return _date(start, end, "range")


_REL_YEAR = re.compile(r"\b(last|this|next) year\b", re.I)


def _explicit(text: str, pub: dt.date | None) -> EventDate:
    """Explicit calendar dates via dateparser; the precision is what the words actually name."""
    month = _MONTH_RE.search(text)
    year = _YEAR_RE.search(text)
    rel = _REL_YEAR.search(text)
    if month and rel and not year and pub is not None:  # "in March last year"
        y = pub.year + {"last": -1, "this": 0, "next": 1}[rel.group(1).lower()]
        text = _REL_YEAR.sub(str(y), text)
        year = _YEAR_RE.search(text)
    numeric = _NUMERIC_DATE.search(text)
    if not (month or year or numeric):
        return _date(None, None, "unknown")
    if numeric:
        return _numeric(numeric.group(0), pub) or _dateparser(text, pub)
    rest = _YEAR_RE.sub(" ", _MONTH_RE.sub(" ", text))
    # a day number counts only beside a month name: "12 2013" or "2015 22" is a year and noise, not a day
    has_day = bool(month) and bool(_DAYNUM_RE.search(rest))
    if not has_day and month:
        mon = _MONTHS[month.group(1).lower()]
        if year:
            return _date(*_month_range(int(year.group(1)), mon), "month")
        if pub is None:
            return _date(None, None, "unknown")
        return _date(*_month_range(_latest_month(mon, pub), mon), "month")
    if not has_day and year:
        y = int(year.group(1))
        return _date(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if pub is None and not year:
        return _date(None, None, "unknown")
    return _dateparser(text, pub)


def _numeric(text: str, pub: dt.date | None) -> EventDate | None:
    """"10-07-2016" or "07/10/2016": day-month or month-day. Either reading the calendar allows may be
    meant (Syrian and British outlets write day first, American ones month first), so the one not after
    publication and nearest to it wins; without a publication date, day first (the common world order)."""
    parts = [int(p) for p in re.split(r"[-/.]", text)]
    if len(parts) != 3:
        return None
    if parts[0] > 999:  # ISO order: year-month-day
        readings = [(parts[0], parts[1], parts[2])]
    elif parts[2] > 999:
        readings = [(parts[2], parts[1], parts[0]), (parts[2], parts[0], parts[1])]
    else:
        return None
    found = []
    for y, m, d in readings:
        try:
            found.append(dt.date(y, m, d))
        except ValueError:
            continue
    if not found:
        return None
    if pub is not None:
        found.sort(key=lambda x: (x > pub + dt.timedelta(days=1), abs((pub - x).days)))
    return _date(found[0], found[0], "day")


def _dateparser(text: str, pub: dt.date | None) -> EventDate:
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return _date(None, None, "unknown")
    return _date(parsed.date(), parsed.date(), "day")


def _resolve(text: str, pub: dt.date | None, prev: EventDate | None) -> EventDate:
    core = _PREPOSITIONS.sub("", text.strip())
    for rule in _rules():
        m = rule.regex.fullmatch(core)
        if m:
            return _by_rule(rule, m, pub, prev)
    month = _MONTH_RE.search(core)
    day = month and _DAYNUM_RE.search(_YEAR_RE.sub(" ", _MONTH_RE.sub(" ", core)))
    if month and (_REL_YEAR.search(core) or _YEAR_RE.search(core) or day) or _NUMERIC_DATE.search(core):
        return _explicit(core, pub)  # a calendar date beats a weekday beside it ("Monday, 25 September 2017")
    for rule in _rules():  # a rule phrase inside a longer expression ("the night of last Friday")
        m = rule.regex.search(core)
        if m and rule.kind != "vague":
            return _by_rule(rule, m, pub, prev)
    return _explicit(core, pub)


def resolve_date(text: str, published: dt.date | None, previous: EventDate | None = None) -> EventDate:
    """Resolve one time expression; `previous` is what an anaphor ("at that time") refers back to."""
    out = _resolve(text, published, previous)
    return out.model_copy(update={"text": text})


def _candidates(wd: WorkDoc) -> list[tuple[int, int]]:
    text = wd.text
    spans: list[tuple[int, int]] = []
    if wd.sdoc is not None:
        spans += [(e.start_char, e.end_char) for e in wd.sdoc.ents if e.label_ in _ENT_LABELS]
    # Scanning the lower-cased text case-sensitively is twice as fast as re.I over the text (the scan
    # was a third of the stages' regex time); valid when lower-casing maps each character to one
    low = text.lower()
    folded = len(low) == len(text) and not any(c in low for c in _FOLD_EXTRAS)
    for rule in _rules():
        if rule.scan:
            regex, target = (rule.folded, low) if folded and rule.folded else (rule.regex, text)
            spans += [(m.start(), m.end()) for m in regex.finditer(target)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if kept and s < kept[-1][1]:
            if e > kept[-1][1]:  # overlapping: merge into one expression
                kept[-1] = (kept[-1][0], e)
            continue
        kept.append((s, e))
    out = []
    for s, e in kept:
        before = text[max(0, s - 6) : s].lower()
        if before.endswith("since "):
            s -= 6
        out.append((s, e))
    return out


def find_dates(wd: WorkDoc) -> list[EventDate]:
    """Every time expression in the document, in text order, resolved; cached in `wd.scratch["dates"]`."""
    if "dates" in wd.scratch:
        return wd.scratch["dates"]
    pub = wd.out.document.published
    found: list[EventDate] = []
    prev: EventDate | None = None
    for s, e in _candidates(wd):
        span = Span.of(wd.text, s, e)
        d = resolve_date(span.text, pub, prev)
        found.append(d.model_copy(update={"span": span, "text": span.text}))
        if d.start is not None:
            prev = d
    wd.scratch["dates"] = found
    return found
