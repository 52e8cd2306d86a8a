"""The hand-written loaded-language corpus the framing tagger trains on: well-formed, balanced, our own words.

Why: the tagger learns which words are loaded *in context* from these lines, so a broken bracket silently
teaches it the wrong extent, too few span-free lines teach it that every emotive word is loaded, and any
run of text shared with PTC or BABE would mean we trained on (or shipped) evaluation data.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

import lanner
from lanner.eval import shared_path

CORPUS = Path(lanner.__file__).parent / "data" / "framing"
STYLES = {"partisan", "quoted", "neutral", "mixed"}
SPAN = re.compile(r"\[\[(.+?)\]\]")
WORD = re.compile(r"[a-z0-9']+")
RUN = 8


def _rows() -> list[tuple[str, dict]]:
    rows = []
    for path in sorted(CORPUS.glob("loaded_corpus_*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows += [(path.stem, json.loads(line)) for line in fh if line.strip()]
    return rows


def _plain(marked: str) -> str:
    return marked.replace("[[", "").replace("]]", "")


def _runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower().replace("’", "'"))
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_every_line_is_well_formed():
    rows = _rows()
    assert len(rows) >= 300
    for stem, row in rows:
        marked = row["marked"]
        assert row["style"] in STYLES and stem == f"loaded_corpus_{row['style']}", (stem, row)
        # brackets alternate open/close, never nest, and never enclose nothing or only spaces
        marks = re.findall(r"\[\[|\]\]", marked)
        assert marks == ["[[", "]]"] * (len(marks) // 2), marked
        assert all(s.strip() == s and s for s in SPAN.findall(marked)), marked
        assert "[" not in _plain(marked) and "]" not in _plain(marked), marked
        assert 6 <= len(_plain(marked).split()) <= 80, marked


def test_lines_are_unique_and_enough_are_span_free():
    rows = _rows()
    plains = [_plain(r["marked"]) for _, r in rows]
    assert len(plains) == len(set(plains))
    free = sum(1 for _, r in rows if "[[" not in r["marked"])
    assert free / len(rows) >= 0.25
    neutral = [r for _, r in rows if r["style"] == "neutral"]
    assert sum("[[" not in r["marked"] for r in neutral) >= len(neutral) / 3


@pytest.mark.skipif(not shared_path("data", "ptc", "articles").is_dir(), reason="../shared PTC not present")
def test_no_line_shares_an_8_word_run_with_ptc_articles():
    ptc: set[tuple[str, ...]] = set()
    for art in shared_path("data", "ptc", "articles").glob("article*.txt"):
        ptc |= _runs(art.read_text(encoding="utf-8"))
    assert len(ptc) > 50_000
    shared = [r["marked"] for _, r in _rows() if _runs(_plain(r["marked"])) & ptc]
    assert shared == []


BABE = ("data", "babe", "babe_sg2.dev.csv")


@pytest.mark.skipif(not shared_path(*BABE).exists(), reason="../shared BABE not present")
def test_no_line_shares_an_8_word_run_with_babe():
    babe: set[tuple[str, ...]] = set()
    with shared_path(*BABE).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            babe |= _runs(row["text"])
    assert len(babe) > 10_000
    shared = [r["marked"] for _, r in _rows() if _runs(_plain(r["marked"])) & babe]
    assert shared == []
