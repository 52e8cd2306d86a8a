"""`python -m lanner.eval [SUITE...]`: print one table of metrics; exit 1 if any is under its floor."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from lanner.eval import Metric, below_floor, floors, run_suite, suite_names

FIRST = ("real_reports", "fakes")


def main(argv: list[str]) -> int:
    names = argv or suite_names()
    # the users' material first: the figures Lanner is judged by
    names = [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]
    metrics: list[Metric] = []
    for name in names:
        metrics.extend(run_suite(name))
    table = Table(title="Lanner evaluation (development sets)")
    for col in ("suite", "metric", "value", "floor", "anchor"):
        table.add_column(col)
    for m in metrics:
        floor = floors(m.suite).get(m.name)
        table.add_row(m.suite, m.name, f"{m.value:.4f}", "" if floor is None else f"{floor}", m.anchor or "")
    Console(width=160).print(table)
    failures = below_floor(metrics)
    for f in failures:
        print(f"BELOW FLOOR: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
