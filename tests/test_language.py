"""The language check on headlines and one-line notes: English accepted, short foreign texts refused."""

from __future__ import annotations

import csv

import pytest

from lanner.errors import NotEnglish
from lanner.eval import shared_path
from lanner.ingest.validate import check_text

ENGLISH = [
    "Turkish drone strike kills three SDF fighters near Kobani",
    "Rebels shell government-held Aleppo district",
    "Shelling hits market in Kharkiv region",
    "Paramilitaries seize town in Sudan",
    "RSF attack on El Fasher kills 12",
    "SAF bomb Deribat. 2 farmers died.",
    "Gunmen attack farmers Massalit.",
    "Damascus car bomb kills four",
]
# Short texts written for this test (our own words), one line each, as a headline would be.
FOREIGN = [
    "Les forces gouvernementales ont bombardé la ville",
    "Un drone turc tue trois combattants près de Kobani",
    "Deux civils tués dans un bombardement à Alep",
    "غارة جوية تقتل ثلاثة مقاتلين قرب كوباني",
    "اشتباكات بين الجيش والمعارضة في ريف إدلب",
    "Quwat al-nizam qasafat madinat Halab al-yawm",
    "Al-jaish al-suri qasaf qura Idlib wa qatal thalatha madaniyin",
    "Ishtibakat bayn al-jaish wal-muarada fi rif Idlib",
    "Türk insansız hava aracı Kobani yakınında üç SDG savaşçısını öldürdü",
    "Halep'te topçu saldırısında iki sivil hayatını kaybetti",
    "Las fuerzas del gobierno bombardearon la ciudad",
    "Dos civiles muertos en un bombardeo en Alepo",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_headlines_are_accepted(text):
    check_text(text)


@pytest.mark.parametrize("text", FOREIGN)
def test_short_foreign_texts_are_refused(text):
    with pytest.raises(NotEnglish):
        check_text(text)


def test_no_acled_note_is_refused():
    """All 500 ACLED notes (one or two English sentences each) pass; 7 were refused before."""
    path = shared_path("data", "acled-africa-2016", "acled_africa_2016-06_07.csv")
    if not path.exists():
        pytest.skip("ACLED sample not present")
    with path.open(encoding="utf-8") as fh:
        notes = [r["notes"] for r in csv.DictReader(fh) if r["notes"].strip()]
    refused = []
    for note in notes:
        try:
            check_text(note)
        except NotEnglish:
            refused.append(note)
    assert len(notes) == 500 and refused == []
