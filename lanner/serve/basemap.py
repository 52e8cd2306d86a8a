"""Country outlines under the dashboard's event map, from a shipped Natural Earth file (no tiles, offline).

Why outlines and not tiles: tiles need a server on the internet, which analysts in the field often do not
have; 1:110m outlines (160 kB, public domain, `lanner/data/map/`, built by scripts/build_world_outline.py)
are enough to see which side of a border, or of the Euphrates, an event sits on.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

OUTLINES = Path(__file__).resolve().parents[1] / "data" / "map" / "countries_110m.json"


@functools.cache
def _rings() -> list[tuple[str, tuple[float, float, float, float], list[list[float]]]]:
    """(country name, lon/lat bounding box, ring) for every ring of every country."""
    if not OUTLINES.exists():
        return []
    out = []
    for c in json.loads(OUTLINES.read_text(encoding="utf-8"))["countries"]:
        for ring in c["rings"]:
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            out.append((c["name"], (min(lons), min(lats), max(lons), max(lats)), ring))
    return out


def outline_paths(
    view: tuple[float, float, float, float], project: Callable[[float, float], tuple[float, float]]
) -> str:
    """SVG paths of the country rings that touch `view` (lon0, lat0, lon1, lat1), in map coordinates."""
    x0, y0, x1, y1 = view
    paths = []
    for name, (a, b, c, d), ring in _rings():
        if c < x0 or a > x1 or d < y0 or b > y1:
            continue
        pts = [project(lon, lat) for lon, lat in ring]
        path = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z"
        paths.append(f'<path class=land d="{path}"><title>{name}</title></path>')
    return "".join(paths)
