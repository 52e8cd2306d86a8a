"""Document-level toponym resolution: resolve every mention of a document together.

One name alone is ambiguous ("Alexandria", "Raqqa" city or province); the other places in the same
document usually settle it ("Alexandria ... Virginia"). Every reading is scored by prior, local cues
(an adjacent province, "province"/"town" words) and its coherence with the other names' readings.
Used by the places stage and, with gold spans, by the geo evaluation.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lanner.resolve.gazetteer import (
    PHYSICAL_FCODES,
    Candidate,
    Gazetteer,
    GeoContext,
    haversine_km,
    load_gazetteer,
    ranking,
    score,
)
from lanner.resolve.geo_fallback import fill_unknown, pull_strays, without_unit_word

ANCHOR_MARGIN = 2.0  # a pass-1 pick this far ahead of the runner-up is trusted as a proximity anchor
VOTE_TEMPERATURE = 3.0  # prior points per tenfold vote weight when spreading a mention's country vote
MIN_VOTE_WEIGHT = 0.2  # the vote of a name whose best reading is a hamlet of unknown size
COUNTRY_VOTE_WEIGHT = 0.5
MIN_COUNTRY_VOTE = 0.5  # a country needs this much vote mass to count as "named in the document"
MIN_ADMIN1_VOTE = 1.0  # a province needs this much vote mass to count as a setting of the document
SUPPORT_TOP = 5  # readings of another name considered when it supports a reading of this one
SELECT_TOP = 25  # readings of a name considered at all (by prior): bounds the cost on huge homonym sets
AREA_FCODES = {"PCLI", "CONT", "ADM1", "ADM2"}
COUNTY_WORD = "County"
SETTLEMENT_WORDS = {"city", "town", "village"}
HAMLET_POPULATION = 20_000  # below this, a settlement abroad that nothing backs is doubted
SAME_ADMIN1_KM = 300.0
FAR_KM = 1000.0  # a reading this far from the focus country's point is "abroad": it needs evidence
FAMOUS_POPULATION = 1_000_000
FAR_TOWN_POPULATION = 100_000  # a city this big may be meant by its bare name from anywhere
PASSES = 2  # a second pass re-reads every name with the others' first-pass picks as settled context


@dataclass
class Query:
    """One toponym mention to resolve, with the cues found next to it in the text."""

    name: str
    want: str | None = None
    hint_names: list[str] = field(default_factory=list)  # admin units named beside it ("town of Hasakah")
    demonyms: bool = False
    weak: bool = False  # found by a fallback rule: accepted only in a country the document names
    only: frozenset[str] | None = None  # found by the gazetteer scan: readings in these countries only


def _with_counties(gaz: Gazetteer, name: str, demonyms: bool) -> tuple[Candidate, ...]:
    """The name's readings plus, as secondary readings, counties called '<name> County': local news
    names a county bare ('DeKalb police', 'in Gwinnett'), and only the rest of the document can tell
    it from a town of that name."""
    own = gaz.candidates(name, demonyms)
    if " " in name.strip() or not name[:1].isupper():
        return own
    extra = [
        dataclasses.replace(c, kind=1)
        for c in gaz.candidates(f"{name} {COUNTY_WORD}")
        if c.fcode == "ADM2" and c.tier == 0 and c.pid not in {o.pid for o in own}
    ]
    return tuple(sorted([*own, *extra], key=lambda c: -c.prior())) if extra else own


def _famous(c: Candidate) -> bool:
    """A reading a bare name may take anywhere: a country, continent, sea, capital, or a big city."""
    return (
        c.fcode in ("PCLI", "CONT", "PPLC") or c.fcode in PHYSICAL_FCODES or c.population >= FAMOUS_POPULATION
    )


def _at_home(cs: tuple[Candidate, ...], home: set[str]) -> tuple[Candidate, ...]:
    """The readings of a bare name inside the document's focus (or a country it names), when one exists
    and no reading elsewhere is famous enough to be meant without saying so: 'Damascus' in a Syrian
    story is not the Maryland town, 'Adra' not the Spanish one; 'Paris' stays open. Empty: no restriction."""
    inside = tuple(c for c in cs if c.country in home)
    if not inside or any(_famous(c) and c.country not in home for c in cs[:SUPPORT_TOP]):
        return ()
    return inside[:SELECT_TOP]


def _far_unbacked(
    c: Candidate, gaz: Gazetteer, focus: str, named: set[str] | None, local_cc: set[str]
) -> bool:
    """A reading far from the focus country, in a country the text never names nor puts next to it
    (`local_cc`: countries and admin1 codes named beside the mention)."""
    if c.country == focus or c.country in (named or ()) or _famous(c) or c.admin1_code in local_cc:
        return False
    # 'Wentworth, Durban': a place named beside the name lies in the focus country, so the name is a
    # suburb there the gazetteer lacks, not a county of that name on another continent
    hinted_home = any(code == focus or code.startswith(f"{focus}.") for code in local_cc)
    if not hinted_home and (c.fcode in ("ADM1", "ADM2", "PPLA") or c.population >= FAR_TOWN_POPULATION):
        return False  # a provincial capital or a sizeable town is named without its country
    if c.country in local_cc:
        return False
    home = gaz.country_point(focus)
    return home is not None and haversine_km(c.lat, c.lon, *home) > FAR_KM


def _lone_hamlet(c: Candidate, backing: float) -> bool:
    """A small settlement that no other name of the document supports."""
    return c.fcode.startswith("PP") and c.population < HAMLET_POPULATION and backing == 0.0


def _admin_codes(cands: tuple[Candidate, ...] | list[Candidate]) -> set[str]:
    """Admin1 codes a name can denote: a province itself, or the province of its leading settlement."""
    codes = {c.admin1_code for c in cands if c.fcode == "ADM1" and c.admin1_code}
    if cands and cands[0].admin1_code and cands[0].fcode != "PCLI":
        codes.add(cands[0].admin1_code)
    return codes


def _compat(c: Candidate, o: Candidate, w: dict[str, float]) -> float:
    """How much another name's reading `o` supports reading `c` (its province, same province, nearby).

    Sharing a country is left to the bounded focus/doc-country bonus: summed over every other name it
    would let a long document drag each homonym into its main country."""
    if c.pid == o.pid:
        return 0.0
    if o.fcode == "ADM1" and c.admin1_code == o.admin1_code and c.fcode != "ADM1":
        return w["in_named_admin1"]
    if c.fcode == "ADM1" and o.admin1_code == c.admin1_code and o.fcode != "ADM1":
        return w["contains_named_place"]
    if c.admin1_code and c.admin1_code == o.admin1_code and "ADM2" in (o.fcode, c.fcode):
        # a county and a town: inside it ('Huntsville ... Walker County'), or at least in the same state
        inside = c.admin2 is not None and c.admin2 == o.admin2
        return w["in_named_admin2"] if inside else w["same_admin1"] / 2
    points = not ({c.fcode, o.fcode} & (AREA_FCODES | PHYSICAL_FCODES))
    if points and c.admin1_code and c.admin1_code == o.admin1_code:
        # a big state holds far-apart towns: upstate Boston, NY is no neighbour of New York City
        near = abs(c.lat - o.lat) < 3 and haversine_km(c.lat, c.lon, o.lat, o.lon) < SAME_ADMIN1_KM
        return w["same_admin1"] if near else w["same_admin1"] / 2
    if points and abs(c.lat - o.lat) < 1.5 and haversine_km(c.lat, c.lon, o.lat, o.lon) < 100:
        return w["within_100km"]
    return 0.0


def resolve_document(
    queries: list[Query],
    gaz: Gazetteer | None = None,
    abstain: bool = True,
    extra_votes: dict[str, float] | None = None,
) -> tuple[list[Candidate | None], str | None]:
    """Best candidate per query (None if unknown) and the document's focus country (ISO2).

    With `abstain`, a doubtful loose or fallback match is dropped (a false place costs precision when
    we also found the name ourselves); without it, every name gets a best guess where one can be
    had (for names already known to be places, where no answer is always wrong): unknown names, and
    loose spelling matches outside the document's countries, through lanner.resolve.geo_fallback.

    `extra_votes` adds country votes from outside the names (the places stage passes the countries its
    actors' nationality words imply). Each reading of a name is scored by its prior, its local cues,
    and its coherence with the other distinct names of the document: for every other name, the best
    support any of its leading readings gives (inside a province the text names, same province, within
    100 km, same country).
    """
    gaz = gaz or load_gazetteer()
    w = ranking()["coherence"]
    names = list(dict.fromkeys(q.name for q in queries if not q.weak))
    cands = {q.name: _with_counties(gaz, q.name, q.demonyms) for q in queries}
    leading = {n: [c for c in cands[n] if c.tier == 0][:SUPPORT_TOP] or list(cands[n][:1]) for n in names}

    # Soft country votes, one per distinct exact name (repeats of a name are not new evidence).
    votes: Counter[str] = Counter()
    admin_votes: Counter[str] = Counter()
    voted: set[int] = set()
    for n in names:
        ws = [(c, 10 ** (c.prior() / VOTE_TEMPERATURE)) for c in cands[n] if c.country and c.tier == 0]
        top = max(ws, key=lambda cw: cw[1])[0] if ws else None
        if top is not None and top.pid in voted:
            continue  # 'US', 'U.S.' and 'United States' are one name of one place: one vote
        if top is not None:
            voted.add(top.pid)
        total = sum(x for _, x in ws)
        # a name known only as a hamlet (a village without population figures) votes weakly: one
        # 'Jobar' of South Sudan must not outvote 'Damascus' for the story's country
        weight = min(1.0, max(MIN_VOTE_WEIGHT, (max((c.prior() for c, _ in ws), default=0.0) - 1.0) / 3.0))
        if top is not None and top.fcode in ("PCLI", "PPLC"):
            # a country or its capital is as often an actor as a setting ('US-led', 'Moscow said')
            weight *= COUNTRY_VOTE_WEIGHT
        for c, x in ws:
            votes[c.country] += weight * x / total
            if c.admin1_code and c.fcode not in ("PCLI", "CONT"):
                admin_votes[c.admin1_code] += weight * x / total
    # other evidence of the setting (the nationalities of the story's actors: 'Syrian troops')
    votes.update(extra_votes or {})
    focus = votes.most_common(1)[0][0] if votes else None
    countries = {cc for cc, v in votes.items() if v >= MIN_COUNTRY_VOTE}
    # countries the text names outright (a name whose plain reading is the country): a reading in one of
    # them, or in the focus country, needs no further evidence; elsewhere it must be famous or cued
    named = {c.country for n in names for c in cands[n][:1] if c.fcode == "PCLI" and c.tier == 0}
    # the states/provinces the document's names mostly point to ('Paris' in a story that also names
    # Tennessee towns is Paris, Tennessee)
    doc_admin1 = {a for a, v in admin_votes.items() if v >= MIN_ADMIN1_VOTE}

    # A reading supports others in proportion to how plausible it is for its own name: the top
    # reading fully, one two prior points behind (ten times smaller) a tenth.
    plaus: dict[int, float] = {}
    for n in names:
        if leading[n]:
            top = max(c.prior() for c in leading[n])
            for c in leading[n]:
                plaus[c.pid] = 10 ** ((c.prior() - top) / 2)
    support_cache: dict[tuple[str, int], float] = {}

    def support(name: str, c: Candidate) -> float:
        key = (name, c.pid)
        if key not in support_cache:
            raw = sum(
                max((_compat(c, o, w) * plaus[o.pid] for o in leading[m]), default=0.0)
                for m in names
                if m != name
            )
            # bounded, and halved for a reading reached through a secondary name ('Florida' is an old
            # name of a California hamlet): many nearby names must not outvote a name's plain meaning
            support_cache[key] = min(raw, w["cap"]) * (w["alternate_factor"] if c.kind == 1 else 1.0)
        return support_cache[key]

    for _ in range(PASSES):
        out, tops = _choose(queries, cands, gaz, support, focus, countries, doc_admin1, abstain, named)
        # the next pass trusts each name's chosen reading as the document's meaning of it: 'Georgia'
        # settled as the US state (not its prior favourite, the country) now backs 'Gainesville' in full
        support_cache.clear()
        for n, top in tops.items():
            if n not in leading or top is None:
                continue
            if top.pid not in plaus:
                leading[n] = [*leading[n], top]
            plaus[top.pid] = 1.0
    if not abstain:
        out = pull_strays(out)
        out = fill_unknown([q.name for q in queries], out, skip=[q.weak for q in queries], gaz=gaz)
    return out, focus


def _choose(
    queries: list[Query],
    cands: dict[str, tuple[Candidate, ...]],
    gaz: Gazetteer,
    support: Callable[[str, Candidate], float],
    focus: str | None,
    countries: set[str],
    doc_admin1: set[str],
    abstain: bool,
    named: set[str] | None = None,
) -> tuple[list[Candidate | None], dict[str, Candidate | None]]:
    """One pass: each query's pick (None where it abstains) and each name's top-ranked reading."""
    out: list[Candidate | None] = []
    tops: dict[str, Candidate | None] = {}
    for q in queries:
        cs = cands[q.name]
        want = q.want
        if not cs and (bare := without_unit_word(q.name)):
            if q.name.split()[-1].lower() in SETTLEMENT_WORDS:
                # 'Quebec City', 'Kuwait City': the city, not the province or country
                cs, want = tuple(c for c in gaz.candidates(bare) if c.fcode.startswith("PP")), "settlement"
            else:
                # only a unit of that name: 'Laurel County' is not the town of Laurel three states away
                cs, want = tuple(c for c in gaz.candidates(bare) if c.fcode in AREA_FCODES), "admin"
        if not cs:
            out.append(None)
            continue
        local: set[str] = set()
        local_cc: set[str] = set()
        for h in q.hint_names:
            hint = gaz.candidates(h)
            local |= _admin_codes(hint)
            # 'Bogota, Colombia': a country named beside the name, when that is what the hint means
            local_cc |= {c.country for c in hint[:1] if c.fcode == "PCLI"}
        ctx = GeoContext(
            focus_country=focus,
            countries=countries,
            admin1_codes=doc_admin1,
            local_admin1=local,
            local_countries=local_cc,
            want=want,
        )
        pool = cs[:SELECT_TOP]
        if q.only is not None:
            pool = tuple(c for c in cs if c.country in q.only)[:SELECT_TOP]
            if not pool:
                out.append(None)
                continue
        elif abstain and focus is not None and not local and not local_cc:
            pool = _at_home(cs, {focus, *(named or ())}) or pool
        inside = [c for c in pool if c.country in local_cc and not c.is_admin]
        if inside and not pool[0].is_admin:
            # 'Bogota, Colombia' names its country outright: the New Jersey borough is out
            pool = tuple(inside)

        def total(c: Candidate, name: str = q.name, ctx: GeoContext = ctx) -> float:
            return score(c, ctx) + support(name, c)

        ranked = sorted(pool, key=total, reverse=True)
        best: Candidate | None = ranked[0]
        tops.setdefault(q.name, ranked[0])
        # a loose or fallback match far from anything else the document names is more likely wrong
        foreign = best.country not in countries and best.country != focus
        if (
            abstain
            and focus is not None
            and q.only is None
            and _far_unbacked(best, gaz, focus, named, local_cc | local)
        ):
            # another continent needs evidence in the text ('Damascus, Maryland'); 'Lima' in a Syrian story
            # is an operation or a person more often than Peru's capital
            best = None
        elif abstain and foreign and focus is not None and best.kind == 1 and not best.is_admin:
            # an exonym of a town abroad ("Boni" is an old name of Bonn) in a report set elsewhere
            best = None
        elif (best.tier or q.weak) and foreign:
            # (where an answer is required, the fallback's containing place beats a far spelling match)
            close = len(ranked) > 1 and total(ranked[0]) - total(ranked[1]) < ANCHOR_MARGIN
            if q.weak or close or focus is not None:
                # with a focus country, a spelling variant abroad is a guess ("Boni" in Mali is not Bonn)
                best = None
        elif not abstain and focus not in (None, best.country) and _lone_hamlet(best, support(q.name, best)):
            # a known place must get an answer, but a hamlet abroad that nothing else in the story
            # backs ('Heathrow', Florida, in a London story) is a worse guess than the story's centre
            best = None
        out.append(best)
    return out, tops
