"""The one SQLite library every connection to a station's register goes through.

That library is SQLCipher (the `sqlcipher3` binding, which ships SQLCipher and OpenSSL
built in, for Linux, Windows and macOS): an encrypted register is opened with its key,
a plain one (before its conversion, and in tests) without. A process must never reach
one file through two copies of SQLite: POSIX locks belong to the process, so one copy
closing its descriptor drops the other copy's locks (https://sqlite.org/howtocorrupt.html
§2.2.1). Hence Python's own `sqlite3` module is never used on a register; the district
office's database (central/) is another file and keeps it.

A key is 32 random bytes, given to SQLCipher raw (`x'…'`), so opening costs no key
derivation: the PIN's Argon2id derivation happens once, in services/register_keys.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as dbapi

Connection = dbapi.Connection
Row = dbapi.Row
Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError
sqlite_version = dbapi.sqlite_version
sqlite_version_info = dbapi.sqlite_version_info

KEY_BYTES = 32


def key_pragma(key: bytes) -> str:
    """The statement that gives SQLCipher a raw key (no derivation)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a register key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(target: str | Path, key: bytes | None = None, *, uri: bool = False, timeout: float = 5.0,
            check_same_thread: bool = True) -> Any:
    """A connection to `target` (a path, or a `file:` URI with `uri=True`), keyed when
    `key` is given. The key is set before anything is read: SQLCipher needs it first."""
    conn = dbapi.connect(str(target), uri=uri, timeout=timeout, check_same_thread=check_same_thread)
    if key is not None:
        try:
            conn.execute(key_pragma(key))
        except BaseException:
            conn.close()
            raise
    return conn


def is_encrypted_header(header: bytes) -> bool:
    """A file that starts with something other than SQLite's magic: with SQLCipher, the
    first 16 bytes are the random salt (an empty file is neither)."""
    return bool(header) and not header.startswith(b"SQLite format 3\x00")
