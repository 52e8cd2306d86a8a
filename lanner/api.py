"""The Python API: `analyze` one text, `analyze_many` a stream, with models loaded once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from lanner.extract.actors import find_actors
from lanner.extract.events import find_events
from lanner.extract.events.chronology import date_events
from lanner.extract.events.denials import deny_events
from lanner.extract.framing import find_framing
from lanner.extract.places import find_places
from lanner.extract.relations import find_relations
from lanner.extract.sourcing import find_sourcing
from lanner.finalize import finalize
from lanner.ingest.validate import check_text
from lanner.model import AnalyzedDocument, RawDocument
from lanner.nlp import load_nlp, parse, pipe_short
from lanner.pipeline import Pipeline, Stage

STAGES = [
    Stage("nlp", parse, needs=("text",), sets=("sdoc",)),
    Stage("places", find_places, needs=("sdoc",), sets=("places",)),
    Stage("actors", find_actors, needs=("sdoc", "places"), sets=("actors",)),
    Stage("sourcing", find_sourcing, needs=("sdoc",), sets=("attributions", "markers")),
    Stage("framing", find_framing, needs=("sdoc", "actors"), sets=("loaded_terms",)),
    Stage(
        "events", find_events, needs=("sdoc", "places", "actors", "attributions", "markers"), sets=("events",)
    ),
    Stage("chronology", date_events, needs=("events",), sets=("dates",)),
    Stage("denials", deny_events, needs=("events",)),
    Stage("relations", find_relations, needs=("actors", "attributions", "events"), sets=("relations",)),
    Stage("finalize", finalize, needs=("events", "relations", "loaded_terms")),
]

BATCH = 32


@functools.cache
def default_pipeline() -> Pipeline:
    return Pipeline(STAGES)


def _as_raw(item: RawDocument | str) -> RawDocument:
    return item if isinstance(item, RawDocument) else RawDocument(text=item)


def analyze(
    text: str,
    *,
    published: dt.date | str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> AnalyzedDocument:
    """Analyse one English report; raises a `LannerError` subclass on unusable input."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    raw = RawDocument(text=text, published=published, outlet=outlet, title=title, url=url)
    check_text(raw.text)
    return default_pipeline()(raw)


def analyze_many(items: Iterable[RawDocument | str]) -> Iterator[AnalyzedDocument]:
    """Stream analyses in input order, parsing in batches with `nlp.pipe` (models load once).

    Input that fails `check_text` raises; callers that must survive bad documents (ingest) use
    `analyze_batch_safe` in `lanner.store.ingest` instead.
    """
    pipe = default_pipeline()
    nlp = load_nlp()
    batch: list[RawDocument] = []

    def flush() -> Iterator[AnalyzedDocument]:
        wds = [pipe.new_workdoc(r) for r in batch]
        for wd, sdoc in zip(wds, pipe_short(nlp, [w.text for w in wds]), strict=True):
            wd.sdoc = sdoc  # None for a long text: the nlp stage parses it in windows
            yield pipe.run_stages(wd)
        batch.clear()

    for item in items:
        raw = _as_raw(item)
        check_text(raw.text, raw.origin or "input")
        batch.append(raw)
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()
