"""Alembic, configured in code (works frozen by PyInstaller: no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from checkpoint_app.db.errors import StorageError, StorageProblem

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(config()).walk_revisions()}


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. A revision this app does not know means a newer app
    wrote the database: refuse rather than guess."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise StorageError(StorageProblem.TOO_NEW, f"schema revision {current}")
    if current == head_revision():
        return
    cfg = config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
