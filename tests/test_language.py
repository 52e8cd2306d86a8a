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


def test_no_acled_note_or_case_snippet_is_refused():
    """All 500 ACLED notes (one or two English sentences each; 7 were refused before) and every CASE 2021
    snippet pass."""
    acled = shared_path("data", "acled-africa-2016", "acled_africa_2016-06_07.csv")
    case = shared_path("data", "case2021-task2", "dev.tsv")
    if not (acled.exists() and case.exists()):
        pytest.skip("ACLED sample or CASE 2021 not present")
    with acled.open(encoding="utf-8") as fh:
        notes = [r["notes"] for r in csv.DictReader(fh) if r["notes"].strip()]
    with case.open(encoding="utf-8") as fh:
        snippets = [
            r["EventSnippet"] for r in csv.DictReader(fh, delimiter="\t") if r["EventSnippet"].strip()
        ]
    assert len(notes) == 500 and len(snippets) > 600
    refused = []
    for text in notes + snippets:
        try:
            check_text(text)
        except NotEnglish:
            refused.append(text)
    assert refused == []
