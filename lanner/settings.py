"""One settings table: name, default, help. Values come from LANNER_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "LANNER_" + self.name.upper()


SETTINGS = [
    Setting("db", "sqlite:///lanner.db", "Database URL: a SQLite file by default, or postgresql://..."),
    Setting("max_bytes", 5_000_000, "Largest input file accepted, in bytes; a report is rarely over 100 kB"),
    Setting(
        "max_chars", 100_000, "Longest single report analysed, in characters; longer ones are refused (E004)"
    ),
    Setting(
        "english_margin",
        -2.0,
        "How far (natural log) English may trail the language identifier's best guess and still count",
    ),
    Setting("batch_size", 32, "Documents parsed together by nlp.pipe during ingest"),
    Setting("fetch_timeout", 20.0, "Seconds a URL fetch may take in all (connect, headers and body)"),
]
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """The setting's value, from the environment if set, cast to the default's type."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env)
    if raw is None:
        return setting.default
    try:
        return type(setting.default)(raw)
    except ValueError as e:
        raise ValueError(f"{setting.env}={raw!r} is not a valid {type(setting.default).__name__}") from e
