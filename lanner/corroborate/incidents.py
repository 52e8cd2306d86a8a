"""The incident as an object: one corroboration cluster with every outlet's version side by side.

`incidents(docs, ...)` lists clusters as incidents (filtered); `incident_view(cluster, docs)` is the
plain data an analyst reads (consensus coding, toll range with who says what, each report's toll,
perpetrator, epistemic status and loaded terms, the independent-source count and one line per
disagreement). The CLI (`lanner incidents`, `lanner incident ID`) and the desk page render that data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from lanner.corroborate.clusters import Cluster, cluster_events
from lanner.errors import MissingInput
from lanner.model import AnalyzedDocument, Event


def incidents(
    docs: Iterable[AnalyzedDocument],
    type: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_reports: int = 2,
    place: str | None = None,
) -> tuple[list[Cluster], dict[str, AnalyzedDocument]]:
    """Clusters told by at least `min_reports` reports, filtered, with the documents by id."""
    by_id = {d.document.id: d for d in docs}
    out = []
    for c in cluster_events(by_id.values()):
        if c.reports < min_reports or (type and c.type != type.upper()):
            continue
        if country and (c.location.country or "").upper() != country.upper():
            continue
        if since and (c.date_end or c.date_start or dt.date.max) < since:
            continue
        if until and (c.date_start or dt.date.min) > until:
            continue
        if place and place.lower() not in (c.location.name or "").lower():
            continue
        out.append(c)
    return out, by_id


def find(clusters: list[Cluster], ident: str) -> Cluster:
    """The cluster whose id is or starts with `ident`."""
    hits = [c for c in clusters if c.id == ident or c.id.startswith(ident)]
    if len(hits) != 1:
        raise MissingInput(f"no single incident with id {ident!r} ({len(hits)} match)")
    return hits[0]


def _event(doc: AnalyzedDocument, event_id: str) -> Event | None:
    return next((e for e in doc.events if e.id == event_id), None)


def _toll(ev: Event | None) -> str | None:
    if ev is None or ev.fatalities is None or ev.fatalities.max is None:
        return None
    f = ev.fatalities
    return str(f.max) if f.min in (None, f.max) else f"{f.min}-{f.max}"


def incident_view(c: Cluster, docs: dict[str, AnalyzedDocument]) -> dict:
    """The incident as data: consensus coding, each report's version, and the disagreements."""
    reports = []
    for m in c.members:
        doc = docs.get(m.doc_id)
        ev = _event(doc, m.event_id) if doc else None
        reports.append({
            "doc_id": m.doc_id, "event_id": m.event_id, "outlet": m.outlet, "published": m.published,
            "origin": m.origin, "copy_of": m.copy_of, "type": ev.type if ev else None,
            "mode": ev.mode if ev else None,
            "toll": _toll(ev), "perpetrator": ev.actor1.name if ev and ev.actor1 else None,
            "target": ev.actor2.name if ev and ev.actor2 else None,
            "place": ev.location.name if ev and ev.location else None,
            "date": ev.date.start if ev else None, "epistemic": m.epistemic, "version": m.version,
            "source": m.attribution_source, "roles": m.roles,
            "loaded_terms": sorted({t.term for t in doc.framing.loaded_terms}) if doc else [],
        })  # fmt: skip
    tolls = {r["outlet"] or "?": r["toll"] for r in reports if r["toll"]}
    return {
        "id": c.id,
        "type": c.type,
        "modes": c.modes,
        "place": c.location.model_dump(),
        "date_start": c.date_start,
        "date_end": c.date_end,
        "perpetrator": c.actor1,
        "target": c.actor2,
        "toll": {"min": c.fatalities.min, "max": c.fatalities.max, "by_outlet": tolls},
        "independent_sources": c.independent_sources,
        "sources": c.sources,
        "witnesses": c.witnesses,
        "epistemic": c.agreement.epistemic,
        "reports": reports,
        "disagreements": disagreements(c, reports),
    }


def disagreements(c: Cluster, reports: list[dict]) -> list[str]:
    """One line per point the reports disagree on."""
    lines = []
    tolls = [(r["outlet"], r["toll"]) for r in reports if r["toll"]]
    if len({t for _, t in tolls}) > 1:
        lines.append("toll: " + "; ".join(f"{o}: {t}" for o, t in tolls))
    perps = Counter(r["perpetrator"] for r in reports if r["perpetrator"])
    if len(perps) > 1:
        lines.append("perpetrator: " + "; ".join(
            f"{r['outlet']}: {r['perpetrator']}" for r in reports if r["perpetrator"]))  # fmt: skip
    contesting = [r for r in reports if r["version"] != "report"]
    if contesting:
        lines.append("contested: " + "; ".join(
            f"{r['outlet']} ({r['version']}: {r['epistemic']} {r['type']})" for r in contesting))  # fmt: skip
    types = Counter(r["mode"] for r in reports if r["mode"])
    if len(types) > 1:
        lines.append("how: " + "; ".join(f"{r['outlet']}: {r['mode']}" for r in reports if r["mode"]))
    places = {r["place"] for r in reports if r["place"]}
    if len(places) > 1:
        lines.append("place: " + "; ".join(f"{r['outlet']}: {r['place']}" for r in reports if r["place"]))
    if c.agreement.roles == "disagree":
        lines.append("roles: some reports cast the parties the other way round")
    return lines


def render_text(view: dict) -> str:
    """The incident for a terminal: the coding, the reports side by side, the disagreements."""
    p = view["place"]
    date = view["date_start"] if view["date_start"] == view["date_end"] else (
        f"{view['date_start']}..{view['date_end']}")  # fmt: skip
    toll = view["toll"]
    lines = [
        f"incident {view['id']}: {view['type']} ({', '.join(view['modes']) or 'mode unknown'})",
        f"  place: {p.get('name') or '?'} ({p.get('level')}; {p.get('admin1') or '-'}, "
        f"{p.get('country') or '-'})",
        f"  date: {date}",
        f"  perpetrator: {view['perpetrator'] or '?'}; target: {view['target'] or '?'}",
        f"  toll: {toll['min']}-{toll['max']}" if toll["max"] is not None else "  toll: not given",
        f"  independent sources: {view['independent_sources']} ({', '.join(view['sources'])}); "
        f"status: {view['epistemic']}",
        "  reports:",
    ]
    for r in view["reports"]:
        copy = f", copy of {r['copy_of'][:8]}" if r["copy_of"] else ""
        lines.append(
            f"    - {r['outlet'] or '?'} [{r['origin']}{copy}] toll {r['toll'] or '-'}; "
            f"perpetrator {r['perpetrator'] or '?'}; {r['epistemic']} {r['version']}; "
            f"loaded: {', '.join(r['loaded_terms']) or '-'}"
        )
    lines.append("  disagreements:" if view["disagreements"] else "  disagreements: none")
    lines.extend(f"    - {d}" for d in view["disagreements"])
    return "\n".join(lines)
