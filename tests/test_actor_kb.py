"""The actor KB as data: coverage, sources, ties that point somewhere, generic actors per country."""

from __future__ import annotations

import pycountry
import yaml

from lanner.resolve.actor_kb import DATA, load_kb
from lanner.resolve.actors import ruler_patterns


def test_syria_has_150_sourced_actors():
    data = yaml.safe_load((DATA / "syria.yaml").read_text(encoding="utf-8"))
    entries = data["actors"] + data["extend"]
    assert sum(e["id"].startswith("syr-") for e in data["actors"]) >= 150
    assert all(e.get("source") for e in entries)


def test_every_theatre_entry_has_type_source_and_valid_ties():
    kb = load_kb()
    named = [a for a in kb.actors.values() if a.template is None]
    assert len(named) >= 200
    for a in named:
        assert a.source, a.id
        assert 1 <= a.inter <= 8
        for tie in a.ties:
            assert tie.target in kb.actors, (a.id, tie.target)
            assert tie.rel in {"part_of", "backed_by", "allied_with", "affiliated_with", "fights"}


def test_generic_actors_for_every_country():
    kb = load_kb()
    for c in pycountry.countries:
        for key in ("mil", "pol", "gov", "pro", "civ", "uag"):
            assert f"{key}-{c.alpha_3}" in kb.actors
    assert kb.actors["mil-USA"].name == "Military Forces of the United States"
    assert kb.actors["gov-TUR"].name == "Government of Turkey"
    assert kb.actors["pro-SYR"].inter == 6


def test_ruler_patterns_are_org_and_person_and_case_safe():
    pats = ruler_patterns()
    labels = {p["label"] for p in pats}
    assert labels <= {"ORG", "PERSON"}
    # short all-caps aliases must not match lower-case words ("is", "aa")
    short = [p for p in pats if p["pattern"] == [{"ORTH": "IS"}]]
    assert short, "IS should be a case-sensitive token pattern"
    assert not any(p["pattern"] == "IS" for p in pats)


def test_seed_groups_come_out_as_org(seed_text):
    from lanner.nlp import load_nlp

    doc = load_nlp()(seed_text)
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    for name in ("Ahrar Al-Sharqia", "Levant Legion", "Tahrir Al-Sham", "Hamza Division"):
        assert name in orgs
    assert not any(e.text.lower() == "trump" for e in doc.ents)  # "trump card" is not a person
