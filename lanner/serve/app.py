"""Routes: every HTML page has a JSON twin from the same view (`/events` and `/events.json`).

Errors share one JSON envelope `{"ok": false, "status": N, "error": "..."}` whose status comes from the
exception class (`LannerError.http_status`), as datasette does. No framework: a dashboard for one analyst
on a laptop needs a thread per request and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from lanner.errors import BadOption, LannerError, MissingInput
from lanner.export import to_geojson
from lanner.serve import pages
from lanner.serve.incident_page import incident_page
from lanner.store import Store
from lanner.store.query import query_events


def _day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise BadOption(f"{name}={value!r} is not an ISO date") from e


def _json_default(o: Any) -> str:
    return o.isoformat() if hasattr(o, "isoformat") else str(o)


class Views:
    """Each view returns data; the router renders it as JSON or through its HTML page."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def events(self, q: dict[str, str]) -> list[dict]:
        return query_events(
            self.store,
            actor=q.get("actor"),
            type=q.get("type"),
            country=q.get("country"),
            since=_day(q.get("since"), "since"),
            until=_day(q.get("until"), "until"),
            limit=int(q["limit"]) if q.get("limit", "").isdigit() else 5000,
        )

    def documents(self, q: dict[str, str]) -> list[dict]:
        from sqlalchemy import select

        from lanner.store import schema as S

        d = S.documents
        query = select(d.c.id, d.c.title, d.c.outlet, d.c.published, d.c.url, d.c.chars).order_by(
            d.c.published.desc(), d.c.id
        )
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def document(self, doc_id: str) -> dict:
        from sqlalchemy import select

        from lanner.store import schema as S

        with self.store.engine.connect() as conn:
            row = conn.execute(select(S.documents.c.analysis).where(S.documents.c.id == doc_id)).first()
        if row is None:
            raise MissingInput(f"no document with id {doc_id}")
        return json.loads(row[0])

    def incident(self, ident: str) -> dict:
        """One incident (a corroboration cluster) with every report's version, from the store."""
        from lanner.incidents import find, incident_view, incidents

        found, docs = incidents(self.store.iter_documents(), min_reports=1)
        return incident_view(find(found, ident), docs)

    def network(self, q: dict[str, str]) -> dict:
        from lanner.network import build_graph, render

        graph = build_graph(
            self.store.iter_documents(), actor=q.get("actor"), since=_day(q.get("since"), "since")
        )
        return json.loads(render(graph, "json"))


ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/$"), "dashboard"),
    (re.compile(r"^/events(?P<ext>\.json|\.geojson)?$"), "events"),
    (re.compile(r"^/documents(?P<ext>\.json)?$"), "documents"),
    (re.compile(r"^/documents/(?P<id>[0-9a-f]{64})(?P<ext>\.json)?$"), "document"),
    (re.compile(r"^/network(?P<ext>\.json)?$"), "network"),
    (re.compile(r"^/incidents/(?P<id>c[0-9a-f]{6,12})(?P<ext>\.json)?$"), "incident"),
]


def make_handler(views: Views) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "Lanner"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: tests and laptops
            return

        def _send(self, status: int, body: str, ctype: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, message: str, as_json: bool) -> None:
            envelope = {"ok": False, "status": status, "error": message}
            if as_json:
                self._send(status, json.dumps(envelope), "application/json")
            else:
                self._send(status, pages.error_page(status, message), "text/html")

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            url = urlparse(self.path)
            q = {k: v[-1] for k, v in parse_qs(url.query).items()}
            wants_json = url.path.endswith((".json", ".geojson"))
            for pattern, name in ROUTES:
                m = pattern.match(url.path)
                if m:
                    try:
                        self._dispatch(name, m.groupdict(), q)
                    except LannerError as e:
                        self._error(e.http_status, str(e), wants_json)
                    except Exception as e:  # noqa: BLE001 - one envelope for every failure
                        self._error(500, f"{type(e).__name__}: {e}", wants_json)
                    return
            self._error(HTTPStatus.NOT_FOUND, f"no such page: {url.path}", wants_json)

        def _dispatch(self, name: str, params: dict[str, str | None], q: dict[str, str]) -> None:
            ext = params.get("ext")
            renderers: dict[str, Callable[[], tuple[Any, Callable[[Any], str]]]] = {
                "dashboard": lambda: (views.events(q), lambda rows: pages.dashboard(rows, q)),
                "events": lambda: (views.events(q), lambda rows: pages.events_page(rows, q)),
                "documents": lambda: (views.documents(q), pages.documents_page),
                "document": lambda: (views.document(params["id"] or ""), pages.document_page),
                "network": lambda: (views.network(q), pages.network_page),
                "incident": lambda: (views.incident(params["id"] or ""), incident_page),
            }
            data, html = renderers[name]()
            if ext == ".geojson":
                self._send(200, to_geojson(data), "application/geo+json")
            elif ext == ".json":
                self._send(
                    200, json.dumps(data, default=_json_default, ensure_ascii=False), "application/json"
                )
            else:
                self._send(200, html(data), "text/html")

    return Handler


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8017) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), make_handler(Views(store)))


def serve(store: Store, host: str = "127.0.0.1", port: int = 8017, block: bool = True) -> ThreadingHTTPServer:
    server = make_server(store, host, port)
    if block:
        server.serve_forever()
    else:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
