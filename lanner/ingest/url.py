"""Fetching a URL the user names (the only network access Lanner makes)."""

from __future__ import annotations

import httpx

from lanner import settings
from lanner.errors import FetchFailure
from lanner.ingest.validate import decode_bytes


def fetch_url(url: str) -> tuple[str, str]:
    """Return (text, suffix hint) for a URL; a dead or failing URL is a FetchFailure."""
    try:
        resp = httpx.get(url, timeout=settings.get("fetch_timeout"), follow_redirects=True)
        resp.raise_for_status()
    except httpx.HTTPError as e:
        raise FetchFailure(f"{url}: could not fetch ({type(e).__name__}: {e})") from e
    ctype = resp.headers.get("content-type", "")
    suffix = ".html" if "html" in ctype else ".xml" if "xml" in ctype else ""
    return decode_bytes(resp.content, url), suffix
