"""The users' corpora, read in place from ../shared and analysed once per process.

Several suites look at the same analyses (the real-reports scores, the FA-KES plausibility and
geography rows), and one pass over FA-KES costs about a minute, so each corpus is analysed once
and the result kept for the life of the process.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import sys
from dataclasses import dataclass

from lanner.errors import LannerError
from lanner.eval import shared_path
from lanner.model import AnalyzedDocument, RawDocument

REAL_REPORTS = ("data", "real-reports-dev", "articles.jsonl")
FAKES = ("data", "fa-kes", "FA-KES-Dataset.csv")


@dataclass
class Analysed:
    """One corpus item: its metadata and gold as the corpus gives them, and our analysis (None if refused)."""

    item: dict
    doc: AnalyzedDocument | None
    error: str | None = None


def _analyse(text: str, published: dt.date | None, outlet: str | None, title: str | None) -> Analysed:
    import lanner

    try:
        doc = lanner.analyze(text, published=published, outlet=outlet, title=title)
    except LannerError as exc:
        return Analysed({}, None, str(exc))
    return Analysed({}, doc)


@functools.cache
def real_reports() -> list[Analysed]:
    """The 40 real-reports-dev articles with their gold events, each analysed with its `published`."""
    out = []
    for line in shared_path(*REAL_REPORTS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        published = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        res = _analyse(item["text"], published, item.get("outlet"), None)
        res.item = item
        out.append(res)
    return out


@functools.cache
def fakes() -> list[Analysed]:
    """The 804 FA-KES articles with their governorate label (`location`), analysed in input order."""
    import lanner
    from lanner.ingest.meta import parse_date
    from lanner.ingest.validate import check_text

    csv.field_size_limit(sys.maxsize)
    out: list[Analysed] = []
    raws: list[RawDocument] = []
    with open(shared_path(*FAKES), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row["article_content"].strip()
            published = parse_date(row["date"])
            item = {"id": row["unit_id"], "outlet": row["source"], "governorate": row["location"],
                    "published": published}  # fmt: skip
            try:
                check_text(text)
            except LannerError as exc:
                out.append(Analysed(item, None, str(exc)))
                continue
            out.append(Analysed(item, None))
            raws.append(
                RawDocument(text=text, title=row["article_title"], outlet=row["source"], published=published)
            )
    docs = iter(lanner.analyze_many(raws))
    for res in out:
        if res.error is None:
            res.doc = next(docs)
    return out
