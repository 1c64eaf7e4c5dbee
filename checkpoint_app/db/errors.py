"""Two kinds of database error (after qutebrowser's misc/sql.py).

`StorageError` is something the user can act on: the disk is full or read-only, the
database is locked by another program, or the file is damaged. It carries a `kind`
the UI turns into a translated message. Anything else is a bug and propagates.

The kind comes from SQLite's result code (`driver.Error.sqlite_errorcode`, whose low
byte is the primary code) or, for an operating-system error, from its errno; never
from message text, which changes between versions and languages. The one exception
the driver raises without a code is a stored text that is not valid UTF-8: that is
damage. A StorageError's text names only the kind and the code, never the original
message (which can quote stored values: names, ID numbers).
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from enum import Enum
from typing import Callable, Iterator

from checkpoint_app.db import driver


class StorageProblem(str, Enum):
    READ_ONLY = "read_only"
    PERMISSION = "permission"
    FULL = "full"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    NOT_A_REGISTER = "not_a_register"  # another program's database, or a register emptied by a fault
    CANNOT_OPEN = "cannot_open"
    IO = "io"
    TOO_NEW = "too_new"
    ENCRYPTED = "encrypted"  # an encrypted register opened without its key: a PIN unlocks it
    KEYS_MISSING = "keys_missing"  # encrypted, and register.keys is gone
    KEYS_DAMAGED = "keys_damaged"  # register.keys cannot be read


class StorageError(Exception):
    def __init__(self, kind: StorageProblem, detail: str = ""):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)


# SQLite's primary result codes (https://sqlite.org/rescode.html) the user can act on.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOLFS, SQLITE_AUTH, SQLITE_NOTADB = 22, 23, 26

_BY_SQLITE_CODE: dict[int, StorageProblem] = {
    SQLITE_PERM: StorageProblem.PERMISSION,
    SQLITE_AUTH: StorageProblem.PERMISSION,
    SQLITE_BUSY: StorageProblem.LOCKED,
    SQLITE_LOCKED: StorageProblem.LOCKED,
    SQLITE_READONLY: StorageProblem.READ_ONLY,
    SQLITE_IOERR: StorageProblem.IO,
    SQLITE_NOLFS: StorageProblem.IO,
    SQLITE_CORRUPT: StorageProblem.CORRUPT,
    SQLITE_NOTADB: StorageProblem.CORRUPT,
    SQLITE_FULL: StorageProblem.FULL,
    SQLITE_CANTOPEN: StorageProblem.CANNOT_OPEN,
}

_BY_ERRNO: dict[int, StorageProblem] = {
    errno.ENOSPC: StorageProblem.FULL,
    errno.EDQUOT: StorageProblem.FULL,
    errno.EFBIG: StorageProblem.FULL,
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.PERMISSION,
    errno.EPERM: StorageProblem.PERMISSION,
    errno.ENOENT: StorageProblem.CANNOT_OPEN,
    errno.ENOTDIR: StorageProblem.CANNOT_OPEN,
    errno.EISDIR: StorageProblem.CANNOT_OPEN,
}

# SQLite's fixed text for a result code (sqlite3_errstr), for errors the driver raises without
# the code: the backup API's (sqlcipher3's Connection.backup sets no sqlite_errorcode).
_BY_SQLITE_TEXT: dict[str, StorageProblem] = {
    "database or disk is full": StorageProblem.FULL,
    "disk I/O error": StorageProblem.IO,
    "database disk image is malformed": StorageProblem.CORRUPT,
    "file is not a database": StorageProblem.CORRUPT,
    "attempt to write a readonly database": StorageProblem.READ_ONLY,
    "unable to open database file": StorageProblem.CANNOT_OPEN,
    "database is locked": StorageProblem.LOCKED,
}

# The driver's own wording for undecodable stored text (CPython Modules/_sqlite/cursor.c);
# it carries no result code, and its message quotes the stored bytes.
_UNDECODABLE_TEXT = "Could not decode to UTF-8"


def os_problem(error: OSError) -> StorageProblem:
    """What an operating-system error means for the register, by errno."""
    return _BY_ERRNO.get(error.errno or 0, StorageProblem.IO)


def code_name(error: BaseException) -> str:
    """SQLite's name for the error's result code (e.g. SQLITE_FULL), an errno name, or ''."""
    name = getattr(error, "sqlite_errorname", None)
    if name:
        return str(name)
    if isinstance(error, OSError) and error.errno:
        return errno.errorcode.get(error.errno, str(error.errno))
    return ""


def classify(error: BaseException) -> StorageError | None:
    """Return a StorageError if `error` is one the user can act on, else None."""
    if isinstance(error, StorageError):
        return error
    original = _unwrap(error)
    kind = _kind(original)
    if kind is None:
        return None
    return StorageError(kind, code_name(original) or type(original).__name__)


def _unwrap(error: BaseException) -> BaseException:
    from sqlalchemy import exc as sa_exc  # here, so the UI can start without loading SQLAlchemy

    if isinstance(error, sa_exc.DBAPIError) and error.orig is not None:
        return error.orig
    return error


def _unreadable_stored_value(error: BaseException) -> bool:
    """A ValueError/TypeError raised while SQLAlchemy turned a stored value back into
    Python (a date or time whose text no longer parses): the bytes were damaged. Told
    from a bug by where it was raised: the innermost frame is SQLAlchemy's result
    processing (its compiled `_processors_cy` or the pure-Python `processors`)."""
    if not isinstance(error, (ValueError, TypeError)) or isinstance(error, UnicodeDecodeError):
        return False
    tb = error.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    where = tb.tb_frame.f_code.co_filename.replace("\\", "/")
    return "sqlalchemy/" in where and "processors" in where.rsplit("/", 1)[-1]


def _kind(error: BaseException) -> StorageProblem | None:
    if isinstance(error, UnicodeDecodeError):
        return StorageProblem.CORRUPT  # stored text that is not UTF-8: the bytes were damaged
    if _unreadable_stored_value(error):
        return StorageProblem.CORRUPT
    if isinstance(error, OSError):
        return os_problem(error)
    if not isinstance(error, driver.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return _BY_SQLITE_CODE.get(code & 0xFF)
    if isinstance(error, driver.OperationalError) and str(error).startswith(_UNDECODABLE_TEXT):
        return StorageProblem.CORRUPT
    return _BY_SQLITE_TEXT.get(str(error))


@contextmanager
def storage_errors(report: Callable[[BaseException], None] | None = None) -> Iterator[None]:
    """Turn database errors the user can act on into StorageError; let bugs through.
    `report` sees every error first (services pass Health.note_error: damage found
    while reading stored values, which the engine's error hook never sees, still stops
    all saves)."""
    try:
        yield
    except StorageError as error:
        if report is not None:
            report(error)
        raise
    except Exception as error:  # noqa: BLE001 - classified, bugs re-raised unchanged
        if report is not None:
            report(error)
        storage = classify(error)
        if storage is None:
            raise
        raise storage from error
