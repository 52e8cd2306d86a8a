"""Last stage: check the span invariant everywhere and warn about gaps an analyst should know of."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from lanner.model import Span
from lanner.pipeline import WorkDoc


def iter_spans(obj: Any) -> list[Span]:
    """Every Span reachable from a model, so the invariant is checked on all of them."""
    found: list[Span] = []
    if isinstance(obj, Span):
        found.append(obj)
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            found.extend(iter_spans(getattr(obj, name)))
    elif isinstance(obj, list | tuple):
        for item in obj:
            found.extend(iter_spans(item))
    elif isinstance(obj, dict):
        for item in obj.values():
            found.extend(iter_spans(item))
    return found


def finalize(wd: WorkDoc) -> None:
    text = wd.text
    for span in iter_spans(wd.out):
        if text[span.start : span.end] != span.text:
            raise ValueError(f"span {span.start}-{span.end} {span.text!r} does not match the document text")
    for ev in wd.out.events:
        if ev.location is None and ev.type == "ASSAULT":
            wd.out.warnings.append(f"event {ev.id} ({ev.trigger.text!r}): no place could be resolved")
    if wd.out.document.published is None and any(e.date.text for e in wd.out.events):
        wd.out.warnings.append("no publication date given: event dates are left unresolved (words kept)")
