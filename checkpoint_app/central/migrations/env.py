"""Alembic environment of the office database: runs on the connection handed over in
config.attributes by checkpoint_app.central.database.migrate, inside its transaction
(PostgreSQL's DDL is transactional; on SQLite the connection says BEGIN IMMEDIATE itself)."""

from alembic import context

from checkpoint_app.central.models import OFFICE_METADATA

VERSION_TABLE = "office_alembic_version"


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the office's migrations through checkpoint_app.central.database")
    context.configure(connection=connection, target_metadata=OFFICE_METADATA, render_as_batch=True,
                      version_table=VERSION_TABLE, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


run()
