"""The incident object over incidents-dev, through the CLI and the desk: every outlet's version shown.

The 32 articles are ingested once into a real SQLite file (read in place from ../shared, not copied);
`lanner incidents`, `lanner incident ID` and `lanner corroborate --explain ID` run in-process, and the
desk's incident page is fetched from a real server on a thread (and in Chromium when installed).
"""

from __future__ import annotations

import json
import os
import shutil

import httpx
import pytest

from lanner.eval import shared_path
from lanner.eval.suite_incidents import ARTICLES, ingest_articles
from lanner.serve import serve_in_thread
from lanner.store import Store
from tests.cli_runner import run_cli

pytestmark = pytest.mark.skipif(not shared_path(*ARTICLES).exists(), reason="../shared incidents-dev absent")

# incident -> (a place its reports give, every outlet that must be side by side in it, the denial included).
EXPECTED = {
    "Kramatorsk": ("Kramatorsk", {"Censor.NET", "The Jerusalem Post", "RT", "UrduPoint"}),
    "Douma": ("Dūmā", {"NOLA.com", "oneislandtwonations.blogspot.com", "TRT World", "Kuwait News Gazette"}),
    "Saada": ("Sa'dah", {"Antelope Valley Press", "Dawn", "Saudi Gazette", "Ansarollah"}),
}


NAMES = sorted(EXPECTED)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('incidents') / 'incidents.db'}"
    ingest_articles(url)
    return url


@pytest.fixture(scope="module")
def listed(db) -> list[dict]:

    from lanner.corroborate.incidents import incident_view, incidents

    found, docs = incidents(Store(db).iter_documents())
    return [incident_view(c, docs) for c in found]


def _incident(listed: list[dict], place: str) -> dict:
    mine = [v for v in listed if any(r["place"] == place for r in v["reports"])]
    assert mine, f"no incident with a report placed at {place}"
    return max(mine, key=lambda v: len(v["reports"]))


@pytest.mark.parametrize("name", NAMES)
def test_incident_shows_every_outlets_version(name, db, listed, capsys):
    place, outlets = EXPECTED[name]
    view = _incident(listed, place)
    res = run_cli(capsys, "incident", view["id"], "--db", db)
    assert res.code == 0, res.err
    for outlet in outlets:
        assert f"- {outlet} [" in res.out, (outlet, res.out)
    assert "independent sources:" in res.out and "toll" in res.out and "disagreements" in res.out
    data = json.loads(run_cli(capsys, "incident", view["id"][:8], "--format", "json", "--db", db).out)
    assert {r["outlet"] for r in data["reports"]} >= outlets
    assert all(r["epistemic"] for r in data["reports"])
    assert data["independent_sources"] == len(set(data["sources"])) <= len(data["reports"])


def test_incidents_list_and_filters(db, capsys):
    res = run_cli(capsys, "incidents", "--db", db, "--type", "ASSAULT", "--country", "UA")
    assert res.code == 0 and "Kramatorsk" in res.out
    assert "Damascus" not in res.out
    res = run_cli(capsys, "incidents", "--db", db, "--country", "SY", "--since", "2024-01-01")
    assert res.out.count("ASSAULT") >= 2  # the two Damascus strikes (Mezzeh, the consulate), kept apart


def test_explain_names_the_evidence(db, listed, capsys):
    view = _incident(listed, "Kramatorsk")
    res = run_cli(capsys, "corroborate", "--explain", view["id"], "--db", db)
    assert res.code == 0 and "merged pairs:" in res.out and "evidence" in res.out
    assert "kept apart" in res.out


def test_unknown_incident_is_a_clean_error(db, capsys):
    res = run_cli(capsys, "incident", "cffffffffff", "--db", db)
    assert res.code != 0 and "no single incident" in res.err


@pytest.fixture(scope="module")
def desk(db):
    running = serve_in_thread(Store(db))
    yield running.url
    running.stop()


@pytest.mark.parametrize("name", NAMES)
def test_desk_incident_page(name, desk, listed):
    place, outlets = EXPECTED[name]
    view = _incident(listed, place)
    page = httpx.get(f"{desk}/incidents/{view['id']}")
    assert page.status_code == 200 and 'id="reports"' in page.text
    for outlet in outlets:
        assert outlet in page.text
    twin = httpx.get(f"{desk}/incidents/{view['id']}.json").json()
    assert twin["id"] == view["id"] and len(twin["reports"]) == len(view["reports"])
    point = httpx.get(f"{desk}/incidents/{view['id']}.geojson").json()
    assert len(point["features"]) == 1
    assert httpx.get(f"{desk}/incidents/cffffffffff").status_code == 404


def test_desk_incident_page_in_a_real_browser(desk, listed, tmp_path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("LANNER_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (LANNER_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium not installed (make browser)")
    from playwright.sync_api import sync_playwright

    view = _incident(listed, "Kramatorsk")
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": 1300, "height": 900})
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        tab.goto(f"{desk}/incidents/{view['id']}")
        tab.wait_for_selector("#map[data-loaded='1']", timeout=20_000)
        assert tab.locator("tr.report").count() == len(view["reports"])
        assert tab.locator("#map .leaflet-interactive").count() >= 1, "the map point"
        body = tab.inner_text("#reports")
        assert "Censor.NET" in body and "RT" in body
        tab.screenshot(path=str(tmp_path / "incident.png"), full_page=True)
        browser.close()
    assert errors == [], errors
