"""WikiEvents dev (Li, Ji & Han 2021; KAIROS ontology): attack detection and attack arguments.

Documents are rebuilt from their sentences (one per line) so every gold token has a character
offset in the text we analyse. A gold Conflict.Attack.* mention is found when one of our ASSAULT
mentions (one per event and sentence, from the mentions before merging) has a trigger overlapping
its trigger token. Arguments: our actor1 -> Attacker, actor2 -> Target/Victim, location and other locations ->
Place (unresolved target and place phrases the events stage keeps on each mention count too: the
role is found even when it names no actor or gazetteer place); a predicted argument is right when
its event matched a gold attack mention with that role and its span holds the gold argument's head
word (the last token of the gold entity mention). `argument_*` score the arguments of the mentions
whose trigger matched (the usual setting of argument extraction given the trigger, as in Li et al.
2021); `argument_f1_end2end` also counts the arguments of unmatched predictions and of missed gold
mentions.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from lanner.eval import Metric, shared_path
from lanner.model import RawDocument

SUITE = "wikievents"
ROLE_OF = {"Attacker": "attacker", "Target": "target", "Victim": "target", "Place": "place"}


@dataclass
class GoldDoc:
    text: str
    attacks: list[tuple[int, int, list[tuple[str, int]]]] = field(default_factory=list)  # start, end, args


def _rebuild(doc: dict) -> GoldDoc:
    """Text from the sentences, and each gold token's character span in it."""
    parts, offsets, pos = [], [], 0
    for toks, sent_text in doc["sentences"]:
        base = toks[0][1]
        for word, s, _ in toks:
            local = s - base
            if sent_text[local : local + len(word)] != word:
                found = sent_text.find(word, max(0, local - 5))
                local = found if found >= 0 else local
            offsets.append((pos + local, pos + local + len(word)))
        parts.append(sent_text)
        pos += len(sent_text) + 1
    gold = GoldDoc(text="\n".join(parts))
    ents = {e["id"]: e for e in doc["entity_mentions"]}
    for em in doc["event_mentions"]:
        if not em["event_type"].startswith("Conflict.Attack"):
            continue
        t = em["trigger"]
        args = []
        for a in em["arguments"]:
            role = ROLE_OF.get(a["role"])
            ent = ents.get(a["entity_id"])
            if role and ent:
                args.append((role, offsets[ent["end"] - 1][0]))
        gold.attacks.append((offsets[t["start"]][0], offsets[t["end"] - 1][1], args))
    return gold


def load() -> list[GoldDoc]:
    path = shared_path("data", "wikievents", "dev.jsonl")
    with path.open(encoding="utf-8") as fh:
        return [_rebuild(json.loads(line)) for line in fh if line.strip()]


Pred = tuple[list[tuple[int, int]], list[tuple[str, int, int]]]  # trigger spans, (role, start, end)


def _predictions(raw: RawDocument) -> list[Pred]:
    """One prediction per event and sentence: an event told twice in one sentence ("the bombing was
    an attack on ...") is one mention with two trigger words, as an annotator marks it once."""
    from lanner.api import default_pipeline

    pipe = default_pipeline()
    wd = pipe.new_workdoc(raw)
    for stage in pipe.stages:  # up to the events stage: relations and finalize add nothing here
        stage.func(wd)
        if stage.name == "events":
            break
    units: dict[tuple[str, int], Pred] = {}
    # WikiEvents marks every attack mention, vague ones too; the events stage finds those but codes only
    # the events an analyst would (`event_article`), keeping the rest on record as low-value events
    for ev in [*wd.out.events, *wd.scratch.get("low_value_events", [])]:
        if ev.type != "ASSAULT":
            continue
        for m in wd.scratch.get("event_mentions", {}).get(ev.id, []):
            triggers, args = units.setdefault((ev.id, m.sent_index), ([], []))
            triggers.append((m.trigger.start, m.trigger.end))
            spans = [("attacker", m.actor1.mention if m.actor1 else None)]
            spans.append(("target", m.actor2.mention if m.actor2 else m.target))
            spans += [("place", loc.mention) for loc in m.locations]
            if not m.locations:
                spans.append(("place", m.place_phrase))
            for role, span in spans:
                if span is not None and (role, span.start, span.end) not in args:
                    args.append((role, span.start, span.end))
    return list(units.values())


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[GoldDoc]) -> dict[str, float]:
    trig_tp = n_pred = n_gold = 0
    arg_tp = arg_pred = arg_gold = 0
    m_pred = m_gold = 0  # arguments of matched mentions only (the usual "given the trigger" setting)
    for gold in docs:
        preds = _predictions(RawDocument(text=gold.text))
        n_pred += len(preds)
        n_gold += len(gold.attacks)
        arg_gold += sum(len(a) for *_, a in gold.attacks)
        arg_pred += sum(len(a) for *_, a in preds)
        used: set[int] = set()
        for triggers, pargs in preds:
            hits = (
                k
                for k, (gs, ge, _) in enumerate(gold.attacks)
                if k not in used and any(ps < ge and gs < pe for ps, pe in triggers)
            )
            match = next(hits, None)
            if match is None:
                continue
            used.add(match)
            trig_tp += 1
            gargs = list(gold.attacks[match][2])
            m_pred += len(pargs)
            m_gold += len(gargs)
            for role, s, e in pargs:
                hit = next((g for g in gargs if g[0] == role and s <= g[1] < e), None)
                if hit is not None:
                    gargs.remove(hit)
                    arg_tp += 1
    tp_, tr_, tf = _f1(trig_tp, n_pred, n_gold)
    ap, ar, af = _f1(arg_tp, m_pred, m_gold)
    _, _, e2e = _f1(arg_tp, arg_pred, arg_gold)
    return {"attack_p": tp_, "attack_r": tr_, "attack_f1": tf, "arg_p": ap, "arg_r": ar, "arg_f1": af,
            "arg_f1_e2e": e2e}


def run() -> list[Metric]:
    t0 = time.perf_counter()
    s = score(load())
    secs = time.perf_counter() - t0
    return [
        Metric(SUITE, "attack_f1", s["attack_f1"], anchor="target >= 0.70"),
        Metric(SUITE, "attack_precision", s["attack_p"]),
        Metric(SUITE, "attack_recall", s["attack_r"]),
        Metric(SUITE, "argument_f1", s["arg_f1"], anchor="target >= 0.45"),
        Metric(SUITE, "argument_precision", s["arg_p"]),
        Metric(SUITE, "argument_recall", s["arg_r"]),
        Metric(SUITE, "argument_f1_end2end", s["arg_f1_e2e"], anchor="all predicted vs all gold arguments"),
        Metric(SUITE, "seconds", secs, higher_is_better=False),
    ]
