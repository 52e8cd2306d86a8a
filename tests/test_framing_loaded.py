"""Loaded-term spans on sentences of our own: phrase extent, scare quotes, and what must not fire."""

from __future__ import annotations

import pytest

from lanner.extract.framing.loaded import _hits, candidates, find_loaded
from lanner.nlp import load_nlp


def loaded(text: str) -> dict[str, str]:
    return {t.span.text: t.category for t in find_loaded(load_nlp()(text))}


def test_cue_reaches_its_noun_phrase_and_degree_adverb():
    got = loaded("Voters want to take the country back from the utterly corrupt career politicians.")
    assert "utterly corrupt career politicians" in got


def test_scare_quoted_label_is_quoted_voice():
    doc = load_nlp()("Washington kept arming the \u201cmoderate opposition\u201d in the north.")
    terms = [t for t in find_loaded(doc) if t.category == "scare-quoted label"]
    assert [t.span.text for t in terms] == ["moderate opposition"]
    assert terms[0].voice == "quoted"


def test_lexicon_hit_inside_quotes_keeps_its_category():
    doc = load_nlp()("The minister dismissed the protesters as \u201cpaid agitators\u201d on Monday.")
    (term,) = find_loaded(doc)
    assert term.span.text == "paid agitators" and term.category == "emotive" and term.voice == "quoted"


@pytest.mark.parametrize(
    "text",
    [
        'The governor said: "We will not leave this city until the siege is lifted."',
        "The film \u201cCasablanca\u201d was shown in the town hall on Friday evening.",
    ],
)
def test_speech_and_titles_are_not_scare_quotes(text):
    assert "scare-quoted label" not in loaded(text).values()


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors opened a criminal investigation and filed criminal charges on Tuesday.",
        "The court convicted him of murder and fraud and he was jailed for ten years.",
        "Aid agencies said humanitarian relief reached the town, where a great deal of housing was damaged.",
        "Peacekeeping troops reported heavy fighting and deadly clashes near the border.",
    ],
)
def test_neutral_reporting_vocabulary_is_not_loaded(text):
    assert loaded(text) == {}


def test_loaded_adjectives_from_both_lexicons():
    got = loaded("It was a laughable excuse from a ruthless and deceitful administration.")
    assert any("laughable" in s for s in got)
    assert any("deceitful" in s for s in got)


def test_intensifier_counts_with_the_word_it_intensifies():
    got = loaded("Critics called it an incredibly naive plan.")
    assert got.get("incredibly naive plan") == "intensifier"
    assert loaded("The building was completely destroyed and the ministry was deeply concerned.") == {}


def candidate_texts(text: str) -> set[str]:
    """What the lexicon rules propose, before the tagger weighs each proposal in its context."""
    doc = load_nlp()(text)
    return {t.span.text for _, _, t in candidates(doc, _hits(doc))}


def test_verbs_of_derisive_speech_are_loaded_but_plain_reporting_verbs_are_not():
    assert {"slammed", "mocked"} <= candidate_texts("The senator slammed the plan and mocked its authors.")
    assert loaded("The senator criticised the plan and blamed its authors.") == {}


def test_adverb_of_a_loaded_adjective_is_loaded():
    got = loaded("The council recklessly ignored the residents.")
    assert "recklessly" in got
    assert loaded("The council quickly approved the budget.") == {}


def test_so_called_marks_the_following_label():
    doc = load_nlp()("The so-called Syrian Salvation Government issued new rules.")
    (term,) = find_loaded(doc)
    assert term.span.text == "Syrian Salvation Government" and term.voice == "quoted"
