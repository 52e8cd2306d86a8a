"""Corroboration over FA-KES (804 Syrian-war articles from 15 outlets, read from ../shared).

FA-KES was built by matching each article to a casualty record, so many outlets describe the same
days; it is the nearest thing we have to a multi-outlet stream. Run
`python -m lanner.eval.fakes_corroboration`
to print the figures quoted in docs/corroboration.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console

from lanner.api import analyze_many
from lanner.corroborate.clusters import Cluster, cluster_events, render
from lanner.eval import shared_path
from lanner.model import AnalyzedDocument, RawDocument

CSV = ("data", "fa-kes", "FA-KES-Dataset.csv")


def fakes_raws(since: dt.date | None = None, until: dt.date | None = None) -> Iterator[RawDocument]:
    """The articles as raw documents (dates are m/d/Y in the file), optionally within [since, until]."""
    with shared_path(*CSV).open(encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            text = row["article_content"].strip()
            month, day, year = (int(x) for x in row["date"].split("/"))
            published = dt.date(year, month, day)
            if not text or (since and published < since) or (until and published > until):
                continue
            yield RawDocument(
                text=text, title=row["article_title"], outlet=row["source"], published=published
            )


def summary(docs: list[AnalyzedDocument], clusters: list[Cluster]) -> dict[str, int]:
    multi = [c for c in clusters if len(c.outlets) > 1]
    return {
        "documents": len(docs),
        "events": sum(len(d.events) for d in docs),
        "clusters": len(clusters),
        "multi_report_clusters": sum(c.reports > 1 for c in clusters),
        "multi_outlet_clusters": len(multi),
        "clusters_with_2plus_independent_sources": sum(c.independent_sources >= 2 for c in clusters),
        "contested_clusters": sum(c.agreement.epistemic == "contested" for c in clusters),
        "casualty_disagreements": sum(c.agreement.casualties == "disagree" for c in clusters),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--since", type=dt.date.fromisoformat)
    ap.add_argument("--until", type=dt.date.fromisoformat)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--save", type=Path, help="write the analysed documents here (JSON lines)")
    ap.add_argument("--load", type=Path, help="reuse documents written by --save instead of analysing")
    ap.add_argument("--json", type=Path, help="write every multi-outlet cluster here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.load:
        docs = [AnalyzedDocument.model_validate_json(line) for line in args.load.open(encoding="utf-8")]
    else:
        docs = list(analyze_many(fakes_raws(args.since, args.until)))
    if args.save:
        args.save.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    t1 = time.perf_counter()
    clusters = cluster_events(docs)
    t2 = time.perf_counter()
    for k, v in summary(docs, clusters).items():
        print(f"{k}: {v}")
    print(f"analysis: {t1 - t0:.1f} s, clustering: {t2 - t1:.2f} s", file=sys.stderr)
    multi = [c for c in clusters if len(c.outlets) > 1]
    if args.json:
        args.json.write_text(str(render(multi, "json")), encoding="utf-8")
    Console(width=200).print(render(multi[: args.examples], "table"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
