"""Actor-to-actor ties claimed in the text: supports, part_of, allied, affiliated, fights, opposes.

The cues are surface patterns over each sentence plus the actor mentions found earlier, not the
dependency parse: the small English model routinely misattaches the participles these ties hang
on ("X, an armed faction affiliated with Y and trained by Z"). Each tie is attributed with the
sourcing stage's `attribution_for`, so "reports said X and Y clashed" is claimed by "reports".
A state's military and police are folded into its government: ties are the state's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from lanner.extract.sourcing.stage import attribution_for
from lanner.model import ActorRef, Relation, Span
from lanner.pipeline import WorkDoc
from lanner.resolve.actor_kb import DATA, load_kb, norm
from lanner.resolve.actors import _modifier_actor, ref_of

_MAX_REGION = 90


@dataclass
class M:
    """An actor mention: char span and the ref it resolved to."""

    start: int
    end: int
    ref: ActorRef


@functools.cache
def cues() -> dict[str, Any]:
    c = yaml.safe_load((DATA / "relation_cues.yaml").read_text(encoding="utf-8"))
    alt = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # noqa: E731
    c["re_part"] = re.compile(rf"\b(?:is |are |was |were |as )?(?:{alt(c['part_of_nouns'])}) of (?:the )?")
    c["re_ally"] = re.compile(rf"\b(?:{alt(c['ally_nouns'])}) of (?:the )?")
    c["re_fight_noun"] = re.compile(rf"\b(?:{alt(c['fight_nouns'])})\b[^.;]{{0,60}}?\bbetween\s+", re.I)
    c["re_ally_verb"] = re.compile(rf"\b(?:{alt(c['ally_verbs'])})\s+(?:the\s+)?")
    c["re_fight_verb"] = re.compile(rf"\b(?:{alt(c['fight_verbs'])})\s+(?:with|against)\s+")
    c["re_fight_intrans"] = re.compile(rf"\b(?:{alt(c['fight_verbs'])})\b(?!\s+(?:with|against|alongside)\b)")
    c["re_attack"] = re.compile(rf"\b(?:{alt(c['attack_verbs'])})\b")
    c["re_oppose"] = re.compile(rf"\b(?:{alt(c['oppose_cues'])})\s+")
    parts = alt(c["participles"])
    c["re_participle"] = re.compile(rf"\b(?P<q>(?:both|all|each)\s+)?(?P<cue>{parts})\s+(?:by|with|to)\s+")
    c["re_hyphen"] = re.compile(
        rf"(?P<x>(?:al-|el-)?[A-Z][\w'’.]*(?:[ -](?:al-)?[A-Z][\w'’.]*)*)-(?P<cue>{parts})\b")
    c["re_stop"] = re.compile(rf"[.;:]|,|\s(?:and|nd)\s+\w+ed\b|\s(?:{alt(c['region_stops'])})\s")
    c["re_stop_between"] = re.compile(
        rf"[.;:]|,\s*(?:an?|the|who|which|both|all|each)\s|\s(?:{alt(c['region_stops'])})\s")
    c["part_heads"] = {norm(w) for w in load_kb().lex["part_nouns"]}
    return c


def _state(ref: ActorRef) -> ActorRef:
    """A state's organs are the state: its forces, police, air force or intelligence become gov-X."""
    kb = load_kb()
    cur, seen = ref.kb_id or "", set()
    while cur and cur not in seen:
        seen.add(cur)
        a = kb.get(cur)
        if a is None or a.type not in {"state_forces", "government"}:
            return ref
        if a.template in {"mil", "pol", "gov"}:
            return ref_of(f"gov-{a.country}") or ref
        cur = next((t.target for t in a.ties if t.rel == "part_of"), "")
    return ref


def _party(ref: ActorRef) -> bool:
    """Civilians, media, monitors and aid agencies are victims or witnesses, not sides of a tie."""
    if ref.type == "civilians":
        return False
    a = load_kb().get(ref.kb_id or "")
    return a is None or a.role is None


_ADJACENT = re.compile(r"[\s,]*(?:(?:which|who|that)\s+)?"
                       r"(?:(?:is|are|was|were|has been|have been|being|have|has|had)\s+)?"
                       r"(?:\w+ly\s+)?(?:also\s+)?")


def _region_end(text: str, pos: int, limit: int, between: bool = False) -> int:
    pat = cues()["re_stop_between" if between else "re_stop"]
    m = pat.search(text, pos, min(limit, pos + _MAX_REGION))
    return m.start() if m else min(limit, pos + _MAX_REGION)


def _is_modifier(wd: WorkDoc, m: M) -> bool:
    """A mention used as a '-backed'/'-affiliated' modifier is not an argument."""
    pat = r"-(?:" + "|".join(cues()["participles"]) + r")\b"  # "Al-Qaeda-affiliated", not "troops loyal to"
    return re.match(pat, wd.text[m.end:m.end + 14]) is not None


def _in_region(wd: WorkDoc, ms: list[M], start: int, end: int, countries: bool = True) -> list[ActorRef]:
    """Actors named in [start, end): mentions, plus bare country words ("the US nd Turkey")."""
    kb = load_kb()
    found: list[tuple[int, ActorRef]] = [(m.start, m.ref) for m in ms if start <= m.start < end
                                         and not _is_modifier(wd, m)]
    if countries:
        for w in re.finditer(r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*", wd.text[start:end]):
            pos = start + w.start()
            if any(m.start <= pos < m.end for m in ms):
                continue
            iso = kb.country_of_word(w.group(0))
            if iso and (g := ref_of(f"gov-{iso}")):
                found.append((pos, g))
    return [r for _, r in sorted(found, key=lambda x: x[0])]


def _subject(ms: list[M], pos: int, s0: int, text: str, oblique: set[int], window: int = 160) -> M | None:
    """The actor doing the verb at `pos`: nearest before it, skipping an appositive (", part of X,")
    and actors that only appear as the agent of a participle ("backed by the UAE")."""
    m = re.search(r",[^,]{1,90},\s*(?:\w+ly\s+)?$", text[s0:pos])
    if m:
        pos = s0 + m.start()
    cands = [x for x in ms if s0 <= x.start and x.end <= pos and pos - x.end < window
             and x.start not in oblique]
    return cands[-1] if cands else None


def _preceding(ms: list[M], pos: int, sent_start: int, coordinated: bool, text: str) -> list[ActorRef]:
    """The actor(s) a trailing description is about: only the phrase right before it counts."""
    before = [m for m in ms if sent_start <= m.start and m.end <= pos]
    if not before or not _ADJACENT.fullmatch(text[before[-1].end:pos]):
        return []
    out = [before[-1]]
    if coordinated:
        for m in reversed(before[:-1]):
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[m.end:out[-1].start]):
                out.append(m)
            elif m.ref.kb_id == out[-1].ref.kb_id:
                continue
            else:
                break
    return [m.ref for m in reversed(out)]


_COPULA = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$")


class _Collector:
    def __init__(self, wd: WorkDoc) -> None:
        self.wd = wd
        self.out: dict[tuple[str, str, str], Relation] = {}
        self.oblique: set[int] = set()  # starts of mentions that are agents of a participle

    def description(self, cue_start: int) -> tuple[str, str] | None:
        """The outlet's own claim when the tie is a description ("X, backed by Y", "Y-backed X").

        Inside "according to reports, X and Y clashed", the reports vouch for the clash; an appositive
        or modifier describing X is the writer's characterisation. A tie stated with a copula
        ("X is backed by Y") is the sentence's claim and keeps the sentence's attribution.
        """
        if _COPULA.search(self.wd.text[max(0, cue_start - 30):cue_start]):
            return None
        return (self.wd.out.document.outlet or "outlet", "outlet")

    def add(self, src: ActorRef, rel: str, tgt: ActorRef, ev_start: int, ev_end: int,
            claim: tuple[str, str] | None = None) -> None:
        if rel != "part_of":  # "Azov, part of the National Guard" keeps both organs
            src, tgt = _state(src), _state(tgt)
        a, b = src.kb_id or src.name, tgt.kb_id or tgt.name
        if a == b or not (_party(src) and _party(tgt)):
            return
        key = (a, rel, b) if rel not in {"fights", "allied"} else (min(a, b), rel, max(a, b))
        if key in self.out:
            return
        if claim is None:
            att = attribution_for(self.wd, ev_start, ev_end)
            claim = (att.source, att.kind)
        self.out[key] = Relation(
            source=src.name, source_id=src.kb_id, type=rel, target=tgt.name, target_id=tgt.kb_id,  # type: ignore[arg-type]
            claimed_by=claim[0], claim_kind=claim[1], evidence=Span.of(self.wd.text, ev_start, ev_end),  # type: ignore[arg-type]
            date=self.wd.out.document.published,
        )


def _participles(wd: WorkDoc, ms: list[M], s0: int, s1: int, col: _Collector) -> None:
    c, text = cues(), wd.text
    prev_end, prev_targets = -1, []
    for m in c["re_participle"].finditer(text, s0, s1):
        rel = c["participles"][m.group("cue")]
        r_end = _region_end(text, m.end(), s1)
        agents = _in_region(wd, ms, m.end(), r_end)
        col.oblique.update(x.start for x in ms if m.end() <= x.start < r_end)
        if prev_end >= 0 and re.fullmatch(r"[\s,]*(?:and|nd)?\s*", text[prev_end:m.start()]):
            targets = prev_targets
        else:
            targets = _preceding(ms, m.start(), s0, bool(m.group("q")), text)
        tgt_mentions = [x for x in ms if x.end <= m.start() and x.ref in targets]
        for tgt in targets:
            for ag in agents:
                if rel == "supports":
                    first = min((x.start for x in tgt_mentions), default=m.start())
                    col.add(ag, "supports", tgt, first, r_end, claim=col.description(m.start()))
                else:
                    head = next((x for x in reversed(tgt_mentions) if x.ref == tgt), None)
                    words = set(norm(text[head.start:head.end]).split()) if head else set()
                    kind = "part_of" if rel == "affiliated" and words & c["part_heads"] else rel
                    col.add(tgt, kind, ag, head.start if head else m.start(), r_end,
                            claim=col.description(m.start()))
        prev_end, prev_targets = r_end, targets


def _hyphens(wd: WorkDoc, ms: list[M], s0: int, s1: int, col: _Collector) -> None:
    c, kb = cues(), load_kb()
    hint = wd.scratch.get("country_hint")
    for m in c["re_hyphen"].finditer(wd.text, s0, s1):
        other = _modifier_actor(kb, m.group("x"), hint)
        if other is None:
            continue
        oref = ref_of(other.id)
        tgt = next((x for x in ms if x.end > m.end() and x.start < m.end() + 60 and x.ref.kb_id != other.id
                    and not _is_modifier(wd, x)), None)
        before = [x for x in ms if x.end <= m.start()]
        appos = before and re.fullmatch(r"\s*,\s*(?:the|an?)\s+", wd.text[before[-1].end:m.start()])
        if appos and (tgt is None or tgt.start > m.end() + 2 or _generic(tgt.ref)):
            tgt = before[-1]  # "JNIM, the al-Qaeda-affiliated coalition": the tie describes JNIM
        if tgt is None or oref is None:
            continue
        rel = c["participles"][m.group("cue")]
        claim = col.description(m.start())
        if rel == "supports":
            col.add(oref, "supports", tgt.ref, m.start(), max(tgt.end, m.end()), claim=claim)
        else:
            col.add(tgt.ref, rel, oref, m.start(), max(tgt.end, m.end()), claim=claim)


_APPOS_NOUN = re.compile(r",\s+(?:an?|the)\s+(?P<x>(?:al-|el-)?[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*)\s+"
                         r"(?P<n>affiliate|offshoot|franchise|branch|proxy|ally|client)\b")
_APPOS_REL = {"affiliate": "affiliated", "offshoot": "affiliated", "franchise": "affiliated",
              "branch": "part_of", "proxy": "proxy", "client": "proxy", "ally": "allied"}


def _appositive_nouns(wd: WorkDoc, ms: list[M], s0: int, s1: int, col: _Collector) -> None:
    """ "JNIM, an al-Qaeda affiliate", "Kataib Hezbollah, an Iranian proxy"."""
    kb = load_kb()
    for m in _APPOS_NOUN.finditer(wd.text, s0, s1):
        subj = [x for x in ms if x.end <= m.start() and not wd.text[x.end:m.start()].strip(" ()")]
        other = _modifier_actor(kb, m.group("x"), wd.scratch.get("country_hint"))
        oref = ref_of(other.id) if other else None
        if not subj or oref is None:
            continue
        rel = _APPOS_REL[m.group("n")]
        if rel == "proxy":
            col.add(oref, "supports", subj[-1].ref, subj[-1].start, m.end(), claim=col.description(m.start()))
        else:
            col.add(subj[-1].ref, rel, oref, subj[-1].start, m.end(), claim=col.description(m.start()))


def _containers(wd: WorkDoc, ms: list[M], s0: int, s1: int, col: _Collector) -> None:
    c = cues()
    for pat, rel in ((c["re_part"], "part_of"), (c["re_ally"], "allied")):
        for m in pat.finditer(wd.text, s0, s1):
            r_end = _region_end(wd.text, m.end(), s1)
            groups = _in_region(wd, ms, m.end(), r_end, countries=rel == "allied")
            subj = _preceding(ms, m.start(), s0, False, wd.text)
            for s in subj:
                for g in groups[:1]:
                    col.add(s, rel, g, m.start(), r_end, claim=col.description(m.start()))


def _fights(wd: WorkDoc, ms: list[M], s0: int, s1: int, col: _Collector) -> None:
    c, text = cues(), wd.text
    for m in c["re_fight_noun"].finditer(text, s0, s1):
        r_end = _region_end(text, m.end(), s1, between=True)
        sides = _distinct(_in_region(wd, ms, m.end(), r_end, countries=False))
        if len(sides) >= 2:
            col.add(sides[0], "fights", sides[1], m.start(), r_end)
    for m in c["re_fight_intrans"].finditer(text, s0, s1):  # "Ahrar and the Levant Front clashed"
        if not _is_verb(wd, m.start(), m.end()):
            continue
        sides = _distinct(_preceding(ms, m.start(), s0, True, text))
        if len(sides) >= 2:
            col.add(sides[0], "fights", sides[1], s0, m.end())
    verbs = ((c["re_fight_verb"], "fights"), (c["re_attack"], "fights"), (c["re_ally_verb"], "allied"))
    for pat, rel in verbs:
        for m in pat.finditer(text, s0, s1):
            if pat is c["re_attack"] and not _is_verb(wd, m.start(), m.end()):
                continue  # "any new Turkish attack on ...": a noun, not someone attacking
            subj = _subject(ms, m.start(), s0, text, col.oblique)
            r_end = _region_end(text, m.end(), s1, between=True)
            objs = _in_region(wd, ms, m.end(), r_end)
            if subj and objs:
                col.add(subj.ref, rel, objs[0], subj.start, r_end)


def _is_verb(wd: WorkDoc, start: int, end: int) -> bool:
    span = wd.sdoc.char_span(start, end, alignment_mode="expand") if wd.sdoc is not None else None
    return span is not None and len(span) > 0 and span[0].pos_ in {"VERB", "AUX"}


def _opposes(wd: WorkDoc, ms: list[M], s0: int, s1: int, col: _Collector) -> None:
    c, text = cues(), wd.text
    kb = load_kb()
    for m in c["re_oppose"].finditer(text, s0, s1):
        subj = _subject(ms, m.start(), s0, text, col.oblique, window=60)
        r_end = _region_end(text, m.end(), s1)
        objs = _in_region(wd, ms, m.end(), r_end)
        if not objs:
            for w in re.finditer(r"[A-Z][\w'’-]*", text[m.end():r_end]):
                iso = kb.demonyms.get(norm(w.group(0)))
                if iso and (g := ref_of(f"gov-{iso}")):
                    objs = [g]
                    break
        if subj and objs:
            col.add(subj.ref, "opposes", objs[0], subj.start, r_end)


def _generic(ref: ActorRef) -> bool:
    kid = ref.kb_id or ""
    return kid[:4] in {"aog-", "uag-"} or kid in {"uag", ""}


def _distinct(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        k = r.kb_id or r.name
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


FILLS = ("uag", "civ-", "pro-", "rio-")


def _from_events(wd: WorkDoc, col: _Collector) -> None:
    for ev in wd.out.events:
        real = ev.epistemic not in {"denied", "hypothetical"}
        known = ev.actor1 is not None and ev.actor2 is not None and bool(ev.actor1.kb_id and ev.actor2.kb_id)
        # a side the article pass filled in (unidentified attacker, civilians, a role shared from another
        # event) names no party to a standing relation: only sides the event's own words name count
        known = known and all(r.mention is not None and not (r.kb_id or "").startswith(FILLS)
                              for r in (ev.actor1, ev.actor2))  # type: ignore[union-attr]
        if ev.type == "ASSAULT" and known and real:
            col.add(ev.actor1, "fights", ev.actor2, ev.trigger.start, ev.trigger.end,  # type: ignore[arg-type]
                    claim=(ev.attribution.source, ev.attribution.kind))


def find_relations(wd: WorkDoc) -> None:
    """Set `wd.out.relations`."""
    ms = [M(r.mention.start, r.mention.end, r) for r in wd.actor_refs if r.mention is not None]
    col = _Collector(wd)
    _from_events(wd, col)
    sents = [(s.start_char, s.end_char) for s in wd.sdoc.sents] if wd.sdoc is not None else []
    for s0, s1 in sents:
        sm = [m for m in ms if s0 <= m.start < s1]
        if not sm:
            continue
        for step in (_hyphens, _participles, _appositive_nouns, _containers, _fights, _opposes):
            step(wd, sm, s0, s1, col)
    wd.out.relations = list(col.out.values())
