"""The annotated article: the report's text with every extracted span marked, escaped piece by piece."""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def annotations(doc: dict) -> list[tuple[int, int, str, str]]:
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
        tip = f"loaded ({t['category']}); neutral: {t.get('neutral') or '-'}"
        out.append((t["span"]["start"], t["span"]["end"], "loaded", tip))
    for at in doc["attributions"]:
        out.append((at["source"]["start"], at["source"]["end"], "source", f"source ({at['kind']})"))
    for m in doc["framing"]["hedges"]:
        out.append((m["span"]["start"], m["span"]["end"], "hedge", m["kind"]))
    for m in doc["framing"]["certainty"]:
        out.append((m["span"]["start"], m["span"]["end"], "certainty", "unsupported certainty"))
    return out


def annotate(text: str, notes: list[tuple[int, int, str, str]]) -> Markup:
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
    return Markup("".join(parts))  # noqa: S704 - every piece of text and tooltip is escaped above


def annotated_article(doc: dict) -> Markup:
    return annotate(doc["text"], annotations(doc))


def flat_event(ev: dict) -> dict:
    """One event of the contract as a row of the events table."""
    loc = ev.get("location") or {}
    return {
        "date_start": ev["date"].get("start"),
        "type": ev["type"],
        "mode": ev.get("mode"),
        "acled_sub_event_type": ev.get("acled_sub_event_type"),
        "actor1": (ev.get("actor1") or {}).get("name"),
        "actor2": (ev.get("actor2") or {}).get("name"),
        "location": loc.get("name"),
        "geo_precision": loc.get("precision"),
        "fatalities_min": (ev.get("fatalities") or {}).get("min"),
        "epistemic": ev["epistemic"],
        "source": ev["attribution"]["source"],
    }
