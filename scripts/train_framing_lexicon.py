"""Build the emotive lexicons of loaded language from two permissively licensed sentiment lexicons.

- `emotive_vader.csv` from the VADER lexicon (Hutto & Gilbert 2014; MIT): 7,500 entries with crowd-rated
  valence (-4..4, mean of 10 raters). Words of |valence| >= 2 ("moderately" valenced or more) count as
  adjectives, adverbs or nouns. Negative adjectives and adverbs count from -1.5: their job is to evaluate,
  and a negative evaluation the raters agree on is what loaded-language annotation marks, while mild
  positive adjectives ("nice", "good") are the polite small change of reporting. Verbs count only from
  -2.5 ("betray", "humiliate", "terrorize"): a verb mostly reports an act, and only strongly negative ones
  carry the writer's judgement of it.
- `emotive_subjective.csv` from the pattern/TextBlob subjectivity lexicon `en-sentiment.xml` (De Smedt &
  Daelemans 2012; the file is released under PDDL, TextBlob under MIT): hand-tagged adjectives with
  polarity (-1..1) and subjectivity (0..1) per sense. Adjectives that are clearly subjective (mean
  subjectivity >= 0.7) and clearly negative (mean polarity <= -0.5) over their senses, and not in VADER.

- `intensifiers.csv`: VADER's intensifying degree words ("utterly", "incredibly") less the everyday ones
  ("very", "more", "so"); they count only together with the word they intensify ("utterly wrong").

Words that are the neutral vocabulary of conflict, crime and court reporting ("killed", "murder") are
removed with emotive_exclude.csv. Reproducible (build time only, not runtime dependencies):
`pip install vaderSentiment==3.3.2 textblob==0.20.1`, then `python scripts/train_framing_lexicon.py`.
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib.util
import xml.etree.ElementTree as ET
from collections import defaultdict
from importlib import resources
from pathlib import Path

LEX = Path(__file__).resolve().parents[1] / "lanner" / "data" / "lexicons"
FIELDS = ["term", "category", "neutral", "sides", "valence", "pos", "source"]
SUBJ_FIELDS = ["term", "category", "neutral", "sides", "polarity", "subjectivity", "pos", "source"]
SOURCE = "VADER lexicon (Hutto & Gilbert 2014), vaderSentiment 3.3.2, MIT licence"
PATTERN_SOURCE = "pattern en-sentiment.xml (De Smedt & Daelemans 2012) in TextBlob 0.20.1, PDDL / MIT"


def _exclude() -> set[str]:
    with (LEX / "emotive_exclude.csv").open(encoding="utf-8") as fh:
        return {r["term"].strip().lower() for r in csv.DictReader(fh)}


def _usable(word: str, exclude: set[str]) -> bool:
    return word.isalpha() and len(word) >= 4 and word not in exclude


def vader_rows(
    threshold: float, adj_neg: float, verb_neg: float, pos: str, exclude: set[str]
) -> list[dict[str, str]]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word, valence = parts[0].strip(), float(parts[1])
        if not _usable(word, exclude):
            continue
        if valence <= -verb_neg:
            want = f"{pos}|VERB"
        elif abs(valence) >= threshold:
            want = pos
        elif valence <= -adj_neg:
            want = "ADJ|ADV"
        else:
            continue
        rows.append({"term": word, "category": "emotive", "neutral": "", "sides": "any",
                     "valence": f"{valence:.1f}", "pos": want, "source": SOURCE})  # fmt: skip
    return rows


def booster_rows(exclude: set[str]) -> list[dict[str, str]]:
    """VADER's intensifying degree adverbs (its BOOSTER_DICT, B_INCR), read from the module's source."""
    src = resources.files("vaderSentiment").joinpath("vaderSentiment.py").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "BOOSTER_DICT" for t in node.targets):
            if isinstance(node.value, ast.Dict):
                for k, v in zip(node.value.keys, node.value.values, strict=True):
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Name):
                        table[str(k.value)] = v.id
    return [
        {
            "term": w,
            "category": "intensifier",
            "neutral": "(omit)",
            "sides": "any",
            "valence": "",
            "pos": "ADV|ADJ",
            "source": SOURCE + " (BOOSTER_DICT)",
        }  # fmt: skip
        for w, kind in table.items()
        if kind == "B_INCR" and w.isalpha() and w not in exclude
    ]


def pattern_rows(xml: Path, min_subj: float, max_pol: float, skip: set[str]) -> list[dict[str, str]]:
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for w in ET.parse(xml).getroot().iter("word"):
        if w.get("pos") == "JJ":
            pol, subj = float(w.get("polarity") or 0), float(w.get("subjectivity") or 0)
            senses[(w.get("form") or "").lower()].append((pol, subj))
    rows = []
    for word, ss in senses.items():
        pol = sum(p for p, _ in ss) / len(ss)
        subj = sum(s for _, s in ss) / len(ss)
        if _usable(word, skip) and subj >= min_subj and pol <= max_pol:
            rows.append({"term": word, "category": "emotive", "neutral": "", "sides": "any",
                         "polarity": f"{pol:.2f}", "subjectivity": f"{subj:.2f}", "pos": "ADJ",
                         "source": PATTERN_SOURCE})  # fmt: skip
    return rows


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["term"]))
    print(f"{len(rows)} terms -> {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threshold", type=float, default=2.0, help="minimum |mean valence|")
    ap.add_argument("--adj-neg", type=float, default=1.5, help="minimum -valence of a negative adjective")
    ap.add_argument("--verb-neg", type=float, default=2.5, help="minimum -valence of a verb")
    ap.add_argument("--pos", default="ADJ|ADV|NOUN", help="parts of speech a hit must have (spaCy POS)")
    ap.add_argument("--min-subjectivity", type=float, default=0.7)
    ap.add_argument("--max-polarity", type=float, default=-0.5)
    args = ap.parse_args()
    exclude = _exclude()
    vrows = vader_rows(args.threshold, args.adj_neg, args.verb_neg, args.pos, exclude)
    _write(LEX / "emotive_vader.csv", FIELDS, vrows)
    _write(LEX / "intensifiers.csv", FIELDS, booster_rows(exclude))
    spec = importlib.util.find_spec("textblob")  # located, not imported: importing pulls in nltk
    if spec is None or spec.origin is None:
        raise SystemExit("textblob is not installed: pip install textblob==0.20.1")
    xml = Path(spec.origin).parent / "en" / "en-sentiment.xml"
    skip = exclude | {r["term"] for r in vrows}
    prows = pattern_rows(xml, args.min_subjectivity, args.max_polarity, skip)
    _write(LEX / "emotive_subjective.csv", SUBJ_FIELDS, prows)


if __name__ == "__main__":
    main()
