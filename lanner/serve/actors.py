"""The network the desk draws: named actors only, with their ties merged across documents.

Why filter here and not in `lanner.views.network`: the exports keep everything (an auditor wants the junk
too), while a picture for an analyst must show sides of the conflict only. The rule is data
(`lanner/data/serve/network.yaml`): actors resolved to the KB, minus those whose role is to report or help
(media, monitors, humanitarian bodies) and the unnamed categories (civilians, unidentified armed groups,
a country's armed opposition as a whole); a local sub-label of a KB actor ("aog-SYR:hardatnin") is folded
into its parent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import yaml

from lanner.model import AnalyzedDocument
from lanner.resolve.actor_kb import load_kb
from lanner.views.network import build_graph, to_json

RULES = Path(__file__).resolve().parents[1] / "data" / "serve" / "network.yaml"


@functools.cache
def _rules() -> dict[str, frozenset[str]]:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return {key: frozenset(rules[key]) for key in ("exclude_roles", "exclude_templates")}


def actor_id(node_id: str) -> str | None:
    """The KB id a node stands for, or None when it is not a side of the conflict."""
    kb = load_kb()
    base = node_id.split(":", 1)[0] if ":" in node_id and not node_id.startswith("name:") else node_id
    actor = kb.get(base)
    if actor is None or (actor.role or "") in _rules()["exclude_roles"]:
        return None
    if (actor.template or "") in _rules()["exclude_templates"]:  # a category ("Civilians (Syria)"), unnamed
        return None
    return base


def _merge(into: dict, edge: dict) -> None:
    into["count"] += edge["count"]
    into["claimants"] = list(dict.fromkeys([*into["claimants"], *edge["claimants"]]))
    for key, pick in (("first_seen", min), ("last_seen", max)):
        values = [v for v in (into.get(key), edge.get(key)) if v]
        into[key] = pick(values) if values else ""


def real_actor_graph(docs: Iterable[AnalyzedDocument]) -> dict:
    """`lanner-network/1` JSON with only real actors, each with its degree, and what was left out."""
    full = to_json(build_graph(docs))
    ids = {n["id"]: actor_id(n["id"]) for n in full["nodes"]}
    nodes: dict[str, dict] = {}
    for n in full["nodes"]:
        kid = ids[n["id"]]
        if kid is None:
            continue
        if kid in nodes:
            for k in ("mentions", "documents", "events"):
                nodes[kid][k] += n.get(k, 0)
        else:
            kb = load_kb().get(kid)
            nodes[kid] = {**n, "id": kid, "name": kb.name if kb else n["name"]}
    edges: dict[tuple[str, str, str, str], dict] = {}
    for e in full["edges"]:
        s, t = ids.get(e["source"]), ids.get(e["target"])
        if s is None or t is None or s == t:
            continue
        key = (s, t, e["type"], e["origin"])
        if key in edges:
            _merge(edges[key], e)
        else:
            edges[key] = {**e, "source": s, "target": t}
    degree: dict[str, int] = {}
    for s, t, _, _ in edges:
        degree[s] = degree.get(s, 0) + 1
        degree[t] = degree.get(t, 0) + 1
    kept = [{**n, "degree": degree.get(n["id"], 0)} for n in nodes.values() if degree.get(n["id"])]
    return {
        "format": "lanner-network/1",
        "nodes": sorted(kept, key=lambda n: (-n["degree"], n["id"])),
        "edges": list(edges.values()),
        "left_out": sorted({n["name"] for n in full["nodes"] if ids[n["id"]] is None}),
    }
