"""Transliteration folding (data/gazetteer/translit.yaml) and the admin names ACLED and OCHA write."""

from __future__ import annotations

import pytest

from lanner.resolve.gazetteer import GeoContext, load_gazetteer, ranking
from lanner.resolve.geo_names import loose, similarity

# Two spellings of one name, one pair per rule of translit.yaml; each is checked both ways.
SAME = [
    ("al-Bab", "el-Bab"),
    ("Ar-Raqqa", "as-Raqqa"),
    ("Tell Abyad", "Tal Abyad"),
    ("Tall Tamr", "Tel Tamr"),
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Dair Hafer", "Deir Hafir"),
    ("Kafr Nabl", "Kfar Nabl"),
    ("Kafar Zita", "Kefr Zeita"),
    ("Ain Issa", "Ayn Issa"),
    ("Ein Issa", "Ain Eesa"),
    ("Bouqras", "Buqras"),
    ("Tadmor", "Tadmur"),
    ("Maarrat", "Maarat"),
    ("Hasakeh", "Hasakah"),
    ("Hama", "Hamah"),
    ("Qamishli", "Kamishli"),
    ("Gamishli", "Qamishli"),
    ("Shahba", "Chahba"),
    ("Schahba", "Shahba"),
    ("Jisr", "Djisr"),
    ("Dschisr", "Jisr"),
    ("Mhemideh", "Muhaymidah"),
]
DIFFERENT = [("Ghouta", "Kuwait"), ("Ruins", "Reims"), ("Ambush", "Imbach")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_fold_to_one_key_both_ways(a, b):
    assert loose(a) == loose(b)
    assert loose(b) == loose(a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_a_shared_skeleton_is_not_enough_when_the_names_look_unlike(a, b):
    assert similarity(a, b) < ranking()["loose_min_similarity"]
    assert similarity(b, a) < ranking()["loose_min_similarity"]


ADMIN = {
    "Idleb": "SY.12",
    "Al Hasakeh": "SY.01",
    "Ar Raqqa": "SY.04",
    "Deir ez Zor": "SY.07",
    "As Sweida": "SY.05",
    "Dar'a": "SY.06",
    "Lattakia": "SY.02",
    "Tartous": "SY.14",
    "Rural Damascus": "SY.08",
}


@pytest.mark.parametrize("name", ADMIN)
def test_acled_and_ocha_admin_names_resolve_in_syria(name):
    gaz = load_gazetteer()
    best = gaz.rank(name, GeoContext(want="admin"))[0]
    assert best.country == "SY" and best.admin1_code == ADMIN[name], best


def test_who_s_on_first_villages_are_in_the_gazetteer():
    gaz = load_gazetteer()
    (c,) = [c for c in gaz.candidates("Sharakrak") if c.country == "SY"]
    assert c.geonameid is not None and c.resolution().source == "wof"
    assert "Who's On First" in gaz.meta()["attribution"]
