"""Attribution: who the outlet says a claim comes from, and the words the claim covers.

Three syntactic shapes carry almost all attribution in news prose, each read off the dependency parse:
"According to X, <content>" (prepositional cue), "X said/reported/stated <content>" (a cue verb with
its subject as source and its complement clause or object as content; passives take the `by` agent),
and "reports/rumors of <content>" (a cue noun that is its own, unspecified, source). Chained sourcing
("SOHR, citing local activists, said ...") yields one attribution per link over the same content.
Claims with no attribution are the outlet's own voice and get no record.
"""

from __future__ import annotations

from typing import Any

from lanner.extract.events.lexicon import epistemic_cues
from lanner.extract.framing.lexicon import lexicon_map
from lanner.extract.sourcing.claimants import resolve_claimant
from lanner.extract.sourcing.kinds import source_kind
from lanner.extract.sourcing.markers import find_markers
from lanner.extract.sourcing.spans import char_span, clause_range, governing_verb, sent_bounds, trim
from lanner.model import Attribution, EventAttribution
from lanner.pipeline import WorkDoc

OBJECT_CONTENT = {
    "report", "announce", "claim", "confirm", "deny", "state", "reveal", "acknowledge", "admit", "predict",
    "estimate", "publish", "broadcast", "tweet", "post", "allege", "cite", "quote", "describe", "show",
}  # fmt: skip
LEAD = frozenset({","})


def _cues() -> dict[str, str]:
    return lexicon_map("attribution_cues", "cue", "kind")


def _make(doc: Any, src: tuple[int, int], cue: tuple[int, int], content: tuple[int, int] | None, kind: str):
    s, c = char_span(doc, *src), char_span(doc, *cue)
    body = char_span(doc, *content) if content else None
    if s is None or c is None:
        return None
    return Attribution(source=s, cue=c, content=body, kind=kind)


def _according_to(doc: Any, tok: Any) -> list[Attribution]:
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return []
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    head = objs[0] if objs else (doc[to.i + 1] if to.i + 1 < tok.sent.end else None)
    if head is None:
        return []
    s0, s1 = trim(doc, to.i + 1, head.right_edge.i + 1)
    if s1 <= s0:
        return []
    b0, b1 = sent_bounds(tok)
    before = trim(doc, b0, tok.i, LEAD)
    after = trim(doc, s1, b1, LEAD)
    lead_only = all(doc[i].pos_ in ("CCONJ", "ADV", "PUNCT") for i in range(*before))
    if after[1] <= after[0]:
        content = before
    elif lead_only:
        content = after
    else:
        content = trim(doc, b0, b1)
    kind = source_kind(doc, doc[s0:s1].root, s0, s1) or "named"
    a = _make(doc, (s0, s1), (tok.i, to.i + 1), content, kind)
    return [a] if a else []


def _subject(tok: Any) -> tuple[Any, bool] | None:
    """A cue verb's source: its subject, a passive's `by` agent, or the subject of the verb it modifies."""
    for c in tok.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0], True
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c, c.dep_ == "nsubjpass"
    if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i:
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                return c, False
    return None


def _content(doc: Any, tok: Any) -> tuple[int, int] | None:
    for c in tok.children:
        if c.dep_ in ("ccomp", "csubj"):
            return trim(doc, c.left_edge.i, c.right_edge.i + 1)
    if tok.lemma_.lower() in OBJECT_CONTENT:
        for c in tok.children:
            if c.dep_ == "dobj":
                return trim(doc, c.left_edge.i, c.right_edge.i + 1)
    if tok.dep_ in ("parataxis", "ccomp") and tok.i > tok.head.i:
        # "<quote>, X said." / "The army, he said, advanced": the cue hangs off the reported clause
        left, right = clause_range(tok.head)
        right = min(right, tok.left_edge.i)
        rng = trim(doc, left, right)
        return rng if rng[1] > rng[0] else None
    return None


def _cue_verb(doc: Any, tok: Any) -> list[Attribution]:
    cue_kind = _cues().get(tok.lemma_.lower())
    if tok.pos_ != "VERB" or cue_kind not in ("speech", "verb", "attitude"):
        return []
    if tok.ent_type_ or (tok.is_title and tok.i > tok.sent.start):
        return []  # "Tell Hammam et-Turkmen": a capitalised cue mid-sentence is part of a name
    content = _content(doc, tok)
    if content and cue_kind == "attitude" and content[0] < tok.i:
        return []  # "X believes" never reports a clause before it
    subj = _subject(tok)
    if subj is None or (content is None and cue_kind == "attitude"):
        return []  # a speech verb with no complement still names who spoke ("..., he said.")
    head, passive = subj
    chain = [c for c in (*tok.children, *head.children) if _cues().get(c.lower_) == "participle"]
    s1 = head.right_edge.i + 1
    for c in chain:  # "SOHR, citing local activists, said": the source ends before "citing"
        if head.i < c.i < s1:
            s1 = c.i
    s0, s1 = trim(doc, head.left_edge.i, s1)
    if s1 <= s0 or s0 <= tok.i < s1:
        return []
    kind = source_kind(doc, head, s0, s1, passive)
    if kind is None and cue_kind == "speech" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "the announcer said", "the clip says", "it says": a pure speech verb makes its subject a source
        if head.pos_ != "PRON" or head.lower_ == "it" or head.lower_ == "one":
            kind = "named"
    if kind is None:
        return []
    found = [_make(doc, (s0, s1), (tok.i, tok.i + 1), content, kind)]
    for c in chain:  # "X, citing Y, said ...": Y is a second link in the chain
        if c.dep_ in ("advcl", "xcomp", "acl", "conj"):
            objs = [g for g in c.children if g.dep_ == "dobj"]
            if objs:
                o0, o1 = trim(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1)
                okind = source_kind(doc, objs[0], o0, o1) or "named"
                found.append(_make(doc, (o0, o1), (c.i, c.i + 1), content, okind))
    return [a for a in found if a]


def _cue_noun(doc: Any, tok: Any) -> list[Attribution]:
    """'reports of <X>', 'rumors that <X>': the noun phrase is both the cue and an unspecified source."""
    if tok.pos_ != "NOUN" or _cues().get(tok.lemma_.lower()) != "noun_of":
        return []
    content = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                content = trim(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1)
        elif c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
            content = trim(doc, c.left_edge.i, c.right_edge.i + 1)
    if content is None:
        return []
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "poss")])
    kind = source_kind(doc, tok, left, tok.i + 1) or "unspecified"
    a = _make(doc, (left, tok.i + 1), (tok.i, tok.i + 1), content, kind)
    return [a] if a else []


def _cue_adverb(doc: Any, tok: Any) -> list[Attribution]:
    """'X reportedly shelled Y': the clause rests on unnamed reports, so it is not the outlet's own claim."""
    if _cues().get(tok.lower_) != "adverb":
        return []
    content = trim(doc, *clause_range(governing_verb(tok)))
    a = _make(doc, (tok.i, tok.i + 1), (tok.i, tok.i + 1), content, "unspecified")
    return [a] if a else []


def _speaker_colon(doc: Any, tok: Any) -> list[Attribution]:
    """Transcripts and interviews: a line opening "PENCE: ..." or "Mr Smith: ..." is the speaker's."""
    if tok.text != ":" or tok.i == 0:
        return []
    l0, l1 = sent_bounds(tok)
    line_start = l0
    while line_start > 0 and "\n" not in doc[line_start - 1].text_with_ws:
        line_start -= 1
    if not 1 <= tok.i - line_start <= 4:
        return []
    name = doc[line_start : tok.i]
    if not all(t.pos_ == "PROPN" or t.is_title or t.is_upper or t.is_punct for t in name):
        return []
    end = tok.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    content = trim(doc, tok.i + 1, end)
    if content[1] <= content[0] or name.root.pos_ != "PROPN":
        return []
    a = _make(doc, (line_start, tok.i), (tok.i, tok.i + 1), content, "named")
    return [a] if a else []


def find_attributions(doc: Any) -> list[Attribution]:
    found: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for tok in doc:
        for finder in (_according_to, _cue_verb, _cue_noun, _cue_adverb, _speaker_colon):
            for a in finder(doc, tok):
                key = (a.source.start, a.cue.start)
                if key not in seen:
                    seen.add(key)
                    found.append(a)
    found.sort(key=lambda a: (a.cue.start, a.source.start))
    return found


def find_sourcing(wd: WorkDoc) -> None:
    """Set `wd.out.attributions`, `wd.out.framing.hedges` and `wd.out.framing.certainty`."""
    wd.out.attributions = find_attributions(wd.sdoc)
    wd.out.framing.hedges, wd.out.framing.certainty = find_markers(wd.sdoc)


def attribution_for(wd: WorkDoc, start: int, end: int) -> EventAttribution:
    """The source the outlet gives for the claim at [start, end); the outlet itself if none.

    Innermost wins: in "SOHR said that, according to residents, X", X belongs to the residents.
    """
    best = None
    for a in wd.out.attributions:
        c = a.content
        if c is None or not (c.start <= start and end <= c.end):
            continue
        if best is None or (c.end - c.start) < (best.content.end - best.content.start):
            best = a
    if best is None:
        best = _said_after(wd, start, end) or _fragment_of(wd, start, end)
    if best is None:
        return EventAttribution(source=wd.out.document.outlet or "outlet", kind="outlet")
    return resolve_claimant(wd, EventAttribution(source=best.source.text, kind=best.kind, span=best.source))


BACK_REFERENCES = {"this", "so", "that", "it", "these"}


def _said_after(wd: WorkDoc, start: int, end: int) -> Attribution | None:
    """"Russian forces fired on four settlements. The governor said this on Telegram.": a speech verb
    with no clause of its own, or only "this"/"so", in the very next sentence credits the sentence before."""
    if wd.sdoc is None:
        return None
    span = wd.sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.root.sent.end >= len(wd.sdoc):
        return None
    following = wd.sdoc[span.root.sent.end].sent
    for a in wd.out.attributions:
        if not following.start_char <= a.cue.start < following.end_char or a.kind == "unspecified":
            continue
        cue = wd.sdoc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        if cue is None or len(cue) == 0:
            continue
        if cue.root.lemma_.lower() not in epistemic_cues("speech_verbs"):
            continue  # "responded to the attack with artillery" speaks of nothing before it
        said = {c.dep_: c for c in cue.root.children}
        if "dobj" in said and said["dobj"].lower_ in BACK_REFERENCES:
            return a  # "said this"
        if "ccomp" in said or "dobj" in said:
            continue  # "said that ...", "reported the attack": it says something of its own
        others = [t for t in following if t.pos_ == "VERB" and t.i != cue.root.i]
        if a.content is None and not others:  # "he said." with nothing else said in the sentence
            return a
    return None


def _fragment_of(wd: WorkDoc, start: int, end: int) -> Attribution | None:
    """"Activists said 50 civilians were killed on Sunday. At least 80 Russian airstrikes on Saraqeb and
    Khan Sheikhoun.": a sentence with no verb of its own, in the same paragraph, goes on in the voice of
    the sentence before it."""
    if wd.sdoc is None:
        return None
    span = wd.sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = span.root.sent
    if sent.start == 0 or any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in sent):
        return None
    prev = wd.sdoc[sent.start - 1].sent
    if "\n" in wd.text[prev.end_char : sent.start_char] or "\n" in prev.text.strip():
        return None
    root = prev.root
    covering = [  # the sentence's own report ("Activists said ...") or one that holds it
        a for a in wd.out.attributions
        if a.content is not None and a.kind != "unspecified"
        and (prev.start_char <= a.cue.start < prev.end_char or a.content.start <= root.idx < a.content.end)
    ]  # fmt: skip
    return min(covering, key=lambda a: a.content.end - a.content.start) if covering else None
