"""Seas, oceans, gulfs, straits and world regions (physical_features.csv) in the compiled gazetteer."""

from __future__ import annotations

import csv

import pytest

from lanner.resolve.gazetteer import DATA, PHYSICAL_FCODES, load_gazetteer


def _rows() -> list[dict[str, str]]:
    with (DATA / "physical_features.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_row_is_a_sourced_physical_feature_with_a_valid_point():
    rows = _rows()
    assert 100 <= len(rows) <= 1000
    assert len({r["geonameid"] for r in rows}) == len(rows)
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["name"]
        assert r["feature_code"] in PHYSICAL_FCODES, r["name"]
        assert r["feature_class"] == ("L" if r["feature_code"].startswith("RGN") else "H"), r["name"]
        assert "GeoNames" in r["source"], r["name"]
        # English alternates only: no other script reaches the name keys
        for a in filter(None, r["alternate_names"].split("|")):
            assert a.isascii(), (r["name"], a)


def test_every_row_is_in_the_artefact_at_its_point():
    gaz = load_gazetteer()
    for r in _rows():
        found = [c for c in gaz.candidates(r["name"]) if c.geonameid == int(r["geonameid"])]
        assert found, r["name"]
        assert abs(found[0].lat - float(r["lat"])) < 1e-3 and abs(found[0].lon - float(r["lon"])) < 1e-3
        assert found[0].precision == 3


@pytest.mark.parametrize(
    ("name", "gid"),
    [
        ("Red Sea", 350155),  # over the Sudanese state and Egyptian governorate named after it
        ("Persian Gulf", 235616),
        ("Arabian Gulf", 235616),
        ("Mediterranean Sea", 363196),
        ("the Mediterranean", 363196),
        ("Indian Ocean", 1545739),
        ("Gulf of Aden", 80303),
        ("Middle East", 6269133),
        ("Levant", 305104),  # over the US hamlet of that name
    ],
)
def test_bare_feature_name_resolves_to_the_feature(name, gid):
    assert load_gazetteer().rank(name)[0].geonameid == gid


def test_unit_named_after_a_sea_still_wins_when_asked_for():
    from lanner.resolve.gazetteer import GeoContext

    top = load_gazetteer().rank("Red Sea", GeoContext(want="admin"))[0]
    assert top.fcode == "ADM1"


@pytest.mark.parametrize("name", ["Gulf", "Channel", "Sea", "Ocean", "Strait"])
def test_generic_word_alone_is_no_feature(name):
    assert not any(c.fcode in PHYSICAL_FCODES for c in load_gazetteer().candidates(name))
