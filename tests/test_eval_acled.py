"""The ACLED suite's own pieces on notes we wrote in ACLED's style (no ACLED row is used here)."""

from __future__ import annotations

import lanner
from lanner.eval.suite_acled import NEAR_KM, main_event, note_text
from lanner.resolve.gazetteer import haversine_km

BAIDOA = (3.1137, 43.6498)  # GeoNames 64435


def test_note_behind_its_country_dateline_places_its_main_event_near_the_town():
    row = {
        "country": "Somalia",
        "notes": "Militants fired mortars at several neighbourhoods of Baidoa, killing two.",
    }
    doc = lanner.analyze(note_text(row))
    ev = main_event(doc)
    assert ev is not None and ev.location is not None and ev.location.lat is not None
    assert haversine_km(ev.location.lat, ev.location.lon, *BAIDOA) <= NEAR_KM


def test_a_note_naming_no_place_is_placed_at_its_country():
    doc = lanner.analyze(
        note_text(
            {
                "country": "Mali",
                "notes": "Two armed men on motorcycles killed two gendarmes and wounded a soldier.",
            }
        )
    )
    ev = main_event(doc)
    assert ev is not None and ev.location is not None
    assert ev.location.country == "ML" and ev.location.precision == 3
