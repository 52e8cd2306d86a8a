"""Agent, target and place of a trigger, read off the dependency parse.

Handles active and passive voice, "clashes between X and Y", "X-backed Y" and "X's attack",
"by X", appositions, coordination, relative clauses, "positions of X" (holdings stand for their
holder) and a light coreference for "the group", "its fighters": the nearest prior armed actor.
Actors come from the actors stage (`wd.actor_refs`); a phrase no mention covers is sent to
`resolve_phrase`, and a bare armed or civilian noun ("gunmen", "villagers") is kept as written.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Token

from lanner.extract.events.lexicon import instruments, word_class
from lanner.model import ActorRef, Span
from lanner.pipeline import WorkDoc

try:
    from lanner.resolve.actors import resolve_phrase as _resolve_phrase
except ImportError:  # pragma: no cover - the actor KB is another engineer's work
    _resolve_phrase = None

NOT_ACTOR_ENTS = {"DATE", "EVENT", "TIME", "GPE", "LOC", "FAC"}
COUNTERPART_TYPES = ("REJECT", "ACCUSE", "THREATEN", "REQUEST", "SANCTION")
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "itself", "themselves"}
ACTOR_ENTS = {"ORG", "NORP", "GPE", "PERSON"}
SUBJ = ("nsubj",)
OBJ = ("dobj",)
LINK_PREPS = ("with", "from", "of", "to")  # "militants affiliated with X", "elements from X", "loyal to X"
MODIFIERS = ("compound", "amod", "nmod", "poss", "npadvmod", "nummod", "quantmod")
PLACE_PREPS = {"in", "near", "at", "around", "outside", "inside", "across", "into", "within", "throughout",
               "towards", "toward", "through", "along", "to", "from"}


@dataclass
class Roles:
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc: list[ActorRef] = field(default_factory=list)
    target: Token | None = None  # what was hit when it is no actor ("a bakery", "the building")


class ActorIndex:
    """Actor mentions of the document sorted by offset, for overlap and nearest-prior lookups."""

    def __init__(self, wd: WorkDoc) -> None:
        self.wd = wd
        self.refs = sorted((r for r in wd.actor_refs if r.mention), key=lambda r: r.mention.start)
        self.starts = [r.mention.start for r in self.refs]
        self._cache: dict[str, ActorRef | None] = {}

    def overlapping(self, start: int, end: int) -> list[ActorRef]:
        i = bisect_left(self.starts, start)
        while i > 0 and self.refs[i - 1].mention.end > start:
            i -= 1
        out = []
        while i < len(self.refs) and self.refs[i].mention.start < end:
            if self.refs[i].mention.end > start:
                out.append(self.refs[i])
            i += 1
        return out

    def prior(
        self, before: int, armed_only: bool = False, skip: tuple[int, int] | None = None
    ) -> ActorRef | None:
        """The nearest actor named before `before`; `skip` is a span whose actors cannot be meant."""
        i = bisect_left(self.starts, before) - 1
        while i >= 0:
            ref = self.refs[i]
            inside = skip is not None and skip[0] <= ref.mention.start < skip[1]
            if (not armed_only or _is_armed_ref(ref)) and not inside:
                return ref
            i -= 1
        return None

    def counterpart(self, before: int, actor1: ActorRef, window: int = 400) -> ActorRef | None:
        """For a stance with no stated target: the nearest earlier state actor of another country."""
        i = bisect_left(self.starts, before) - 1
        while i >= 0 and self.refs[i].mention.start > before - window:
            ref = self.refs[i]
            if ref.country and ref.country != actor1.country and ref.acled_inter == 1:
                return ref
            i -= 1
        return None

    def resolve(self, text: str) -> ActorRef | None:
        if _resolve_phrase is None:
            return None
        if text not in self._cache:
            try:
                self._cache[text] = _resolve_phrase(text, self.wd.scratch.get("country_hint"))
            except Exception:  # noqa: BLE001 - resolution is best effort
                self._cache[text] = None
        return self._cache[text]


def _is_armed_ref(ref: ActorRef) -> bool:
    kind = (ref.type or "").lower()
    if ref.acled_inter is not None:
        return ref.acled_inter in (1, 2, 3, 4, 8)
    return any(k in kind for k in ("military", "armed", "rebel", "militia", "police", "state", "group"))


def _with_mention(ref: ActorRef, text: str, start: int, end: int) -> ActorRef:
    if ref.mention is not None:
        return ref
    return ref.model_copy(update={"mention": Span.of(text, start, end)})


def _np_bounds(tok: Token) -> tuple[int, int]:
    """Bounds of the noun phrase headed by tok: its pre-modifiers, not its clauses or appositions."""
    left = tok
    for child in tok.children:
        if child.i < tok.i and child.dep_ in MODIFIERS + ("det",):
            left = min(left, child.left_edge, key=lambda t: t.i)
    return left.idx, tok.idx + len(tok)


def _descend(tok: Token) -> Token:
    """From a holding ("positions of X", "militants affiliated with X", "elements from X") to X."""
    for _ in range(3):
        lemma = tok.lemma_.lower()
        if lemma in word_class("quantities") or tok.ent_type_ == "CARDINAL":
            of = _prep_obj(tok, ("of",))
            if of is not None:
                tok = of
                continue
        if lemma not in word_class("holdings") and lemma not in word_class("armed"):
            return tok
        nxt = None
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in LINK_PREPS:
                nxt = next((p for p in child.children if p.dep_ == "pobj"), None)
            elif child.dep_ == "acl":
                for gc in child.children:
                    if gc.dep_ in ("prep", "agent") and gc.lower_ in (*LINK_PREPS, "by"):
                        nxt = next((p for p in gc.children if p.dep_ == "pobj"), nxt)
            if nxt is not None:
                break
        if nxt is None or nxt.ent_type_ in ("GPE", "LOC", "FAC") and lemma in ("area", "territory"):
            return tok if nxt is None else tok
        tok = nxt
    return tok


def _own_subject(tok: Token) -> tuple[int, int] | None:
    """The subject of the clause that holds `tok`, as character offsets: "the group" in the object of
    "opposition forces shelled the group's positions" is someone else, never the subject itself."""
    if tok.lower_ in PRONOUNS:
        return None  # "they said their positions": a pronoun may well be the subject again
    head = tok
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            break
        head = head.head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i <= tok.i <= subj.right_edge.i and subj.left_edge.i <= tok.i:
        return None
    return subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)


def actor_at(tok: Token, wd: WorkDoc, idx: ActorIndex, *, descend: bool = True) -> ActorRef | None:
    """The actor a noun-phrase head stands for, or None when it is not an actor."""
    if descend:
        tok = _descend(tok)
    text = wd.text
    modified = any(c.dep_ in MODIFIERS for c in tok.children)
    if tok.lower_ in PRONOUNS or (
        tok.lemma_.lower() in word_class("anaphors")
        and not modified
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        and not idx.overlapping(tok.idx, tok.idx + len(tok))
    ):
        speaker = _speaker(tok)  # "Al-Shabaab said it carried out the attack"
        if speaker is not None:
            ref = actor_at(speaker, wd, idx)
            if ref is not None:
                return ref
        armed_only = tok.lower_ not in ("he", "his", "she", "her")
        ref = idx.prior(tok.idx, armed_only=armed_only, skip=_own_subject(tok))
        if ref is not None or tok.lower_ in PRONOUNS:
            return ref
    place_slot = (tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS | {"on"}) or tok.dep_ == "dobj"
    bare = not any(c.dep_ in MODIFIERS and c.pos_ != "PROPN" for c in tok.children)
    if place_slot and tok.pos_ == "PROPN" and (
        tok.ent_type_ in ("GPE", "LOC", "FAC") or (tok.ent_type_ in ("PERSON", "") and bare)
    ):
        return None  # "in Idlib", "shelled Lalibela", "an offensive on Sake": a place, not an actor
    start, end = _np_bounds(tok)
    hits = idx.overlapping(tok.idx, tok.idx + len(tok)) or idx.overlapping(start, end)
    if hits:
        return min(hits, key=lambda r: abs(r.mention.end - (tok.idx + len(tok))))
    phrase = text[start:end]
    lemma = tok.lemma_.lower()
    if lemma in instruments() and lemma not in word_class("person_instruments") and not _suicide(tok):
        for clause in (c for c in tok.children if c.dep_ == "acl"):
            operator = _prep_obj(clause, ("by",))  # "a drone launched by Houthi forces"
            if operator is not None:
                return actor_at(operator, wd, idx)
        return None  # "the bomb exploded": the device is no actor
    if lemma in word_class("holdings") and start < tok.idx:
        ref = idx.resolve(text[start : tok.idx].strip())  # "a Somali army convoy" -> the army
        if ref is not None:
            return _with_mention(ref, text, start, tok.idx + len(tok))
    looks_actor = (
        tok.ent_type_ in ACTOR_ENTS | {"GPE"}
        or lemma in word_class("armed_people")
        or lemma in word_class("civilian")
    )
    if not looks_actor:
        return None
    ref = idx.resolve(phrase) or (idx.resolve(tok.text) if tok.idx > start else None)
    if ref is not None:  # "at least 30 pupils" -> "pupils" -> Civilians
        return _with_mention(ref, text, start, end)
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
        owner = idx.prior(tok.idx)  # "its troops": the forces of the actor named before
        if owner is not None:
            return owner
    name = phrase[4:] if phrase.lower().startswith("the ") else phrase
    s = start + (4 if phrase.lower().startswith("the ") else 0)
    return ActorRef(name=name, mention=Span.of(text, s, end))


def _speaker(pron: Token) -> Token | None:
    """The subject of the speech verb whose reported clause the pronoun is the subject of."""
    if pron.pos_ != "PRON" or pron.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return None
    clause = pron.head if pron.dep_ != "poss" else pron.head.head
    if clause.dep_ != "ccomp" or clause.head.pos_ != "VERB":
        return None
    subj = _child(clause.head, ("nsubj",))
    return subj if subj is not None and subj.pos_ != "PRON" else None


def _suicide(tok: Token) -> bool:
    return any(c.lower_ == "suicide" for c in tok.children)


def _child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prep_obj(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            pobj = _child(child, ("pobj",))
            if pobj is not None:
                return pobj
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The subject, inherited through xcomp/conj/participle chains ("started sending", "passed ... and
    delivered", "attacked the base, killing five"); never across reported speech or a subordinate clause
    ("said ...", "after a bomb went off")."""
    cur = verb
    for _ in range(4):
        subj = _child(cur, ("nsubj",))
        if subj is not None:
            return subj
        if any(c.dep_ in ("nsubjpass", "expl", "csubj") for c in cur.children):
            return None
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)  # "fired ... to disperse"
        subordinate = any(c.dep_ == "mark" for c in cur.children) or (
            cur.tag_ not in ("VBG", "VBN") and not purpose
        )
        if cur.dep_ == "advcl" and subordinate:
            return None
        if cur.dep_ == "xcomp" and purpose and _child(cur.head, ("dobj",)) is not None:
            return _child(cur.head, ("dobj",))  # "forced the regime to send": the object does the sending
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp") and cur.head is not cur:
            cur = cur.head.head if cur.dep_ == "pcomp" else cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):  # "militants who attacked"
            return None if cur.tag_ == "VBN" else cur.head  # "a man accused of ...": the head is the patient
        return None
    return None


def _first(wd: WorkDoc, idx: ActorIndex, *toks: Token | None) -> ActorRef | None:
    for tok in toks:
        if tok is not None:
            ref = actor_at(tok, wd, idx)
            if ref is not None:
                return ref
    return None


def _modifier_actor(head: Token, etype: str, wd: WorkDoc, idx: ActorIndex) -> ActorRef | None:
    """"US air strike", "Turkish attack": an actor among the pre-modifiers; a bare nationality
    adjective stands for the state's forces (violent events) or its government (the rest)."""
    for child in sorted(head.children, key=lambda c: c.i):
        if child.i < head.i and child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            for t in child.subtree:
                if idx.overlapping(t.idx, t.idx + len(t)):
                    return actor_at(t, wd, idx, descend=False)
                named = t.pos_ == "PROPN" and t.ent_type_ not in NOT_ACTOR_ENTS
                armed = t.lemma_.lower() in word_class("armed_people") - {"military"}
                if named or armed or t.ent_type_ in ("ORG", "PERSON"):
                    ref = actor_at(t, wd, idx, descend=False)  # "IS attacks", "rebel shelling"
                    if ref is not None:
                        return ref
                if t.ent_type_ in ("NORP", "GPE") and t.pos_ in ("ADJ", "PROPN"):
                    suffix = "forces" if etype in ("ASSAULT", "MOBILIZE", "AID", "COERCE") else "government"
                    ref = idx.resolve(f"{t.text} {suffix}") if t.ent_type_ == "NORP" else None
                    ref = ref or actor_at(t, wd, idx, descend=False)
                    if ref is not None:
                        return _with_mention(ref, wd.text, t.idx, t.idx + len(t))
    return None


def _appositive(conj: Token) -> bool:
    """", an armed faction affiliated with ..." parsed as a conjunct is an apposition, not a second side."""
    det = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in conj.children)
    prev = conj.doc[conj.left_edge.i - 1] if conj.left_edge.i > 0 else None
    return det and prev is not None and prev.lower_ == ","


def _conj_actor(tok: Token | None, wd: WorkDoc, idx: ActorIndex, not_: ActorRef | None) -> ActorRef | None:
    if tok is None:
        return None
    for base in dict.fromkeys((tok, _descend(tok))):
        for conj in base.conjuncts:
            if _appositive(conj):
                continue
            ref = actor_at(conj, wd, idx)
            if ref is not None and (not_ is None or ref.name != not_.name):
                return ref
    return None


def _co_agents(subj: Token, wd: WorkDoc, idx: ActorIndex, actor1: ActorRef | None) -> list[ActorRef]:
    """Coordinated agents after the first: ACLED's associated actors of side 1."""
    out: list[ActorRef] = []
    for conj in _descend(subj).conjuncts:
        if _appositive(conj):
            continue
        ref = actor_at(conj, wd, idx)
        if ref is not None and (actor1 is None or ref.name != actor1.name) and ref not in out:
            out.append(ref)
    return out


def find_roles(
    head: Token, etype: str, wd: WorkDoc, idx: ActorIndex, span: tuple[int, int] = (0, 0)
) -> Roles:
    """Actor1 (agent) and actor2 (target/recipient/counterpart) for one trigger head; `span` is the
    trigger's token range, whose own words ("opened fire") are never its arguments."""
    roles = Roles()
    if head.pos_ == "VERB":
        if _is_passive(head):
            agent_tok = _prep_obj(head, ("by",))
            roles.actor1 = _first(wd, idx, agent_tok)
            roles.actor2 = _first(wd, idx, _child(head, ("nsubjpass",)))
        else:
            subj = _subject(head)
            roles.actor1 = _first(wd, idx, subj)
            dobj = _child(head, OBJ)
            if dobj is not None and span[0] <= dobj.i < span[1]:
                dobj = None  # "opened fire on X": "fire" belongs to the trigger
            if head.lemma_.lower() in word_class("device_verbs"):
                dobj = None  # "detonated the bombs": the object is the device
            target = dobj or _prep_obj(head, ("on", "against", "at"))
            if etype in ("AID", "CONSULT", "AGREE", "MOBILIZE"):
                target = _prep_obj(head, ("to", "with", "for")) or _child(head, ("dative",)) or (
                    target if etype != "AID" else None)
            if etype == "ASSAULT" and head.lemma_.lower() in ("clash", "fight", "skirmish"):
                target = _prep_obj(head, ("with", "against")) or target
            roles.actor2 = _first(wd, idx, target)
            roles.target = target
            if roles.actor2 is None and target is None:
                roles.actor2 = _conj_actor(subj, wd, idx, roles.actor1)  # "X and Y clashed"
            elif subj is not None:  # "Taliban gunmen and suicide bombers attacked the camp"
                roles.assoc = _co_agents(subj, wd, idx, roles.actor1)
    else:
        _noun_roles(head, etype, wd, idx, roles)
    if roles.actor1 is not None and roles.actor2 is not None and roles.actor1.name == roles.actor2.name:
        roles.actor2 = None  # one actor found twice (a misparse), not an actor acting on itself
    return roles


def _noun_roles(head: Token, etype: str, wd: WorkDoc, idx: ActorIndex, roles: Roles) -> None:
    gov = head.head
    between = _prep_obj(head, ("between", "among", "amongst"))
    if between is None and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        between = _prep_obj(gov, ("between", "among", "amongst"))
    if between is not None:
        roles.actor1 = actor_at(between, wd, idx)
        roles.actor2 = _conj_actor(between, wd, idx, roles.actor1)
        if roles.actor1 is None:
            roles.actor1 = roles.actor2
            roles.actor2 = None
        return
    poss = _child(head, ("poss",))
    if poss is not None and poss.lower_ in PRONOUNS and head.dep_ == "dobj" and _child(gov, ("nsubj",)):
        roles.actor1 = actor_at(_child(gov, ("nsubj",)), wd, idx)
    roles.actor1 = roles.actor1 or _first(wd, idx, poss, _prep_obj(head, ("by",)))
    if roles.actor1 is None and etype not in ("ASSAULT", "MOBILIZE", "AID", "PROTEST", "COERCE") \
            and head.dep_ in ("dobj", "pobj") and (gov.pos_ == "VERB" or gov.head.pos_ == "VERB"):
        verb = gov if gov.pos_ == "VERB" else gov.head
        if not _is_passive(verb) and verb.lemma_.lower() in word_class("support_verbs"):
            roles.actor1 = _first(wd, idx, _subject(verb))  # "X raised the issue at a summit with Y"
    roles.actor1 = roles.actor1 or _modifier_actor(head, etype, wd, idx)
    if roles.actor1 is None and head.dep_ == "dobj" and gov.pos_ == "VERB" \
            and gov.lemma_.lower() in word_class("support_verbs"):
        roles.actor1 = _first(wd, idx, _subject(gov))  # "X launched an attack", "X carried out strikes"
    if roles.actor1 is None and head.dep_ == "pobj" and gov.lower_ == "for" \
            and gov.head.lemma_.lower() == "responsibility" and gov.head.head.pos_ == "VERB":
        roles.actor1 = _first(wd, idx, _subject(gov.head.head))  # "X claimed responsibility for the attack"
    if roles.actor1 is None and head.dep_ == "pobj" and gov.head.pos_ == "VERB" \
            and gov.lower_ in ("in", "with", "during"):
        verb = gov.head  # "X retaliated with air strikes"; "soldiers were killed by X in an ambush"
        roles.actor1 = _first(wd, idx, _prep_obj(verb, ("by",)) if _is_passive(verb) else _subject(verb))
    violent = etype in ("ASSAULT", "COERCE")
    target_preps = ("on", "against", "of", "targeting") if violent else ("to", "with", "for")
    target = _prep_obj(head, target_preps)
    roles.target = target
    roles.actor2 = _first(wd, idx, target)
    if roles.actor2 is None and target is not None and not violent:  # "opposition to any new attack"
        roles.actor2 = _modifier_actor(target, etype, wd, idx)
    if roles.actor2 is None and etype in COUNTERPART_TYPES and roles.actor1 is not None:
        roles.actor2 = idx.counterpart(head.idx, roles.actor1)  # "the plan met Washington's opposition"
    if roles.actor2 is None and etype == "ASSAULT" and head.dep_ in ("nsubj",) and gov.pos_ == "VERB":
        obj = _child(gov, ("dobj",))  # "an air strike killed 5 civilians", "the explosion targeted a bakery"
        roles.actor2 = _first(wd, idx, obj)
        roles.target = roles.target or obj
    if roles.actor2 is None and roles.target is None and violent:
        for clause in (c for c in head.children if c.dep_ in ("acl", "relcl")):
            for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
                aim = _prep_obj(verb, ("at", "against", "on"))  # "bombings (which seemed) aimed at civilians"
                if aim is not None:
                    roles.actor2 = _first(wd, idx, aim)
                    roles.target = aim
    if roles.actor2 is None and etype == "ASSAULT" and head.dep_ == "pobj" and gov.head.pos_ == "VERB" \
            and _is_passive(gov.head):
        roles.actor2 = _first(wd, idx, _child(gov.head, ("nsubjpass",)))  # "5 were killed in an attack"
    if roles.actor2 is None and etype in ("CONSULT", "AGREE"):
        roles.actor2 = _first(wd, idx, _prep_obj(gov, ("with",)))
