"""ACLED Africa 2016 notes: does the pipeline put an event where ACLED's coders put it?

Each of the 500 rows of ../shared/data/acled-africa-2016 (read in place, internal evaluation only:
nothing of it is copied into the repository) has ACLED's short English summary of one event and its
coded point. The note is analysed like a report whose dateline names ACLED's country ("Mali - Two
armed men ..."; the country is the row's context, as a dateline is a report's), published on the
event's date; its main event
(the first event in text order that is not recalled background) should be placed, and within 10 km
of ACLED's point. Conflict-zone villages and ACLED's own spellings are what this measures.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools

from lanner.eval import Metric, shared_path
from lanner.model import AnalyzedDocument, Event, RawDocument
from lanner.resolve.gazetteer import haversine_km

SUITE = "acled"
ACLED = ("data", "acled-africa-2016", "acled_africa_2016-06_07.csv")
NEAR_KM = 10.0


def note_text(row: dict[str, str]) -> str:
    """The note behind a dateline of its country: what a reader of the row sees."""
    return f"{row['country']} - {row['notes'].strip()}"


def main_event(doc: AnalyzedDocument) -> Event | None:
    """The note's event: the first one in text order that is not recalled background."""
    events = [ev for ev in doc.events if not getattr(ev, "background", False)]
    return min(events, key=lambda ev: ev.trigger.start) if events else None


@functools.cache
def analysed() -> list[tuple[dict[str, str], AnalyzedDocument | None]]:
    """Every note with its analysis; None where the input check refuses it (it counts as unplaced)."""
    import lanner
    from lanner.errors import LannerError
    from lanner.ingest.validate import check_text

    with open(shared_path(*ACLED), encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notes"].strip()]
    ok = []
    for r in rows:
        try:
            check_text(note_text(r))
            ok.append(r)
        except LannerError:
            pass
    raws = [RawDocument(text=note_text(r), published=dt.date.fromisoformat(r["event_date"])) for r in ok]
    docs = dict(zip((id(r) for r in ok), lanner.analyze_many(raws), strict=True))
    return [(r, docs.get(id(r))) for r in rows]


def score() -> dict[str, float]:
    n = placed = near = 0
    errors: list[float] = []
    for row, doc in analysed():
        n += 1
        ev = main_event(doc) if doc is not None else None
        if ev is None or ev.location is None or ev.location.lat is None:
            continue
        placed += 1
        km = haversine_km(ev.location.lat, ev.location.lon, float(row["latitude"]), float(row["longitude"]))
        errors.append(km)
        near += km <= NEAR_KM
    errors.sort()
    return {
        "main_event_within_10km": near / n if n else 0.0,
        "main_event_placed": placed / n if n else 0.0,
        "median_error_km": errors[len(errors) // 2] if errors else 0.0,
        "notes": float(n),
    }


def run() -> list[Metric]:
    if not shared_path(*ACLED).exists():
        return []
    figures = score()
    return [Metric(SUITE, k, v, None, k != "median_error_km") for k, v in figures.items()]


def main() -> None:
    """`python -m lanner.eval.suite_acled`: the figures, and the notes whose main event is far or unplaced."""
    for k, v in score().items():
        print(f"{k:28s} {v:.4f}")


if __name__ == "__main__":
    main()
