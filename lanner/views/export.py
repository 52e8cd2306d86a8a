"""Exports in formats analysts already use: ACLED's CSV columns, GeoJSON, plain CSV/JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

# ACLED's export column names (ACLED Codebook, 2023), in their order.
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
_PRECISION = {"day": 1, "week": 2, "month": 2, "range": 2, "year": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def _json_default(o: Any) -> str:
    return o.isoformat() if hasattr(o, "isoformat") else str(o)


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, default=_json_default, ensure_ascii=False, indent=2)


def to_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    buf = io.StringIO()
    cols = columns or (list(rows[0]) if rows else [])
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(
            {
                k: _json_default(v) if v is not None and not isinstance(v, str | int | float) else v
                for k, v in r.items()
            }
        )
    return buf.getvalue()


def to_geojson(rows: list[dict]) -> str:
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
            "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")},
        }
        for r in rows
        if r.get("lat") is not None and r.get("lon") is not None
    ]
    return json.dumps(
        {"type": "FeatureCollection", "features": feats}, default=_json_default, ensure_ascii=False
    )


def interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's two-digit code: lower inter code first; a sole actor gives inter1 * 10."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return ""
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def acled_row(r: dict) -> dict:
    """One ACLED-shaped row; events ACLED would not code (no event_type) are left out by the caller."""
    import pycountry

    country = pycountry.countries.get(alpha_2=r["country"]) if r.get("country") else None
    date = r.get("date_start") or r.get("published")
    notes = (
        f"{r.get('trigger') or ''} [epistemic: {r.get('epistemic')}; Lanner {r.get('type')}/{r.get('mode')}]"
    )
    return {
        "event_id_cnty": r["uid"],
        "event_date": _json_default(date) if date else "",
        "year": date.year if date else "",
        "time_precision": _PRECISION.get(r.get("date_precision") or "", 3),
        "disorder_type": _DISORDER.get(r.get("acled_event_type") or "", ""),
        "event_type": r.get("acled_event_type"),
        "sub_event_type": r.get("acled_sub_event_type"),
        "actor1": r.get("actor1"),
        "assoc_actor_1": "; ".join(json.loads(r["assoc_actors"])) if r.get("assoc_actors") else "",
        "inter1": r.get("inter1") or "",
        "actor2": r.get("actor2"),
        "assoc_actor_2": "",
        "inter2": r.get("inter2") or "",
        "interaction": interaction(r.get("inter1"), r.get("inter2")),
        "civilian_targeting": "",
        "iso": int(country.numeric) if country else "",
        "region": "",
        "country": country.name if country else "",
        "admin1": r.get("admin1"),
        "admin2": r.get("admin2"),
        "admin3": "",
        "location": r.get("location"),
        "latitude": r.get("lat"),
        "longitude": r.get("lon"),
        "geo_precision": r.get("geo_precision"),
        "source": r.get("outlet") or "",
        "source_scale": "",
        "notes": notes,
        "fatalities": r.get("fatalities_min") or 0,
        "tags": f"source: {r.get('source')}",
        "timestamp": "",
    }


def to_acled_csv(rows: list[dict]) -> str:
    return to_csv(  # background events (recalled history) carry no ACLED code; an old store may, so check
        [acled_row(r) for r in rows if r.get("acled_event_type") and not r.get("background")], ACLED_COLUMNS
    )
