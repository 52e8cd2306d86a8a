"""The seed report, field by field: what the foundation issue says `lanner analyze` must find."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from lanner.model import AnalyzedDocument, Event


def _norm(s: str | None) -> str:
    """Fold case, accents and transliteration marks: 'Ra’s al ‘Ayn' → 'ras al ayn'."""
    folded = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9()]+", " ", folded).split())


def _find(doc: AnalyzedDocument, pred) -> Event:
    hits = [e for e in doc.events if pred(e)]
    assert hits, "no such event in:\n" + "\n".join(
        f"{e.type}/{e.mode} {e.actor1 and e.actor1.name} -> {e.actor2 and e.actor2.name} "
        f"@{e.location and e.location.name} [{e.epistemic}] {e.trigger.text!r}"
        for e in doc.events
    )
    return hits[0]


def _actor(ev_actor, *words: str) -> bool:
    return ev_actor is not None and all(w in _norm(ev_actor.name) for w in words)


def test_arms_convoy(seed_doc):
    ev = _find(seed_doc, lambda e: e.type == "AID")
    assert ev.mode == "military"
    assert _actor(ev.actor1, "turkey")
    assert ev.actor2 is not None and "idlib" in _norm(ev.actor2.name)
    assert ev.attribution.kind == "anonymous" and "syrian sources" in _norm(ev.attribution.source)
    assert ev.epistemic == "attributed"
    assert ev.date.start is not None and ev.date.end is not None
    assert dt.date(2022, 11, 25) <= ev.date.start <= ev.date.end <= dt.date(2022, 12, 5)
    assert ev.location is not None and "idlib" in _norm(ev.location.name)
    assert len(ev.evidence) >= 2, "the convoy is told twice: both mentions are evidence"


def test_us_air_strike_on_hts(seed_doc):
    ev = _find(seed_doc, lambda e: e.type == "ASSAULT" and _actor(e.actor1, "united states"))
    assert ev.mode == "aerial"
    assert (ev.acled_event_type, ev.acled_sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert _actor(ev.actor2, "tahrir al sham")
    assert ev.location is not None and "idlib" in _norm(ev.location.name)
    assert ev.location.country == "SY"
    assert ev.epistemic == "asserted"


def test_hamza_division_clashes(seed_doc):
    ev = _find(
        seed_doc,
        lambda e: (
            e.type == "ASSAULT" and any(_actor(a, "hamza") for a in (e.actor1, e.actor2, *e.assoc_actors))
        ),
    )
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Battles", "Armed clash")
    assert ev.location is not None and "ras al" in _norm(ev.location.name)
    assert "hasak" in _norm(ev.location.admin1)
    assert ev.location.precision == 2, "'on the outskirts of' is ACLED precision 2"
    assert (ev.date.start, ev.date.end) == (dt.date(2022, 11, 11), dt.date(2022, 11, 20))
    assert ev.attribution.kind == "unspecified" and "reports" in _norm(ev.attribution.source)
    assert ev.epistemic == "attributed"


def test_ahrar_vs_levant_legion(seed_doc):
    ev = _find(seed_doc, lambda e: e.type == "ASSAULT" and _actor(e.actor1, "ahrar"))
    assert _actor(ev.actor2, "levant legion") or _actor(ev.actor2, "faylaq")
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Battles", "Armed clash")
    names = {_norm(loc.name) for loc in [ev.location, *ev.other_locations] if loc}
    assert any(k in n for n in names for k in ("ain issa", "ayn isa", "hammam", "shirkarak")), names
    assert "raqq" in _norm(ev.location.admin1)
    assert ev.attribution.kind == "unspecified" and "reports" in _norm(ev.attribution.source)


def test_rumored_offensive_is_never_asserted(seed_doc):
    ev = _find(seed_doc, lambda e: e.epistemic == "rumored")
    assert _actor(ev.actor1, "turkey")
    for e in seed_doc.events:
        if "rumor" in e.trigger.text.lower() or "offensive" in e.trigger.text.lower():
            assert e.epistemic != "asserted"


@pytest.mark.parametrize("word", ["terrorists", "takfiri"])
def test_loaded_terms(seed_doc, word):
    assert any(word in t.span.text.lower() for t in seed_doc.framing.loaded_terms)
