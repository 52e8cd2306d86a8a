"""The evaluation harness: suites over the development sets in ../shared, with pinned floors.

A suite is a module `lanner/eval/suite_<name>.py` with `run() -> list[Metric]`; its floors live in
`lanner/eval/floors/<name>.json` as {metric: floor}. Raising a floor locks progress in; lowering one
needs a reason in the commit. The data is read from ../shared (or LANNER_SHARED) and never copied.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
from dataclasses import dataclass
from pathlib import Path

FLOORS_DIR = Path(__file__).parent / "floors"


@dataclass
class Metric:
    suite: str
    name: str
    value: float
    anchor: str | None = None  # a published figure to compare with, as text
    higher_is_better: bool = True


def shared_path(*parts: str) -> Path:
    """../shared beside the repo (as CI lays it), or LANNER_SHARED."""
    base = os.environ.get("LANNER_SHARED")
    root = Path(base) if base else Path(__file__).resolve().parents[2].parent / "shared"
    return root.joinpath(*parts)


def suite_names() -> list[str]:
    return sorted(
        m.name.removeprefix("suite_") for m in pkgutil.iter_modules(__path__) if m.name.startswith("suite_")
    )


def run_suite(name: str) -> list[Metric]:
    module = importlib.import_module(f"lanner.eval.suite_{name}")
    return list(module.run())


def floors(name: str) -> dict[str, float]:
    path = FLOORS_DIR / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def below_floor(metrics: list[Metric]) -> list[str]:
    """Metrics under their recorded floor (or above a ceiling for lower-is-better metrics)."""
    failures = []
    for m in metrics:
        floor = floors(m.suite).get(m.name)
        if floor is None:
            continue
        bad = m.value < floor - 1e-9 if m.higher_is_better else m.value > floor + 1e-9
        if bad:
            failures.append(f"{m.suite}/{m.name} = {m.value:.4f}, floor {floor}")
    return failures
