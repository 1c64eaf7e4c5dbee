"""Persistence: SQLModel tables, Alembic migrations, engine set-up and queries. No Qt here."""
