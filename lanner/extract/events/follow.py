"""Following a short text's reading (`event_reading`) with the rule-found events: made, recoded, dropped.

Kept apart from `events` so that the stage's trigger-to-event path and the reading's corrections can be
read (and changed) separately; the events stage hands over what making an event needs as a `Context`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.tokens import Span as SpacySpan

from lanner.classify import acled_for
from lanner.classify.labels import POLITICAL_VIOLENCE
from lanner.extract.events.lexicon import Trigger
from lanner.extract.events.merge import REALIS, Mention
from lanner.extract.events.reading import (
    BACKGROUND_MIN,
    MADE_VIOLENCE_OOS_MAX,
    MAKE_MIN,
    OUT_OF_SCOPE_SURE,
    RETYPE_MIN,
    ReadingType,
    background,
    cue_token,
    evidence_sentence,
    out_of_scope,
    reading_types,
)
from lanner.extract.events.triggers import Candidate
from lanner.model import ActorRef, Event
from lanner.pipeline import WorkDoc


class Context(Protocol):
    """The events stage's document context (`events._Context`)."""

    wd: WorkDoc

    def mention(self, cand: Candidate) -> Mention | None: ...

    def event(self, i: int, m: Mention) -> Event: ...

    def mishap(self, m: Mention) -> bool: ...

    def armed(self, ref: ActorRef) -> bool: ...


def _promote(ev: Event, events: list[Event], p: float) -> None:
    """The reading names this event: it is surer, and (when the reading is at least `MAKE_MIN` sure) the
    text's main event, the most confident one."""
    top = max((e.confidence for e in events if e is not ev), default=0.0) if p >= MAKE_MIN else 0.0
    ev.confidence = round(min(0.99, max(ev.confidence + (1 - ev.confidence) * p, top + 0.005)), 3)


def follow_reading(ctx: Context, merged: list[Mention], reading: list[tuple[str, float]]) -> list[Mention]:
    """Apply a short text's whole reading to the rule-found events (see `event_reading`)."""
    wd = ctx.wd
    events = wd.out.events
    category = out_of_scope(reading)
    if category is not None:
        sure = out_of_scope(reading, OUT_OF_SCOPE_SURE) is not None  # then no actor found can save it
        drop = [_unperpetrated_violence(e, ctx.armed) or (sure and e.acled_event_type in POLITICAL_VIOLENCE)
                for e in events]
        for e, gone in zip(events, drop, strict=True):
            if gone:
                wd.scratch["out_of_scope"].append((e.trigger, category))
            else:
                _withhold(e)  # arrests in a counterfeiting case, troops sent to a flood: not ACLED events
        wd.out.events = [e for e, gone in zip(events, drop, strict=True) if not gone]
        return [m for m, gone in zip(merged, drop, strict=True) if not gone]
    label, p = reading[0]
    if background(label) and p >= BACKGROUND_MIN:
        sent = evidence_sentence(wd.sdoc, label, wd.scratch.setdefault("sense_cache", {}))
        for e in events:
            if sent.start_char <= e.trigger.start < sent.end_char:
                _withhold(e)  # "X claimed the attack on ...": the news is the claim, the attack told before
        return merged
    rtype = reading_types().get(label)
    code = acled_for(label) if rtype is not None else None
    if code is None:
        return merged
    coded = [e for e in events if e.acled_sub_event_type]
    same = [e for e in coded if e.acled_sub_event_type == code[1]]
    if same:
        _promote(max(same, key=lambda e: e.confidence), events, p)
        return merged
    sent = evidence_sentence(wd.sdoc, label, wd.scratch.setdefault("sense_cache", {}))
    here = [e for e in coded if sent.start_char <= e.trigger.start < sent.end_char]
    carriers = [e for e in here if e.type in rtype.carriers]
    if carriers:  # the rules coded the reading's event otherwise: the surer reading wins
        if p >= RETYPE_MIN:
            best = max(carriers, key=lambda e: e.confidence)
            best.acled_event_type, best.acled_sub_event_type = code
            _promote(best, events, p)
        return merged
    if p < (RETYPE_MIN if coded else MAKE_MIN):
        return merged  # beside the rules' events, the reading adds its own only as sure as to retype
    if any(m.type == rtype.plover and m.epistemic not in REALIS for m in merged):
        return merged  # the rules read an event of this kind as planned, hedged or denied
    if code[0] in POLITICAL_VIOLENCE and out_of_scope(reading, MADE_VIOLENCE_OOS_MAX) is not None:
        return merged  # a real chance of accident or crime: the reading alone makes no violent event
    made = _made_mention(ctx, sent, rtype, code)
    if made is None:
        return merged
    ev = ctx.event(len(events) + 1, made)
    if ev.acled_sub_event_type is None:
        return merged  # the sentence hedges, plans or denies it: nothing to code
    _promote(ev, events, p)
    wd.out.events = [*events, ev]
    return [*merged, made]


def _withhold(ev: Event) -> None:
    """The event stays on record (roles, place, evidence) but is not an ACLED event of its own."""
    ev.acled_event_type = ev.acled_sub_event_type = None


def _unperpetrated_violence(ev: Event, armed: Callable[[ActorRef], bool]) -> bool:
    """Political violence with no armed or named perpetrator on record (crime and accidents have none)."""
    if ev.acled_event_type not in POLITICAL_VIOLENCE:
        return False
    return ev.actor1 is None or _unidentified_actor(ev.actor1) or not armed(ev.actor1)


def _unidentified_actor(ref: ActorRef) -> bool:
    return ref.name.lower().startswith("unidentified")


def _made_mention(
    ctx: Context, sent: SpacySpan, rtype: ReadingType, code: tuple[str, str]
) -> Mention | None:
    """An event mention from the reading, in its best sentence, with the label's cue word as trigger."""
    head = cue_token(sent, rtype.label, rtype.plover)
    trig = Trigger(words=(head.lower_,), type=rtype.plover, mode=rtype.mode)
    m = ctx.mention(Candidate(head.i, head.i + 1, head, trig, rtype.plover, rtype.mode, sent))
    if m is None or ctx.mishap(m):
        return None
    m.acled_override = code
    m.members = [m]
    return m
