"""The JSON API and dashboard on a real server (thread), over a real store, and in a real browser."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest

from lanner.ingest import iter_inputs
from lanner.serve import make_server
from lanner.store import Store
from lanner.store.ingest import ingest
from tests.conftest import REPO, SEED


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "serve.db"
    store = Store(f"sqlite:///{db}")
    items = list(iter_inputs([str(REPO / "examples")]))
    seed = next(iter_inputs([str(SEED)]))
    seed.published, seed.outlet, seed.title = dt.date(2022, 12, 5), "Alwaght", "Seed: arms to Idlib"
    report = ingest([*items, seed], store)
    assert report.stored == 8 and not report.errors
    server = make_server(store, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("path", ["/events", "/documents", "/network"])
def test_every_page_has_a_json_twin(base_url, path):
    html = httpx.get(base_url + path)
    data = httpx.get(base_url + path + ".json")
    assert html.status_code == data.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert data.headers["content-type"].startswith("application/json")
    assert isinstance(data.json(), list | dict)


def test_events_json_filters(base_url):
    everything = httpx.get(base_url + "/events.json").json()
    assaults = httpx.get(base_url + "/events.json", params={"type": "assault"}).json()
    assert everything and assaults and len(assaults) < len(everything)
    assert {e["type"] for e in assaults} == {"ASSAULT"}
    geo = httpx.get(base_url + "/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]


@pytest.mark.parametrize(
    ("path", "status"),
    [("/nope.json", 404), ("/events.json?since=yesterday", 400), ("/documents/" + "0" * 64 + ".json", 404)],
)
def test_one_error_envelope(base_url, path, status):
    resp = httpx.get(base_url + path)
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"ok", "status", "error"} and body["ok"] is False and body["status"] == status


def test_annotated_article(base_url):
    docs = httpx.get(base_url + "/documents.json").json()
    seed = next(d for d in docs if d["outlet"] == "Alwaght")
    page = httpx.get(f"{base_url}/documents/{seed['id']}").text
    for cls in ("trigger", "actor", "place", "loaded", "source", "hedge"):
        assert f'class="{cls}' in page or f" {cls}" in page, cls
    contract = httpx.get(f"{base_url}/documents/{seed['id']}.json").json()
    assert contract["document"]["id"] == seed["id"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser() -> str:
    exe = _chromium()
    if exe is None:
        if os.environ.get("LANNER_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (LANNER_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium not installed")
    return exe


def _flags(tmp_path: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]


def test_dashboard_in_a_real_browser(base_url, tmp_path):
    exe, flags = _browser(), _flags(tmp_path)
    dom = subprocess.run(
        [exe, *flags, "--dump-dom", base_url + "/"], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert dom.count('class="pt"') >= 3, "the map shows located events"
    assert dom.count('class="land"') >= 5, "over the shipped country outlines"
    assert 'class="bar"' in dom and 'id="events"' in dom
    shot = tmp_path / "dashboard.png"
    subprocess.run(
        [exe, *flags, "--window-size=1400,1000", f"--screenshot={shot}", base_url + "/"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
    keep = os.environ.get("LANNER_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "dashboard.png")


def test_network_drawing_is_deterministic(base_url):
    first, second = httpx.get(base_url + "/network").text, httpx.get(base_url + "/network").text
    assert 'id="netgraph"' in first or "id=netgraph" in first
    assert first.count('class="node"') >= 10 and first.count('class="tie"') >= 10
    assert first == second


def test_network_focus_in_a_real_browser(base_url, tmp_path):
    """Clicking an actor (here: ?focus=, which runs the same script) leaves only its ties lit."""
    exe = _browser()
    edges = httpx.get(base_url + "/network.json").json()["edges"]
    hub = Counter(end for e in edges for end in (e["source"], e["target"])).most_common(1)[0][0]
    dom = subprocess.run(
        [exe, *_flags(tmp_path), "--dump-dom", f"{base_url}/network?focus={hub}"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    lit, dimmed = dom.count('class="tie"'), dom.count('class="tie dim"')
    assert lit >= 2 and dimmed >= 5, (lit, dimmed)
    assert f'class="node" data-id="{hub}"' in dom  # the focused actor stays lit


def test_map_outlines_cover_the_events_countries():
    from lanner.serve.basemap import outline_paths

    syria_view = outline_paths((35.5, 32.3, 42.4, 37.4), lambda lon, lat: (lon, lat))
    assert "<title>Syria</title>" in syria_view and "<title>Turkey</title>" in syria_view
    assert "<title>Brazil</title>" not in syria_view
