"""Event detection and coding (stub)."""

from __future__ import annotations

from lanner.pipeline import WorkDoc


def find_events(wd: WorkDoc) -> None:
    """Set `wd.out.events`."""
