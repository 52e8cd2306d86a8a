"""find_actors on the seed: common-noun actors, metonyms, labels, modes and persons in scratch."""

from __future__ import annotations

import pytest

from lanner.model import RawDocument


@pytest.fixture(scope="module")
def seed_wd(seed_text):
    from lanner.api import default_pipeline

    pipe = default_pipeline()
    wd = pipe.new_workdoc(RawDocument(text=seed_text, outlet="Alwaght"))
    pipe.run_stages(wd)
    return wd


def test_refs_in_text_order_with_exact_spans(seed_wd):
    starts = [r.mention.start for r in seed_wd.actor_refs]
    assert starts == sorted(starts) and starts
    for r in seed_wd.actor_refs:
        assert seed_wd.text[r.mention.start:r.mention.end] == r.mention.text


def test_common_noun_actors_and_modes(seed_wd):
    by_text = {r.mention.text: r for r in seed_wd.actor_refs}
    assert by_text["US fighter jets"].kb_id == "mil-USA"
    jets = by_text["US fighter jets"].mention.start
    assert seed_wd.scratch["actor_modes"][jets] == "aerial"
    assert by_text["Turkish army"].kb_id == "mil-TUR"


def test_takfiri_label_kept_on_neutral_actor(seed_wd):
    actors = {a.id: a for a in seed_wd.out.actors}
    aog = actors["aog-SYR"]
    assert aog.name == "Syrian opposition factions"  # the country's own name for the template (generic.yaml)
    labels = {m.label for m in aog.mentions}
    assert "takfiri militias" in labels
    scoped = actors["aog-SYR:idlib"]  # "terrorist groups in Idlib", "Idlib-based terrorist militants"
    assert scoped.name == "Syrian opposition factions (Idlib)"
    labels = {m.label for m in scoped.mentions}
    assert labels >= {"terrorist groups in Idlib", "Idlib-based terrorist militants"}


def test_metonyms_and_leaders_are_governments(seed_wd):
    names = {r.mention.text: r.kb_id for r in seed_wd.actor_refs}
    assert names.get("Moscow") == "gov-RUS"
    assert names.get("Washington") == "gov-USA"
    assert "Recep Tayyip Erdogan" in seed_wd.scratch["actor_persons"].values()
    assert not any(r.kb_id and r.kb_id.startswith("gov-SYR") and r.mention.text == "Idlib"
                   for r in seed_wd.actor_refs)


def test_named_groups_and_generic_phrases_that_name_them(seed_wd):
    ids = {r.mention.text: r.kb_id for r in seed_wd.actor_refs}
    assert ids["Hamza Division"] == "syr-hamza"
    assert ids["Ahrar Al-Sharqia"] == "syr-ahrar-sharqiya"
    assert ids["Levant Legion"] == "syr-faylaq-sham"
    assert ids["Tahrir Al-Sham"] == "syr-hts"
    assert ids["elements"] == "syr-ahrar-sharqiya"  # "elements from Ahrar Al-Sharqia"
