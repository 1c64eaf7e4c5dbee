"""Alembic environment: runs on the connection handed over in config.attributes.

That connection comes from checkpoint_app.db.migrations.upgrade, already inside one
transaction that includes DDL (see that module's docstring); anything else is refused,
so no path can run a migration statement by statement again.
"""

from alembic import context

from checkpoint_app.db import models
from checkpoint_app.db.migrations import compare_type, include_object

target_metadata = models.SQLModel.metadata  # where importing the models registered the tables


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through checkpoint_app.db.migrations")
    if not connection.in_transaction() or connection.connection.dbapi_connection.isolation_level is not None:
        raise RuntimeError("migrations need the migration engine's connection, inside its transaction")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=compare_type,
        transactional_ddl=True,  # true on this connection: the whole upgrade is one transaction
    )
    with context.begin_transaction():
        context.run_migrations()


run()
