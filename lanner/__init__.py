"""Lanner: conflict reporting to structured, sourced, geolocated event data.

import lanner
doc = lanner.analyze(text, published="2022-12-05", outlet="Alwaght")
for doc in lanner.analyze_many(texts): ...
"""

from lanner.api import analyze, analyze_many
from lanner.model import AnalyzedDocument, Event, RawDocument, Span

__all__ = ["AnalyzedDocument", "Event", "RawDocument", "Span", "analyze", "analyze_many"]
__version__ = "0.1.0"
