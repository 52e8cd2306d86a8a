"""Resolve a noun phrase to an actor: alias, head noun plus modifiers, leader, fuzzy, or a new group.

The order matters: a named group anywhere in the phrase beats the phrase's head noun ("militants
affiliated with the Hamza Division" is the Hamza Division), but a name followed by "-backed" or
"-affiliated" is a tie, not the actor ("Turkish-backed Tahrir al-Sham forces" is HTS). The outlet's
characterising words ("takfiri", "terrorist") never pick the actor; they are returned as a label.
"""

from __future__ import annotations

import functools
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from lanner.model import ActorRef
from lanner.resolve.actor_kb import KB, KBActor, is_acronym, load_kb, norm

__all__ = ["load_kb", "resolve_phrase", "resolve_detail", "ruler_patterns", "Resolved", "ref_of"]

_DETS = re.compile(
    r"^(?:the|a|an|some|several|many|most|few|dozens of|hundreds of|thousands of|scores of|large numbers of|"
    r"numbers of|members of|elements of|elements from|its|their|his|her|these|those|this|that|other|both|"
    r"all|any|possible|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+",
    re.I,
)
_TIE_WORD = (
    r"(backed|supported|sponsored|funded|armed|trained|aligned|controlled|led|affiliated|linked|allied|"
    r"inspired|loyal)"
)
_AFFILIATION = {"affiliated", "linked", "allied", "inspired", "loyal", "aligned"}
_CAPS = r"(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)*"
_TIE_MOD = re.compile(rf"((?:al-|el-)?[A-Z][\w'’.]*(?:[ -](?:al-)?[A-Z][\w'’.]*)*)[- ]{_TIE_WORD}\b")
_SCOPE = re.compile(rf"\b(?:in|of|across|around)\s+({_CAPS})|\b([A-Z][\w'’]+)-based\b")
_TRAILING_SCOPE = re.compile(rf"\s+(?:in|across|around|from)\s+(?:the\s+)?({_CAPS})$")
_NEW_GROUP = re.compile(
    r"^(?:(?:[A-Z][\w'’-]*|of|al|el|the|and)\s+){1,6}(?:Brigade|Brigades|Battalion|Battalions|Front|Division|"
    r"Army|Movement|Forces|"
    r"Corps|Legion|Regiment|Council|Party|Group|Organization|Organisation|Units|Guards|Militia|Alliance)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,4})?$|^(?:Jaysh|Jaish|Liwa|Katibat|Harakat|Saraya|"
    r"Firqat|Faylaq|Tajammu|Ansar|Jabhat|Kataib|Kata'ib)\s+[\w'’ -]+$"
)


@dataclass
class Resolved:
    """A resolution with what the ref cannot carry: mode, person, backer/affiliate ties, scope."""

    actor: KBActor | None
    name: str
    kb_id: str | None
    type: str | None
    country: str | None
    inter: int | None
    in_kb: bool = True
    label: str | None = None
    mode: str | None = None
    person: str | None = None
    ties: list[tuple[str, str]] = field(default_factory=list)  # (relation, actor id of the other side)

    def ref(self) -> ActorRef:
        return ActorRef(name=self.name, kb_id=self.kb_id, type=self.type, country=self.country,
                        acled_inter=self.inter, label=self.label)


def _from_actor(a: KBActor) -> Resolved:
    return Resolved(a, a.name, a.id, a.type, a.country, a.inter)


def ref_of(actor_id: str) -> ActorRef | None:
    a = load_kb().get(actor_id)
    return _from_actor(a).ref() if a else None


@functools.cache
def _lex() -> dict[str, Any]:
    """Head-noun lexicon keyed by normalised word, with the longest heads first."""
    lex = load_kb().lex
    heads: dict[str, str] = {}
    for cat, words in lex["heads"].items():
        for w in words:
            heads.setdefault(norm(w), cat)
    modes = {norm(w): m for m, words in lex["modes"].items() for w in words}
    return {"heads": heads, "modes": modes, "loaded": {norm(w) for w in lex["loaded"]},
            "bare": {norm(w) for w in lex["bare_state_heads"]},
            "armed_mods": {norm(w) for w in lex["armed_modifiers"]},
            "civil_mods": {norm(w) for w in lex["civil_modifiers"]},
            "anaphors": {norm(w) for w in lex["anaphors"]},
            "members": {norm(w) for w in lex["member_heads"]},
            "labels": {norm(w) for w in lex["labels"]}}


def _strip(text: str) -> str:
    t = re.sub(r"[\"“”«»]", "", text).strip().strip(",;:")
    prev = None
    while prev != t:
        prev, t = t, _DETS.sub("", t)
    return re.sub(r"['’]s$", "", t)


_YEAR: ContextVar[int | None] = ContextVar("lanner_actor_year", default=None)


def _active(a: KBActor, year: int | None) -> tuple[int, int]:
    """Sort key: an actor active in the document's year first; with no date, the latest one."""
    start, end = a.active
    if year is None:
        return (0, -(end or 9999))
    inside = (start is None or start <= year) and (end is None or year <= end)
    return (0 if inside else 1, 0)


def _pick(kb: KB, ids: list[str], hint: str | None) -> KBActor:
    named = [i for i in ids if kb.actors[i].template is None] or ids
    if len(named) > 1:  # "Free Syrian Army" is the 2011 rebel army or, from 2017, the SNA's old name
        named = sorted(named, key=lambda i: _active(kb.actors[i], _YEAR.get()))
    for i in named:
        if hint and kb.actors[i].country == hint:
            return kb.actors[i]
    return kb.actors[named[0]]


def _exact(kb: KB, text: str, hint: str | None) -> KBActor | None:
    bare = text.replace(".", "")
    if bare in kb.acronyms:
        return _pick(kb, kb.acronyms[bare], hint)
    ids = kb.alias_index.get(norm(text))
    return _pick(kb, ids, hint) if ids else None


def _label(text: str) -> str | None:
    key = norm(text)
    words = set(key.split())
    loaded = _lex()["loaded"]
    if words & loaded or any(w.rstrip("s") in loaded for w in words):
        return text.strip()
    if any(" " in t and re.search(rf"\b{re.escape(t)}\b", key) for t in loaded):
        return text.strip()
    return None


def _named_in(kb: KB, text: str, hint: str | None) -> tuple[KBActor | None, list[tuple[str, str]]]:
    """A named (non-generic) KB actor inside the phrase, skipping names used as '-backed' modifiers."""
    ties: list[tuple[str, str]] = []
    core = text
    for m in _TIE_MOD.finditer(text):
        other = _modifier_actor(kb, m.group(1), hint)
        if other:
            rel = "supports" if m.group(2) in {"backed", "supported", "sponsored", "funded", "armed",
                                               "trained", "controlled", "led"} else "affiliated"
            ties.append((rel, other.id))
        core = core.replace(m.group(0), " ")
    tokens = re.findall(r"[\w'’.-]+|\S", core)
    best: KBActor | None = None
    for n in range(min(8, len(tokens)), 0, -1):
        for i in range(len(tokens) - n + 1):
            cand = " ".join(tokens[i:i + n])
            a = _exact(kb, cand, hint)
            if a is None or not _denotes_actor(tokens[i + n:]):
                continue
            if a.template is None and not (n == 1 and cand.islower()):
                return a, ties
            if best is None and a.template is not None and n > 1:
                best = a
    return best, ties


def _denotes_actor(trailing: list[str]) -> bool:
    """Whether a name followed by these words still names an actor ("SDF fighters", not "ISIS attacks")."""
    words = [w for w in trailing if re.fullmatch(r"[A-Za-z][\w'’-]*", w)]
    if not words or trailing[0] in {"(", ","}:
        return True
    lex = _lex()
    last = norm(words[-1])
    return last in lex["heads"] or any(norm(w) in lex["members"] for w in words)


def _leader_in(kb: KB, text: str) -> tuple[KBActor, str] | None:
    """A leader named anywhere in the phrase ("Turkish President Recep Tayyip Erdogan")."""
    tokens = text.split()
    for n in range(min(4, len(tokens)), 0, -1):
        for i in range(len(tokens) - n, -1, -1):
            ld = kb.leaders.get(norm(" ".join(tokens[i:i + n])))
            if ld and tokens[i][:1].isupper():
                return kb.generic("gov", ld.country), ld.name  # type: ignore[return-value]
    return None


def _modifier_actor(kb: KB, word: str, hint: str | None) -> KBActor | None:
    """Whoever a '-backed' style modifier names: a country word means its government."""
    iso = kb.country_of_word(word)
    if iso:
        return kb.generic("gov", iso)
    return _exact(kb, word, hint) or _leader_actor(kb, word)


def _leader_actor(kb: KB, text: str) -> KBActor | None:
    ld = kb.leaders.get(norm(text))
    return kb.generic("gov", ld.country) if ld else None


def _head(text: str) -> tuple[str | None, str | None, int]:
    """(category, mode, index of the head's first token) from the phrase's last one or two words."""
    lex = _lex()
    words = norm(text).split()
    for n in (2, 1):
        if len(words) >= n:
            w = " ".join(words[-n:])
            if w in lex["heads"]:
                return lex["heads"][w], lex["modes"].get(w), len(words) - n
    return None, None, -1


def _country_in(kb: KB, text: str, upto: int) -> str | None:
    """A country named by a modifier word before the head (demonym, country, capital), not a '-backed' one."""
    cleaned = re.sub(r"\b[\w'’]+-based\b", " ", _TIE_MOD.sub(" ", text))  # "Britain-based group": a location
    words = norm(cleaned).split()
    words = words[: max(0, upto - (len(norm(text).split()) - len(words)))] if upto >= 0 else words
    for n in (3, 2, 1):
        for i in range(len(words) - n, -1, -1):
            iso = kb.country_of_word(" ".join(words[i:i + n]))
            if iso:
                return iso
    return None


def _scope(text: str) -> str | None:
    m = _SCOPE.search(text)
    return (m.group(1) or m.group(2)) if m else None


_TEMPLATE_OF = {"military": "mil", "police": "pol", "government": "gov", "protesters": "pro",
                "rioters": "rio", "civilians": "civ", "unidentified": "uag", "armed_group": "aog"}


def _by_head(kb: KB, text: str, hint: str | None, place: str | None) -> Resolved | None:
    m = _TRAILING_SCOPE.search(text)
    if m:
        place, text = place or m.group(1), text[: m.start()]
    cat, mode, idx = _head(text)
    if cat is None:
        return None
    iso = _country_in(kb, text, idx)
    if cat == "military" and set(norm(text).split()[:idx]) & _lex()["armed_mods"]:
        cat = "armed_group"
    mods = set(norm(text).split()[:idx])
    if cat == "armed_group" and mods & _lex()["civil_mods"]:
        return None
    tie = _TIE_MOD.search(text)
    backed = tie is not None and tie.group(2) not in _AFFILIATION
    head_word = norm(text).split()[-1] if text.split() else ""
    rebelish = head_word in _lex()["armed_mods"]
    if iso is None and backed and cat in {"military", "armed_group"} and not rebelish:
        cat = "unidentified"  # "Russian-backed forces": a backed group whose identity the text does not give
    if cat == "armed_group" and iso and hint and iso != hint:
        iso, cat = hint, "unidentified"  # "Iranian militias" in Syria: foreign fighters, not Iran's rebels
    regime = "regime" in norm(text).split()
    key = _TEMPLATE_OF[cat]
    if regime and cat in {"military", "armed_group", "police"}:
        key = "mil"
    if iso is None:
        bare = norm(text) in _lex()["bare"] or len(norm(text).split()) > 1
        if cat in {"military", "police", "government"} and not (hint and (regime or bare)):
            return None
        iso = hint
    if cat == "armed_group" and iso is not None and not regime and key == "aog":
        place = place or _scope(text)
        a = kb.generic("aog", iso)
        if a and place and kb.country_of_word(place) is None:
            r = _from_actor(a)
            base = a.name.split("(")[0].strip()  # the template's words, or the country's own name for them
            r.name, r.kb_id, r.in_kb = f"{base} ({place})", f"aog-{iso}:{norm(place)}", False
            r.mode = mode
            return r
    a = kb.generic(key, iso) if iso else None
    if a is None:
        if cat in {"armed_group", "unidentified"}:
            return Resolved(None, "Unidentified Armed Group", "uag", "political_militia", None, 3,
                            in_kb=False)
        if cat in {"protesters", "civilians", "rioters"}:
            typ = {"protesters": "protesters", "civilians": "civilians", "rioters": "rioters"}[cat]
            return Resolved(None, typ.capitalize(), typ[:3], typ, None, kb.inter[typ], in_kb=False)
        return None
    r = _from_actor(a)
    r.mode = mode
    return r


def _fuzzy(kb: KB, text: str, hint: str | None) -> KBActor | None:
    if len(text) < 5 or not any(c.isupper() for c in text):
        return None
    key = norm(text)
    cutoff = 88 if len(key) >= 20 else 91  # short names differ by a letter or two between groups
    hit = process.extractOne(key, _alias_keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
    return _pick(kb, kb.alias_index[hit[0]], hint) if hit else None


@functools.cache
def _alias_keys() -> list[str]:
    kb = load_kb()
    return [k for k, ids in kb.alias_index.items() if any(kb.actors[i].template is None for i in ids)]


def _new_group(text: str, hint: str | None) -> Resolved | None:
    t = text.strip()
    if not _NEW_GROUP.match(t) or t.isupper():
        return None
    typ = "political_militia" if re.search(r"\b(Party|Council|Guards|Militia)\b", t) else "rebel_group"
    inter = load_kb().inter[typ]
    return Resolved(None, t, f"new:{norm(t).replace(' ', '-')}", typ, hint, inter, in_kb=False)


def resolve_detail(text: str, country_hint: str | None = None, place: str | None = None,
                   year: int | None = None) -> Resolved | None:
    """Resolve a phrase and keep the mode/person/ties that a bare ActorRef cannot carry.

    `year` (the document's) picks between actors that shared a name at different times."""
    if year is None:  # keep the year a caller (find_actors) set for the whole document
        return _resolve(text, country_hint, place)
    token = _YEAR.set(year)
    try:
        return _resolve(text, country_hint, place)
    finally:
        _YEAR.reset(token)


def _resolve(text: str, country_hint: str | None, place: str | None) -> Resolved | None:
    kb = load_kb()
    core = _strip(text)
    if not core or not re.search(r"\w", core):
        return None
    label = _label(core)
    core = re.sub(r"^so[- ]called\s+", "", core, flags=re.I) or core  # the label is kept above
    res: Resolved | None = None
    a = _exact(kb, core, country_hint)
    if a:
        res = _from_actor(a)
    elif (ld := kb.leaders.get(norm(core))) is not None:
        res = _from_actor(kb.generic("gov", ld.country))  # type: ignore[arg-type]
        res.person = ld.name
    elif (iso := kb.countries.get(norm(core)) or kb.capitals.get(norm(core))) is not None:
        res = _from_actor(kb.generic("gov", iso))  # type: ignore[arg-type]
    ties: list[tuple[str, str]] = []
    if res is None and (lead := _leader_in(kb, core)) is not None:
        res = _from_actor(lead[0])
        res.person = lead[1]
    if res is None:
        named, ties = _named_in(kb, core, country_hint)
        titled = all(w[:1].isupper() for w in core.split() if w.lower() not in {"of", "al", "the", "and"})
        fuzzy_first = _fuzzy(kb, core, country_hint) if named is None and titled else None
        if named is not None and named.template is None:
            res = _from_actor(named)
        elif fuzzy_first is not None:
            res = _from_actor(fuzzy_first)
        elif titled and _country_in(kb, core, -1) is None and (new := _new_group(core, country_hint)):
            res = new  # "Al-Mostafa Brigades": a named group not in the KB, kept rather than made generic
        else:
            res = _by_head(kb, core, country_hint, place)
            if res is None and named is not None:
                res = _from_actor(named)
    if res is None:
        hit = _fuzzy(kb, core, country_hint)
        res = _from_actor(hit) if hit else _new_group(core, country_hint)
    if res is None:
        return None
    if res.mode is None:
        res.mode = _head(core)[1]
    res.label, res.ties = label, ties
    return res


def resolve_phrase(text: str, country_hint: str | None = None, place: str | None = None,
                   year: int | None = None) -> ActorRef | None:
    """Best actor for any noun phrase ("US fighter jets", "takfiri militias", "Ankara"), or None."""
    res = resolve_detail(text, country_hint, place, year)
    return res.ref() if res else None


def ruler_patterns() -> list[dict[str, Any]]:
    """ORG/PERSON patterns from KB aliases; short all-caps aliases match case-sensitively (IS, AA)."""
    kb = load_kb()
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in kb.actors.values():
        for alias in a.aliases if a.template is None else a.aliases[1:]:
            if not any(c.isupper() for c in alias) or alias in seen or kb.country_of_word(alias):
                continue
            seen.add(alias)
            if is_acronym(alias):
                out.append({"label": "ORG", "pattern": [{"ORTH": alias}], "id": a.id})
            else:
                out.append({"label": "ORG", "pattern": alias, "id": a.id})
    for ld_alias in _leader_aliases():
        out.append({"label": "PERSON", "pattern": [{"ORTH": w} for w in ld_alias.split()]})
    return out


@functools.cache
def _leader_aliases() -> list[str]:
    """Leader names as written (case kept: 'Trump' is a person, 'trump card' is not)."""
    import yaml

    from lanner.resolve.actor_kb import DATA

    data = yaml.safe_load((DATA / "leaders.yaml").read_text(encoding="utf-8"))
    return sorted({a for ld in data["leaders"] for a in [ld["name"], *ld.get("aliases", [])]})
