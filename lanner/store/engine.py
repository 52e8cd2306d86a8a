"""Where batch analysis runs: in this process, or on Dask worker processes (`lanner ingest --workers N`).

Why Dask and not a bare process pool: the same `dask.delayed` graph runs on the local process scheduler
on a laptop and, unchanged, on a `dask.distributed` cluster when one is configured
(`dask.config.set(scheduler=client)`), which is how a monitor with a backlog of years would run it. The
function is the same either way; only the scheduler changes. Dask is an optional dependency
(`pip install 'lanner[dask]'`); asking for workers without it is a clear error, not a silent fallback.
"""

from __future__ import annotations

import atexit
import functools
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from lanner.errors import BadOption

T = TypeVar("T")
R = TypeVar("R")


def _one_thread_each() -> None:
    """Worker start-up: one BLAS/OpenMP thread per worker, so N workers do not fight over N cores."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


@functools.cache
def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per worker count for the life of the process, so each worker loads the models once."""
    # "spawn": a forked copy of a process that has already loaded ONNX/spaCy threads can deadlock
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_one_thread_each
    )
    atexit.register(pool.shutdown, cancel_futures=True)
    return pool


def run_batches(fn: Callable[[T], R], batches: list[T], workers: int = 1) -> list[R]:
    """`[fn(b) for b in batches]`, on `workers` Dask worker processes when workers > 1."""
    if workers <= 1 or len(batches) <= 1:
        return [fn(b) for b in batches]
    try:
        import dask
    except ImportError as e:
        raise BadOption(
            "--workers needs the optional Dask engine: pip install 'lanner[dask]' (or use --workers 1)"
        ) from e
    tasks: list[Any] = [dask.delayed(fn, pure=False)(b) for b in batches]
    # chunksize=1: each batch is its own submission, so the workers share the batches evenly
    return list(dask.compute(*tasks, scheduler="processes", pool=_pool(workers), chunksize=1))
