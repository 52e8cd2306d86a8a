"""A report set in one country does not scatter its unknown villages abroad by spelling or exonym."""

from __future__ import annotations

import lanner
from tests.conftest import REPO


def test_unknown_sahel_villages_stay_unresolved_not_abroad():
    text = (REPO / "examples" / "sahel-convoy-ambush.txt").read_text(encoding="utf-8")
    doc = lanner.analyze(text, published="2023-02-13")
    countries = {p.mention.text: p.resolution.country for p in doc.places if p.resolution}
    assert countries.get("Mopti") == "ML"
    assert set(countries.values()) <= {"ML"}, countries
    ambush = next(e for e in doc.events if e.type == "ASSAULT")
    assert ambush.location is None or ambush.location.country == "ML"
