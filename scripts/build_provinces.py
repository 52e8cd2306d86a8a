"""Province (admin-1) outlines of conflict countries for the desk map, from Who's On First (build time only).

Why WOF: its admin repositories are CC0 (GeoNames-derived fields CC BY 4.0), so the outlines can ship
with the package, unlike GADM's. The inputs are `fetch` snapshots of
`whosonfirst-data/whosonfirst-data-admin-<cc>`: bare git directories with no work tree, so records are
read with `git grep` and `git cat-file` at each snapshot's HEAD, whose commit id lands in the output and
must be cited in lanner/data/map/SOURCES.md.

Kept: records of placetype `region` that are current (`mz:is_current` not 0), not deprecated, not
superseded, of the repository's own country, with a polygon geometry. Each ring is simplified with
Douglas-Peucker at TOLERANCE degrees and rounded to DECIMALS; rings that collapse are dropped. The map
draws only the lines, so small gaps between neighbours after simplification do not show at the zoom the
layer is visible.

    python scripts/build_provinces.py [--mirror /work/.mirror] [--out lanner/data/map/provinces.geojson]
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "lanner" / "data" / "map" / "provinces.geojson"
# Syria first: the FA-KES corpus and most of our evaluation data are Syrian
COUNTRIES = ("sy", "ye", "iq", "ly", "sd", "ss", "so", "ml", "bf", "mm", "cd", "ua")
TOLERANCE = 0.005  # degrees (~500 m): about a pixel at zoom 9, where the layer is sharpest
DECIMALS = 3
REGION = r'"wof:placetype": *"region"'


def _git(gitdir: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(gitdir), *args], input=data, capture_output=True, check=True
    ).stdout


def snapshot(mirror: Path, cc: str) -> Path | None:
    """The bare git directory of the country's WOF admin snapshot, if it was fetched."""
    gitdir = mirror / f"whosonfirst-data+whosonfirst-data-admin-{cc}" / "repo"
    return gitdir if gitdir.is_dir() else None


def region_records(gitdir: Path) -> list[dict]:
    """Every GeoJSON record at HEAD whose text names placetype region (alt geometries left out)."""
    try:
        listing = _git(gitdir, "grep", "-l", "-E", REGION, "HEAD", "--", "data")
    except subprocess.CalledProcessError as e:
        if e.returncode == 1:  # git grep: no match
            return []
        raise
    paths = [p for p in listing.decode().splitlines() if p.endswith(".geojson") and "-alt-" not in p]
    out = _git(gitdir, "cat-file", "--batch", data="".join(p + "\n" for p in paths).encode())
    records, pos = [], 0
    while pos < len(out):  # "<sha> blob <size>\n<content>\n" per object
        nl = out.index(b"\n", pos)
        size = int(out[pos:nl].split()[2])
        records.append(json.loads(out[nl + 1 : nl + 1 + size]))
        pos = nl + 1 + size + 1
    return records


def keep(props: dict, cc: str) -> bool:
    """A live region of this country: current, not deprecated, not superseded."""
    if props.get("wof:placetype") != "region" or props.get("mz:is_current") in (0, "0"):
        return False
    if props.get("edtf:deprecated") not in (None, "", "uuuu") or props.get("wof:superseded_by"):
        return False
    return str(props.get("iso:country") or props.get("wof:country") or "").lower() == cc


def _segment_distance(p: list[float], a: list[float], b: list[float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return ((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker, iterative (rings of tens of thousands of points would overflow recursion)."""
    if len(points) < 3:
        return points
    kept = [False] * len(points)
    kept[0] = kept[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_i = -1.0, -1
        for i in range(lo + 1, hi):
            d = _segment_distance(points[i], points[lo], points[hi])
            if d > best:
                best, best_i = d, i
        if best > tolerance:
            kept[best_i] = True
            stack += [(lo, best_i), (best_i, hi)]
    return [p for p, k in zip(points, kept, strict=True) if k]


def _ring(ring: list[list[float]], tolerance: float) -> list[list[float]] | None:
    """The ring simplified and rounded, closed, or None when it collapses to a sliver."""
    # a closed ring's ends coincide: split it at its farthest point so both halves have distinct ends
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    half = simplify(ring[: far + 1], tolerance)[:-1] + simplify(ring[far:], tolerance)
    out: list[list[float]] = []
    for x, y in half:
        pt = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or pt != out[-1]:
            out.append(pt)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def polygons(geometry: dict, tolerance: float) -> list[list[list[list[float]]]]:
    """The geometry's polygons (outer ring first), simplified; holes and islands that collapse dropped."""
    kind = geometry.get("type")
    if kind == "Polygon":
        raw = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        raw = geometry["coordinates"]
    else:
        return []
    out = []
    for poly in raw:
        outer = _ring(poly[0], tolerance)
        if outer is None:  # an islet below the tolerance: its holes go with it
            continue
        out.append([outer] + [r for r in (_ring(ring, tolerance) for ring in poly[1:]) if r])
    return out


def feature(record: dict, cc: str, tolerance: float) -> dict | None:
    props = record["properties"]
    polys = polygons(record.get("geometry") or {}, tolerance)
    if not polys:
        return None
    english = (props.get("name:eng_x_preferred") or [props["wof:name"]])[0]
    if len(polys) == 1:
        geometry = {"type": "Polygon", "coordinates": polys[0]}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": polys}
    return {
        "type": "Feature",
        "properties": {
            "name": props["wof:name"],
            "name_en": english,
            "iso": cc.upper(),
            "wof_id": props["wof:id"],
            # whose outline it is decides the attribution: meso is CC0, quattroshapes CC BY
            "src_geom": props.get("src:geom", ""),
        },
        "geometry": geometry,
    }


def build(mirror: Path, countries: tuple[str, ...], tolerance: float) -> tuple[dict, list[dict]]:
    """The FeatureCollection and, per country, the snapshot's commit and how many regions were kept."""
    features, report = [], []
    for cc in countries:
        gitdir = snapshot(mirror, cc)
        if gitdir is None:
            report.append({"iso": cc.upper(), "commit": None, "regions": 0, "skipped": "no snapshot"})
            continue
        commit = _git(gitdir, "rev-parse", "HEAD").decode().strip()
        live = [r for r in region_records(gitdir) if keep(r["properties"], cc)]
        feats = [f for f in (feature(r, cc, tolerance) for r in live) if f]
        feats.sort(key=lambda f: f["properties"]["wof_id"])
        features += feats
        report.append(
            {"iso": cc.upper(), "commit": commit, "regions": len(feats), "no_polygon": len(live) - len(feats)}
        )
    return {"type": "FeatureCollection", "features": features}, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--mirror", type=Path, default=Path("/work/.mirror"), help="folder holding the fetched snapshots"
    )
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=TOLERANCE)
    ap.add_argument("--countries", default=",".join(COUNTRIES), help="ISO2 codes, comma-separated")
    args = ap.parse_args()
    collection, report = build(
        args.mirror, tuple(c.strip().lower() for c in args.countries.split(",")), args.tolerance
    )
    args.out.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    for row in report:
        print(json.dumps(row))
    print(f"{len(collection['features'])} regions, {args.out.stat().st_size:,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
