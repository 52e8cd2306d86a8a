"""Toponym recognition and geocoding of every place mention (stub)."""

from __future__ import annotations

from lanner.pipeline import WorkDoc


def find_places(wd: WorkDoc) -> None:
    """Set `wd.out.places`: each mention with its resolution, metonym flag and relation."""
