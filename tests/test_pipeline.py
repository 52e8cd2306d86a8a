"""The runner: stages in declared order, and any failure names its stage."""

from __future__ import annotations

import pytest

from lanner.api import STAGES, default_pipeline
from lanner.errors import StageFailure
from lanner.model import RawDocument
from lanner.pipeline import Pipeline, Stage, WorkDoc
from lanner.settings import SETTINGS


def test_default_stage_order():
    assert default_pipeline().names == [
        "nlp",
        "places",
        "actors",
        "sourcing",
        "framing",
        "events",
        "chronology",
        "denials",
        "relations",
        "finalize",
    ]


def test_misordered_stages_fail_at_construction():
    events = next(s for s in STAGES if s.name == "events")
    with pytest.raises(ValueError, match="events"):
        Pipeline([events, *[s for s in STAGES if s.name != "events"]])


def test_stage_error_names_the_stage():
    def explode(wd: WorkDoc) -> None:
        raise KeyError("missing lexicon")

    pipe = Pipeline([*STAGES[:2], Stage("exploder", explode, needs=("places",))])
    with pytest.raises(StageFailure, match="stage 'exploder' failed: KeyError"):
        pipe(RawDocument(text="Troops entered the town of Ariha on Monday."))


def test_every_setting_is_documented_in_readme():
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert s.env in readme, f"{s.env} is not documented in README.md"
