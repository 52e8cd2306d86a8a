"""The Dask worker plugin that loads Lanner's models once per worker process.

Kept in its own module because it subclasses `distributed.WorkerPlugin`: only a run that uses a Dask
cluster imports it, so `distributed` stays an optional dependency.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

WARM_UP = "The army shelled the town of Ariha on Monday, killing two civilians, residents said."


class LoadModels(WorkerPlugin):
    """Load every model when a worker starts, and again in a worker the nanny restarts, so
    no batch pays for loading and none loads them twice: the loaders are `functools.cache`d per
    process, and `analyse_batch` finds them there."""

    name = "lanner-load-models"
    idempotent = True  # a second ingest on the same cluster does not load them again

    def setup(self, worker: Any) -> None:
        from lanner.api import analyze

        # one short report through every stage loads spaCy and each lexicon, gazetteer and model a stage
        # loads on first use (all cached per process)
        analyze(WARM_UP)
