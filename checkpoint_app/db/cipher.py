"""Turning a plain SQLite register (or a copy of one) into an encrypted one.

SQLCipher cannot encrypt a file in place: `sqlcipher_export` copies the plain database,
schema and rows, into a new encrypted file attached with the key. That copy is checked
(`quick_check`, and the same tables), made durable, and renamed over the plain file. The
plain file's bytes are then overwritten with zeros before it is removed (through a
second name kept for that), so the register's old contents do not linger in the folder.
On an SSD or a journaling file system old blocks may survive elsewhere: the overwrite
is what the file system allows, not a guarantee (docs/privacy.md).

A kill at any point leaves either the plain register (and a `.encrypting` file, removed
at the next attempt) or the encrypted one (and perhaps a `.plain-wipe` file that
`finish_wipes` overwrites and removes at the next start).
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from checkpoint_app.private_files import fsync_folder

from checkpoint_app.db import driver, sqlite_file
from checkpoint_app.db.errors import StorageError, StorageProblem

log = logging.getLogger("checkpoint.db")

ENCRYPTING = ".encrypting"
PLAIN_WIPE = ".plain-wipe"
WIPE_BLOCK = 1 << 20


def is_plain(path: Path) -> bool:
    """A non-empty file with SQLite's plain header."""
    try:
        header = sqlite_file.read_header(path)
    except OSError:
        return False
    return header.startswith(sqlite_file.SQLITE_MAGIC)


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Replace the plain SQLite file at `path` with an encrypted copy under `key`.
    Nothing else may have it open: the desk app converts its register at start, holding
    its lock file, and refuses (StorageError LOCKED) when another program (a command)
    has the register open. Raises driver.Error or OSError too, leaving the plain file
    as it was."""
    partial = sqlite_file.side_file(path, ENCRYPTING)
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    wipe = sqlite_file.side_file(path, PLAIN_WIPE)
    replaced = False
    try:
        plain = driver.connect(path, timeout=0)
        try:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything committed is in the main file
            # Leaving WAL mode needs every other connection closed: proof that no other
            # program has the register open (one would keep writing into the old file).
            if plain.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
                raise StorageError(StorageProblem.LOCKED, "the register is open elsewhere")
            tables = _tables(plain)
            plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(partial),))
            plain.execute("SELECT sqlcipher_export('encrypted')")
            plain.execute("DETACH DATABASE encrypted")
        finally:
            plain.close()
        _check(partial, key, tables)
        _fsync(partial)
        wipe.unlink(missing_ok=True)
        os.link(path, wipe)  # the plain bytes, kept reachable until they are overwritten
        for suffix in ("-wal", "-shm", "-journal"):  # the plain file's own side files (empty after the checkpoint)
            sqlite_file.side_file(path, suffix).unlink(missing_ok=True)
        os.replace(partial, path)
        replaced = True
        fsync_folder(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
            if not replaced:
                wipe.unlink()  # only a second name of the register: never to be wiped
        raise
    wipe_and_remove(wipe)
    log.info("a register file was encrypted: %s", path.name)


def _tables(conn: driver.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')")}


def _check(partial: Path, key: bytes, tables: set[str]) -> None:
    conn = driver.connect(partial, key)
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        copied = _tables(conn)
    finally:
        conn.close()
    if result != ["ok"] or copied != tables:
        raise driver.DatabaseError("the encrypted copy differs from the register")


def wipe_and_remove(path: Path) -> None:
    """Overwrite `path` with zeros, make that durable, and remove it."""
    try:
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as handle:
            zeros = bytes(min(size, WIPE_BLOCK))
            written = 0
            while written < size:
                written += handle.write(zeros[:size - written])
            os.fsync(handle.fileno())
        path.unlink()
    except FileNotFoundError:
        return
    fsync_folder(path.parent)


def finish_wipes(folder: Path) -> None:
    """Overwrite and remove what an interrupted conversion left to wipe in `folder`. A
    `.plain-wipe` that is still the register itself (the kill came before the rename) is
    only unlinked: its other name is the register."""
    for leftover in folder.glob("*" + PLAIN_WIPE):
        original = leftover.with_name(leftover.name[:-len(PLAIN_WIPE)])
        if original.exists() and os.path.samefile(original, leftover):
            leftover.unlink()
        else:
            wipe_and_remove(leftover)
    for leftover in folder.glob("*" + ENCRYPTING):
        leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
