"""The readable report `lanner analyze --format text` prints: rich tables over one document."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table

from lanner.model import AnalyzedDocument, Event


def _place(ev: Event) -> str:
    loc = ev.location
    if not loc:
        return "-"
    where = f"{loc.relation} " if loc.relation else ""
    coords = f" ({loc.lat:.3f}, {loc.lon:.3f})" if loc.lat is not None and loc.lon is not None else ""
    return f"{where}{loc.name}{coords}"


def _date(ev: Event) -> str:
    d = ev.date
    if not d.start:
        return d.text or "-"
    span = str(d.start) if d.start == d.end or not d.end else f"{d.start}..{d.end}"
    return f"{span} [{d.precision}]"


def render(doc: AnalyzedDocument) -> Group:
    meta = doc.document
    head = Table.grid()
    head.add_row(
        f"[bold]{meta.title or '(untitled)'}[/] — {meta.outlet or 'unknown outlet'}, "
        f"published {meta.published or 'unknown'}, {meta.chars} chars, id {meta.id[:12]}"
    )
    events = Table(title="Events", show_lines=True)
    for col in (
        "id",
        "type/mode",
        "ACLED",
        "actor1",
        "actor2",
        "where",
        "when",
        "killed",
        "source",
        "status",
    ):
        events.add_column(col)
    for ev in doc.events:
        acled = f"{ev.acled_event_type}: {ev.acled_sub_event_type}" if ev.acled_event_type else "-"
        killed = "-" if not ev.fatalities or ev.fatalities.min is None else str(ev.fatalities.min)
        events.add_row(
            ev.id,
            f"{ev.type}/{ev.mode or '-'}",
            acled,
            ev.actor1.name if ev.actor1 else "-",
            ev.actor2.name if ev.actor2 else "-",
            _place(ev),
            _date(ev),
            killed,
            f"{ev.attribution.source} ({ev.attribution.kind})",
            ev.epistemic,
        )
    actors = Table(title="Actors")
    for col in ("canonical name", "type", "country", "outlet's words"):
        actors.add_column(col)
    for a in doc.actors:
        words = sorted({m.span.text for m in a.mentions})
        actors.add_row(a.name, a.type or "-", a.country or "-", "; ".join(words)[:80])
    places = Table(title="Places")
    for col in ("mention", "resolved to", "coords", "admin1", "note"):
        places.add_column(col)
    for p in doc.places:
        r = p.resolution
        places.add_row(
            p.mention.text,
            r.name if r else "(unresolved)",
            f"{r.lat:.3f}, {r.lon:.3f}" if r and r.lat is not None and r.lon is not None else "-",
            (r.admin1 or "-") if r else "-",
            "actor (metonym)" if p.metonym else (p.relation or ""),
        )
    sources = Table(title="Sources")
    for col in ("source", "kind", "cue", "claim"):
        sources.add_column(col)
    for at in doc.attributions:
        sources.add_row(at.source.text, at.kind, at.cue.text, (at.content.text if at.content else "")[:70])
    terms = Table(title="Framing: loaded terms, hedges, certainty")
    for col in ("words", "category", "neutral alternative"):
        terms.add_column(col)
    for t in doc.framing.loaded_terms:
        terms.add_row(t.span.text, f"{t.category} ({t.voice})", t.neutral or "-")
    for m in doc.framing.hedges + doc.framing.certainty:
        terms.add_row(m.span.text, m.kind, "-")
    parts: list = [head, events, actors, places, sources, terms]
    if doc.relations:
        rel = Table(title="Relations")
        for col in ("source", "tie", "target", "claimed by"):
            rel.add_column(col)
        for r in doc.relations:
            rel.add_row(r.source, r.type, r.target, r.claimed_by)
        parts.insert(3, rel)
    if doc.warnings:
        parts.append("[yellow]warnings:[/] " + "; ".join(doc.warnings))
    return Group(*parts)


def print_report(doc: AnalyzedDocument, console: Console) -> None:
    console.print(render(doc))
