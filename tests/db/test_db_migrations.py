"""Migrations from empty, and what opening does with damaged or newer databases."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from actors import supervisor
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


def test_idle_checkpoint_moves_the_log_into_the_database_file(ctx):
    from checkpoint_app.core.entry import EntryDraft

    marker = "检查点测试"
    ctx.register.save(supervisor(ctx), EntryDraft(category="resident", name=marker, temperature="36.5"))
    assert marker.encode() not in ctx.paths.database.read_bytes()  # still only in the -wal file
    ctx.db.checkpoint()
    assert marker.encode() in ctx.paths.database.read_bytes()


def test_schema_head_constant_matches_the_newest_migration():
    from checkpoint_app.db.engine import SCHEMA_HEAD

    assert SCHEMA_HEAD == migrations.head_revision()


def _autogenerate_diff(engine, metadata):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": migrations.compare_type, "include_object": migrations.include_object})
        return compare_metadata(context, metadata)


def test_the_models_match_what_the_migrations_built(tmp_path):
    """Every change to the models comes with its migration: autogenerate against a
    migrated register finds nothing to do (declared VARCHAR lengths aside, see
    migrations.compare_type)."""
    from sqlmodel import SQLModel

    db = open_database(tmp_path / "register.sqlite3")
    try:
        assert _autogenerate_diff(db.engine, SQLModel.metadata) == []
    finally:
        db.dispose()


def test_the_comparison_still_sees_a_changed_type_or_a_new_column(tmp_path):
    """Ignoring VARCHAR lengths must not blind the comparison to real changes."""
    from sqlalchemy import Column, Integer, MetaData, String, Table

    db = open_database(tmp_path / "register.sqlite3")
    try:
        metadata = MetaData()
        Table("setting", metadata, Column("key", String(60), primary_key=True), Column("value", Integer),
              Column("added", String(10)))
        diff = _autogenerate_diff(db.engine, metadata)
    finally:
        db.dispose()
    kinds = [d[0] if isinstance(d, tuple) else d[0][0] for d in diff]
    assert "add_column" in kinds and "modify_type" in kinds


def test_a_name_of_100_characters_is_stored_whole_in_a_register_of_the_first_release(tmp_path):
    """Schema side of long names: the models declare 100 characters, and a register
    whose entry table 0001 declared VARCHAR(40) keeps all 100 (SQLite does not enforce
    declared lengths), so no table rebuild was needed."""
    import datetime as dt
    import uuid

    from fixtures.registers import frozen
    from sqlmodel import Session

    from checkpoint_app.db.models import PERSON_NAME_MAX, Entry

    assert PERSON_NAME_MAX >= 100
    assert Entry.__table__.c.name.type.length == Entry.__table__.c.operator.type.length == PERSON_NAME_MAX
    long_name = ("阿卜杜热西提·" + "Muhammad-Alexandrovich " * 5)[:100]
    db = open_database(frozen.copy_of("0001", tmp_path))
    try:
        with Session(db.engine) as session:
            session.add(Entry(direction="in", category="visitor", name=long_name, proposed_decision="admit",
                              decision="admit", uuid=str(uuid.uuid4()), station_id=1, seq=100,
                              recorded_at=dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.timezone.utc), utc_offset_min=480,
                              local_date=dt.date(2026, 11, 29), operator=long_name))
            session.commit()
        with sqlite3.connect(db.path) as conn:
            declared = {r[1]: r[2] for r in conn.execute("PRAGMA table_info(entry)")}
            stored = conn.execute("SELECT name, operator FROM entry WHERE seq = 100").fetchone()
    finally:
        db.dispose()
    assert declared["name"] == "VARCHAR(40)"  # what 0001 wrote; the table was not rebuilt
    assert stored == (long_name, long_name) and len(long_name) == 100


@pytest.mark.parametrize("number, kind", [(errno.EPERM, StorageProblem.PERMISSION),
                                          (errno.EACCES, StorageProblem.PERMISSION),
                                          (errno.EROFS, StorageProblem.READ_ONLY)])
@pytest.mark.parametrize("which", ["register.sqlite3", "register.sqlite3-wal"])
def test_a_register_that_cannot_be_written_is_refused_at_start_not_at_the_first_save(tmp_path, monkeypatch,
                                                                                      number, kind, which):
    """An immutable or write-protected file (chattr +i; root ignores chmod) opens and reads
    fine in SQLite and fails only when a guard saves: the start checks it can be written."""
    path = tmp_path / "register.sqlite3"
    open_database(path).dispose()
    (tmp_path / "register.sqlite3-wal").touch()
    real_open = os.open

    def refusing(file, flags, *args):
        if Path(file).name == which and flags & (os.O_RDWR | os.O_WRONLY):
            raise OSError(number, os.strerror(number), str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is kind
