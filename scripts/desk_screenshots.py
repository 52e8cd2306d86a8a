"""Screenshots of every desk page for the README (docs/desk-*.png), taken from a running `lanner serve`.

Why a script and not only the browser test: the test ingests a 150-article slice to stay fast, while the
README shows the desk as a user sees it over a whole corpus (e.g. the 804 FA-KES articles). It drives
Debian's Chromium with Playwright (no browser download), does what the README describes (zoom and open
a popup, brush the timeline, focus an actor, paste a report) and exits non-zero on any console error.

    lanner ingest FA-KES-Dataset.csv --db sqlite:///fakes.db && lanner serve --db sqlite:///fakes.db &
    python scripts/desk_screenshots.py --url http://127.0.0.1:8017 --out docs
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "kobani-drone-strike.txt"
# a point event standing on its own, not covered by a cluster or another marker
FIND_MARKER = """(() => { const map = document.getElementById('map').getBoundingClientRect();
  for (const p of document.querySelectorAll('#map .leaflet-overlay-pane path.leaflet-interactive')) {
    const b = p.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
    if (b.width > 40 || x < map.left + 150 || x > map.right - 250) continue;  // room for the popup
    if (y < map.top + 150 || y > map.bottom - 20) continue;
    if (document.elementFromPoint(x, y) === p) return [x, y]; }
  return null; })()"""


def dashboard(tab: Page, out: Path) -> None:
    tab.goto("/")
    for ready in (
        "#map[data-loaded]",
        ".marker-cluster",
        "#map[data-provinces-loaded]",
        "#timeline[data-loaded]",
    ):
        tab.wait_for_selector(ready)
    tab.wait_for_timeout(800)
    tab.screenshot(path=str(out / "desk-dashboard.png"))
    point = None
    for _ in range(4):
        tab.click(".leaflet-control-zoom-in")
        tab.wait_for_timeout(900)
        point = tab.evaluate(FIND_MARKER)
        if point:
            break
    if point is None:
        raise SystemExit("no single event found to open a popup on")
    tab.mouse.click(*point)
    tab.wait_for_selector(".leaflet-popup-content .pop")
    tab.wait_for_timeout(600)  # the popup fades in
    tab.screenshot(path=str(out / "desk-map-popup.png"))


def timeline(tab: Page, out: Path) -> None:
    tab.goto("/")
    tab.wait_for_selector("#timeline[data-loaded]")
    tab.wait_for_selector("#events[data-loaded]")
    box = tab.locator("#timeline .u-over").bounding_box()
    y = box["y"] + box["height"] / 2
    tab.mouse.move(box["x"] + box["width"] * 0.62, y)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] * 0.74, y, steps=8)
    tab.mouse.up()
    tab.wait_for_function("() => location.search.includes('since=')")
    tab.wait_for_timeout(1500)
    tab.screenshot(path=str(out / "desk-timeline-brushed.png"))


def pages(tab: Page, out: Path) -> None:
    tab.goto("/events?type=ASSAULT")
    tab.wait_for_selector("#facet-type li.on")
    tab.screenshot(path=str(out / "desk-events.png"))
    tab.goto("/network")
    tab.wait_for_selector("#network[data-loaded]")
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(out / "desk-network.png"))
    tab.fill("#net-search", "Islamic State")
    tab.press("#net-search", "Enter")
    tab.wait_for_selector("#network[data-focus]")
    tab.wait_for_timeout(800)
    tab.screenshot(path=str(out / "desk-network-focus.png"))
    tab.goto("/analyse")
    tab.fill("#text", SAMPLE.read_text(encoding="utf-8"))
    tab.fill("input[name=published]", "2023-01-12")
    tab.click("#analyse-button")
    tab.wait_for_selector("#result", timeout=120_000)
    tab.screenshot(path=str(out / "desk-analyse.png"))
    tab.goto("/documents")
    tab.wait_for_selector("#documents")
    tab.screenshot(path=str(out / "desk-documents.png"))
    tab.click("#documents a[href^='/documents/']")
    tab.wait_for_selector("#article")
    tab.screenshot(path=str(out / "desk-document.png"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8017", help="a running desk")
    ap.add_argument("--out", type=Path, default=REPO / "docs")
    args = ap.parse_args()
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise SystemExit("chromium is not installed (make browser)")
    args.out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=args.url)
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        for step in (dashboard, timeline, pages):
            step(tab, args.out)
        browser.close()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        raise SystemExit(1)
    print(f"9 screenshots in {args.out}")


if __name__ == "__main__":
    main()
