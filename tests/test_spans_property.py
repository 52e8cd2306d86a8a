"""The span invariant on arbitrary input: every span's text is exactly document_text[start:end]."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lanner
from lanner.errors import BinaryInput, EmptyInput, LannerError, NotEnglish
from lanner.finalize import iter_spans

SENTENCES = [
    "Turkish drones struck positions of the SDF near Kobani on Friday, killing three fighters.",
    "According to local sources, clashes broke out between the Hamza Division and Jaysh al-Islam in Afrin.",
    "Rumors of a new offensive on Tal Rifaat spread last week, but Ankara denied them.",
    "The army said that 12 soldiers were wounded when militants attacked a checkpoint in Idlib.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.text(max_size=40),
    picks=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
    between=st.text(max_size=12),
    after=st.text(max_size=40),
)
def test_spans_point_into_the_text(before, picks, between, after):
    text = before + between.join(picks) + after
    try:
        doc = lanner.analyze(text, published="2023-01-10")
    except (EmptyInput, NotEnglish, BinaryInput):
        return
    assert doc.text == text
    for span in iter_spans(doc):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes_a_stage(text):
    try:
        lanner.analyze(text)
    except LannerError as e:
        assert isinstance(e, EmptyInput | NotEnglish | BinaryInput), e
