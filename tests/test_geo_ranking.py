"""Document-level ranking and the answer-required fallbacks, on short texts of our own."""

from __future__ import annotations

from lanner.resolve.gazetteer import load_gazetteer
from lanner.resolve.geo_context import Query, resolve_document
from lanner.resolve.geo_fallback import NEAR_PRECISION, without_unit_word


def _resolve(names: list[str], abstain: bool = True):
    best, _ = resolve_document([Query(n) for n in names], load_gazetteer(), abstain=abstain)
    return best


def test_town_inside_a_county_the_text_names():
    # several US towns are called Huntsville; the county named beside it picks the Texas one
    best = _resolve(["Huntsville", "Walker County"])
    assert (best[0].country, best[0].admin1) == ("US", "Texas")


def test_state_beats_country_in_a_us_story_but_not_alone():
    alone = _resolve(["Georgia"])[0]
    assert alone.fcode == "PCLI" and alone.country == "GE"
    us = _resolve(["Atlanta", "Savannah", "Georgia", "Macon"])
    assert (us[2].fcode, us[2].country) == ("ADM1", "US")


def test_province_named_like_its_capital_yields_to_the_city():
    for name, country in [("Aleppo", "SY"), ("Ankara", "TR"), ("Washington", "US")]:
        best = _resolve([name])[0]
        assert best.fcode in ("PPLA", "PPLC") and best.country == country, name


def test_province_reading_still_wins_when_asked_for():
    best, _ = resolve_document([Query("Aleppo", want="admin")], load_gazetteer())
    assert best[0].fcode == "ADM1"


def test_dominant_state_of_the_document_settles_a_homonym():
    # Columbus, Georgia rather than Ohio's capital when the other towns are Georgian
    best = _resolve(["Columbus", "Macon", "Valdosta", "Albany", "Georgia"])
    assert best[0].admin1 == "Georgia"


def test_counties_carry_their_geonames_id():
    c = load_gazetteer().candidates("Walker County")
    assert any(x.fcode == "ADM2" and x.geonameid for x in c)


def test_unit_word_is_stripped_only_at_the_end():
    assert without_unit_word("Sokoto State") == "Sokoto"
    assert without_unit_word("Guma Local Government Area") == "Guma"
    assert without_unit_word("State College") is None
    assert without_unit_word("Province") is None


def test_unknown_names_get_a_containing_place_only_when_an_answer_is_required():
    names = [
        "New Orleans",
        "Frenchmen Street",
        "New Orleans",
        "Sokoto State",
        "Old Town Manassas",
        "Manassas",
    ]
    assert _resolve(names)[1] is None
    best = _resolve(names, abstain=False)
    street = best[1]
    assert street.name == "New Orleans" and street.precision == NEAR_PRECISION
    assert best[3].fcode == "ADM1" and best[3].country == "NG"
    assert best[4].name == "Manassas"


def test_text_around_known_spans_gives_the_cues():
    from lanner.resolve.geo_spans import span_queries

    text = "Police in Paris, Texas said the fire spread from Aleppo province to the town of Idlib."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Paris", "Texas", "Aleppo", "Idlib")]
    qs = span_queries(text, spans)
    assert qs[0].hint_names == ["Texas"] and qs[1].hint_names == []
    assert (qs[2].want, qs[3].want) == ("admin", "settlement")
    best, _ = resolve_document(qs, load_gazetteer(), abstain=False)
    assert best[0].admin1 == "Texas" and best[2].fcode == "ADM1" and best[3].fcode.startswith("PP")
