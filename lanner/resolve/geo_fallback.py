"""Best guesses for toponyms the gazetteer does not know, when a known place name must get an answer.

GeoNames (as we ship it) has settlements and admin units, not streets, buildings, parks or
"Sokoto State"-style unit names. When the caller knows a span is a place (gold spans, or a caller
that never abstains), a guess inside the right city beats no answer: first the name without its
unit word ('Sokoto State' -> Sokoto), then another name of the document inside it ('Old Town
Manassas' -> Manassas), then the settlement the document names most (a street in a city story).
Such guesses are marked with a coarser precision (ACLED 2: 'part of / near' the place).
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from lanner.resolve.gazetteer import PHYSICAL_FCODES, Candidate, Gazetteer, haversine_km, ranking
from lanner.resolve.geo_names import norm

NEAR_PRECISION = 2
CENTRE_CAP_KM = 1000.0
LOCAL_KM = 100.0  # a story is local when this share of its settlements lie this close to its centre
LOCAL_SHARE = 0.5
STRAY_MIN_TOWNS = 4
STRAY_KM = 300.0
STRAY_MAX_POPULATION = 50_000  # one far-off mention counts no more than this when finding the centre


def without_unit_word(name: str) -> str | None:
    """'Sokoto State' -> 'Sokoto', 'Guma LGA' -> 'Guma'; None if the name has no trailing unit word."""
    toks = norm(name).split()
    words = ranking()["fallback"]["unit_words"]
    for w in sorted(words, key=lambda x: -len(x.split())):
        n = len(w.split())
        if len(toks) > n and " ".join(toks[-n:]) == w:
            return " ".join(name.split()[:-n]) if len(name.split()) > n else None
    return None


def fill_unknown(
    names: list[str],
    picks: list[Candidate | None],
    skip: list[bool] | None = None,
    gaz: Gazetteer | None = None,
) -> list[Candidate | None]:
    """Picks with every None that has a plausible containing place replaced by it (coarser precision);
    `skip` marks mentions that are not known to be places (a fallback rule's guesses) and stay None."""
    known = {norm(n): p for n, p in zip(names, picks, strict=True) if p is not None}
    main = _centre_place(picks)
    out: list[Candidate | None] = []
    for name, p, sk in zip(names, picks, skip or [False] * len(names), strict=True):
        if p is None and not sk:
            p = _inner_name(name, known) or (_inner_unit(name, gaz, main) if gaz else None) or main
            p = dataclasses.replace(p, precision=max(p.precision, NEAR_PRECISION)) if p else None
        out.append(p)
    return out


def pull_strays(picks: list[Candidate | None]) -> list[Candidate | None]:
    """Picks with each lone small town far from a local story's centre replaced by that centre.

    In a story whose settlements mostly lie within 100 km of one place, a hamlet named like a street
    or building of that place ('Bourbon', 'Broadway', 'Chartres' in a New Orleans story), 500+ km
    away and near no other mention, is more likely that street than the hamlet."""
    centre = _centre_place(picks)
    towns = [p for p in picks if p is not None and p.fcode.startswith("PP")]
    if centre is None or len(towns) < STRAY_MIN_TOWNS:
        return picks
    local = sum(haversine_km(p.lat, p.lon, centre.lat, centre.lon) < LOCAL_KM for p in towns)
    if local < len(towns) * LOCAL_SHARE:
        return picks
    out: list[Candidate | None] = []
    for p in picks:
        if (
            p is not None
            and p.fcode.startswith("PP")
            and p.population < STRAY_MAX_POPULATION
            and haversine_km(p.lat, p.lon, centre.lat, centre.lon) > STRAY_KM
            and not any(
                o is not None and o.pid != p.pid and haversine_km(p.lat, p.lon, o.lat, o.lon) < LOCAL_KM
                for o in picks
            )
        ):
            p = dataclasses.replace(centre, precision=max(centre.precision, NEAR_PRECISION))
        out.append(p)
    return out


def _centre_place(picks: list[Candidate | None]) -> Candidate | None:
    """The settlement the document's places cluster around: the one with the least summed (capped)
    distance to every placed mention, counted with repeats. One stray reading ('Stonewall' in
    'Stonewall Golf Club', picked in the wrong state) then cannot become the home of every unknown."""
    placed = [p for p in picks if p is not None and p.fcode != "CONT" and p.fcode not in PHYSICAL_FCODES]
    towns = {p.pid: p for p in placed if p.fcode.startswith("PP")} or {p.pid: p for p in placed}
    if not towns:
        return None
    counts = Counter(p.pid for p in placed)

    def spread(t: Candidate) -> tuple[float, int]:
        far = sum(min(haversine_km(t.lat, t.lon, p.lat, p.lon), CENTRE_CAP_KM) for p in placed)
        return far, -counts[t.pid]

    return min(towns.values(), key=spread)


def _inner_unit(name: str, gaz: Gazetteer, main: Candidate | None) -> Candidate | None:
    """A country named inside an unknown name ('Bank of Japan', 'US Federal Reserve'), or a province
    of the story's own country ('University of California' in a Californian story): the longest
    capitalised run of the name's words that is such a unit by its own or a curated name."""
    toks = name.split()
    for size in range(len(toks) - 1, 0, -1):
        for i in range(len(toks) - size + 1):
            sub = " ".join(toks[i : i + size])
            if not sub[:1].isupper() or sub.endswith("."):
                continue  # a dotted abbreviation is part of another one ('W. Va.', 'South L.A.')
            for c in gaz.candidates(sub):
                home = main is not None and c.country == main.country
                if c.tier == 0 and c.kind in (0, 2) and (c.fcode == "PCLI" or (c.fcode == "ADM1" and home)):
                    return c
    return None


def _inner_name(name: str, known: dict[str, Candidate]) -> Candidate | None:
    """The longest run of the name's words that the document names elsewhere as a resolved place."""
    toks = norm(name).split()
    for size in range(len(toks) - 1, 0, -1):
        for i in range(len(toks) - size + 1):
            hit = known.get(" ".join(toks[i : i + size]))
            if hit is not None:
                return hit
    return None
