"""FA-KES plausibility: 804 Syrian-war articles, no event gold, so we check what must hold of any coding.

Each FA-KES article is about one Syrian governorate (its `location` column). Without gold events we
can still see where events land (Syria or next door, the article's governorate), whether attacks
have a perpetrator and a toll, whether dates fall inside the war and before publication, and
whether the names we put in actor and claimant roles are actors at all. Background events (recalled
history) are left out of every rate but the date check, which looks at every dated event.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

from lanner.eval import Metric
from lanner.eval.corpora import fakes
from lanner.extract.events.match import fold
from lanner.model import Event

SUITE = "fakes"
CHECKS = json.loads((Path(__file__).parent / "fakes_checks.json").read_text(encoding="utf-8"))
NEIGHBOURS = set(CHECKS["syria_and_neighbours"])
GOVERNORATES = {k: {fold(n) for n in v} for k, v in CHECKS["governorates"].items()}
EARLIEST = dt.date(1946, 1, 1)


def _background(ev: Event) -> bool:
    return bool(getattr(ev, "background", False))


def _placed(ev: Event) -> bool:
    return ev.location is not None and ev.location.lat is not None


def _main_violent(events: list[Event]) -> Event | None:
    """The article's lead violent event: the first placed ASSAULT in text order."""
    placed = [ev for ev in events if ev.type == "ASSAULT" and _placed(ev) and not _background(ev)]
    return min(placed, key=lambda ev: ev.trigger.start) if placed else None


def _in_governorate(ev: Event, label: str) -> bool:
    loc = ev.location
    if loc is None or loc.country != "SY":
        return False
    names = GOVERNORATES.get(label, {fold(label)})
    return fold(loc.admin1 or "") in names or (loc.precision == 3 and fold(loc.name) in names)


def implausible_date(ev: Event, published: dt.date | None) -> bool:
    if ev.date.start is None or ev.epistemic in ("planned", "hypothetical"):
        return False
    if ev.date.start < EARLIEST:
        return True
    return published is not None and ev.date.start > published + dt.timedelta(days=1)


_PRONOUNS = set(CHECKS["pronouns"])
_COMMON = set(CHECKS["common_heads"])
_AGENCIES = {fold(a) for a in CHECKS["agencies_and_monitors"]}
_ANAPHORS = set(CHECKS["claimant_anaphors"])
_DETERMINERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "one",
    "two",
    "some",
}
_PLACES = {fold(p) for p in CHECKS["places"]} | set().union(*GOVERNORATES.values())


def junk_name(name: str, claimant: bool = False) -> str | None:
    """Why a name in an actor (or claimant) role is not one, or None if it may be.

    A news agency or monitor is a fine claimant ("SOHR said") but never an actor of the event; an
    anonymous description is a fine claimant ("a military source", "activists") but an actor needs a
    name or a whose ("Syrian army"), and a claimant that is only a pronoun or an anaphor ("the
    statement", "the group") should have been resolved to what it refers to.
    """
    plain = fold(name)
    if re.fullmatch(r"(Civilians|Protesters|Rioters|Unidentified Armed Group) \([A-Z][^()]+\)", name):
        return None  # ACLED's generic actor of a country ("Civilians (Syria)"); bare "Civilians" is not
    bare = re.sub(r"\(.*?\)", "", name).strip()
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", bare)
    if not words:
        return "no words"
    lowered = [w.lower() for w in words]
    if name.lower().strip() in _PRONOUNS:
        return "pronoun"
    if re.match(
        r"^(\d+([:/.-]\d+)*\b(?!(st|nd|rd|th)\b)|(some|around|about|more than|at least|over) \d)", bare, re.I
    ):
        return "number or time"
    if claimant:
        definite = lowered[0] in ("the", "this", "that") and len(words) == 2 and lowered[1] in _ANAPHORS
        return "anaphor" if definite else None
    if plain in _AGENCIES:
        return "news agency / outlet / monitor"
    if all(w.islower() for w in words) or (
        lowered[0] in _DETERMINERS and all(w.islower() for w in words[1:])
    ):
        return "bare common noun"
    if len(words) == 1 and lowered[0] in _COMMON:
        return "bare common noun"
    if plain in _PLACES:
        return "place"
    return None


def score() -> tuple[dict[str, float], dict[str, list[tuple[str, int, str]]]]:
    n_docs = n_refused = 0
    events_all = placed_all = 0
    violent = violent_placed = violent_outside = violent_actor1 = violent_toll = 0
    syrian_placed = town_precision = 0
    dated = bad_dates = 0
    in_gov = 0
    actor_counts: Counter[str] = Counter()
    claimant_counts: Counter[str] = Counter()
    for res in fakes():
        n_docs += 1
        if res.doc is None:
            n_refused += 1
            continue
        published = res.item["published"]
        for ev in res.doc.events:
            if ev.date.start is not None:
                dated += 1
                bad_dates += implausible_date(ev, published)
            for ref in (ev.actor1, ev.actor2):
                if ref is not None:
                    actor_counts[ref.name] += 1
            if ev.attribution.kind in ("named", "anonymous"):
                claimant_counts[ev.attribution.source] += 1
            if _background(ev):
                continue
            events_all += 1
            placed_all += _placed(ev)
            if _placed(ev) and ev.location.country == "SY":
                syrian_placed += 1
                town_precision += ev.location.precision == 1
            if ev.type != "ASSAULT":
                continue
            violent += 1
            violent_actor1 += ev.actor1 is not None
            violent_toll += ev.fatalities is not None
            if _placed(ev):
                violent_placed += 1
                violent_outside += ev.location.country not in NEIGHBOURS
        main = _main_violent(res.doc.events)
        in_gov += main is not None and _in_governorate(main, res.item["governorate"])
    junk: dict[str, list[tuple[str, int, str]]] = {"actors": [], "claimants": []}
    for kind, counts in (("actors", actor_counts), ("claimants", claimant_counts)):
        for name, n in counts.most_common(500):
            why = junk_name(name, claimant=kind == "claimants")
            if why:
                junk[kind].append((name, n, why))
    analysed = n_docs - n_refused

    def r(a: int, b: int) -> float:
        return a / b if b else 0.0

    figures = {
        "violent_placed": r(violent_placed, violent),
        "all_placed": r(placed_all, events_all),
        "violent_outside_region": r(violent_outside, violent_placed),
        "main_event_in_governorate": r(in_gov, analysed),
        "syrian_town_precision": r(town_precision, syrian_placed),
        "assault_with_actor1": r(violent_actor1, violent),
        "assault_with_toll": r(violent_toll, violent),
        "implausible_dates": r(bad_dates, dated),
        "junk_actors_top500": float(len(junk["actors"])),
        "junk_claimants_top500": float(len(junk["claimants"])),
        "refused_articles": float(n_refused),
        "events": float(events_all),
    }
    return figures, junk


LOWER_IS_BETTER = {
    "violent_outside_region",
    "implausible_dates",
    "junk_actors_top500",
    "junk_claimants_top500",
    "refused_articles",
}


def run() -> list[Metric]:
    figures, _ = score()
    return [Metric(SUITE, k, v, None, k not in LOWER_IS_BETTER) for k, v in figures.items()]


def main() -> None:
    """`python -m lanner.eval.suite_fakes`: the figures and the junk names, with the reason for each."""
    figures, junk = score()
    for kind, rows in junk.items():
        for name, n, why in rows:
            print(f"junk {kind[:-1]:9s} {n:4d}  {name!r}  ({why})")
    for k, v in figures.items():
        print(f"{k:30s} {v:.4f}")


if __name__ == "__main__":
    main()
