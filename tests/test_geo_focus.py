"""Document focus from the dateline, same-named villages chosen by the named province, and the point an
unknown village of an event is coded at (our own sentences, written for these tests)."""

from __future__ import annotations

import lanner
from lanner.extract.events.places import stand_in
from lanner.extract.places import is_dateline
from lanner.model import Location, Span
from lanner.resolve.gazetteer import load_gazetteer
from lanner.resolve.geo_context import Query, resolve_document


def _places(text: str) -> dict[str, tuple[str | None, str | None]]:
    doc = lanner.analyze(text)
    return {
        p.mention.text: (p.resolution.country, p.resolution.admin1) if p.resolution else (None, None)
        for p in doc.places
    }


def test_datelines_are_told_from_other_openings():
    assert is_dateline("Sudan - Gunmen shot a farmer.", 0, 5)
    assert is_dateline("Shelling of villages\n\nHASAKA, SANA- Troops shelled ...", 22, 28)
    assert is_dateline("BEIRUT (Reuters) - Troops shelled ...", 0, 6)
    assert not is_dateline("Gunmen in Sudan - not far from the border - shot a farmer.", 10, 15)
    assert not is_dateline("Sudan said on Monday it had closed the border.", 0, 5)


def test_the_dateline_country_keeps_a_bare_village_at_home():
    # 'Tur' is also a name of Tours (France), a bigger place: the dateline says where the report is set
    placed = _places("Sudan - Militants shot and seriously injured a civilian in Tur.")
    assert placed["Tur"][0] == "SD"


def test_a_dateline_glued_to_the_next_word_is_cut_at_the_dash():
    placed = _places("South Africa - Journalists picketed outside the broadcaster's offices in Durban.")
    assert placed["South Africa"][0] == "ZA" and placed["Durban"][0] == "ZA"


def test_an_untagged_dateline_country_is_read():
    placed = _places("Central African Republic - Clashes in the Batangafo area left 16 dead.")
    assert placed["Central African Republic"][0] == "CF" and placed["Batangafo"][0] == "CF"


def test_a_name_beside_a_home_town_is_not_a_county_abroad():
    # Wentworth is a county of New South Wales; 'Wentworth, Durban' is a suburb the gazetteer lacks
    picks, focus = resolve_document(
        [Query("South Africa"), Query("Wentworth", hint_names=["Durban"]), Query("Durban")]
    )
    assert focus == "ZA" and picks[1] is None and picks[2].country == "ZA"


def test_same_named_village_is_chosen_by_the_named_province():
    gaz = load_gazetteer()
    spellings = {(c.name, c.admin1) for c in gaz.candidates("al-Jina")}
    assert ("Al Jina", "Al-Hasakah") in spellings and ("Al Jinah", "Aleppo") in spellings
    # with no province named, the exact spelling stays first
    picks, _ = resolve_document([Query("Syria"), Query("al-Jina")])
    assert picks[1].admin1 == "Al-Hasakah"
    placed = _places("Government forces shelled the village of al-Jina in the western countryside of Aleppo.")
    assert placed["al-Jina"] == ("SY", "Aleppo") and placed["Aleppo"][0] == "SY"


def test_spelling_variants_stay_in_the_country_of_the_exact_match():
    # 'London' and 'Lyndon' differ by more than a spelling variant; 'Jina' of Romania pulls no Syrian village
    assert "Lyndon" not in {c.name for c in load_gazetteer().candidates("London")}
    assert all(c.country in ("RO", "CD") or c.tier == 0 for c in load_gazetteer().candidates("Jina"))


def test_unknown_village_is_coded_at_the_known_place_of_its_event():
    doc = lanner.analyze("Zambia - Police raided a campaign centre in Rhodespark area of Lusaka.")
    (ev,) = [e for e in doc.events if e.type in ("ASSAULT", "COERCE")]
    loc = ev.location
    assert loc.name == "Rhodespark" and loc.mention.text == "Rhodespark"
    assert loc.country == "ZM" and abs(loc.lat - -15.4) < 0.1 and loc.precision == 2


def test_stand_in_rules():
    village = Location(name="Kafr X", mention=Span(start=0, end=6, text="Kafr X"))
    town = Location(
        name="Idlib",
        lat=35.93,
        lon=36.63,
        feature_code="PPLA",
        country="SY",
        mention=Span(start=20, end=25, text="Idlib"),
    )
    province = town.model_copy(update={"feature_code": "ADM1"})
    country = town.model_copy(update={"name": "Syria", "feature_code": "PCLI"})
    assert stand_in(village, town).precision == 2 and stand_in(village, town).lat == 35.93
    assert stand_in(village, province).precision == 3
    assert stand_in(village, country).lat is None  # a country's point is no village's
    abroad = village.model_copy(update={"country": "TR"})
    assert stand_in(abroad, town).lat is None
    far = town.model_copy(update={"mention": Span(start=900, end=905, text="Idlib")})
    assert stand_in(village, far).lat is None  # only a place named beside it vouches for it
    ambush = Location(name="Ambush", mention=Span(start=0, end=6, text="Ambush"))
    assert stand_in(ambush, town).lat is None  # a headline's capitalised word is no village


def test_a_city_quarter_is_not_a_same_named_village_elsewhere():
    doc = lanner.analyze(
        "A missile hit a residential area in the Maghayir district in the old quarter of the northern "
        "Syrian city of Aleppo."
    )
    placed = {p.mention.text: p.resolution for p in doc.places}
    assert placed["Maghayir"] is None and placed["Aleppo"].country == "SY"
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    # the quarter is coded at the city's point, coarser
    assert ev.location.name == "Maghayir" and ev.location.admin1 == "Aleppo" and ev.location.precision == 2


def test_a_name_with_figures_is_no_place():
    doc = lanner.analyze("Last updated at Jul 262016 BEIRUT Syrian forces seized a neighbourhood of Aleppo.")
    assert all(not any(ch.isdigit() for ch in p.mention.text) for p in doc.places)


def test_an_event_abroad_lends_no_point_to_an_unknown_name():
    # the story is set in Syria: a name the gazetteer lacks is not coded at a place abroad
    from lanner.extract.events.article import most_specific
    from lanner.model import Event

    moscow = Location(name="Moscow", lat=55.75, lon=37.6, feature_code="PPLC", country="RU", precision=1)
    unknown = Location(name="Qaryat X", mention=Span(start=0, end=8, text="Qaryat X"))
    moscow = moscow.model_copy(update={"mention": Span(start=20, end=26, text="Moscow")})
    ev = Event.model_construct(location=moscow, other_locations=[unknown])
    most_specific(ev, "SY")
    assert ev.location.name == "Qaryat X" and ev.location.lat is None
    ev = Event.model_construct(location=moscow, other_locations=[unknown])
    most_specific(ev, "RU")
    assert ev.location.lat == 55.75


def test_a_place_after_governorate_of_is_scanned():
    placed = _places("Tunisia - Civil society members protested outside the governorate of Kebili on Monday.")
    assert placed["Kebili"][0] == "TN"


def test_the_paragraph_s_town_is_kept_precisely_and_across_a_break_only_nearby():
    same = (
        "Syrian rebels shelled the town of Douma near Damascus on Monday. "
        "Government forces later arrested ten men."
    )
    doc = lanner.analyze(same)
    (arrest,) = [e for e in doc.events if e.type == "COERCE"]
    assert arrest.location.name == "Dūmā" and arrest.location.precision == 1
    doc = lanner.analyze(same.replace(" Government", "\n\nGovernment"))
    (arrest,) = [e for e in doc.events if e.type == "COERCE"]
    assert arrest.location.name == "Dūmā" and arrest.location.precision == 2


def test_where_a_force_retreated_to_is_not_where_the_next_events_are():
    doc = lanner.analyze(
        "Sudanese army units withdrew from Wad Madani on Monday. Most of the soldiers retreated towards "
        "Sennar State. Fierce battles then erupted around the division's command centre."
    )
    (battle,) = [e for e in doc.events if e.trigger.text == "battles"]
    assert battle.location is not None and battle.location.name != "Sennar"


def test_the_running_place_is_the_village_not_its_province():
    doc = lanner.analyze(
        "Syrian state media said US troops landed in the village of al-Shuhail on the banks of the "
        "Euphrates River in Deir ez-Zor. Three civilians were killed by heavy shooting."
    )
    (shooting,) = [e for e in doc.events if e.trigger.text == "shooting"]
    assert shooting.location.admin1 == "Deir ez-Zor" and shooting.location.feature_code == "PPL"


def test_a_headline_word_borrows_no_point():
    doc = lanner.analyze("American Officer, Two Members of SDF Killed in Ambush in Syria's Deir ez-Zor")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert ev.location.name == "Deir ez-Zor" or ev.location.lat is None
