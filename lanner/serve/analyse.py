"""The "analyse a report" page: paste a text or a link, see the annotated article and its events, store it.

Defences, each with a message the analyst can act on: the body and the text have size limits; the
form carries a CSRF token that must match a SameSite=Strict cookie (and a cross-site Origin is
refused), so another web site cannot make the analyst's browser store reports; links are fetched only
from public addresses (`lanner.serve.fetch`). The JSON twin (`POST /analyse.json`) takes a JSON body,
which a cross-site form cannot send without a CORS preflight the desk never grants.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from lanner.errors import BadOption, LannerError, Refused, TooLarge
from lanner.serve.annotate import annotated_article, flat_event
from lanner.serve.pages import render

router = APIRouter()
MAX_BODY = 600_000  # bytes of one form post (the text plus a few fields, URL-encoded)
MAX_TEXT = 150_000  # characters of one pasted report (a long report is ~60,000)
COOKIE = "lanner_csrf"
FIELDS = ("text", "url", "title", "outlet", "published", "csrf")


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge(
            f"the form is {int(declared):,} bytes; the limit is {MAX_BODY:,} (paste a shorter text)"
        )
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            raise TooLarge(f"the form is over {MAX_BODY:,} bytes (paste a shorter text)")
    return bytes(body)


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise Refused(
            "this form was sent from another web site; open the desk's own page to analyse a report"
        )


async def _form(request: Request) -> dict[str, str]:
    _same_origin(request)
    try:
        raw = parse_qs((await _body(request)).decode("utf-8"), max_num_fields=20, keep_blank_values=True)
    except (UnicodeDecodeError, ValueError) as e:
        raise BadOption("the form could not be read (send it from the desk's page)") from e
    form = {k: v[-1] for k, v in raw.items() if k in FIELDS}
    cookie = request.cookies.get(COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, form.get("csrf", "")):
        raise Refused("the form's security token is missing or stale; reload the page and send it again")
    return form


def _inputs(form: dict[str, Any]) -> dict[str, Any]:
    """The analysis inputs, validated: text or url, and optional title, outlet, publication date."""
    form = {k: v for k, v in form.items() if isinstance(v, str)}
    text, url = (form.get("text") or "").strip(), (form.get("url") or "").strip()
    if len(text) > MAX_TEXT:
        raise TooLarge(f"the text has {len(text):,} characters; the limit is {MAX_TEXT:,}")
    if not text and not url:
        raise BadOption("paste the report's text or give its link")
    if len(url) > 2000:
        raise BadOption("the link is over 2,000 characters")
    published = (form.get("published") or "").strip()
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError as e:
        raise BadOption("the publication date must be YYYY-MM-DD") from e
    clip = {k: (form.get(k) or "").strip()[:300] or None for k in ("title", "outlet")}
    return {"text": text, "url": url or None, "published": day, **clip}


def _analyse(inputs: dict[str, Any]) -> Any:
    """Fetch when only a link was given, then run the pipeline (in a worker thread: it is CPU work)."""
    import lanner
    from lanner.ingest.html import html_to_raw
    from lanner.serve.fetch import fetch_public

    text = inputs["text"]
    if not text:
        body, suffix = fetch_public(inputs["url"])
        if suffix == ".html" or body.lstrip()[:1] == "<":
            raw = html_to_raw(body, inputs["url"])
            text = raw.text
            inputs = {
                **inputs,
                "title": inputs["title"] or raw.title,
                "outlet": inputs["outlet"] or raw.outlet,
                "published": inputs["published"] or raw.published,
            }
        else:
            text = body
        if len(text) > MAX_TEXT:
            raise TooLarge(f"the fetched article has {len(text):,} characters; the limit is {MAX_TEXT:,}")
    return lanner.analyze(
        text, published=inputs["published"], outlet=inputs["outlet"], title=inputs["title"], url=inputs["url"]
    )


def _token(request: Request) -> str:
    return request.cookies.get(COOKIE) or secrets.token_urlsafe(32)


def _page(request: Request, status: int = 200, **data: Any) -> HTMLResponse:
    token = _token(request)
    resp = render(
        request,
        "analyse.html",
        {"csrf": token, "form": {}, "error": None, "doc": None, **data},
        status=status,
    )
    resp.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/analyse")
    return resp


@router.get("/analyse", include_in_schema=False)
def analyse_form(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/analyse", include_in_schema=False)
async def analyse_post(request: Request) -> HTMLResponse:
    form: dict[str, str] = {}
    try:
        form = await _form(request)
        doc = await run_in_threadpool(_analyse, _inputs(form))
    except LannerError as e:
        return _page(request, status=e.http_status, form=form, error=str(e))
    data = json.loads(doc.model_dump_json())
    meta = data["document"]
    events = [{**flat_event(ev), "outlet": meta.get("outlet")} for ev in data["events"]]
    return _page(request, form=form, doc=meta, article=annotated_article(data), events=events, text=doc.text)


@router.post("/analyse/store", include_in_schema=False)
async def analyse_store(request: Request) -> Response:
    form: dict[str, str] = {}
    try:
        form = await _form(request)
        doc = await run_in_threadpool(_analyse, _inputs(form))
        await run_in_threadpool(request.app.state.desk.store.add, doc, "desk")
    except LannerError as e:
        return _page(request, status=e.http_status, form=form, error=str(e))
    return RedirectResponse(f"/documents/{doc.document.id}", status_code=303)


@router.post("/analyse.json", response_model=None)
async def analyse_json(request: Request) -> JSONResponse:
    """Analyse `{"text": ...}` or `{"url": ...}` (plus optional title, outlet, published, store: true)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refused("send a JSON body with Content-Type: application/json")
    try:
        payload = json.loads(await _body(request))
    except ValueError as e:
        raise BadOption("the body is not valid JSON") from e
    if not isinstance(payload, dict):
        raise BadOption('the body must be a JSON object such as {"text": "..."}')
    doc = await run_in_threadpool(_analyse, _inputs({k: payload.get(k) for k in FIELDS}))
    stored = False
    if payload.get("store") is True:
        stored = await run_in_threadpool(request.app.state.desk.store.add, doc, "desk")
    return JSONResponse({"stored": stored, "analysis": json.loads(doc.model_dump_json())})
