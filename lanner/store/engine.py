"""Where batch analysis runs: in this process, or on a `dask.distributed` cluster.

`lanner ingest --scheduler tcp://HOST:PORT` sends batches to an existing cluster; `--scheduler local:N`
(and `--workers N`, its short form) starts a `LocalCluster` of N worker processes for the run. Either
way the task is the same plain function the one-process path calls (`analyse_batch`), each worker
loads the models once (`worker_plugin.LoadModels`, also run on a worker the nanny restarts), a
bounded number of batches is in flight, and results come back in input order to the one writer in
this process. A worker that dies mid-batch costs nothing but time: the scheduler hands the batch it
held to another worker, and its future still resolves exactly once.

Why distributed and not a bare process pool: the same code runs on a laptop and on a cluster of
machines, and the scheduler already knows how to retry the work of a lost worker. It is an optional
dependency (`pip install 'lanner[dask]'`); asking for it without it is a clear error.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from lanner.errors import BadOption

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: one running, one ready, so no worker waits
CONNECT_TIMEOUT = "30s"  # for a tcp:// scheduler that does not answer


def scheduler_spec(scheduler: str | None, workers: int = 1) -> str | None:
    """The scheduler to use, normalised: None (this process), "local:N" or a scheduler address."""
    if scheduler is None:
        return f"local:{workers}" if workers > 1 else None
    if workers > 1:
        raise BadOption("--workers and --scheduler are alternatives: give one of them")
    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise BadOption(f"--scheduler {scheduler}: expected local:N with N a whole number >= 1")
        return scheduler
    if "://" not in scheduler:
        raise BadOption(f"--scheduler {scheduler}: expected tcp://HOST:PORT (or tls://...) or local:N")
    return scheduler


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as e:
        raise BadOption(
            "--scheduler and --workers need the optional Dask engine: pip install 'lanner[dask]'"
        ) from e
    return distributed


@contextmanager
def dask_client(spec: str) -> Iterator[Any]:
    """A client on the cluster `spec` names, with the models loaded on every worker; a local cluster
    started here is shut down on exit, a remote one is left running."""
    distributed = _import_distributed()
    cluster = None
    try:
        if spec.startswith("local:"):
            import dask

            # the workers' statistical profiler samples every thread 100 times a second: some 10% of
            # the CPU of a worker that analyses, for a dashboard a local run does not show
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = distributed.LocalCluster(
                    n_workers=int(spec.removeprefix("local:")),
                    threads_per_worker=1,  # one analysis per process: spaCy and ONNX each use one core
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            client = distributed.Client(cluster)
        else:
            try:
                client = distributed.Client(spec, timeout=CONNECT_TIMEOUT)
            except OSError as e:
                raise BadOption(f"--scheduler {spec}: cannot reach the Dask scheduler ({e})") from e
        try:
            from lanner.store.worker_plugin import LoadModels

            client.register_plugin(LoadModels())
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def map_in_order(
    fn: Callable[[T], R], batches: Iterable[T], client: Any = None, in_flight: int | None = None
) -> Iterator[R]:
    """`fn(b)` for each batch, in input order: here, or as tasks on `client`'s cluster with at most
    `in_flight` batches submitted and not yet returned (so the inputs are read as the work goes, and
    memory holds a few batches, not the whole input)."""
    if client is None:
        for b in batches:
            yield fn(b)
        return
    limit = in_flight or IN_FLIGHT_PER_WORKER * _workers(client)
    pending: deque[Any] = deque()
    for b in batches:
        # pure=False: two equal batches are still two tasks, each stored (or skipped) by the writer
        pending.append(client.submit(fn, b, pure=False))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
