"""Batch ingest: inputs → validated documents → pipeline (batched nlp.pipe) → store, one commit each.

A bad document (unreadable, empty, not English, or one that breaks a stage) is reported, recorded in
`ingest_errors`, and skipped; every other document is stored. Documents already in the store are skipped
before any model runs, so a killed batch resumes where it stopped.

Analysis is one plain function over a batch (`analyse_batch`); storing stays in this process, in one
writer thread (`lanner.store.writer`) fed through a bounded queue, so a batch is stored while the next
is analysed. With `--workers N` or `--scheduler` the same function runs as tasks on a Dask cluster
(`lanner.store.engine`), a few batches at a time, and the results are stored in input order, a batch per
transaction: no second code path, and a crash loses only the batches not yet stored.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError

from lanner import settings
from lanner.api import default_pipeline
from lanner.errors import LannerError, StoreFailure
from lanner.ingest.meta import clean_meta
from lanner.ingest.readers import Item
from lanner.ingest.validate import check_outlet, check_text
from lanner.model import AnalyzedDocument, RawDocument
from lanner.nlp import load_nlp, pipe_short
from lanner.store.db import Store
from lanner.store.engine import dask_client, map_in_order, scheduler_spec
from lanner.store.writer import Writer


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    events: int = 0
    words: int = 0


@dataclass(frozen=True)
class Failure:
    """A document a stage refused (picklable, unlike the exception, so it can come back from a worker)."""

    code: str
    message: str


def analyse_batch(batch: list[RawDocument]) -> list[tuple[AnalyzedDocument | Failure, int]]:
    """Each document's analysis (or its failure) and its word count; models load once per process.

    Short texts are parsed together (`nlp.pipe` is faster in batches); should that batch parse fail,
    and for every long text, the `nlp` stage parses each document on its own, so whatever goes wrong
    is that document's coded failure and never the batch's."""
    pipe = default_pipeline()
    wds = [pipe.new_workdoc(raw) for raw in batch]
    try:
        sdocs = pipe_short(load_nlp(), [wd.text for wd in wds], batch_size=settings.get("batch_size"))
    except Exception:  # noqa: BLE001 - retried one document at a time below, where it is reported
        sdocs = [None] * len(wds)
    out: list[tuple[AnalyzedDocument | Failure, int]] = []
    for wd, sdoc in zip(wds, sdocs, strict=True):
        wd.sdoc = sdoc
        try:
            out.append((pipe.run_stages(wd), len(wd.sdoc)))
        except LannerError as e:
            out.append((Failure(e.code, str(e)), 0))
    return out


def ingest(
    items: Iterable[Item],
    store: Store,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> IngestReport:
    """Analyse and store `items`; `workers` > 1 or a `scheduler` ("local:N", "tcp://HOST:PORT") runs the
    analysis on a Dask cluster (`lanner.store.engine`), this process stays the one writer."""
    spec = scheduler_spec(scheduler, workers)
    report = IngestReport()
    batch_size = settings.get("batch_size")
    writer = Writer()
    sent: deque[list[RawDocument]] = deque()  # batches handed to the analysis, not yet stored
    seen: set[str] = set()

    def fail(origin: str | None, code: str, message: str) -> None:
        if origin and origin not in message:  # a stage's or the store's message: say which document
            message = f"{code}: {origin}: {message.removeprefix(f'{code}: ')}"
        report.errors.append((origin or "?", message))
        store.record_error(origin, code, message)
        if on_error:
            on_error(origin or "?", message)

    def duplicate() -> None:
        report.duplicates += 1

    def counted(doc: AnalyzedDocument, words: int, added: bool) -> None:
        if added:
            report.stored += 1
            report.events += len(doc.events)
            report.words += words
        else:
            report.duplicates += 1

    def store_one(raw: RawDocument, doc: AnalyzedDocument, words: int) -> None:
        try:
            counted(doc, words, store.add(doc, origin=raw.origin))
        except StoreFailure as e:
            if isinstance(e.__cause__, OperationalError):
                raise  # the database itself is gone or locked: no later document would fare better
            fail(raw.origin, e.code, str(e))  # this document's data was refused; the batch goes on

    def store_batch(raws: list[RawDocument], results: list[tuple[AnalyzedDocument | Failure, int]]) -> None:
        good: list[tuple[RawDocument, AnalyzedDocument, int]] = []
        for raw, (doc, words) in zip(raws, results, strict=True):
            if isinstance(doc, Failure):
                fail(raw.origin, doc.code, doc.message)
            else:
                good.append((raw, doc, words))
        try:
            added = store.add_many([(doc, raw.origin) for raw, doc, _ in good])
        except StoreFailure:  # one document's data was refused: store them one by one to find it
            for raw, doc, words in good:
                store_one(raw, doc, words)
        else:
            for (_, doc, words), was_added in zip(good, added, strict=True):
                counted(doc, words, was_added)
        if on_progress:
            on_progress(report)

    def batches() -> Iterator[list[RawDocument]]:
        """Valid, not yet stored documents in batches; refusals and duplicates go to the writer."""
        batch: list[RawDocument] = []
        for item in items:
            if isinstance(item, LannerError):
                writer.put(functools.partial(fail, item.origin, item.code, str(item)))
                continue
            item.title, item.url, item.outlet = map(clean_meta, (item.title, item.url, item.outlet))
            try:
                check_text(item.text, item.origin or "input")
                check_outlet(item.outlet, item.origin or "input")
            except LannerError as e:
                writer.put(functools.partial(fail, item.origin, e.code, str(e)))
                continue
            doc_id = hashlib.sha256(item.text.encode("utf-8")).hexdigest()
            if doc_id in seen or store.has_document(doc_id):
                writer.put(duplicate)
                continue
            seen.add(doc_id)
            batch.append(item)
            if len(batch) >= batch_size:
                sent.append(batch)
                yield batch
                batch = []
        if batch:
            sent.append(batch)
            yield batch

    try:
        with dask_client(spec) if spec else contextlib.nullcontext() as client:
            for results in map_in_order(analyse_batch, batches(), client):
                writer.put(functools.partial(store_batch, sent.popleft(), results))
    except BaseException:
        writer.close(raise_error=False)
        raise
    writer.close()
    return report
