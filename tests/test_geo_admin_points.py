"""Admin-unit points, county lists, abbreviations, demonyms and the local-story fallbacks (issue #4),
on short texts and name lists of our own."""

from __future__ import annotations

from lanner.resolve.gazetteer import haversine_km, load_gazetteer
from lanner.resolve.geo_context import Query, resolve_document
from lanner.resolve.geo_fallback import NEAR_PRECISION, fill_unknown
from lanner.resolve.geo_spans import span_queries


def _resolve(names: list[str], abstain: bool = True):
    best, _ = resolve_document([Query(n, demonyms=True) for n in names], load_gazetteer(), abstain=abstain)
    return best


def _unit(name: str, fcode: str):
    return next(c for c in load_gazetteer().candidates(name) if c.fcode == fcode)


def test_admin_units_carry_geonames_own_point_not_a_derived_centre():
    # GeoNames puts Texas at 31.25, -99.25 and Alberta at 52.28, -117.47; the centre of their
    # settlements' bounding boxes lay 80 and 260 km away
    texas, alberta = _unit("Texas", "ADM1"), _unit("Alberta", "ADM1")
    assert haversine_km(texas.lat, texas.lon, 31.25044, -99.25061) < 2
    assert haversine_km(alberta.lat, alberta.lon, 52.28333, -117.46919) < 2
    assert "derived" not in texas.source


def test_a_county_without_a_large_town_is_still_known():
    love = load_gazetteer().candidates("Love County")
    assert any(c.fcode == "ADM2" and c.admin1 == "Oklahoma" for c in love)


def test_a_list_closed_by_counties_asks_each_name_for_its_county():
    text = "Girls from Cooke, Grayson and Love counties may enter the rodeo in Gainesville."
    names = ["Cooke", "Grayson", "Love", "Gainesville"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    queries = span_queries(text, spans)
    assert [q.name for q in queries[:3]] == ["Cooke County", "Grayson County", "Love County"]
    best, _ = resolve_document(queries, load_gazetteer(), abstain=False)
    assert [b.fcode for b in best[:3]] == ["ADM2"] * 3
    assert best[0].admin1 == "Texas" and best[3].admin1 == "Texas"


def test_a_place_before_counties_without_a_list_is_where_they_are():
    text = "Two Northeast Georgia counties remain among the fastest-growing."
    start = text.index("Georgia")
    assert span_queries(text, [(start, start + len("Georgia"))])[0].name == "Georgia"


def test_a_country_named_inside_an_unknown_name():
    best = _resolve(["Bank of Japan", "London", "Manchester", "Leeds"], abstain=False)
    assert (best[0].fcode, best[0].country) == ("PCLI", "JP")


def test_a_bare_county_name_reads_as_the_county_among_its_neighbours():
    best = _resolve(["Gwinnett", "DeKalb County", "Cobb County", "Georgia"], abstain=False)
    assert (best[0].fcode, best[0].admin1) == ("ADM2", "Georgia")


def test_abbreviated_saint_and_mount_find_the_full_name():
    assert _resolve(["St. Paul", "Minnesota"])[0].admin1 == "Minnesota"
    assert load_gazetteer().candidates("Ft. Worth")[0].name == "Fort Worth"


def test_demonyms_of_states_and_the_adjective_over_a_hamlet():
    assert _resolve(["Ohioans"])[0].name == "Ohio"
    canadian = _resolve(["Canadian", "Texas"])[0]
    assert canadian.fcode == "PCLI" and canadian.country == "CA"


def test_regional_demonyms_and_a_country_named_beside_a_city():
    assert _resolve(["Sicilian"])[0].name == "Sicily"
    assert _resolve(["Korean"])[0].country == "KR"
    # New Jersey has a Bogota next to Teaneck, but 'Bogota, Colombia' names its country outright
    text = "Marchers left Teaneck and Hackensack, New Jersey; a sister rally met in Bogota, Colombia."
    names = ("Teaneck", "Hackensack", "New Jersey", "Bogota", "Colombia")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    best, _ = resolve_document(span_queries(text, spans), load_gazetteer(), abstain=False)
    assert best[0].admin1 == "New Jersey" and (best[3].country, best[3].fcode) == ("CO", "PPLC")


def test_two_letter_skeletons_do_not_match_loosely():
    # 'Maui' and the abbreviation 'Mo.' (Missouri) share only the skeleton 'mV'
    assert not any(c.name == "Missouri" for c in load_gazetteer().candidates("Maui"))


def test_unknown_names_fall_back_to_the_stories_centre_not_a_stray_reading():
    # the other places are in northern Virginia; an unknown venue joins them, not a far namesake
    names = ["Manassas", "Haymarket", "Gainesville", "Virginia", "Manassas", "Wegmans Plaza"]
    best = _resolve(names, abstain=False)
    assert best[-1] is not None and best[-1].admin1 == "Virginia"
    assert best[-1].precision >= NEAR_PRECISION


def test_the_centre_is_where_the_places_cluster_not_the_most_repeated_one():
    gaz = load_gazetteer()
    towns = ["Manassas", "Haymarket", "Centreville", "Fairfax"]
    near = [next(c for c in gaz.candidates(n) if c.admin1 == "Virginia") for n in towns]
    far = next(c for c in gaz.candidates("Stonewall") if c.admin1 not in ("Virginia", None))
    out = fill_unknown([*towns, *["Stonewall"] * 3, "Wegmans"], [*near, far, far, far, None])
    assert out[-1].admin1 == "Virginia" and out[-1].precision >= NEAR_PRECISION


def test_quebec_city_is_the_city():
    best = _resolve(["Quebec City"], abstain=False)[0]
    assert best.fcode.startswith("PP") and best.country == "CA"
