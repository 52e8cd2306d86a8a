"""`make bench` (desk part): the desk under load on loopback, bounded in clients, requests and time.

1. 20 concurrent clients, 25 requests each, on /events.json?limit=100: p50/p95 latency (target p95 < 300 ms).
2. 200 concurrent clients for 10 s on /events.json?limit=100: requests, errors, timeouts (target 0 and 0).
3. 100 slow sockets that never finish their request: how long until the server closes them (its read
   deadline), while a normal client is served meanwhile.
4. 20 concurrent clients on /network.json (built once per store change): p50/p95.

The server runs as `lanner serve` in its own process on 127.0.0.1 over a FA-KES store (`--db`, or one
ingested into a temporary folder first, which takes a few minutes). Every loop stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lanner.eval import shared_path  # noqa: E402

LANNER = Path(sys.executable).parent / "lanner"
EVENTS = "/events.json?limit=100"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float], q: float) -> float:
    return round(sorted(xs)[min(len(xs) - 1, int(q * len(xs)))] * 1000, 1) if xs else float("nan")


async def clients(url: str, n: int, per_client: int | None = None, seconds: float | None = None) -> dict:
    """`n` concurrent clients, each with its own connection, for `per_client` requests or `seconds`."""
    times: list[float] = []
    errors = timeouts = 0
    stop = time.perf_counter() + (seconds or 1e9)

    # one pool of n connections, one per client: n httpx clients would spend the run building TLS contexts
    pool = httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=n, max_keepalive_connections=n))

    async def one() -> None:
        nonlocal errors, timeouts
        done = 0
        while (per_client is None or done < per_client) and time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                r = await pool.get(url)
                if r.status_code != 200:
                    errors += 1
                else:
                    times.append(time.perf_counter() - t0)
            except httpx.TimeoutException:
                timeouts += 1
            except httpx.HTTPError:
                errors += 1
            done += 1

    t0 = time.perf_counter()
    async with pool:
        await asyncio.gather(*(one() for _ in range(n)))
    wall = time.perf_counter() - t0
    return {
        "clients": n,
        "requests": len(times) + errors + timeouts,
        "errors": errors,
        "timeouts": timeouts,
        "p50_ms": _pct(times, 0.5),
        "p95_ms": _pct(times, 0.95),
        "req_per_s": round(len(times) / wall, 1),
    }


async def slow_sockets(host: str, port: int, n: int = 100, limit_s: float = 30.0) -> dict:
    """`n` sockets that send half a request and wait; seconds until the server closes each."""
    opened = time.perf_counter()
    conns = []
    for _ in range(n):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /events.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        await writer.drain()
        conns.append((reader, writer))

    async def closed_after(reader: asyncio.StreamReader) -> float | None:
        try:
            data = await asyncio.wait_for(reader.read(100), timeout=limit_s)
            return time.perf_counter() - opened if data == b"" else None
        except (TimeoutError, ConnectionError):
            return None

    waits = asyncio.gather(*(closed_after(r) for r, _ in conns))
    served = await clients(f"http://{host}:{port}{EVENTS}", 5, per_client=5)
    closed = await waits
    for _, w in conns:
        w.close()
    shut = [c for c in closed if c is not None]
    return {
        "sockets": n,
        "closed_by_server": len(shut),
        "closed_after_s": round(max(shut), 1) if shut else None,
        "others_served": served["requests"] - served["errors"] - served["timeouts"],
        "others_p95_ms": served["p95_ms"],
    }


def ingest_fakes(folder: Path) -> str:
    db = f"sqlite:///{folder / 'desk.db'}"
    csv = shared_path("data", "fa-kes", "FA-KES-Dataset.csv")
    print(f"ingesting {csv} (a few minutes)...", flush=True)
    subprocess.run([str(LANNER), "ingest", str(csv), "--db", db], check=True, capture_output=True)
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a store with FA-KES ingested (default: ingest it into a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or ingest_fakes(Path(tmp))
        port = _free_port()
        server = subprocess.Popen([str(LANNER), "serve", "--db", db, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/index.json", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            httpx.get(base + "/network.json", timeout=120)  # built once, before the clock starts
            results = {
                "events_20_clients": asyncio.run(clients(base + EVENTS, 20, per_client=25)),
                "events_200_clients_10s": asyncio.run(clients(base + EVENTS, 200, seconds=10)),
                "slow_sockets_100": asyncio.run(slow_sockets("127.0.0.1", port)),
                "network_20_clients": asyncio.run(clients(base + "/network.json", 20, per_client=5)),
            }
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(json.dumps({"desk": results}, indent=2))
    ok = (results["events_20_clients"]["p95_ms"] < 300 and results["events_200_clients_10s"]["errors"] == 0
          and results["events_200_clients_10s"]["timeouts"] == 0
          and results["slow_sockets_100"]["closed_by_server"] == 100)  # fmt: skip
    print("desk targets met" if ok else "desk targets NOT met")


if __name__ == "__main__":
    main()
