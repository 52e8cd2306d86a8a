"""The one writer: a thread that stores what the analysis hands it, through a bounded queue.

Why a thread: storing a batch (serialising the documents, SQLite's or PostgreSQL's own work) then
overlaps with analysing the next one, instead of the workers waiting for it; the queue is bounded so a
slow database holds the analysis back rather than filling memory. Every write of a run (documents and
recorded errors) goes through this one thread, so SQLite has a single writer and never waits for its
own lock. An error the writer meets is raised in the caller at its next hand-over.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

Job = Callable[[], None]
QUEUE_DEPTH = 2  # batches waiting to be stored: enough to cover one slow commit


class Writer:
    def __init__(self, depth: int = QUEUE_DEPTH) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="lanner-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if self._error is None:  # after a failure, later jobs are dropped: the caller stops
                try:
                    job()
                except BaseException as e:  # noqa: BLE001 - handed to the caller in `_check`
                    self._error = e

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, job: Job) -> None:
        """Queue a write; blocks while the queue is full, and raises the writer's error if it has one."""
        while True:
            self._check()
            try:
                self._jobs.put(job, timeout=0.2)
                return
            except queue.Full:
                continue

    def close(self, raise_error: bool = True) -> None:
        """Wait for every queued write; then raise the first error the writer met, if asked to."""
        if self._thread.is_alive():
            while True:
                try:
                    self._jobs.put(None, timeout=0.2)
                    break
                except queue.Full:
                    if self._error is not None and not self._thread.is_alive():
                        break
            self._thread.join()
        if raise_error:
            self._check()
