"""Alembic environment: run with a connection handed in by :func:`flows.store.db.engine.migrate`."""

from __future__ import annotations

from alembic import context

from flows.store.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached from the alembic CLI
    raise RuntimeError("run migrations through `tanu db upgrade` (flows.store.db.engine.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
