"""Who an event's claim rests on, as a name: pronouns and anaphors resolved to the source they refer to.

The sourcing stage records the words that stand in the source slot ("he said", "the Observatory
reported", "the statement said"), which is right for attribution spans (PolNeAR marks the pronoun
itself). An event's claimant is read by an analyst out of context, so there a pronoun or a bare
definite noun phrase is replaced by what it refers to: the nearest earlier named mention that fits
(a person for "he"/"she", an organisation whose name holds the noun for "the Observatory", any
organisation or named source for "it", "they", "the group", "the statement"). When nothing fits, the
claim stays attributed but its claimant is not a named one (kind "unspecified"). A source phrase that
is a number ("at least 27 people ... activists", a parse gone wrong) is cut to the phrase that can
speak, or made unspecified.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from lanner.extract.events.lexicon import epistemic_cues
from lanner.extract.sourcing.kinds import source_kind
from lanner.model import EventAttribution, Span
from lanner.pipeline import WorkDoc

PERSONAL = {"he", "she", "him", "her"}
ORG_LABELS = ("ORG", "NORP", "GPE")
PERSON_LABELS = ("PERSON",)
_QUANTITY = re.compile(r"^\s*(?:\d|(?:some|around|about|more than|at least|over|nearly|almost)\s+\d)", re.I)


def _tokens(wd: WorkDoc, span: Span) -> Any:
    return wd.sdoc.char_span(span.start, span.end, alignment_mode="expand")


def _anaphor(toks: Any) -> str | None:
    """ "pronoun" or the noun of a bare definite phrase ("the Observatory" -> "observatory"), else None.

    A bare definite phrase is a determiner and one noun with nothing naming it: "the group", "The
    statement", "the Observatory" at the start of a sentence or mid-sentence alike (a title-cased noun
    with no other word is still a back-reference to a name given earlier)."""
    words = [t for t in toks if not t.is_punct]
    if len(words) == 1 and words[0].pos_ == "PRON":
        return "pronoun"
    if len(words) == 2 and words[0].lower_ in ("the", "this", "that") and words[1].pos_ in ("NOUN", "PROPN"):
        noun = words[1]
        if noun.ent_type_ in PERSON_LABELS:
            return None
        if noun.pos_ == "PROPN" and noun.lower_ not in epistemic_cues("generic_org_nouns"):
            return None  # "the SDF", "the Pentagon": a name, not a back-reference
        return noun.lower_
    return None


def _fits(ent: Any, anaphor: str, pron: str) -> bool:
    if anaphor != "pronoun":  # "the Observatory" -> "Syrian Observatory for Human Rights", not itself again
        words = [w for w in ent.text.lower().split() if w not in ("the", "this", "that")]
        return anaphor in words and len(words) > 1
    if pron in PERSONAL:
        return ent.label_ in PERSON_LABELS
    if pron in ("they", "them", "we"):
        return ent.label_ in ("ORG", "NORP")
    return ent.label_ == "ORG"


def _speaks(ent: Any) -> bool:
    root = ent.root
    return root.dep_ in ("nsubj", "pobj") and root.head.lemma_.lower() in epistemic_cues("speech_verbs") or (
        root.dep_ == "pobj" and root.head.head.lower_ == "according"
    )


def _named_sources(wd: WorkDoc, before: int) -> list[Span]:
    out = []
    for a in wd.out.attributions:
        toks = _tokens(wd, a.source) if a.source.end <= before and a.kind == "named" else None
        if toks is not None and len(toks) and _anaphor(toks) is None and any(t.pos_ == "PROPN" for t in toks):
            out.append(a.source)
    return out


def _ents(wd: WorkDoc) -> tuple[Any, ...]:
    """The document's entities, read once: spaCy rebuilds `Doc.ents` on every access."""
    if "ents" not in wd.scratch:
        wd.scratch["ents"] = tuple(wd.sdoc.ents)
    return wd.scratch["ents"]


ANTECEDENT_REACH = 300  # fitting mentions looked back over: far more than an article holds, bounded in a book


def _limited(ents: Any, anaphor: str, pron: str) -> Any:
    """The earlier entities that fit the anaphor, nearest first, at most `ANTECEDENT_REACH` of them."""
    n = 0
    for e in ents:
        if _fits(e, anaphor, pron):
            yield e
            n += 1
            if n >= ANTECEDENT_REACH:
                return


def _antecedent(wd: WorkDoc, toks: Any, anaphor: str) -> Span | None:
    """The nearest earlier mention that fits; for a relative "who"/"which", the noun it hangs on.
    A statement or report with no name holding it ("the statement said") is the nearest earlier named
    source's."""
    pron = toks[0].lower_ if anaphor == "pronoun" else ""
    if pron in ("who", "which", "that") and toks[0].head.dep_ == "relcl":
        noun = toks[0].head.head
        if noun.pos_ in ("NOUN", "PROPN"):
            return Span.of(wd.text, wd.sdoc[noun.left_edge.i].idx, noun.idx + len(noun))
        return None
    start = toks.start_char
    ents = _ents(wd)
    if "ent_ends" not in wd.scratch:
        wd.scratch["ent_ends"] = [e.end_char for e in ents]
    ends = wd.scratch["ent_ends"]
    last_fit = chosen = None
    for e in _limited(reversed(ents[: bisect_right(ends, start)]), anaphor, pron):
        last_fit = last_fit or e
        if _speaks(e):  # "the Observatory said ... It said": the last speaker, else the last that fits
            chosen = e
            break
    found = chosen or last_fit
    if found is not None:
        inner = _anaphor(found)
        if inner is None:
            return Span.of(wd.text, found.start_char, found.end_char)
        # "it" -> "the Observatory" -> "Syrian Observatory for Human Rights", or nothing named
        return _antecedent(wd, found, inner) if inner != "pronoun" else None
    if anaphor not in epistemic_cues("speech_products"):
        return None
    named = _named_sources(wd, start)  # "the statement said": whoever last spoke by name
    if named:
        return named[-1]
    # "X released a statement. The statement said ...": its issuer
    issuers = [e for e in ents if e.label_ in ("ORG", "PERSON")]
    return Span.of(wd.text, issuers[-1].start_char, issuers[-1].end_char) if issuers else None


def _speaking_part(wd: WorkDoc, toks: Any) -> Span | None:
    """For a source phrase that opens with a number: its last noun chunk if that can speak."""

    chunks = [c for c in toks.noun_chunks if not _QUANTITY.match(c.text)]
    if not chunks:
        return None
    c = chunks[-1]
    if source_kind(wd.sdoc, c.root, c.start, c.end) is None:
        return None
    return Span.of(wd.text, c.start_char, c.end_char)


def resolve_claimant(wd: WorkDoc, att: EventAttribution) -> EventAttribution:
    """The attribution with its source named where the text allows, unspecified where it does not."""
    if att.kind not in ("named", "anonymous") or att.span is None or wd.sdoc is None:
        return att
    toks = _tokens(wd, att.span)
    if toks is None or len(toks) == 0:
        return att
    if _QUANTITY.match(att.source):
        part = _speaking_part(wd, toks)
        if part is None:
            return att.model_copy(update={"kind": "unspecified"})
        return att.model_copy(update={"source": part.text, "span": part})
    anaphor = _anaphor(toks)
    if anaphor is None:
        return att
    found = _antecedent(wd, toks, anaphor)
    if found is None:
        return att.model_copy(update={"kind": "unspecified"})
    return EventAttribution(source=found.text, kind="named", span=found)


_STOP = {"the", "of", "for", "and", "news", "agency", "via", "english", "media", "network", "tv"}


def outlet_voice(source: str, outlet: str | None) -> bool:
    """Does a source phrase name the outlet itself? "SOHR sources", "the Observatory's activists" in a
    SOHR report, "RT reported" in RT: the outlet's own reporting, so the claim is its own voice.

    The outlet name is read without a "(via ...)" repost note; a wire in parentheses ("Al-Monitor
    (AFP)") is the outlet's voice too. Matching is on the full name, its acronym ("SOHR" for "Syrian
    Observatory for Human Rights") or, for a bare definite phrase, a distinctive word of it.
    """
    if not outlet or not source:
        return False
    names = [re.sub(r"\(via [^)]*\)", "", outlet, flags=re.I)]
    names += re.findall(r"\(([^)]*)\)", names[0])
    src = source.lower()
    src_words = set(re.findall(r"[a-z0-9]+", src))
    bare = re.fullmatch(r"(?:the|our)\s+(\w+)(?:'s)?(?:\s+\w+)?", src)
    if re.match(r"our\b", src):
        return True  # "our correspondent"
    for name in names:
        name = re.sub(r"\([^)]*\)", "", name).strip()
        words = re.findall(r"[A-Za-z0-9]+", name)
        if not words:
            continue
        if name.lower() in src:
            return True
        caps = [w for w in words if w[0].isupper() and w.lower() not in ("of", "for", "and", "the")]
        acronym = "".join(w[0] for w in caps).lower()
        if len(caps) >= 3 and acronym in src_words:
            return True
        content = {w.lower() for w in words if w.lower() not in _STOP and len(w) > 3}
        if bare and bare.group(1) in content:
            return True  # "the Observatory" in a report by the Syrian Observatory for Human Rights
    return False
