"""Real war reports: the 40 articles of ../shared/data/real-reports-dev scored as its README says.

The figure users judge Lanner by. Gold events are matched one-to-one, greedily, to predicted
events of the same PLOVER type whose place agrees (coordinates within 25 km, or normalised names
sharing a 4-letter token or one containing the other) or whose actors agree (actor1 equal after
normalisation, or the actor pair equal in either order). Precision is a lower bound: the gold is
conservative, so a correct background event counts against us. Field accuracy is over matched
pairs, null matching only null, as the README asks.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from lanner.eval import Metric
from lanner.eval.corpora import real_reports
from lanner.model import Event

SUITE = "real_reports"
ALIASES = json.loads((Path(__file__).parent / "real_reports_aliases.json").read_text(encoding="utf-8"))[
    "aliases"
]
FIELDS = ("actor1", "actor2", "place", "acled_event_type", "epistemic", "date", "fatalities")


def _plain(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[’‘`'ʿʾ]", "", text.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def actor_forms(name: str | None) -> set[str]:
    """The name without its parenthesis, the parenthesised alias alone, each through the alias table."""
    if not name:
        return set()
    forms = {_plain(re.sub(r"\(.*?\)", "", name)), _plain(name)}
    forms.update(_plain(inner) for inner in re.findall(r"\((.*?)\)", name))
    for part in list(forms):
        forms.update(_plain(p) for p in part.split("/") if "/" in part)
    forms = {f for f in forms if f}
    return forms | {ALIASES[f] for f in forms if f in ALIASES}


def actors_equal(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return bool(actor_forms(gold) & actor_forms(pred))


def place_tokens(name: str) -> str:
    name = re.sub(r"\b(al|el)[- ]", " ", name, flags=re.I)
    return _plain(name)


def names_overlap(gold: str, pred: str) -> bool:
    g, p = place_tokens(gold), place_tokens(pred)
    if not g or not p:
        return False
    if g in p or p in g:
        return True
    return bool({t for t in g.split() if len(t) >= 4} & {t for t in p.split() if len(t) >= 4})


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(d))


def place_agrees(gold: dict, ev: Event) -> bool:
    loc = ev.location
    if loc is None or not gold.get("location"):
        return False
    if gold.get("lat") is not None and loc.lat is not None and loc.lon is not None:
        if _km(gold["lat"], gold["lon"], loc.lat, loc.lon) <= 25:
            return True
    names = [loc.name] + ([loc.mention.text] if loc.mention else [])
    return any(names_overlap(gold["location"], n) for n in names)


def _name(ref) -> str | None:  # noqa: ANN001 - ActorRef | None
    return ref.name if ref is not None else None


def actors_agree(gold: dict, ev: Event) -> bool:
    a1, a2 = _name(ev.actor1), _name(ev.actor2)
    if gold.get("actor1") and actors_equal(gold["actor1"], a1):
        return True
    if gold.get("actor1") and gold.get("actor2") and a1 and a2:
        return actors_equal(gold["actor1"], a2) and actors_equal(gold["actor2"], a1)
    return False


def matches(gold: dict, ev: Event) -> bool:
    return ev.type == gold["type"] and (place_agrees(gold, ev) or actors_agree(gold, ev))


def pred_date(ev: Event) -> str | None:
    d = ev.date
    if d.precision == "day" and d.start is not None and (d.end is None or d.end == d.start):
        return d.start.isoformat()
    return None


def pred_fatalities(ev: Event) -> int | None:
    return ev.fatalities.min if ev.fatalities is not None else None


def field_right(gold: dict, ev: Event) -> dict[str, bool]:
    place = place_agrees(gold, ev) if gold.get("location") else ev.location is None
    return {
        "actor1": actors_equal(gold.get("actor1"), _name(ev.actor1)),
        "actor2": actors_equal(gold.get("actor2"), _name(ev.actor2)),
        "place": place,
        "acled_event_type": gold.get("acled_event_type") == ev.acled_event_type,
        "epistemic": gold.get("epistemic") == ev.epistemic,
        "date": gold.get("date") == pred_date(ev),
        "fatalities": gold.get("fatalities") == pred_fatalities(ev),
    }


def pair_events(golds: list[dict], events: list[Event]) -> list[tuple[dict, Event]]:
    """Greedy one-to-one matching, the best-agreeing pair first."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, ev in enumerate(events):
            if matches(g, ev):
                cands.append((sum(field_right(g, ev).values()), -gi, -pi, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for *_, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((golds[gi], events[pi]))
    return out


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score() -> tuple[dict[str, float], list[dict]]:
    """All figures, plus one row per article (for debugging a drop)."""
    n_gold = n_pred = n_match = 0
    right: dict[str, int] = defaultdict(int)
    nonnull = {"date": [0, 0], "fatalities": [0, 0]}
    by_conflict: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # gold, pred, matched
    by_epi: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # gold, matched, epistemic right
    lt_gold = lt_pred = lt_hit_r = lt_hit_p = 0
    rows = []
    for res in real_reports():
        item, doc = res.item, res.doc
        events = [ev for ev in (doc.events if doc else []) if not getattr(ev, "background", False)]
        golds = item["events"]
        pairs = pair_events(golds, events)
        n_gold, n_pred, n_match = n_gold + len(golds), n_pred + len(events), n_match + len(pairs)
        conflict = "syria" if item["conflict"] == "syria" else "other"
        for key in (conflict, item["conflict"]):
            c = by_conflict[key]
            c[0], c[1], c[2] = c[0] + len(golds), c[1] + len(events), c[2] + len(pairs)
        for g in golds:
            by_epi[g["epistemic"]][0] += 1
        for g, ev in pairs:
            ok = field_right(g, ev)
            for f in FIELDS:
                right[f] += ok[f]
            for f in nonnull:
                if g.get(f) is not None:
                    nonnull[f][0] += 1
                    nonnull[f][1] += ok[f]
            by_epi[g["epistemic"]][1] += 1
            by_epi[g["epistemic"]][2] += ok["epistemic"]
        gold_terms = set(item.get("loaded_terms") or [])
        pred_terms = {t.span.text for t in (doc.framing.loaded_terms if doc else []) if t.voice == "outlet"}
        lt_gold, lt_pred = lt_gold + len(gold_terms), lt_pred + len(pred_terms)
        lt_hit_r += len(gold_terms & pred_terms)
        lt_hit_p += len(gold_terms & pred_terms)
        rows.append({"id": item["id"], "gold": len(golds), "pred": len(events), "matched": len(pairs),
                     "error": res.error})  # fmt: skip
    recall, precision = _ratio(n_match, n_gold), _ratio(n_match, n_pred)
    out = {
        "event_recall": recall,
        "event_precision": precision,
        "event_f1": 2 * recall * precision / (recall + precision) if recall + precision else 0.0,
    }
    for f in FIELDS:
        out[f"{f}_accuracy"] = _ratio(right[f], n_match)
    for f, (den, num) in nonnull.items():
        out[f"{f}_accuracy_where_gold"] = _ratio(num, den)
    for key, (g, p, m) in sorted(by_conflict.items()):
        r, pr = _ratio(m, g), _ratio(m, p)
        out[f"f1:{key}"] = 2 * r * pr / (r + pr) if r + pr else 0.0
    for key, (g, m, e) in sorted(by_epi.items()):
        out[f"recall:{key}"] = _ratio(m, g)
        out[f"epistemic_right:{key}"] = _ratio(e, g)
    out["loaded_recall"] = _ratio(lt_hit_r, lt_gold)
    out["loaded_precision"] = _ratio(lt_hit_p, lt_pred)
    out["gold_events"], out["predicted_events"] = float(n_gold), float(n_pred)
    return out, rows


def run() -> list[Metric]:
    figures, _ = score()
    anchors = {"event_f1": "target 0.70 (issue 11)", "event_recall": "136 gold events, 40 articles"}
    return [Metric(SUITE, k, v, anchors.get(k)) for k, v in figures.items()]


def main() -> None:
    """`python -m lanner.eval.suite_real_reports`: the figures and the per-article rows."""
    figures, rows = score()
    for r in rows:
        print(f"{r['id']:55s} gold {r['gold']} pred {r['pred']:2d} matched {r['matched']} {r['error'] or ''}")
    for k, v in figures.items():
        print(f"{k:35s} {v:.3f}")


if __name__ == "__main__":
    main()
