"""Actor mentions resolved to the KB (stub)."""

from __future__ import annotations

from lanner.pipeline import WorkDoc


def find_actors(wd: WorkDoc) -> None:
    """Set `wd.out.actors` and `wd.actor_refs` (every resolved mention, in text order)."""
