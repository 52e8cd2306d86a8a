"""Fetching a URL the analyst pastes, refusing any address that is not on the public internet (SSRF).

Why: the desk runs on the analyst's machine, inside their network; a pasted link (or a redirect from
one) to 127.0.0.1, 10.0.0.0/8, 169.254.169.254 or a router's admin page would otherwise make the desk
read what only that machine can reach. Every hop's host is resolved and each of its addresses must be
global; redirects are followed by hand (at most MAX_REDIRECTS) so each new host is checked too.
Remaining gap, documented: a name could resolve differently between our check and httpx's connect
(DNS rebinding at fetch time); the short time window and the refusal of private answers make it narrow.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from lanner import settings
from lanner.errors import FetchFailure, Refused, TooLarge
from lanner.ingest.validate import decode_bytes

MAX_REDIRECTS = 4
SCHEMES = ("http", "https")


def check_public(url: str) -> None:
    """Raise `Refused` unless `url` is http(s) and every address its host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise Refused(f"only http and https links can be fetched, not {parts.scheme or 'a bare path'!r}")
    host = parts.hostname
    if not host:
        raise Refused("the link has no host name")
    if parts.username or parts.password:
        raise Refused("links with a user name or password are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as e:
        raise FetchFailure(f"cannot resolve {host!r}: {e}") from e
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if not addr.is_global or addr.is_multicast:
            raise Refused(
                f"{host!r} resolves to {addr}, a private, loopback or reserved address: the desk fetches "
                "public addresses only (save the page and paste its text instead)"
            )


def fetch_public(url: str, allow_private: bool = False) -> tuple[str, str]:
    """(text, suffix hint) of a public URL; `allow_private` exists for tests against a loopback server."""
    limit = settings.get("max_bytes")
    with httpx.Client(timeout=settings.get("fetch_timeout"), follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if not allow_private:
                check_public(url)
            try:
                with client.stream("GET", url, headers={"User-Agent": "Lanner desk"}) as resp:
                    if resp.is_redirect:
                        url = urljoin(url, resp.headers.get("location", ""))
                        continue
                    if resp.status_code >= 400:
                        raise FetchFailure(f"{url}: the server answered {resp.status_code}")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > limit:
                            raise TooLarge(
                                f"{url}: more than {limit:,} bytes; save the article's text instead"
                            )
                    ctype = resp.headers.get("content-type", "")
            except httpx.HTTPError as e:
                raise FetchFailure(f"{url}: could not fetch ({type(e).__name__})") from e
            suffix = ".html" if "html" in ctype else ".xml" if "xml" in ctype else ""
            return decode_bytes(bytes(body), url), suffix
    raise FetchFailure(f"{url}: more than {MAX_REDIRECTS} redirects")
