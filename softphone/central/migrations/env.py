"""Alembic's environment for the central service: always run on a connection handed over by
`softphone.central.db.migrate` (no alembic.ini, no URL in a file)."""

from __future__ import annotations

from alembic import context

from softphone.central.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
