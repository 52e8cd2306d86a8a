"""Security in one middleware: the Host check and the response headers every page and API answer carries.

Why a Host check on a loopback server: a page on any web site can make the browser resolve its own name
to 127.0.0.1 (DNS rebinding) and then read this API as same-origin; refusing Host headers that are not
ours defeats that. Why a strict CSP: no page of the desk has inline script or style, so an injected
`<script>` cannot run even if some escaping were ever missed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


def allowed_hosts_for(host: str, extra: list[str] | None = None) -> set[str]:
    """The Host names accepted: loopback names, the bound address (unless a wildcard) and `extra`."""
    names = set(LOOPBACK_NAMES)
    if host not in ("0.0.0.0", "::", ""):
        names.add(host)
    names.update(extra or [])
    return {n.lower() for n in names}


def _host_name(raw: str) -> str:
    raw = raw.strip().lower()
    if raw.startswith("["):  # [::1]:8017
        return raw.split("]")[0] + "]"
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


class SecurityMiddleware:
    def __init__(
        self, app: ASGIApp, allowed: set[str], on_crash: Callable[[str], tuple[bytes, bytes]] | None = None
    ) -> None:
        self.app = app
        self.allowed = allowed
        self.on_crash = on_crash or (
            lambda path: (b'{"ok": false, "status": 500, "error": "internal error"}', b"application/json")
        )

    async def __call__(
        self,
        scope: Scope,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
        if _host_name(host) not in self.allowed:
            body = json.dumps(
                {
                    "ok": False,
                    "status": 400,
                    "error": "E012: this Host header is not served here "
                    "(start `lanner serve --allow-host NAME` to add one)",
                }
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *HEADERS,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *(h for h in HEADERS if h[0] not in present),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # noqa: BLE001 - logged here, answered without internals
            logging.getLogger("lanner.serve").exception("request %s failed", scope.get("path"))
            if started:
                raise
            body, ctype = self.on_crash(scope.get("path", ""))
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", ctype),
                        (b"content-length", str(len(body)).encode()),
                        *HEADERS,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
