"""When each event happened, and whether the report tells it as news or as history.

Runs after event coding, on every mention merged into each event. Why a stage of its own: the date of
an event is not simply the time expression nearest its trigger. A report recalls history in the same
sentences that carry the news ("regime forces, which retook the city in 2015, shelled it on Monday"),
prints its own date as a dateline ("December 18, 2023 (WAD MADANI) –") and is sometimes filed without
a publication date at all. The rules, following the ACLED codebook and the real-reports annotation
guide (`../shared/data/real-reports-dev/README.md`):

- A date line (a calendar date opening a line, "Published: ...", the ` date YYYY-MM-DD` prefix of a
  stored page) dates the report, not an event.
- A time expression that modifies the trigger's own clause dates the event; failing that, the nearest
  expression in the sentence, then the last one earlier in the paragraph, provided neither lies well
  before the report (a year or month long past is history, not the date of today's strike).
- An event whose own clause is dated more than `HISTORY_DAYS` before the report is `background`:
  recalled, not reported, so it gets no ACLED code.
- No date before `EARLIEST` (ACLED and UCDP code nothing earlier), none after the report plus a day
  unless the event is planned or hypothetical; without a publication date, no resolved date at all
  (the words stay in `date.text`), since "on Saturday" or "August 17" cannot be placed in a year.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from lanner.extract.dates import find_dates
from lanner.extract.events.article import over_years
from lanner.model import Event, EventDate, Span
from lanner.pipeline import WorkDoc

EARLIEST = dt.date(1946, 1, 1)
HISTORY_DAYS = 31  # "more than about a month older than the article" (annotation guide, Scope)
FUTURE_OK = ("planned", "hypothetical")
RESTATE_SENTENCES = 3  # how far on a definite "the attack" may restate the event and give its date
DEFINITE = ("the", "this", "that")
CONTEXT_SENTENCES = 2  # sentences before an undated one that may give its date
_DATELINE_LEAD = re.compile(
    r"^[\s>|•\-–—]*(?:(?:date|published|publish date|posted|updated|last updated)(?: on| at)?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$",
    re.I,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")


def is_dateline(text: str, span: Span) -> bool:
    """A calendar date with its year that opens a line (after at most "Published:", "date" or a
    weekday) is the report's own date line, not an event's date."""
    if not _YEAR.search(span.text):
        return False
    line_start = text.rfind("\n", 0, span.start) + 1
    return bool(_DATELINE_LEAD.match(text[line_start : span.start]))


def _clause_chain(tok: Token) -> list[Token]:
    """The trigger and the words above it up to its clause's verb: what a date phrase may modify."""
    out = [tok]
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head is not cur and len(out) < 6:
        cur = cur.head
        out.append(cur)
    if cur.dep_ in ("xcomp", "auxpass") and cur.head is not cur:  # "began leaving", "were killed"
        out.append(cur.head)
    return out


def _anchor(wd: WorkDoc, span: Span) -> Token | None:
    """The word a date phrase modifies: its head, over a preposition ("attacked ... on Tuesday")."""
    dspan = wd.sdoc.char_span(span.start, span.end, alignment_mode="expand")
    if dspan is None or len(dspan) == 0:
        return None
    cur = dspan.root.head
    for _ in range(3):
        if cur.pos_ != "ADP" or cur.head is cur:
            break
        cur = cur.head
    return None if cur.i in range(dspan.start, dspan.end) else cur


def _attached(wd: WorkDoc, span: Span, trigger: Token) -> bool:
    anchor = _anchor(wd, span)
    if anchor is None:
        return False
    if anchor in _clause_chain(trigger):
        return True
    # a noun trigger's own phrase: "the attack on the village on Tuesday"; a verb's object is not
    # its clause ("blamed the PKK for last Sunday's bombing" does not date the blaming)
    return trigger.pos_ in ("NOUN", "PROPN") and trigger in _clause_chain(anchor)[1:]


def _reference(wd: WorkDoc, dates: list[EventDate]) -> dt.date | None:
    """Publication date; without one, the latest dated line or year-bearing date the report gives."""
    if wd.out.document.published is not None:
        return wd.out.document.published
    ends = [d.end or d.start for d in dates if d.start is not None and _YEAR.search(d.text or "")]
    return max(ends) if ends else None


def _long_past(d: EventDate, ref: dt.date | None) -> bool:
    end = d.end or d.start
    return ref is not None and end is not None and end < ref - dt.timedelta(days=HISTORY_DAYS)


class _Chooser:
    """The date candidates of one document, by sentence, and the rule that picks one per mention."""

    def __init__(self, wd: WorkDoc) -> None:
        self.wd = wd
        found = [d for d in find_dates(wd) if d.span is not None]
        self.datelines = [d for d in found if is_dateline(wd.text, d.span)]
        self.dates = [d for d in found if d not in self.datelines]
        self.ref = _reference(wd, found)
        self.sentences = list(wd.sdoc.sents)
        mentions = wd.scratch.get("event_mentions", {})
        self.triggers = {(ev.trigger.start, ev.trigger.end) for ev in wd.out.events} | {
            (m.trigger.start, m.trigger.end) for ms in mentions.values() for m in ms
        }

    def _dates_other(self, d: EventDate, chain: list[Token]) -> bool:
        """Does the expression date another event told in the sentence ("blamed the PKK for last
        Sunday's bombing": Sunday is the bombing's day, not the blaming's)?"""
        anchor = _anchor(self.wd, d.span)
        other = anchor is not None and anchor not in chain
        return other and any(s <= anchor.idx < e for s, e in self.triggers)

    def for_trigger(self, trigger: Span) -> tuple[int, EventDate] | None:
        """(rank, date) for one mention; rank 0 = a date on the trigger's own clause, 1 = a day in its
        sentence, 2 = nearby, 3 = a vaguer date nearby, 4 = words in its sentence that give no date."""
        doc = self.wd.sdoc
        tspan = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
        if tspan is None or len(tspan) == 0:
            return None
        head, sent = tspan.root, tspan.root.sent
        inside = [d for d in self.dates if sent.start_char <= d.span.start < sent.end_char]
        own = [d for d in inside if d.start is not None and _attached(self.wd, d.span, head)]
        if own:
            return 0, min(own, key=lambda d: abs(d.span.start - trigger.start))
        chain = _clause_chain(head)
        recent = [
            d for d in inside
            if d.start is not None and not _long_past(d, self.ref) and not self._dates_other(d, chain)
        ]  # fmt: skip
        if recent:
            best = min(recent, key=lambda d: abs(d.span.start - trigger.start))
            return (1 if best.precision == "day" else 3), best
        if inside:  # "threatened for months": the sentence gives its own time, if not a datable one
            vague = [d for d in inside if d.start is None and not self._dates_other(d, chain)]
            return (4, min(vague, key=lambda d: abs(d.span.start - trigger.start))) if vague else None
        para_start = self._context_start(sent)
        before = [
            d for d in self.dates
            if para_start <= d.span.start < sent.start_char and d.start is not None
            and not _long_past(d, self.ref)
        ]  # fmt: skip
        if before:
            return (2 if before[-1].precision == "day" else 3), before[-1]
        return self._restated(head)

    def _context_start(self, sent) -> int:  # noqa: ANN001 - spacy Span
        """Where the context that may date a sentence starts: its paragraph, or in web copy that sets each
        sentence apart, the `CONTEXT_SENTENCES` sentences before it (what the same source went on to say)."""
        para_start = self.wd.text.rfind("\n", 0, sent.start_char) + 1
        sents = self.sentences
        at = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
        return min(para_start, sents[max(0, at - CONTEXT_SENTENCES)].start_char)

    def _restated(self, head: Token) -> tuple[int, EventDate] | None:
        """A date given where a later sentence refers back to the event by a definite noun of the same
        word: "... killed in a drone attack ... The attack happened on Sunday."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        sents = self.sentences
        at = next((i for i, s in enumerate(sents) if s.start <= head.i < s.end), None)
        if at is None:
            return None
        for sent in sents[at + 1 : at + 1 + RESTATE_SENTENCES]:
            for tok in sent:
                if tok.lemma_ != head.lemma_ or not any(c.lower_ in DEFINITE for c in tok.children):
                    continue
                own = [
                    d for d in self.dates
                    if sent.start_char <= d.span.start < sent.end_char and d.start is not None
                    and _attached(self.wd, d.span, tok) and not _long_past(d, self.ref)
                ]  # fmt: skip
                if own:
                    return 2, own[0]
        return None


def _sane(d: EventDate, ev: Event, published: dt.date | None) -> EventDate:
    """Drop a resolved date that cannot be the event's (before 1946, after the report, or undatable
    for want of a publication date); the words stay."""
    bad = published is None or d.start is None or d.start < EARLIEST
    if not bad and ev.epistemic not in FUTURE_OK:
        bad = d.start > published + dt.timedelta(days=1)
    if not bad:
        return d
    return EventDate(text=d.text, span=d.span, precision="unknown")


def date_events(wd: WorkDoc) -> None:
    """Set each event's `date` and `background` flag; background events lose their ACLED code."""
    if wd.sdoc is None or not wd.out.events:
        return
    chooser = _Chooser(wd)
    mentions = wd.scratch.get("event_mentions", {})
    published = wd.out.document.published
    for i, ev in enumerate(wd.out.events):
        triggers = [m.trigger for m in mentions.get(ev.id, [])] or [ev.trigger]
        picks = [chooser.for_trigger(t) for t in triggers]
        first = picks[0]
        history = first is not None and first[0] == 0 and _long_past(first[1], chooser.ref)
        if not history:  # a later mention dated long ago tells another incident merged in, not this one's day
            picks = [p for p in picks if p is None or not (p[0] == 0 and _long_past(p[1], chooser.ref))]
        picks = [p for p in picks if p is not None]
        if not picks:
            update: dict = {"date": EventDate()}
        else:
            # a day in the mention's own sentence, whether the parse hangs it on the trigger or not (0, 1),
            # then nearby days (2), then vaguer words; min keeps the earliest mention (the lead) on ties
            best = first[1] if history else min(picks, key=lambda p: max(0, p[0] - 1))[1]
            update = {"date": _sane(best, ev, published)}
            if history and ev.epistemic not in FUTURE_OK:  # the event as first told is dated long ago
                update.update(background=True, acled_event_type=None, acled_sub_event_type=None)
        if over_years(ev) and update["date"].precision != "day" and ev.epistemic not in FUTURE_OK:
            # "during its 35-year campaign", "since 2011": a span of years with no day of its own is history
            update.update(background=True, acled_event_type=None, acled_sub_event_type=None)
        wd.out.events[i] = ev.model_copy(update=update)
