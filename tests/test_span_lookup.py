"""The sorted-span lookup that replaced a scan of every actor mention per place: it must agree with the
scan for spans no longer than an actor mention can be."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lanner.extract.events.places import LONGEST_MENTION, covered

spans = st.lists(st.tuples(st.integers(0, 2000), st.integers(1, LONGEST_MENTION)), max_size=80)


@given(spans, st.integers(0, 2400))
def test_covered_agrees_with_a_scan(raw, pos):
    sorted_spans = sorted((s, s + n) for s, n in raw)
    assert covered(sorted_spans, pos) == any(s <= pos < e for s, e in sorted_spans)
