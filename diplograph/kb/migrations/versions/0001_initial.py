"""Documents, per-document facts, resolved entities/events/series, full-text search.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("document_id", sa.String(16),
                     sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                     index=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("sha", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("date_earliest", sa.String(32)),
        sa.Column("date_latest", sa.String(32)),
        sa.Column("language", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False, index=True),
        sa.Column("code", sa.String(16)),
        sa.Column("acronym", sa.Text),
        sa.Column("country", sa.String(16)),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_table(
        "entity_keys",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_table(
        "series",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("acronym", sa.Text),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("series_key", sa.String(255), index=True),
        sa.Column("ordinal", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date_start", sa.String(32), index=True),
        sa.Column("location", sa.Text, index=True),
        sa.Column("location_country", sa.String(16)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_series_ordinal", "events", ["series_key", "ordinal"])
    op.create_table(
        "doc_entities",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("code", sa.String(16)),
        sa.Column("acronym", sa.Text),
        sa.Column("country", sa.String(16)),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("mentions", sa.JSON, nullable=False),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), index=True),
    )
    op.create_table(
        "doc_events",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("series", sa.Text, index=True),
        sa.Column("acronym", sa.Text),
        sa.Column("ordinal", sa.Integer),
        sa.Column("main", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date_start", sa.String(32)),
        sa.Column("date_end", sa.String(32)),
        sa.Column("location", sa.Text),
        sa.Column("location_country", sa.String(16)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), index=True),
    )
    op.create_table(
        "event_sources",
        sa.Column("doc_event_id", sa.Integer,
                  sa.ForeignKey("doc_events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("key", sa.String(255), nullable=False, index=True),
        sa.Column("speaker_name", sa.Text, nullable=False, index=True),
        sa.Column("speaker_local", sa.String(32)),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("event_local", sa.String(32)),
        sa.Column("evidence", sa.JSON, nullable=False),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("key", sa.String(255), nullable=False, index=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("measure", sa.String(32), nullable=False, index=True),
        sa.Column("approximate", sa.Boolean, nullable=False),
        sa.Column("change", sa.String(16)),
        sa.Column("parties", sa.JSON, nullable=False),
        sa.Column("period", sa.JSON),
        sa.Column("evidence", sa.JSON, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5 over documents; rows are written by the store in the same
        # transaction as the document (no triggers, so reprocess can rebuild it cheaply).
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5("
                   "title, text, content='documents', content_rowid='seq')")
    else:
        op.execute("CREATE INDEX ix_documents_fts ON documents USING GIN "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE documents_fts")
    for table in ("figures", "statements", "event_sources", "doc_events", "doc_entities",
                  "events", "series", "entity_keys", "entities", "documents"):
        op.drop_table(table)
