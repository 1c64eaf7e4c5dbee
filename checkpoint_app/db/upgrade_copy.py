"""The copy of a register made before it is upgraded (Vorta copies its database before
migrating): if an upgrade ever goes wrong in a way the transaction cannot undo, the
register as it was is beside it, named for the schema it was about to get.

Written with SQLite's backup API, not a file copy: it is consistent even while the
register has committed entries only in its write-ahead log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from pathlib import Path

from checkpoint_app.private_files import fsync_folder

from checkpoint_app.db import driver, sqlite_file

log = logging.getLogger("checkpoint.db")


def backup_name(path: Path, target: str, when: dt.datetime) -> Path:
    """register.sqlite3 -> register.before-0003.20261129-090000.sqlite3 (beside it)."""
    return path.with_name(f"{path.stem}.before-{target}.{when:%Y%m%d-%H%M%S}{path.suffix}")


def make_backup(path: Path, target: str, key: bytes | None = None) -> Path:
    """Copy the register aside (`copy_register`) before it is upgraded to `target`."""
    first = final = backup_name(path, target, dt.datetime.now())
    n = 1
    while final.exists():  # a second upgrade attempt within the same second
        n += 1
        final = first.with_suffix(f".{n}{path.suffix}")
    copy_register(path, final, key)
    log.info("copy of the register before the upgrade: %s", final)
    return final


def copy_register(path: Path, final: Path, key: bytes | None = None) -> Path:
    """A consistent copy of the register at `path` as `final` (one self-contained file),
    with SQLite's backup API: it includes what is still in the write-ahead log.

    The copy is written under a `.partial` name, made durable, then renamed: a kill
    during the copy never leaves a half copy that looks complete. Mode 0600 whatever
    the umask: the copy holds the same personal data as the register. An encrypted
    register's copy is encrypted with the same key (SQLCipher's backup needs both ends
    keyed alike)."""
    partial = final.with_name(final.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.chmod(partial, 0o600)
        source = driver.connect(sqlite_file.uri(path, "mode=ro"), key, uri=True)
        try:
            copy = driver.connect(partial, key)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
        finally:
            source.close()
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, final)
        fsync_folder(final.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return final
