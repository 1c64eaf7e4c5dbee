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


def test_upgrade_from_0001_indexes_existing_entries_for_fragment_search(tmp_path, ctx):
    """A register made by the first release gains the search indexes, with its old
    entries in them."""
    from alembic import command

    from checkpoint_app.core.entry import EntryDraft
    from checkpoint_app.core.listing import EntryFilter, SearchKind
    from checkpoint_app.db.engine import make_engine
    from checkpoint_app.db.queries import fetch_page

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = migrations.config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    ctx.register.save(EntryDraft(category="resident", name="老住户", phone="13912345678", temperature="36.5"), "g")
    with sqlite3.connect(ctx.paths.database) as src, sqlite3.connect(path) as dst:
        dst.execute("INSERT INTO station (id, code, name, station_type, district, province_code, created_at, "
                    "updated_at, next_seq) VALUES (1, 'OLD-01', '老站', 'compound_gate', '江北', '50', "
                    "'2020-02-02', '2020-02-02', 2)")
        columns = [r[1] for r in src.execute("PRAGMA table_info(entry)")]
        row = src.execute(f"SELECT {', '.join(columns)} FROM entry").fetchone()
        dst.execute(f"INSERT INTO entry ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", row)
    db = open_database(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        with db.engine.connect() as conn:
            rows = fetch_page(conn, EntryFilter(search_kind=SearchKind.PHONE, search_text="2345"), None, 10)
        assert [r.name for r in rows] == ["老住户"]
    finally:
        db.dispose()


def test_idle_checkpoint_moves_the_log_into_the_database_file(ctx):
    from checkpoint_app.core.entry import EntryDraft

    marker = "检查点测试"
    ctx.register.save(EntryDraft(category="resident", name=marker, temperature="36.5"), "g")
    assert marker.encode() not in ctx.paths.database.read_bytes()  # still only in the -wal file
    ctx.db.checkpoint()
    assert marker.encode() in ctx.paths.database.read_bytes()


def test_schema_head_constant_matches_the_newest_migration():
    from checkpoint_app.db.engine import SCHEMA_HEAD

    assert SCHEMA_HEAD == migrations.head_revision()
