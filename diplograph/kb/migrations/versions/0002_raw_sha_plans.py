"""Raw-input digests (skip known inputs before extraction) and plan-outcome links.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch table copy on SQLite would drop ``documents`` and cascade.
    op.add_column("documents", sa.Column("raw_sha", sa.String(64)))
    op.create_index("ix_documents_raw_sha", "documents", ["raw_sha"])
    op.create_table(
        "plan_links",
        sa.Column("planned_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("held_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("plan_links")
    op.drop_index("ix_documents_raw_sha", "documents")
    op.drop_column("documents", "raw_sha")
