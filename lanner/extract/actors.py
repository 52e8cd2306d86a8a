"""Actor mentions: named entities and common-noun actor phrases, resolved to the KB.

Common nouns matter as much as names: the events stage picks its arguments from `wd.actor_refs`
by overlap with the parse, and reports say "US fighter jets" or "militants" far more often than
they name a group. A country or capital counts as an actor only where it acts (subject, agent of
"backed by", possessor of a non-geographic noun) or where the places stage flagged a metonym.

Besides `wd.out.actors` and `wd.actor_refs`, `wd.scratch` gets: "actor_modes" {mention start: "aerial" /
"shelling"}, "actor_persons" {mention start: leader's full name, for "Erdogan" -> Government of Turkey},
"actor_details" {mention start: Resolved, with backer/affiliate ties}, and "country_hint" (ISO3).
A caller may preset scratch["default_country"] for text that names no country (a theatre's feed).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pycountry

from lanner.model import Actor, ActorMention, ActorRef, Span
from lanner.nlp import noun_chunks
from lanner.pipeline import WorkDoc
from lanner.resolve.actor_kb import load_kb, norm
from lanner.resolve.actors import _YEAR, Resolved, _exact, _lex, resolve_detail

_LEAD_DEPS = {"det", "poss", "predet", "case", "punct", "nummod"}


def _iso3(iso2: str | None) -> str | None:
    c = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return c.alpha_3 if c else None


def country_hint(wd: WorkDoc) -> str | None:
    """The document's main country: resolved places first, country words in the text as a fallback."""
    votes: Counter[str] = Counter()
    placed: set[int] = set()
    for p in wd.out.places:
        iso = _iso3(p.resolution.country) if p.resolution else None
        if iso and not p.metonym and not _agentive(wd.text, p.mention.start, p.mention.end):
            # a town or province says where the story is; a country name alone says less
            country_level = (p.resolution.feature_code or "").startswith("PCL")  # type: ignore[union-attr]
            votes[iso] += 1.0 if country_level else 2.0
            placed.add(p.mention.start)
    kb = load_kb()
    for m in re.finditer(r"\b[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}", wd.text):
        if m.start() in placed or _agentive(wd.text, m.start(), m.end()):
            continue
        word = m.group(0)
        if (iso := kb.demonyms.get(norm(word.split()[0]))) is not None:
            votes[iso] += 0.5  # "US jets", "Turkish-backed": demonyms often name foreign actors
        elif (iso := kb.countries.get(norm(word))) is not None:
            votes[iso] += 1.0
    return votes.most_common(1)[0][0] if votes else None


def _agentive(text: str, start: int, end: int) -> bool:
    """ "backed by Iran", "Iran-backed": a country named as a backer is not where the story is."""
    return text[max(0, start - 3):start] == "by " or text[end:end + 1] == "-"


def _metonym_starts(wd: WorkDoc) -> set[int]:
    return {p.mention.start for p in wd.out.places if p.metonym}


def _acts(tok: Any, geo: set[str], depth: int = 0) -> bool:
    """Whether a country/capital token is used as an agent rather than as a location."""
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if tok.dep_ == "poss":
        return tok.head.lemma_.lower() not in geo
    if tok.dep_ == "pobj" and tok.head.lower_ == "by":
        return True
    if tok.dep_ == "conj" and depth < 3:
        return _acts(tok.head, geo, depth + 1) or tok.head.ent_type_ == "PERSON"
    return False


def _trim(span: Any) -> tuple[int, int]:
    toks = list(span)
    while len(toks) > 1 and (toks[0].dep_ in _LEAD_DEPS or toks[0].lower_ in {"the", "a", "an"}) and not (
            toks[0].dep_ == "poss" and toks[0].pos_ == "PROPN"):  # keeps "People's Defence Force" whole
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].is_punct:
        toks = toks[:-1]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _entity_candidates(wd: WorkDoc, hint: str | None) -> list[tuple[int, int, Resolved]]:
    kb = load_kb()
    geo = {norm(w) for w in kb.lex["geo_nouns"]}
    metonyms = _metonym_starts(wd)
    out = []
    for ent in wd.sdoc.ents:
        if ent.label_ not in {"ORG", "PERSON", "GPE", "NORP"}:
            continue
        start, end = _trim(ent)
        text = wd.text[start:end]
        if ent.label_ in {"GPE", "NORP"}:
            if re.match(r"-based\b", wd.text[end:end + 7]):
                continue  # "Turkey-based": a location, not an actor
            iso = kb.countries.get(norm(text)) or kb.capitals.get(norm(text))
            if iso is None or not (start in metonyms or _acts(ent.root, geo)):
                continue
        res = resolve_detail(text, hint)
        if res is None:
            continue
        if ent.label_ == "PERSON" and res.person is None and res.actor is None:
            continue
        out.append((start, end, res))
    return out


_SCOPE_PP = re.compile(r"\s+(?:in|across|around|from)\s+(?:the\s+)?(?:province of\s+)?"
                       r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


def _place_scope(wd: WorkDoc, end: int, hint: str | None) -> tuple[int, Resolved] | None:
    """ "terrorist groups in Idlib": a generic armed group scoped by the place after it."""
    m = _SCOPE_PP.match(wd.text, end)
    if not m or load_kb().country_of_word(m.group(1)):
        return None
    if not any(p.mention.start == m.start(1) for p in wd.out.places):
        return None  # "fighters from the Nusra Front": a group, not a place
    res = resolve_detail(wd.text[end - 40 if end >= 40 else 0:end].split()[-1] + " groups", hint,
                         place=m.group(1))
    return (m.end(), res) if res is not None and res.kb_id != f"aog-{hint}" else None


def _is_actor_chunk(chunk: Any) -> bool:
    heads = _lex()["heads"]
    root = norm(chunk.root.text)
    last2 = norm(" ".join(t.text for t in chunk[-2:]))
    return root in heads or last2 in heads


def _named_via(tok: Any, by_token: dict[int, Resolved]) -> Resolved | None:
    """A generic phrase that names its group: "elements from X", "militants affiliated with X"."""
    if tok.dep_ == "appos" and tok.head.i in by_token and by_token[tok.head.i].actor is not None:
        return by_token[tok.head.i]
    for child in tok.children:
        preps = [child] if child.dep_ == "prep" and child.lower_ in {"from", "of", "within"} else []
        if child.dep_ in {"acl", "amod"} and child.lemma_ in {"affiliate", "belong", "loyal", "link"}:
            preps = [c for c in child.children if c.dep_ == "prep"]
        for prep in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in by_token:
                    hit = by_token[obj.i]
                    if hit.actor is not None and hit.actor.template is None:
                        return hit
                    if hit.actor is not None and hit.actor.template == "gov" and _lex()["heads"].get(
                            norm(tok.text)) == "military":  # "troops loyal to the government"
                        mil = load_kb().generic("mil", hit.actor.country)
                        return Resolved(mil, mil.name, mil.id, mil.type, mil.country, mil.inter) if mil \
                            else None
    return None


APPOSITIVE_GAP = 20  # ", the " with room for spaces: only a mention ending this close can be the named one


def _appositive(wd: WorkDoc, start: int, taken: list[tuple[int, int, Resolved]]) -> Resolved | None:
    """ "the Hamza Division, an armed faction ..." : a generic phrase right after a named one is that one."""
    for _s, e, r in taken:
        close = e <= start and start - e <= APPOSITIVE_GAP
        if close and re.fullmatch(r"\s*,\s*(?:an?|the)?\s*", wd.text[e:start]):
            return r if r.actor is not None and r.actor.template is None else None
    return None


def _chunks(sdoc: Any) -> list[Any]:
    """Noun chunks, split at coordination: "the Houthis and government forces" is two actors."""
    out = []
    for chunk in noun_chunks(sdoc):
        start = chunk.start
        for t in chunk:
            if t.dep_ == "cc" or t.text in {",", "&"} or t.is_space or "\n" in t.whitespace_:
                if t.i > start:
                    out.append(sdoc[start:t.i])
                start = t.i + 1
        if start < chunk.end:
            out.append(sdoc[start:chunk.end])
    return out


def _adopt(named: Resolved, res: Resolved) -> Resolved:
    return Resolved(named.actor, named.name, named.kb_id, named.type, named.country, named.inter,
                    named.in_kb, label=res.label, mode=res.mode)


def _antecedent(text: str, start: int, prior: list[tuple[int, int, Resolved]],
                states: bool = False) -> Resolved | None:
    """The last named non-state group before "the group": the usual referent in news prose.

    With `states`, a country's government or forces also count ("Russia said its forces ...")."""
    best = None
    for s0, e0, r in sorted(prior, key=lambda c: c[0]):
        if s0 >= start or start - s0 > 600 or r.actor is None or _agentive(text, s0, e0):
            continue  # "supported by Turkey, said its fighters": Turkey is not the owner
        named = r.actor.template is None and r.type not in {"external_other", "government"}
        state = states and r.actor.template in {"gov", "mil"}
        if named or state:
            best = r
    return best


def _owned(owner: Resolved, res: Resolved) -> Resolved:
    """ "its fighters" of a group is the group; "its forces" of a government is that state's military."""
    if owner.actor is not None and owner.actor.template == "gov" and res.actor is not None \
            and res.actor.template == "mil":
        mil = load_kb().generic("mil", owner.actor.country)
        if mil is not None:
            return Resolved(mil, mil.name, mil.id, mil.type, mil.country, mil.inter, label=res.label,
                            mode=res.mode)
    if owner.actor is not None and owner.actor.template in {"gov", "mil"}:
        return res if res.actor is None or res.actor.template != "aog" else _adopt(owner, res)
    return _adopt(owner, res)


def _chunk_candidates(
    wd: WorkDoc, hint: str | None, taken: list[tuple[int, int, Resolved]]
) -> list[tuple[int, int, Resolved]]:
    out = []
    by_token: dict[int, Resolved] = {}
    for s, e, r in taken:
        for t in wd.sdoc.char_span(s, e, alignment_mode="expand") or []:
            by_token[t.i] = r
    pending: list[tuple[Any, int, int, Resolved]] = []
    for chunk in _chunks(wd.sdoc):
        start, end = _trim(chunk)
        inside = [c for c in taken if c[0] < end and c[1] > start]
        if inside:
            if len(inside) == 1:
                res = resolve_detail(wd.text[start:end], hint)
                s0, e0, r0 = inside[0]
                modifier = r0.actor is not None and r0.actor.template == "gov" and not (
                    s0 <= chunk.root.idx < e0)
                if res is not None and modifier and res.kb_id != r0.kb_id:
                    taken.remove(inside[0])
                    out.append((start, end, res))
                elif res is not None and res.kb_id == r0.kb_id and (start, end) != (s0, e0) and (
                        s0 <= chunk.root.idx < e0 or _is_actor_chunk(chunk)
                        or norm(chunk.root.text) in _lex()["members"]):  # "the Houthi movement"
                    r0.label, r0.mode = r0.label or res.label, r0.mode or res.mode
                    r0.ties = r0.ties or res.ties
                    taken.remove(inside[0])
                    taken.append((start, end, r0))
            continue
        if not _is_actor_chunk(chunk) and _exact(load_kb(), wd.text[start:end], hint) is None:
            continue  # neither an actor head ("forces") nor a KB alias ("the military junta")
        res = resolve_detail(wd.text[start:end], hint)
        if res is None:
            continue
        pending.append((chunk, start, end, res))
        for t in chunk:
            by_token.setdefault(t.i, res)
    # second pass: generic phrases that name their group, once every phrase is resolved
    for chunk, start, end, res in pending:
        if norm(wd.text[chunk.start_char:end]) in _lex()["anaphors"]:
            named = _antecedent(wd.text, start, taken + out)
            if named is None:
                continue
            res = _adopt(named, res)
        elif chunk[0].lower_ in {"its", "their"} and res.actor is not None and res.actor.template is not None:
            owner = _antecedent(wd.text, start, taken + out, states=True)  # "its fighters": the last actor's
            if owner is not None:
                res = _owned(owner, res)
        elif res.actor is None or res.actor.template is not None:
            named = _appositive(wd, start, taken) or _named_via(chunk.root, by_token)
            if named is not None:
                res = _adopt(named, res)
        if res.actor is not None and res.actor.template == "aog":
            scoped = _place_scope(wd, end, hint)
            if scoped is not None:
                end, res = scoped[0], _adopt(scoped[1], res)
                res.label = resolve_detail(wd.text[start:end], hint).label  # type: ignore[union-attr]
        out.append((start, end, res))
    return out


def find_actors(wd: WorkDoc) -> None:
    """Set `wd.out.actors` and `wd.actor_refs` (every resolved mention, in text order)."""
    hint = country_hint(wd) or wd.scratch.get("default_country")  # a feed can set its theatre
    published = wd.out.document.published
    token = _YEAR.set(published.year if published else None)  # picks between same-name actors
    try:
        _find(wd, hint)
    finally:
        _YEAR.reset(token)


def _find(wd: WorkDoc, hint: str | None) -> None:
    cands = _entity_candidates(wd, hint)
    cands += _chunk_candidates(wd, hint, cands)
    cands.sort(key=lambda c: (c[0], -c[1]))
    kept: list[tuple[int, int, Resolved]] = []
    for c in cands:
        if kept and c[0] < kept[-1][1]:
            continue
        kept.append(c)
    refs: list[ActorRef] = []
    modes: dict[int, str] = {}
    persons: dict[int, str] = {}
    details: dict[int, Resolved] = {}
    actors: dict[str, Actor] = {}
    for start, end, res in kept:
        span = Span.of(wd.text, start, end)
        ref = res.ref()
        ref.mention = span
        refs.append(ref)
        details[start] = res
        if res.mode:
            modes[start] = res.mode
        if res.person:
            persons[start] = res.person
        key = res.kb_id or res.name
        if key not in actors:
            actors[key] = Actor(id=key, name=res.name, type=res.type, country=res.country,
                                acled_inter=res.inter, in_kb=res.in_kb)
        actors[key].mentions.append(ActorMention(span=span, label=res.label))
    wd.actor_refs = refs
    wd.out.actors = list(actors.values())
    wd.scratch["country_hint"] = hint
    wd.scratch["actor_modes"] = modes
    wd.scratch["actor_persons"] = persons
    wd.scratch["actor_details"] = details
