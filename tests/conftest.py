"""Shared fixtures: the real pipeline, loaded once; the seed article; a real SQLite file per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from lanner.eval import shared_path

REPO = Path(__file__).resolve().parents[1]
SEED = shared_path("examples", "seed-idlib-arms.txt")
SEED_GOLD = shared_path("examples", "seed-idlib-arms.gold.json")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    import lanner

    return lanner.analyze(seed_text, published="2022-12-05", outlet="Alwaght")


@pytest.fixture()
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'lanner.db'}"
