"""Loaded language and the per-document framing scores (stub)."""

from __future__ import annotations

from lanner.pipeline import WorkDoc


def find_framing(wd: WorkDoc) -> None:
    """Set `wd.out.framing.loaded_terms` and `wd.out.framing.scores`."""
