"""Pages and error bodies: the Jinja environment (autoescaped) and the one error envelope.

Below the app and its routers, which all render through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader

from lanner.serve import links

HERE = Path(__file__).resolve().parent
JINJA = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)
JINJA.globals.update(link=links.link, toggle=links.toggle, year_link=links.year, web_url=links.web_url)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith((".json", ".geojson")) or path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)
    html = JINJA.get_template("error.html").render(status=status, message=message, nav=None)
    return HTMLResponse(html, status_code=status)


def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page: the view's data through its template (every value autoescaped)."""
    html = JINJA.get_template(template).render(**data, request=request, path=request.url.path)
    return HTMLResponse(html, status_code=status)
