"""Evidence beyond one event's fields: type families, the report's wording, its places, date hints.

Outlets telling one incident differently disagree on exactly the fields matching relies on (type, toll,
perpetrator, place precision), and the extracted fields are noisy. What two reports of one incident
still share is their vocabulary (the rare words: a town, a general's name, "consulate") and the places
they mention. This module computes those document-level signals once per batch; `corroborate_match`
weighs them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from lanner.model import AnalyzedDocument

FAMILIES = Path(__file__).resolve().parents[1] / "data" / "corroboration" / "type_families.csv"
WORD = re.compile(r"[a-z][a-z'\-]{3,}")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\b|\b("
                       + "|".join(MONTHS) + r")\s+(\d{1,2})\b")  # fmt: skip


@functools.cache
def _families() -> dict[str, tuple[str, str]]:
    with FAMILIES.open(encoding="utf-8") as f:
        return {r["type"]: (r["family"], r["joins_as"]) for r in csv.DictReader(f)}


def family(event_type: str) -> tuple[str, str]:
    """(family, joins_as) of a PLOVER type; an unlisted type is its own family and a plain report."""
    return _families().get(event_type, (event_type, "report"))


@functools.lru_cache(maxsize=65536)
def fold(name: str | None) -> str | None:
    """A place name without accents, apostrophes, articles or case, to compare unresolved names."""
    if not name:
        return None
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(al|el|ar|as|ash|ad|an|at|the)\b[- ]?", "", s)
    return re.sub(r"[^a-z0-9]+", "", s) or None


@functools.lru_cache(maxsize=65536)
def skeleton(name: str | None) -> str | None:
    """A folded place name with the spelling choices of transliteration evened out.

    Outlets romanise one Arabic name many ways ("Sa'dah", "Saada", "Sa’ada"; "Mazzeh", "Mezze";
    "al-Jinah", "al-Jina"): doubled letters are one letter and a final "h" after a vowel is dropped.
    Used only to say two names may be one place, never to resolve a name.
    """
    f = fold(name)
    if not f:
        return None
    f = re.sub(r"(.)\1+", r"\1", f)
    return re.sub(r"([aeiou])h$", r"\1", f) or None


def doc_places(doc: AnalyzedDocument) -> frozenset[str]:
    """Every place below country level the report mentions (folded names and their admin1)."""
    out: set[str] = set()
    for p in doc.places:
        if p.metonym or (p.resolution and (p.resolution.feature_code or "").startswith("PCL")):
            continue  # a country is no evidence that two reports tell one incident
        for name in (p.mention.text, p.resolution.name if p.resolution else None,
                     p.resolution.admin1 if p.resolution else None):  # fmt: skip
            f = fold(name)
            if f:
                out.add(f)
    return frozenset(out)


def doc_countries(doc: AnalyzedDocument) -> frozenset[str]:
    """ISO alpha-2 of every place the report resolved and of every state party it names: where an
    unplaced event of the report may have happened (a Moscow-datelined denial is about Ukraine)."""
    out = {p.resolution.country for p in doc.places if p.resolution and p.resolution.country}
    out |= {c for a in doc.actors if a.country and (c := _alpha2(a.country))}
    return frozenset(out)


@functools.cache
def _alpha2(alpha3: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return c.alpha_2 if c else None


def date_hint(text: str | None) -> tuple[int | None, tuple[int, int] | None]:
    """(weekday 0-6, (month, day)) a date phrase fixes even when it cannot be resolved to a date.

    "on Monday afternoon" with no publication date says nothing absolute, but it rules out every
    candidate date that is not a Monday.
    """
    if not text:
        return None, None
    low = text.lower()
    wd = next((i for i, w in enumerate(WEEKDAYS) if w in low), None)
    m = DAY_MONTH.search(low)
    md = None
    if m:
        if m.group(1):
            md = (MONTHS.index(m.group(2)) + 1, int(m.group(1)))
        else:
            md = (MONTHS.index(m.group(3)) + 1, int(m.group(4)))
    return wd, md


def hint_fits(hint: tuple[int | None, tuple[int, int] | None], start: dt.date, end: dt.date) -> bool:
    """Whether some day in [start - 1, end] (a report may date the night before) fits the hint."""
    wd, md = hint
    if wd is None and md is None:
        return True
    day = start - dt.timedelta(days=1)
    while day <= end:
        if (wd is None or day.weekday() == wd) and (md is None or (day.month, day.day) == md):
            return True
        day += dt.timedelta(days=1)
    return False


def _tokens(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


def term_vectors(docs: Iterable[AnalyzedDocument]) -> dict[str, dict[str, float]]:
    """Doc id -> unit-length tf-idf vector over the batch (idf from the batch itself).

    Words in every report of the batch weigh nothing; a word shared by a handful of reports (a town,
    a name) weighs most, which is what marks two reports as telling the same story.
    """
    counts = {d.document.id: _tokens(d.text) for d in docs}
    df: Counter[str] = Counter(w for c in counts.values() for w in c)
    n = len(counts)
    out: dict[str, dict[str, float]] = {}
    for doc_id, c in counts.items():
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.items() if df[w] < n}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[doc_id] = {w: x / norm for w, x in v.items() if x > 0}
    return out


_SIM: dict[tuple[int, int], tuple[dict, dict, float]] = {}
_PREFIX: dict[int, tuple[dict, dict[str, list[str]]]] = {}


def reset_caches() -> None:
    """Forget per-batch caches (the vectors they key on belong to one clustering run)."""
    _SIM.clear()
    _PREFIX.clear()


def cosine(a: dict[str, float] | None, b: dict[str, float] | None) -> float:
    """Cosine of two unit vectors, once per pair of reports (their events share the vectors)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b) or (len(a) == len(b) and id(a) > id(b)):
        a, b = b, a
    key = (id(a), id(b))
    hit = _SIM.get(key)
    if hit is not None and hit[0] is a and hit[1] is b:
        return hit[2]
    value = sum(x * b.get(w, 0.0) for w, x in a.items())
    _SIM[key] = (a, b, value)
    return value


def by_prefix(words: dict[str, float]) -> dict[str, list[str]]:
    """A report's words grouped by their first three letters, built once per report."""
    hit = _PREFIX.get(id(words))
    if hit is not None and hit[0] is words:
        return hit[1]
    index: dict[str, list[str]] = {}
    for w in words:
        index.setdefault(w[:3], []).append(w)
    _PREFIX[id(words)] = (words, index)
    return index
