"""Denials told apart from the claim they deny: "Moscow called the report fake", "the PKK denied any
involvement in the attack".

The mention-level reading (`event_epistemic`) sees a denial only when the event sits under the
denying verb ("denied attacking", "denied reports that the army entered"). A report often states the
claim first and the denial after it, so this stage reads the document: a denial whose object is the
claim itself, named by a report noun with no content of its own ("the report", "these claims"),
covers the events of the sentences just before it; a denial of involvement or responsibility covers
the event it names, when the denier is the one the report accuses of it (the event's perpetrator, or
the target of an accusation in the same report). Such an event is coded as told, with the status
`denied` (the real-reports annotation guide: "the event is reported only through a claim that a named
party denies"); its ACLED code stays, as the coded event is the claim.
"""

from __future__ import annotations

from spacy.tokens import Token

from lanner.extract.events.lexicon import epistemic_cues
from lanner.model import Event
from lanner.pipeline import WorkDoc

BACK_SENTENCES = 2  # how many sentences before an anaphoric denial ("the report") it covers
CLAIMED = ("asserted", "attributed", "rumored")
CALL_VERBS = ("call", "describe", "brand", "label", "dub", "term")


def _denials(wd: WorkDoc) -> list[tuple[Token, Token, bool]]:
    """(denying verb, denied object, anaphoric) for each denial in the document."""
    out = []
    objects, reports = epistemic_cues("denial_objects"), epistemic_cues("report_nouns")
    for tok in wd.sdoc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB":
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if lemma in epistemic_cues("negation_verbs"):
            for o in objs:
                if o.lemma_.lower() in objects or o.lower_ in objects:
                    out.append((tok, o, o.lower_ in reports and not _has_content(o)))
        elif lemma in CALL_VERBS:
            said = {
                t.lower_
                for c in tok.children
                if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")
                for t in c.subtree
            }
            if said & epistemic_cues("false_words"):
                out.extend((tok, o, not _has_content(o)) for o in objs if o.lower_ in reports)
    return out


def _has_content(noun: Token) -> bool:
    """ "reports that the army entered Manbij" / "claims of an attack": the noun carries its claim."""
    return any(
        c.dep_ in ("acl", "ccomp", "relcl") or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children
    )


def _denier_names(wd: WorkDoc, verb: Token) -> set[str]:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    if subj is None:
        return set()
    start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    return {r.name for r in wd.actor_refs if r.mention and start <= r.mention.start < end}


def _triggers(wd: WorkDoc, ev: Event) -> list[int]:
    members = wd.scratch.get("event_mentions", {}).get(ev.id, [])
    return [m.trigger.start for m in members] or [ev.trigger.start]


def _same_place(ev: Event, denied: str) -> bool:
    """"denied any involvement in the Istanbul attack": a violent event placed where the denied phrase
    says is the one denied, wherever the report first told it."""
    loc = ev.location
    if ev.type != "ASSAULT" or loc is None:
        return False
    names = [loc.name] + ([loc.mention.text] if loc.mention else [])
    return any(n and n.lower() in denied for n in names)


def deny_events(wd: WorkDoc) -> None:
    """Mark as `denied` the events a later (or enclosing) denial in the document covers."""
    if wd.sdoc is None or not wd.out.events:
        return
    accused = {e.actor2.name for e in wd.out.events if e.type == "ACCUSE" and e.actor2 is not None}
    sents = list(wd.sdoc.sents)
    for verb, obj, anaphoric in _denials(wd):
        deniers = _denier_names(wd, verb)
        lo, hi = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
        if anaphoric:
            at = next(i for i, s in enumerate(sents) if s.start <= verb.i < s.end)
            lo, hi = sents[max(0, at - BACK_SENTENCES)].start_char, sents[at].start_char
        named = wd.text[lo:hi].lower()
        for i, ev in enumerate(wd.out.events):
            if ev.epistemic not in CLAIMED:
                continue
            inside = any(lo <= t < hi for t in _triggers(wd, ev))
            if not inside and not (not anaphoric and _same_place(ev, named)):
                continue
            if ev.attribution.span is not None and deniers and ev.attribution.source in deniers:
                continue  # the denier's own account is not what it denies
            if obj.lower_ not in epistemic_cues("report_nouns"):  # involvement, responsibility ...
                perpetrator = ev.actor1.name if ev.actor1 else None
                if not deniers or not (deniers & accused or perpetrator in deniers):
                    continue
            wd.out.events[i] = ev.model_copy(update={"epistemic": "denied"})
