"""URLs that carry the analyst's filters, so every view of the desk can be bookmarked and shared."""

from __future__ import annotations

from urllib.parse import urlencode


def link(path: str, filters: dict[str, list[str]], **changes: object) -> str:
    """`path` with `filters`, each change replacing one parameter (None removes it)."""
    params = {k: list(v) for k, v in filters.items()}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = [str(v)]
    query = urlencode([(k, x) for k, vs in params.items() for x in vs])
    return f"{path}?{query}" if query else path


def toggle(filters: dict[str, list[str]], name: str, value: str) -> str:
    """The events page with `value` added to or removed from facet `name` (back to the first page)."""
    params = {k: list(v) for k, v in filters.items()}
    values = params.setdefault(name, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return link("/events", {k: v for k, v in params.items() if v})


def year(filters: dict[str, list[str]], y: str) -> str:
    return link("/events", filters, since=f"{y}-01-01", until=f"{y}-12-31")


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) link, else None: a stored `javascript:` URL must never become a link."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
