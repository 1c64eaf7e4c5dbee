"""Opening the office database from `--db`: a path (SQLite: WAL, synchronous=FULL, foreign
keys on) or a SQLAlchemy URL (postgresql+pg8000://…). The same code runs on both; only
the engine's set-up differs here.

PostgreSQL is reached through pg8000 (pure Python: no libpq, OpenSSL or Kerberos in the
bundle), whatever driver the URL names: `postgresql://`, `postgresql+psycopg://` (what the
program used before) and `postgres://` all get it (`pg8000_url`). libpq's own URL options
that matter here are taken over (`options`, `sslmode`, `sslrootcert`, `connect_timeout`,
`application_name`, `host`); any other is refused by name rather than failing inside the driver.

Migrations (central/migrations, version table `office_alembic_version`) run at open, in one
transaction: PostgreSQL's DDL is transactional; for SQLite the connection switches the
driver's own transaction handling off and says BEGIN itself (SQLAlchemy's recipe for
pysqlite, as the station's register does in db/migrations.py), so an upgrade killed half
way leaves the old schema. Write transactions on SQLite begin IMMEDIATE (`writing`), so an
import never fails half way on a lock upgrade; readers (the office window) stay deferred."""

from __future__ import annotations

import contextlib
import getpass
import logging
import sqlite3
import ssl
from pathlib import Path
from typing import Any, Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from checkpoint_app.central.models import OFFICE_TABLES

log = logging.getLogger("checkpoint.central")

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "office_alembic_version"
BUSY_TIMEOUT_S = 30.0
PG_DRIVER = "postgresql+pg8000"
PG_BACKENDS = ("postgresql", "postgres")  # `postgres://` is libpq's short form (SQLAlchemy knows only the long)
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class OfficeDatabaseError(RuntimeError):
    """The office database cannot be used: `what` says why (no personal data)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def is_url(db: str) -> bool:
    return "://" in db


def pg8000_url(url: URL) -> tuple[URL, dict[str, Any]]:
    """A PostgreSQL URL for pg8000, and the driver's connect arguments taken from libpq's
    options in its query. Another driver's name (psycopg, psycopg2, none) becomes pg8000's;
    an option pg8000 has no counterpart for raises OfficeDatabaseError naming it."""
    query = dict(url.query)
    args: dict[str, Any] = {}

    def one(name: str) -> str | None:
        value = query.pop(name, None)
        if isinstance(value, tuple):  # the option given twice: libpq takes the last
            value = value[-1]
        return value

    # UTF-8 on the wire whatever the database's own encoding (the server converts, or refuses
    # text it cannot hold with an error of its own); libpq's `options` (e.g. -csearch_path=…)
    args["startup_params"] = {"client_encoding": "UTF8"}
    options = one("options")
    if options:
        args["startup_params"]["options"] = options
    application_name = one("application_name")
    if application_name:
        args["application_name"] = application_name
    timeout = one("connect_timeout")
    if timeout:
        try:
            args["timeout"] = float(timeout)
        except ValueError:
            raise OfficeDatabaseError(f"connect_timeout is not a number of seconds: {timeout}") from None
    sslmode, root = one("sslmode") or "disable", one("sslrootcert")
    if sslmode not in SSL_MODES:
        raise OfficeDatabaseError(f"sslmode must be one of {', '.join(SSL_MODES)}, not {sslmode}")
    if sslmode in ("require", "verify-ca", "verify-full"):
        try:
            context = ssl.create_default_context(cafile=root) if root else ssl.create_default_context()
        except OSError as error:  # ssl.SSLError is one
            raise OfficeDatabaseError(f"sslrootcert {root}: {error.strerror or error}") from None
        if sslmode != "verify-full":  # libpq: verify-ca checks the certificate, not the host name;
            context.check_hostname = False  # require checks neither (unless a root is given)
            if sslmode == "require" and not root:
                context.verify_mode = ssl.CERT_NONE
        args["ssl_context"] = context
    elif root:
        raise OfficeDatabaseError(f"sslrootcert needs sslmode=verify-ca or verify-full (sslmode is {sslmode})")
    # allow and prefer: libpq tries SSL and falls back to none; pg8000 cannot, so none
    host = one("host")
    if host:
        if not host.startswith("/"):
            url = url.set(host=host)
        else:  # libpq's socket folder: pg8000 wants the socket itself
            args["unix_sock"] = f"{host.rstrip('/')}/.s.PGSQL.{url.port or 5432}"
    if not url.username:  # libpq's default: the user's own name
        try:
            url = url.set(username=getpass.getuser())
        except (KeyError, OSError):
            raise OfficeDatabaseError("the URL names no user (postgresql+pg8000://USER:PASSWORD@HOST/DATABASE)") from None
    if query:
        raise OfficeDatabaseError("the PostgreSQL driver (pg8000) does not take the URL's option "
                                  f"{', '.join(sorted(query))}")
    if url.drivername != PG_DRIVER:
        log.info("PostgreSQL URL %s: reached through pg8000", url.drivername)
    return url.set(drivername=PG_DRIVER, query={}), args


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
        connect_args: dict[str, Any] = {}
        if url.get_backend_name() in PG_BACKENDS:
            url, connect_args = pg8000_url(url)
        try:
            return create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args)
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
