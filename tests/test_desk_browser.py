"""The desk in a real browser (Debian's Chromium driven by Playwright) over a store of FA-KES articles.

Each test fails on any console error, which includes every Content-Security-Policy violation; the
screenshots land in the test's tmp dir (and in LANNER_SCREENSHOT_DIR when set, for the README).
"""

from __future__ import annotations

import csv
import os
import shutil
import sys
from pathlib import Path

import pytest

from lanner.eval import shared_path
from lanner.model import RawDocument
from lanner.serve import serve_in_thread
from lanner.store import Store
from lanner.store.ingest import ingest

FAKES = shared_path("data", "fa-kes", "FA-KES-Dataset.csv")
SAMPLE = 150  # articles: every fifth row, so the sample spans the corpus's years


def _fakes_rows() -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with FAKES.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["article_content"].strip()]


def _raw(row: dict) -> RawDocument:
    from lanner.ingest.meta import parse_date

    return RawDocument(text=row["article_content"].strip(), title=row["article_title"], outlet=row["source"],
                       published=parse_date(row["date"]), origin=f"fakes:{row['unit_id']}")  # fmt: skip


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("LANNER_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (LANNER_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium not installed (make browser)")
    return exe


@pytest.fixture(scope="module")
def fakes_desk(tmp_path_factory):
    exe = _chromium()
    if not FAKES.exists():
        pytest.skip(f"FA-KES not found at {FAKES}")
    rows = _fakes_rows()
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('desk') / 'fakes.db'}")
    report = ingest([_raw(r) for r in rows[::5][:SAMPLE]], store)
    assert report.stored >= SAMPLE - 10, report.errors[:3]
    running = serve_in_thread(store)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        yield running, browser, rows
        browser.close()
    running.stop()


@pytest.fixture()
def page(fakes_desk, tmp_path):
    """A fresh tab that records console errors; the test fails if any was logged."""
    running, browser, _ = fakes_desk
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=running.url)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    tab.shots = tmp_path  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert errors == [], errors


FIND_MARKER = """(() => { const map = document.getElementById('map').getBoundingClientRect();
  for (const p of document.querySelectorAll('#map path.leaflet-interactive')) {
    const b = p.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
    if (b.width > 40 || x < map.left + 5 || x > map.right - 5) continue;
    if (y < map.top + 5 || y > map.bottom - 5) continue;
    if (document.elementFromPoint(x, y) === p) return [x, y]; }
  return null; })()"""


# province outlines (lanner/data/map/provinces.geojson) that Leaflet drew in view: it gives the path of a
# feature outside the view a degenerate "M0 0", and removes the layer's paths below PROVINCE_ZOOM
DRAWN_PROVINCES = """[...document.querySelectorAll('#map .leaflet-provinces-pane path')]
  .filter(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0').length"""


def _shot(tab, name: str) -> Path:
    path = tab.shots / f"{name}.png"
    tab.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    keep = os.environ.get("LANNER_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/events", "#events"),
        ("/documents", "#documents"),
        ("/analyse", "#analyse-form"),
        ("/events?type=ASSAULT&epistemic=attributed", "#facet-type li.on"),
    ],  # fmt: skip
)
def test_pages_load_cleanly(page, path, ready):
    page.goto(path)
    page.wait_for_selector(ready)
    name = path.strip("/").split("?")[0] + ("-facets" if "?" in path else "")
    _shot(page, name)


def test_map_opens_on_syria_zooms_and_clusters(page):
    page.goto("/")
    page.wait_for_selector("#map[data-loaded]")
    page.wait_for_selector(".marker-cluster")
    centre = page.evaluate("(() => { const c = lannerDesk.map.getCenter(); return [c.lat, c.lng]; })()")
    assert 31 < centre[0] < 38 and 34 < centre[1] < 43, f"framed on Syria, not the world: {centre}"
    page.wait_for_selector("#map[data-provinces-loaded]")
    drawn = page.evaluate(DRAWN_PROVINCES)
    assert drawn >= 10, "Syria's governorates are outlined beneath the events"
    _shot(page, "dashboard")
    framed = page.evaluate("lannerDesk.map.getZoom()")
    for step in ("out", "out", "in", "in"):  # below zoom 5 the map keeps to country outlines
        page.click(f".leaflet-control-zoom-{step}")
        page.wait_for_timeout(400)
        if page.evaluate("lannerDesk.map.getZoom()") < 5:
            page.wait_for_function(f"() => ({DRAWN_PROVINCES}) === 0")
    page.wait_for_function(f"() => lannerDesk.map.getZoom() === {framed} && ({DRAWN_PROVINCES}) >= 10")
    zoom = page.evaluate("lannerDesk.map.getZoom()")
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function(f"() => lannerDesk.map.getZoom() > {zoom}")
    page.wait_for_timeout(800)  # the zoom animation and the re-clustering settle
    point = None
    for _ in range(4):  # zoom further until an event stands on its own
        point = page.evaluate(FIND_MARKER)
        if point:
            break
        page.click(".leaflet-control-zoom-in")
        page.wait_for_timeout(800)
    assert point, "an unclustered event is visible after zooming in"
    page.mouse.click(*point)
    popup = page.wait_for_selector(".leaflet-popup-content .pop")
    text = popup.inner_text()
    assert "status:" in text and "read the article" in text and "where:" in text
    _shot(page, "map-popup")
    page.click(".leaflet-popup-close-button")
    page.wait_for_timeout(300)
    zoom = page.evaluate("lannerDesk.map.getZoom()")
    biggest = page.evaluate(
        """(() => { const top = [...document.querySelectorAll('.marker-cluster')].map(el => {
            const b = el.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
            const hit = document.elementFromPoint(x, y);
            return [Number(el.textContent), x, y, hit !== null && hit.closest('.marker-cluster') === el];
          }).filter(c => c[3]).sort((a, b) => b[0] - a[0]); return top[0]; })()"""
    )
    assert biggest and biggest[0] >= 2, biggest
    page.mouse.click(biggest[1], biggest[2])
    # a cluster opens by zooming in, or (all at one place, at the last zoom) by spreading its events out
    page.wait_for_function(f"() => lannerDesk.map.getZoom() > {zoom} || !!lannerDesk.clusters._spiderfied")
    page.wait_for_timeout(400)
    _shot(page, "map-cluster-zoomed")


def test_timeline_brush_filters_map_and_table(page):
    page.goto("/")
    page.wait_for_selector("#timeline[data-loaded]")
    page.wait_for_selector("#events[data-loaded]")
    before = int(page.get_attribute("#map", "data-loaded"))
    box = page.locator("#timeline .u-over").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('since=')")
    page.wait_for_function(f"() => Number(document.getElementById('map').dataset.loaded) < {before}")
    since, until = page.evaluate(
        "(() => { const p = new URLSearchParams(location.search);"
        " return [p.get('since'), p.get('until')]; })()"
    )
    assert "2011" < since < until < "2019"
    # the table refreshes after the map: wait for it to show only events up to the brushed end
    page.wait_for_function(
        "(until) => [...document.querySelectorAll('#events tbody tr td:first-child')]"
        ".every(t => t.textContent === '–' || t.textContent <= until)",
        arg=until,
        timeout=15_000,
    )
    dates = page.eval_on_selector_all("#events tbody tr td:first-child", "tds => tds.map(t => t.textContent)")
    assert dates and all(d == "–" or d <= until for d in dates)
    _shot(page, "timeline-brushed")


def test_network_search_filter_and_neighbourhood(page):
    page.goto("/network")
    page.wait_for_selector("#network[data-loaded]")
    names = page.evaluate("lannerNet.nodes().map(n => n.data('name'))")
    assert len(names) >= 10
    assert not [n for n in names if n.lower() in ("a woman", "division", "idlib", "tags", "army")]
    overlaps = page.evaluate(
        """(() => { const bbs = lannerNet.nodes(':visible').filter(n => !n.hasClass('nolabel'))
            .map(n => n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true}));
          let hits = 0;
          for (let i = 0; i < bbs.length; i++) for (let j = i + 1; j < bbs.length; j++) {
            const a = bbs[i], b = bbs[j];
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) hits++; }
          return [hits, bbs.length]; })()"""
    )
    assert overlaps[0] == 0 and overlaps[1] >= 5, overlaps
    _shot(page, "network")
    page.fill("#net-search", "Islamic State")
    page.press("#net-search", "Enter")
    page.wait_for_selector("#network[data-focus]")
    assert "connected actors" in page.inner_text("#net-status")
    assert page.evaluate("lannerNet.elements('.faded').length") > 0
    _shot(page, "network-focus")
    shown = page.evaluate("lannerNet.edges().filter(e => !e.hasClass('hidden')).length")
    page.uncheck("#net-types input[value=event]")
    fewer = page.evaluate("lannerNet.edges().filter(e => !e.hasClass('hidden')).length")
    assert 0 < fewer < shown


def test_paste_an_article_and_store_it(page, fakes_desk):
    _, _, rows = fakes_desk
    article = rows[3]["article_content"].strip()  # not in the ingested sample (every fifth row)
    page.goto("/analyse")
    page.fill("#text", article)
    page.fill("input[name=published]", "2016-05-01")
    page.click("#analyse-button")
    page.wait_for_selector("#result", timeout=120_000)
    assert page.locator("#article span.trigger").count() >= 1
    assert page.locator("#result table#events tbody tr").count() >= 1
    _shot(page, "analyse")
    page.click("#store-button")
    page.wait_for_url("**/documents/*", timeout=120_000)
    assert page.locator("#article").count() == 1
    _shot(page, "document")
