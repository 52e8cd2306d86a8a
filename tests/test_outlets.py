"""The per-outlet table over documents we write ourselves."""

from __future__ import annotations

from rich.console import Console

import lanner
from lanner.model import RawDocument
from lanner.views.outlets import outlet_table, render_table

PARTISAN = (
    "The terrorists and their foreign mercenaries shelled the village again. Undoubtedly the "
    "occupation forces are behind the aggression. The heroic army liberated two more towns."
)
NEUTRAL = (
    "Government forces captured two villages on Monday, the defence ministry said. "
    "Opposition fighters said they withdrew after heavy shelling, according to the Syrian Observatory."
)


def test_outlet_table_ranks_partisan_above_neutral():
    raws = [
        RawDocument(text=PARTISAN, outlet="Partisan Daily"),
        RawDocument(text=PARTISAN.replace("village", "town"), outlet="Partisan Daily"),
        RawDocument(text=NEUTRAL, outlet="Neutral Wire"),
    ]
    rows = outlet_table(lanner.analyze_many(raws))
    assert [r["outlet"] for r in rows] == ["Partisan Daily", "Neutral Wire"]
    partisan, neutral = rows
    assert partisan["documents"] == 2 and neutral["documents"] == 1
    assert partisan["loaded_per_1k"] > 100 and neutral["loaded_per_1k"] == 0
    assert partisan["certainty_per_1k"] > 0
    assert neutral["claim_share.named"] > partisan["claim_share.named"]
    terms = dict(partisan["top_terms"])
    assert terms.get("terrorists", 0) + terms.get("terrorist", 0) == 2
    console = Console(width=200, record=True)
    console.print(render_table(rows))
    out = console.export_text()
    assert "Partisan Daily" in out and "Neutral Wire" in out


def test_outlet_table_empty():
    assert outlet_table([]) == []
