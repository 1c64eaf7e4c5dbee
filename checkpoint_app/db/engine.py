"""Opening the database: file checks, SQLite pragmas, migrations.

Every connection runs in WAL mode with synchronous=FULL, so a commit the guard has
seen acknowledged is on disk before the form clears (it survives a power cut).
An existing file that is not an SQLite database is reported, never recreated.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text

from checkpoint_app.core.name_search import name_key
from checkpoint_app.db.errors import StorageError, StorageProblem, classify

log = logging.getLogger("checkpoint.db")

DB_FILENAME = "register.sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 2.0
# The newest migration's revision. When the database already has it, opening skips
# loading Alembic (about 0.1 s of every start); a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0002"
MIN_SQLITE = (3, 34)  # FTS5's trigram tokenizer (migration 0002)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
    finally:
        cursor.close()
    # the same folding the name-search index was built with (see core/name_search.py)
    dbapi_connection.create_function("name_key", 1, name_key, deterministic=True)


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
        hide_parameters=True,  # error messages never carry names, ID numbers or phones
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def check_file(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database (never overwrite it)."""
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StorageError(StorageProblem.CANNOT_OPEN, str(error)) from error
    if header and header != SQLITE_MAGIC:
        raise StorageError(StorageProblem.CORRUPT, "the file header is not SQLite's")
    if not header and path.stat().st_size == 0:
        return  # an empty file: SQLite treats it as a new database


@dataclass
class Database:
    path: Path
    engine: Engine
    # The copy made before this start upgraded an existing register (None when nothing
    # was upgraded): the app tells the user where it is.
    backup_path: Path | None = None

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database now (PASSIVE: never waits for
        readers). Called when the desk is idle, so SQLite's automatic checkpoint
        rarely has to run inside a guard's save."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception as error:  # noqa: BLE001 - housekeeping: report, never interrupt the desk
            if (storage := classify(error)) is None:
                raise
            log.warning("checkpoint skipped: %s", storage.kind.value)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(path: Path, migrate: bool = True) -> Database:
    """Open (creating if missing) and migrate the database at `path`.

    An existing register is copied aside before it is upgraded (`Database.backup_path`),
    and the upgrade is one transaction (see db/migrations.py).
    Raises StorageError for anything the user can act on: damaged file, read-only or
    full disk, a lock held by another program, a schema newer than this app.
    """
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise RuntimeError(f"SQLite {'.'.join(map(str, MIN_SQLITE))} or newer is needed for the search index; "
                           f"this Python has {sqlite3.sqlite_version}")
    path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path)
    engine = make_engine(path)
    backup_path = None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            has_version = conn.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).scalar_one()
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if has_version else None
        if migrate and current != SCHEMA_HEAD:
            from checkpoint_app.db import migrations

            backup_path = migrations.upgrade(path)
    except Exception as error:  # noqa: BLE001 - classified below, bugs re-raised
        engine.dispose()
        storage = classify(error)
        if storage is None:
            raise
        raise storage from error
    log.info("database opened")
    return Database(path=path, engine=engine, backup_path=backup_path)
