"""Migrations from empty, and what opening does with damaged or newer databases."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from checkpoint_app.db import migrations
from checkpoint_app.db.engine import open_database
from checkpoint_app.db.errors import StorageError, StorageProblem


def test_migrations_from_empty_reach_head_with_every_table(tmp_path):
    db = open_database(tmp_path / "register.sqlite3")
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {"station", "entry", "entry_name_gram", "setting", "alembic_version"} <= tables
    finally:
        db.dispose()


def test_wal_and_full_sync_on_every_connection(tmp_path):
    db = open_database(tmp_path / "register.sqlite3")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_opening_twice_is_a_no_op(tmp_path):
    path = tmp_path / "register.sqlite3"
    open_database(path).dispose()
    db = open_database(path)
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    db.dispose()


def test_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "register.sqlite3"
    junk = b"this is not a database, but someone's data" * 100
    path.write_bytes(junk)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is StorageProblem.CORRUPT
    assert path.read_bytes() == junk


def test_damaged_pages_are_reported_as_corrupt(tmp_path):
    path = tmp_path / "register.sqlite3"
    open_database(path).dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is StorageProblem.CORRUPT
    assert path.read_bytes() == before


def test_schema_from_a_newer_app_is_refused(tmp_path):
    path = tmp_path / "register.sqlite3"
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is StorageProblem.TOO_NEW
