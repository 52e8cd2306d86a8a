"""The actor network: KB and text ties kept apart, filters, and GraphML that networkx reads back."""

from __future__ import annotations

import datetime as dt
import io
import json

import networkx as nx
import pytest

from lanner.views.network import build_graph, render


def test_graphml_round_trips(seed_doc):
    g = build_graph([seed_doc])
    back = nx.read_graphml(io.StringIO(render(g, "graphml")))
    assert back.number_of_nodes() == g.number_of_nodes() > 5
    assert back.number_of_edges() == g.number_of_edges()


def test_kb_and_text_origins(seed_doc):
    g = build_graph([seed_doc])
    origins = {d["origin"] for _, _, d in g.edges(data=True)}
    assert origins == {"kb", "text"}
    text = g.get_edge_data("gov-TUR", "syr-hamza")
    assert "text:supports" in text and "kb:supports" in text
    assert text["text:supports"]["claimants"] == "Alwaght"
    bare = build_graph([seed_doc], kb_ties=False)
    assert {d["origin"] for _, _, d in bare.edges(data=True)} == {"text"}


def test_filters(seed_doc):
    assert build_graph([seed_doc], since=dt.date(2023, 1, 1)).number_of_nodes() == 0
    ego = build_graph([seed_doc], actor="Hamza Division")
    assert "syr-hamza" in ego and "gov-TUR" in ego and "syr-sdf" not in ego


def test_json_and_dot(seed_doc):
    g = build_graph([seed_doc])
    data = json.loads(render(g, "json"))
    assert data["format"] == "lanner-network/1"
    edge = next(e for e in data["edges"] if e["source"] == "gov-TUR" and e["target"] == "syr-hts")
    assert isinstance(edge["claimants"], list) and edge["first_seen"] == "2022-12-05"
    assert render(g, "dot").startswith("digraph")
    with pytest.raises(ValueError):
        render(g, "png")
