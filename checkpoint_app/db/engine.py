"""Opening the database: file checks, SQLite pragmas, migrations.

Every connection runs in WAL mode with synchronous=FULL, so a commit the guard has
seen acknowledged is on disk before the form clears (it survives a power cut).
An existing file that is not an SQLite database is reported, never recreated.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, create_engine, event, text

from checkpoint_app.core.name_search import name_key

from checkpoint_app.db import driver, sqlite_file, wal_checkpoints
from checkpoint_app.db.errors import StorageError, StorageProblem, classify, code_name, os_problem
from checkpoint_app.db.models import OWN_TABLES
from checkpoint_app.db.wal_checkpoints import Checkpointer

log = logging.getLogger("checkpoint.db")

DB_FILENAME = "register.sqlite3"
SQLITE_MAGIC = sqlite_file.SQLITE_MAGIC
BUSY_TIMEOUT_S = 2.0
# The newest migration's revision. When the database already has it, opening skips
# loading Alembic (about 0.1 s of every start); a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0006"
MIN_SQLITE = (3, 34)  # FTS5's trigram tokenizer (migration 0002)


def _set_pragmas(dbapi_connection: driver.Connection, _record: object) -> None:
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


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """The register's engine: every connection through the driver (SQLCipher), keyed
    with `key` when the register is encrypted."""
    engine = create_engine(
        sqlite_file.sqlite_url(path),
        creator=lambda: driver.connect(path, key, timeout=BUSY_TIMEOUT_S, check_same_thread=False),
        module=driver.dbapi,
        hide_parameters=True,  # error messages never carry names, ID numbers or phones
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def check_file(path: Path, key: bytes | None = None) -> None:
    """Refuse what is not this app's register, never adopting or overwriting it: a
    folder, a file that is not SQLite, another program's SQLite database, and an empty
    file where the folder shows a register was in use (its contents were lost: a new
    register there would hide that). An empty file in an otherwise unused folder is
    what a first start killed before SQLite wrote page 1 leaves behind: it is adopted."""
    if not path.exists():
        return
    if path.is_dir():
        raise StorageError(StorageProblem.CANNOT_OPEN, "the register path is a folder")
    try:
        header = sqlite_file.read_header(path)
    except OSError as error:
        raise StorageError(StorageProblem.CANNOT_OPEN, error.strerror or type(error).__name__) from error
    if not header:
        traces = traces_of_use(path)
        if traces:
            raise StorageError(StorageProblem.NOT_A_REGISTER, "the register file is empty but the folder was in use: "
                               + ", ".join(traces))
        log.warning("empty register file in an unused folder: a new register is started in it")
        return
    if not header.startswith(SQLITE_MAGIC) and key is None:
        raise StorageError(StorageProblem.CORRUPT, "the file header is not SQLite's")
    tables = foreign_tables(path, key)
    if tables:
        raise StorageError(StorageProblem.NOT_A_REGISTER, f"another program's database ({len(tables)} unknown tables)")


OPENED_LOG_LINE = "database opened"  # what open_database logs (a test keeps the two equal)
# What a first start leaves in the folder before SQLite writes the register's first page.
FIRST_START_DEBRIS = ("logs", "app.lock", DB_FILENAME, DB_FILENAME + "-journal", DB_FILENAME + "-shm",
                      "register.keys")  # the new register's key, written before its first page
OWN_TABLE_PREFIXES = ("person_ident_fts", "entry_ident_fts", "_alembic_tmp_", "sqlite_")


def traces_of_use(path: Path) -> list[str]:
    """What in the register's folder shows a register was in use there (names only)."""
    from checkpoint_app.paths import DataPaths

    folder = DataPaths(path.parent)
    traces: list[str] = []
    try:
        names = sorted(os.listdir(folder.root))
    except OSError:
        return traces
    for name in names:
        if name not in FIRST_START_DEBRIS and not (name == DB_FILENAME + "-wal" and _empty(folder.root / name)):
            traces.append(name)
    if folder.log_dir.is_dir():
        for name in sorted(os.listdir(folder.log_dir)):
            inner = folder.log_dir / name
            if inner != folder.log_file or _mentions(inner, OPENED_LOG_LINE):
                traces.append(f"{folder.log_dir.name}/{name}")
    return traces


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _mentions(path: Path, text: str) -> bool:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return any(text in line for line in handle)
    except OSError:
        return True  # unreadable: count it as a trace, never adopt on a guess


def foreign_tables(path: Path, key: bytes | None = None) -> list[str]:
    """Tables of another program in an SQLite file without this app's schema version.
    (A register whose first migration was cut short holds only this app's tables.)"""
    try:
        reader = sqlite_file.open_read_only(path, key)
    except driver.Error:
        return []  # unreadable: open_database says why
    try:
        names = [row[0] for row in reader.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    except driver.Error:
        return []
    finally:
        reader.close()
    if "alembic_version" in names:
        return []
    return [n for n in names if n not in OWN_TABLES and not n.startswith(OWN_TABLE_PREFIXES)]


@dataclass
class Database:
    path: Path
    engine: Engine
    key: bytes | None = field(default=None, repr=False)  # an encrypted register's key (never printed)
    # The copy made before this start upgraded an existing register (None when nothing
    # was upgraded): the app tells the user where it is.
    backup_path: Path | None = None

    checkpointer: Checkpointer | None = None

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database now (PASSIVE: never waits for
        readers). The app leaves this to `start_checkpoints`' thread."""
        wal_checkpoints.checkpoint(self.engine)

    def start_checkpoints(self, may_run: Callable[[], bool]) -> None:
        """Checkpoint on a thread of its own from now on (see db/wal_checkpoints.py)."""
        if self.checkpointer is None:
            self.checkpointer = Checkpointer(self.engine, may_run)
            self.checkpointer.start()

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
            self.checkpointer = None
        self.engine.dispose()


def check_writable(path: Path) -> None:
    """Refuse, at start, a register (or its write-ahead log) that cannot be written: a
    write-protected or immutable file, a read-only disk. SQLite itself would open it and
    fail only at the first save, after a guard has typed a whole person."""
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            fd = os.open(file, os.O_RDWR)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StorageError(os_problem(error), code_name(error)) from error
        os.close(fd)


def open_database(path: Path, migrate: bool = True, key: bytes | None = None) -> Database:
    """Open (creating if missing) and migrate the database at `path`.

    An existing register is copied aside before it is upgraded (`Database.backup_path`),
    and the upgrade is one transaction (see db/migrations.py).
    Raises StorageError for anything the user can act on: damaged file, read-only or
    full disk, a lock held by another program, a schema newer than this app.
    """
    if driver.sqlite_version_info < MIN_SQLITE:
        raise RuntimeError(f"SQLite {'.'.join(map(str, MIN_SQLITE))} or newer is needed for the search index; "
                           f"this Python has {driver.sqlite_version}")
    path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path, key)
    check_writable(path)
    engine = make_engine(path, key)
    backup_path = None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            has_version = conn.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).scalar_one()
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if has_version else None
        if migrate and current != SCHEMA_HEAD:
            from checkpoint_app.db import migrations

            backup_path = migrations.upgrade(path, key=key)
    except Exception as error:  # noqa: BLE001 - classified below, bugs re-raised
        engine.dispose()
        storage = classify(error)
        if storage is None:
            raise
        raise storage from error
    log.info("database opened")
    return Database(path=path, engine=engine, key=key, backup_path=backup_path)
