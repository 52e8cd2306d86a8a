"""Place-name keys shared by the gazetteer build and by lookup, so both sides fold names alike.

Two keys: `norm` (accents, apostrophes, punctuation and case removed) is the exact key; `loose`
additionally folds Arabic/Kurdish/Turkish romanisation variants (articles, Tell/Tall, 'Ayn/Ain,
-ah/-a/-eh, vowel spelling) into a consonant skeleton. Lookup tries `norm` first and falls back to
`loose`, so a loose collision can never beat an exact spelling.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "translit.yaml"

_DROP = dict.fromkeys(map(ord, "'’‘`´ʿʾʼ\"“”.()[]"), None)
_SPACE = re.compile(r"[\s\-_/,;:&+]+")
# Letters NFKD does not decompose.
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})
_VOWEL_RUN = re.compile(r"(?<=.)[aeiouyw]+|^[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")
SIMILARITY_SKIP = 50.0  # below this length bound the exact ratio is not computed


@functools.cache
def _rules() -> dict[str, Any]:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


def norm(name: str) -> str:
    """Exact key: 'Ra’s al-‘Ayn' -> 'ras al ayn', 'St. Louis' -> 'st louis', 'Serêkaniyê' -> 'serekaniye'."""
    s = unicodedata.normalize("NFKD", name.casefold().translate(_SPECIAL))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_DROP)
    s = _SPACE.sub(" ", s).strip()
    return s.removeprefix("the ") if s.startswith("the ") and len(s) > 4 else s


def _fold_token(tok: str, rules: dict[str, Any]) -> str:
    tok = rules["tokens"].get(tok, tok)
    for a, b in rules["letters"]:
        tok = tok.replace(a, b)
    tok = _DOUBLE.sub(r"\1", tok)
    # A vowel run (y/w count as vowels after the first letter) becomes one placeholder, so
    # Hasakah/Haseke/Hasakeh all give 'hVsVk'; a final vowel (+h) is dropped.
    tok = _VOWEL_RUN.sub("V", tok)
    if len(tok) > 2:
        tok = re.sub(r"Vh?$", "", tok)
    if len(tok) > 2 and "V" not in tok[:2] and tok[:2] not in rules["initial_cluster_keep"]:
        tok = tok[0] + "V" + tok[1:]
    return tok


def loose(name: str) -> str:
    """Loose key: 'Dayr az Zawr' and 'Deir ez-Zor' -> 'dVr zVr'; 'Tall Abyaḑ' and 'Tel Abyad' agree."""
    rules = _rules()
    arts = set(rules["articles"])
    toks = [t for t in norm(name).split() if t not in arts] or norm(name).split()
    return " ".join(_fold_token(t, rules) for t in toks if t)


def is_latin(name: str) -> bool:
    """True if the name is written in Latin script (after accents): other scripts never reach English text."""
    s = norm(name)
    return bool(s) and all(ch.isascii() for ch in s) and any(ch.isalpha() for ch in s)


@functools.lru_cache(maxsize=1 << 18)
def folded_words(name: str) -> str:
    """The name without articles and with whole-word variants mapped ('Tall Harmal' -> 'tel harmal'):
    the form two spellings of one name are compared on (`similarity`)."""
    rules = _rules()
    toks = [rules["tokens"].get(t, t) for t in strip_articles(name).split()]
    return " ".join(toks)


def similarity(a: str, b: str) -> float:
    """0-100 edit similarity of two names after `folded_words`: a loose-key match must still look like
    the name ('Shuhail'/'Shuhayl' 86), not merely share its consonants ('Ghouta'/'Kuwait' 33)."""
    from rapidfuzz import fuzz

    fa, fb = folded_words(a), folded_words(b)
    if not fa or not fb:
        return 0.0
    # the edit ratio can be no higher than 2*shorter/(sum of lengths): skip the comparison when that
    # bound is already low (most loose-key candidates of a short name are much longer or shorter)
    bound = 200.0 * min(len(fa), len(fb)) / (len(fa) + len(fb))
    return fuzz.ratio(fa, fb) if bound >= SIMILARITY_SKIP else bound


def strip_articles(name: str) -> str:
    """Exact key without articles: 'Al-Hasakah' and 'Hasakah' agree, 'Albania' and 'Albany' do not."""
    arts = set(_rules()["articles"])
    return " ".join(t for t in norm(name).split() if t not in arts)
