"""The users' material: real war reports scored against their gold, FA-KES checked for plausibility."""

from __future__ import annotations

import datetime as dt

import pytest

from lanner.eval import below_floor, shared_path
from lanner.eval.corpora import FAKES, REAL_REPORTS
from lanner.eval.suite_fakes import implausible_date, junk_name
from lanner.eval.suite_real_reports import actors_equal, names_overlap
from lanner.model import Event


def test_actor_normalisation_follows_the_scoring_rule():
    assert actors_equal("People's Protection Units (YPG)", "PKK/YPG")
    assert actors_equal("Hayat Tahrir al-Sham", "Jabhat al-Nusra")
    assert actors_equal("Islamic State", "ISIS")
    assert not actors_equal("Military Forces of Syria", "Military Forces of Russia")
    assert actors_equal(None, None) and not actors_equal("Islamic State", None)


def test_place_names_overlap_on_a_long_token_or_containment():
    assert names_overlap("Tal Rifaat", "Tel Rifaat")
    assert names_overlap("al-Shuhail", "Shuhail")
    assert not names_overlap("Tal Harmel", "Hasaka")


def test_junk_names():
    assert junk_name("he", claimant=True) == "pronoun"
    assert junk_name("the statement", claimant=True) == "anaphor"
    assert junk_name("a military source", claimant=True) is None
    assert junk_name("Reuters") and junk_name("army") and junk_name("Aleppo") and junk_name("a woman")
    assert junk_name("Military Forces of Syria") is None
    assert junk_name("Free Syrian Army (2011-2017)") is None
    assert junk_name("Civilians (Syria)") is None and junk_name("Unidentified Armed Group (Iraq)") is None
    assert junk_name("Civilians")  # ACLED's generic name needs its country


def test_a_bare_year_before_1946_is_implausible():
    ev = Event.model_validate(
        {
            "id": "e1",
            "type": "ASSAULT",
            "attribution": {"source": "x", "kind": "outlet"},
            "epistemic": "asserted",
            "trigger": {"start": 0, "end": 1, "text": "x"},
            "confidence": 1,
            "date": {"start": "1881-01-01", "precision": "year"},
        }
    )
    assert implausible_date(ev, dt.date(2017, 1, 1))


@pytest.mark.skipif(not shared_path(*REAL_REPORTS).exists(), reason="../shared real-reports-dev not present")
def test_real_reports_above_floor():
    from lanner.eval.suite_real_reports import run

    metrics = run()
    assert {"event_f1", "actor1_accuracy", "date_accuracy_where_gold"} <= {m.name for m in metrics}
    assert below_floor(metrics) == []


@pytest.mark.skipif(not shared_path(*FAKES).exists(), reason="../shared FA-KES not present")
def test_fakes_plausibility_above_floor():
    from lanner.eval.suite_fakes import run

    assert below_floor(run()) == []
