"""The cue words around place names (\"the town of\", \"X countryside\", \"north of\"), compiled once.

Both the places stage and the span resolver read them, so they live below both.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from lanner.resolve.gazetteer import DATA


@functools.cache
def cues() -> dict[str, Any]:
    c = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    c["_rel"] = [
        re.compile(r"(" + p + r")\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.I)
        for p in c["relations"]
    ]
    c["_rel_after"] = [re.compile(p, re.I) for p in c["relations_after"]]
    c["_link"] = [re.compile(p, re.I) for p in c["admin_link"]]
    c["_settle_before"] = re.compile(r"\b(?:" + "|".join(c["settlement_before"]) + r")\s+of\s+$")
    admin = "|".join(c["admin_after"])
    c["_admin_before"] = re.compile(r"\b(?:" + admin + r")\s+of\s+(?:\S+,?\s+(?:and\s+)?)?$")
    return c
