"""The desk's pages. A page is one view function plus one template, registered by `@page`.

`@page("/events", "events.html")` registers two routes from the same view: `/events.json` (the view's
data as JSON, documented in /openapi.json) and `/events` (the same data through the template). To add
a page: write `def incident(request: Request, ...) -> dict` under `@page(...)`, and a template that
extends base.html; its parameters are validated by FastAPI from the type hints.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from lanner.errors import BadOption
from lanner.serve.annotate import annotated_article, flat_event
from lanner.serve.data import Desk
from lanner.serve.pages import render
from lanner.store.query import EventFilter

router = APIRouter()
T = TypeVar("T")
MAX_VALUE = 200  # characters in one filter value
MAX_VALUES = 20  # values of one filter
MAP_DATA = Path(__file__).resolve().parents[1] / "data" / "map"
OUTLINES = MAP_DATA / "countries_50m.geojson"
PROVINCES = MAP_DATA / "provinces.geojson"  # scripts/build_provinces.py (Who's On First regions)
DOC_ID = r"^[0-9a-f]{64}$"


def _json(data: Any) -> bytes:
    return json.dumps(data, default=_plain, ensure_ascii=False).encode("utf-8")


def _plain(o: Any) -> str:
    if isinstance(o, dt.date):
        return o.isoformat()
    raise TypeError(f"{type(o).__name__} is not JSON")


async def kept(request: Request, build: Callable[[], T]) -> T:
    """`build()` in a worker thread once per store version and URL; later requests get the kept answer."""
    key = (request.url.path, str(request.url.query))
    hit = desk(request).kept(key)
    if hit is None:
        hit = await run_in_threadpool(build)
        desk(request).keep(key, hit)
    return hit


def cached_json(view: Callable[..., Any]) -> Callable[..., Any]:
    """`view` as a JSON route whose encoded answers are kept (see `kept`)."""

    @functools.wraps(view)
    async def route(**kwargs: Any) -> Response:
        body = await kept(kwargs["request"], lambda: _json(view(**kwargs)))
        return Response(body, media_type="application/json")

    return route


def page(path: str, template: str, json_path: str | None = None, **route: Any) -> Callable:
    """Register `path` (HTML through `template`) and its JSON twin from one view returning a dict."""

    def register(view: Callable[..., dict]) -> Callable[..., dict]:
        router.add_api_route(
            json_path or f"{path}.json", cached_json(view), methods=["GET"], response_model=None, **route
        )

        @functools.wraps(view)
        def html(**kwargs: Any) -> HTMLResponse:
            return render(kwargs["request"], template, view(**kwargs))

        router.add_api_route(
            path, html, methods=["GET"], include_in_schema=False, response_class=HTMLResponse
        )
        return view

    return register


def desk(request: Request) -> Desk:
    return request.app.state.desk


def _values(name: str, values: list[str]) -> tuple[str, ...]:
    values = [v.strip() for v in values if v.strip()]
    if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE for v in values):
        raise BadOption(f"{name}: at most {MAX_VALUES} values of at most {MAX_VALUE} characters each")
    if any(ord(c) < 32 for v in values for c in v):  # a NUL ends a SQLite pattern early
        raise BadOption(f"{name}: control characters are not allowed")
    return tuple(dict.fromkeys(values))


def event_filter(
    type: Annotated[list[str], Query(description="PLOVER type, e.g. ASSAULT (repeat for several)")] = [],  # noqa: B006
    acled: Annotated[list[str], Query(description="ACLED event type")] = [],  # noqa: B006
    actor: Annotated[list[str], Query(description="part of an actor's name, or its KB id")] = [],  # noqa: B006
    country: Annotated[list[str], Query(description="ISO 3166 alpha-2 code")] = [],  # noqa: B006
    province: Annotated[list[str], Query(description="first-level division (admin1)")] = [],  # noqa: B006
    outlet: Annotated[list[str], Query(description="outlet that published the report")] = [],  # noqa: B006
    epistemic: Annotated[list[str], Query(description="asserted, attributed, rumored, speculated")] = [],  # noqa: B006
    since: Annotated[dt.date | None, Query(description="events ending on or after this day")] = None,
    until: Annotated[dt.date | None, Query(description="events starting on or before this day")] = None,
) -> EventFilter:
    return EventFilter(
        type=_values("type", type),
        acled=_values("acled", acled),
        actor=_values("actor", actor),
        country=_values("country", country),
        province=_values("province", province),
        outlet=_values("outlet", outlet),
        epistemic=_values("epistemic", epistemic),
        since=since,
        until=until,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=5000, description="rows per page (1-5000)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip")]


@page("/", "dashboard.html", json_path="/index.json")
def dashboard(request: Request, flt: Filter) -> dict:
    """The first screen: map, timeline and table; the browser fetches their data from the JSON routes."""
    lo, hi = desk(request).span()
    return {"span": [lo, hi], "total": desk(request).count(flt), "filters": flt.as_params()}


@router.get("/events.json", response_model=None)
async def events_json(request: Request, flt: Filter, limit: Limit = 100, offset: Offset = 0) -> Response:
    """Events (newest first) under the filters; the total is in the `X-Total-Count` header."""
    d = desk(request)
    total, body = await kept(request, lambda: (d.count(flt), _json(d.events(flt, limit, offset))))
    return Response(body, media_type="application/json", headers={"X-Total-Count": str(total)})


@router.get("/events.geojson", response_model=None)
async def events_geojson(request: Request, flt: Filter, limit: Limit = 5000) -> Response:
    """Located events as GeoJSON points, for the map."""
    body = await kept(request, lambda: _json(desk(request).geojson(flt, limit)))
    return Response(body, media_type="application/geo+json")


@page("/events", "events.html", json_path="/facets.json")
def events_page(request: Request, flt: Filter, limit: Limit = 100, offset: Offset = 0) -> dict:
    """Facets with counts and one page of events; the URL holds every filter, so a view can be shared."""
    d = desk(request)
    return {
        "facets": d.facets(flt),
        "total": d.count(flt),
        "limit": limit,
        "offset": offset,
        "filters": flt.as_params(),
        "events": d.events(flt, limit, offset),
    }


@router.get("/timeline.json", response_model=None)
async def timeline_json(request: Request, flt: Filter) -> Response:
    """Events per day or week by type, inside the corpus's publication span (others are counted apart)."""
    body = await kept(request, lambda: _json(desk(request).timeline(flt)))
    return Response(body, media_type="application/json")


@router.get("/basemap.json", include_in_schema=False)
def basemap() -> FileResponse:
    return FileResponse(OUTLINES, media_type="application/json", headers={"Cache-Control": "max-age=86400"})


@router.get("/provinces.json", include_in_schema=False)
def provinces() -> FileResponse:
    """Province outlines of the conflict countries the gazetteer covers best, drawn when zoomed in."""
    return FileResponse(PROVINCES, media_type="application/json", headers={"Cache-Control": "max-age=86400"})


@page("/documents", "documents.html")
def documents(request: Request, limit: Limit = 200, offset: Offset = 0) -> dict:
    """Stored reports, newest first."""
    return {"documents": desk(request).documents(limit, offset), "limit": limit, "offset": offset}


@router.get("/documents/{doc_id}.json", response_model=None)
def document_json(request: Request, doc_id: Annotated[str, PathParam(pattern=DOC_ID)]) -> dict:
    """The stored analysis (the AnalyzedDocument contract)."""
    return desk(request).document(doc_id)


@router.get("/documents/{doc_id}", include_in_schema=False)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """The annotated article: events, actors, places, sources, loaded terms and hedges marked in the text."""
    if len(doc_id) != 64 or any(c not in "0123456789abcdef" for c in doc_id):
        raise BadOption("a document id is 64 hexadecimal characters")
    doc = desk(request).document(doc_id)
    meta = doc["document"]
    events = [{**flat_event(ev), "doc_id": meta["id"], "outlet": meta.get("outlet")} for ev in doc["events"]]
    return render(
        request, "document.html", {"meta": meta, "article": annotated_article(doc), "events": events}
    )


INCIDENT_ID = r"^c[0-9a-f]{6,12}$"


@router.get("/incidents/{ident}.geojson", response_model=None)
def incident_geojson(request: Request, ident: Annotated[str, PathParam(pattern=INCIDENT_ID)]) -> dict:
    """The incident's place as one map feature (the desk map's popup fields)."""
    view = desk(request).incident(ident)
    p = view["place"]
    feats = []
    if p.get("lat") is not None and p.get("lon") is not None:
        toll = view["toll"]
        props = {
            "type": view["type"],
            "actor1": view["perpetrator"],
            "actor2": view["target"],
            "location": p.get("name"),
            "geo_precision": p.get("precision"),
            "date_start": view["date_start"],
            "date_end": view["date_end"],
            "fatalities_min": toll["min"],
            "fatalities_max": toll["max"],
            "epistemic": view["epistemic"],
            "source": f"{view['independent_sources']} independent sources",
            "doc_id": view["reports"][0]["doc_id"] if view["reports"] else "",
        }
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                      "properties": props})  # fmt: skip
    return {"type": "FeatureCollection", "features": feats}


@page("/incidents/{ident}", "incident.html")
def incident(request: Request, ident: Annotated[str, PathParam(pattern=INCIDENT_ID)]) -> dict:
    """An incident told by several reports: consensus coding, each report side by side, disagreements."""
    return desk(request).incident(ident)


@page("/network", "network.html")
def network(request: Request) -> dict:
    """Named actors and their ties (text and KB), built once per store change."""
    return desk(request).network()
