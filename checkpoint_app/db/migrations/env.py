"""Alembic environment: runs on the connection handed over in config.attributes."""

from alembic import context
from sqlmodel import SQLModel

from checkpoint_app.db import models  # noqa: F401 - registers the tables

target_metadata = SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """Leave the FTS5 search index (and its shadow tables) out of autogenerate."""
    return not (type_ == "table" and name and name.startswith(models.IDENT_FTS_TABLE))


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through checkpoint_app.db.migrations")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
