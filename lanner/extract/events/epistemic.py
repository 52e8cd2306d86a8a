"""Epistemic status of an event mention: did the outlet say it happened, and on whose word?

Checked in this order, the first that applies wins: denied (negation, "denied", "failed to") >
hypothetical ("if", "any new operation", "to prevent clashes") > rumored (rumour nouns/adverbs, the
sourcing stage's rumor markers) > speculative (could/might, "odds are", hedge markers) > planned
(will/would, "plans to", "threatened to") > attributed (the claim sits inside an attribution's
content) > asserted. The order puts the weakest claim first: a rumoured offensive is never asserted.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lanner.extract.events.lexicon import epistemic_cues, word_class
from lanner.extract.sourcing.claimants import outlet_voice, resolve_claimant
from lanner.model import EventAttribution, Span
from lanner.pipeline import WorkDoc

try:
    from lanner.extract.sourcing.stage import attribution_for as _attribution_for
except ImportError:  # pragma: no cover
    _attribution_for = None

PLAN_VERB_DEPS = ("xcomp", "ccomp", "dobj", "conj")
COMPLEMENT = ("dobj", "xcomp", "ccomp", "pcomp")


def _chain(head: Token) -> list[Token]:
    """The trigger and its governors up to the sentence root."""
    out = [head]
    cur = head
    for _ in range(12):
        if cur.head is cur:
            break
        cur = cur.head
        out.append(cur)
    return out


def _covered(markers, start: int) -> set[str]:  # noqa: ANN001 - list[Marker]
    """Kinds of the markers whose scope holds the trigger; a trigger before its hedge ("the supplies
    seem to be aimed at ...") is presupposed, not hedged."""
    kinds = set()
    for m in markers:
        scope = m.scope or m.span
        if scope.start <= start < scope.end and start >= m.span.start:
            kinds.add(m.kind)
    return kinds


def _negated(chain: list[Token]) -> bool:
    """"did not attack", "no clashes", "denied shelling", "failed to attack"; but not "did not comment
    on the attack": a negated verb denies the event only when the trigger is its object, complement
    or (for happen/occur/take place) its subject."""
    head = chain[0]
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no",)) for c in head.children):
        return True
    for below, tok in zip(chain, chain[1:4], strict=False):
        if below.dep_ in ("pobj", "prep", "agent"):
            break  # "denied responsibility for the attack", "did not comment on it": not about the attack
        lemma = tok.lemma_.lower()
        if lemma in epistemic_cues("failure"):
            return True
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        happens = below.dep_ == "nsubj" and lemma in epistemic_cues("happen")
        takes = below.dep_ in ("dobj", "xcomp", "ccomp", "attr") or happens
        # "did not launch an attack", "the attack did not happen"; not "did not claim the attack"
        carries = below.dep_ == "xcomp" or happens or (
            below.dep_ == "dobj" and lemma in word_class("support_verbs")
        )
        if carries and any(c.dep_ == "neg" for c in tok.children):
            return True
        if lemma in epistemic_cues("negation_verbs") and tok.i < head.i and takes:
            return True
        break
    return _denied_above(chain)


def _denied_above(chain: list[Token]) -> bool:
    """"The army denied carrying out the strike": a denial verb up a chain of complements."""
    for below, tok in zip(chain, chain[1:5], strict=False):
        if below.dep_ not in COMPLEMENT:
            return False
        if tok.pos_ == "VERB" and tok.lemma_.lower() in epistemic_cues("negation_verbs"):
            return True
    return False


def _hypothetical(chain: list[Token], sent: SpacySpan) -> bool:
    head = chain[0]
    if any(c.dep_ == "det" and c.lower_ in epistemic_cues("hypothetical_dets") for c in head.children):
        return True
    marks = epistemic_cues("hypothetical_marks")
    for tok in chain:
        if tok is not head and tok.lemma_.lower() in epistemic_cues("preventive"):
            return True  # (the trigger itself may be "stopped the patrol": an act, not its prevention)
        children = [c for c in tok.children if c.dep_ in ("mark", "advcl")]
        if any(c.dep_ == "mark" and c.lower_ in marks for c in children):
            return True
        if tok.pos_ in ("VERB", "AUX") and any(  # "they would attack Bamako if the junta stays"
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
            for c in children
        ):
            return True
    return False


def presupposed(head: Token) -> bool:
    """A noun trigger in a prepositional adjunct ("28 civilians were reportedly killed in a drone
    attack") is taken as given: a hedge on the verb hedges the toll, not the attack."""
    return head.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX")


def _rumored(chain: list[Token]) -> bool:
    for tok in chain[1:]:
        if tok.lemma_.lower() in ("rumor", "rumour", "speculation", "hearsay"):
            return True
    for tok in chain[: 1 if presupposed(chain[0]) else 3]:
        if any(c.lower_ in epistemic_cues("rumor_words") for c in tok.children):
            return True
    for below, tok in zip(chain, chain[1:3], strict=False):  # "protesters appeared to have taken over"
        if tok.lemma_.lower() in epistemic_cues("rumor_verbs") and below.dep_ == "xcomp":
            return True
    return False


def _modal(chain: list[Token], kinds: str) -> bool:
    """A modal/future auxiliary on the trigger's own verb or the verbs above it (up to a clause edge)."""
    for tok in chain:
        if tok.pos_ in ("VERB", "AUX"):
            for c in tok.children:
                if c.dep_ == "aux" and c.lower_ in epistemic_cues(kinds):
                    return True
            if tok.dep_ not in ("xcomp", "conj", "pcomp", "advcl"):
                return False
    return False


def _speculative_phrase(text: str, sent: SpacySpan, trigger_start: int) -> bool:
    before = text[sent.start_char : trigger_start].lower()  # (Doc.text would rebuild the whole text)
    return any(p in before for p in epistemic_cues("speculative_phrases"))


def _under(chain: list[Token], cue: str) -> bool:
    """The trigger is the object or complement of a cue verb ("officials fear an offensive")."""
    for below, tok in zip(chain, chain[1:], strict=False):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in epistemic_cues(cue) and below.dep_ in PLAN_VERB_DEPS:
            return True
        if tok.pos_ == "VERB":
            return False
    return False


def _planned(chain: list[Token]) -> bool:
    """Under a plan verb through its complement ("intends to direct ... by sending"), or a plan noun
    through "of/for/to" ("plans for an offensive"); an adjunct ("seeking ... behind supplies") is not."""
    for below, tok in zip(chain, chain[1:], strict=False):
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in epistemic_cues("plan_verbs") and below.dep_ in PLAN_VERB_DEPS:
            return True
        if tok.pos_ == "NOUN" and lemma in epistemic_cues("plan_nouns") and (
            below.dep_ in ("acl", "relcl") or (below.dep_ == "prep" and below.lower_ in ("of", "for", "to"))
        ):
            return True
    return _modal(chain, "future_modals")


def _speech_source(chain: list[Token], wd: WorkDoc) -> EventAttribution | None:
    """"The Houthis claimed to have attacked a ship": the subject of a speech verb whose complement
    holds the trigger is the source (when the sourcing stage recorded none)."""
    for below, tok in zip(chain, chain[1:4], strict=False):
        if below.dep_ not in ("xcomp", "ccomp"):
            return None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in epistemic_cues("speech_verbs"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON":
                return None
            start, end = subj.left_edge.idx, subj.idx + len(subj)
            named = any(t.pos_ == "PROPN" or t.ent_type_ for t in subj.subtree)
            kind = "named" if named else "anonymous"
            found = EventAttribution(source=wd.text[start:end], kind=kind, span=Span.of(wd.text, start, end))
            return resolve_claimant(wd, found)
    return None


def epistemic_for(
    head: Token, sent: SpacySpan, start: int, end: int, wd: WorkDoc
) -> tuple[str, EventAttribution]:
    """(epistemic status, attribution) of the mention whose trigger is [start, end)."""
    attribution = (
        _attribution_for(wd, start, end)
        if _attribution_for is not None
        else EventAttribution(source=wd.out.document.outlet or "outlet", kind="outlet")
    )
    chain = _chain(head)
    if attribution.kind == "outlet":
        attribution = _speech_source(chain, wd) or attribution
    marked = set() if presupposed(head) else _covered(wd.out.framing.hedges, start)
    if presupposed(head) and attribution.source.lower() in epistemic_cues("rumor_words"):
        attribution = EventAttribution(source=wd.out.document.outlet or "outlet", kind="outlet")
    if attribution.kind != "outlet" and outlet_voice(attribution.source, wd.out.document.outlet):
        attribution = EventAttribution(source=wd.out.document.outlet or "outlet", kind="outlet")
    if _negated(chain):
        return "denied", attribution
    if _hypothetical(chain, sent):
        return "hypothetical", attribution
    if ("rumor" in marked or _rumored(chain)) and attribution.kind != "named":
        return "rumored", attribution  # "reportedly" with no named source (a named one: attributed)
    # "a looming (government) offensive"; a verb's left subtree is its subject ("suspected militants")
    mods = {t.lower_ for t in head.subtree if t.i < head.i} if head.pos_ in ("NOUN", "PROPN") else set()
    if "hedge" in marked or _modal(chain, "speculative_modals") or _speculative_phrase(wd.text, sent, start) \
            or mods & epistemic_cues("speculative_modifiers") or _under(chain, "speculative_verbs"):
        return "speculative", attribution
    if "future" in marked or _planned(chain) or mods & epistemic_cues("planned_modifiers"):
        return "planned", attribution
    if attribution.kind != "outlet":
        return "attributed", attribution
    return "asserted", attribution
