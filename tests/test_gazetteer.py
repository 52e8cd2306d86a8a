"""The compiled gazetteer: name folding, curated supplement integrity, lookup with context."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest

from lanner.resolve.gazetteer import DATA, DB_PATH, haversine_km, load_gazetteer
from lanner.resolve.geo_names import loose, norm

CURATED = [
    "country_points.csv",
    "admin_points.csv",
    "supplement.csv",
    "physical_features.csv",
    "aliases.csv",
    "demonyms.csv",
    "translit.yaml",
]


def _supplement() -> list[dict[str, str]]:
    with (DATA / "supplement.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Tell Abyad", "Tall Abyaḑ"),
        ("Tal Rifaat", "Tall Rif‘at"),
        ("Ain Issa", "‘Ayn ‘Īsá"),
        ("Ras al-Ain", "Ra’s al ‘Ayn"),
        ("Hasakeh", "Al-Hasakah"),
        ("Idleb", "Idlib"),
        ("Kobane", "Kobani"),
        ("Qamishlo", "Al Qāmishlī"),
    ],
)
def test_transliteration_variants_share_a_loose_key(a, b):
    assert loose(a) == loose(b)


def test_exact_key_strips_accents_and_punctuation_but_keeps_words():
    assert norm("Serêkaniyê") == "serekaniye"
    assert norm("St. Louis") == "st louis"
    assert loose("Albany") != loose("Albania") or norm("Albany") != norm("Albania")


def test_artefact_is_built_from_the_current_curated_files():
    """A curated file edited without rebuilding the artefact fails here (see scripts/build_gazetteer.py)."""
    recorded = json.loads(load_gazetteer().meta()["checksums"])
    current = {f: hashlib.sha256((DATA / f).read_bytes()).hexdigest() for f in CURATED}
    assert recorded == current


def test_artefact_is_small_enough_to_ship():
    assert DB_PATH.stat().st_size < 60e6  # with the Who's On First villages of 12 conflict countries


def test_every_supplement_row_is_in_the_artefact_with_its_coordinates():
    gaz = load_gazetteer()
    for row in _supplement():
        cands = [c for c in gaz.candidates(row["name"]) if c.source.startswith("supplement")]
        assert cands, row["name"]
        assert abs(cands[0].lat - float(row["lat"])) < 1e-4 and abs(cands[0].lon - float(row["lon"])) < 1e-4
        assert row["source"].strip(), f"{row['name']} has no source"


def _country_box(cc: str) -> tuple[float, float, float, float]:
    """Bounding box of the country's GeoNames settlements in the artefact (0.2 degree margin)."""
    lat0, lat1, lon0, lon1 = (
        load_gazetteer()
        .con.execute(
            "SELECT min(lat5) / 1e5, max(lat5) / 1e5, min(lon5) / 1e5, max(lon5) / 1e5 FROM places"
            " WHERE country = ? AND fcode LIKE 'PP%'",
            (cc,),
        )
        .fetchone()
    )
    return lat0 - 0.2, lat1 + 0.2, lon0 - 0.2, lon1 + 0.2


@pytest.mark.parametrize("row", _supplement(), ids=lambda r: r["sid"])
def test_supplement_row_lies_in_its_country_and_province(row):
    lat, lon = float(row["lat"]), float(row["lon"])
    lat0, lat1, lon0, lon1 = _country_box(row["country"])
    assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1
    # the stated province is the one of the nearest GeoNames settlements (deserts have few: look ~100 km)
    near = (
        load_gazetteer()
        .con.execute(
            "SELECT admin1_code, lat5 / 1e5, lon5 / 1e5 FROM places WHERE country = ? AND fcode LIKE 'PP%'"
            " AND lat5 BETWEEN ? AND ? AND lon5 BETWEEN ? AND ?",
            (row["country"], (lat - 1) * 1e5, (lat + 1) * 1e5, (lon - 1) * 1e5, (lon + 1) * 1e5),
        )
        .fetchall()
    )
    nearest = sorted(near, key=lambda r: haversine_km(lat, lon, r[1], r[2]))[:3]
    assert nearest, "no settlement within ~100 km"
    assert haversine_km(lat, lon, nearest[0][1], nearest[0][2]) < 100
    assert row["admin1_code"] in {r[0] for r in nearest}, nearest


def test_border_crossing_and_camp_resolve_to_the_feature():
    gaz = load_gazetteer()
    bab = gaz.geocode("Bab al-Hawa border crossing")
    assert bab.feature_code == "PSTB" and haversine_km(bab.lat, bab.lon, 36.2306, 36.6926) < 1
    camp = gaz.geocode("al-Hol camp")
    assert camp.feature_code == "CMPRF" and camp.admin1 == "Al-Hasakah"


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Serêkaniyê", 36.8503, 40.0706),
        ("Sri Kani", 36.8503, 40.0706),
        ("Kobanî", 36.891, 38.3535),
        ("Qamishlo", 37.0522, 41.2314),
        ("Girê Spî", 36.6965, 38.9538),
        ("Dayr az Zawr", 35.3359, 40.1408),
        ("Halep", 36.2021, 37.1343),
        ("Tall Abyaḑ", 36.6965, 38.9538),
    ],
)
def test_kurdish_and_variant_names(name, lat, lon):
    r = load_gazetteer().geocode(name)
    assert r is not None and haversine_km(r.lat, r.lon, lat, lon) < 5


def test_glued_article_spelling_finds_the_city_and_province():
    res = load_gazetteer().lookup("Deir Ezzor")
    assert {r.feature_code for r in res} >= {"PPLA", "ADM1"} and {r.admin1 for r in res} == {"Deir ez-Zor"}


def test_lookup_context_picks_the_right_homonym():
    gaz = load_gazetteer()
    assert gaz.lookup("Alexandria")[0].country == "EG"
    us = gaz.lookup("Alexandria", country="US", admin1="Louisiana")[0]
    assert (us.country, us.admin1) == ("US", "Louisiana")


def test_unknown_name_gives_nothing():
    gaz = load_gazetteer()
    assert gaz.lookup("Qwzxv Nonexistent") == [] and gaz.geocode("Qwzxv Nonexistent") is None


def test_country_and_province_precision():
    gaz = load_gazetteer()
    assert gaz.geocode("Syria").precision == 3 and gaz.geocode("Syria").country == "SY"
    idlib = gaz.lookup("Idlib", country="SY")
    assert {r.feature_code for r in idlib} >= {"ADM1", "PPLA"}


def test_ruler_patterns_are_few_and_safe():
    """Curated names only: no single common words, no abbreviations that fire on ordinary text."""
    from lanner.resolve.gazetteer import ruler_patterns

    pats = ruler_patterns()
    assert 20 < len(pats) < 500
    assert all(p["label"] in ("GPE", "LOC", "FAC") for p in pats)
    assert not any(p["pattern"].endswith(".") or p["pattern"].isupper() for p in pats)
    assert {"Bab al-Hawa border crossing", "Serêkaniyê", "al-Hol camp"} <= {p["pattern"] for p in pats}
