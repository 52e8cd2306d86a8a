"""resolve_phrase on the kinds of phrases reports use; labels kept apart from identity."""

from __future__ import annotations

import pytest

from lanner.resolve.actors import resolve_detail, resolve_phrase


@pytest.mark.parametrize(
    ("phrase", "hint", "kb_id"),
    [
        ("US fighter jets", None, "mil-USA"),
        ("the Turkish army", None, "mil-TUR"),
        ("Turkish warplanes", None, "mil-TUR"),
        ("regime forces", "SYR", "mil-SYR"),
        ("Syrian army", None, "mil-SYR"),
        ("Ankara", None, "gov-TUR"),
        ("Erdogan", None, "gov-TUR"),
        ("militants affiliated with the Hamza Division", "SYR", "syr-hamza"),
        ("Al-Qaeda-affiliated Turkish-backed Tahrir Al-Sham forces", "SYR", "syr-hts"),
        ("Ahrar al-Sharkiya", "SYR", "syr-ahrar-sharqiya"),  # fuzzy transliteration
        ("Houthi rebels", "YEM", "yem-houthi"),
        ("junta troops", "MMR", "mil-MMR"),
        ("Kenyan protesters", None, "pro-KEN"),
    ],
)
def test_resolves(phrase, hint, kb_id):
    ref = resolve_phrase(phrase, hint)
    assert ref is not None and ref.kb_id == kb_id


@pytest.mark.parametrize("phrase", ["the plan", "positions", "the weather", "heavy artillery batteries",
                                    "is", "rights groups"])
def test_non_actors_are_none(phrase):
    assert resolve_phrase(phrase, "SYR") is None


def test_label_is_kept_but_identity_is_neutral():
    ref = resolve_phrase("takfiri militias", "SYR")
    assert ref.name == "Syrian opposition factions"
    assert ref.type == "rebel_group" and ref.acled_inter == 2
    assert ref.label == "takfiri militias"
    scoped = resolve_phrase("terrorist groups in Idlib", "SYR")
    assert scoped.name == "Syrian opposition factions (Idlib)" and scoped.label == "terrorist groups in Idlib"
    assert resolve_phrase("Syrian army", "SYR").label is None


def test_modes_persons_and_backers():
    assert resolve_detail("US fighter jets").mode == "aerial"
    assert resolve_detail("Turkish artillery").mode == "shelling"
    assert resolve_detail("Turkish President Recep Tayyip Erdogan").person == "Recep Tayyip Erdogan"
    backed = resolve_detail("Russian-backed forces", "SYR")
    assert backed.kb_id == "uag-SYR" and ("supports", "gov-RUS") in backed.ties


def test_unknown_named_group_is_kept_with_guessed_type():
    ref = resolve_phrase("the Martyrs of Saraqib Brigade", "SYR")
    assert ref.name == "Martyrs of Saraqib Brigade" and ref.type == "rebel_group"
    assert ref.kb_id.startswith("new:")
    party = resolve_phrase("the Homeland Defence Party", "SYR")
    assert party.type == "political_militia"


def test_document_year_picks_between_actors_that_shared_a_name():
    assert resolve_phrase("Free Syrian Army", "SYR", year=2013).kb_id == "syr-fsa"
    assert resolve_phrase("Free Syrian Army", "SYR", year=2022).kb_id == "syr-sna"
    assert resolve_phrase("FSA", "SYR").kb_id == "syr-sna"  # undated: the current bearer of the name


def test_template_name_of_other_countries_unchanged():
    """Only a country listed under `names` in generic.yaml gets its own name for a template."""
    assert resolve_phrase("rebels", "YEM").name == "Armed opposition groups (Yemen)"
    assert resolve_phrase("a woman", "SYR").name == "Civilians (Syria)"
    assert resolve_phrase("police men", "SYR").name == "Police Forces of Syria"
