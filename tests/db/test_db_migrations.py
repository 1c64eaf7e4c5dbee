"""Migrations from empty, and what opening does with damaged or newer databases."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

import pytest
from fixtures.registers import frozen
from sqlalchemy import inspect

from checkpoint_app.db import migrations
from checkpoint_app.db.engine import open_database
from checkpoint_app.db.errors import StorageError, StorageProblem
from checkpoint_app.db.sqlite_file import uri as _uri


def test_migrations_from_empty_reach_head_with_every_table(tmp_path):
    db = open_database(tmp_path / "register.sqlite3")
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {"station", "passage", "person_check", "person_name_gram", "person_ident_fts", "setting",
                "alembic_version"} <= tables
        assert not {"entry", "entry_name_gram", "entry_ident_fts"} & tables  # 0004 replaced them
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
    from actors import supervisor

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
    """Schema side of long names: migration 0001 declared names VARCHAR(40) and kept
    them so (SQLite does not enforce declared lengths, so no table was rebuilt for it);
    0004 made the person checks and passages with the models' 100 characters, and a
    name that long is stored whole in an upgraded register of the first release."""
    import datetime as dt
    import uuid

    from sqlmodel import Session

    from checkpoint_app.db.models import PERSON_NAME_MAX, Passage, PersonCheck

    assert PERSON_NAME_MAX >= 100
    assert PersonCheck.__table__.c.name.type.length == Passage.__table__.c.operator.type.length == PERSON_NAME_MAX
    path = frozen.copy_of("0001", tmp_path)
    with contextlib.closing(sqlite3.connect(_uri(path, "mode=ro"), uri=True)) as conn:
        assert {r[1]: r[2] for r in conn.execute("PRAGMA table_info(entry)")}["name"] == "VARCHAR(40)"
    long_name = ("阿卜杜热西提·" + "Muhammad-Alexandrovich " * 5)[:100]
    db = open_database(path)
    try:
        with Session(db.engine) as session:
            passage = Passage(direction="in", proposed_decision="admit", decision="admit", uuid=str(uuid.uuid4()),
                              station_id=1, seq=100, recorded_at=dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.timezone.utc),
                              utc_offset_min=480, local_date=dt.date(2026, 11, 29), operator=long_name)
            session.add(passage)
            session.flush()
            assert passage.id is not None
            session.add(PersonCheck(passage_id=passage.id, category="visitor", name=long_name))
            session.commit()
        with sqlite3.connect(db.path) as conn:
            declared = {r[1]: r[2] for r in conn.execute("PRAGMA table_info(person_check)")}
            stored = conn.execute("SELECT c.name, p.operator FROM passage AS p JOIN person_check AS c "
                                  "ON c.passage_id = p.id WHERE p.seq = 100").fetchone()
    finally:
        db.dispose()
    assert declared["name"] == "VARCHAR(100)"
    assert stored == (long_name, long_name) and len(long_name) == 100


def _downgrade(path: Path, revision: str) -> None:
    """Alembic's downgrade on the migration engine (the app never downgrades: tests and
    a developer do), in one transaction like an upgrade."""
    from alembic import command

    engine = migrations.migration_engine(path)
    try:
        with engine.begin() as conn:
            cfg = migrations.config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()


def _objects(path: Path) -> set[tuple[str, str, str]]:
    return {(kind, name, table) for kind, name, table, _sql in frozen.schema(path)}


def _entry_columns(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(_uri(path, "mode=ro"), uri=True)) as conn:
        return conn.execute("SELECT name, type, \"notnull\", pk FROM pragma_table_info('entry')").fetchall()


def test_0004_goes_down_to_the_entries_it_was_made_of_and_up_again(tmp_path):
    """Down from 0004 gives back the 0003 register it was upgraded from: the same rows in
    every table (change records naming entries again), the same tables, indexes and
    triggers, the entry columns in their order; up again gives the passages back."""
    path = frozen.copy_of("0003", tmp_path)
    before, objects, columns = frozen.snapshot(path), _objects(path), _entry_columns(path)
    migrations.upgrade(path)
    at_head = frozen.snapshot(path)
    assert "entry" not in at_head[0]

    _downgrade(path, "0003")
    assert frozen.revision(path) == "0003"
    assert frozen.snapshot(path) == before
    assert _objects(path) == objects and _entry_columns(path) == columns
    with contextlib.closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT rowid FROM entry_ident_fts WHERE entry_ident_fts MATCH '\"002X\"'").fetchall()
        assert found == conn.execute("SELECT id FROM entry WHERE name = '李四'").fetchall() != []
        conn.execute("INSERT INTO entry_ident_fts(entry_ident_fts, rank) VALUES ('integrity-check', 1)")

    migrations.upgrade(path)
    assert frozen.snapshot(path) == at_head


def test_0004_does_not_go_down_when_a_passage_has_no_place_in_an_entry(tmp_path):
    """A vehicle (a plate, occupants) cannot be one entry: the downgrade refuses and
    changes nothing, rather than drop occupants."""
    path = frozen.copy_of("0003", tmp_path)
    migrations.upgrade(path, "0004")
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE passage SET kind = 'vehicle', plate = '渝A12345' WHERE seq = 2")
        conn.execute("INSERT INTO person_check (category, name, phone_foreign, destination, purpose, origin_city, "
                     "fever, symptoms, key_area, key_area_reasons, passage_id, position, driver) "
                     "SELECT 'visitor', '乘客', 0, '', '', '', 0, '', 0, '', id, 1, 0 FROM passage WHERE seq = 2")
    before = frozen.schema(path), frozen.data(path)
    with pytest.raises(RuntimeError, match="no place in schema 0003"):
        _downgrade(path, "0003")
    assert (frozen.revision(path), frozen.schema(path), frozen.data(path)) == ("0004", *before)


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
