"""A register read without changing a byte, and what SQLite's files say about themselves.

`doctor`, the demo-data check and the start-up check for foreign files read the register
here. A plain read-only open (`mode=ro`) is not enough: on a WAL register with no `-wal`
file, SQLite creates `-wal` and `-shm` and leaves them behind, and in a folder that cannot
be written (read-only media) it cannot open at all. So the open is `mode=ro` where that
changes nothing (a rollback-journal register, or a WAL that is already there and can be
read), else `immutable=1` (SQLite reads the main file only, without locks or side files).

The header and WAL readers let doctor find a file cut short: SQLite reads a missing tail
as zeros and its own checks can pass (https://sqlite.org/fileformat2.html).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checkpoint_app.db import driver

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_MAGIC = {0x377F0682: "<", 0x377F0683: ">"}  # the checksums' byte order
WAL_HEADER_SIZE = 32
WAL_FRAME_HEADER_SIZE = 24


def folder_writable(folder: Path) -> bool:
    """Whether this process may create files in `folder` (False on read-only media)."""
    return os.access(folder, os.W_OK)


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def sqlite_url(path: Path) -> Any:
    """SQLAlchemy's URL of the register file. Built from parts, never from a string: a
    '?' or '#' in a folder name would otherwise be read as the start of options."""
    from sqlalchemy.engine import URL

    return URL.create("sqlite", database=str(path))


def uri(path: Path, query: str) -> str:
    return "file:" + quote(str(Path(path).absolute())) + "?" + query


@dataclass
class ReadOnly:
    conn: driver.Connection
    immutable: bool  # read without locks: a program writing at the same time is not seen
    wal_unread: bool  # a write-ahead log is there but could not be read (read-only media)

    def close(self) -> None:
        self.conn.close()


def open_read_only(path: Path, key: bytes | None = None) -> ReadOnly:
    """Open the SQLite file at `path` so that nothing in its folder changes.

    Raises driver.Error when it cannot be read at all."""
    header = read_header(path)
    wal = side_file(path, "-wal")
    wal_exists = wal.exists() and wal.stat().st_size > 0
    if wal_exists:
        try:
            return ReadOnly(_connect(path, "mode=ro", key), immutable=False, wal_unread=False)
        except driver.OperationalError:
            if folder_writable(path.parent):
                raise
            # no -shm and none can be made: read the main file as of the last checkpoint
            return ReadOnly(_connect(path, "immutable=1", key), immutable=True, wal_unread=True)
    # an encrypted register's header is ciphertext: treat it as WAL (immutable read)
    wal_mode = driver.is_encrypted_header(header) or (len(header) > 18 and header[18] == 2)
    if wal_mode or not folder_writable(path.parent):
        return ReadOnly(_connect(path, "immutable=1", key), immutable=True, wal_unread=False)
    return ReadOnly(_connect(path, "mode=ro", key), immutable=False, wal_unread=False)


def _connect(path: Path, query: str, key: bytes | None) -> driver.Connection:
    conn = driver.connect(uri(path, query), key, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.Error:
        conn.close()
        raise
    return conn


def read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEADER_SIZE)


def header_size(data: bytes) -> tuple[int, int | None] | None:
    """(page size, page count) from a database header (bytes 16-17 and 28-31). The count
    is None when an old writer left it stale (bytes 24-27 differ from 92-95)."""
    if len(data) < HEADER_SIZE or not data.startswith(SQLITE_MAGIC):
        return None
    raw_size = int.from_bytes(data[16:18], "big")
    pages = int.from_bytes(data[28:32], "big")
    valid = pages and data[24:28] == data[92:96]
    return (65536 if raw_size == 1 else raw_size), (pages if valid else None)


def wal_pages(wal: Path, page_size: int) -> set[int]:
    """Page numbers the write-ahead log holds in committed, intact frames (what SQLite
    would read from it). Frames after the last commit, of an older log generation (other
    salts) or with a wrong checksum are not counted; nor is anything of a damaged log."""
    try:
        data = wal.read_bytes()
    except OSError:
        return set()
    if len(data) < WAL_HEADER_SIZE:
        return set()
    magic, _version, wal_page_size, _seq, salt1, salt2, check1, check2 = struct.unpack(">8I", data[:WAL_HEADER_SIZE])
    order = WAL_MAGIC.get(magic)
    if order is None or wal_page_size != page_size or _checksum(data[:24], 0, 0, order) != (check1, check2):
        return set()
    sums = (check1, check2)
    committed: set[int] = set()
    pending: set[int] = set()
    frame_size = WAL_FRAME_HEADER_SIZE + page_size
    for start in range(WAL_HEADER_SIZE, len(data) - frame_size + 1, frame_size):
        page, commit_size, f_salt1, f_salt2, f_check1, f_check2 = struct.unpack(
            ">6I", data[start:start + WAL_FRAME_HEADER_SIZE])
        if (f_salt1, f_salt2) != (salt1, salt2):
            break
        sums = _checksum(data[start:start + 8], *sums, order)
        sums = _checksum(data[start + WAL_FRAME_HEADER_SIZE:start + frame_size], *sums, order)
        if sums != (f_check1, f_check2):
            break
        pending.add(page)
        if commit_size:
            committed |= pending
            pending = set()
    return committed


def _checksum(data: bytes, s1: int, s2: int, order: str) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def missing_pages(path: Path, page_size: int, page_count: int) -> list[int]:
    """Pages of the database (as SQLite sees it: `page_count`) that are neither in the
    main file nor in its write-ahead log: the file was cut short.

    In WAL mode the main file may legitimately end early: later pages can sit in the log
    (the database grew since the last checkpoint, or a checkpoint was interrupted after
    writing page 1). Only pages found in neither place are missing."""
    present = path.stat().st_size // page_size
    if present >= page_count:
        return []
    beyond = range(present + 1, page_count + 1)
    in_wal = wal_pages(side_file(path, "-wal"), page_size)
    return [page for page in beyond if page not in in_wal]
