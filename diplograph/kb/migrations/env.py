"""Alembic environment: migrations run on the connection diplograph hands over (kb/db.py)."""
from __future__ import annotations

from alembic import context

from diplograph.kb.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached from the alembic CLI
    raise RuntimeError("run migrations through diplograph.kb.db.open_db")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
