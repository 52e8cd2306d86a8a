"""A short text's own reading: the precise classifier over the whole of an alert, headline or snippet.

Why: in a text of one to three sentences, the event the text is about is what the precise classifier
reads in it as a whole (it was trained on such items); the trigger rules see one word's neighbourhood
at a time and miss or mis-type what they have no row for. The reading is one encoder call on the whole
text (the sentence it speaks of is found with the static head), so long articles never pay for it.
It is used four ways, each only when it is confident (see `event_follow.follow_reading`):
  - no trigger coded an ACLED event: the event is made from the reading, in the sentence that carries
    it best, with roles, place and date found around the cue word of its label;
  - the rules coded events: the one with the reading's ACLED code is the text's main event; when none
    has it, the most confident event in the reading's sentence of a PLOVER type that can carry that code
    takes it; when none can, the reading's event is made beside them ("arrests" at a riot: the riot);
  - the reading's mass is on crime or disaster: the violent events without an armed perpetrator are
    out of scope (a blast at an earlier blast site is an accident, not an IED), when it is very sure every
    violent event is; the other events lose their ACLED code (arrests in a counterfeiting case);
  - the reading is sure of a claim of responsibility, a diplomatic act or a metaphor: the events of the
    sentence it reads keep their record but not an ACLED code ("X claimed the attack on ...": the claim
    is the news; ACLED coded the attack when it was reported).
The label -> PLOVER type/mode table is data: `lanner/data/ontology/classifier_types.csv`.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lanner.classify import acled_for as _acled_for
from lanner.classify import classify_many as _classify_many
from lanner.classify import scope_of as _scope_of
from lanner.classify.model import load_embedder as _load_embedder
from lanner.extract.events.lexicon import ONTOLOGY_DIR, triggers_by_first_word
from lanner.extract.events.triggers import CLASSIFIER_OUT_OF_SCOPE

SHORT_DOC_SENTENCES = 3  # alerts, headlines, wire snippets: few sentences, so the encoder's cost is small
MAKE_MIN = 0.3  # nothing coded: the reading makes the event when at least this sure of an ACLED label
RETYPE_MIN = 0.4  # the rules coded its sentence otherwise: a fitting event takes the reading's code this sure
OUT_OF_SCOPE_MASS = 0.5  # crime + disaster probability mass that makes unperpetrated violence out of scope
BACKGROUND_MIN = 0.8  # a claim, a diplomatic act, a metaphor this sure: its sentence's events are background
OUT_OF_SCOPE_SURE = 0.9  # this sure, the text is an accident or a crime whoever the roles name ("a gas tank")
MADE_VIOLENCE_OOS_MAX = 0.1  # political violence made from the reading alone needs less crime/disaster mass
OUT_OF_SCOPE_SCOPES = ("crime", "disaster")
READING = ("reading",)


@dataclass(frozen=True)
class ReadingType:
    """How an event made from a classifier label is coded, and which rule-found types may carry it."""

    label: str
    plover: str
    mode: str | None
    carriers: tuple[str, ...]


@functools.cache
def reading_types() -> dict[str, ReadingType]:
    with (ONTOLOGY_DIR / "classifier_types.csv").open(encoding="utf-8", newline="") as fh:
        return {
            r["label"]: ReadingType(r["label"], r["plover"], r["mode"] or None, tuple(r["carriers"].split()))
            for r in csv.DictReader(fh)
        }


def read_short(sdoc, cache: dict, wanted: set[int]) -> list[tuple[str, float]]:  # noqa: ANN001 - spaCy Doc
    """The whole text's labels, in one encoder call (one per text: the cost that matters). The sentences
    whose events take their sub-type from a reading (start chars in `wanted`) get it under ("precise",
    start char): a text this short is about one event, and the whole reads it better than a part."""
    if READING in cache:
        return cache[READING]
    cache[READING] = []
    try:
        found = _classify_many([sdoc.text.strip()], precise=True)
    except Exception:  # noqa: BLE001 - the classifier is advisory
        return []
    cache[READING] = found[0]
    sents = list(sdoc.sents)
    for sent in sents:
        if len(sents) == 1 or sent.start_char in wanted:
            cache[("precise", sent.start_char)] = found[0]
    return found[0]


def _read_sentences(sdoc, cache: dict) -> None:  # noqa: ANN001
    """Every sentence's static reading (a fraction of a millisecond each), to find the reading's sentence."""
    todo = [s for s in sdoc.sents if ("static", s.start_char) not in cache]
    if not todo:
        return
    try:
        found = _classify_many([s.text.strip() for s in todo])
    except Exception:  # noqa: BLE001 - the classifier is advisory
        found = [[] for _ in todo]
    for sent, labels in zip(todo, found, strict=True):
        cache[("static", sent.start_char)] = labels


def background(label: str) -> bool:
    """Claims of responsibility, diplomacy, sport and metaphor: labels outside ACLED that are not crime or
    disaster. A text sure of one reports that, and the attack or protest it names is told as background."""
    return _acled_for(label) is None and _scope_of(label) not in OUT_OF_SCOPE_SCOPES


def out_of_scope(reading: list[tuple[str, float]], min_mass: float = OUT_OF_SCOPE_MASS) -> str | None:
    """The out-of-scope category (its most probable label's) when crime or disaster holds `min_mass` of
    the reading's mass (most of it by default)."""
    if not reading:
        return None
    mass: dict[str, float] = {}
    for label, p in reading:
        mass[_scope_of(label)] = mass.get(_scope_of(label), 0.0) + p
    best = max(OUT_OF_SCOPE_SCOPES, key=lambda s: mass.get(s, 0.0))
    if mass.get(best, 0.0) < min_mass:
        return None
    return next(CLASSIFIER_OUT_OF_SCOPE[lab] for lab, _ in reading if lab in CLASSIFIER_OUT_OF_SCOPE
                and _scope_of(lab) == best)


def evidence_sentence(sdoc, label: str, cache: dict) -> SpacySpan:  # noqa: ANN001
    """The sentence whose own (static) reading gives `label` the most probability."""
    sents = list(sdoc.sents)
    if len(sents) == 1:
        return sents[0]
    _read_sentences(sdoc, cache)

    def prob(sent: SpacySpan) -> float:
        return dict(cache.get(("static", sent.start_char), [])).get(label, 0.0)

    return max(sents, key=prob)


def cue_token(sent: SpacySpan, label: str, plover: str) -> Token:
    """The word that names the label's event in the sentence: the label's first cue, else a cue of a label
    made with the same PLOVER type ("demonstrators" for a riot), else a trigger word of that type, else
    the sentence's root. Roles and place are looked for around it."""
    emb = _load_embedder()
    kin = [lab for lab, row in reading_types().items() if row.plover == plover and lab != label]
    for lab in (label, *kin):
        if lab not in emb.cue_labels:
            continue
        hit = emb.cues[emb.cue_labels.index(lab)].search(sent.text)
        if hit is not None:
            span = sent.doc.char_span(sent.start_char + hit.start(), sent.start_char + hit.end(),
                                      alignment_mode="expand")
            if span is not None and len(span):
                return span.root
    index = triggers_by_first_word()
    for tok in sent:
        rows = index.get(tok.lemma_.lower()) or index.get(tok.lower_) or []
        if any(r.type == plover and len(r.words) == 1 for r in rows):
            return tok
    return sent.root
