"""Conflict-zone geocoding end to end: the gazetteer scan, document focus, and the event's place."""

from __future__ import annotations

import lanner
from lanner.resolve.geo_context import Query, resolve_document


def _placed(text: str) -> dict[str, tuple[str | None, str | None]]:
    doc = lanner.analyze(text)
    return {
        p.mention.text: (p.resolution.country, p.resolution.admin1) if p.resolution else (None, None)
        for p in doc.places
    }


def test_villages_the_model_does_not_tag_are_found_beside_each_other():
    assert _placed("Shelling hit Kafr Nabl and Maarat Misrin on Monday.") == {
        "Kafr Nabl": ("SY", "Idlib"),
        "Maarat Misrin": ("SY", "Idlib"),
    }
    placed = _placed("Clashes in Sarmada and Darat Izza.")
    assert placed["Sarmada"][0] == "SY" and placed["Darat Izza"][0] == "SY"


def test_common_words_are_not_scanned_as_places():
    placed = _placed("Ambush by gunmen in the west of Syria left ruins in Aleppo. West said nothing.")
    assert "Ambush" not in placed and "West" not in placed


def test_a_bare_name_resolves_inside_the_focus_and_abroad_only_with_evidence():
    picks, focus = resolve_document([Query("Syria"), Query("Damascus"), Query("Adra"), Query("Aleppo")])
    assert focus == "SY" and [p.country for p in picks] == ["SY"] * 4
    picks, focus = resolve_document([Query("Damascus", hint_names=["Maryland"]), Query("Maryland")])
    assert picks[0].country == "US"


def test_event_in_a_village_north_of_a_town_is_placed_at_the_village():
    doc = lanner.analyze(
        "A terrorist attack killed three civilians in Tal Harmel village, north of Abu-Rasen town in "
        "Hasaka countryside."
    )
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location.name == "Tall Harmal" and ev.location.country == "SY" and ev.location.precision == 1


def test_countryside_is_precision_2_and_a_province_3():
    doc = lanner.analyze("Warplanes bombed villages in the Idlib countryside on Monday.")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location.precision == 2 and ev.location.country == "SY"
    doc = lanner.analyze("Warplanes bombed villages in Idlib province on Monday.")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location.precision == 3 and ev.location.feature_code == "ADM1"


def test_an_event_with_no_place_on_its_clause_takes_its_sentence_s_place():
    doc = lanner.analyze("Syrian troops shelled rebel positions, residents of Saraqib said on Monday.")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location is not None and ev.location.country == "SY" and ev.location.lat is not None


def test_no_precision_without_coordinates():
    doc = lanner.analyze("Gunmen attacked a checkpoint near Xqzwvillage on Monday, killing two soldiers.")
    for ev in doc.events:
        if ev.location is not None and ev.location.lat is None:
            assert ev.location.precision is None
