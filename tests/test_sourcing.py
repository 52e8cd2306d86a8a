"""Attribution and certainty markers on the seed article and on short texts of our own."""

from __future__ import annotations

import json

import pytest

import lanner
from lanner.eval import shared_path
from lanner.extract.sourcing import attribution_for
from lanner.pipeline import WorkDoc

SEED_GOLD = shared_path("examples", "seed-idlib-arms.gold.json")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def _att(doc, source: str):
    found = [a for a in doc.attributions if a.source.text == source]
    assert found, f"no attribution to {source!r}: {[a.source.text for a in doc.attributions]}"
    return found


def test_seed_attributions(seed_doc, seed_text):
    syrian = _att(seed_doc, "Syrian sources")[0]
    assert syrian.kind == "anonymous" and syrian.cue.text == "According to"
    assert "passed through the Bab Al-Hawa border crossing" in syrian.content.text
    moscow = _att(seed_doc, "Moscow")[0]
    assert moscow.kind == "named" and "opposition to any new Turkish attack" in moscow.content.text
    reports = _att(seed_doc, "reports")
    contents = " | ".join(a.content.text for a in reports)
    assert all(a.kind == "unspecified" for a in reports)
    assert "bloody internal clashes took place" in contents
    assert "clashes broke out between elements from Ahrar Al-Sharqia" in contents
    rumors = _att(seed_doc, "rumors")[0]
    assert rumors.kind == "unspecified" and "Turkish military action" in rumors.content.text
    for a in seed_doc.attributions:
        for sp in (a.source, a.cue, a.content):
            assert sp is None or seed_text[sp.start : sp.end] == sp.text


def _marker(markers, text: str):
    for m in markers:
        if text.lower() in m.span.text.lower() or m.span.text.lower() in text.lower():
            return m
    raise AssertionError(f"no marker for {text!r}: {[m.span.text for m in markers]}")


def test_seed_markers_match_gold(seed_doc, gold):
    fr = seed_doc.framing
    for text in gold["hedges"]:
        m = _marker(fr.hedges, text)
        assert m.kind == ("rumor" if text == "rumors" else "hedge")
    for text in gold["unsupported_certainty"]:
        assert _marker(fr.certainty, text).kind == "certainty"


def test_seed_speculative_scopes(seed_doc, gold):
    fr = seed_doc.framing
    odds = _marker(fr.hedges, "Odds are")
    assert odds.scope.text.startswith("Turkey will deliver the arms") and "weak position" in odds.scope.text
    possible = _marker(fr.hedges, "it is possible")
    assert "Ankara wants to realize its grounded plans" in possible.scope.text
    for clause in gold["speculation_not_events"]:  # marker + scope together cover the speculative clause
        covered = [seed_doc.text[m.span.start : m.scope.end] for m in fr.hedges if m.scope]
        assert any(clause in c for c in covered), clause
    rumor = _marker(fr.hedges, "rumors")
    assert "Turkish military action in areas of Tal Rifat" in rumor.scope.text
    assert "Erdogan" not in rumor.scope.text  # the next clause is asserted, not rumoured
    seem = _marker(fr.hedges, "seem to")
    assert "aimed at bolstering the Turkish position" in seem.scope.text


def _workdoc(doc) -> WorkDoc:
    return WorkDoc(out=doc)


def test_attribution_for_innermost_and_outlet(seed_doc, seed_text):
    wd = _workdoc(seed_doc)
    i = seed_text.index("clashes broke out")
    got = attribution_for(wd, i, i + len("clashes broke out"))
    assert got.source == "reports" and got.kind == "unspecified" and got.span is not None
    j = seed_text.index("US fighter jets recently attacked")
    own = attribution_for(wd, j, j + 30)
    assert own.source == "Alwaght" and own.kind == "outlet"


OWN_TEXT = (
    "The Syrian Observatory for Human Rights, citing local activists, said that four fighters were killed "
    "near Maarat al-Numan. A well informed source told North Press that the convoy left at dawn. "
    "Government troops shelled the village, a US official said. It is clear that the talks failed. "
    "The army may withdraw from the town, and the rebels entered the market."
)


@pytest.fixture(scope="module")
def own_doc():
    return lanner.analyze(OWN_TEXT, outlet="Test Wire")


def test_own_text_attributions(own_doc):
    by_source = {a.source.text: a for a in own_doc.attributions}
    sohr = by_source["The Syrian Observatory for Human Rights"]
    assert sohr.kind == "named" and "four fighters were killed" in sohr.content.text
    activists = by_source["local activists"]
    assert activists.kind == "anonymous" and activists.content == sohr.content
    assert by_source["A well informed source"].kind == "anonymous"
    official = by_source["a US official"]
    assert official.kind == "named" and "Government troops shelled the village" in official.content.text
    wd = _workdoc(own_doc)
    i = OWN_TEXT.index("four fighters")
    assert attribution_for(wd, i, i + 13).source == "local activists"  # innermost of the chain (same span)


def test_own_text_markers(own_doc):
    clear = _marker(own_doc.framing.certainty, "It is clear that")
    assert clear.scope.text == "the talks failed"
    may = _marker(own_doc.framing.hedges, "may")
    assert may.scope.text.startswith("The army may withdraw") and "rebels" not in may.scope.text


def test_transcript_speakers_and_first_person():
    text = (
        "The two men met in a studio in Damascus for a long interview about the war.\n"
        "HOST: Do you expect the army to enter Idlib this year?\n"
        "MINISTER: I think we will restore control over every part of the country.\n"
    )
    doc = lanner.analyze(text, outlet="Test TV")
    by_source = {a.source.text: a for a in doc.attributions}
    assert by_source["MINISTER"].kind == "named"
    assert "restore control" in by_source["MINISTER"].content.text
    assert "I" not in by_source  # "I think" is inside the minister's words, not a new source
    i = text.index("restore control")
    assert attribution_for(_workdoc(doc), i, i + 15).source == "MINISTER"


def test_reportedly_is_an_unspecified_source():
    text = "Turkish drones reportedly struck a fuel depot near Qamishli on Sunday. The depot burned all day."
    doc = lanner.analyze(text, outlet="Test Wire")
    wd = _workdoc(doc)
    i = text.index("struck")
    got = attribution_for(wd, i, i + 6)
    assert got.kind == "unspecified" and got.source == "reportedly"
    j = text.index("burned")
    assert attribution_for(wd, j, j + 6).kind == "outlet"
    assert any(m.span.text == "reportedly" for m in doc.framing.hedges)
