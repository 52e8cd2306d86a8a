"""The places stage on the seed and on our own sentences: resolution, metonymy, relations."""

from __future__ import annotations

import pytest

import lanner
from lanner.api import default_pipeline
from lanner.model import RawDocument
from lanner.resolve.gazetteer import haversine_km

# Reference points (GeoNames / Wikipedia infobox coordinates) for the seed's places.
TOWNS = {
    "Bab Al-Hawa border crossing": (36.2306, 36.6926),
    "Tal Rifat": (36.4723, 37.0947),
    "Sri Kani": (36.8503, 40.0706),
    "Ras al-Ain": (36.8503, 40.0706),
    "Tel Abyad": (36.6965, 38.9538),
    "Ain Issa": (36.3855, 38.8623),
    "Tell Hammam et-Turkmen": (36.4822, 39.0569),
}
PROVINCES = {"Idlib": "Idlib", "Hasakah": "Al-Hasakah", "Raqqa": "Ar-Raqqah"}


def _places(doc, text):
    return [p for p in doc.places if p.mention.text == text]


def test_seed_towns_resolve_within_5_km(seed_doc):
    for name, (lat, lon) in TOWNS.items():
        ps = _places(seed_doc, name)
        assert ps, f"{name} not found"
        for p in ps:
            r = p.resolution
            assert r is not None and haversine_km(r.lat, r.lon, lat, lon) < 5, (name, r)


def test_seed_bab_al_hawa_is_the_border_crossing(seed_doc):
    (p,) = _places(seed_doc, "Bab Al-Hawa border crossing")
    assert p.resolution.feature_code == "PSTB" and p.resolution.admin1 == "Idlib"


def test_seed_provinces_and_countries(seed_doc):
    for name, admin1 in PROVINCES.items():
        ps = _places(seed_doc, name)
        assert ps and all(p.resolution.admin1 == admin1 and p.resolution.country == "SY" for p in ps), name
    assert all(p.resolution.country == "SY" for p in _places(seed_doc, "Syria"))
    assert all(p.resolution.country == "TR" for p in _places(seed_doc, "Turkey"))
    # "the northern provinces of Hasakah and Raqqa" names the provinces, not the cities
    assert any(p.resolution.feature_code == "ADM1" for p in _places(seed_doc, "Hasakah"))


def test_seed_ras_al_ain_outskirts_relation(seed_doc):
    (p,) = _places(seed_doc, "Ras al-Ain")
    assert p.relation == "on the outskirts of" and p.resolution.precision == 2


def test_seed_village_resolves_through_who_s_on_first(seed_doc):
    # WOF spells it 'Sharakrak'; the loose key and the spelling similarity join the two
    (p,) = _places(seed_doc, "Al-Shirkarak")
    assert p.resolution is not None and p.resolution.name == "Sharakrak" and p.resolution.country == "SY"
    assert p.resolution.source == "wof"


def test_seed_metonyms(seed_doc):
    text = seed_doc.text

    def at(phrase, name):
        start = text.index(phrase) + phrase.index(name)
        return next(p for p in seed_doc.places if p.mention.start == start)

    assert at("Ankara seeking", "Ankara").metonym
    assert at("Washington's outspoken", "Washington").metonym
    assert at("Moscow has stated", "Moscow").metonym
    assert not at("delivered their loads to terrorist groups in Idlib", "Idlib").metonym
    assert not at("Ras al-Ain town", "Ras al-Ain").metonym


def test_seed_focus_country_is_syria(seed_text):
    pipe = default_pipeline()
    wd = pipe.new_workdoc(RawDocument(text=seed_text))
    for st in pipe.stages[:2]:  # nlp, places
        st.func(wd)
    assert wd.scratch["focus_country"] == "SY"


@pytest.mark.parametrize(
    ("text", "name", "metonym"),
    [
        ("Damascus rejected the proposal on Sunday, officials said.", "Damascus", True),
        ("Clashes erupted in Damascus on Monday.", "Damascus", False),
        ("Turkey has warned it will respond to any attack.", "Turkey", True),
        ("Thousands of refugees crossed into Turkey last year.", "Turkey", False),
        ("Ankara did not comment on the strike.", "Ankara", True),
        (
            "Damascus witnessed heavy shelling overnight, and residents said the army fired from the hills.",
            "Damascus",
            False,
        ),
    ],
)
def test_metonymy_in_our_own_sentences(text, name, metonym):
    (p,) = _places(lanner.analyze(text), name)
    assert p.metonym is metonym


def test_relative_description_keeps_the_anchor_and_relation():
    doc = lanner.analyze("A drone struck a car 30 km southeast of Tel Abyad on Friday, a monitor said.")
    (p,) = _places(doc, "Tel Abyad")
    assert p.relation == "30 km southeast of"
    assert p.resolution.precision == 2 and p.resolution.admin1 == "Ar-Raqqah"


def test_countryside_of_an_untagged_province():
    doc = lanner.analyze("Shelling hit several villages in the western Raqqa countryside overnight.")
    (p,) = _places(doc, "Raqqa")
    assert p.relation == "countryside of" and p.resolution.admin1 == "Ar-Raqqah"


def test_document_context_disambiguates_homonyms():
    us = lanner.analyze("Police in Alexandria, Louisiana, arrested two men after a night of shootings.")
    assert _places(us, "Alexandria")[0].resolution.admin1 == "Louisiana"
    eg = lanner.analyze("Protesters gathered in Alexandria, the second city of Egypt, on Friday.")
    assert _places(eg, "Alexandria")[0].resolution.country == "EG"


def test_admin_context_next_to_the_mention():
    doc = lanner.analyze("Fighters clashed near the town of Tal Tamr in Hasakah province on Tuesday.")
    (p,) = _places(doc, "Tal Tamr")
    assert p.resolution is not None and p.resolution.admin1 == "Al-Hasakah"


def test_document_with_only_unknown_places_still_yields_events():
    text = (
        "Gunmen attacked an army checkpoint near Qarzabiya village in Wadi Nunkhar on Tuesday, "
        "killing three soldiers, local officials said."
    )
    doc = lanner.analyze(text, published="2023-03-01")
    assert doc.places and all(p.resolution is None for p in doc.places)
    assert doc.events, "the events stage should still report the attack"


@pytest.mark.parametrize(
    "text",
    [
        "Nothing here names a place at all, only people and dates on 3 May.",
        "Ankara. Damascus. Turkey",
        "In Ḩalab and Dayr az Zawr, ‘Ayn al ‘Arab and Ra’s al ‘Ayn, fighting went on.",
        "Qwzxv Nonexistentia reported that Blorfton's council met in Zzyzx-Upon-Nowhere.",
    ],
)
def test_places_stage_never_breaks_spans(text):
    doc = lanner.analyze(text)
    for p in doc.places:
        assert doc.text[p.mention.start : p.mention.end] == p.mention.text
        assert p.resolution is None or p.resolution.lat is not None
    assert [p.mention.start for p in doc.places] == sorted(p.mention.start for p in doc.places)
