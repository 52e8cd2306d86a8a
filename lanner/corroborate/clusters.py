"""Corroboration: the same event reported by several outlets, merged, with its independent source count.

`cluster_events(docs)` groups events ACROSS documents (the events stage already merged repeats inside
one document) and `render(clusters, fmt)` shows them. Matching rules live in `corroborate_match`, the
source-dependence rule in `corroborate_sources`, the clustering in `corroborate_cluster`; the precise
definitions are in docs/corroboration.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz
from rich.table import Table

from lanner.corroborate.evidence import doc_countries, doc_places, fold, reset_caches, term_vectors
from lanner.corroborate.linkage import group_records, place_undated
from lanner.corroborate.match import EventRecord, Side, record_of, role_alignment
from lanner.corroborate.sources import lookup, source_key
from lanner.corroborate.syndication import credit, origins, shingles
from lanner.model import AnalyzedDocument

CONFIRMING = {"asserted", "attributed"}
TENTATIVE = {"rumored", "speculative", "planned"}
COPY_RATIO = 85  # rapidfuzz similarity (0-100) of the words around two triggers that marks a re-publication
SKIPPED = {"hypothetical", "planned"}  # "any attack would ...", "asks to resume strikes": not yet done


class ClusterMember(BaseModel):
    doc_id: str
    event_id: str
    outlet: str | None = None
    published: dt.date | None = None
    origin: str = Field(
        default="",
        description="the story's origin: its credited wire, the original it "
        "copies, else its own outlet (what independent_sources counts)",
    )
    source_key: str = Field(description="the original witness this report rests on (what witnesses counts)")
    attribution_source: str | None = None
    attribution_kind: str | None = None
    epistemic: str
    roles: Literal["same", "swapped"] = Field(
        default="same", description="actor roles relative to the cluster's reading (swapped: mirror reading)"
    )
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    copy_of: str | None = Field(
        default=None, description="doc id of an earlier member whose wording this report repeats"
    )
    also_events: list[str] = Field(
        default_factory=list, description="further events of this report that tell the same incident"
    )
    version: Literal["report", "claim", "denial"] = Field(
        default="report",
        description="how the report tells the incident: tells it, blames someone for it "
        "(a counter-claim), or denies it (an event denied, or a REJECT of the reports)",
    )


class ClusterPlace(BaseModel):
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    level: str = "none"


class CountRange(BaseModel):
    """Casualties across reports: the lowest and highest figure any report gave; null if none gave one."""

    min: int | None = None
    max: int | None = None
    reported_by: int = 0


class Agreement(BaseModel):
    roles: Literal["agree", "disagree"] = "agree"
    casualties: Literal["agree", "disagree", "single", "none"] = "none"
    epistemic: Literal["asserted", "contested", "denied", "unconfirmed", "mixed"] = "asserted"
    epistemic_mix: dict[str, int] = Field(default_factory=dict)


class Cluster(BaseModel):
    id: str
    type: str
    modes: list[str] = Field(default_factory=list)
    actor1: str | None = None
    actor2: str | None = None
    location: ClusterPlace = Field(default_factory=ClusterPlace)
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    fatalities: CountRange = Field(default_factory=CountRange)
    members: list[ClusterMember] = Field(default_factory=list)
    reports: int = 0
    outlets: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="distinct origins (syndicated copies once)")
    independent_sources: int = 0
    confirming_sources: int = Field(default=0, description="independent sources that assert the event")
    witnesses: list[str] = Field(
        default_factory=list,
        description="distinct original witnesses (source keys: state media, relayed "
        "named sources and ownership groups collapsed)",
    )
    independent_witnesses: int = 0
    agreement: Agreement = Field(default_factory=Agreement)


def records_from(docs: Iterable[AnalyzedDocument]) -> list[EventRecord]:
    """One record per event worth clustering, each with its report's wording and places."""
    docs = list(docs)
    reset_caches()
    vectors = term_vectors(docs)
    out = []
    for d in docs:
        places, countries = doc_places(d), doc_countries(d)
        terms = vectors.get(d.document.id)
        cred, shing = credit(d.text, d.document.outlet), shingles(d.text)
        for e in d.events:
            if e.epistemic not in SKIPPED:
                r = record_of(d, e, terms, places, countries)
                r.credit, r.shingles = cred, shing
                out.append(r)
    return out


def cluster_events(
    docs: Iterable[AnalyzedDocument], max_days: int = 3, max_km: float = 50.0
) -> list[Cluster]:
    """Cross-document event clusters, largest (most independent sources) first; singletons included."""
    return cluster_records(records_from(docs), max_days=max_days, max_km=max_km)


def cluster_records(records: Sequence[EventRecord], max_days: int = 3, max_km: float = 50.0) -> list[Cluster]:
    records = place_undated(records, max_days, max_km)
    groups = group_records(records, max_days=max_days, max_km=max_km)
    clusters = [build_cluster([records[i] for i in g]) for g in groups]
    clusters.sort(key=lambda c: (-c.independent_sources, -c.reports, c.date_start or dt.date.min, c.id))
    return clusters


def _outlet_name(outlet: str | None) -> str:
    info = lookup(outlet)
    return info.name if info else (outlet or "unknown")


def _version(m: EventRecord) -> str:
    """report / claim / denial: a denied event or a REJECT of the reports is a denial."""
    return "denial" if m.epistemic == "denied" or m.joins_as == "denial" else m.joins_as


def _epistemic_summary(mix: Counter[str]) -> str:
    kinds = set(mix)
    if "denied" in kinds and kinds & CONFIRMING:
        return "contested"
    if "denied" in kinds:
        return "denied"
    if kinds <= CONFIRMING:
        return "asserted"
    if kinds <= TENTATIVE:
        return "unconfirmed"
    return "mixed"


def _casualties(members: list[EventRecord]) -> tuple[CountRange, str]:
    given = [(m.fatalities_min, m.fatalities_max) for m in members if m.fatalities_max is not None]
    if not given:
        return CountRange(), "none"
    lo = min(a if a is not None else b for a, b in given)
    hi = max(b for _, b in given)
    assert hi is not None and lo is not None
    verdict = "single" if len(given) == 1 else ("agree" if len(set(given)) == 1 else "disagree")
    return CountRange(min=lo, max=hi, reported_by=len(given)), verdict


def _name(sides: list[Side], other: str | None = None) -> str | None:
    """The name most reports give this role; ties go to the representative's own (sides[0]).

    Never a name of the identity already chosen for the other role (a state's army vs its government).
    """
    named = Counter(x.name for x in sides if x.key and x.name and x.key != other)
    first = sides[0].name
    return min(named, key=lambda n: (-named[n], n != first, n)) if named else None


def _key_of(sides: list[Side], name: str | None) -> str | None:
    return next((x.key for x in sides if x.name == name), None)


def build_cluster(members: list[EventRecord]) -> Cluster:
    """Summarise one group; members[0] is the representative (the medoid).

    A report with several events in the group is one member (its first event); the others are listed
    in `also_events`.
    """
    also: dict[str, list[str]] = {}
    primary: list[EventRecord] = []
    for m in members:
        if m.doc_id in also:
            also[m.doc_id].append(m.event_id)
        else:
            also[m.doc_id] = []
            primary.append(m)
    every, members = members, primary
    rep = members[0]
    roles = [role_alignment(rep, m) or "same" for m in members]
    told = [r for r, m in zip(roles, members, strict=True) if m.actor1.key or m.actor2.key]
    if told.count("swapped") > told.count("same"):  # the representative is the odd one out: read it mirrored
        roles = ["same" if r == "swapped" else "swapped" for r in roles]
    tellers = [i for i, m in enumerate(members) if _version(m) == "report"] or list(range(len(members)))
    a1 = [members[i].actor1 if roles[i] == "same" else members[i].actor2 for i in tellers]
    a2 = [members[i].actor2 if roles[i] == "same" else members[i].actor1 for i in tellers]  # accusers aside
    keys = [source_key(m.outlet, m.attribution_source, m.attribution_kind) for m in members]
    origin, shingle_copy = origins([m.outlet for m in members], [m.credit for m in members],
                                   [m.shingles for m in members], [m.published for m in members],
                                   [m.doc_id for m in members])  # fmt: skip
    copies = {i: j for i, j in enumerate(shingle_copy) if j is not None}
    for i, j in _copies(members).items():  # the words around the trigger (records without full text)
        if i not in copies:
            copies[i] = j
            origin[i] = origin[i] if members[i].credit else origin[j]
    for i, j in sorted(copies.items()):
        keys[i] = keys[j]
    versions = [_version(m) for m in members]
    confirming = {o for o, m, v in zip(origin, members, versions, strict=True)
                  if m.epistemic in CONFIRMING and v == "report"}  # fmt: skip
    mix = Counter("denied" if v == "denial" else m.epistemic for m, v in zip(members, versions, strict=True))
    fat, fat_verdict = _casualties(members)
    loc = _best_place(members, every)
    copy_of = [members[copies[i]].doc_id if i in copies else None for i in range(len(members))]
    ordered = sorted(
        zip(members, keys, roles, copy_of, origin, versions, strict=True),
        key=lambda t: (t[0].published or dt.date.min, t[0].doc_id, t[0].event_id),
    )
    ident = sorted(f"{m.doc_id}:{m.event_id}" for m in members)
    # a member that joined by its publication days (its own date doubtful) does not widen the dates
    dated = [m for m in members if m.start and m.alt is None] or [m for m in members if m.start]
    return Cluster(
        id="c" + _digest("|".join(ident)),
        type=rep.type,
        modes=sorted({m.mode for m in members if m.mode}),
        actor1=(first := _name(a1)),
        actor2=_name(a2, _key_of(a1, first)),
        location=ClusterPlace(name=loc.place, lat=loc.lat, lon=loc.lon, admin1=loc.admin1,
                              country=loc.country, level=loc.level),
        date_start=min((m.start for m in dated), default=None),
        date_end=max((m.end or m.start for m in dated), default=None),  # type: ignore[type-var]
        fatalities=fat,
        members=[
            ClusterMember(doc_id=m.doc_id, event_id=m.event_id, outlet=m.outlet, published=m.published,
                          origin=o, source_key=k, attribution_source=m.attribution_source,
                          attribution_kind=m.attribution_kind, epistemic=m.epistemic,
                          roles=r, fatalities_min=m.fatalities_min, fatalities_max=m.fatalities_max,
                          copy_of=cp, also_events=also[m.doc_id], version=v)
            for m, k, r, cp, o, v in ordered
        ],
        reports=len(members),
        outlets=sorted({_outlet_name(m.outlet) for m in members}),
        sources=sorted(set(origin)),
        independent_sources=len(set(origin)),
        confirming_sources=len(confirming),
        witnesses=sorted(set(keys)),
        independent_witnesses=len(set(keys)),
        agreement=Agreement(
            roles="disagree" if "swapped" in roles else "agree",
            casualties=fat_verdict,  # type: ignore[arg-type]
            epistemic=_epistemic_summary(mix),  # type: ignore[arg-type]
            epistemic_mix=dict(sorted(mix.items())),
        ),
    )  # fmt: skip


FINER = ("PPLX", "PPL", "PPLL", "PPLA4", "PPLA3", "PPLA2", "PPLA", "PPLC")  # finest first


def _best_place(primary: list[EventRecord], every: list[EventRecord]) -> EventRecord:
    """The event whose place is the most precise the reports give (a town over its capital city).

    Candidates are the reports' own events, and further events whose place two reports name (a
    report's side event elsewhere must not move the incident). A name the gazetteer could not resolve
    ("Ain al-Asad") is finer than a province or a country.
    """
    by_doc: dict[str | None, set[str]] = {}
    for m in every:
        if m.place:
            by_doc.setdefault(fold(m.place), set()).add(m.doc_id)
    pool = list(primary) + [m for m in every if m.place and len(by_doc.get(fold(m.place), ())) >= 2]
    levels = ("point", "admin2", "named", "admin1", "country", "none")

    def rank(m: EventRecord) -> tuple[int, int, int]:
        level = "named" if m.level == "none" and m.place else m.level
        fine = FINER.index(m.fcode) if m.fcode in FINER else 2
        support = len(by_doc.get(fold(m.place), ())) if m.place else 0
        return levels.index(level) if level in levels else 5, fine, -support

    return min(pool, key=rank)


def _copies(members: list[EventRecord]) -> dict[int, int]:
    """Member index -> the earliest member whose wording around the event it repeats (syndication).

    SANA's story re-run word for word by another outlet is one source whatever the outlet table says.
    """
    order = sorted(
        range(len(members)), key=lambda i: (members[i].published or dt.date.min, members[i].doc_id)
    )
    copies: dict[int, int] = {}
    for pos, i in enumerate(order):
        for j in order[:pos]:
            if (
                j not in copies
                and members[i].context
                and fuzz.ratio(members[i].context, members[j].context) >= COPY_RATIO
            ):
                copies[i] = j
                break
    return copies


def _digest(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def _fmt_count(c: CountRange, verdict: str) -> str:
    if c.max is None:
        return "-"
    text = str(c.max) if c.min == c.max else f"{c.min}..{c.max}"
    return text + (" (disagree)" if verdict == "disagree" else "")


def render_table(clusters: list[Cluster]) -> Table:
    table = Table(title=f"Corroborated events ({len(clusters)} clusters)")
    for col in ("id", "type", "dates", "place", "actors", "killed", "reports", "outlets", "indep.", "status"):
        table.add_column(col, overflow="fold")
    for c in clusters:
        dates = (
            "?"
            if c.date_start is None
            else (str(c.date_start) if c.date_start == c.date_end else f"{c.date_start}..{c.date_end}")
        )
        actors = f"{c.actor1 or '?'} vs {c.actor2 or '?'}"
        if c.agreement.roles == "disagree":
            actors += " (roles disputed)"
        table.add_row(c.id, c.type, dates, c.location.name or "?", actors,
                      _fmt_count(c.fatalities, c.agreement.casualties), str(c.reports), ", ".join(c.outlets),
                      str(c.independent_sources), c.agreement.epistemic)  # fmt: skip
    return table


def render(clusters: list[Cluster], fmt: str = "table") -> Table | str:
    """Shows clusters as "table" (a rich Table) or "json" (an array of Cluster objects, ISO dates)."""
    if fmt == "json":
        return json.dumps([c.model_dump(mode="json") for c in clusters], indent=2, ensure_ascii=False)
    if fmt == "table":
        return render_table(clusters)
    raise ValueError(f"unknown format {fmt!r} (table or json)")
