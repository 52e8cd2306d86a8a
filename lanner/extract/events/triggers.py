"""Trigger spotting with sense checks: which words in a parsed sentence name an event.

Ambiguous words ("attack", "strike", "fire", "hit") are coded only in their conflict sense: an
armed actor, a weapon or a military word must stand in the trigger's syntactic neighbourhood (or
the sentence classifier must call the sentence conflict). Candidates that fail because the
sentence is about crime, a disaster, sport or a metaphor are returned as out-of-scope instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lanner.extract.events.lexicon import (
    Trigger,
    instruments,
    non_conflict_collocations,
    out_of_scope_cues,
    triggers_by_first_word,
    word_class,
)

try:  # the sentence classifier (DATES/CLASSIFY); optional
    from lanner.classify import classify as _classify
    from lanner.classify import scope_of as _scope_of
except ImportError:  # pragma: no cover - depends on the other engineer's progress
    _classify = _scope_of = None

SKIP_ENTS = {"DATE", "TIME", "PERSON", "ORG", "GPE", "LOC", "FAC", "MONEY", "CARDINAL", "WORK_OF_ART", "LAW"}
CLASSIFIER_OUT_OF_SCOPE = {
    "ORG_CRIME": "organised_crime",
    "NATURAL_DISASTER": "natural_disaster",
    "MAN_MADE_DISASTER": "man_made_disaster",
}
OUT_OF_SCOPE_MIN = 0.9
UNDECIDED = "undecided"  # no cue either way in the sentence: the document decides
DOC_CONFLICT_MIN = 2  # violent triggers with armed context that make a document a conflict report


@dataclass
class Candidate:
    """A matched trigger before roles are found: tokens [start, end) and the head token."""

    start: int
    end: int
    head: Token
    trigger: Trigger
    type: str
    mode: str | None
    sent: SpacySpan


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _matches(doc, i: int, trig: Trigger) -> bool:  # noqa: ANN001 - spaCy Doc
    if i + len(trig.words) > len(doc):
        return False
    for k, word in enumerate(trig.words):
        tok = doc[i + k]
        if word not in (_lemma(tok), tok.lower_):
            return False
    return True


def _span_head(doc, start: int, end: int) -> Token:  # noqa: ANN001
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def _pos_ok(head: Token, trig: Trigger) -> bool:
    if trig.pos == "V":
        return head.pos_ == "VERB"
    if trig.pos == "N":
        return head.pos_ in ("NOUN", "PROPN")
    return head.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") or len(trig.words) > 1


def neighbourhood(head: Token) -> list[Token]:
    """The trigger's children, its head and the head's arguments: where its sense is decided."""
    toks = list(head.subtree) if head.pos_ != "VERB" else list(head.children)
    gov = head.head
    toks.append(gov)
    for child in gov.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep", "compound", "amod", "poss"):
            toks.extend(child.subtree)
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep", "dative"):
            toks.extend(child.subtree)
    return toks


def _lemmas(toks: list[Token]) -> set[str]:
    return {_lemma(t) for t in toks} | {t.lower_ for t in toks}


def _object_class(head: Token, classes: tuple[str, ...]) -> str | None:
    """For "send arms", "delivered their loads", "supplies of weapons": the class of the object."""
    objs: list[Token] = []
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass", "compound", "amod", "nmod"):
            objs.append(child)
            objs.extend(c for c in child.children if c.dep_ in ("conj", "compound", "amod", "nmod"))
            objs.extend(c for c in child.conjuncts)
        elif child.dep_ == "prep" and child.lower_ in ("of", "with", "carrying"):
            objs.extend(child.subtree)
        elif child.dep_ == "acl":
            objs.extend(child.subtree)
    if head.dep_ in ("compound", "nmod") and head.head.pos_ == "NOUN":
        objs.append(head.head)
    if head.dep_ == "conj" and head.head.pos_ == "NOUN":  # "weapons and supplies"
        objs.append(head.head)
    lemmas = _lemmas(objs)
    for cls in classes:
        if cls == "place":
            if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in objs) or lemmas & word_class("place"):
                return cls
        elif lemmas & word_class(cls):
            return cls
    return None


def _armed_context(toks: list[Token], armed_at: frozenset[int]) -> bool:
    lemmas = _lemmas(toks)
    if lemmas & (word_class("armed") - word_class("law_enforcement")) or lemmas & set(instruments()):
        return True
    return any(t.idx in armed_at for t in toks)  # a token starting inside an armed actor's mention


def out_of_scope_category(sent: SpacySpan, cache: dict | None = None) -> str | None:
    """The first out-of-scope class whose cue occurs in the sentence (crime, disaster, sport, metaphor)."""
    key = ("oos", sent.start)
    if cache is not None and key in cache:
        return cache[key]
    found = _oos(sent)
    if cache is not None:
        cache[key] = found
    return found


def _oos_words(toks: list[Token]) -> str | None:
    lemmas = _lemmas(toks)
    for category, words in out_of_scope_cues().items():
        if lemmas & words:
            return category
    return None


def _oos(sent: SpacySpan) -> str | None:
    lemmas = _lemmas(list(sent))
    text = sent.text.lower()
    for category, words in out_of_scope_cues().items():
        for w in words:
            if (" " in w and w in text) or w in lemmas:
                return category
    return None


def _labels(sent: SpacySpan, cache: dict) -> list[tuple[str, float]]:
    key = ("labels", sent.start_char)  # char offset: the events stage looks sentences up by it
    if key not in cache:
        try:
            cache[key] = _classify(sent.text) if _classify is not None else []
        except Exception:  # noqa: BLE001 - the classifier is advisory
            cache[key] = []
    return cache[key]


def _classifier_conflict(sent: SpacySpan, cache: dict) -> bool:
    labels = _labels(sent, cache)
    if not labels or _scope_of is None:
        return False
    return _scope_of(labels[0][0]) == "conflict" and labels[0][1] >= 0.5


def _classifier_out_of_scope(sent: SpacySpan, cache: dict) -> str | None:
    """Crime or disaster by the sentence classifier ("a tank at the gas plant exploded")."""
    labels = _labels(sent, cache)
    if labels and labels[0][0] in CLASSIFIER_OUT_OF_SCOPE and labels[0][1] >= OUT_OF_SCOPE_MIN:
        return CLASSIFIER_OUT_OF_SCOPE[labels[0][0]]
    return None


def _collocation_blocks(head: Token, trig: Trigger) -> bool:
    table = non_conflict_collocations()
    blocked = table.get(trig.words[-1]) or table.get(trig.words[0])
    if not blocked:
        return False
    near = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss", "dobj", "advmod")]
    preps = (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "with"))
    for prep in preps:
        near.extend(p for p in prep.children if p.dep_ == "pobj")
    near.append(head.head)
    if _lemmas(near) & blocked:
        return True
    anywhere = {w[1:] for w in blocked if w.startswith("~")}  # "~convict": anywhere in the sentence
    return bool(anywhere) and bool(_lemmas(list(head.sent)) & anywhere)


def _sense_ok(cand_head: Token, trig: Trigger, sent: SpacySpan, spans: tuple[list, frozenset[int]],
              cache: dict) -> tuple[bool, str | None]:
    """(keep?, out-of-scope category if rejected for being crime/disaster/sport/metaphor)."""
    if _collocation_blocks(cand_head, trig):
        return False, out_of_scope_category(sent, cache) or "metaphor"
    if trig.sense is None:
        return True, None
    if trig.sense in ("political", "stance"):
        return _political_ok(cand_head, trig, sent, spans[0]), None
    if trig.sense == "protest":
        return bool(_lemmas(list(sent)) & word_class("protest")) or cand_head.pos_ == "VERB", None
    armed_at = spans[1]
    near = neighbourhood(cand_head)
    near_oos = _oos_words(near)
    if near_oos is not None:
        return False, near_oos  # "an earthquake struck Turkey": the cue is the trigger's own argument
    if _armed_context(near, armed_at):
        return True, None
    oos = out_of_scope_category(sent, cache)
    if oos is not None:
        return False, oos
    if trig.words[0] in ("fight", "fighting"):
        return bool(_classifier_conflict(sent, cache)), None  # "fighting corruption" needs more than that
    armed, harmed = _sentence_context(sent, armed_at, cache)
    if armed:
        return True, None
    oos = _classifier_out_of_scope(sent, cache)  # "a tank at the gas plant exploded, injuring four"
    if oos is not None:
        return False, oos
    if harmed or _classifier_conflict(sent, cache):
        return True, None
    return False, UNDECIDED


def _sentence_context(sent: SpacySpan, armed_at: frozenset[int], cache: dict) -> tuple[bool, bool]:
    """(an armed word, weapon or armed actor anywhere in the sentence; harm: "killed", "device", ...)."""
    key = ("context", sent.start)
    if key not in cache:
        toks = list(sent)
        cache[key] = (_armed_context(toks, armed_at), bool(_lemmas(toks) & word_class("harm")))
    return cache[key]


def _political_ok(head: Token, trig: Trigger, sent: SpacySpan, actor_spans: list[tuple[int, int]]) -> bool:
    """Talk/stance words count when an actor, a state or an official is the one talking."""
    if head.pos_ == "VERB":
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None and not _actorish(list(subj.subtree), actor_spans):
            return False  # "the plan met opposition": only actors meet, agree, reject
    if trig.sense == "stance" and head.dep_ in ("compound", "amod", "nmod"):
        return False  # "opposition groups", "threat level"
    if trig.sense == "stance" and not any(c.dep_ in ("poss", "prep") for c in head.children) \
            and head.head.lemma_ not in ("state", "express", "voice", "meet", "announce", "declare", "face"):
        return False
    near = neighbourhood(head)
    if any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in near):
        return True
    if any(s <= t.idx < e for t in near for s, e in actor_spans):
        return True
    return bool(_lemmas(near) & word_class("political"))


def _actorish(toks: list[Token], actor_spans: list[tuple[int, int]]) -> bool:
    if any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or t.pos_ == "PRON" for t in toks):
        return True
    if any(s <= t.idx < e for t in toks for s, e in actor_spans):
        return True
    return bool(_lemmas(toks) & (word_class("political") | word_class("armed") | word_class("civilian")))


def find_candidates(  # noqa: ANN001 - spaCy Doc
    sdoc, actor_spans: list[tuple[int, int]], scratch: dict, armed_spans: list[tuple[int, int]] | None = None
) -> list[Candidate]:
    """Every trigger in the document that passes its POS, object and sense checks, in text order.

    `actor_spans` are every actor mention (who can talk, meet, reject); `armed_spans` the mentions of
    armed actors only (what makes "struck" violent: an earthquake that kills people is no attack)."""
    armed = actor_spans if armed_spans is None else armed_spans
    # every character offset inside an armed actor's mention, once: the sense test asks per token
    spans = (actor_spans, frozenset(i for s, e in armed for i in range(s, e)))
    index = triggers_by_first_word()
    found: list[Candidate] = []
    oos: list = scratch.setdefault("out_of_scope_raw", [])
    cache: dict = scratch.setdefault("sense_cache", {})
    taken_until = -1
    pending: list[Candidate] = []
    for tok in sdoc:
        if tok.i < taken_until or tok.is_punct or tok.is_space:
            continue
        rows = index.get(_lemma(tok)) or index.get(tok.lower_)
        if not rows:
            continue
        for trig in rows:
            if not _matches(sdoc, tok.i, trig):
                continue
            end = tok.i + len(trig.words)
            head = _span_head(sdoc, tok.i, end)
            if len(trig.words) == 1 and (tok.ent_type_ in SKIP_ENTS or not _pos_ok(head, trig)):
                continue
            if len(trig.words) == 1 and head.dep_ == "compound" and head.pos_ == "NOUN" \
                    and head.head.lemma_.lower() not in word_class("event_heads"):
                continue  # "attack helicopters", "protest movement"; not "bombing suspect"
            if any(s <= tok.idx < e for s, e in actor_spans) and tok.pos_ == "PROPN":
                continue  # part of a name ("Strike Force")
            mode, etype = trig.mode, trig.type
            if trig.obj:
                cls = _object_class(head, trig.obj)
                if cls is None:
                    continue
                mode = trig.mode_by_obj.get(cls, mode)
                etype = trig.type_by_obj.get(cls, etype)
            keep, category = _sense_ok(head, trig, tok.sent, spans, cache)
            cand = Candidate(tok.i, end, head, trig, etype, mode, tok.sent)
            if not keep:
                if category == UNDECIDED:
                    pending.append(cand)
                elif category:
                    oos.append((tok.idx, sdoc[end - 1].idx + len(sdoc[end - 1]), category))
                continue
            found.append(cand)
            taken_until = end
            break
    if sum(c.type == "ASSAULT" and not c.trigger.weak for c in found) >= DOC_CONFLICT_MIN:
        found = sorted(found + pending, key=lambda c: c.start)  # one sense per discourse
    return _drop_weak(found)


def _drop_weak(found: list[Candidate]) -> list[Candidate]:
    """Weak triggers ("killed", "operation") count only where no other trigger names the event."""
    strong_sents = {c.sent.start for c in found if not c.trigger.weak}
    return [c for c in found if not c.trigger.weak or c.sent.start not in strong_sents]
