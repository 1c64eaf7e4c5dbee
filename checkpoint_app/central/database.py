"""Opening the office database from `--db`: a path (SQLite: WAL, synchronous=FULL, foreign
keys on) or a SQLAlchemy URL (postgresql+psycopg://…). The same code runs on both; only
the engine's set-up differs here.

Migrations (central/migrations, version table `office_alembic_version`) run at open, in one
transaction: PostgreSQL's DDL is transactional; for SQLite the connection switches the
driver's own transaction handling off and says BEGIN itself (SQLAlchemy's recipe for
pysqlite, as the station's register does in db/migrations.py), so an upgrade killed half
way leaves the old schema. Write transactions on SQLite begin IMMEDIATE (`writing`), so an
import never fails half way on a lock upgrade; readers (the office window) stay deferred."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from checkpoint_app.central.models import OFFICE_TABLES

log = logging.getLogger("checkpoint.central")

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "office_alembic_version"
BUSY_TIMEOUT_S = 30.0


class OfficeDatabaseError(RuntimeError):
    """The office database cannot be used: `what` says why (no personal data)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def is_url(db: str) -> bool:
    return "://" in db


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # we say BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA cache_size=-64000")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(db: str | Path) -> Engine:
    """The engine for `--db` (not migrated: see `open_office`)."""
    text = str(db)
    if is_url(text):
        try:
            url = make_url(text)
        except ArgumentError as error:
            raise OfficeDatabaseError(f"not a database URL: {error}") from None
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, hide_parameters=True, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        try:
            return create_engine(url, hide_parameters=True, pool_pre_ping=True)
        except Exception as error:  # noqa: BLE001 - a driver that is not installed, a bad option
            raise OfficeDatabaseError(f"{type(error).__name__}: {error}") from None
    path = Path(text).expanduser()
    if path.is_dir():
        raise OfficeDatabaseError(f"{path} is a folder, not a database file")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True,
                           connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction (committed at the end, rolled back on any exception)."""
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        with conn.begin():
            yield conn


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(config()).get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine) -> str | None:
    """Bring the office database to the newest schema in one transaction. Returns the
    revision it had (None when new). Refuses another program's database and a schema
    newer than this program."""
    known = {rev.revision for rev in ScriptDirectory.from_config(config()).walk_revisions()}
    try:
        with writing(engine) as conn:
            tables = set(inspect(conn).get_table_names())
            context: Any = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            current = context.get_current_revision() if VERSION_TABLE in tables else None
            if current is not None and current not in known:
                raise OfficeDatabaseError(f"made by a newer version of the program (schema {current})")
            if current is None:
                foreign = tables - set(OFFICE_TABLES) - {VERSION_TABLE}
                if foreign:
                    raise OfficeDatabaseError(f"not an office database ({len(foreign)} tables of another program)")
            if current == head_revision():
                return current
            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        log.info("office schema upgraded from %s to %s", current or "empty", head_revision())
        return current
    except OfficeDatabaseError:
        raise
    except Exception as error:  # noqa: BLE001 - said to the user; the cause is logged
        log.info("the office database cannot be opened", exc_info=True)
        raise OfficeDatabaseError(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}") from error


def open_office(db: str | Path) -> Engine:
    """The migrated office database at `db` (a path or a SQLAlchemy URL)."""
    engine = make_engine(db)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
