"""`make bench`: speed and memory, each against a baseline measured in the same run.

1. Bare spaCy (`nlp.pipe`, same model, no Lanner stages) vs the whole Lanner pipeline over the FA-KES
   articles: words/s and the ratio.
2. `lanner ingest` of the FA-KES CSV into a fresh SQLite file in a subprocess: articles/s and peak RSS;
   then the same with `--workers 2` (Dask worker processes), as a speed-up over the one-process run.
3. One long report of 100,000, 500,000 and 2,000,000 characters (plus 25,000 and 50,000 to show the
   growth), each analysed in its own process (scripts/bench_long.py): seconds and peak RSS. A size over
   LANNER_MAX_CHARS is first run as a user would (refused up front, in no time), then measured again
   with the limit raised to its size, so the table shows what the limit protects against; each row
   carries CPU seconds per 100,000 characters and that figure relative to the 100,000-character row
   (1.0 everywhere is linear growth).
4. The geocoding benchmark (scripts/bench_geo.py) when present.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lanner.eval import shared_path  # noqa: E402

FAKES = shared_path("data", "fa-kes", "FA-KES-Dataset.csv")
LONG_SIZES = (25_000, 50_000, 100_000, 500_000, 2_000_000)
LONG_TIMEOUT = 300  # seconds; a size that takes longer is reported unfinished, as growth that is not linear


def fakes_texts(limit: int | None = None) -> list[str]:
    with FAKES.open(encoding="utf-8", errors="replace") as fh:
        rows = [r["article_content"] for r in csv.DictReader(fh) if r["article_content"].strip()]
    return rows[:limit] if limit else rows


def bench_pipeline(texts: list[str]) -> dict:
    import spacy

    import lanner
    from lanner.errors import LannerError
    from lanner.nlp import MODEL_PACKAGE, load_nlp

    bare = spacy.load(MODEL_PACKAGE)
    bare.max_length = 2_000_000
    t0 = time.perf_counter()
    words = sum(len(d) for d in bare.pipe(texts, batch_size=32))
    bare_s = time.perf_counter() - t0

    load_nlp()  # load outside the timed region, as bare spaCy was
    lanner.analyze("Warm-up: the army shelled the town of Ariha on Monday, residents said.")
    t0 = time.perf_counter()
    n_events = 0
    skipped = 0
    good = []
    from lanner.ingest.validate import check_text

    for t in texts:
        try:
            check_text(t)
            good.append(t)
        except LannerError:
            skipped += 1
    for doc in lanner.analyze_many(good):
        n_events += len(doc.events)
    full_s = time.perf_counter() - t0
    return {
        "articles": len(texts),
        "words": words,
        "spacy_words_per_s": round(words / bare_s),
        "lanner_words_per_s": round(words / full_s),
        "ratio_lanner_to_spacy": round(bare_s / full_s, 3),
        "events": n_events,
        "skipped_input_errors": skipped,
    }


def bench_ingest(workers: int = 1) -> dict:
    exe = Path(sys.executable).with_name("lanner")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        proc = subprocess.run(
            [str(exe), "ingest", str(FAKES), "--db", f"sqlite:///{db}", "--workers", str(workers)],
            capture_output=True,
            text=True,
            check=False,
        )
        secs = time.perf_counter() - t0
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        import sqlite3

        with sqlite3.connect(db) as conn:
            stored = conn.execute("select count(*) from documents").fetchone()[0]
            events = conn.execute("select count(*) from events").fetchone()[0]
    return {
        "stored": stored,
        "events": events,
        "seconds": round(secs, 1),
        "articles_per_s": round(stored / secs, 2),
        "peak_rss_mb": round(peak_kb / 1024),
        "exit_code": proc.returncode,
        "stderr_tail": proc.stderr.strip().splitlines()[-1:] if proc.stderr else [],
    }


def bench_long(chars: int, max_chars: int | None = None) -> dict:
    """One long text in a child process, so its peak RSS is its own (the child reports it);
    `max_chars` raises LANNER_MAX_CHARS for that child only."""
    env = dict(os.environ)
    if max_chars is not None:
        env["LANNER_MAX_CHARS"] = str(max_chars)
    try:
        proc = subprocess.run(
            [sys.executable, str(REPO / "scripts" / "bench_long.py"), str(chars)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            timeout=LONG_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"chars": chars, "unfinished_after_s": LONG_TIMEOUT}
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"chars": chars, "exit_code": proc.returncode, "stderr_tail": proc.stderr.strip()[-300:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_long_texts(sizes: tuple[int, ...] = LONG_SIZES) -> list[dict]:
    """Each size as a user meets it, and, when that is a refusal, measured with the limit raised;
    then each measured row's CPU seconds per 100,000 characters relative to the 100,000 row."""
    from lanner import settings

    limit = settings.get("max_chars")
    rows = []
    for n in sizes:
        row = bench_long(n)
        if "refused" in row:
            row = {"chars": n, "refused_in_seconds": row["seconds"], **bench_long(n, max_chars=n)}
            row["limit_raised_to"] = n
        rows.append(row)
        print(json.dumps(row), flush=True)
    base = next((r for r in rows if r["chars"] == limit and "cpu_seconds" in r), None)
    for r in rows:
        if "cpu_seconds" in r:
            r["cpu_s_per_100k"] = round(r["cpu_seconds"] * 100_000 / r["chars"], 2)
            if base:
                r["vs_100k"] = round(r["cpu_s_per_100k"] / (base["cpu_seconds"] * 100_000 / base["chars"]), 2)
    return rows


def main() -> None:
    results: dict = {}
    results["long_texts"] = bench_long_texts()
    print(json.dumps({"long_texts": results["long_texts"]}, indent=2), flush=True)
    if "--long-only" in sys.argv:
        return
    texts = fakes_texts()
    results["pipeline_vs_spacy"] = bench_pipeline(texts)
    print(json.dumps({"pipeline_vs_spacy": results["pipeline_vs_spacy"]}, indent=2), flush=True)
    results["ingest_fakes"] = bench_ingest()
    print(json.dumps({"ingest_fakes": results["ingest_fakes"]}, indent=2), flush=True)
    dask_run = bench_ingest(workers=2)
    dask_run["speedup_vs_one_process"] = round(
        dask_run["articles_per_s"] / max(results["ingest_fakes"]["articles_per_s"], 1e-9), 2
    )
    results["ingest_fakes_dask_2_workers"] = dask_run
    print(json.dumps({"ingest_fakes_dask_2_workers": dask_run}, indent=2), flush=True)
    geo = REPO / "scripts" / "bench_geo.py"
    if geo.exists():
        proc = subprocess.run([sys.executable, str(geo)], capture_output=True, text=True, check=False)
        print(proc.stdout, proc.stderr[-2000:], flush=True)


if __name__ == "__main__":
    main()
