"""The desk's incident page: the reports side by side, the disagreements, and the map point.

Kept apart from pages.py so a later rework of the server can reuse it: `incident_page(view)` renders
the plain data `lanner.incidents.incident_view` returns (the JSON twin is that same data).
"""

from __future__ import annotations

from html import escape
from typing import Any

from lanner.serve.pages import _cell, _page, map_svg

COLUMNS = (
    "outlet",
    "origin",
    "version",
    "toll",
    "perpetrator",
    "target",
    "epistemic",
    "source",
    "loaded_terms",
)


def _value(r: dict, key: str) -> Any:
    v = r.get(key)
    return ", ".join(v) if isinstance(v, list) else v


def incident_page(view: dict) -> str:
    p = view["place"]
    point = [{"lat": p.get("lat"), "lon": p.get("lon"), "type": view["type"], "location": p.get("name"),
              "actor1": view["perpetrator"], "actor2": view["target"]}]  # fmt: skip
    toll = view["toll"]
    modes = escape(", ".join(view["modes"]) or "mode unknown")
    facts = (
        f"<p id=coding><b>{escape(view['type'])}</b> ({modes}) at "
        f"{_cell(p.get('name'))} ({_cell(p.get('level'))}), {_cell(view['date_start'])}"
        f"{'' if view['date_end'] == view['date_start'] else ' to ' + _cell(view['date_end'])}; toll "
        f"{'not given' if toll['max'] is None else _cell(toll['min']) + '–' + _cell(toll['max'])}; "
        f"<b id=sources>{view['independent_sources']}</b> independent sources; "
        f"{escape(view['epistemic'])}</p>"
    )
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in COLUMNS)
    rows = "".join(
        "<tr class=report>" + "".join(f"<td>{_cell(_value(r, c))}</td>" for c in COLUMNS) + "</tr>"
        for r in view["reports"]
    )
    table = f"<table id=reports><tr>{head}</tr>{rows}</table>"
    dis = "".join(f"<li>{escape(d)}</li>" for d in view["disagreements"]) or "<li>none</li>"
    body = (f"{facts}<div class=panel>{map_svg(point)}</div><h2>Reports side by side</h2>{table}"
            f"<h2>Disagreements</h2><ul id=disagreements>{dis}</ul>")  # fmt: skip
    return _page(f"Incident {view['id']}", body)
