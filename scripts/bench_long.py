"""Analyse one long report of N characters (FA-KES articles joined as paragraphs) and print the time.

Run as a child of `scripts/bench.py`, one process per size, so each peak RSS is that size's own.
"""

from __future__ import annotations

import csv
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lanner.eval import shared_path  # noqa: E402


def long_text(chars: int) -> str:
    """Real article text, repeated as paragraphs until `chars` characters."""
    path = shared_path("data", "fa-kes", "FA-KES-Dataset.csv")
    with path.open(encoding="utf-8", errors="replace") as fh:
        paras = [r["article_content"].strip() for r in csv.DictReader(fh) if len(r["article_content"]) > 500]
    out: list[str] = []
    size = 0
    i = 0
    while size < chars:
        p = paras[i % len(paras)]
        out.append(p)
        size += len(p) + 2
        i += 1
    return "\n\n".join(out)[:chars]


def main() -> None:
    import lanner
    from lanner.errors import LannerError
    from lanner.nlp import load_nlp

    chars = int(sys.argv[1])
    text = long_text(chars)
    load_nlp()
    lanner.analyze("Warm-up: the army shelled the town of Ariha on Monday, residents said.")
    t0 = time.perf_counter()
    c0 = time.process_time()
    try:
        doc = lanner.analyze(text)
        result = {"chars": len(text), "events": len(doc.events)}
    except LannerError as e:
        result = {"chars": len(text), "refused": str(e)}
    result["seconds"] = round(time.perf_counter() - t0, 1)
    result["cpu_seconds"] = round(time.process_time() - c0, 1)  # steadier than wall time on a shared machine
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
