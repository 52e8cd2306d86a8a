"""Casualty phrases parsed into conservative ranges (ACLED's rule: no number means null)."""

from __future__ import annotations

import pytest

from lanner.extract.casualties import find_counts, parse_number

CASES = [
    ("The jets struck the village, killing 6 civilians, including 2 women.", "killed", 6, 6),
    ("Six soldiers were killed in the ambush.", "killed", 6, 6),
    ("At least 13 people died when the bus hit a mine.", "killed", 13, None),
    ("A civilian and seven members of the security forces were killed.", "killed", 8, 8),
    ("More than 20 fighters were wounded in the clashes.", "injured", 20, None),  # coded as reported
    ("Scores of protesters were injured.", "injured", 40, None),
    ("Two soldiers and a civilian were killed on Monday.", "killed", 3, 3),
    ("Dozens of people were killed in the raid.", "killed", 24, None),
    ("A car bomb killed three people and wounded 12 others.", "killed", 3, 3),
    ("A car bomb killed three people and wounded 12 others.", "injured", 12, 12),
    ("The death toll rose to 45 on Sunday.", "killed", 45, 45),
    ("Gunmen abducted 17 students from a dormitory.", "captured", 17, 17),
    ("The blast left five people dead and 20 injured.", "killed", 5, 5),
    ("The blast left five people dead and 20 injured.", "injured", 20, 20),
    ("Six people, including two children, were killed.", "killed", 6, 6),
    ("Twenty-five militants were killed and a dozen captured.", "killed", 25, 25),
    ("Twenty-five militants were killed and a dozen captured.", "captured", 12, 12),
    ("Up to 30 villagers were killed.", "killed", None, 30),
    ("Nearly 100 people were wounded.", "injured", None, 99),
    ("Two gunmen killed a policeman at the checkpoint.", "killed", 1, 1),
    ("Some 1,200 detainees were taken prisoner.", "captured", 1200, 1200),
]


@pytest.mark.parametrize(("text", "key", "lo", "hi"), CASES)
def test_phrases(text, key, lo, hi):
    c = find_counts(text, 0, len(text))[key]
    assert (c.min, c.max) == (lo, hi)
    assert c.span is not None and text[c.span.start : c.span.end] == c.text


def test_no_number_is_null_with_text_kept():
    text = "In mid-November, large numbers of militants were killed or wounded after an exchange of fire."
    counts = find_counts(text, 0, len(text))
    for key in ("killed", "injured"):
        assert counts[key].min is None and counts[key].max is None
        assert "large numbers of militants" in counts[key].text


def test_no_casualty_words_no_keys():
    text = "The ministers met in Geneva and agreed to resume talks."
    assert find_counts(text, 0, len(text)) == {}


def test_region_offsets_are_document_offsets():
    text = "Talks resumed on Monday. Four soldiers were killed near the border. Nine were hurt elsewhere."
    start = text.index("Four")
    end = text.index("Nine")
    counts = find_counts(text, start, end)
    assert set(counts) == {"killed"}
    c = counts["killed"]
    assert (c.min, c.span.start) == (4, start)


@pytest.mark.parametrize(
    ("words", "n"),
    [("twenty-five", 25), ("two hundred", 200), ("1,200", 1200), ("a dozen", 12), ("dozens", None)],
)
def test_parse_number(words, n):
    assert parse_number(words) == n


def test_seed_casualties(seed_text):
    start = seed_text.index("In mid-November")
    end = seed_text.index("According to reports, at that time")
    counts = find_counts(seed_text, start, end)
    assert counts["killed"].min is None and counts["killed"].text.startswith("large numbers")


def test_captured_territory_is_not_a_casualty():
    text = "Rebels captured the town and seized two tanks."
    assert "captured" not in find_counts(text, 0, len(text))
    text = "Rebels captured several soldiers near the bridge."
    c = find_counts(text, 0, len(text))["captured"]
    assert (c.min, c.max) == (2, None)
