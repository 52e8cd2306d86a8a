"""The desk's ASGI app: routes that call views, Jinja2 templates (autoescaped), one error envelope.

Errors share one JSON envelope `{"ok": false, "status": N, "error": "..."}` whose status comes from the
exception class (`LannerError.http_status`); an HTML page shows the same message. An unexpected exception
is logged server-side and answered with a generic message, never with a traceback or a SQL statement.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from lanner.errors import LannerError
from lanner.serve import analyse, routes
from lanner.serve.data import Desk
from lanner.serve.pages import HERE, JINJA, error_response
from lanner.serve.security import SecurityMiddleware, allowed_hosts_for
from lanner.store import Store

log = logging.getLogger("lanner.serve")


def _validation_message(exc: RequestValidationError) -> str:
    """Which parameter and what was wrong, without echoing the (possibly huge or hostile) value."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "E011: " + "; ".join(parts)


def create_app(store: Store, host: str = "127.0.0.1", allowed_hosts: list[str] | None = None) -> FastAPI:
    app = FastAPI(
        title="Lanner desk API",
        version="1",
        description="Events, facets, timeline, map and network of a Lanner store; pages have .json twins.",
        docs_url=None,  # Swagger UI would load script from a CDN; the spec is at /openapi.json
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.desk = Desk(store)
    app.add_middleware(
        SecurityMiddleware,
        allowed=allowed_hosts_for(host, allowed_hosts),
        on_crash=lambda path: _crash_body(path),
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(routes.router)
    app.include_router(analyse.router)

    @app.exception_handler(LannerError)
    async def _lanner(request: Request, exc: LannerError) -> Response:
        return error_response(request, exc.http_status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: f"no such page: {request.url.path[:200]}", 405: "method not allowed here"}
        return error_response(request, exc.status_code, message.get(exc.status_code, "request refused"))

    return app


def _crash_body(path: str) -> tuple[bytes, bytes]:
    message = "internal error: the desk logged it; the request may be retried"
    if path.endswith((".json", ".geojson")) or path.startswith("/api/"):
        import json

        return json.dumps({"ok": False, "status": 500, "error": message}).encode(), b"application/json"
    html = JINJA.get_template("error.html").render(status=500, message=message)
    return html.encode(), b"text/html; charset=utf-8"
