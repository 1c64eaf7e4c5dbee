"""Upgrading what earlier releases really wrote: the frozen register of every released
schema (tests/fixtures/registers) reaches head with every row and value kept, is
copied aside first, and stays searchable. Also: what is copied when, and what a
register left half-made by an interrupted first start becomes."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat

import pytest
from actors import CHEAP_HASHER
from fixtures.registers import frozen
from sqlalchemy import select

from checkpoint_app.core.listing import EntryFilter, SearchKind

from checkpoint_app.db import migrations, upgrade_copy
from checkpoint_app.db.engine import SCHEMA_HEAD, open_database
from checkpoint_app.db.errors import StorageError, StorageProblem
from checkpoint_app.db.models import Entry
from checkpoint_app.db.queries import fetch_page
from checkpoint_app.db.sqlite_file import uri as _uri


@pytest.mark.parametrize("revision", frozen.RELEASED)
def test_frozen_registers_are_the_committed_files(revision):
    """A fixture is made once, when its schema is released, and never rebuilt."""
    assert frozen.sha256(frozen.frozen(revision)) == frozen.SHA256[revision]
    assert not frozen.frozen(revision).with_name(frozen.frozen(revision).name + "-wal").exists()


def test_every_released_schema_has_a_frozen_register():
    """A new migration is released with a frozen register of the schema it replaces."""
    older = migrations.known_revisions() - {migrations.head_revision()}
    assert older <= set(frozen.RELEASED)


@pytest.mark.parametrize("revision", frozen.RELEASED)
def test_a_released_register_upgrades_to_head_keeping_every_row(tmp_path, revision):
    path = frozen.copy_of(revision, tmp_path)
    before, old_columns = frozen.data(path), frozen.columns(path)
    assert frozen.revision(path) == revision
    assert len(before["entry"]) == 9

    db = open_database(path)
    try:
        assert migrations.current_revision(db.engine) == SCHEMA_HEAD
        assert frozen.data(path, only=old_columns) == frozen.kept(before)  # every row of every table, every value
        with db.engine.connect() as conn:
            names = conn.execute(select(Entry.name).order_by(Entry.seq)).scalars().all()
            assert names == ["王五", "李四", "阿依古丽·买买提", "王五", "赵六", "孙七", "张伟", "吴刚", "吴刚"]
            voided = conn.execute(select(Entry.name, Entry.void_reason).where(Entry.voided)).all()
            assert sorted(voided) == [("吴刚", "体温输错"), ("张伟", "登记重复")]
            old_uuid = conn.execute(select(Entry.uuid).where(Entry.seq == 8)).scalar_one()
            assert conn.execute(select(Entry.temp1).where(Entry.corrects_uuid == old_uuid)).scalar_one() == 365
            # old entries are in the search indexes head has (0002's trigram index included)
            by_phone = fetch_page(conn, EntryFilter(search_kind=SearchKind.PHONE, search_text="2345"), None, 10)
            assert [r.name for r in by_phone] == ["李四"]
            by_name = fetch_page(conn, EntryFilter(search_kind=SearchKind.NAME, search_text="买买提"), None, 10)
            assert [r.name for r in by_name] == ["阿依古丽·买买提"]
    finally:
        db.dispose()
    if revision == SCHEMA_HEAD:
        assert db.backup_path is None  # nothing upgraded, nothing copied
    else:
        _assert_is_a_copy_of(db.backup_path, path, revision, before)


def _assert_is_a_copy_of(backup, register, revision, rows):
    assert backup is not None and backup.parent == register.parent
    assert backup.name.startswith(f"register.before-{SCHEMA_HEAD}.") and backup.suffix == ".sqlite3"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert not list(register.parent.glob("*.partial"))
    assert frozen.revision(backup) == revision
    assert frozen.data(backup) == rows
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_copy_is_made_whatever_the_umask(tmp_path):
    import os

    path = frozen.copy_of("0001", tmp_path)
    old = os.umask(0)
    try:
        backup = migrations.upgrade(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_copy_holds_what_was_still_in_the_write_ahead_log(tmp_path):
    """A register closed by a kill has committed entries only in its -wal file: the
    backup API copies them too (a plain file copy would not)."""
    path = frozen.copy_of("0001", tmp_path)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE setting SET value = '\"夜班\"' WHERE key = 'operator'")
    writer.commit()
    shutil.copyfile(path.with_name(path.name + "-wal"), tmp_path / "keep-wal")
    writer.close()  # checkpoints; put the log back as a kill would have left it
    shutil.copyfile(frozen.frozen("0001"), path)
    shutil.copyfile(tmp_path / "keep-wal", path.with_name(path.name + "-wal"))
    before = frozen.data(path)
    assert ("operator", '"夜班"') in before["setting"]

    backup = migrations.upgrade(path)
    assert frozen.data(backup) == before


def test_a_new_register_and_a_current_one_are_not_copied(tmp_path):
    path = tmp_path / "register.sqlite3"
    db = open_database(path)
    db.dispose()
    assert db.backup_path is None
    db = open_database(path)
    db.dispose()
    assert db.backup_path is None
    assert sorted(p.name for p in tmp_path.iterdir() if "before" in p.name) == []


def test_two_upgrades_in_the_same_second_keep_both_copies(tmp_path):
    first = upgrade_copy.make_backup(frozen.copy_of("0001", tmp_path), "0002")
    second = upgrade_copy.make_backup(tmp_path / "register.sqlite3", "0002")
    assert first != second and first.exists() and second.exists()


def test_a_register_from_a_newer_app_is_neither_copied_nor_changed(tmp_path):
    path = frozen.copy_of("0002", tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = frozen.data(path), frozen.schema(path)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is StorageProblem.TOO_NEW
    assert (frozen.data(path), frozen.schema(path)) == before
    assert not [p for p in tmp_path.iterdir() if "before" in p.name]


def _interrupted_first_start(path):
    """What the app before atomic migrations left when killed after CREATE TABLE station
    on its first start: tables, an empty alembic_version, no revision."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("CREATE TABLE setting (key VARCHAR(60) NOT NULL PRIMARY KEY, value VARCHAR NOT NULL)")
        conn.execute("CREATE TABLE station (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(20) NOT NULL)")


def test_a_first_start_interrupted_before_atomic_migrations_is_built_again(tmp_path):
    path = tmp_path / "register.sqlite3"
    _interrupted_first_start(path)
    db = open_database(path)
    try:
        assert migrations.current_revision(db.engine) == SCHEMA_HEAD
        fresh = tmp_path / "fresh"
        fresh.mkdir()
        open_database(fresh / "register.sqlite3").dispose()
        assert frozen.schema(path) == frozen.schema(fresh / "register.sqlite3")
    finally:
        db.dispose()


@pytest.mark.parametrize("spoil", [
    "INSERT INTO station (id, code) VALUES (1, 'X')",  # something was stored: never drop it
    "CREATE TABLE photos (id INTEGER PRIMARY KEY)",  # not this app's table
])
def test_tables_without_a_revision_are_refused_unless_an_empty_half_made_register(tmp_path, spoil):
    path = tmp_path / "register.sqlite3"
    _interrupted_first_start(path)
    with sqlite3.connect(path) as conn:
        conn.execute(spoil)
    before = frozen.schema(path), frozen.data(path)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is (StorageProblem.NOT_A_REGISTER if "photos" in spoil else StorageProblem.CORRUPT)
    assert (frozen.schema(path), frozen.data(path)) == before


def test_an_upgrade_to_0002_interrupted_before_atomic_migrations_is_completed(tmp_path):
    """What the app before atomic migrations left when killed during 0001 -> 0002: some
    of 0002's indexes, the search table and a trigger, but revision 0001. The next start
    completes the upgrade (0002 creates only what is missing) with every entry."""
    path = frozen.copy_of("0001", tmp_path)
    rows, old_columns = frozen.data(path), frozen.columns(path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE INDEX ix_entry_decision ON entry (decision)")
        conn.execute("CREATE VIRTUAL TABLE entry_ident_fts USING fts5(id_number, phone, content='entry', "
                     "content_rowid='id', tokenize='trigram')")
        conn.execute("CREATE TRIGGER entry_ident_fts_ai AFTER INSERT ON entry BEGIN INSERT INTO "
                     "entry_ident_fts(rowid, id_number, phone) VALUES (new.id, new.id_number, new.phone); END")
    assert frozen.revision(path) == "0001"
    db = open_database(path)
    try:
        assert migrations.current_revision(db.engine) == SCHEMA_HEAD
        with db.engine.connect() as conn:
            found = fetch_page(conn, EntryFilter(search_kind=SearchKind.ID_NUMBER, search_text="0615"), None, 10)
            assert [r.name for r in found] == ["阿依古丽·买买提"]
    finally:
        db.dispose()
    assert frozen.data(path, only=old_columns) == frozen.kept(rows)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    open_database(fresh / "register.sqlite3").dispose()
    assert frozen.schema(path) == frozen.schema(fresh / "register.sqlite3")


def test_a_register_with_an_entry_deleted_behind_the_apps_back_still_upgrades(tmp_path):
    """Name-search rows pointing at a deleted entry are damage doctor reports; they
    must not make every later start fail. The upgrade itself adds no such rows."""
    path = frozen.copy_of("0001", tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM entry WHERE seq = 3")
        assert conn.execute("PRAGMA foreign_key_check").fetchall()
    before = frozen.snapshot(path)
    open_database(path).dispose()
    assert frozen.revision(path) == SCHEMA_HEAD and frozen.upgraded_keeping(path, before)


def test_no_upgrade_without_a_copy(tmp_path, monkeypatch):
    """When the copy cannot be made (here: the disk fills), the register is not
    upgraded and the user is told why."""
    path = frozen.copy_of("0001", tmp_path)
    before = frozen.schema(path), frozen.data(path)

    def full(*_args):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # as the backup API's own error carries it
        raise error

    monkeypatch.setattr(migrations, "make_backup", full)
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert caught.value.kind is StorageProblem.FULL
    assert (frozen.schema(path), frozen.data(path)) == before


def test_a_copy_that_fails_half_way_leaves_nothing_that_looks_complete(tmp_path, monkeypatch):
    import errno
    import os

    path = frozen.copy_of("0001", tmp_path)

    def no_space(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError):
        upgrade_copy.make_backup(path, "0002")
    assert [p.name for p in tmp_path.iterdir() if "before" in p.name] == []


@pytest.mark.parametrize("damaged_before", [False, True])
def test_an_upgrade_that_leaves_rows_pointing_nowhere_is_rolled_back(tmp_path, damaged_before):
    """Foreign keys are off while migrating (a table rebuild must be able to drop a
    table others point at); the references are checked before the commit. A table the
    upgrade rebuilt with a row pointing at a missing entry fails it; rows that pointed
    nowhere before the upgrade do not."""
    path = frozen.copy_of("0001", tmp_path)
    if damaged_before:
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM entry WHERE seq = 3")  # its name-search rows now point nowhere
    backup = upgrade_copy.make_backup(path, "test")
    engine = migrations.migration_engine(path)
    try:
        with engine.begin() as conn:
            roots = migrations._table_roots(conn)
            # a rebuild of entry_name_gram, as a batch migration would do it
            conn.exec_driver_sql("CREATE TABLE gram_new AS SELECT * FROM entry_name_gram")
            conn.exec_driver_sql("DROP TABLE entry_name_gram")
            conn.exec_driver_sql("CREATE TABLE entry_name_gram (gram VARCHAR(2) NOT NULL, entry_id INTEGER NOT NULL "
                                 "REFERENCES entry (id), PRIMARY KEY (gram, entry_id)) WITHOUT ROWID")
            conn.exec_driver_sql("INSERT INTO entry_name_gram SELECT * FROM gram_new")
            conn.exec_driver_sql("DROP TABLE gram_new")
            migrations._check_references(conn, roots, backup)  # only what was there before
            conn.exec_driver_sql("INSERT INTO entry_name_gram VALUES ('错', 999)")
            with pytest.raises(RuntimeError, match="1 rows pointing at missing rows"):
                migrations._check_references(conn, roots, backup)
    finally:
        engine.dispose()


@pytest.mark.parametrize("folder", ["卡口#2", "gate?ro", "50% east"])
def test_the_copy_is_whole_whatever_characters_the_folder_name_holds(tmp_path, folder):
    """'#', '?' and '%' end or escape a file: URI; unquoted, the copy read another file."""
    place = tmp_path / folder
    place.mkdir()
    path = frozen.copy_of("0001", place)
    before = frozen.data(path)
    db = open_database(path)
    db.dispose()
    _assert_is_a_copy_of(db.backup_path, path, "0001", before)
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # nothing strayed beside the folder


@pytest.mark.parametrize("revision", frozen.BEFORE_LOGINS)
def test_every_on_duty_name_becomes_an_operator_and_every_entry_points_at_it(tmp_path, revision):
    """Before 0003 the guard typed their name into a free-text field: each name (on
    entries, on voids, the one remembered in the settings) is an operator record after
    the upgrade, exactly as typed, with no PIN (no login until a supervisor gives one)."""
    path = frozen.copy_of(revision, tmp_path)
    with sqlite3.connect(_uri(path, "mode=ro"), uri=True) as conn:
        typed = {row[0] for row in conn.execute("SELECT operator FROM entry UNION SELECT voided_by FROM entry "
                                                "WHERE voided = 1")}
        remembered = conn.execute("SELECT value FROM setting WHERE key = 'operator'").fetchone()
    assert typed and remembered is not None
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        operators = dict(conn.execute("SELECT name, id FROM operator"))
        assert set(operators) == typed | {json.loads(remembered[0])}
        assert conn.execute("SELECT count(*) FROM operator WHERE pin_hash IS NOT NULL OR role != 'guard'"
                            ).fetchone()[0] == 0
        for name, operator_id, voided_by, voided_by_id in conn.execute(
                "SELECT operator, operator_id, voided_by, voided_by_id FROM entry"):
            assert operators[name] == operator_id
            assert (voided_by_id is None) if not voided_by else operators[voided_by] == voided_by_id
        assert conn.execute("SELECT count(*) FROM setting WHERE key = 'operator'").fetchone()[0] == 0
    from checkpoint_app.services.context import open_context

    ctx = open_context(path.parent, pin_hasher=CHEAP_HASHER)
    try:
        assert ctx.operators.needs_first_supervisor()  # the next start asks for the supervisor
        assert all(not op.can_log_in for op in ctx.operators.all())
        name = sorted(typed)[0]  # the supervisor types the name they used on duty before
        boss = ctx.operators.create_first_supervisor(name, "582047")
        assert boss.operator_id == operators[name]  # that record, with its entries, gets the login
        assert not ctx.operators.needs_first_supervisor()
    finally:
        ctx.close()
