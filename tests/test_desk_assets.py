"""The desk's vendored browser libraries and basemap: present, as pinned, and loaded by no CDN."""

from __future__ import annotations

import hashlib
import json
import re

from tests.conftest import REPO

STATIC = REPO / "lanner" / "serve" / "static"
TEMPLATES = REPO / "lanner" / "serve" / "templates"


def test_vendored_files_match_their_recorded_pins():
    versions = json.loads((STATIC / "vendor" / "VERSIONS.json").read_text(encoding="utf-8"))
    assert {v["package"] for v in versions.values()} == {
        "leaflet",
        "leaflet.markercluster",
        "uplot",
        "cytoscape",
    }
    for rel, pin in versions.items():
        data = (STATIC / "vendor" / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == pin["sha256"], rel
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    for pin in versions.values():
        assert pin["version"] in notice, pin


def test_every_vendored_package_ships_its_licence():
    for folder in (STATIC / "vendor").iterdir():
        if folder.is_dir():
            assert [p for p in folder.iterdir() if "LICEN" in p.name.upper()], folder.name


def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script():
    for tpl in TEMPLATES.glob("*.html"):
        html = tpl.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', html), tpl.name
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {tpl.name}"
        assert " style=" not in html and "<style" not in html, f"inline style in {tpl.name}"
    for js in STATIC.glob("*.js"):
        assert "http://" not in js.read_text(encoding="utf-8") and "https://" not in js.read_text(
            encoding="utf-8"
        )


def test_basemap_covers_syria_and_its_neighbours():
    gj = json.loads((REPO / "lanner" / "data" / "map" / "countries_50m.geojson").read_text(encoding="utf-8"))
    names = {f["properties"]["name"] for f in gj["features"]}
    assert {"Syria", "Turkey", "Iraq", "Lebanon", "Jordan", "Israel"} <= names
    syria = next(f for f in gj["features"] if f["properties"]["name"] == "Syria")
    ring = syria["geometry"]["coordinates"][0][0]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    assert 35 < min(lons) < 36.5 and 42 < max(lons) < 42.5 and 32 < min(lats) < 33 and 37 < max(lats) < 37.5
    assert len(ring) > 100, "1:50m detail, not a box"
