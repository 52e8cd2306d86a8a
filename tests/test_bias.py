"""The sentence-bias scorer: our own training data, and opinion told apart from report in the pipeline."""

from __future__ import annotations

import csv
import json
import re
import sys

import numpy as np
import pytest

import lanner
from lanner.eval import shared_path
from lanner.extract.framing.bias import DATA, PRECISE_MAX_SENTENCES, THRESHOLD, precise_ready, score_texts

RUN = 8
WORD = re.compile(r"[a-z0-9']+")


def _training() -> list[dict]:
    with (DATA / "training.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_training_sentences_share_no_8_word_run_with_babe_dev():
    babe: set[tuple[str, ...]] = set()
    with shared_path("data", "babe", "babe_sg2.dev.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            babe |= _runs(row["text"])
    assert len(babe) > 10_000
    shared = [r["text"] for r in _training() if _runs(r["text"]) & babe]
    assert shared == []


def test_training_data_is_balanced_and_unique():
    rows = _training()
    texts = [r["text"] for r in rows]
    assert len(texts) == len(set(texts))
    share = sum(r["biased"] for r in rows) / len(rows)
    assert 0.4 <= share <= 0.6


def test_committed_head_is_what_the_script_trains():
    sys.path.insert(0, str(DATA.parents[2] / "scripts"))
    import train_bias

    rows = train_bias.load_training()
    x = train_bias.featurise([r["text"] for r in rows])
    w, b = train_bias.fit(x, np.array([1.0 if r["biased"] else 0.0 for r in rows]))
    head = json.loads((DATA / "head.json").read_text(encoding="utf-8"))
    assert np.allclose(head["weights"], w, atol=1e-4)
    assert abs(head["bias"] - b) < 1e-4


def test_opinion_scores_above_report():
    report, opinion = score_texts(
        [
            "The committee will meet on Thursday to review the budget proposal for next year.",
            "The clueless committee wasted yet another day on its pathetic vanity project.",
        ]
    )
    assert report < THRESHOLD <= opinion


def test_pipeline_lists_biased_sentences_with_exact_spans():
    text = (
        "The council approved the new bus routes on Monday by a vote of six to three. "
        "The arrogant councillors shamelessly ignored the furious residents once again."
    )
    fr = lanner.analyze(text).framing
    assert [s.span.text for s in fr.biased_sentences] == [text.split(". ")[1]]
    for s in fr.biased_sentences:
        assert text[s.span.start : s.span.end] == s.span.text
        assert THRESHOLD <= s.score <= 1.0
    assert fr.scores["biased_sentence_share"] == 0.5


@pytest.mark.skipif(not precise_ready(), reason="contextual encoder not installed")
def test_committed_precise_head_is_what_the_script_trains():
    sys.path.insert(0, str(DATA.parents[2] / "scripts"))
    import train_bias

    rows = train_bias.load_training()
    x = train_bias.featurise([r["text"] for r in rows], precise=True)
    w, b = train_bias.fit(x, np.array([1.0 if r["biased"] else 0.0 for r in rows]))
    head = json.loads((DATA / "head_precise.json").read_text(encoding="utf-8"))
    assert np.allclose(head["weights"], w, atol=1e-3)


def test_short_texts_take_the_contextual_path_and_documents_the_static_one():
    sentence = "The spineless senators caved to the lobbyists once again."
    static = score_texts([sentence])[0]
    one = lanner.analyze(sentence).framing.biased_sentences[0].score
    assert abs(one - static) > 1e-4 if precise_ready() else abs(one - round(static, 4)) < 1e-4
    days = range(PRECISE_MAX_SENTENCES + 1)
    filler = " ".join(f"The committee met on day {i} of the session." for i in days)
    long_doc = lanner.analyze(filler + " " + sentence).framing
    assert abs(long_doc.biased_sentences[-1].score - round(static, 4)) < 1e-4
