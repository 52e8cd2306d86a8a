"""Geocoding benchmark: gazetteer load time and memory, and the cost of geocoding 1,000 toponyms.

Prints one line per figure (the lead's scripts/bench.py calls this). Targets: load < 2 s and
< 300 MB RSS; 1,000 toponyms < 1 s after load. The toponyms are a fixed sample of names from the
artefact itself, so the run needs nothing outside the package.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402


def main() -> dict[str, float]:
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    from lanner.resolve.gazetteer import GeoContext, load_gazetteer

    gaz = load_gazetteer()
    gaz.geocode("Aleppo")  # first query warms sqlite's page cache and the ranking tables
    load_s = time.perf_counter() - t0
    rss_mb = proc.memory_info().rss / 1e6
    names = [r[0] for r in gaz.con.execute("SELECT name FROM places WHERE pid % 211 = 0 ORDER BY pid")]
    random.Random(7).shuffle(names)
    names = names[:1000]
    ctx = GeoContext(focus_country="SY", countries={"SY", "TR"}, anchors=[(36.2, 37.1)])
    gaz.candidates.cache_clear()
    t1 = time.perf_counter()
    resolved = sum(gaz.geocode(n, ctx) is not None for n in names)
    geo_s = time.perf_counter() - t1
    figures = {
        "gazetteer_load_s": load_s,
        "gazetteer_rss_mb": rss_mb,
        "gazetteer_rss_delta_mb": (proc.memory_info().rss - rss0) / 1e6,
        "geocode_1000_s": geo_s,
        "geocode_1000_resolved": resolved,
    }
    for k, v in figures.items():
        print(f"{k}\t{v:.3f}" if isinstance(v, float) else f"{k}\t{v}")
    return figures


if __name__ == "__main__":
    main()
