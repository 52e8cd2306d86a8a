"""The actor network across documents: KB ties and ties claimed in text, kept distinguishable.

Every edge carries `origin` ("kb" or "text") because an analyst must be able to tell a sourced
fact from the KB apart from what one outlet claimed; text edges keep who claimed them and when
they were first and last seen. Attributes are scalars (claimants joined with "; ") so GraphML,
which has no list type, round-trips through `networkx.read_graphml`. The JSON format is in
docs/network.md.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

import networkx as nx

from lanner.model import ActorRef, AnalyzedDocument
from lanner.resolve.actor_kb import load_kb, norm

KB_REL = {"part_of": "part_of", "backed_by": "supports", "allied_with": "allied",
          "affiliated_with": "affiliated", "fights": "fights"}
SEP = "; "


def _node_key(ref: ActorRef | Any) -> str:
    kid = getattr(ref, "kb_id", None) or getattr(ref, "id", None)
    return kid or f"name:{ref.name}"


def _ensure_node(g: nx.MultiDiGraph, key: str, name: str, typ: str | None, country: str | None,
                 inter: int | None) -> None:
    if key not in g:
        g.add_node(key, name=name, type=typ or "", country=country or "", inter=inter or 0,
                   mentions=0, documents=0, events=0)


def _add_edge(g: nx.MultiDiGraph, src: str, tgt: str, etype: str, origin: str, day: dt.date | None,
              claimant: str | None = None, **extra: Any) -> None:
    key = f"{origin}:{etype}"
    if g.has_edge(src, tgt, key):
        d = g.edges[src, tgt, key]
        d["count"] += 1
        if day:
            d["first_seen"] = min(d["first_seen"] or day.isoformat(), day.isoformat())
            d["last_seen"] = max(d["last_seen"] or day.isoformat(), day.isoformat())
        if claimant and claimant not in d["claimants"].split(SEP):
            d["claimants"] = SEP.join(x for x in [d["claimants"], claimant] if x)
        return
    g.add_edge(src, tgt, key=key, type=etype, origin=origin, count=1,
               first_seen=day.isoformat() if day else "", last_seen=day.isoformat() if day else "",
               claimants=claimant or "", **extra)


def _add_doc(g: nx.MultiDiGraph, doc: AnalyzedDocument) -> None:
    day = doc.document.published
    ids_by_name: dict[str, str] = {}
    for a in doc.actors:
        key = _node_key(a)
        _ensure_node(g, key, a.name, a.type, a.country, a.acled_inter)
        g.nodes[key]["mentions"] += len(a.mentions)
        g.nodes[key]["documents"] += 1
        ids_by_name[a.name] = key
    for ev in doc.events:
        sides = [r for r in (ev.actor1, ev.actor2) if r is not None]
        for r in sides:
            k = _node_key(r)
            _ensure_node(g, k, r.name, r.type, r.country, r.acled_inter)
            g.nodes[k]["events"] += 1
        if len(sides) == 2:
            a, b = _node_key(sides[0]), _node_key(sides[1])
            if a != b:
                _add_edge(g, a, b, f"event:{ev.type}", "text", day, ev.attribution.source)
    for rel in doc.relations:
        s = rel.source_id or ids_by_name.get(rel.source) or f"name:{rel.source}"
        t = rel.target_id or ids_by_name.get(rel.target) or f"name:{rel.target}"
        for key, name in ((s, rel.source), (t, rel.target)):
            kba = load_kb().get(key)
            _ensure_node(g, key, name, kba.type if kba else None, kba.country if kba else None,
                         kba.inter if kba else None)
        _add_edge(g, s, t, rel.type, "text", rel.date or day, rel.claimed_by)


def _add_kb_ties(g: nx.MultiDiGraph) -> None:
    kb = load_kb()
    for node in list(g.nodes):
        a = kb.get(node)
        if a is None:
            continue
        for tie in a.ties:
            b = kb.get(tie.target)
            if b is None:
                continue
            _ensure_node(g, b.id, b.name, b.type, b.country, b.inter)
            src, tgt = (b.id, a.id) if tie.rel == "backed_by" else (a.id, b.id)
            key = f"kb:{KB_REL[tie.rel]}"
            if not g.has_edge(src, tgt, key):
                g.add_edge(src, tgt, key=key, type=KB_REL[tie.rel], origin="kb", count=1,
                           first_seen=str(tie.start or ""), last_seen=str(tie.end or ""),
                           claimants=tie.source or a.source)


def _match(g: nx.MultiDiGraph, actor: str) -> set[str]:
    k = norm(actor)
    return {n for n, d in g.nodes(data=True) if n == actor or norm(d["name"]) == k or k in norm(d["name"])}


def build_graph(docs: Iterable[AnalyzedDocument], actor: str | None = None, since: dt.date | None = None,
                kb_ties: bool = True) -> nx.MultiDiGraph:
    """Actors as nodes; typed ties and event interactions as edges (keyed "<origin>:<type>")."""
    g = nx.MultiDiGraph()
    for doc in docs:
        if since and (doc.document.published is None or doc.document.published < since):
            continue
        _add_doc(g, doc)
    if kb_ties:
        _add_kb_ties(g)
    if actor:
        centre = _match(g, actor)
        keep = set(centre)
        for c in centre:
            keep.update(g.successors(c))
            keep.update(g.predecessors(c))
        g = g.subgraph(keep).copy()
    return g


def to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    edges = [{"source": u, "target": v, **{k: val for k, val in d.items()},
              "claimants": [c for c in d["claimants"].split(SEP) if c]}
             for u, v, d in g.edges(data=True)]
    return {"format": "lanner-network/1", "nodes": nodes, "edges": edges}


def _dot(g: nx.MultiDiGraph) -> str:
    def q(s: Any) -> str:
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph lanner {", "  rankdir=LR;"]
    for n, d in g.nodes(data=True):
        lines.append(f"  {q(n)} [label={q(d['name'])}, type={q(d['type'])}];")
    for u, v, d in g.edges(data=True):
        style = "dashed" if d["origin"] == "kb" else "solid"
        lines.append(f"  {q(u)} -> {q(v)} [label={q(d['type'])}, origin={q(d['origin'])}, "
                     f"count={d['count']}, style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(graph: nx.MultiDiGraph, fmt: str) -> str:
    """Serialise as "json", "graphml" or "dot"."""
    if fmt == "json":
        return json.dumps(to_json(graph), indent=2, ensure_ascii=False)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(graph, buf)
        return buf.getvalue().decode("utf-8")
    if fmt == "dot":
        return _dot(graph)
    raise ValueError(f"unknown network format {fmt!r}; use json, graphml or dot")
