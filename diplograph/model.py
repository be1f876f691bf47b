"""The record types: one dataclass per concept of the record (SCHEMA.md, ``diplograph/record@1``).

Every stage of the pipeline reads and writes these types; ``Record.to_dict`` is the only
place that decides what the public JSON looks like, field for field in SCHEMA.md's order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_ID = "diplograph/record@1"

EntityType = Literal["person", "country", "organization", "region", "place", "initiative"]
EventType = Literal["meeting", "summit", "ministerial", "forum", "conference", "visit", "signing", "other"]
StatementKind = Literal["direct", "partial", "indirect"]
Measure = Literal["trade", "investment", "assistance", "loan", "budget", "gdp", "volume", "population", "other"]

TOPICS: tuple[str, ...] = (
    "security", "terrorism", "border_management", "drug_trafficking", "migration", "cyber",
    "hybrid_threats", "trade", "investment", "finance", "transport", "energy", "water",
    "environment", "critical_raw_materials", "digital", "agriculture", "health", "education",
    "humanitarian_aid", "human_rights", "culture",
)


@dataclass(slots=True, frozen=True, order=True)
class Span:
    """Code-point offsets into ``Document.text``; ``end`` is exclusive."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


def _spans(spans: list[Span]) -> list[dict[str, int]]:
    return [s.to_dict() for s in sorted(set(spans))]


@dataclass(slots=True)
class DateEstimate:
    earliest: str | None = None
    latest: str | None = None


@dataclass(slots=True)
class Document:
    """One report after ingest and normalisation. ``text`` is final: every span indexes it."""

    text: str
    language: str = "en"
    source: str | None = None
    url: str | None = None
    title: str | None = None
    dateline: str | None = None
    published: str | None = None
    date_estimate: DateEstimate | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        est = None
        if self.date_estimate is not None:
            est = {"earliest": self.date_estimate.earliest, "latest": self.date_estimate.latest}
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "dateline": self.dateline,
            "published": self.published,
            "date_estimate": est,
            "language": self.language,
            "text": self.text,
        }


@dataclass(slots=True)
class Role:
    title: str
    organization: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "organization": self.organization}


@dataclass(slots=True)
class Entity:
    id: str
    type: EntityType
    name: str
    code: str | None = None
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "code": self.code,
            "acronym": self.acronym,
            "aliases": list(dict.fromkeys(a for a in self.aliases if a and a != self.name)),
            "country": self.country,
            "roles": [r.to_dict() for r in self.roles],
            "mentions": _spans(self.mentions),
        }


@dataclass(slots=True)
class EventDate:
    start: str | None = None
    end: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}


@dataclass(slots=True)
class Delegation:
    party: str
    head: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "head": self.head, "title": self.title}


@dataclass(slots=True)
class Event:
    id: str
    type: EventType
    name: str
    main: bool = False
    status: Literal["held", "planned"] = "held"
    series: str | None = None
    acronym: str | None = None
    ordinal: int | None = None
    date: EventDate | None = None
    location: Location | None = None
    participants: list[str] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "series": self.series,
            "acronym": self.acronym,
            "ordinal": self.ordinal,
            "main": self.main,
            "status": self.status,
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "participants": list(dict.fromkeys(self.participants)),
            "delegations": [d.to_dict() for d in self.delegations],
            "topics": [t for t in TOPICS if t in set(self.topics)],
            "evidence": _spans(self.evidence),
        }


@dataclass(slots=True)
class Statement:
    id: str
    speaker_name: str
    kind: StatementKind
    text: str
    speaker: str | None = None
    cue: str | None = None
    event: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "kind": self.kind,
            "cue": self.cue,
            "text": self.text,
            "event": self.event,
            "evidence": _spans(self.evidence),
        }


@dataclass(slots=True)
class Period:
    text: str | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Figure:
    id: str
    value: float
    unit: str
    measure: Measure = "other"
    approximate: bool = False
    change: Literal["increase", "decrease"] | None = None
    parties: list[str] = field(default_factory=list)
    period: Period | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "id": self.id,
            "value": value,
            "unit": self.unit,
            "approximate": self.approximate,
            "measure": self.measure,
            "change": self.change,
            "parties": list(dict.fromkeys(self.parties)),
            "period": self.period.to_dict() if self.period else None,
            "evidence": _spans(self.evidence),
        }


@dataclass(slots=True)
class Record:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "document": self.document.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "statements": [s.to_dict() for s in self.statements],
            "figures": [f.to_dict() for f in self.figures],
            "topics": [t for t in TOPICS if t in set(self.topics)],
        }
