"""Gazetteer lookup over the compiled SQLite artefact (built by scripts/build_gazetteer.py).

The artefact is opened read-only and queried by normalised name, so loading is instant and memory
stays small; ranking uses a population/feature prior plus whatever document context the caller
has (focus country, admin1 units named nearby, coordinates of other places in the text).
Data: GeoNames (geonames.org, CC BY 4.0) plus our sourced supplement; see data/gazetteer/SOURCES.md.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lanner.model import Resolution
from lanner.resolve.geo_names import loose, norm, similarity, strip_articles

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
DB_PATH = DATA / "gazetteer.sqlite"
DEMONYM = 3
DEMONYM_TOWN_MIN = 100_000  # a town named like a demonym must be this big to compete with the adjective
SEAT_FCODES = ("PPLC", "PPLA")
FEATURE_TOWN_MIN = 100_000  # a town named exactly like a sea or region must be this big to compete
# seas, oceans, gulfs, straits, channels and world regions (physical_features.csv): areas, not points
PHYSICAL_FCODES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "RGN", "RGNE"})
_GLUED_ARTICLE = re.compile(r"\b[AaEe]([tdrzsnlTDRZSNL])\1(?=\w{2,})")


def _spellings(key: str) -> list[str]:
    """Other spellings of a normalised name through its abbreviated words: 'st paul' <-> 'saint paul'."""
    abbr = ranking()["abbreviations"]
    full = {v: k for k, v in abbr.items()}
    toks = key.split()
    out = []
    for table in (abbr, full):
        alt = [table.get(t, t) for t in toks]
        if alt != toks:
            out.append(" ".join(alt))
    return out


def _skeleton_ok(key: str) -> bool:
    """A loose key needs two consonants to mean anything: 'Maui' and 'Mo.' share the skeleton 'mV',
    'Oahu' and 'Ohio' share 'Vh', and such collisions are chance, not romanisation variants."""
    return sum(ch.isalpha() and ch != "V" for ch in key) >= 2


@functools.cache
def ranking() -> dict[str, Any]:
    """Ranking weights and ruler names live in data so they can be tuned without code changes."""
    return yaml.safe_load((DATA / "ranking.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Candidate:
    pid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    fcode: str
    country: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    precision: int
    source: str
    kind: int  # 0 primary name, 1 alternate, 2 curated alias, 3 demonym
    tier: int  # 0 exact key, 1 loose key
    seat_namesake: bool = False  # a province named like its capital ('Aleppo') or like a sea ('Red Sea')

    @property
    def is_admin(self) -> bool:
        return self.fcode in ("PCLI", "ADM1", "ADM2", "CONT")

    def prior(self) -> float:
        """Population and feature-class prior: bigger and more administrative places win by default."""
        w = ranking()
        curated = w["feature_bonus"]["default"] if self.source.startswith("supp") else 0.0
        fb = w["feature_bonus"].get(self.fcode, curated)
        if self.seat_namesake:
            # a bare 'Aleppo' or 'Ankara' in the news is the city; '... province' is asked for apart
            fb = w["feature_bonus"]["seat_namesake"]
        return (
            math.log10(self.population + 10)
            + fb
            + w["kind_bonus"][self.kind]
            - (w["loose_penalty"] if self.tier else 0.0)
        )

    def resolution(self, precision: int | None = None) -> Resolution:
        src = (
            "supplement"
            if self.source.startswith("supplement")
            else "wof"
            if self.source.startswith("Who's On First")
            else "geonames"
        )
        return Resolution(
            name=self.name,
            geonameid=self.geonameid,
            lat=self.lat,
            lon=self.lon,
            feature_code=self.fcode,
            admin1=self.admin1,
            admin2=self.admin2,
            country=self.country or None,
            precision=precision or self.precision,
            source=src,
        )


@dataclass
class GeoContext:
    """What the document tells us about where it is: used to rank candidates of one name."""

    focus_country: str | None = None
    countries: set[str] = field(default_factory=set)
    admin1_codes: set[str] = field(default_factory=set)
    local_admin1: set[str] = field(default_factory=set)  # admin units named right next to the mention
    local_countries: set[str] = field(default_factory=set)  # a country named right next to it
    anchors: list[tuple[float, float]] = field(default_factory=list)
    want: str | None = None  # "admin" ("Idlib province") or "settlement" ("the town of ...")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def score(c: Candidate, ctx: GeoContext | None) -> float:
    s = c.prior()
    if ctx is None:
        return s
    w = ranking()["context"]
    if ctx.focus_country and c.country == ctx.focus_country:
        s += w["focus_country"]
    elif c.country in ctx.countries:
        s += w["doc_country"]
    if c.admin1_code and c.admin1_code in ctx.local_admin1:
        s += w["local_admin1"]
    elif c.country in ctx.local_countries and c.fcode != "PCLI":
        s += w["local_admin1"]
    elif c.admin1_code and c.admin1_code in ctx.admin1_codes:
        # halved for a reading through an alternate name, as its coherence support is: one small
        # place elsewhere in the state must not pull 'Liverpool' to a town once so called
        s += w["doc_admin1"] / (2 if c.kind == 1 else 1)
    if ctx.anchors and c.fcode not in ("PCLI", "CONT"):
        d = min(haversine_km(c.lat, c.lon, a, b) for a, b in ctx.anchors)
        s += w["near_100km"] if d < 100 else w["near_300km"] if d < 300 else 0.0
    if ctx.want == "admin":
        s += w["want_match"] if c.fcode in ("ADM1", "ADM2") else 0.0
    elif ctx.want == "settlement":
        s += w["want_match"] if c.fcode.startswith("PP") else 0.0
    return s


class Gazetteer:
    def __init__(self, path: Path = DB_PATH) -> None:
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self.sources = dict(self.con.execute("SELECT src, text FROM sources"))
        self.admin1_names = dict(self.con.execute("SELECT code, name FROM admin1"))

    @functools.cached_property
    def admin1_pop(self) -> dict[str, int]:
        """GeoNames gives provinces no population; the sum of their settlements' stands in, so that
        'Georgia' the US state and 'Georgia' the country compete on comparable terms (computed on
        first need: a scan of every place, which a process that never meets a province skips)."""
        return dict(
            self.con.execute(
                "SELECT admin1_code, SUM(population) FROM places WHERE fcode LIKE 'PP%' GROUP BY admin1_code"
            )
        )

    @functools.lru_cache(maxsize=300)  # noqa: B019 - one gazetteer per process
    def country_point(self, cc: str) -> tuple[float, float] | None:
        """The country's point (ISO2), to tell a reading next door from one on another continent."""
        row = self.con.execute(
            "SELECT lat5 / 1e5, lon5 / 1e5 FROM places WHERE fcode = 'PCLI' AND country = ? LIMIT 1", (cc,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT k, v FROM meta"))

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one gazetteer per process (load_gazetteer is cached)
    def candidates(self, name: str, demonyms: bool = False) -> tuple[Candidate, ...]:
        """Every place the name can denote: exact-key matches, plus loose-key matches that are admin
        units or curated names ('Hasakah' -> the Al-Hasakah province), or any loose match if no exact one."""
        exact = self._fetch(norm(name), 0, demonyms)
        for variant in _spellings(norm(name)):
            have = {c.pid for c in exact}
            exact += [c for c in self._fetch(variant, 0, demonyms) if c.pid not in have]
        if not exact and name.endswith("s") and len(name) > 4:
            # "Syria's" written without its apostrophe ('Syrias Idlib'): the country, not a loose match
            exact = [c for c in self._fetch(norm(name[:-1]), 0, False) if c.fcode == "PCLI"]
        if not exact and demonyms and name.endswith("s"):
            # plural demonyms: 'Palestinians', 'Canadians'
            exact = [c for c in self._fetch(norm(name[:-1]), 0, True) if c.kind == DEMONYM]
        if not exact and norm(name) != strip_articles(name) and strip_articles(name):
            # 'Ar Raqqa' = 'Raqqa': the article is a spelling choice, not part of the name
            exact = [c for c in self._fetch(strip_articles(name), 0, demonyms) if c.kind != DEMONYM]
        # with an exact match only admin units are wanted from the loose key (see below): ask for no more
        lo = (
            self._fetch(loose(name), 1, demonyms, admin_only=bool(exact)) if _skeleton_ok(loose(name)) else []
        )
        if not exact:
            # an article glued to an assimilated sun letter: 'Deir Ezzor' = 'Deir ez-Zor'
            split = _GLUED_ARTICLE.sub(lambda m: m.group(0)[:2] + " " + m.group(1), name)
            if split != name:
                have = {c.pid for c in lo}
                lo += [c for c in self._fetch(loose(split), 1, demonyms) if c.pid not in have]
        seen = {c.pid for c in exact}
        variants = self._same_country_variants(name, exact) if exact else []
        if not exact:
            floor = ranking()["loose_min_similarity"]
            lo = [c for c in lo if c.kind == DEMONYM or similarity(name, c.name) >= floor]
        else:
            # the name as written, and with a glued article split off ('Deir Ezzor' = 'Deir ez-Zor')
            bare = {
                strip_articles(name),
                strip_articles(_GLUED_ARTICLE.sub(lambda m: m.group(0)[:2] + " " + m.group(1), name)),
            }
            lo = [
                c
                for c in lo
                if c.pid not in seen and c.fcode in ("ADM1", "ADM2") and strip_articles(c.name) in bare
            ]
        found = exact + lo + [c for c in variants if c.pid not in {x.pid for x in lo}]
        if any(c.kind == DEMONYM for c in found):
            # 'Canadian', 'English': the adjective of a country or province, not the hamlet named so
            found = [c for c in found if c.kind == DEMONYM or c.is_admin or c.population >= DEMONYM_TOWN_MIN]
        if any(c.fcode in PHYSICAL_FCODES and c.tier == 0 and c.kind in (0, 1) for c in found):
            # 'the Levant', 'Middle East': the region, not the Maine hamlet named after it; two such
            # hamlets would otherwise back each other and drag the story's 'Washington' along
            found = [c for c in found if not (c.fcode.startswith("PP") and c.population < FEATURE_TOWN_MIN)]
        # a province named like its own seat, or like its country's capital ('Washington')
        seats = {c.admin1_code for c in found if c.fcode in SEAT_FCODES and c.admin1_code}
        capitals = {c.country for c in found if c.fcode == "PPLC"}
        # ... or a unit named after a sea or region ('Red Sea' state of Sudan): bare, the feature is meant
        features = {strip_articles(c.name) for c in found if c.fcode in PHYSICAL_FCODES and c.tier == 0}
        found = [
            dataclasses.replace(c, seat_namesake=True)
            if (c.fcode == "ADM1" and (c.admin1_code in seats or c.country in capitals))
            or (c.fcode in ("ADM1", "ADM2") and strip_articles(c.name) in features)
            else c
            for c in found
        ]
        return tuple(sorted(found, key=lambda c: -c.prior()))

    def _same_country_variants(self, name: str, exact: list[Candidate]) -> list[Candidate]:
        """Villages spelt a little differently in the country of an exact match ('al-Jina' in Hasakah,
        'Al Jinah' in Aleppo): same-named places of one country, of which the province the text names
        chooses (the loose penalty keeps the exact spelling first when nothing does)."""
        key = loose(name)
        villages = [c for c in exact if c.fcode.startswith("PP") and c.kind == 0]
        if not villages or not _skeleton_ok(key):
            return []
        have = {c.pid for c in exact}
        floor = ranking()["variant_min_similarity"]
        return [
            c
            for c in self._fetch(key, 1, False, countries=tuple(sorted({v.country for v in villages})))
            if c.pid not in have and c.fcode.startswith("PP") and similarity(name, c.name) >= floor
        ]

    def _fetch(
        self, key: str, tier: int, demonyms: bool, admin_only: bool = False, countries: tuple[str, ...] = ()
    ) -> list[Candidate]:
        if not key:
            return []
        where = " AND p.fcode IN ('ADM1', 'ADM2')" if admin_only else ""
        if countries:
            where += f" AND p.country IN ({','.join('?' * len(countries))})"
        rows = self.con.execute(
            "SELECT p.pid, p.geonameid, p.name, p.lat5 / 1e5, p.lon5 / 1e5, p.fcode, p.country,"
            " p.admin1_code, p.admin2, p.population, p.precision, p.src, n.kind"
            " FROM names n JOIN places p ON p.pid = n.pid"
            " WHERE n.key = ? AND n.tier = ?" + where,
            (key, tier, *countries),
        ).fetchall()
        return [
            Candidate(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5] or "",
                r[6] or "",
                r[7],
                self.admin1_names.get(r[7]) if r[7] else None,
                r[8],
                r[9] or (self.admin1_pop.get(r[7], 0) if r[5] == "ADM1" else 0),
                r[10],
                self.sources.get(r[11], ""),
                r[12],
                tier,
            )
            for r in rows
            if demonyms or r[12] != DEMONYM
        ]

    def rank(self, name: str, ctx: GeoContext | None = None, demonyms: bool = False) -> list[Candidate]:
        return sorted(self.candidates(name, demonyms), key=lambda c: -score(c, ctx))

    def lookup(self, name: str, country: str | None = None, admin1: str | None = None) -> list[Resolution]:
        """Ranked resolutions of a name; `country` (ISO2) and `admin1` (name or code) act as context."""
        ctx = GeoContext(focus_country=country)
        if admin1:
            codes = {c for c, n in self.admin1_names.items() if admin1 in (c, n) or norm(n) == norm(admin1)}
            ctx.local_admin1 = codes
        return [c.resolution() for c in self.rank(name, ctx)]

    def geocode(self, name: str, context: GeoContext | dict | None = None) -> Resolution | None:
        """Best resolution of one name in context, or None if the gazetteer has no such name."""
        ctx = GeoContext(**context) if isinstance(context, dict) else context
        ranked = self.rank(name, ctx)
        return ranked[0].resolution() if ranked else None


@functools.cache
def load_gazetteer() -> Gazetteer:
    return Gazetteer()


def ruler_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns: curated multiword conflict places the small model misses or mislabels.

    Only supplement names/aliases and the curated alias list (Kurdish/Turkish names) are added,
    not the whole gazetteer: thousands of single-word town names would swamp NER precision.
    """
    import csv

    pats: list[dict[str, Any]] = []
    with (DATA / "supplement.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            label = (
                "GPE"
                if r["feature_code"].startswith("PP")
                else "FAC"
                if r["feature_code"] in ("PSTB", "DAM", "AIRB", "AIRP", "CMPRF", "CHKP", "ANS")
                else "LOC"
            )
            for n in [r["name"], *filter(None, r["aliases"].split("|"))]:
                if " " in n or "-" in n:
                    pats.append({"label": label, "pattern": n, "id": "gaz:" + r["sid"]})
    with (DATA / "aliases.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            # settlement names only: abbreviations ('Ill.', 'D.C.') would fire on ordinary words, and
            # 'EU' / country names are the actor stage's to label
            a = r["alias"]
            if r["target"].startswith("gn:") and not a.isupper() and "." not in a and "Union" not in a:
                pats.append({"label": "GPE", "pattern": a, "id": "gaz:" + r["target"]})
    for n in ranking()["ruler_extra"]:
        pats.append({"label": "GPE", "pattern": n, "id": "gaz:extra"})
    return pats
