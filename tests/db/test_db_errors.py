"""Errors are classified by SQLite's result code (and errno), not by message text: each
fault is provoked for real on an SQLite file and must come out as the right kind."""

from __future__ import annotations

import errno
import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from checkpoint_app.db import driver
from checkpoint_app.db.engine import make_engine
from checkpoint_app.db.errors import StorageError, StorageProblem, classify, code_name, storage_errors

ID = "11010519491231002X"


def populated(folder: Path, rows: int = 3000) -> Path:
    """A register-like file (rollback journal, so everything is in the main file) with
    many pages: an ID number per row."""
    path = folder / "test.sqlite3"
    with driver.connect(path) as conn:
        conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, id_number TEXT, notes TEXT)")
        conn.executemany("INSERT INTO person (id_number, notes) VALUES (?, ?)",
                         ((f"{n:017d}X", "备注" * 20) for n in range(rows)))
        conn.execute("INSERT INTO person (id_number, notes) VALUES (?, '')", (ID,))
    conn.close()
    return path


def raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def read_only(tmp_path):
    conn = driver.connect(populated(tmp_path).as_uri() + "?mode=ro", uri=True)
    return raised(lambda: conn.execute("INSERT INTO person (id_number) VALUES ('x')"))


def query_only(tmp_path):
    conn = driver.connect(populated(tmp_path))
    conn.execute("PRAGMA query_only = 1")
    return raised(lambda: conn.execute("DELETE FROM person"))


def disk_full(tmp_path):
    conn = driver.connect(populated(tmp_path))
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return raised(lambda: conn.executemany("INSERT INTO person (notes) VALUES (?)", [("x" * 2000,)] * 100))


def locked(tmp_path):
    path = populated(tmp_path)
    holder = driver.connect(path)
    holder.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool
    conn = driver.connect(path, timeout=0)
    try:
        return raised(lambda: conn.execute("SELECT count(*) FROM person").fetchone())
    finally:
        holder.rollback()


def locked_for_writing(tmp_path):
    path = populated(tmp_path)
    holder = driver.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    conn = driver.connect(path, timeout=0)
    try:
        return raised(lambda: conn.execute("INSERT INTO person (notes) VALUES ('x')"))
    finally:
        holder.rollback()


def random_bytes_inside(tmp_path):
    path = populated(tmp_path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = random.Random(5).randbytes(4096)
    path.write_bytes(bytes(data))
    conn = driver.connect(path)
    return raised(lambda: conn.execute("SELECT count(*) FROM person WHERE notes LIKE '%zz%'").fetchone())


def not_a_database(tmp_path):
    path = tmp_path / "test.sqlite3"
    path.write_bytes(b"PK\x03\x04 a spreadsheet, not a register" * 200)
    conn = driver.connect(path)
    return raised(lambda: conn.execute("SELECT count(*) FROM sqlite_master").fetchone())


def missing_folder(tmp_path):
    return raised(lambda: driver.connect(tmp_path / "no such folder" / "test.sqlite3"))


def damaged_text(tmp_path):
    path = populated(tmp_path)
    data = bytearray(path.read_bytes())
    at = data.index(ID.encode())
    data[at + 5] = 0xFF  # one damaged byte inside the ID number: no longer UTF-8
    path.write_bytes(bytes(data))
    conn = driver.connect(path)
    return raised(lambda: conn.execute("SELECT id_number FROM person WHERE notes = ''").fetchall())


@pytest.mark.parametrize("provoke, kind, code", [
    (read_only, StorageProblem.READ_ONLY, "SQLITE_READONLY"),
    (query_only, StorageProblem.READ_ONLY, "SQLITE_READONLY"),
    (disk_full, StorageProblem.FULL, "SQLITE_FULL"),
    (locked, StorageProblem.LOCKED, "SQLITE_BUSY"),
    (locked_for_writing, StorageProblem.LOCKED, "SQLITE_BUSY"),
    (random_bytes_inside, StorageProblem.CORRUPT, "SQLITE_CORRUPT"),
    (not_a_database, StorageProblem.CORRUPT, "SQLITE_NOTADB"),
    (missing_folder, StorageProblem.CANNOT_OPEN, "SQLITE_CANTOPEN"),
    (damaged_text, StorageProblem.CORRUPT, ""),  # the driver gives no code: the one fallback
])
def test_real_sqlite_faults_are_classified_by_their_result_code(tmp_path, provoke, kind, code):
    error = provoke(tmp_path)
    assert code_name(error) == code
    storage = classify(error)
    assert storage is not None and storage.kind is kind
    assert ID[5:9] not in str(storage) and "person" not in str(storage)  # the kind and the code, never the message


def test_classification_does_not_read_the_message(tmp_path):
    """A message that reads like a known fault but carries a bug's code is a bug."""
    error = driver.OperationalError("database is locked; disk is full; file is not a database")
    error.sqlite_errorcode, error.sqlite_errorname = 1, "SQLITE_ERROR"
    assert classify(error) is None
    error.sqlite_errorcode = 13 | (1 << 8)  # an extended code: the low byte is SQLite's primary code
    assert classify(error).kind is StorageProblem.FULL


def test_the_backup_apis_errors_carry_no_code_and_are_known_by_sqlites_fixed_text(tmp_path):
    """The driver's backup() raises without sqlite_errorcode: a destination that cannot grow
    is still "full" (sqlite3_errstr's text for SQLITE_FULL); text SQLite never gives is not."""
    source = driver.connect(populated(tmp_path))
    target = driver.connect(tmp_path / "copy.sqlite3")
    target.execute("PRAGMA max_page_count = 2")
    error = raised(lambda: source.backup(target))
    source.close()
    target.close()
    assert getattr(error, "sqlite_errorcode", None) is None
    assert classify(error).kind is StorageProblem.FULL
    assert classify(driver.OperationalError("the disk is full, probably")) is None


@pytest.mark.parametrize("number, kind", [
    (errno.ENOSPC, StorageProblem.FULL),
    (errno.EDQUOT, StorageProblem.FULL),
    (errno.EROFS, StorageProblem.READ_ONLY),
    (errno.EACCES, StorageProblem.PERMISSION),
    (errno.EPERM, StorageProblem.PERMISSION),
    (errno.ENOENT, StorageProblem.CANNOT_OPEN),
    (errno.EIO, StorageProblem.IO),
])
def test_operating_system_errors_by_errno(number, kind):
    error = OSError(number, "whatever the system says")
    assert classify(error).kind is kind
    assert str(classify(error)) == f"{kind.value}: {errno.errorcode[number]}"


def test_undecodable_text_and_bugs():
    assert classify(UnicodeDecodeError("utf-8", ID.encode(), 5, 6, "invalid start byte")).kind is StorageProblem.CORRUPT
    for bug in (ValueError("x"), KeyError("k"), sqlite3.ProgrammingError("closed")):
        assert classify(bug) is None
    with driver.connect(":memory:") as conn:
        syntax = raised(lambda: conn.execute("SELEC 1"))
        conn.execute("CREATE TABLE t (a UNIQUE)")
        conn.execute("INSERT INTO t VALUES (1)")
        unique = raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    assert (code_name(syntax), classify(syntax)) == ("SQLITE_ERROR", None)
    assert code_name(unique).startswith("SQLITE_CONSTRAINT") and classify(unique) is None


def test_through_the_apps_engine_the_same_kind(tmp_path):
    path = populated(tmp_path)
    data = bytearray(path.read_bytes())
    data[data.index(ID.encode()) + 5] = 0xFF
    path.write_bytes(bytes(data))
    engine = make_engine(path)
    try:
        with pytest.raises(StorageError) as caught, storage_errors(), engine.connect() as conn:
            conn.execute(text("SELECT id_number FROM person WHERE notes = ''")).fetchall()
    finally:
        engine.dispose()
    assert caught.value.kind is StorageProblem.CORRUPT
    assert ID[5:9] not in str(caught.value)
