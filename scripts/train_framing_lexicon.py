"""Build lanner/data/lexicons/emotive_vader.csv: strongly valenced words from the VADER lexicon.

Why VADER: its 7,500 entries carry crowd-rated valence (-4..4, mean of 10 raters), it is MIT-licensed,
and strongly valenced adjectives, adverbs and nouns are what loaded-language annotation (PTC, BABE)
marks. Words that are the neutral vocabulary of conflict reporting ("killed", "attack") are removed
with emotive_exclude.csv. Reproducible: `pip install vaderSentiment==3.3.2` (build-time only), then
`python scripts/train_framing_lexicon.py`.
"""

from __future__ import annotations

import argparse
import csv
from importlib import resources
from pathlib import Path

LEX = Path(__file__).resolve().parents[1] / "lanner" / "data" / "lexicons"
FIELDS = ["term", "category", "neutral", "sides", "valence", "pos", "source"]
SOURCE = "VADER lexicon (Hutto & Gilbert 2014), vaderSentiment 3.3.2, MIT licence"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threshold", type=float, default=2.0, help="minimum |mean valence|")
    ap.add_argument("--pos", default="ADJ|ADV|NOUN", help="parts of speech a hit must have (spaCy POS)")
    ap.add_argument("--out", type=Path, default=LEX / "emotive_vader.csv")
    args = ap.parse_args()
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    with (LEX / "emotive_exclude.csv").open(encoding="utf-8") as fh:
        exclude = {r["term"].strip().lower() for r in csv.DictReader(fh)}
    rows = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word, valence = parts[0].strip(), float(parts[1])
        if not word.isalpha() or len(word) < 4 or word in exclude or abs(valence) < args.threshold:
            continue
        rows.append({"term": word, "category": "emotive", "neutral": "", "sides": "any",
                     "valence": f"{valence:.1f}", "pos": args.pos, "source": SOURCE})  # fmt: skip
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["term"]))
    print(f"{len(rows)} terms -> {args.out}")


if __name__ == "__main__":
    main()
