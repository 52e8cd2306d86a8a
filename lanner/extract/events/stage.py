"""Event detection and coding: triggers -> roles, place, time, casualties, epistemic status -> merge -> codes.

The stage reads the parse once and looks at each trigger's neighbourhood only, so it adds little to
the parse time. Coding follows the ontology tables in `lanner/data/ontology/`: PLOVER type and mode
from the trigger (the mode refined by the weapon words around it), then ACLED type/sub-type and the
CAMEO root from `mapping.csv`.

Event date: the time expression nearest the trigger in its sentence, else the last one in the
preceding sentences of the same paragraph (DATES' resolver handles "at that time"). When the text
gives none the date is left empty (precision "unknown"), not set to the publication date: ACLED
would fall back to the report date, but an analyst should see that the text did not say.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lanner.classify import acled_for, classify, classify_many
from lanner.extract.casualties import find_counts
from lanner.extract.dates import find_dates
from lanner.extract.events.article import finish_events
from lanner.extract.events.epistemic import epistemic_for
from lanner.extract.events.follow import follow_reading
from lanner.extract.events.lexicon import AcledCode, code_event, instruments, word_class
from lanner.extract.events.merge import REALIS, Mention, attach_supports, compose_protests, merge_mentions
from lanner.extract.events.places import PlaceIndex, find_locations, place_phrase
from lanner.extract.events.reading import SHORT_DOC_SENTENCES, read_short
from lanner.extract.events.roles import ActorIndex, Roles, find_roles
from lanner.extract.events.triggers import CLASSIFIER_OUT_OF_SCOPE, Candidate, find_candidates
from lanner.model import ActorRef, Event, EventDate, Span
from lanner.pipeline import WorkDoc

NOT_TARGETS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
REFINABLE = {
    "ASSAULT": ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"),
    "PROTEST": ("Protests", "Riots"),
}
REFINE_MIN = 0.5
DEFINITE = {"the", "this", "these", "that", "those", "such"}
UNIDENTIFIED = "Unidentified Armed Group"


def _mode_from_instruments(head: Token, default: str | None) -> str | None:
    """A specific weapon next to the trigger ("US fighter jets attacked") beats a generic trigger mode."""
    if default not in (None, "firearms", "explosives"):
        return default
    toks: list[Token] = list(head.children)
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "prep", "compound", "amod"):
            toks.extend(child.subtree)
    if head.dep_ in ("pobj", "dobj", "nsubj"):
        toks.extend(c for c in head.head.children if c.dep_ in ("nsubj", "prep") and c is not head)
    if head.dep_ == "pobj" and head.head.head.pos_ == "VERB":  # "used mustard gas in an attack"
        for obj in (c for c in head.head.head.children if c.dep_ == "dobj"):
            toks.extend(obj.subtree)
    table = instruments()
    for tok in toks:
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in table and (default != "explosives" or table[key] in ("suicide", "grenade", "chemical")):
                return table[key]
    return default


def _target_kind(ref: ActorRef | None) -> str:
    if ref is None:
        return "any"
    said = f"{ref.name} {ref.mention.text if ref.mention else ''}".lower()
    if any(w in said for w in word_class("protesters")):
        return "protester"
    if ref.acled_inter is not None:
        return "civilian" if ref.acled_inter == 7 else "armed"
    words = set(ref.name.lower().replace("-", " ").split())
    if words & word_class("civilian") or any(w.rstrip("s") in word_class("civilian") for w in words):
        return "civilian"
    if (ref.type or "").lower() in ("civilian", "civilians"):
        return "civilian"
    return "armed"


def _armed(ref: ActorRef) -> bool:
    """State forces, rebels, militias, external forces (ACLED inter codes 1-4, 8), not civilians."""
    if ref.acled_inter is not None:
        return ref.acled_inter in (1, 2, 3, 4, 8)
    return _target_kind(ref) == "armed"


def _is_state(ref: ActorRef | None) -> bool:
    if ref is None:
        return False
    if ref.acled_inter is not None:
        return ref.acled_inter == 1
    if any(ref.name.lower().startswith(w) for w in word_class("state_prefixes")):
        return True
    words = {w.rstrip("s") for w in ref.name.lower().split()}
    return bool(words & word_class("state_forces"))


def _final_type(cand: Candidate, epistemic: str) -> str:
    if cand.trigger.unrealised and epistemic not in REALIS:
        return cand.trigger.unrealised
    return cand.type


def _dates_by_sentence(wd: WorkDoc) -> list[EventDate]:
    try:
        return [d for d in find_dates(wd) if d.span is not None]
    except Exception as e:  # noqa: BLE001 - dates are optional for the event record
        wd.out.warnings.append(f"events: date resolution failed ({type(e).__name__})")
        return []


def _date_for(sent: SpacySpan, trigger_start: int, dates: list[EventDate], text: str) -> EventDate | None:
    inside = [d for d in dates if sent.start_char <= d.span.start < sent.end_char]
    if inside:
        return min(inside, key=lambda d: abs(d.span.start - trigger_start))
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    before = [d for d in dates if para_start <= d.span.start < sent.start_char]
    return before[-1] if before else None


def _counts(text: str, start: int, end: int) -> dict:
    try:
        return find_counts(text, start, end) or {}
    except Exception:  # noqa: BLE001 - casualty parsing is advisory
        return {}


def _mention(cand: Candidate, wd: WorkDoc, aidx: ActorIndex, pidx: PlaceIndex, actor_spans, sent_no: int,
             dates: list[EventDate]) -> Mention | None:
    text = wd.text
    start = cand.head.doc[cand.start].idx
    last = cand.head.doc[cand.end - 1]
    end = last.idx + len(last)
    epistemic, attribution = epistemic_for(cand.head, cand.sent, start, end, wd)
    etype = _final_type(cand, epistemic)
    roles: Roles = find_roles(cand.head, etype, wd, aidx, (cand.start, cand.end))
    support = cand.trigger.weak and roles.actor1 is None
    if support and not _counted_deaths(text, cand.sent):
        return None  # "killed" / "operation" alone is not enough to code an event
    mode = _mode_from_instruments(cand.head, cand.mode) if etype == "ASSAULT" else cand.mode
    if etype != cand.type:
        mode = None
    if etype == "ASSAULT" and _target_kind(roles.actor1) == "protester":
        etype, mode = "PROTEST", "riot"  # "protesters set fire to ...": PLOVER's violent protest (CAMEO 145)
    locations = find_locations(cand.head, cand.sent, etype, wd, pidx, actor_spans)
    sent_span = Span.of(text, cand.sent.start_char, len(text[: cand.sent.end_char].rstrip()))
    target = None
    if roles.actor2 is None and roles.target is not None and roles.target.ent_type_ not in NOT_TARGETS \
            and roles.target.lower_ not in ("himself", "herself", "themselves", "itself"):
        target = Span.of(text, roles.target.left_edge.idx, roles.target.idx + len(roles.target))
    phrase = None if locations else place_phrase(cand.head, cand.sent)
    conf = 0.55 + 0.15 * (roles.actor1 is not None) + 0.1 * (roles.actor2 is not None) + 0.1 * bool(locations)
    return Mention(
        type=etype, mode=mode, trigger=Span.of(text, start, end), sent_index=sent_no, sentence=sent_span,
        epistemic=epistemic, attribution=attribution, actor1=roles.actor1, actor2=roles.actor2,
        assoc=roles.assoc, locations=locations, date=_date_for(cand.sent, start, dates, text),
        evidence=[sent_span], confidence=min(conf, 0.95), sent_start=cand.sent.start_char,
        target=target, place_phrase=Span.of(text, *phrase) if phrase else None,
        mode_from_trigger=cand.mode is not None,
        violent_words=etype == "PROTEST" and _violent_protest(cand.sent),
        definite=any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in cand.head.children),
        sent_end=cand.sent.end_char, support_only=support,
    )


def _counted_deaths(text: str, sent: SpacySpan) -> bool:
    """"At least four civilians were killed after ...": a toll that may belong to an event told nearby."""
    killed = _counts(text, sent.start_char, sent.end_char).get("killed")
    return killed is not None and killed.min is not None


def _to_event(i: int, m: Mention, wd: WorkDoc) -> Event:
    mode = m.mode
    if m.type == "ASSAULT" and mode == "territory" and _is_state(m.actor1):
        mode = "territory-state"
    if m.type == "ASSAULT" and m.actor1 is not None and m.actor1.mention is not None \
            and any(w in m.actor1.mention.text.lower() for w in word_class("mob")):
        mode = "mob"  # "an angry mob attacked ..."
    actor2 = m.actor2
    target = _target_kind(actor2)
    if target == "any" and m.type == "ASSAULT" and m.target is not None and not _two_sided(m):
        target = "civilian"  # "gunmen attacked a church": no armed side on the receiving end
    code = code_event(m.type, mode, target)
    if m.acled_override is not None:
        code = AcledCode(*m.acled_override, code.cameo_root)
    elif m.type == "PROTEST" and m.violent_words and code.sub_event_type == "Peaceful protest":
        mode = "riot"  # "protesters hurled stones at the police"
        code = code_event("PROTEST", mode)
    elif _open_subtype(m, mode, actor2):
        code = _refine(m, code, mode, wd.scratch.get("sense_cache"))
    else:
        code = _overrule(m, code, wd.scratch.get("sense_cache"))
    if m.epistemic not in REALIS:
        code = AcledCode(None, None, code.cameo_root)  # ACLED codes what happened, not plans or rumours
    if code.sub_event_type == "Armed clash" and actor2 is None and m.actor1 is not None:
        actor2 = ActorRef(name=UNIDENTIFIED, kb_id="uag", type="political_militia", acled_inter=3)
    fatalities = injured = None
    if m.type == "ASSAULT":
        counts = {}
        for ev in m.evidence:
            found = _counts(wd.text, ev.start, ev.end)
            for key, val in found.items():
                if key not in counts or (counts[key].min is None and val.min is not None):
                    counts[key] = val  # the first figure told; a number beats casualty words without one
        fatalities, injured = counts.get("killed"), counts.get("injured")
    return Event(
        id=f"e{i}", type=m.type, mode=mode if mode != "territory-state" else "territory",
        acled_event_type=code.event_type, acled_sub_event_type=code.sub_event_type,
        cameo_root=code.cameo_root,
        actor1=m.actor1, actor2=actor2, assoc_actors=m.assoc,
        location=m.locations[0] if m.locations else None, other_locations=m.locations[1:],
        date=m.date or EventDate(), fatalities=fatalities, injured=injured, attribution=m.attribution,
        epistemic=m.epistemic, trigger=m.trigger, evidence=m.evidence, confidence=round(m.confidence, 3),
    )


def _violent_protest(sent: SpacySpan) -> bool:
    return any(t.lemma_.lower() in word_class("protest_violence") for t in sent)


def _two_sided(m: Mention) -> bool:
    words = {w.lower() for w in m.trigger.text.split()}
    return any(w.rstrip("es") in word_class("two_sided") or w in word_class("two_sided") for w in words)


def _open_subtype(m: Mention, mode: str | None, actor2: ActorRef | None) -> bool:
    """Do the words leave the ACLED sub-type open? A trigger that names the kind of violence ("clashes",
    "air strike") or a known target closes it; "attacked" by "gunmen", or a plain "protest", do not."""
    if m.type == "PROTEST":
        return mode in (None, "demo")
    if m.type != "ASSAULT" or m.mode_from_trigger or mode not in (None, "firearms"):
        return False
    return actor2 is None or actor2.name.startswith("Unidentified")


def _sentence_labels(m: Mention, cache: dict, precise: bool = True) -> list[tuple[str, float]]:
    """The classifier's labels for the mention's sentence: the precise reading when a short text's
    reading (`event_reading.read_short`) made one, else the static one shared with the trigger sense
    checks (keyed by character offset)."""
    if precise and ("precise", m.sent_start) in cache:
        return cache[("precise", m.sent_start)]
    key = ("labels", m.sent_start)
    if key not in cache:
        try:
            cache[key] = classify(m.sentence.text)
        except Exception:  # noqa: BLE001 - the classifier is advisory
            cache[key] = []
    return cache[key]


def _refine(m: Mention, code: AcledCode, mode: str | None, cache: dict | None = None) -> AcledCode:
    """When the words leave the sub-type open, the sentence classifier picks it among the ACLED types
    the PLOVER type allows (only shooting sub-types when the weapon words say firearms)."""
    mapped = _classifier_code(m, cache, REFINE_MIN)
    if mapped is None or (mode == "firearms" and mapped[1] not in ("Armed clash", "Attack")):
        return code
    return AcledCode(mapped[0], mapped[1], code.cameo_root)


def _classifier_code(m: Mention, cache: dict | None, min_p: float) -> tuple[str, str] | None:
    """The sentence classifier's ACLED (type, sub-type) when it is at least `min_p` sure and the mention's
    PLOVER type allows that ACLED type; None otherwise (the trigger rule's code stands)."""
    labels = _sentence_labels(m, cache if cache is not None else {})
    if not labels:
        return None
    label, p = labels[0]
    mapped = acled_for(label)
    if mapped is None or p < min_p or mapped[0] not in REFINABLE[m.type]:
        return None
    return mapped


OVERRULE_MIN = 0.7  # the sentence classifier overrules a closed sub-type only when it is this sure


def _overrule(m: Mention, code: AcledCode, cache: dict | None) -> AcledCode:
    """A trigger word closes the sub-type by its own sense ("bombed" -> IED, "attacked" by a group ->
    attack), but the sentence around it may say otherwise ("warplanes bombed", "attacked an army base").
    When the classifier is very sure of another ACLED sub-type that the PLOVER type allows, it wins: it
    reads the whole sentence, the trigger rule only the trigger's neighbourhood."""
    if m.type not in REFINABLE or code.sub_event_type is None:
        return code
    mapped = _classifier_code(m, cache, OVERRULE_MIN)
    return code if mapped is None else AcledCode(mapped[0], mapped[1], code.cameo_root)


NO_PERPETRATOR_OOS_MIN = 0.5  # with no perpetrator, a plain majority reading of accident or crime declines
MISHAP_MODES = (None, "explosives", "chemical", "destroy")  # what an accident looks like: blast, leak, fire
LEAD_CHARS = 600  # about a news lead paragraph: where a report says what kind of event it is about
SENTENCE_CONFLICT_MIN = 0.7  # a sentence this sure of political violence keeps its event whatever the lead


def acled_scope(label: str) -> bool:
    return acled_for(label) is not None


def _sure_conflict(labels: list[tuple[str, float]]) -> bool:
    return bool(labels) and acled_scope(labels[0][0]) and labels[0][1] >= SENTENCE_CONFLICT_MIN


def _lead_conflict(wd: WorkDoc, cache: dict) -> bool:
    """The lead's best reading is an ACLED event: the story is told as political violence."""
    lead = _lead_labels(wd, cache)
    return bool(lead) and acled_scope(lead[0][0])


def _lead_labels(wd: WorkDoc, cache: dict) -> list[tuple[str, float]]:
    """The classifier's reading of the document's lead, once per document and only when an unattributed
    explosion or fire asks for it; the precise head only when the static one is unsure. A follow-up
    sentence ("the explosion occurred at 7 a.m.") cannot tell a factory blast from a bomb, but the lead
    that introduced the event can (one sense per discourse)."""
    if ("lead",) not in cache:
        text = wd.text[:LEAD_CHARS]
        try:
            labels = classify_many([text]) if text else [[]]
            if labels[0] and not (acled_scope(labels[0][0][0]) and labels[0][0][1] >= SENTENCE_CONFLICT_MIN):
                labels = classify_many([text], precise=True)  # the cheap reading is unsure: look closer
            cache[("lead",)] = labels[0]
        except Exception:  # noqa: BLE001 - the classifier is advisory
            cache[("lead",)] = []
    return cache[("lead",)]


def _unattributed_mishap(m: Mention, wd: WorkDoc) -> bool:
    """An explosion or fire with no perpetrator and no armed target, which the sentence classifier reads
    as an accident, crime or disaster, is not political violence: ACLED codes intent, and a gas-tank blast
    has none. Recorded as out of scope instead of being forced into ASSAULT."""
    if m.type != "ASSAULT" or m.actor1 is not None or (m.actor2 is not None and _armed(m.actor2)):
        return False
    cache = wd.scratch.setdefault("sense_cache", {})
    labels = _sentence_labels(m, cache, precise=False)  # the thresholds below are the static head's
    if labels and labels[0][0] in CLASSIFIER_OUT_OF_SCOPE and labels[0][1] >= NO_PERPETRATOR_OOS_MIN:
        if m.sent_start >= LEAD_CHARS and m.mode in MISHAP_MODES and _lead_conflict(wd, cache):
            return False  # a witness's "I thought it was a car crash" after a lead that told a bombing
        wd.scratch["out_of_scope"].append((m.trigger, CLASSIFIER_OUT_OF_SCOPE[labels[0][0]]))
        return True
    sure_conflict = _sure_conflict(labels)
    lead = [] if sure_conflict or m.mode not in MISHAP_MODES else _lead_labels(wd, cache)
    if lead and lead[0][0] in CLASSIFIER_OUT_OF_SCOPE and lead[0][1] >= NO_PERPETRATOR_OOS_MIN:
        wd.scratch["out_of_scope"].append((m.trigger, CLASSIFIER_OUT_OF_SCOPE[lead[0][0]]))
        return True
    if m.mode == "territory":  # "took control" with nobody taking it: no territorial change to code
        wd.scratch["out_of_scope"].append((m.trigger, "undetermined"))
        return True
    return False


def find_events(wd: WorkDoc) -> None:
    """Set `wd.out.events`; out-of-scope detections go to `wd.scratch["out_of_scope"]`."""
    sdoc = wd.sdoc
    if sdoc is None:
        return
    actor_spans = sorted((r.mention.start, r.mention.end) for r in wd.actor_refs if r.mention)
    armed_spans = [(r.mention.start, r.mention.end) for r in wd.actor_refs if r.mention and _armed(r)]
    candidates = find_candidates(sdoc, actor_spans, wd.scratch, armed_spans)
    wd.scratch["out_of_scope"] = [
        (Span.of(wd.text, s, e), cat) for s, e, cat in wd.scratch.pop("out_of_scope_raw", [])
    ]
    short = sum(1 for _ in sdoc.sents) <= SHORT_DOC_SENTENCES
    if not candidates and not short:
        return
    ctx = _Context(wd, candidates, actor_spans)
    mentions = [m for m in (ctx.mention(c) for c in candidates) if m is not None]
    merged = merge_mentions([m for m in mentions if not m.support_only])
    attach_supports(merged, [m for m in mentions if m.support_only])
    wanted = {m.sent_start for m in merged if m.type in REFINABLE}  # where the sub-type is decided
    reading = read_short(sdoc, wd.scratch.setdefault("sense_cache", {}), wanted) if short else []
    merged = [m for m in merged if not _unattributed_mishap(m, wd)]
    compose_protests(merged)
    wd.out.events = [_to_event(i, m, wd) for i, m in enumerate(merged, start=1)]
    if reading:
        merged = follow_reading(ctx, merged, reading)
    members = {id(ev): m.members for ev, m in zip(wd.out.events, merged, strict=True)}
    wd.out.events = finish_events(wd, wd.out.events, whole_article=not short)
    for folded, into in wd.scratch.pop("merged_into", {}).items():
        members.setdefault(id(into), []).extend(members.get(folded, []))
    for i, ev in enumerate(wd.out.events, start=1):
        ev.id = f"e{i}"
    dropped = wd.scratch.get("low_value_events", [])
    for i, ev in enumerate(dropped, start=1):
        ev.id = f"x{i}"  # found and kept on record for mention-level evaluation, not coded as events
    # every mention as found, by event id: for mention-level evaluation and for debugging merges
    wd.scratch["event_mentions"] = {ev.id: members[id(ev)] for ev in [*wd.out.events, *dropped]}


class _Context:
    """What making a mention needs (actor and place indexes, dates), built once per document."""

    def __init__(self, wd: WorkDoc, candidates: list[Candidate], actor_spans: list[tuple[int, int]]) -> None:
        sdoc = wd.sdoc
        self.wd, self.actor_spans = wd, actor_spans
        sentences = list({c.sent.start: c.sent for c in candidates}.values()) or list(sdoc.sents)
        self.aidx, self.pidx = ActorIndex(wd), PlaceIndex(wd, sentences)
        self.dates = _dates_by_sentence(wd)
        self.sent_starts = {s.start: n for n, s in enumerate(sdoc.sents)}

    def mention(self, cand: Candidate) -> Mention | None:
        n = self.sent_starts.get(cand.sent.start, 0)
        return _mention(cand, self.wd, self.aidx, self.pidx, self.actor_spans, n, self.dates)

    def event(self, i: int, m: Mention) -> Event:
        return _to_event(i, m, self.wd)

    def mishap(self, m: Mention) -> bool:
        return _unattributed_mishap(m, self.wd)

    @staticmethod
    def armed(ref: ActorRef) -> bool:
        return _armed(ref)
