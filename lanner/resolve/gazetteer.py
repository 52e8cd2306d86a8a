"""Gazetteer lookup (stub: replaced by the geocoding work)."""

from __future__ import annotations

from typing import Any


def ruler_patterns() -> list[dict[str, Any]]:
    return []
