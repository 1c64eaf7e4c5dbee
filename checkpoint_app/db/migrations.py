"""Alembic, configured in code (works frozen by PyInstaller: no alembic.ini), and the
one way to upgrade a register: atomically, after copying it aside.

Why a connection of its own: Python's sqlite3 driver (before 3.12's `autocommit`)
starts a transaction only before INSERT/UPDATE/DELETE, so every CREATE TABLE or
CREATE INDEX of a migration ran and was committed on its own. A kill during the first
start left tables without an `alembic_version` row, and a kill during 0001 -> 0002 left
half of 0002's indexes behind: registers no later start could open. The migration
connection switches the driver's transaction handling off (`isolation_level=None`) and
says BEGIN IMMEDIATE itself (SQLAlchemy's recipe for transactional DDL with pysqlite),
so the whole upgrade, from the first CREATE to the new `alembic_version`, is one SQLite
transaction: after a kill at any point the register has the old schema or the new one.
The app's own engine (engine.make_engine) is untouched.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from checkpoint_app.core.name_search import name_key

from checkpoint_app.db import driver, sqlite_file
from checkpoint_app.db.errors import StorageError, StorageProblem
from checkpoint_app.db.models import IDENT_FTS_TABLE, OWN_TABLES, VERSION_TABLE
from checkpoint_app.db.upgrade_copy import make_backup

log = logging.getLogger("checkpoint.db")

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
# The ID/phone search tables (before 0004: entry_ident_fts), to which FTS5 adds its
# shadow tables `<name>_*`
FTS_TABLES = (IDENT_FTS_TABLE, "entry_ident_fts")
OWN_TABLE_PREFIX = FTS_TABLES


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


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave the FTS5 search index (and its shadow tables) out of autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(OWN_TABLE_PREFIX))


def compare_type(ctx: object, inspected_column: object, metadata_column: object,
                 inspected_type: Any, metadata_type: Any) -> bool | None:
    """Autogenerate ignores the declared length of text columns.

    SQLite does not enforce VARCHAR(n) (every text column has TEXT affinity), so a
    declared length is documentation; the limits themselves are checked before saving.
    Changing only a length would otherwise make autogenerate write a batch migration
    that rebuilds a whole table of the register - a million rows, its indexes and triggers - for
    a change SQLite never sees. (Names went from VARCHAR(40) to 100 characters this way:
    the models say 100, migration 0001's tables still say 40, nothing changes on disk.)
    Every other type difference is left to Alembic's own comparison (None).
    """
    from sqlalchemy import String

    def text(type_: Any) -> bool:  # SQLModel's AutoString is a TypeDecorator over String
        affinity = type_._type_affinity
        return affinity is not None and issubclass(affinity, String)

    if text(inspected_type) and text(metadata_type):
        return False
    return None


def _connect(dbapi_connection: driver.Connection, _record: object) -> None:
    # No implicit BEGIN and no implicit COMMIT from the driver: the "begin" listener
    # below opens the transaction, and SQLAlchemy's commit ends it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")  # cannot change inside a transaction: set it first
        cursor.execute("PRAGMA synchronous=FULL")
        # Off while migrating (SQLite's recipe for rebuilding a table: a DROP TABLE inside
        # a batch migration must not delete or refuse rows that point at it); checked with
        # foreign_key_check before the commit instead.
        cursor.execute("PRAGMA foreign_keys=OFF")
    finally:
        cursor.close()
    dbapi_connection.create_function("name_key", 1, name_key, deterministic=True)


def _begin(conn: Connection) -> None:
    # IMMEDIATE: take the write lock before reading the revision, so no other program
    # (a CLI command on the same folder) can migrate between our check and our change.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def migration_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine whose transactions include DDL. Short-lived: used for one upgrade."""
    from checkpoint_app.db.engine import BUSY_TIMEOUT_S

    engine = create_engine(sqlite_file.sqlite_url(path), creator=lambda: driver.connect(path, key, timeout=BUSY_TIMEOUT_S),
                           module=driver.dbapi, hide_parameters=True,
                           poolclass=NullPool)  # closed when the upgrade ends
    event.listen(engine, "connect", _connect)
    event.listen(engine, "begin", _begin)
    return engine


def upgrade(path: Path, revision: str = "head", key: bytes | None = None) -> Path | None:
    """Bring the register at `path` to `revision` in one transaction.

    An existing register (one with tables) is first copied aside with SQLite's backup
    API; the copy's path is returned (None when nothing was upgraded or the register was
    new). A revision this app does not know means a newer app wrote the database:
    refuse rather than guess.
    """
    engine = migration_engine(path, key)
    try:
        with engine.begin() as conn:
            tables = _tables(conn)
            current = MigrationContext.configure(conn).get_current_revision() if VERSION_TABLE in tables else None
            if current is not None and current not in known_revisions():
                raise StorageError(StorageProblem.TOO_NEW, f"schema revision {current}")
            target = head_revision() if revision == "head" else revision
            if current == target:
                return None
            if current is None and tables:
                _clear_interrupted_first_start(conn, tables)
                tables = set()
            backup = make_backup(path, target, key) if tables else None
            roots = _table_roots(conn)
            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            _check_references(conn, roots, backup, key)
        log.info("schema upgraded from %s to %s", current or "empty", target)
        return backup
    finally:
        engine.dispose()


def _table_roots(conn: Connection) -> dict[str, tuple[int, str]]:
    return {name: (root, sql) for name, root, sql in conn.exec_driver_sql(
        "SELECT name, rootpage, sql FROM sqlite_master WHERE type = 'table'")}


def _check_references(conn: Connection, before: dict[str, tuple[int, str]], backup: Path | None,
                      key: bytes | None = None) -> None:
    """Foreign keys are off while migrating: check that the upgrade left no row pointing
    at a missing row. Only tables the upgrade made or rebuilt, and tables pointing at
    them, are checked (a whole-register check takes about 7 s on a million entries);
    rows that already pointed nowhere before (an entry deleted behind the app's back:
    doctor's to report) are counted in the copy from before and not held against it."""
    after = _table_roots(conn)
    changed = {name for name, root in after.items() if before.get(name) != root}
    suspects = sorted(t for t in after if t in changed or _parents(conn, t) & changed)
    broken = _count_broken(conn.connection.dbapi_connection, suspects)
    if broken and backup is not None:
        with contextlib.closing(driver.connect(sqlite_file.uri(backup, "mode=ro"), key, uri=True)) as old:
            broken -= _count_broken(old, [t for t in suspects if t in before])
    if broken > 0:
        raise RuntimeError(f"the upgrade left {broken} rows pointing at missing rows")


def _parents(conn: Connection, table: str) -> set[str]:
    return {row[2] for row in conn.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")')}


def _count_broken(dbapi_connection: Any, tables: list[str]) -> int:
    return sum(len(dbapi_connection.execute(f'PRAGMA foreign_key_check("{t}")').fetchall()) for t in tables)


def _tables(conn: Connection) -> set[str]:
    return {row[0] for row in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")}


def _clear_interrupted_first_start(conn: Connection, tables: set[str]) -> None:
    """Tables but no schema revision: what a kill during the first start left behind
    before migrations were atomic. If they are all this app's own tables and all empty,
    nothing was ever registered in them: drop them (inside the upgrade's transaction)
    and build the schema again. Anything else is not a register this app made:
    refuse it, change nothing."""
    foreign = {t for t in tables if t not in OWN_TABLES and not t.startswith(OWN_TABLE_PREFIX)}
    if foreign:
        raise StorageError(StorageProblem.NOT_A_REGISTER, f"{len(foreign)} tables this app does not know, and no schema revision")
    plain = {t for t in tables if not t.startswith(OWN_TABLE_PREFIX)}
    if any(conn.exec_driver_sql(f'SELECT 1 FROM "{t}" LIMIT 1').first() for t in plain):
        raise StorageError(StorageProblem.CORRUPT, "tables with rows but no schema revision")
    log.warning("an interrupted first start left %d empty tables: building the schema again", len(tables))
    for kind, name in conn.exec_driver_sql(
            "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchall():
        conn.exec_driver_sql(f'DROP {kind.upper()} IF EXISTS "{name}"')
    # the FTS5 table first: dropping it drops its own shadow tables
    for table in sorted(tables, key=lambda t: (t not in FTS_TABLES, t)):
        conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}"')
