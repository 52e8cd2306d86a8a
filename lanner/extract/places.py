"""Toponym recognition and geocoding of every place mention.

Mentions are spaCy GPE/LOC/FAC entities, plus ORG entities that are strong gazetteer names
("Hasakah" tagged ORG) and names coordinated with a place ("in Ain Issa, Al-Shirkarak and ...")
that the small model mislabels. Each mention gets local cues from the text (an adjacent province,
"province"/"town" words, "30 km southeast of", metonymic use as an actor) and the whole document is
resolved together (lanner.resolve.geo_context). Unknown names stay with `resolution=None`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.symbols import PROPN

from lanner.extract.place_scan import english_words, scan
from lanner.model import Place, Span
from lanner.nlp.load import doc_text, lower_positions
from lanner.pipeline import WorkDoc
from lanner.resolve.gazetteer import Candidate, haversine_km, load_gazetteer
from lanner.resolve.geo_context import Query, resolve_document
from lanner.resolve.place_cues import cues

PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_LABELS = {"ORG", "PERSON", "NORP"}
NATIONALITY_VOTE = 1.0  # one more name of the country ("Syrian troops" x5)
FAMOUS_POPULATION = 1_000_000  # a reading this big may be named by an English word from anywhere
PART_MAX_POPULATION = 10_000  # a reading this big is a town in its own right, not a city's quarter
CITY_POPULATION = 100_000  # a city big enough to have named quarters
PART_KM = 20.0  # a quarter lies within this distance of its city's point
AROUND_WORDS = {"countryside", "outskirts", "suburbs", "environs"}
STRONG_PRIOR = 5.5  # an ORG-tagged name this strong in the gazetteer is read as a place
METONYM_FCODES = {"PCLI", "PPLC", "CONT"}
LIST_PREPS = {"in", "near", "at", "around", "outside", "between", "of"}
WEAK_PREPS = {"in", "near", "outside", "around", "into", "towards", "toward"}
_TRIM_TAIL = re.compile(r"(?:'s|’s)$")
# a dateline: a place opening a line near the top, then the agency or date and a dash ("HASAKA, SANA-",
# "BEIRUT (Reuters) -", "Sudan - Gunmen ...")
_DATELINE_AFTER = re.compile(r"\s*(?:,[^\n,.]{0,40}?)?\s*(?:\([^)\n]{0,40}\))?\s*[-\u2013\u2014]")
_DATELINE_NAME = re.compile(
    r"\s*([A-Z][\w'\u2019.]*(?: (?:of |the )?[A-Z][\w'\u2019.]*){0,4})\s*[-\u2013\u2014]\s"
)
DATELINE_CHARS = 400  # how far into the text a dateline may stand (after a headline)
DATELINE_VOTE = 1.0  # the dateline's country: where the report is filed from, one strong vote
_DASHES = {"-", "\u2013", "\u2014"}
_GENERIC_TAIL = re.compile(
    r"\s+(?:border\s+crossing|crossing|camp|town|township|city|village|area|district|island|territory|locality|chiefdom|chieftaincy)$",
    re.I,
)


@dataclass
class Mention:
    start: int
    end: int
    name: str
    root: Any  # spacy Token
    label: str
    want: str | None = None
    relation: str | None = None
    hints: list[str] = field(default_factory=list)
    only: frozenset[str] | None = None  # a scanned name: its readings in these countries only
    replaces: tuple[tuple[int, int], ...] = ()  # tagged pieces a scanned name joins ('Deir' + 'Zor')


def _clean(ent: Any) -> tuple[int, int, str, str | None]:
    """Trim 'the', a possessive and a trailing admin word; return offsets, name and the wanted type."""
    toks = list(ent)
    while toks and toks[0].lower_ in ("the",):
        toks = toks[1:]
    if len(toks) > 1 and _country_possessive(toks[0].text):
        toks = toks[1:]  # 'Syrias Aleppo': "Syria's Aleppo" with its apostrophe lost
    want = None
    admin_words = set(cues()["admin_after"])
    if len(toks) > 1 and toks[-1].lower_ in admin_words:
        toks, want = toks[:-1], "admin"
    for k, tok in enumerate(toks[1:], 1):
        if tok.text in _DASHES and toks[k - 1].whitespace_:
            toks = toks[:k]  # 'South Africa - Journalists': a dateline glued to the next word
            break
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return ent.start_char, ent.start_char, "", None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    name = doc_text(ent.doc)[start:end]
    m = _TRIM_TAIL.search(name)
    if m:
        end -= len(m.group(0))
        name = name[: m.start()]
    return start, end, name, want


def _country_possessive(word: str) -> bool:
    """'Syrias': a country's name with a possessive s whose apostrophe was lost in the text."""
    if len(word) < 5 or not word.endswith("s") or not word[:1].isupper():
        return False
    cands = load_gazetteer().candidates(word[:-1])
    return bool(cands) and cands[0].fcode == "PCLI" and cands[0].tier == 0 and cands[0].kind in (0, 2)


def _coordinated_with_place(ent: Any, place_tokens: set[int]) -> bool:
    """'in Ain Issa, Al-Shirkarak and ...': a later conjunct of a place after a locative preposition."""
    head = ent.root.head
    if ent.root.dep_ != "conj" or head.i not in place_tokens:
        return False
    while head.dep_ == "conj":
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LIST_PREPS


def _mentions(sdoc: Any) -> list[Mention]:
    gaz = load_gazetteer()
    place_ents = [e for e in sdoc.ents if e.label_ in PLACE_LABELS]
    place_tokens = {t.i for e in place_ents for t in e}
    out: list[Mention] = []
    person_words = {t.lower_ for e in sdoc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for e in sdoc.ents:
        if e.label_ in OTHER_LABELS:
            if e.label_ == "ORG" and not _strong(gaz, e.text):
                out += _embedded_prefix(e, gaz)
            if not (
                (e.label_ == "ORG" and _strong(gaz, e.text))
                or _major_place(gaz, e.text)
                or (len(e) > 1 and _country_possessive(e[0].text) and gaz.candidates(e[1:].text))
                or (e.label_ in ("PERSON", "ORG") and _coordinated_with_place(e, place_tokens))
            ):
                continue
        elif e.label_ not in PLACE_LABELS:
            continue
        elif e.label_ != "FAC" and all(t.lower_ in person_words for t in e) and not _strong(gaz, e.text):
            continue  # 'Modi' after 'Narendra Modi': the model's GPE is the person again
        start, end, name, want = _clean(e)
        if not name or not any(ch.isupper() for ch in name):
            continue
        nxt = sdoc[e.end].lower_ if e.end < len(sdoc) else ""
        if want is None and nxt in cues()["admin_after"]:
            want = "admin"
        elif want is None and nxt in AROUND_WORDS:
            want = "settlement"  # 'the Idlib countryside': around the town (precision 2), not the province
        before = doc_text(sdoc)[max(0, start - 40) : start].lower()
        if want is None and cues()["_settle_before"].search(before):
            want = "settlement"
        if want is None and cues()["_admin_before"].search(before):
            want = "admin"
        out.append(Mention(start, end, name, e.root, e.label_, want))
    out += _unlabelled_before_area_word(sdoc, gaz)
    out += _untagged_after_locative(sdoc, gaz)
    return out


def _strong(gaz: Any, text: str) -> bool:
    """A name the gazetteer knows well enough to overrule the model's ORG label ('Hasakah', 'EU').

    Primary or curated names only for all-caps text: alternates include airport codes ('SDF')."""
    cands = gaz.candidates(text)
    return (
        bool(cands)
        and cands[0].tier == 0
        and (cands[0].kind in (0, 2) or not text.isupper())
        and cands[0].prior() >= STRONG_PRIOR
    )


def _major_place(gaz: Any, text: str) -> bool:
    """'Azerbaijan' tagged PERSON, 'Tunis' tagged NORP: the primary name of a country, capital or
    province is read as that place whatever label the small model gave it."""
    if not _strong(gaz, text):
        return False
    top = gaz.candidates(text)[0]
    return top.kind in (0, 2) and top.fcode in ("PCLI", "PPLC", "ADM1")


def _embedded_prefix(ent: Any, gaz: Any) -> list[Mention]:
    """'Toronto Raptors', 'Idlib Operations Room': a strong place name opening an organisation's name."""
    for k in range(min(3, len(ent) - 1), 0, -1):
        span = ent[:k]
        if span[-1].pos_ == "PROPN" and _strong(gaz, span.text):
            return [Mention(span.start_char, span.end_char, span.text, span.root, "EMBEDDED")]
    return []


def _untagged_after_locative(sdoc: Any, gaz: Any) -> list[Mention]:
    """'in Harasta', 'near Kahil': an untagged proper noun after a locative preposition. Weak evidence,
    so it is kept only if the gazetteer places it in a country the document already names."""
    out = []
    # a bare proper noun is a PROPN: the POS array skips every other token without building it
    pos = sdoc.to_array("POS").tolist() if len(sdoc) else []
    i = 0
    while i < len(sdoc):
        if pos[i] != PROPN or not (_bare_propn(sdoc[i]) and not sdoc[i].ent_type_):
            i += 1
            continue
        j = i
        while j < len(sdoc) and pos[j] == PROPN and _bare_propn(sdoc[j]) and not sdoc[j].ent_type_:
            j += 1
        span = sdoc[i:j]
        prev = sdoc[i - 1] if i > 0 else None
        if prev is not None and prev.lower_ in WEAK_PREPS and gaz.candidates(span.text):
            out.append(Mention(span.start_char, span.end_char, span.text, span.root, "WEAK"))
        i = j
    return out


def _bare_propn(tok: Any) -> bool:
    return tok.pos_ == "PROPN" and tok.ent_type_ not in PLACE_LABELS and tok.text[:1].isupper()


def _unlabelled_before_area_word(sdoc: Any, gaz: Any) -> list[Mention]:
    """'in the western Raqqa countryside', 'Idlib governorate': a proper noun the model left untagged,
    right before an area word, is a place if the gazetteer knows it."""
    area = set(cues()["admin_after"]) | {"countryside", "outskirts", "suburbs"}
    out = []
    for i in lower_positions(sdoc, area):
        tok = sdoc[i]
        if tok.i == 0:
            continue
        j = tok.i
        while j > 0 and _bare_propn(sdoc[j - 1]):
            j -= 1
        if j == tok.i:
            continue
        span = sdoc[j : tok.i]
        if gaz.candidates(span.text):
            want = "admin" if tok.lower_ in cues()["admin_after"] else "settlement"
            out.append(Mention(span.start_char, span.end_char, span.text, span.root, "GPE", want))
    return out


def _relation(text: str, m: Mention, sent_start: int) -> str | None:
    before = text[max(sent_start, m.start - 60) : m.start]
    for rx in cues()["_rel"]:
        hit = rx.search(before)
        if hit:
            return re.sub(r"\s+", " ", hit.group(1).strip().lower())
    after = text[m.end : m.end + 40]
    for rx in cues()["_rel_after"]:
        hit = rx.search(after)
        if hit:
            return f"{hit.group(1).lower()} of"
    return None


def _add_hints(text: str, ms: list[Mention]) -> None:
    """An admin unit named right after a mention, or later in its sentence after 'in', is its context."""
    for i, m in enumerate(ms):
        sent = m.root.sent
        for j in range(i + 1, len(ms)):
            o = ms[j]
            if o.root.sent.start != sent.start:
                break
            between = text[m.end : o.start]
            if j == i + 1 and any(rx.search(between) for rx in cues()["_link"]) and len(between) < 40:
                m.hints.append(o.name)
            elif re.search(r"\bin\s+$", between[-8:]):
                m.hints.append(o.name)


def _is_metonym(m: Mention, cand: Candidate | None, ent_labels: dict[int, str]) -> bool:
    """A country or capital used as an actor: subject of a speech/decision verb, possessor of a stance."""
    if cand is None or cand.fcode not in METONYM_FCODES:
        return False
    c = cues()
    tok = m.root
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is not None:
        return prep.lower_ not in c["locative_preps"]
    span = tok.doc.char_span(m.start, m.end, alignment_mode="expand")
    before = tok.doc[span.start - 1] if span is not None and span.start > 0 else None
    if before is not None and before.lower_ in c["locative_preps"] and tok.dep_ != "poss":
        return False
    verb = tok.head.lemma_.lower()
    if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"):
        # 'Ankara did not comment': a country or capital doing something is its government, unless
        # the verb is one places do ('Damascus witnessed clashes')
        return verb not in c["literal_verbs"]
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"):
        # 'Britain accuses Russia', 'ordered Britain to reduce': subject or object of an actor's verb
        return verb in c["metonym_verbs"]
    if tok.dep_ == "poss":
        return tok.head.lemma_.lower() not in c["literal_nouns"]
    if tok.dep_ in ("compound", "amod", "npadvmod"):
        return tok.head.lemma_.lower() not in c["literal_nouns"] + c["settlement_before"] + c["admin_after"]
    if tok.dep_ == "conj":
        head = tok.head
        if ent_labels.get(head.i) in ("PERSON", "ORG"):
            return True
        if ent_labels.get(head.i) == "GPE" and head.dep_ != "conj":
            # 'Britain and France': a conjunct shares the role of the first place
            return _is_metonym(
                Mention(head.idx, head.idx + len(head.text), head.text, head, "GPE"), cand, ent_labels
            )
    return False


def _queries(gaz: Any, ms: list[Mention]) -> list[Query]:
    queries = []
    for m in ms:
        name = m.name
        if not gaz.candidates(name):
            name = _GENERIC_TAIL.sub("", name) or name
        queries.append(Query(name=name, want=m.want, hint_names=m.hints, weak=m.label == "WEAK", only=m.only))
    return queries


def _home(gaz: Any, ms: list[Mention], votes: dict[str, float] | None = None) -> set[str]:
    """The document's focus countries as its mentions so far tell: the country most of them point to,
    and any other country two of them are placed in."""
    first, focus = resolve_document(_queries(gaz, ms), gaz, extra_votes=votes) if ms else ([], None)
    per_country = Counter(c.country for c in first if c is not None and c.fcode != "PCLI" and c.country)
    home = {focus} if focus else set()
    return home | {cc for cc, n in per_country.items() if n >= 2}


def _dateline_mention(sdoc: Any, gaz: Any, ms: list[Mention]) -> list[Mention]:
    """The dateline's place when the model tagged none there ('Central African Republic - Clashes in
    ...' read as an organisation): the words before the dash, if the gazetteer knows them exactly."""
    text = doc_text(sdoc)
    m = _DATELINE_NAME.match(text[:DATELINE_CHARS])
    if m is None:
        return []
    start, end = m.span(1)
    if any(x.start < end and start < x.end for x in ms):
        return []
    cands = [c for c in gaz.candidates(m.group(1)) if c.tier == 0 and c.kind in (0, 2)]
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if not cands or span is None or not is_dateline(text, start, end):
        return []
    return [Mention(start, end, m.group(1), span.root, "DATELINE")]


def is_dateline(text: str, start: int, end: int) -> bool:
    """A name opening a line near the top of the text and followed by a dash, perhaps after an agency
    or a date ('HASAKA, SANA-', 'Mali - Two armed men ...'): where the report is filed from."""
    return (
        start < DATELINE_CHARS
        and (start == 0 or text[:start].rstrip(" \t").endswith("\n") or not text[:start].strip())
        and bool(_DATELINE_AFTER.match(text, end))
    )


def _dateline_votes(text: str, gaz: Any, ms: list[Mention]) -> dict[str, float]:
    """One strong vote for the country of the dateline's place: a bare village name later in the report
    is read in the country the report is filed from ('Sudan - ... in Tur' is not Tours, France)."""
    for m in ms:
        if m.start >= DATELINE_CHARS:
            break
        if is_dateline(text, m.start, m.end):
            top = [c for c in gaz.candidates(m.name) if c.tier == 0 and c.country][:1]
            return {top[0].country: DATELINE_VOTE} if top else {}
    return {}


def _nationality_votes(sdoc: Any, gaz: Any, ms: list[Mention] | None = None) -> dict[str, float]:
    """A country vote for the nationality the story's actors carry most ('Syrian troops' x5): one vote,
    like one more name of the country; plus the dateline's country (`_dateline_votes`)."""
    votes = dict.fromkeys(_demonym_countries(sdoc, gaz), NATIONALITY_VOTE)
    for cc, v in _dateline_votes(doc_text(sdoc), gaz, ms or []).items():
        votes[cc] = votes.get(cc, 0.0) + v
    return votes


def _demonym_countries(sdoc: Any, gaz: Any) -> set[str]:
    """Countries the document's actors imply: 'Syrian troops', 'Malian soldiers' (the country of a
    nationality adjective the text uses at least as often as any other)."""
    counts: Counter[str] = Counter()
    for e in sdoc.ents:
        if e.label_ in ("NORP", "ORG"):  # 'Syrian' alone, or opening an actor's name ('Syrian troops')
            for c in gaz.candidates(e.text if e.label_ == "NORP" else e[0].text, demonyms=True)[:1]:
                if c.kind == 3 and c.fcode == "PCLI":
                    counts[c.country] += 1
    if not counts:
        return set()
    top = max(counts.values())
    return {cc for cc, n in counts.items() if n == top}


def _scanned(sdoc: Any, gaz: Any, ms: list[Mention], wd: WorkDoc) -> list[Mention]:
    """Gazetteer names of the document's focus countries that no rule above found (place_scan). The
    focus is read first from the mentions found so far: the country most of them point to, and any
    other country two of them are placed in."""

    votes = _nationality_votes(sdoc, gaz, ms)
    home = _home(gaz, ms, votes) | set(votes)
    found = scan(sdoc, gaz, [(m.start, m.end) for m in ms], home)
    if any(f.replaces for f in found):
        # names the model cut in pieces ('Deir' + 'ez Zor') misled the focus: read it again, joined
        gone = {r for f in found for r in f.replaces}
        kept = [m for m in ms if (m.start, m.end) not in gone]
        joined = [Mention(f.start, f.end, f.name, f.root, "SCAN") for f in found if f.replaces]
        home = _home(gaz, kept + joined, votes) | set(votes)
        found = [f for f in found if f.replaces] + scan(
            sdoc, gaz, [(m.start, m.end) for m in kept + joined], home
        )
    out = []
    for f in found:
        only = None if f.replaces else f.countries
        out.append(Mention(f.start, f.end, f.name, f.root, "SCAN", only=only, replaces=f.replaces))
    return out


def _common_word_abroad(m: Mention, cand: Candidate, focus: str) -> bool:
    """'Western', 'North East', 'West' read as a small place or province outside the story's country:
    English words the model tagged, not the Ghanaian region or the US hamlet."""

    if (
        cand.country == focus
        or cand.fcode in ("PCLI", "CONT", "PPLC")
        or cand.population >= FAMOUS_POPULATION
    ):
        return False
    words = re.findall(r"[a-z]+", m.name.lower())
    return bool(words) and all(w in english_words() for w in words)


def _part_of_city(
    text: str, m: Mention, cand: Candidate, picks: list[tuple[Mention, Candidate | None]]
) -> bool:
    """'the Salihiah neighbourhood of Hasakah city': a village reading of a city's part, far from a
    city the same sentence names, is a neighbourhood the gazetteer lacks (the event is coded at the
    city), not a same-named village in another province."""
    if not cand.fcode.startswith("PP") or cand.population >= PART_MAX_POPULATION:
        return False
    words = "|".join(cues()["part_words"])
    before = re.search(rf"\b(?:{words})\s+(?:of\s+)?(?:the\s+)?$", text[max(0, m.start - 30) : m.start], re.I)
    after = re.match(rf"\s+(?:{words})\b", text[m.end : m.end + 20], re.I)
    if not (before or after):
        return False
    sent = m.root.sent
    cities = [
        c
        for o, c in picks
        if c is not None
        and o is not m
        and o.root.sent.start == sent.start
        and c.fcode.startswith("PP")
        and c.population >= CITY_POPULATION
    ]
    return bool(cities) and all(haversine_km(cand.lat, cand.lon, c.lat, c.lon) > PART_KM for c in cities)


def find_places(wd: WorkDoc) -> None:
    """Set `wd.out.places`: each mention with its resolution, metonym flag and relation."""
    sdoc = wd.sdoc
    if sdoc is None:
        return
    text = wd.text
    ms = sorted(_mentions(sdoc), key=lambda m: m.start)
    dedup: list[Mention] = []
    for m in ms:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    gaz = load_gazetteer()
    dedup = sorted(dedup + _dateline_mention(sdoc, gaz, dedup), key=lambda m: m.start)
    scanned = _scanned(sdoc, gaz, dedup, wd)
    gone = {r for m in scanned for r in m.replaces}
    ms = sorted([m for m in dedup if (m.start, m.end) not in gone] + scanned, key=lambda m: m.start)
    _add_hints(text, ms)
    for m in ms:
        m.relation = _relation(text, m, m.root.sent.start_char)
    queries = _queries(gaz, ms)
    best, focus = resolve_document(queries, gaz, extra_votes=_nationality_votes(sdoc, gaz, ms))
    ent_labels = {t.i: e.label_ for e in sdoc.ents for t in e}
    places: list[Place] = []
    picks = list(zip(ms, best, strict=True))
    for m, q, cand in zip(ms, queries, best, strict=True):
        if q.weak and cand is None:
            continue
        if any(ch.isdigit() for ch in m.name):
            continue  # 'Jul 262016', a date glued to a dateline: no place name has figures in it
        if cand is not None and focus is not None and _common_word_abroad(m, cand, focus):
            cand = None
        if cand is not None and _part_of_city(text, m, cand, picks):
            cand = None
        res = None
        if cand is not None:
            prec = cand.precision
            if m.relation and prec < 2:
                prec = 2
            res = cand.resolution(prec)
        places.append(
            Place(
                mention=Span.of(text, m.start, m.end),
                resolution=res,
                metonym=m.label == "EMBEDDED" or _is_metonym(m, cand, ent_labels),
                relation=m.relation,
                candidates=len(gaz.candidates(q.name)),
            )
        )
    wd.out.places = places
    wd.scratch["focus_country"] = focus
