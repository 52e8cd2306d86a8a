"""The JSON contract: pydantic models shared by every stage and by the output.

Every extracted thing carries a `Span` into the document text, so an analyst can always go back
to the words behind a field. `AnalyzedDocument` is what `lanner analyze` prints and what the store
keeps; `lanner schema` prints its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
Epistemic = Literal["asserted", "attributed", "rumored", "speculative", "denied", "planned", "hypothetical"]
AttributionKind = Literal["outlet", "named", "anonymous", "unspecified"]
DatePrecision = Literal["day", "week", "month", "year", "range", "unknown"]
RelationType = Literal["supports", "part_of", "allied", "affiliated", "fights", "opposes"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Half-open character offsets into the document text; `text == doc_text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start or len(self.text) != self.end - self.start:
            raise ValueError(f"span [{self.start},{self.end}) does not match text of length {len(self.text)}")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=text[start:end])


class ActorRef(_Model):
    """An actor as it fills an event role: canonical neutral name plus the words the outlet used."""

    name: str
    kb_id: str | None = None
    type: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    acled_inter: int | None = Field(default=None, ge=1, le=8)
    mention: Span | None = None
    label: str | None = Field(default=None, description="the outlet's loaded label, if it used one")


class Resolution(_Model):
    """Where a place name points in the gazetteer."""

    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    precision: int = Field(default=1, ge=1, le=3, description="ACLED geo_precision")
    source: str | None = Field(default=None, description="gazetteer row source: geonames / ucdp / ...")


class Location(Resolution):
    """An event's place: a resolved mention, with the relation to it ("outskirts of", "30 km SE of")."""

    precision: int | None = Field(
        default=1, ge=1, le=3, description="ACLED geo_precision; none for a place without coordinates"
    )
    mention: Span | None = None
    relation: str | None = None

    @model_validator(mode="after")
    def _no_precision_without_point(self) -> Location:
        """A precision describes a coded point: a place the gazetteer could not place has none."""
        if self.lat is None and self.precision is not None:
            object.__setattr__(self, "precision", None)
        return self


class Place(_Model):
    """Every place mention in the document, resolved or not."""

    mention: Span
    resolution: Resolution | None = None
    metonym: bool = Field(
        default=False, description="used as an actor (e.g. 'Ankara' = Government of Turkey)"
    )
    relation: str | None = Field(
        default=None, description="'outskirts of', '30 km southeast of', ... or null"
    )
    candidates: int = 0


class EventDate(_Model):
    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None
    span: Span | None = None
    precision: DatePrecision = "unknown"


class Count(_Model):
    """A casualty range; ACLED's conservative rule: no number in the text means null, never a guess."""

    min: int | None = None
    max: int | None = None
    text: str | None = None
    span: Span | None = None


class EventAttribution(_Model):
    source: str
    kind: AttributionKind
    span: Span | None = None


class Event(_Model):
    id: str
    type: PloverType
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = Field(default=None, pattern=r"^\d\d$")
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors: list[ActorRef] = Field(default_factory=list)
    location: Location | None = None
    other_locations: list[Location] = Field(default_factory=list)
    date: EventDate = Field(default_factory=EventDate)
    fatalities: Count | None = None
    injured: Count | None = None
    attribution: EventAttribution
    epistemic: Epistemic
    trigger: Span
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)
    background: bool = Field(
        default=False,
        description="recalled from well before publication (more than about a month), not reported as "
        "news: kept for context, with no ACLED code",
    )


class ActorMention(_Model):
    span: Span
    label: str | None = None


class Actor(_Model):
    """A document-level actor: one canonical entity and every mention of it."""

    id: str
    name: str
    type: str | None = None
    country: str | None = None
    acled_inter: int | None = Field(default=None, ge=1, le=8)
    in_kb: bool = True
    mentions: list[ActorMention] = Field(default_factory=list)


class Relation(_Model):
    source: str
    source_id: str | None = None
    type: RelationType
    target: str
    target_id: str | None = None
    claimed_by: str = "outlet"
    claim_kind: AttributionKind = "outlet"
    evidence: Span
    date: dt.date | None = None


class Attribution(_Model):
    source: Span
    cue: Span
    content: Span | None = None
    kind: AttributionKind


class LoadedTerm(_Model):
    span: Span
    term: str
    category: str
    neutral: str | None = None
    voice: Literal["outlet", "quoted", "official"] = "outlet"


class Marker(_Model):
    """A hedge or an unsupported-certainty cue, with the clause it governs."""

    span: Span
    kind: Literal["hedge", "certainty", "rumor", "negation", "future"]
    scope: Span | None = None


class BiasedSentence(_Model):
    """A sentence the bias scorer judges written in an opinionated or one-sided way, with its probability."""

    span: Span
    score: float = Field(ge=0.0, le=1.0)


class Framing(_Model):
    loaded_terms: list[LoadedTerm] = Field(default_factory=list)
    hedges: list[Marker] = Field(default_factory=list)
    certainty: list[Marker] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)
    biased_sentences: list[BiasedSentence] = Field(default_factory=list)


class DocumentMeta(_Model):
    id: str = Field(description="sha256 of the text")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str = "en"
    chars: int


class AnalyzedDocument(_Model):
    schema_version: str = SCHEMA_VERSION
    document: DocumentMeta
    text: str
    events: list[Event] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    framing: Framing = Field(default_factory=Framing)
    warnings: list[str] = Field(default_factory=list)


class RawDocument(_Model):
    """What ingest hands the pipeline: text plus whatever metadata the source gave."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    origin: str | None = Field(default=None, description="file path, URL or 'stdin:N' the text came from")
