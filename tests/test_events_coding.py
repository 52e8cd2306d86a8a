"""The events stage on short reports written for these tests: roles, places, status, senses, merging."""

from __future__ import annotations

import pytest

import lanner
from lanner.api import default_pipeline
from lanner.model import RawDocument


def events_of(text: str):
    return lanner.analyze(text, published="2024-03-01", outlet="Test Wire").events


def one(text: str, etype: str = "ASSAULT"):
    found = [e for e in events_of(text) if e.type == etype]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events_of(text)]
    return found[0]


def test_passive_voice_puts_the_agent_first():
    ev = one("Three soldiers were shot dead by Houthi rebels in Marib on Monday.")
    assert ev.actor1 is not None and "Houthi" in ev.actor1.name
    assert ev.actor2 is not None and "soldiers" in ev.actor2.mention.text


def test_clashes_between_two_named_sides():
    ev = one("Clashes broke out between the Sudanese army and the Rapid Support Forces in Omdurman.")
    assert ev.acled_sub_event_type == "Armed clash"
    assert {ev.actor1.name, ev.actor2.name} == {"Military Forces of Sudan", "Rapid Support Forces"}
    assert ev.location is not None and ev.location.mention.text == "Omdurman"


def test_one_sided_clash_gets_an_unidentified_opponent():
    ev = one("Fighters of the Hamza Division clashed near Afrin on Sunday.")
    assert ev.actor2 is not None and ev.actor2.name.startswith("Unidentified")
    assert ev.location is not None and ev.location.precision >= 2 and ev.location.relation == "near"


def test_group_anaphor_takes_the_nearest_armed_actor():
    text = "Al-Shabaab fighters overran a checkpoint in Lower Shabelle. The group then shelled Afgoye."
    evs = events_of(text)
    shelling = next(e for e in evs if e.mode == "shelling")
    assert shelling.actor1 is not None and "Shabaab" in shelling.actor1.mention.text


def test_air_strike_mode_from_the_weapon():
    ev = one("Russian warplanes attacked rebel positions in Idlib province on Friday.")
    assert ev.mode == "aerial" and ev.acled_sub_event_type == "Air/drone strike"
    assert ev.actor1 is not None and ev.actor1.country == "RUS"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The army denied that it had shelled the village of Tawila.", "denied"),
        ("The army denied carrying out the air strike on Idlib.", "denied"),
        ("The rebels did not attack the base in Gao.", "denied"),
        ("The Houthis claimed to have attacked a ship in the Red Sea.", "attributed"),
        ("The rebels plan to attack Goma next month.", "planned"),
        ("There are rumours of an offensive by the army on Kidal.", "rumored"),
        ("If talks fail, the militia would attack the airport in Juba.", "hypothetical"),
        ("Odds are the junta will bomb rebel villages in Sagaing.", "speculative"),
        ("The army shelled rebel positions near Kidal on Monday, residents said.", "attributed"),
        ("The army shelled rebel positions near Kidal on Monday.", "asserted"),
    ],
)
def test_epistemic_status(text, status):
    evs = [e for e in events_of(text) if e.type in ("ASSAULT", "MOBILIZE")]
    assert evs and evs[0].epistemic == status, [(e.type, e.trigger.text, e.epistemic) for e in evs]


def test_an_offensive_that_did_not_happen_is_mobilize_never_assault():
    evs = events_of("Officials fear a looming government offensive on the rebel-held town of Tal Rifaat.")
    assert all(e.type != "ASSAULT" or e.epistemic != "asserted" for e in evs)


@pytest.mark.parametrize(
    "text",
    [
        "The senator suffered a heart attack during the debate.",
        "The opposition launched a scathing attack on the health bill.",
        "A fire broke out in a garment factory after a short circuit.",
        "The striker scored twice as United stormed to victory in the league.",
        "Robbers shot a cashier during a robbery at a petrol station.",
        "A strong earthquake struck western Nepal overnight, killing dozens of people.",
    ],
)
def test_out_of_scope_is_never_assault(text):
    assert not [e for e in events_of(text) if e.type == "ASSAULT"]


def test_out_of_scope_detections_are_recorded():
    pipe = default_pipeline()
    wd = pipe.new_workdoc(RawDocument(text="Robbers shot a cashier during a robbery at a petrol station."))
    pipe.run_stages(wd)
    assert any(cat == "organised_crime" for _, cat in wd.scratch["out_of_scope"])


def test_two_reports_of_one_shelling_merge():
    evs = events_of(
        "Houthi forces shelled the Al-Rawdah district of Taiz on Saturday. "
        "The shelling hit a market, a local official said."
    )
    shelling = [e for e in evs if e.type == "ASSAULT"]
    assert len(shelling) == 1
    assert len(shelling[0].evidence) == 2


def test_protest_dispersed_by_police_is_protest_with_intervention():
    evs = events_of("Police used tear gas to disperse a protest by traders in Kano on Monday.")
    subs = [e.acled_sub_event_type for e in evs if e.acled_sub_event_type]
    assert subs == ["Protest with intervention"]


def test_arms_delivery_is_aid_military():
    ev = one("Iran sent weapons and ammunition to the Houthis through the port of Hodeidah.", "AID")
    assert ev.mode == "military" and ev.acled_sub_event_type == "Other"
    assert ev.cameo_root == "07"


def test_coordinated_agents_become_associated_actors():
    ev = one("Wagner mercenaries and Malian soldiers attacked the village of Moura on Sunday.")
    assert ev.actor1 is not None and "Wagner" in ev.actor1.name
    assert [a.country for a in ev.assoc_actors] == ["MLI"]


def test_claim_of_responsibility_names_the_attacker():
    evs = events_of(
        "A roadside bomb hit an army convoy outside Mogadishu on Monday, killing four soldiers. "
        "Al-Shabaab said it carried out the attack."
    )
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].actor1 is not None and "Shabaab" in assaults[0].actor1.name
    assert assaults[0].acled_sub_event_type == "Remote explosive/landmine/IED"


def test_planned_events_carry_no_acled_code():
    ev = one("The rebels plan to attack Goma next month.")
    assert ev.epistemic == "planned" and ev.acled_event_type is None


def test_not_commenting_on_an_attack_is_no_denial():
    evs = events_of("A drone struck a fuel depot near Marib. The Houthis did not comment on the attack.")
    assert [e.epistemic for e in evs if e.type == "ASSAULT"] == ["asserted"]


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Protesters threw stones at police and set fire to tyres in Nairobi.", "Violent demonstration"),
        ("Soldiers fired at a crowd of demonstrators in Khartoum.", "Excessive force against protesters"),
        ("Demonstrators hurled stones at police during a protest in Nairobi.", "Violent demonstration"),
        ("Gunmen attacked a church in northern Burkina Faso, killing 24 people.", "Attack"),
        ("ISIS fighters used mustard gas in an attack on Marea.", "Chemical weapon"),
        ("Turkish forces set up a new observation post in Idlib.", "Headquarters or base established"),
        ("Police seized seven rifles and 200 rounds of ammunition in Kingston.", "Disrupted weapons use"),
        ("Government forces liberated the town of Palmyra from ISIS.", "Government regains territory"),
        ("A hand grenade exploded near a police post in Bujumbura, wounding two officers.", "Grenade"),
    ],
)
def test_acled_subtypes_from_the_words(text, subtype):
    assert subtype in [e.acled_sub_event_type for e in events_of(text)]
