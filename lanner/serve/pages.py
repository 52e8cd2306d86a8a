"""HTML pages of the dashboard: plain HTML and inline SVG, no external assets (works offline)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape
from typing import Any
from urllib.parse import urlencode

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:10px 18px}header a{color:#cfe3ff;margin-right:14px}
main{padding:14px 18px}table{border-collapse:collapse;background:#fff;width:100%}
td,th{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}
.panel{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:10px;margin-bottom:14px}
.grid{display:grid;grid-template-columns:1.4fr 1fr;gap:14px}
.article{white-space:pre-wrap;background:#fff;padding:14px;border:1px solid #e3e6ea;max-width:60em}
.trigger{background:#ffd9a8}.actor{border-bottom:2px solid #3a7bd5}.place{border-bottom:2px solid #2e9e5b}
.loaded{background:#f8c4c4}.source{background:#d8ccf5}.hedge{background:#fff1a8}.certainty{background:#ffc2e8}
.legend span{margin-right:10px;padding:1px 4px}.muted{color:#6b7480}
#map{overflow:hidden}.land{fill:#f7f5ef;stroke:#a9b4c0;stroke-width:.8}
"""


def _page(title: str, body: str) -> str:
    nav = (
        '<a href="/">Dashboard</a><a href="/events">Events</a><a href="/documents">Documents</a>'
        '<a href="/network">Network</a>'
    )
    return (
        f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(title)} · Lanner</title>"
        f"<style>{STYLE}</style></head><body><header><b>Lanner</b> &nbsp; {nav}</header>"
        f"<main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def error_page(status: int, message: str) -> str:
    return _page(f"Error {status}", f"<p id=error>{escape(message)}</p>")


def _filters(q: dict[str, str]) -> str:
    fields = "".join(
        f'<label>{name} <input name="{name}" value="{escape(q.get(name, ""))}" size=12></label> '
        for name in ("actor", "type", "country", "since", "until")
    )
    return f"<form class=panel method=get>{fields}<button>Filter</button></form>"


def _cell(v: Any) -> str:
    return "–" if v is None or v == "" else escape(str(v))


def events_table(rows: list[dict]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "date",
            "type",
            "ACLED",
            "actor 1",
            "actor 2",
            "location",
            "killed",
            "status",
            "source",
            "outlet",
        )
    )
    body = []
    for r in rows:
        link = f'<a href="/documents/{r["doc_id"]}">{_cell(r.get("outlet") or r["doc_id"][:8])}</a>'
        body.append(
            f"<tr class=event><td>{_cell(r['date_start'])}</td><td>{_cell(r['type'])}/{_cell(r['mode'])}</td>"
            f"<td>{_cell(r['acled_sub_event_type'])}</td><td>{_cell(r['actor1'])}</td><td>{_cell(r['actor2'])}</td>"
            f"<td>{_cell(r['location'])}</td><td>{_cell(r['fatalities_min'])}</td><td>{_cell(r['epistemic'])}</td>"
            f"<td>{_cell(r['source'])}</td><td>{link}</td></tr>"
        )
    return f"<table id=events><tr>{head}</tr>{''.join(body)}</table>"


def map_svg(rows: list[dict], width: int = 640, height: int = 380) -> str:
    """Events as points on an equirectangular frame fitted to their extent (no tiles: offline)."""
    pts = [(r["lon"], r["lat"], r) for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    if not pts:
        return "<svg id=map width=640 height=60><text x=10 y=30>No located events.</text></svg>"
    from lanner.serve.basemap import outline_paths

    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    span = max(max(lons) - min(lons), max(lats) - min(lats))
    pad = max(0.5, 1.5 - span / 2, span * 0.05)  # a lone town still shows its neighbours
    x0, x1 = min(lons) - pad, max(lons) + pad
    y0, y1 = min(lats) - pad, max(lats) + pad
    scale = min(width / (x1 - x0), height / (y1 - y0))
    x1, y1 = x0 + width / scale, y0 + height / scale  # the whole frame, for the outlines
    land = outline_paths((x0, y0, x1, y1), lambda lon, lat: ((lon - x0) * scale, height - (lat - y0) * scale))
    dots = []
    for lon, lat, r in pts:
        x = (lon - x0) * scale
        y = height - (lat - y0) * scale
        colour = "#d64545" if r.get("type") == "ASSAULT" else "#3a7bd5"
        label = f"{r.get('type')}: {r.get('actor1') or '?'} → {r.get('actor2') or '?'} at {r.get('location')}"
        dots.append(
            f'<circle class=pt cx="{x:.1f}" cy="{y:.1f}" r=6 fill="{colour}" fill-opacity=.7>'
            f"<title>{escape(label)}</title></circle>"
        )
    names = {}
    for lon, lat, r in pts:
        names[r.get("location")] = (lon, lat)
    labels = "".join(
        f'<text x="{(lon - x0) * scale + 8:.1f}" y="{height - (lat - y0) * scale + 4:.1f}" font-size=11>'
        f"{escape(str(n))}</text>"
        for n, (lon, lat) in names.items()
    )
    frame = f'<rect width="{width}" height="{height}" fill="#dce8f3" stroke="#c9d3de"/>'
    return (
        f'<svg id=map width="{width}" height="{height}" role=img>{frame}{land}{"".join(dots)}{labels}'
        f'<rect width="{width}" height="{height}" fill="none" stroke="#c9d3de"/></svg>'
    )


def timeline_svg(rows: list[dict], width: int = 460, height: int = 160) -> str:
    """Events per week by start date."""
    weeks = Counter()
    for r in rows:
        d = r.get("date_start")
        if isinstance(d, str):
            d = dt.date.fromisoformat(d)
        if d:
            weeks[d - dt.timedelta(days=d.weekday())] += 1
    if not weeks:
        return "<svg id=timeline width=460 height=40><text x=10 y=25>No dated events.</text></svg>"
    first, last = min(weeks), max(weeks)
    n = (last - first).days // 7 + 1
    bar_w = max(2.0, (width - 20) / n)
    top = max(weeks.values())
    bars = []
    for wk, count in sorted(weeks.items()):
        i = (wk - first).days // 7
        h = (height - 30) * count / top
        bars.append(
            f'<rect class=bar x="{10 + i * bar_w:.1f}" y="{height - 20 - h:.1f}" '
            f'width="{max(bar_w - 1, 1):.1f}" height="{h:.1f}" fill="#3a7bd5">'
            f"<title>week of {wk}: {count}</title></rect>"
        )
    axis = (
        f'<text x=10 y="{height - 5}" font-size=11>{first}</text>'
        f'<text x="{width - 80}" y="{height - 5}" font-size=11>{last}</text>'
    )
    return f'<svg id=timeline width="{width}" height="{height}">{"".join(bars)}{axis}</svg>'


def dashboard(rows: list[dict], q: dict[str, str]) -> str:
    by_type = Counter(r["type"] for r in rows)
    summary = ", ".join(f"{t} {n}" for t, n in by_type.most_common())
    json_link = "/events.json" + (f"?{urlencode(q)}" if q else "")
    body = (
        f"{_filters(q)}<p class=muted>{len(rows)} events ({escape(summary)}) · "
        f'<a href="{escape(json_link)}">JSON</a></p>'
        f"<div class=grid><div class=panel><h3>Map</h3>{map_svg(rows)}</div>"
        f"<div class=panel><h3>Timeline</h3>{timeline_svg(rows)}</div></div>"
        f"<div class=panel><h3>Events</h3>{events_table(rows)}</div>"
    )
    return _page("Dashboard", body)


def events_page(rows: list[dict], q: dict[str, str]) -> str:
    return _page("Events", f"{_filters(q)}{events_table(rows)}")


def documents_page(rows: list[dict]) -> str:
    items = "".join(
        f'<tr><td><a href="/documents/{r["id"]}">{_cell(r["title"] or r["id"][:12])}</a></td>'
        f"<td>{_cell(r['outlet'])}</td><td>{_cell(r['published'])}</td><td>{r['chars']}</td></tr>"
        for r in rows
    )
    return _page(
        "Documents",
        f"<table id=documents><tr><th>title</th><th>outlet</th><th>published</th>"
        f"<th>chars</th></tr>{items}</table>",
    )


def _annotations(doc: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, css class, tooltip) for every span an analyst may want to see in the text."""
    out: list[tuple[int, int, str, str]] = []
    for ev in doc["events"]:
        tip = f"{ev['id']} {ev['type']} [{ev['epistemic']}] source: {ev['attribution']['source']}"
        for sp in ev.get("evidence") or [ev["trigger"]]:
            out.append((sp["start"], sp["end"], "trigger", tip))
    for a in doc["actors"]:
        for m in a["mentions"]:
            out.append((m["span"]["start"], m["span"]["end"], "actor", f"actor: {a['name']}"))
    for p in doc["places"]:
        res = p.get("resolution") or {}
        tip = f"place: {res.get('name', 'unresolved')}" + (" (used as actor)" if p.get("metonym") else "")
        out.append((p["mention"]["start"], p["mention"]["end"], "place", tip))
    for t in doc["framing"]["loaded_terms"]:
        out.append(
            (
                t["span"]["start"],
                t["span"]["end"],
                "loaded",
                f"loaded ({t['category']}); neutral: {t.get('neutral') or '-'}",
            )
        )
    for at in doc["attributions"]:
        out.append((at["source"]["start"], at["source"]["end"], "source", f"source ({at['kind']})"))
    for m in doc["framing"]["hedges"]:
        out.append((m["span"]["start"], m["span"]["end"], "hedge", m["kind"]))
    for m in doc["framing"]["certainty"]:
        out.append((m["span"]["start"], m["span"]["end"], "certainty", "unsupported certainty"))
    return out


def annotate(text: str, notes: list[tuple[int, int, str, str]]) -> str:
    """Cut the text at every annotation boundary; each piece carries the classes that cover it."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in notes), *(e for _, e, _, _ in notes)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = [(c, tip) for s, e, c, tip in notes if s <= a and b <= e and s < e]
        piece = escape(text[a:b])
        if cover:
            classes = " ".join(sorted({c for c, _ in cover}))
            tips = " | ".join(dict.fromkeys(tip for _, tip in cover))
            parts.append(f'<span class="{classes}" title="{escape(tips)}">{piece}</span>')
        else:
            parts.append(piece)
    return "".join(parts)


def document_page(doc: dict) -> str:
    meta = doc["document"]
    legend = (
        "<p class=legend><span class=trigger>event</span><span class=actor>actor</span>"
        "<span class=place>place</span><span class=loaded>loaded term</span>"
        "<span class=source>source</span><span class=hedge>hedge</span>"
        "<span class=certainty>certainty</span></p>"
    )
    rows = [{**_flat_event(ev), "doc_id": meta["id"], "outlet": meta.get("outlet")} for ev in doc["events"]]
    body = (
        f"<p class=muted>{_cell(meta.get('outlet'))} · published {_cell(meta.get('published'))} · "
        f'<a href="/documents/{meta["id"]}.json">JSON</a></p>{legend}'
        f"<div class=article id=article>{annotate(doc['text'], _annotations(doc))}</div>"
        f"<h3>Events</h3>{events_table(rows)}"
    )
    return _page(meta.get("title") or meta["id"][:12], body)


def _flat_event(ev: dict) -> dict:
    loc = ev.get("location") or {}
    return {
        "date_start": ev["date"].get("start"),
        "type": ev["type"],
        "mode": ev.get("mode"),
        "acled_sub_event_type": ev.get("acled_sub_event_type"),
        "actor1": (ev.get("actor1") or {}).get("name"),
        "actor2": (ev.get("actor2") or {}).get("name"),
        "location": loc.get("name"),
        "fatalities_min": (ev.get("fatalities") or {}).get("min"),
        "epistemic": ev["epistemic"],
        "source": ev["attribution"]["source"],
    }


def _tie_row(e: dict, names: dict) -> str:
    claimants = e.get("claimants")
    if isinstance(claimants, list):
        claimants = "; ".join(claimants)
    cells = [
        names.get(e.get("source"), e.get("source")),
        e.get("type"),
        names.get(e.get("target"), e.get("target")),
        e.get("origin"),
        e.get("count"),
        claimants,
    ]
    return "<tr class=tie>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + "</tr>"


def network_page(data: dict) -> str:
    nodes = data.get("nodes", [])
    edges = data.get("edges", data.get("links", []))
    names = {n.get("id"): n.get("name", n.get("id")) for n in nodes}
    rows = "".join(_tie_row(e, names) for e in edges if e.get("origin") != "kb")
    from lanner.serve.graph import network_svg

    body = network_svg(nodes, edges) + (
        f"<p class=muted>{len(nodes)} actors, {len(edges)} ties; ties claimed in text below, "
        f'KB ties in the <a href="/network.json">JSON</a></p><table id=network><tr><th>source</th>'
        f"<th>tie</th><th>target</th><th>origin</th><th>count</th><th>claimed by</th></tr>{rows}</table>"
    )
    return _page("Network", body)
