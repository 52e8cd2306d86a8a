"""Hedges, rumours and unsupported certainty, each with the clause it governs.

The events stage reads these scopes to mark events rumored or speculative, so the scope rule of each
lexicon row matters more than the cue: `rest` (rest of the sentence: "Odds are ...", "it is possible
that ..."), `clause` (the clause of the governing verb: "could trigger ...", "seem to be aimed ..."),
`np` (the noun phrase after "of": "rumors of <imminent Turkish military action ...>").
"""

from __future__ import annotations

from typing import Any

from lanner.extract.framing.lexicon import Hit, phrase_index
from lanner.extract.sourcing.spans import char_span, clause_range, governing_verb, sent_bounds, trim
from lanner.model import Marker

LEAD = frozenset({"that", "first", "firstly", ","})


def _scope(doc: Any, hit: Hit) -> tuple[int, int] | None:
    s0, s1 = sent_bounds(doc[hit.start])
    rule = (hit.row.get("scope") or "clause").strip()
    if rule == "np":
        of = doc[hit.end - 1]
        objs = [c for c in of.children if c.dep_ == "pobj"]
        if objs:
            return trim(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1)
        rule = "rest"
    if rule == "rest":
        rng = trim(doc, hit.end, s1, LEAD)
        return rng if rng[1] > rng[0] else None
    # the widest clause any cue word governs: "seem" is the root over "to be aimed ..."
    # (a verb outside the marker's own line means a misparse across a headline: take the line's sentence)
    ranges = []
    for i in range(hit.start, hit.end):
        verb = governing_verb(doc[i])
        ranges.append(clause_range(verb) if s0 <= verb.i < s1 else (s0, s1))
    return trim(doc, max(s0, min(r[0] for r in ranges)), min(s1, max(r[1] for r in ranges)))


def find_markers(doc: Any) -> tuple[list[Marker], list[Marker]]:
    """(hedges incl. rumours, unsupported-certainty markers) in text order."""
    hedges: list[Marker] = []
    certainty: list[Marker] = []
    for name, out in (("hedges", hedges), ("certainty", certainty)):
        for hit in phrase_index(name).find(doc):
            span = char_span(doc, hit.start, hit.end)
            if span is None:
                continue
            rng = _scope(doc, hit)
            scope = char_span(doc, *rng) if rng else None
            kind = (hit.row.get("kind") or "certainty").strip() if name == "hedges" else "certainty"
            out.append(Marker(span=span, kind=kind, scope=scope))
    return hedges, certainty
