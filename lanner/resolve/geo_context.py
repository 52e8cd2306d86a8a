"""Document-level toponym resolution: resolve every mention of a document together.

One name alone is ambiguous ("Alexandria", "Raqqa" city or province); the other places in the same
document usually settle it. Two passes: the first picks by prior to find the document's focus
country, the admin units it names and unambiguous anchor coordinates; the second re-ranks every
mention with that context plus its own local cues (an adjacent province, "province"/"town" words).
Used by the places stage and, with gold spans, by the geo evaluation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lanner.resolve.gazetteer import Candidate, Gazetteer, GeoContext, load_gazetteer, score

ANCHOR_MARGIN = 2.0  # a pass-1 pick this far ahead of the runner-up is trusted as a proximity anchor
VOTE_TEMPERATURE = 2.0  # prior points per tenfold vote weight when spreading a mention's country vote
MIN_COUNTRY_VOTE = 0.5  # a country needs this much vote mass to count as "named in the document"


@dataclass
class Query:
    """One toponym mention to resolve, with the cues found next to it in the text."""

    name: str
    want: str | None = None
    hint_names: list[str] = field(default_factory=list)  # admin units named beside it ("town of Hasakah")
    demonyms: bool = False
    weak: bool = False  # found by a fallback rule: accepted only in a country the document names


def _admin_codes(cands: tuple[Candidate, ...] | list[Candidate]) -> set[str]:
    """Admin1 codes a name can denote: a province itself, or the province of its leading settlement."""
    codes = {c.admin1_code for c in cands if c.fcode == "ADM1" and c.admin1_code}
    if cands and cands[0].admin1_code and cands[0].fcode != "PCLI":
        codes.add(cands[0].admin1_code)
    return codes


def resolve_document(
    queries: list[Query], gaz: Gazetteer | None = None
) -> tuple[list[Candidate | None], str | None]:
    """Best candidate per query (None if unknown) and the document's focus country (ISO2)."""
    gaz = gaz or load_gazetteer()
    cands = [gaz.candidates(q.name, q.demonyms) for q in queries]
    # Soft country votes: each mention spreads one vote over its candidates by prior (a unique or
    # clearly dominant reading counts fully; "Athens" splits between Greece and the US towns).
    # Only exact-name readings vote: a loose transliteration match is evidence of nothing by itself.
    votes: Counter[str] = Counter()
    for q, cs in zip(queries, cands, strict=True):
        if q.weak:
            continue
        ws = [(c.country, 10 ** (c.prior() / VOTE_TEMPERATURE)) for c in cs if c.country and c.tier == 0]
        if not ws:
            continue
        total = sum(w for _, w in ws)
        for cc, w in ws:
            votes[cc] += w / total
    focus = votes.most_common(1)[0][0] if votes else None
    countries = {cc for cc, v in votes.items() if v >= MIN_COUNTRY_VOTE}
    admin1_by_name: dict[str, set[str]] = {}
    anchors: list[tuple[float, float]] = []
    for q, cs in zip(queries, cands, strict=True):
        if not cs:
            continue
        own = {c.admin1_code for c in cs if c.fcode == "ADM1" and c.admin1_code}
        admin1_by_name.setdefault(q.name, set()).update(own)
        top = cs[0]
        if top.fcode in ("PCLI", "CONT", "ADM1") or top.tier or q.weak:
            continue
        if len(cs) == 1 or top.prior() - cs[1].prior() >= ANCHOR_MARGIN:
            anchors.append((top.lat, top.lon))
            if top.admin1_code:
                admin1_by_name.setdefault(q.name, set()).add(top.admin1_code)

    out: list[Candidate | None] = []
    for q, cs in zip(queries, cands, strict=True):
        if not cs:
            out.append(None)
            continue
        local: set[str] = set()
        for h in q.hint_names:
            local |= _admin_codes(gaz.candidates(h))
        # admin units named elsewhere in the document (a name's own province reading does not count)
        admin1 = set().union(*(v for k, v in admin1_by_name.items() if k != q.name))
        ctx = GeoContext(focus_country=focus, countries=countries, admin1_codes=admin1, local_admin1=local,
                         anchors=anchors, want=q.want)
        best = max(cs, key=lambda c: score(c, ctx))
        # a loose or fallback match far from anything else the document names is more likely wrong
        if (best.tier or q.weak) and best.country not in countries and best.country != focus:
            rivals = sorted((score(c, ctx) for c in cs if c is not best), reverse=True)
            if q.weak or (rivals and score(best, ctx) - rivals[0] < ANCHOR_MARGIN):
                best = None
        out.append(best)
    return out, focus
