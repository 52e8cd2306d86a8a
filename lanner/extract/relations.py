"""Actor-to-actor ties claimed in the text (stub)."""

from __future__ import annotations

from lanner.pipeline import WorkDoc


def find_relations(wd: WorkDoc) -> None:
    """Set `wd.out.relations`."""
