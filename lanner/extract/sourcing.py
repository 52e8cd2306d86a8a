"""Attribution and certainty cues (stub)."""

from __future__ import annotations

from lanner.model import EventAttribution
from lanner.pipeline import WorkDoc


def find_sourcing(wd: WorkDoc) -> None:
    """Set `wd.out.attributions`, `wd.out.framing.hedges` and `wd.out.framing.certainty`."""


def attribution_for(wd: WorkDoc, start: int, end: int) -> EventAttribution:
    """The source the outlet gives for the claim at [start, end); the outlet itself if none."""
    return EventAttribution(source=wd.out.document.outlet or "outlet", kind="outlet")
