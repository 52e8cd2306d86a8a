"""Batch ingest: inputs → validated documents → pipeline (batched nlp.pipe) → store, one commit each.

A bad document (unreadable, empty, not English, or one that breaks a stage) is reported, recorded in
`ingest_errors`, and skipped; every other document is stored. Documents already in the store are skipped
before any model runs, so a killed batch resumes where it stopped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lanner import settings
from lanner.api import default_pipeline
from lanner.errors import LannerError
from lanner.ingest.readers import Item
from lanner.ingest.validate import check_text
from lanner.model import RawDocument
from lanner.nlp import load_nlp
from lanner.store.db import Store


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    events: int = 0
    words: int = 0


def ingest(
    items: Iterable[Item],
    store: Store,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    pipe = default_pipeline()
    nlp = load_nlp()
    batch_size = settings.get("batch_size")
    batch: list[RawDocument] = []
    seen: set[str] = set()

    def fail(origin: str | None, err: LannerError) -> None:
        report.errors.append((origin or "?", str(err)))
        store.record_error(origin, err.code, str(err))
        if on_error:
            on_error(origin or "?", str(err))

    def flush() -> None:
        wds = [pipe.new_workdoc(raw) for raw in batch]
        sdocs = nlp.pipe([wd.text for wd in wds], batch_size=batch_size)
        for raw, wd, sdoc in zip(batch, wds, sdocs, strict=True):
            wd.sdoc = sdoc
            try:
                doc = pipe.run_stages(wd)
            except LannerError as e:
                fail(raw.origin, e)
                continue
            if store.add(doc, origin=raw.origin):
                report.stored += 1
                report.events += len(doc.events)
                report.words += len(sdoc)
            else:
                report.duplicates += 1
        batch.clear()
        if on_progress:
            on_progress(report)

    for item in items:
        if isinstance(item, LannerError):
            fail(None, item)
            continue
        try:
            check_text(item.text, item.origin or "input")
        except LannerError as e:
            fail(item.origin, e)
            continue
        doc_id = hashlib.sha256(item.text.encode("utf-8")).hexdigest()
        if doc_id in seen or store.has_document(doc_id):
            report.duplicates += 1
            continue
        seen.add(doc_id)
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
