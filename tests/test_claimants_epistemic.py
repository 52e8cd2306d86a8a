"""An event's claimant as a name, and the epistemic status of claims, denials, rumours and forecasts."""

from __future__ import annotations

import pytest

import lanner
from lanner.extract.sourcing.claimants import outlet_voice


def _event(text: str, word: str, outlet: str | None = None):
    doc = lanner.analyze(text, published="2022-11-22", outlet=outlet)
    return next(e for e in doc.events if word in e.trigger.text)


def test_an_anaphor_claimant_is_resolved_to_the_name_it_refers_to():
    ev = _event(
        "The Syrian Observatory for Human Rights published its monthly report on Monday. The Observatory "
        "said Russian jets bombed the town of Ariha, killing 10 civilians.",
        "bombed",
    )
    assert ev.attribution.kind == "named" and ev.attribution.source == "Syrian Observatory for Human Rights"
    assert ev.epistemic == "attributed"


def test_a_pronoun_claimant_is_resolved_to_the_person_before_it():
    ev = _event(
        "Army spokesman Ahmed Ali spoke to reporters in Beirut. "
        "He said militants attacked a checkpoint in Arsal.",
        "attacked",
    )
    assert ev.attribution.source == "Ahmed Ali" and ev.attribution.kind == "named"


def test_a_statement_is_its_issuers():
    ev = _event(
        "The Islamic State group released a statement. The statement said its fighters attacked a convoy "
        "near Palmyra.",
        "attacked",
    )
    assert ev.attribution.kind == "named" and "Islamic State" in ev.attribution.source


def test_a_pronoun_with_nothing_to_refer_to_is_not_a_named_claimant():
    ev = _event("He said militants attacked a checkpoint in Arsal on Monday.", "attacked")
    assert ev.attribution.kind == "unspecified" and ev.epistemic == "attributed"


@pytest.mark.parametrize(
    ("source", "outlet", "expected"),
    [
        ("SOHR sources", "Syrian Observatory for Human Rights", True),
        ("the Observatory", "Syrian Observatory for Human Rights", True),
        ("AFP", "Al-Monitor (AFP)", True),
        ("Reuters", "Al-Monitor (AFP)", False),
        ("SANA", "Sputnik", False),
        ("the army", "Syrian Observatory for Human Rights", False),
    ],
)
def test_outlet_voice(source, outlet, expected):
    assert outlet_voice(source, outlet) is expected


def test_the_outlets_own_sources_are_its_own_voice():
    ev = _event(
        "SOHR sources reported that Russian jets struck positions of the Islamic State group near Palmyra.",
        "struck",
        outlet="Syrian Observatory for Human Rights",
    )
    assert ev.epistemic == "asserted" and ev.attribution.kind == "outlet"


def test_a_claim_called_fake_is_denied():
    ev = _event(
        "Russian jets bombed a hospital in Idlib on Monday, the Syrian Observatory said. "
        "Moscow called the report fake.",
        "bombed",
    )
    assert ev.epistemic == "denied"


def test_a_denied_involvement_by_the_accused_makes_the_event_denied():
    doc = lanner.analyze(
        "Ankara blamed the PKK for the bombing in Istanbul last Sunday. "
        "The PKK denied any involvement in the Istanbul attack.",
        published="2022-11-20",
    )
    assert next(e for e in doc.events if e.type == "ACCUSE").epistemic == "asserted"
    assert any(e.type == "ASSAULT" and e.epistemic == "denied" for e in doc.events)


def test_appeared_to_without_a_source_is_rumored():
    ev = _event("In Atarib, protesters appeared to have stormed a fortified Turkish checkpoint.", "storm")
    assert ev.epistemic == "rumored"


def test_a_hedged_toll_does_not_hedge_the_attack():
    text = "At least 28 civilians were reportedly killed in a drone attack in Finote Selam town."
    ev = _event(text, "attack")
    assert ev.epistemic == "asserted"


def test_said_this_in_the_next_sentence_credits_the_event():
    ev = _event(
        "Yesterday, Russian invaders fired on four settlements in the Kherson region, killing one person.\n"
        "The head of the regional administration, Oleksandr Prokudin, said this on Telegram.",
        "fired",
    )
    assert ev.epistemic == "attributed" and "Oleksandr Prokudin" in ev.attribution.source
