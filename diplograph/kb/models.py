"""Tables of the knowledge base (SQLAlchemy 2.0, typed).

Three layers:

* ``documents``: one row per stored report, with its text and the full record JSON;
* per-document facts with provenance (``doc_entities``, ``doc_events``, ``statements``,
  ``figures``): each keeps its document and the spans that justify it;
* resolved tables built across reports: ``entities`` (with ``entity_keys`` for incremental
  lookup), ``events`` (clusters of ``doc_events``, linked by ``event_sources`` with the match
  reasons), ``series`` and ``plan_links`` (an announced event and the held one it became).

Full-text search is an FTS5 table on SQLite and a GIN expression index on PostgreSQL; both
are created by the migrations, not here, because neither is expressible as a plain table.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # ingest order
    sha: Mapped[str] = mapped_column(String(64), unique=True)
    raw_sha: Mapped[str | None] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32))
    date_earliest: Mapped[str | None] = mapped_column(String(32))
    date_latest: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[str] = mapped_column(String(32))


class DocEntityRow(Base):
    __tablename__ = "doc_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(16))
    acronym: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(16))
    aliases: Mapped[list[str]] = mapped_column(JSON)
    roles: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    mentions: Mapped[list[dict[str, int]]] = mapped_column(JSON)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)


class DocEventRow(Base):
    __tablename__ = "doc_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    series: Mapped[str | None] = mapped_column(Text)
    acronym: Mapped[str | None] = mapped_column(Text)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    main: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    date_start: Mapped[str | None] = mapped_column(String(32))
    date_end: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str | None] = mapped_column(Text)
    location_country: Mapped[str | None] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the record's event dict, spans included
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)


class StatementRow(Base):
    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(255), index=True)  # same quote, same key
    speaker_name: Mapped[str] = mapped_column(Text, index=True)
    speaker_local: Mapped[str | None] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    event_local: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[list[dict[str, int]]] = mapped_column(JSON)


class FigureRow(Base):
    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(255), index=True)  # same fact, same key
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    measure: Mapped[str] = mapped_column(String(32), index=True)
    approximate: Mapped[bool] = mapped_column(Boolean)
    change: Mapped[str | None] = mapped_column(String(16))
    parties: Mapped[list[str]] = mapped_column(JSON)
    period: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    evidence: Mapped[list[dict[str, int]]] = mapped_column(JSON)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text, index=True)
    code: Mapped[str | None] = mapped_column(String(16))
    acronym: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(16))
    aliases: Mapped[list[str]] = mapped_column(JSON)


class EntityKeyRow(Base):
    """Lookup keys of a resolved entity (code, folded name, acronym, alias, person key)."""

    __tablename__ = "entity_keys"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"),
                                           primary_key=True)


class SeriesRow(Base):
    __tablename__ = "series"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    acronym: Mapped[str | None] = mapped_column(Text)


class EventRow(Base):
    """A resolved event: consensus values over its sources, disagreements kept beside."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    series_key: Mapped[str | None] = mapped_column(String(255), index=True)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    date_start: Mapped[str | None] = mapped_column(String(32), index=True)
    location: Mapped[str | None] = mapped_column(Text, index=True)
    location_country: Mapped[str | None] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # timeline fields + disagreements
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)  # consensus EventFacts, for matching


class EventSourceRow(Base):
    __tablename__ = "event_sources"

    doc_event_id: Mapped[int] = mapped_column(
        ForeignKey("doc_events.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)


class PlanLinkRow(Base):
    __tablename__ = "plan_links"

    planned_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                            primary_key=True)
    held_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                         index=True)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)


Index("ix_doc_events_series", DocEventRow.series)
Index("ix_events_series_ordinal", EventRow.series_key, EventRow.ordinal)
