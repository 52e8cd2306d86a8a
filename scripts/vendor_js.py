"""Fetch the dashboard's browser libraries once from the npm registry and vendor them into the package.

Why vendored: the desk must work offline and install without node, so the minified files and their
licences are committed under lanner/serve/static/vendor/ (listed in NOTICE and VERSIONS.json with
their sha256). Run only to upgrade a pin: `python scripts/vendor_js.py` (needs `npm` and the registry).
It also rebuilds the 1:50m country outlines (lanner/data/map/countries_50m.geojson) from the
world-atlas package, which redistributes Natural Earth (public domain) as TopoJSON.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "lanner" / "serve" / "static" / "vendor"
OUTLINES = REPO / "lanner" / "data" / "map" / "countries_50m.geojson"

# package, version, files to keep (paths inside the tarball's package/ folder)
PINS: list[tuple[str, str, list[str]]] = [
    ("leaflet", "1.9.4", ["dist/leaflet.js", "dist/leaflet.css", "LICENSE"]),
    (
        "leaflet.markercluster",
        "1.5.3",
        [
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ],
    ),
    ("uplot", "1.6.32", ["dist/uPlot.iife.min.js", "dist/uPlot.min.css", "LICENSE"]),
    ("cytoscape", "3.34.4", ["dist/cytoscape.min.js", "LICENSE"]),
]
ATLAS = ("world-atlas", "2.0.2")


def _pack(name: str, version: str, work: Path) -> tarfile.TarFile:
    out = (
        subprocess.run(
            ["npm", "pack", "--silent", f"{name}@{version}"],
            cwd=work,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return tarfile.open(work / out)


def _decode_arcs(topo: dict) -> list[list[list[float]]]:
    """TopoJSON arcs (quantised, delta-encoded) as lon/lat lists."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pt = [round(x * sx + tx, 2), round(y * sy + ty, 2)]  # 0.01° ≈ 1 km, finer than 1:50m
            if not pts or pt != pts[-1]:
                pts.append(pt)
        arcs.append(pts)
    return arcs


def _ring(indices: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])
    return ring


def build_outlines(topo: dict) -> dict:
    """TopoJSON countries → a GeoJSON FeatureCollection of (Multi)Polygons with a `name` property."""
    arcs = _decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            coords = [[_ring(r, arcs) for r in geom["arcs"]]]
        elif geom.get("type") == "MultiPolygon":
            coords = [[_ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": geom.get("properties", {}).get("name", "")},
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    versions = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, version, files in PINS:
            dest = VENDOR / name
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir(parents=True)
            with _pack(name, version, work) as tar:
                for f in files:
                    data = tar.extractfile(f"package/{f}").read()  # type: ignore[union-attr]
                    (dest / Path(f).name).write_bytes(data)
                    versions[f"{name}/{Path(f).name}"] = {
                        "package": name,
                        "version": version,
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
        with _pack(*ATLAS, work) as tar:
            topo = json.load(tar.extractfile("package/countries-50m.json"))  # type: ignore[arg-type]
        OUTLINES.write_text(json.dumps(build_outlines(topo), separators=(",", ":")), encoding="utf-8")
    (VENDOR / "VERSIONS.json").write_text(
        json.dumps(versions, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"vendored {len(PINS)} packages into {VENDOR}; outlines: {OUTLINES.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
