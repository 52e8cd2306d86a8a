"""Fetching a URL the user names (the only network access Lanner makes).

The body is streamed and counted after decompression, so neither a huge body nor a gzip bomb is ever
held in memory past `LANNER_MAX_BYTES`; and the whole fetch (connect, headers, every chunk) has one
deadline, `LANNER_FETCH_TIMEOUT` (overrun by at most a quarter of it), so a server that trickles a byte
at a time cannot hold a batch.
"""

from __future__ import annotations

import time

import httpx

from lanner import settings
from lanner.errors import FetchFailure
from lanner.ingest.validate import decode_bytes, over_limit, too_large


def fetch_url(url: str) -> tuple[str, str]:
    """Return (text, suffix hint) for a URL; a dead, slow or failing URL is a FetchFailure."""
    budget = settings.get("fetch_timeout")
    limit = settings.get("max_bytes")
    deadline = time.monotonic() + budget
    chunks: list[bytes] = []
    size = 0
    try:
        # a single socket wait may take a quarter of the budget, and the budget is checked after every
        # chunk, so the fetch ends by the deadline plus at most a quarter of it
        timeout = httpx.Timeout(budget, read=max(1.0, budget / 4))
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as resp:
            resp.raise_for_status()
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit and "content-encoding" not in resp.headers:
                raise too_large(url, int(declared))
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise over_limit(url, " (after decompression)")
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FetchFailure(
                        f"{url}: not finished after {budget:g} s (LANNER_FETCH_TIMEOUT); {size:,} bytes read",
                        url,
                    )
            ctype = resp.headers.get("content-type", "")
    except httpx.TimeoutException as e:
        raise FetchFailure(
            f"{url}: timed out (LANNER_FETCH_TIMEOUT is {budget:g} s; one wait may take a quarter of it)", url
        ) from e
    except httpx.HTTPError as e:
        raise FetchFailure(f"{url}: could not fetch ({type(e).__name__}: {e})", url) from e
    suffix = ".html" if "html" in ctype else ".xml" if "xml" in ctype else ""
    if url.split("?")[0].lower().endswith((".jsonl", ".csv")):
        suffix = "." + url.split("?")[0].rsplit(".", 1)[-1].lower()
    return decode_bytes(b"".join(chunks), url), suffix
