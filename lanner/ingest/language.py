"""Is this text English? py3langid (a maintained fork of langid.py; its naive Bayes model over byte
n-grams ships inside the wheel, so it runs offline) scores some 200 languages.

Why not the top label alone: on a headline the model spreads its mass thinly, and English-lexified
labels (Nigerian Pidgin, Scots, Jamaican Creole) or unrelated small languages often edge English out
("Rebels shell government-held Aleppo district" scores 0.50 English, 0.22 Pidgin). So a text counts
as English when its best label is English-lexified, or when the English-lexified labels' share is
within `LANNER_ENGLISH_MARGIN` (natural log) of the best label's. Calibrated on 500 ACLED notes,
634 CASE 2021 snippets, 804 FA-KES titles and 844 full articles (all accepted; the closest English
text scores -0.7) against short French, Arabic (script and transliterated), Turkish and Spanish
headlines (all refused; the closest scores -3.7): -2 sits between the two with room on both sides.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from lanner import settings

# langid labels of English and English-lexified languages a short English text is confused with
ENGLISH_LABELS = frozenset({"en", "pcm", "sco", "jam"})
SAMPLE_CHARS = 20_000  # the language of a report is settled long before this


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_margin(text: str) -> float:
    """ln P(English-lexified) - ln P(best label): 0 when English is the best guess, very negative
    when another language clearly is."""
    ranked = dict(_identifier().rank(text[:SAMPLE_CHARS]))
    best = max(ranked.values())
    english = sum(ranked.get(label, 0.0) for label in ENGLISH_LABELS)
    return math.log(max(english, 1e-300)) - math.log(best)


def looks_english(text: str) -> bool:
    return english_margin(text) > settings.get("english_margin")
