"""Upgrading what earlier releases really wrote: the frozen register of every released
schema (tests/fixtures/registers) reaches head with every row and value kept, is
copied aside first, and stays searchable. Since 0004 every entry (a person and the
event in one row) is a passage with one person check: each of its fields is compared
where it now lives. Also: what is copied when, and what a register left half-made by
an interrupted first start becomes."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import stat

import pytest
from fixtures.registers import frozen

from checkpoint_app.core.audit_chain import CHAINED_FIELDS, verify_chain

from checkpoint_app.db import driver, migrations, upgrade_copy
from checkpoint_app.db.engine import SCHEMA_HEAD, open_database
from checkpoint_app.db.errors import StorageError, StorageProblem
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


def _rows(path, sql, *args):
    """Rows as dicts, read from a copy (never the frozen file itself)."""
    with contextlib.closing(sqlite3.connect(_uri(path, "mode=ro"), uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, args)]


def _column(path, sql, *args):
    return [next(iter(row.values())) for row in _rows(path, sql, *args)]


@pytest.mark.parametrize("revision", frozen.RELEASED)
def test_a_released_register_upgrades_to_head_keeping_every_row(tmp_path, revision):
    path = frozen.copy_of(revision, tmp_path)
    before = frozen.snapshot(path)
    assert frozen.revision(path) == revision
    if revision in frozen.BEFORE_PASSAGES:
        assert len(before[1]["entry"]) == 9
    else:
        assert len(before[1]["passage"]) == 10  # from 0004: the nine persons on foot and a vehicle

    db = open_database(path)
    db.dispose()
    assert frozen.revision(path) == SCHEMA_HEAD
    expected = frozen.kept(before)
    assert frozen.held(path, expected) == expected[1]  # every row of every table, every value
    names = _column(path, "SELECT c.name FROM passage AS p JOIN person_check AS c ON c.passage_id = p.id "
                          "ORDER BY p.seq")
    on_foot = ["王五", "李四", "阿依古丽·买买提", "王五", "赵六", "孙七", "张伟", "吴刚", "吴刚"]
    assert names == on_foot + ([] if revision in frozen.BEFORE_PASSAGES else ["钱八", "周九"])
    voided = _rows(path, "SELECT c.name, p.void_reason FROM passage AS p JOIN person_check AS c "
                         "ON c.passage_id = p.id WHERE p.voided")
    assert sorted((r["name"], r["void_reason"]) for r in voided) == [("吴刚", "体温输错"), ("张伟", "登记重复")]
    corrected = _column(path, "SELECT c.temp1 FROM passage AS p JOIN person_check AS c ON c.passage_id = p.id "
                              "WHERE p.corrects_uuid = (SELECT uuid FROM passage WHERE seq = 8)")
    assert corrected == [365]
    if revision == SCHEMA_HEAD:
        assert db.backup_path is None  # nothing upgraded, nothing copied
    else:
        _assert_is_a_copy_of(db.backup_path, path, revision, before[1])


@pytest.mark.parametrize("revision", frozen.BEFORE_PASSAGES)
def test_every_field_of_every_entry_is_kept_in_its_passage_or_its_person_check(tmp_path, revision):
    """Each old entry, read from the frozen register, against the passage and the person
    check the upgrade made of it, field by field: the event's fields on the passage
    (kind 'person', no plate, its flags the person's), the person's on the person check
    at position 0 (not a driver), both with the entry's id; nothing more, nothing less."""
    path = frozen.copy_of(revision, tmp_path)
    entries = _rows(path, "SELECT * FROM entry ORDER BY id")
    assert entries and frozen.unplaced_entry_fields(tuple(entries[0])) == set()
    assert any(e["fever"] for e in entries) and any(e["key_area"] for e in entries)  # the flags are exercised
    migrations.upgrade(path)

    passages = {p["id"]: p for p in _rows(path, "SELECT * FROM passage")}
    persons = _rows(path, "SELECT * FROM person_check")
    assert sorted(passages) == sorted(c["id"] for c in persons) == [e["id"] for e in entries]
    for entry in entries:
        passage = passages[entry["id"]]
        person, = (c for c in persons if c["passage_id"] == entry["id"])
        assert (person["id"], person["position"], person["driver"]) == (entry["id"], 0, 0)
        assert (passage["kind"], passage["plate"], passage["plate_kind"], passage["vehicle_category"]) == (
            "person", None, None, None)
        assert (passage["any_fever"], passage["any_key_area"]) == (entry["fever"], entry["key_area"])
        for field, value in entry.items():
            if field in frozen.ENTRY_PERSON_FIELDS:
                assert (field, person[field]) == (field, value)
            elif field in frozen.ENTRY_PASSAGE_FIELDS:
                assert (field, passage[field]) == (field, value)
            else:
                assert field == "id"
    if revision in frozen.BEFORE_LOGINS:  # 0003 gave every entry its operator; the passage keeps it
        assert all(p["operator_id"] is not None for p in passages.values())


@pytest.mark.parametrize("revision", frozen.BEFORE_PASSAGES)
def test_no_trace_of_the_entry_tables_is_left(tmp_path, revision):
    path = frozen.copy_of(revision, tmp_path)
    migrations.upgrade(path)
    left = _column(path, "SELECT name FROM sqlite_master WHERE name LIKE '%entry%' OR tbl_name LIKE '%entry%' "
                         "OR sql LIKE '%entry%'")
    assert left == []


@pytest.mark.parametrize("revision", frozen.BEFORE_PASSAGES)
def test_change_records_and_the_audit_log_survive_the_reshape(tmp_path, revision):
    """Change records now name passages (the export reads them by UUID: the same UUIDs);
    the audit log is untouched and its hash chain still verifies."""
    path = frozen.copy_of(revision, tmp_path)
    changes = _rows(path, "SELECT * FROM change_record ORDER BY id") if revision not in frozen.BEFORE_LOGINS else []
    events = _rows(path, "SELECT * FROM audit_event ORDER BY id") if revision not in frozen.BEFORE_LOGINS else []
    migrations.upgrade(path)

    after = [c for c in _rows(path, "SELECT * FROM change_record ORDER BY id")
             if c["record_type"] not in frozen.BACKFILLED_TYPES]  # 0006's: see the test below
    assert after == [{**c, "record_type": "passage"} for c in changes]
    uuids = set(_column(path, "SELECT uuid FROM passage"))
    assert {c["record_uuid"] for c in after} <= uuids
    audit = _rows(path, f"SELECT {', '.join(CHAINED_FIELDS)}, prev_hash, hash FROM audit_event ORDER BY id")
    assert audit == [{k: e[k] for k in (*CHAINED_FIELDS, "prev_hash", "hash")} for e in events]
    assert verify_chain(audit) is None
    if revision == "0003":
        assert len(after) == 11 and len(audit) == 12  # what the fixture holds: the comparisons saw rows
        assert verify_chain([*audit[:3], {**audit[3], "subject": "passage:x"}, *audit[4:]]) is not None


@pytest.mark.parametrize("revision", [r for r in frozen.RELEASED if r not in frozen.BEFORE_LOGINS])
def test_0006_gives_every_shift_and_seven_ones_check_a_change_record_after_the_others(tmp_path, revision):
    """The first batch carries the shifts and checks registered before batches existed:
    one change record each, after the passages' own, at the shift's start and the check's time."""
    path = frozen.copy_of(revision, tmp_path)
    before = _rows(path, "SELECT * FROM change_record ORDER BY id")
    migrations.upgrade(path)
    added = _rows(path, "SELECT * FROM change_record WHERE id > ? ORDER BY id", before[-1]["id"] if before else 0)
    shifts = _rows(path, "SELECT id, started_at, started_by FROM shift ORDER BY id")
    checks = _rows(path, "SELECT id, checked_at, operator_id FROM seven_ones_check ORDER BY id")
    assert len(shifts) == 2 and len(checks) == 1  # what the fixtures hold: a shift handed over, one check
    assert [(c["record_type"], c["record_uuid"], c["kind"], c["at"], c["operator_id"]) for c in added] == [
        *(("shift", str(s["id"]), "upsert", s["started_at"], s["started_by"]) for s in shifts),
        *(("seven_ones", str(c["id"]), "create", c["checked_at"], c["operator_id"]) for c in checks)]


def _fts(path, query):
    return sorted(_column(path, "SELECT rowid FROM person_ident_fts WHERE person_ident_fts MATCH ?", query))


def _name_grams(path, *grams):
    """Person ids holding every one of the name's grams (how name search narrows)."""
    sql = " INTERSECT ".join("SELECT person_id FROM person_name_gram WHERE gram = ?" for _ in grams)
    return sorted(_column(path, sql, *grams))


def _person(path, name):
    return _column(path, "SELECT id FROM person_check WHERE name = ?", name)


@pytest.mark.parametrize("revision", frozen.BEFORE_PASSAGES)
def test_migrated_persons_are_found_by_id_number_phone_and_name(tmp_path, revision):
    """The search indexes of head hold every migrated person: the ID/phone trigram
    index (filled by the upgrade, checked against person_check by FTS5's own
    integrity check) and the name grams (moved with their ids)."""
    path = frozen.copy_of(revision, tmp_path)
    migrations.upgrade(path)
    li_si, ayiguli, zhao_liu = _person(path, "李四"), _person(path, "阿依古丽·买买提"), _person(path, "赵六")
    assert _fts(path, '"002X"') == li_si  # ID number fragment
    assert _fts(path, '"0615"') == ayiguli
    assert _fts(path, 'phone:"2345"') == li_si  # phone fragment
    assert _fts(path, 'id_number:"2345"') == []
    assert _name_grams(path, "买买", "买提") == ayiguli
    assert _name_grams(path, "六") == zhao_liu
    assert _name_grams(path, "李四") == li_si
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO person_ident_fts(person_ident_fts, rank) VALUES ('integrity-check', 1)")


def test_the_id_and_phone_index_follows_person_checks_after_the_upgrade(tmp_path):
    """The triggers of head are on person_check: a person added, changed and removed
    after the upgrade is found, found under the new phone, and no longer found."""
    path = frozen.copy_of("0003", tmp_path)
    migrations.upgrade(path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO passage (direction, kind, any_fever, any_key_area, proposed_decision, decision, "
                     "override_reason, leaflet, notes, uuid, station_id, seq, recorded_at, utc_offset_min, local_date, "
                     "operator, voided, void_reason, voided_by) VALUES ('in', 'person', 0, 0, 'admit', 'admit', '', "
                     "0, '', 'u-100', 1, 100, '2026-11-29 01:00:00.000000', 480, '2026-11-29', 'x', 0, '', '')")
        passage_id = conn.execute("SELECT id FROM passage WHERE seq = 100").fetchone()[0]
        conn.execute("INSERT INTO person_check (category, name, id_number, phone, phone_foreign, destination, purpose, "
                     "origin_city, fever, symptoms, key_area, key_area_reasons, passage_id, position, driver) "
                     "VALUES ('visitor', '钱八', '110101199003074417', '15011112222', 0, '', '', '', 0, '', 0, '', "
                     "?, 0, 0)", (passage_id,))
        added = conn.execute("SELECT id FROM person_check WHERE passage_id = ?", (passage_id,)).fetchone()[0]
    assert _fts(path, '"0307"') == [added] and _fts(path, '"1112"') == [added]
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE person_check SET phone = '15033334444' WHERE id = ?", (added,))
    assert _fts(path, '"1112"') == [] and _fts(path, '"3334"') == [added]
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM person_check WHERE id = ?", (added,))
        conn.execute("INSERT INTO person_ident_fts(person_ident_fts, rank) VALUES ('integrity-check', 1)")
    assert _fts(path, '"0307"') == [] and _fts(path, '"3334"') == []


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
    before = frozen.snapshot(path)
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
    finally:
        db.dispose()
    assert _fts(path, '"0615"') == _person(path, "阿依古丽·买买提")
    assert frozen.upgraded_keeping(path, before)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    open_database(fresh / "register.sqlite3").dispose()
    assert frozen.schema(path) == frozen.schema(fresh / "register.sqlite3")


def test_a_register_with_an_entry_deleted_behind_the_apps_back_still_upgrades(tmp_path):
    """Name-search rows pointing at a deleted entry are damage (doctor reports the gap in
    the sequence numbers); they must not make every later start fail. They find nothing:
    0004 leaves them behind with their entry table, and adds no row pointing nowhere."""
    path = frozen.copy_of("0001", tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM entry WHERE seq = 3")
        assert conn.execute("PRAGMA foreign_key_check").fetchall()
    before = frozen.snapshot(path)
    open_database(path).dispose()
    assert frozen.revision(path) == SCHEMA_HEAD and frozen.upgraded_keeping(path, before)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        kept_grams = [row for row in before[1]["entry_name_gram"] if row[1] != 3]  # (gram, entry_id); seq 3 was id 3
        assert conn.execute("SELECT count(*) FROM person_name_gram").fetchone()[0] == len(kept_grams)
        assert 0 < len(kept_grams) < len(before[1]["entry_name_gram"])


def test_no_upgrade_without_a_copy(tmp_path, monkeypatch):
    """When the copy cannot be made (here: the disk fills), the register is not
    upgraded and the user is told why."""
    path = frozen.copy_of("0001", tmp_path)
    before = frozen.schema(path), frozen.data(path)

    def full(*_args):
        error = driver.OperationalError("database or disk is full")
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


def _typed_names(path):
    with contextlib.closing(sqlite3.connect(_uri(path, "mode=ro"), uri=True)) as conn:
        typed = {row[0] for row in conn.execute("SELECT operator FROM entry UNION SELECT voided_by FROM entry "
                                                "WHERE voided = 1")}
        remembered = conn.execute("SELECT value FROM setting WHERE key = 'operator'").fetchone()
    assert typed and remembered is not None
    return typed, json.loads(remembered[0])


@pytest.mark.parametrize("revision", frozen.BEFORE_LOGINS)
def test_every_on_duty_name_becomes_an_operator_and_every_passage_points_at_it(tmp_path, revision):
    """Before 0003 the guard typed their name into a free-text field: each name (on
    entries, on voids, the one remembered in the settings) is an operator record after
    the upgrade, exactly as typed, with no PIN (no login until a supervisor gives one);
    the passage made of each entry (0004) points at it."""
    path = frozen.copy_of(revision, tmp_path)
    typed, remembered = _typed_names(path)
    migrations.upgrade(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        operators = dict(conn.execute("SELECT name, id FROM operator"))
        assert set(operators) == typed | {remembered}
        assert conn.execute("SELECT count(*) FROM operator WHERE pin_hash IS NOT NULL OR role != 'guard'"
                            ).fetchone()[0] == 0
        passages = conn.execute("SELECT operator, operator_id, voided_by, voided_by_id FROM passage").fetchall()
        assert len(passages) == 9
        for name, operator_id, voided_by, voided_by_id in passages:
            assert operators[name] == operator_id
            assert (voided_by_id is None) if not voided_by else operators[voided_by] == voided_by_id
        assert conn.execute("SELECT count(*) FROM setting WHERE key = 'operator'").fetchone()[0] == 0


@pytest.mark.parametrize("revision", frozen.BEFORE_LOGINS)
def test_a_guard_who_typed_their_name_gets_the_first_supervisor_login(tmp_path, revision):
    """The next start asks for the first supervisor: the one who types the name they
    used on duty before gets that operator record, with its passages, and a login."""
    from actors import CHEAP_HASHER

    from checkpoint_app.services.context import open_context

    path = frozen.copy_of(revision, tmp_path)
    typed, _remembered = _typed_names(path)
    ctx = open_context(path.parent, pin_hasher=CHEAP_HASHER)
    try:
        operators = {op.name: op.id for op in ctx.operators.all()}
        assert ctx.operators.needs_first_supervisor()
        assert all(not op.can_log_in for op in ctx.operators.all())
        name = sorted(typed)[0]
        boss = ctx.operators.create_first_supervisor(name, "582047")
        assert boss.operator_id == operators[name]
        assert not ctx.operators.needs_first_supervisor()
    finally:
        ctx.close()


@pytest.mark.parametrize("revision", frozen.RELEASED)
def test_a_released_register_is_encrypted_and_upgraded_at_the_desks_first_start(tmp_path, revision):
    """The desk app's first start of this version on a plain register of every released
    schema: encrypted, then upgraded (the copy kept aside encrypted too), every person kept."""
    from checkpoint_app.db import cipher

    from checkpoint_app.services.context import open_context

    path = frozen.copy_of(revision, tmp_path)
    ctx = open_context(path.parent, encrypt=True)
    try:
        with ctx.connect() as conn:
            names = [n for (n,) in conn.exec_driver_sql(
                "SELECT c.name FROM passage AS p JOIN person_check AS c ON c.passage_id = p.id ORDER BY p.seq")]
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        backup = ctx.db.backup_path
    finally:
        ctx.close()
    on_foot = ["王五", "李四", "阿依古丽·买买提", "王五", "赵六", "孙七", "张伟", "吴刚", "吴刚"]
    assert names == on_foot + ([] if revision in frozen.BEFORE_PASSAGES else ["钱八", "周九"])
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite tools cannot read it any more
        frozen.revision(path)
    for copy in (path, backup):
        assert not cipher.is_plain(copy) and "王五".encode() not in copy.read_bytes()
