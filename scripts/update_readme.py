"""Regenerate the README's worked example from a real run, so the README cannot drift.

`python scripts/update_readme.py` rewrites the block between the example markers;
`tests/test_readme.py` runs the same function and fails when the README is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

START, END = "<!-- example:start -->", "<!-- example:end -->"
EXAMPLE = REPO / "examples" / "kobani-drone-strike.txt"


def example_block() -> str:
    import lanner

    doc = lanner.analyze(EXAMPLE.read_text(encoding="utf-8"), published="2023-01-12", outlet="Lanner sample")
    ev = next((e for e in doc.events if e.type == "ASSAULT"), doc.events[0] if doc.events else None)
    event_json = (
        json.dumps(ev.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False)
        if ev
        else "{}"
    )
    lines = [
        "```bash",
        "lanner analyze examples/kobani-drone-strike.txt --published 2023-01-12 --outlet 'Lanner sample' \\",
        "    --format json",
        "```",
        "",
        f"finds {len(doc.events)} events, {len(doc.actors)} actors, {len(doc.places)} place mentions, "
        f"{len(doc.relations)} relations, {len(doc.attributions)} attributions. Its events:",
        "",
        "| id | type/mode | ACLED sub-type | actor1 | actor2 | place | date | killed | source | status |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in doc.events:
        date = (
            f"{e.date.start}..{e.date.end}"
            if e.date.start and e.date.end != e.date.start
            else str(e.date.start or "")
        )
        lines.append(
            f"| {e.id} | {e.type}/{e.mode or ''} | {e.acled_sub_event_type or ''} "
            f"| {e.actor1.name if e.actor1 else ''} "
            f"| {e.actor2.name if e.actor2 else ''} | {e.location.name if e.location else ''} | {date} "
            f"| {'' if not e.fatalities or e.fatalities.min is None else e.fatalities.min} "
            f"| {e.attribution.source} ({e.attribution.kind}) | {e.epistemic} |"
        )
    lines += [
        "",
        "The first violent event, as JSON (null fields left out):",
        "",
        "```json",
        event_json,
        "```",
    ]
    return "\n".join(lines)


def render_readme(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{example_block()}\n{END}{tail}"


if __name__ == "__main__":
    readme = REPO / "README.md"
    readme.write_text(render_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print("README.md example updated")
