"""The encrypted register (issue 10 item 2): the file's bytes hold no name, ID number or
phone; each operator's PIN opens it and a wrong one does not (and counts towards the
lockout); the escrow key recovers it; a plain register is converted with its copies;
an interrupted conversion and a lost or damaged key file are handled."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3

import pytest
from actors import CHEAP_HASHER, GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN
from batch_station import with_keys

from checkpoint_app.paths import DataPaths

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Role

from checkpoint_app.db import cipher, driver
from checkpoint_app.db.errors import StorageError, StorageProblem

from checkpoint_app.services import encryption, register_keys
from checkpoint_app.services.context import open_context
from checkpoint_app.services.operators import LockedOut

CST = dt.timezone(dt.timedelta(hours=8))
NAME, ID, PHONE = "欧阳娜娜", "11010519491231002X", "13912345678"
NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=CST)


def visitor(name: str = NAME) -> EntryDraft:
    return EntryDraft(category="visitor", name=name, id_number=ID, phone=PHONE, origin_province="50",
                      purpose="探亲", temperature="36.5")


def every_byte(folder) -> bytes:
    """Every file of the data folder, side files and backups included."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def assert_no_personal_data(folder) -> None:
    data = every_byte(folder)
    for secret in (NAME, ID, PHONE, SUPERVISOR_NAME, GUARD_NAME):
        assert secret.encode("utf-8") not in data, secret


def new_station(folder):
    """An encrypted register with the supervisor, a guard and one saved visitor; open."""
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    boss = ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    ctx.operators.create(boss, GUARD_NAME, Role.GUARD, GUARD_PIN)
    from stations import STATION

    ctx.station.save(boss, STATION)
    ctx.register.save(boss, visitor())
    return ctx, boss


def slot_id(folder, name: str) -> int:
    """The operator's number in the key file's login list (found by the masked name)."""
    from checkpoint_app.core.masking import mask_name

    (found,) = [c.operator_id for c in encryption.choices(DataPaths(folder)) if c.label == mask_name(name)]
    return found


def test_the_files_hold_no_personal_data_while_open_and_after(tmp_path):
    folder = tmp_path / "data"
    ctx, _boss = new_station(folder)
    try:
        assert (folder / "register.sqlite3-wal").exists()  # the write-ahead log is encrypted too
        assert_no_personal_data(folder)
    finally:
        ctx.close()
    assert_no_personal_data(folder)
    assert driver.is_encrypted_header((folder / "register.sqlite3").read_bytes()[:16])
    with pytest.raises(sqlite3.DatabaseError):  # what any other SQLite tool sees: not a database
        sqlite3.connect(folder / "register.sqlite3").execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_each_operators_pin_opens_it_and_a_wrong_one_does_not(tmp_path):
    folder = tmp_path / "data"
    ctx, _ = new_station(folder)
    ctx.close()
    paths = DataPaths(folder)
    assert encryption.is_locked(paths)
    with pytest.raises(StorageError) as caught:
        open_context(folder)
    assert caught.value.kind is StorageProblem.ENCRYPTED
    labels = {(c.label, c.role) for c in encryption.choices(paths)}
    assert labels == {("王*长", "supervisor"), ("张*安", "guard")}  # masked: the key file names nobody
    for name, pin in ((SUPERVISOR_NAME, SUPERVISOR_PIN), (GUARD_NAME, GUARD_PIN)):
        key = encryption.unlock(paths, slot_id(folder, name), pin, NOW)
        ctx = open_context(folder, key=key, pin_hasher=CHEAP_HASHER)
        try:
            assert ctx.operators.login(name, pin).name == name
            with ctx.connect() as conn:
                assert conn.exec_driver_sql("SELECT name FROM person_check").scalar_one() == NAME
        finally:
            ctx.close()
    with pytest.raises(InvalidInput, match="Wrong PIN. 4 more"):
        encryption.unlock(paths, slot_id(folder, GUARD_NAME), SUPERVISOR_PIN, NOW)  # another's PIN
    assert encryption.unlock_by_name(paths, GUARD_NAME, GUARD_PIN, NOW)  # the command line's way, by name


def test_wrong_pins_lock_the_operator_for_five_minutes(tmp_path):
    folder = tmp_path / "data"
    ctx, _ = new_station(folder)
    ctx.close()
    paths, guard_id = DataPaths(folder), slot_id(folder, GUARD_NAME)
    for left in (4, 3, 2, 1):
        with pytest.raises(InvalidInput, match=f"{left} more tries"):
            encryption.unlock(paths, guard_id, "864209", NOW)
    with pytest.raises(LockedOut):
        encryption.unlock(paths, guard_id, "864209", NOW)
    with pytest.raises(LockedOut):  # even the right PIN, while locked
        encryption.unlock(paths, guard_id, GUARD_PIN, NOW + dt.timedelta(minutes=4))
    assert encryption.unlock(paths, guard_id, GUARD_PIN, NOW + dt.timedelta(minutes=6))
    assert register_keys.load(paths.keys_file).slot(guard_id).failed == 0  # the right PIN clears the count
    # the supervisor was never locked
    assert encryption.unlock(paths, slot_id(folder, SUPERVISOR_NAME), SUPERVISOR_PIN, NOW)


def test_pin_changes_and_operators_taken_off_follow_in_the_key_file(tmp_path):
    folder = tmp_path / "data"
    ctx, boss = new_station(folder)
    paths = DataPaths(folder)
    guard_id = slot_id(folder, GUARD_NAME)
    ctx.operators.set_pin(boss, guard_id, "975318")
    ctx.close()
    with pytest.raises(InvalidInput):
        encryption.unlock(paths, guard_id, GUARD_PIN, NOW)  # the old PIN no longer opens it
    key = encryption.unlock(paths, guard_id, "975318", NOW)
    ctx = open_context(folder, key=key, pin_hasher=CHEAP_HASHER)
    boss = ctx.operators.login(SUPERVISOR_NAME, SUPERVISOR_PIN)
    ctx.operators.change(boss, guard_id, active=False)
    ctx.close()
    assert [c.operator_id for c in encryption.choices(paths)] == [slot_id(folder, SUPERVISOR_NAME)]
    with pytest.raises(InvalidInput):
        encryption.unlock(paths, guard_id, "975318", NOW)


def test_the_escrow_key_recovers_a_register_whose_pins_are_forgotten(tmp_path):
    folder = tmp_path / "data"
    ctx, _ = new_station(folder)
    office = with_keys(ctx, tmp_path / "office")
    ctx.close()
    paths = DataPaths(folder)
    kept = register_keys.load(paths.keys_file)
    assert kept.escrow is not None and kept.escrow.recipient == office.escrow.public().age_recipient
    with pytest.raises(InvalidInput, match="does not open this register"):
        encryption.recover(paths, office.office.decryptor())  # the office's own key is not the escrow key
    key = encryption.recover(paths, office.escrow.decryptor())
    ctx = open_context(folder, key=key, pin_hasher=CHEAP_HASHER)
    try:
        ctx.operators.set_pin_recovered(SUPERVISOR_NAME, "482916")
        assert ctx.operators.login(SUPERVISOR_NAME, "482916").role is Role.SUPERVISOR
    finally:
        ctx.close()
    assert encryption.unlock(paths, slot_id(folder, SUPERVISOR_NAME), "482916", NOW) == key


def test_a_plain_register_is_converted_with_its_copies_and_backups(tmp_path):
    folder = tmp_path / "data"
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)  # as an older version left it: plain
    boss = ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    from stations import STATION

    ctx.station.save(boss, STATION)
    ctx.register.save(boss, visitor())
    backup = ctx.backups.backup(boss, tmp_path / "usb").path
    ctx.close()
    before = folder / "register.before-0006.20261129-090000.sqlite3"  # a copy kept from an upgrade
    before.write_bytes((folder / "register.sqlite3").read_bytes())
    assert NAME.encode() in every_byte(folder) and NAME.encode() in backup.read_bytes()

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    try:
        assert ctx.db.key is not None
        assert ctx.operators.login(SUPERVISOR_NAME, SUPERVISOR_PIN)
        with ctx.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM person_check").scalar_one() == 1
    finally:
        ctx.close()
    assert_no_personal_data(folder)
    assert NAME.encode() not in backup.read_bytes() and NAME.encode() not in before.read_bytes()
    assert backup.with_name(backup.name + ".keys").read_bytes() == (folder / "register.keys").read_bytes()
    assert not list(folder.glob("*" + cipher.PLAIN_WIPE)) and not list(folder.glob("*" + cipher.ENCRYPTING))
    paths = DataPaths(folder)
    assert register_keys.load(paths.keys_file).pending is None  # the supervisor's slot holds it now
    key = encryption.unlock(paths, slot_id(folder, SUPERVISOR_NAME), SUPERVISOR_PIN, NOW)
    with driver.connect(backup, key) as raw:  # the backup opens with the register's key
        assert raw.execute("SELECT name FROM person_check").fetchall() == [(NAME,)]


def test_a_conversion_cut_short_leaves_the_plain_register_and_is_done_at_the_next_start(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    boss = ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    ctx.close()

    def cut(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cipher, "_fsync", cut)
    with pytest.raises(StorageError) as caught:
        open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    assert caught.value.kind is StorageProblem.FULL
    assert cipher.is_plain(folder / "register.sqlite3")  # untouched
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["audit-head.json", "register.keys",
                                                                       "register.sqlite3"]
    monkeypatch.undo()
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    try:
        assert ctx.operators.login(SUPERVISOR_NAME, SUPERVISOR_PIN).operator_id == boss.operator_id
    finally:
        ctx.close()
    assert not cipher.is_plain(folder / "register.sqlite3")


def test_a_second_name_left_by_a_kill_before_the_rename_is_not_wiped(tmp_path):
    """The `.plain-wipe` name made just before the rename is the register itself until
    the rename: the next start must only unlink it, never overwrite it."""
    folder = tmp_path / "data"
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    ctx.close()
    register = folder / "register.sqlite3"
    os.link(register, folder / ("register.sqlite3" + cipher.PLAIN_WIPE))
    before = register.read_bytes()
    cipher.finish_wipes(folder)
    assert register.read_bytes() == before and not (folder / ("register.sqlite3" + cipher.PLAIN_WIPE)).exists()
    # a leftover that is no longer the register (the rename happened) is zeroed, then removed
    leftover = folder / ("old.sqlite3" + cipher.PLAIN_WIPE)
    leftover.write_bytes(b"SQLite format 3\x00" + NAME.encode() * 100)
    cipher.finish_wipes(folder)
    assert not leftover.exists()


@pytest.mark.parametrize("damage", ["missing", "not json", "cut short", "other format"])
def test_a_lost_or_damaged_key_file_is_said_and_nothing_is_changed(tmp_path, damage):
    folder = tmp_path / "data"
    ctx, _ = new_station(folder)
    ctx.close()
    keys_file = folder / "register.keys"
    text = keys_file.read_text(encoding="utf-8")
    if damage == "missing":
        keys_file.unlink()
    elif damage == "not json":
        keys_file.write_bytes(b"\x00\xff garbage")
    elif damage == "cut short":
        keys_file.write_text(text[: len(text) // 2], encoding="utf-8")
    else:
        keys_file.write_text(json.dumps({**json.loads(text), "format": 99}), encoding="utf-8")
    register = (folder / "register.sqlite3").read_bytes()
    with pytest.raises(StorageError) as caught:
        open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    assert caught.value.kind is (StorageProblem.KEYS_MISSING if damage == "missing" else StorageProblem.KEYS_DAMAGED)
    assert (folder / "register.sqlite3").read_bytes() == register


def test_a_first_start_cut_before_the_first_supervisor_opens_with_its_pending_key(tmp_path):
    folder = tmp_path / "data"
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    ctx.close()
    kept = register_keys.load(DataPaths(folder).keys_file)
    assert kept.pending is not None and not kept.slots
    assert not encryption.is_locked(DataPaths(folder))
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    try:
        assert ctx.operators.needs_first_supervisor()
        ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    finally:
        ctx.close()
    kept = register_keys.load(DataPaths(folder).keys_file)
    assert kept.pending is None and len(kept.slots) == 1 and encryption.is_locked(DataPaths(folder))


def test_no_conversion_while_another_program_has_the_register_open(tmp_path):
    """A command (or any program) reading the plain register would keep using the old
    file after the rename: the conversion waits for a start when nobody else has it open."""
    folder = tmp_path / "data"
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    ctx.close()
    other = driver.connect(folder / "register.sqlite3")
    try:
        other.execute("SELECT count(*) FROM operator").fetchone()
        with pytest.raises(StorageError) as caught:
            open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
        assert caught.value.kind is StorageProblem.LOCKED
        assert cipher.is_plain(folder / "register.sqlite3")
    finally:
        other.close()
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER, encrypt=True)
    ctx.close()
    assert not cipher.is_plain(folder / "register.sqlite3")


def test_wrong_pins_at_the_start_reach_the_audit_log_when_the_register_opens(tmp_path):
    folder = tmp_path / "data"
    ctx, _ = new_station(folder)
    ctx.close()
    paths, guard_id = DataPaths(folder), slot_id(folder, GUARD_NAME)
    for _ in range(2):
        with pytest.raises(InvalidInput):
            encryption.unlock(paths, guard_id, "864209", NOW)
    key = encryption.unlock(paths, guard_id, GUARD_PIN, NOW)
    ctx = open_context(folder, key=key, pin_hasher=CHEAP_HASHER)
    try:
        with ctx.connect() as conn:
            rows = conn.exec_driver_sql("SELECT operator_id, outcome, detail FROM audit_event "
                                        "WHERE action = 'login' AND outcome = 'failed'").all()
    finally:
        ctx.close()
    assert [(r[0], r[1], json.loads(r[2])) for r in rows] == [(guard_id, "failed", {"failed_pins": 2, "at_start": True})]
    assert register_keys.load(paths.keys_file).slot(guard_id).unaudited == 0


def test_backups_of_an_encrypted_register_are_encrypted_and_restore(tmp_path):
    folder = tmp_path / "data"
    ctx, boss = new_station(folder)
    try:
        info = ctx.backups.backup(boss, tmp_path / "usb")
        keys_copy = info.path.with_name(info.path.name + ".keys")
        assert keys_copy.exists() and keys_copy.read_bytes() == (folder / "register.keys").read_bytes()
        assert_no_personal_data(tmp_path / "usb")
        with driver.connect(info.path, ctx.db.key) as raw:
            assert raw.execute("SELECT name FROM person_check").fetchall() == [(NAME,)]
        ctx.register.save(boss, visitor("李四"))
        aside = ctx.backups.restore(boss, info.path)
        assert not cipher.is_plain(aside)  # the register kept aside is encrypted too
        with ctx.connect() as conn:
            assert [n for (n,) in conn.exec_driver_sql("SELECT name FROM person_check")] == [NAME]
    finally:
        ctx.close()
    assert_no_personal_data(folder)


def test_a_key_not_yet_wrapped_for_anyone_is_never_copied_beside_a_backup(tmp_path):
    """Before the first supervisor exists the key file holds the key itself (pending):
    a scheduled backup then gets no key file beside it."""
    ctx = open_context(tmp_path / "data", pin_hasher=CHEAP_HASHER, encrypt=True)
    try:
        assert register_keys.load(ctx.paths.keys_file).pending is not None
        info = ctx.backups.backup(None, tmp_path / "usb", reason="daily")
    finally:
        ctx.close()
    assert not cipher.is_plain(info.path)
    assert [p.name for p in (tmp_path / "usb").iterdir()] == [info.path.name]
