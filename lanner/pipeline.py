"""The pipeline: an ordered list of named stages over one `WorkDoc`.

Each stage is a plain function `stage(wd) -> None` that declares what it needs and what it sets,
so a misordered pipeline fails at construction, and any error inside a stage is re-raised with
the stage's name (spaCy's `Language.__call__` does the same).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lanner.errors import LannerError, StageFailure
from lanner.model import ActorRef, AnalyzedDocument, DocumentMeta, RawDocument


@dataclass
class WorkDoc:
    """The document in flight: the output being filled plus working state that is not serialised."""

    out: AnalyzedDocument
    sdoc: Any = None  # spacy.tokens.Doc, set by the nlp stage
    actor_refs: list[ActorRef] = field(default_factory=list)  # every resolved actor mention, text order
    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.out.text


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[[WorkDoc], None]
    needs: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()


class Pipeline:
    def __init__(self, stages: list[Stage]) -> None:
        have: set[str] = {"text"}
        for st in stages:
            missing = [n for n in st.needs if n not in have]
            if missing:
                raise ValueError(f"stage {st.name!r} needs {missing}, which no earlier stage sets")
            have.update(st.sets)
        self.stages = stages

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def new_workdoc(self, raw: RawDocument) -> WorkDoc:
        meta = DocumentMeta(
            id=hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
            title=raw.title,
            url=raw.url,
            outlet=raw.outlet,
            published=raw.published,
            chars=len(raw.text),
        )
        return WorkDoc(out=AnalyzedDocument(document=meta, text=raw.text))

    def run_stages(self, wd: WorkDoc) -> AnalyzedDocument:
        for st in self.stages:
            try:
                st.func(wd)
            except LannerError:
                raise
            except Exception as e:  # noqa: BLE001 - re-raised with the stage name
                raise StageFailure(f"stage {st.name!r} failed: {type(e).__name__}: {e}") from e
        return wd.out

    def __call__(self, raw: RawDocument) -> AnalyzedDocument:
        return self.run_stages(self.new_workdoc(raw))

    def pipe(self, raws: Iterable[RawDocument]) -> Iterator[AnalyzedDocument]:
        for raw in raws:
            yield self(raw)
