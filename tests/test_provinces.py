"""The province outlines the desk's map draws: shipped, small, in place, and rebuilt by their script."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import REPO

PROVINCES = REPO / "lanner" / "data" / "map" / "provinces.geojson"
MIRROR = Path("/work/.mirror")
# countries the build covers and a rough box around each (lon_min, lat_min, lon_max, lat_max)
BOXES = {
    "SY": (35.5, 32.2, 42.5, 37.4),
    "YE": (41.5, 11.9, 54.6, 19.1),
    "IQ": (38.7, 29.0, 48.7, 37.5),
    "UA": (22.0, 44.3, 40.3, 52.5),
}


def _build_module():
    spec = importlib.util.spec_from_file_location("build_provinces", REPO / "scripts" / "build_provinces.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _points(geometry: dict):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        for ring in poly:
            assert len(ring) >= 4 and ring[0] == ring[-1], "closed rings"
            yield from ring


@pytest.fixture(scope="module")
def provinces() -> dict:
    return json.loads(PROVINCES.read_text(encoding="utf-8"))


def test_provinces_are_small_and_named(provinces):
    assert PROVINCES.stat().st_size < 3_000_000
    feats = provinces["features"]
    for f in feats:
        p = f["properties"]
        assert p["name"] and p["name_en"] and isinstance(p["wof_id"], int) and len(p["iso"]) == 2, p
    assert len({f["properties"]["wof_id"] for f in feats}) == len(feats), "one feature per region"
    syria = [f["properties"] for f in feats if f["properties"]["iso"] == "SY"]
    names = {p["name"] for p in syria} | {p["name_en"] for p in syria}
    assert {"Idlib", "Aleppo", "Hamah", "Dar`a", "Rif Dimashq", "Dayr az Zawr"} <= names
    assert 14 <= len(syria) <= 16


def test_every_region_lies_in_its_country(provinces):
    for f in provinces["features"]:
        box = BOXES.get(f["properties"]["iso"])
        if box is None:
            continue
        for lon, lat in _points(f["geometry"]):
            assert box[0] <= lon <= box[2] and box[1] <= lat <= box[3], (f["properties"], lon, lat)


def test_simplify_drops_what_lies_within_the_tolerance_and_keeps_corners():
    build = _build_module()
    line = [[0.0, 0.0], [0.5, 0.001], [1.0, 0.0], [1.0, 0.5], [1.0, 1.0]]
    assert build.simplify(line, 0.01) == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    square = [[0, 0], [0.3, 0], [1, 0], [1, 1], [0, 1], [0, 0.002], [0, 0]]
    ring = build._ring(square, 0.01)
    assert ring[0] == ring[-1] and sorted(map(tuple, ring[:-1])) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert build._ring([[0, 0], [0.001, 0], [0.001, 0.001], [0, 0]], 0.01) is None, "a sliver collapses"


@pytest.mark.skipif(
    not (MIRROR / "whosonfirst-data+whosonfirst-data-admin-sy").is_dir(), reason="no WOF snapshot"
)
def test_syria_rebuilds_from_the_snapshot_as_shipped(provinces):
    """The shipped Syrian outlines are what the script makes from the cited snapshot (a stale file fails)."""
    build = _build_module()
    rebuilt, report = build.build(MIRROR, ("sy",), build.TOLERANCE)
    assert report[0]["commit"] in (REPO / "lanner" / "data" / "map" / "SOURCES.md").read_text(
        encoding="utf-8"
    )
    shipped = [f for f in provinces["features"] if f["properties"]["iso"] == "SY"]
    assert rebuilt["features"] == shipped
