"""Running the desk: uvicorn with a deep listen queue, a thread pool for store reads, and read deadlines.

Why a deadline of our own: uvicorn's h11 protocol times out idle keep-alive connections but not a client
that connects and then sends its request a byte at a time (slowloris); such sockets would stay open for
ever. `GuardedH11` gives every request `READ_DEADLINE` seconds from the connection (or from the end of
the previous response) to arrive whole, and closes the socket otherwise.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from lanner.store import Store

READ_DEADLINE = 10.0  # seconds for a whole request (headers and body) to arrive
KEEP_ALIVE = 5  # seconds an idle keep-alive connection is kept
BACKLOG = 2048  # listen queue: bursts of clients wait here instead of being refused


class GuardedH11(H11Protocol):
    """h11 protocol whose request reads have a deadline (see the module docstring)."""

    read_deadline = READ_DEADLINE
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_deadline, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        if self.conn.their_state is not h11.DONE and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.DONE:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def config(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8017,
    allowed_hosts: list[str] | None = None,
    log: bool = False,
    read_deadline: float = READ_DEADLINE,
) -> uvicorn.Config:
    from lanner.serve.app import create_app

    return uvicorn.Config(
        create_app(store, host=host, allowed_hosts=allowed_hosts),
        host=host,
        port=port,
        http=type("GuardedH11", (GuardedH11,), {"read_deadline": read_deadline}),
        backlog=BACKLOG,
        timeout_keep_alive=KEEP_ALIVE,
        timeout_graceful_shutdown=5,
        log_level="info" if log else "warning",
        access_log=log,
        server_header=False,
        proxy_headers=False,
    )


def serve(
    store: Store, host: str = "127.0.0.1", port: int = 8017, allowed_hosts: list[str] | None = None
) -> None:
    """Serve until interrupted (`lanner serve`)."""
    uvicorn.Server(config(store, host, port, allowed_hosts, log=True)).run()


@dataclass
class Running:
    """A desk served on a background thread (tests, the load script, screenshots)."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_in_thread(store: Store, port: int = 0, read_deadline: float = READ_DEADLINE) -> Running:
    """Start on 127.0.0.1 (port 0: a free one) and return once it accepts connections."""
    server = uvicorn.Server(config(store, "127.0.0.1", port, read_deadline=read_deadline))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started and server.servers:
            break
        time.sleep(0.025)
    else:
        raise RuntimeError("the desk did not start within 10 s")
    sock_port = server.servers[0].sockets[0].getsockname()[1]
    return Running(server, thread, f"http://127.0.0.1:{sock_port}")
