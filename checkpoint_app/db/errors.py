"""Two kinds of database error (after qutebrowser's misc/sql.py).

`StorageError` is something the user can act on: the disk is full or read-only, the
database is locked by another program, or the file is damaged. It carries a `kind`
the UI turns into a translated message. Anything else is a bug and propagates.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from enum import Enum
from typing import Iterator


class StorageProblem(str, Enum):
    READ_ONLY = "read_only"
    FULL = "full"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    CANNOT_OPEN = "cannot_open"
    IO = "io"
    TOO_NEW = "too_new"


class StorageError(Exception):
    def __init__(self, kind: StorageProblem, detail: str = ""):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)


_MARKERS: tuple[tuple[str, StorageProblem], ...] = (
    ("readonly", StorageProblem.READ_ONLY),
    ("read-only", StorageProblem.READ_ONLY),
    ("database or disk is full", StorageProblem.FULL),
    ("disk i/o error", StorageProblem.IO),
    ("database is locked", StorageProblem.LOCKED),
    ("database table is locked", StorageProblem.LOCKED),
    ("malformed", StorageProblem.CORRUPT),
    ("file is not a database", StorageProblem.CORRUPT),
    ("file is encrypted", StorageProblem.CORRUPT),
    ("unable to open database", StorageProblem.CANNOT_OPEN),
)


def classify(error: BaseException) -> StorageError | None:
    """Return a StorageError if `error` is one the user can act on, else None."""
    if isinstance(error, StorageError):
        return error
    from sqlalchemy import exc as sa_exc  # here, so the UI can start without loading SQLAlchemy

    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(original, (sqlite3.OperationalError, sqlite3.DatabaseError)):
        if isinstance(original, OSError):
            return StorageError(StorageProblem.IO, str(original))
        return None
    text = str(original).lower()
    for marker, kind in _MARKERS:
        if marker in text:
            return StorageError(kind, str(original))
    return None


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn database errors the user can act on into StorageError; let bugs through."""
    try:
        yield
    except StorageError:
        raise
    except Exception as error:  # noqa: BLE001 - classified, bugs re-raised unchanged
        storage = classify(error)
        if storage is None:
            raise
        raise storage from error
