"""Issue 5 item 7: `checkpoint-cli doctor` changes nothing (not a byte, no file left
behind) on a WAL register, a rollback-journal register and a register in a folder that
cannot be written; it finds deleted entries and a file cut short; it speaks the
system's language through the app's catalogue. Issue 5 review: a stored value the app
cannot read (a time that no longer parses, text that is not UTF-8) makes the register
unhealthy although SQLite's integrity check passes, and is named without its content.
Issue 7 (passages and person checks): a passage that lost its person or, on foot, holds
two, flags unlike its persons', and search indexes out of step are found; an occupant's
damaged value is named by its place; an older register is checked as it is."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from damage import ID, PHONE, damage_id_number, make_populated
from fixtures.registers import frozen

from checkpoint_app import cli

from checkpoint_app.core.name_search import name_grams

from checkpoint_app.db import bulk, sqlite_file
from checkpoint_app.db.models import IDENT_FTS_TABLE, PERSON_COLUMNS

from checkpoint_app.services import doctor

from checkpoint_app.ui.catalogue import Catalogue, system_language

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}
NO_WRITE_RIGHTS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable"]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def make_register(folder: Path, entries: int = 50) -> Path:
    assert cli.main(["demo-data", "--data-dir", str(folder), "--entries", str(entries)]) == 0
    return folder / "register.sqlite3"


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def run_doctor(folder: Path, capsys) -> tuple[int, str]:
    code = cli.main(["doctor", "--data-dir", str(folder)])
    return code, capsys.readouterr().out


DELETE_PASSAGE = (  # a passage deleted with all that is its: persons, their name grams (the ID index by trigger)
    "DELETE FROM person_name_gram WHERE person_id IN (SELECT id FROM person_check WHERE passage_id = ?)",
    "DELETE FROM person_check WHERE passage_id = ?",
    "DELETE FROM passage WHERE id = ?",
)


def passage_id(conn: sqlite3.Connection, seq: int) -> int:
    return conn.execute("SELECT id FROM passage WHERE seq = ?", (seq,)).fetchone()[0]


def delete_entries(db: Path, seqs: list[int]) -> None:
    with sqlite3.connect(db) as conn:
        for seq in seqs:
            found = passage_id(conn, seq)
            for statement in DELETE_PASSAGE:
                conn.execute(statement, (found,))
    conn.close()


def persons(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM person_check").fetchone()[0]
    conn.close()
    return count


def test_healthy_wal_register_is_left_exactly_as_it_was(tmp_path, capsys):
    db = make_register(tmp_path)
    assert sqlite_file.read_header(db)[18:20] == b"\x02\x02"  # WAL mode
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 0 and out.rstrip().endswith("healthy"), out
    assert "50 entries, sequence numbers complete" in out
    assert "ok       Stored values: every time, date and text readable" in out
    assert f"ok       Entries and persons: 50 entries with {persons(db)} persons" in out  # vehicles: occupants
    assert "ok       Name search: every person's name indexed" in out
    assert "ok       ID number and phone search: every person indexed" in out
    assert snapshot(tmp_path) == before  # no byte changed, no -wal/-shm left behind


def test_rollback_journal_register_is_not_switched_to_wal(tmp_path, capsys):
    db = make_register(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    assert sqlite_file.read_header(db)[18:20] == b"\x01\x01"
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 0, out
    assert snapshot(tmp_path) == before
    assert sqlite_file.read_header(db)[18:20] == b"\x01\x01"


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_folder_that_cannot_be_written_is_read_without_locks(tmp_path, capsys, monkeypatch, journal):
    db = make_register(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
    conn.close()
    opened = []
    real_connect = sqlite_file._connect
    monkeypatch.setattr(sqlite_file, "_connect", lambda path, query, key=None: opened.append(query) or real_connect(path, query, key))
    monkeypatch.setattr(sqlite_file, "folder_writable", lambda folder: False)
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 0, out
    assert opened and set(opened) == {"immutable=1"}
    assert snapshot(tmp_path) == before


def _without_write_rights(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command  # the folder's mode is enough
    if shutil.which("setpriv") is None:
        pytest.skip("root without setpriv: cannot take away the right to write")
    return [*NO_WRITE_RIGHTS, *command]


def _read_only(folder: Path) -> None:
    for path in folder.rglob("*"):
        path.chmod(0o500 if path.is_dir() else 0o400)
    folder.chmod(0o500)


def _writable(folder: Path) -> None:
    folder.chmod(0o700)
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


@pytest.mark.parametrize("leftover", ["none", "wal+shm", "wal only"])
def test_really_read_only_folder(tmp_path, leftover):
    """A real read-only folder (as root: without the capability to override file modes).
    A WAL and SHM left by a crash are read (the entry deleted in the WAL is missed);
    with a WAL but no SHM the check covers the last checkpoint and says so."""
    folder = tmp_path / "usb"
    db = make_register(folder)
    if leftover != "none":
        keep = sqlite3.connect(db)  # a connection left open: its WAL and SHM stay
        keep.execute("PRAGMA wal_autocheckpoint=0")
        newest = passage_id(keep, 50)
        for statement in DELETE_PASSAGE:
            keep.execute(statement, (newest,))
        keep.commit()
        for name in ("register.sqlite3", "register.sqlite3-wal", "register.sqlite3-shm"):
            shutil.copy(folder / name, tmp_path / name)
        keep.close()
        for name in ("register.sqlite3", "register.sqlite3-wal", "register.sqlite3-shm"):
            shutil.copy(tmp_path / name, folder / name)
        if leftover == "wal only":
            (folder / "register.sqlite3-shm").unlink()
        assert (folder / "register.sqlite3-wal").stat().st_size > 32
    _read_only(folder)
    try:
        before = snapshot(folder)
        command = _without_write_rights([sys.executable, "-m", "checkpoint_app.cli", "doctor", "--data-dir", str(folder)])
        done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)
        assert snapshot(folder) == before
    finally:
        _writable(folder)
    out = done.stdout
    if leftover == "wal+shm":
        assert done.returncode == 1 and "missing sequence numbers 50 (1 entries deleted?)" in out, out + done.stderr
    else:
        assert done.returncode == 0 and "50 entries, sequence numbers complete" in out, out + done.stderr
    assert ("cannot be read here (read-only media)" in out) == (leftover == "wal only"), out
    assert out.count("WARNING") == (leftover == "wal only"), out


@pytest.mark.parametrize("deleted, said", [
    ([17, 18], "missing sequence numbers 17, 18 (2 entries deleted?)"),
    ([5], "missing sequence numbers 5 (1 entries deleted?)"),
    (list(range(10, 21)), "missing sequence numbers 10–20 (11 entries deleted?)"),
    ([1, 30, 31, 32], "missing sequence numbers 1, 30–32 (4 entries deleted?)"),
    ([49, 50], "missing sequence numbers 49, 50 (2 entries deleted?)"),  # the newest: max(seq) looks fine
])
def test_entries_deleted_behind_the_apps_back_are_found(tmp_path, capsys, deleted, said):
    db = make_register(tmp_path)
    delete_entries(db, deleted)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    assert f"PROBLEM  Station JB-TSP-01: {said}" in out, out
    assert "foreign keys" not in out.lower().replace("foreign keys: ok", "")


def test_many_gaps_are_summarised(tmp_path, capsys):
    db = make_register(tmp_path, 100)
    delete_entries(db, list(range(2, 100, 3)))
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1 and "(33 entries deleted?)" in out and ", …" in out


def test_a_broken_next_sequence_number_is_found(tmp_path, capsys):
    db = make_register(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE station SET next_seq = 10")
    conn.close()
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1 and "sequence number 50 is used but the next one is 10" in out


@pytest.mark.parametrize("last_page", ["free", "in use"])
def test_a_file_cut_short_by_a_few_bytes_is_found(tmp_path, capsys, last_page):
    """A free last page cut short passes SQLite's own integrity check (its missing end
    reads as zeros); one in use breaks the schema, and the header still tells the size."""
    db = make_register(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("CREATE TABLE spare (x)")
        conn.executemany("INSERT INTO spare VALUES (?)", [(os.urandom(3000),) for _ in range(5)])
        conn.commit()
        if last_page == "free":
            conn.execute("DROP TABLE spare")  # its pages stay at the end of the file, free
    conn.close()
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.truncate(size - 7)
    if last_page == "free":
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]  # what doctor missed before
        conn.close()
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    assert f"The register file is cut short: it is {size - 7} bytes, {size} expected" in out


def _wal_copy(source: Path, target: Path, grow: int) -> None:
    """A copy of a register whose newest pages are only in its WAL (as when the app was
    killed before a checkpoint): the main file ends before the database does."""
    target.mkdir()
    keep = sqlite3.connect(source)
    keep.execute("PRAGMA wal_autocheckpoint=0")
    keep.execute("CREATE TABLE filler (x)")
    keep.executemany("INSERT INTO filler VALUES (?)", [(os.urandom(500),) for _ in range(grow)])
    keep.commit()
    for name in ("register.sqlite3", "register.sqlite3-wal", "register.sqlite3-shm"):
        shutil.copy(source.parent / name, target / name)
    keep.close()


def test_a_wal_register_whose_newest_pages_are_in_the_log_is_not_cut_short(tmp_path, capsys):
    db = make_register(tmp_path / "src")
    _wal_copy(db, tmp_path / "copy", grow=400)
    copy = tmp_path / "copy" / "register.sqlite3"
    page_size = int.from_bytes(sqlite_file.read_header(copy)[16:18], "big")
    assert len(sqlite_file.wal_pages(copy.with_name("register.sqlite3-wal"), page_size)) > 40
    code, out = run_doctor(tmp_path / "copy", capsys)
    assert code == 0, out
    assert "cut short" not in out


def test_a_wal_register_cut_short_where_the_log_does_not_help_is_found(tmp_path, capsys):
    db = make_register(tmp_path / "src", 2000)
    _wal_copy(db, tmp_path / "copy", grow=20)
    copy = tmp_path / "copy" / "register.sqlite3"
    with copy.open("r+b") as handle:
        handle.truncate(copy.stat().st_size // 2)
    code, out = run_doctor(tmp_path / "copy", capsys)
    assert code == 1 and "cut short" in out


def test_a_damaged_wal_frame_is_not_counted(tmp_path):
    db = make_register(tmp_path / "src")
    _wal_copy(db, tmp_path / "copy", grow=100)
    wal = tmp_path / "copy" / "register.sqlite3-wal"
    page_size = int.from_bytes(sqlite_file.read_header(db)[16:18], "big")
    intact = sqlite_file.wal_pages(wal, page_size)
    data = bytearray(wal.read_bytes())
    data[sqlite_file.WAL_HEADER_SIZE + sqlite_file.WAL_FRAME_HEADER_SIZE + 100] ^= 0xFF  # the first frame's page
    wal.write_bytes(bytes(data))
    assert intact and sqlite_file.wal_pages(wal, page_size) == set()


@pytest.mark.parametrize("traces, kind, said", [
    ([], "WARNING", "the app will start a new register in it"),
    (["display.ini"], "PROBLEM", "although this folder was in use (display.ini)"),
    (["register.sqlite3-wal"], "PROBLEM", "(register.sqlite3-wal)"),
])
def test_an_empty_register_file(tmp_path, capsys, traces, kind, said):
    (tmp_path / "register.sqlite3").write_bytes(b"")
    for name in traces:
        (tmp_path / name).write_bytes(b"x" * 100)
    code, out = run_doctor(tmp_path, capsys)
    assert f"{kind}  The register file is empty (0 bytes)" in out and said in out, out
    assert code == (1 if kind == "PROBLEM" else 0)


def test_missing_foreign_and_garbage_files(tmp_path, capsys):
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1 and "There is no register at" in out
    (tmp_path / "register.sqlite3").write_bytes(b"garbage" * 100)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1 and "not an SQLite database" in out
    (tmp_path / "register.sqlite3").unlink()
    with sqlite3.connect(tmp_path / "register.sqlite3") as conn:
        conn.execute("CREATE TABLE contacts (name, phone)")
    conn.close()
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1 and "another program's database (tables contacts)" in out


def test_files_open_to_others_are_a_warning_not_a_failure(tmp_path, capsys):
    db = make_register(tmp_path)
    db.chmod(0o644)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 0, out
    assert f"WARNING  {db} can be read by other users of this computer (mode 0644; private is 0600)" in out
    assert out.rstrip().endswith("healthy, with 1 warning(s)")
    assert db.stat().st_mode & 0o777 == 0o644  # doctor changes nothing


@pytest.mark.parametrize("environ, language", [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "zh_TW.UTF-8"}, "zh_CN"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LC_ALL": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, "zh_CN"), ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"), ({}, "en"), ({"LANG": "C.UTF-8"}, "en"),
])
def test_the_cli_follows_the_system_language(environ, language):
    assert system_language(environ) == language


def test_doctor_speaks_chinese_on_a_chinese_system(tmp_path, monkeypatch, capsys):
    db = make_register(tmp_path)
    delete_entries(db, [7])
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    assert "问题  站点 JB-TSP-01：缺少序号 7（1 条记录被删除？）。" in out
    assert "正常  SQLite 完整性检查：正常" in out
    assert out.rstrip().endswith("发现 1 个问题")
    assert cli.main(["doctor", "--lang", "en", "--data-dir", str(tmp_path)]) == 1
    assert "missing sequence numbers 7" in capsys.readouterr().out


def damage_bytes_in_file(db: Path, stored: str, at: int, byte: bytes) -> None:
    """One byte of the register file changed inside `stored`, wherever it is found (SQLite
    may leave an old copy of a row in a page's free space; that one is changed too)."""
    data = bytearray(db.read_bytes())
    assert data.count(stored.encode()) >= 1
    start = 0
    while (found := data.find(stored.encode(), start)) >= 0:
        data[found + at:found + at + 1] = byte
        start = found + 1
    db.write_bytes(bytes(data))


def integrity_ok(db: Path) -> bool:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    return ok


def test_a_time_damaged_by_one_byte_is_found_although_sqlite_says_ok(tmp_path, capsys):
    db = make_register(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        recorded_at = conn.execute("SELECT recorded_at FROM passage WHERE seq = 17").fetchone()[0]
    conn.close()
    assert recorded_at[4:6] == "-1"  # '2026-11-29 ...' becomes '2026-1x-29 ...'
    damage_bytes_in_file(db, recorded_at, 6, b"x")
    assert integrity_ok(db)  # what doctor missed before
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1, out
    assert "PROBLEM  Entry No. 17 (station JB-TSP-01): the stored time (recorded_at) cannot be read." in out
    assert "ok       SQLite integrity check: ok" in out
    assert "2026-1x" not in out and recorded_at[11:19] not in out  # the value itself is not shown
    assert out.rstrip().endswith("1 problem(s) found")
    assert snapshot(tmp_path) == before


def test_an_id_number_damaged_by_one_byte_is_found_and_not_shown(tmp_path, capsys):
    db = make_populated(tmp_path, 300)
    damage_id_number(db)
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1, out
    assert "PROBLEM  Entry No. 301 (station JB-TSP-01): the stored text (id_number) is damaged (not UTF-8)." in out
    for secret in (ID, PHONE):
        for start in range(len(secret) - 3):
            assert secret[start:start + 4] not in out, (secret[start:start + 4], out)
    assert snapshot(tmp_path) == before


def _store(db: Path, sql: str, *params) -> None:
    """Write a value the app would never write, past its checks (indexes kept in step,
    so SQLite's integrity check passes and only the values are wrong)."""
    with sqlite3.connect(db) as conn:
        conn.execute(sql, params)
    conn.close()


NOT_UTF8 = "CAST(x'e68ea2ff' AS TEXT)"  # '探' and a byte that is no UTF-8 at all


def person_of(seq: int) -> str:
    """SQL: the person check of the person on foot of passage No. `seq`."""
    return f"passage_id = (SELECT id FROM passage WHERE seq = {seq})"



@pytest.mark.parametrize("sql, said", [
    ("UPDATE passage SET recorded_at = '2026-13-29 01:00:00.000000' WHERE seq = 5",
     "Entry No. 5 (station JB-TSP-01): the stored time (recorded_at) cannot be read."),
    ("UPDATE passage SET recorded_at = 20261129 WHERE seq = 5",  # a number where a time belongs
     "Entry No. 5 (station JB-TSP-01): the stored time (recorded_at) cannot be read."),
    ("UPDATE passage SET voided = 1, voided_at = '2026-11-29 0l:00:00' WHERE seq = 6",
     "Entry No. 6 (station JB-TSP-01): the stored time (voided_at) cannot be read."),
    ("UPDATE passage SET local_date = '2026-11-2x' WHERE seq = 7",
     "Entry No. 7 (station JB-TSP-01): the stored date (local_date) cannot be read."),
    (f"UPDATE person_check SET arrival_date = '2026-11-29 01:00:00' WHERE {person_of(13)}",  # a time for a date
     "Entry No. 13 (station JB-TSP-01): the stored date (arrival_date) cannot be read."),
    (f"UPDATE person_check SET purpose = {NOT_UTF8} WHERE {person_of(15)}",  # 8-10 and 14 are vehicles
     "Entry No. 15 (station JB-TSP-01): the stored text (purpose) is damaged (not UTF-8)."),
    (f"UPDATE passage SET notes = {NOT_UTF8} WHERE seq = 10",
     "Entry No. 10 (station JB-TSP-01): the stored text (notes) is damaged (not UTF-8)."),
    (f"UPDATE person_check SET name = {NOT_UTF8} WHERE {person_of(11)}",
     "Entry No. 11 (station JB-TSP-01): the stored text (name) is damaged (not UTF-8)."),
    (f"UPDATE person_name_gram SET gram = {NOT_UTF8} WHERE (gram, person_id) = (SELECT gram, person_id "
     f"FROM person_name_gram WHERE person_id = (SELECT id FROM person_check WHERE {person_of(12)}) LIMIT 1)",
     "Entry No. 12 (station JB-TSP-01): the stored text (person_name_gram.gram) is damaged (not UTF-8)."),
    ("UPDATE station SET created_at = '2026-11-29 25:00:00.000000'",
     "Table station, row JB-TSP-01: the stored time (created_at) cannot be read."),
    (f"UPDATE station SET name = {NOT_UTF8}",
     "Table station, row JB-TSP-01: the stored text (name) is damaged (not UTF-8)."),
    (f"UPDATE setting SET value = {NOT_UTF8} WHERE key = 'demo'",
     "Table setting, row demo: the stored text (value) is damaged (not UTF-8)."),
])
def test_values_the_app_cannot_read_are_problems(tmp_path, capsys, sql, said):
    db = make_register(tmp_path)
    _store(db, sql)
    assert integrity_ok(db)
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1, out
    assert f"PROBLEM  {said}" in out, out
    assert out.count("PROBLEM") == 1, out
    assert "探" not in out
    assert snapshot(tmp_path) == before


def test_values_the_app_reads_are_not_problems(tmp_path, capsys):
    """NULLs where allowed, empty text and every time format the app reads back."""
    db = make_register(tmp_path)
    _store(db, "UPDATE passage SET voided = 1, voided_at = '2026-11-29 01:02:03' WHERE seq = 3")
    _store(db, f"UPDATE person_check SET arrival_date = NULL, id_number = NULL WHERE {person_of(4)}")
    _store(db, "UPDATE passage SET notes = '' WHERE seq = 4")
    _store(db, "UPDATE passage SET notes = '备注 ✓ 𠀀' WHERE seq = 5")
    code, out = run_doctor(tmp_path, capsys)
    assert code == 0, out
    assert "every time, date and text readable" in out


def test_many_unreadable_values_are_summarised(tmp_path, capsys):
    db = make_register(tmp_path)
    _store(db, f"UPDATE passage SET notes = {NOT_UTF8}, local_date = 'x' WHERE seq > 35")  # 15 rows, 30 values
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    listed = [line for line in out.splitlines() if line.startswith("PROBLEM  Entry No.")]
    assert len(listed) == doctor.MAX_LISTED, out
    assert "… and 20 more stored values that cannot be read (15 rows damaged in all)." in out


def test_reading_values_leaves_the_connections_text_as_text(tmp_path):
    db = make_register(tmp_path)
    _store(db, f"UPDATE person_check SET purpose = {NOT_UTF8} WHERE {person_of(2)}")
    conn = sqlite3.connect(db)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    report = doctor.Report()
    doctor._values(conn, tables, report)
    assert conn.text_factory is str
    conn.close()
    assert [found.params["seq"] for found in report.problems] == [2]


def test_every_finding_has_a_chinese_text(tmp_path):
    """Each kind of finding doctor can make is in the catalogue (not left in English)."""
    chinese = Catalogue("zh_CN")
    assert chinese.loaded
    findings = []
    for folder, damage in [("healthy", None), ("gap", "gap"), ("empty", "empty"), ("wide", "wide"),
                           ("values", "values"), ("shape", "shape"), ("no index", "no index"), ("legacy", "legacy")]:
        data = tmp_path / folder
        if damage == "empty":
            data.mkdir()
            (data / "register.sqlite3").write_bytes(b"")
            (data / "display.ini").write_text("x")
        elif damage == "legacy":
            frozen.copy_of("0003", data).chmod(0o600)
        else:
            db = make_register(data, 20)
            if damage == "gap":
                delete_entries(db, [3])
            if damage == "wide":
                db.chmod(0o640)
            if damage == "values":
                _store(db, f"UPDATE passage SET recorded_at = 'x', local_date = 'x', notes = {NOT_UTF8} WHERE seq > 16")
                _store(db, f"UPDATE person_check SET arrival_date = 'x' WHERE {person_of(3)}")
                _store(db, f"UPDATE station SET created_at = 'x', updated_at = '', name = {NOT_UTF8}")
            if damage == "shape":
                for case in SHAPE_DAMAGE:
                    for statement in case.values[0]:
                        _store(db, statement)
            if damage == "no index":
                _store(db, f"DROP TABLE {IDENT_FTS_TABLE}")
        report = doctor.examine(data / "register.sqlite3")
        findings += report.ok + report.warnings + report.problems
    assert len(findings) > 10
    for found in findings:
        assert chinese.problem(found) != found.english(), found.template


def test_doctor_in_a_subprocess_on_a_chinese_system(tmp_path):
    make_register(tmp_path)
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "doctor", "--data-dir", str(tmp_path)],
                          env={**ENV, "LC_ALL": "zh_CN.UTF-8"}, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").rstrip().endswith("状态良好")


def test_a_terminal_that_cannot_show_chinese_gets_no_traceback(tmp_path):
    make_register(tmp_path)
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "doctor", "--lang", "zh_CN",
                           "--data-dir", str(tmp_path)], env={**ENV, "PYTHONIOENCODING": "ascii"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.count("\n") >= 6


FTS = IDENT_FTS_TABLE
COPIED = ", ".join(name for name in PERSON_COLUMNS if name != "position")  # a person check's columns but its place


def first_person(seq: int) -> str:
    """SQL: the id of the first person check of passage No. `seq`."""
    return f"(SELECT id FROM person_check WHERE {person_of(seq)} AND position = 0)"


SHAPE_DAMAGE = [
    pytest.param([f"DELETE FROM person_name_gram WHERE person_id = {first_person(5)}",
                  f"DELETE FROM person_check WHERE {person_of(5)}"],
                 ["Station JB-TSP-01: 1 entries have lost their person (No. 5): they cannot be shown."], id="lost"),
    pytest.param([f"INSERT INTO person_check (position, {COPIED}) SELECT 1, {COPIED} FROM person_check "
                  f"WHERE {person_of(6)}",  # the same person again, with its name grams: only the count is wrong
                  "INSERT INTO person_name_gram (gram, person_id) SELECT gram, (SELECT max(id) FROM person_check) "
                  f"FROM person_name_gram WHERE person_id = {first_person(6)}"],
                 ["Station JB-TSP-01: 1 entries of a person on foot hold more than one person (No. 6)."], id="two"),
    pytest.param(["UPDATE passage SET any_fever = 1 - any_fever WHERE seq IN (7, 8, 9)",
                  "UPDATE passage SET any_key_area = 1 - any_key_area WHERE seq = 20"],
                 ["Station JB-TSP-01: 4 entries are marked for fever or key area unlike their persons (No. 7–9, 20): "
                  "the register's filters and counts are wrong for them."], id="flags"),
    pytest.param([f"DELETE FROM person_name_gram WHERE (gram, person_id) = (SELECT gram, person_id FROM "
                  f"person_name_gram WHERE person_id = {first_person(12)} LIMIT 1)"],
                 ["Station JB-TSP-01: the name search is out of step for 1 entries (No. 12): searching by name may "
                  "miss them."], id="name search"),
    pytest.param([f"INSERT INTO {FTS}({FTS}, rowid, id_number, phone) SELECT 'delete', id, id_number, phone "
                  f"FROM person_check WHERE passage_id IN (SELECT id FROM passage WHERE seq IN (13, 14))",
                  f"INSERT INTO {FTS}(rowid, id_number, phone) VALUES (100000, '420102', '13800000000')"],
                 ["Station JB-TSP-01: 2 entries are missing from the ID number and phone search (No. 13, 14): "
                  "searching by ID number or phone does not find them.",
                  "The ID number and phone search holds 1 persons that are not in the register."], id="ident search"),
]


@pytest.mark.parametrize("statements, said", SHAPE_DAMAGE)
def test_passages_persons_and_search_indexes_out_of_step_are_found(tmp_path, capsys, statements, said):
    """Passage / person-check damage SQLite's integrity check cannot see: each is named
    by the entries' numbers, and nothing else is reported."""
    db = make_register(tmp_path)
    for statement in statements:
        _store(db, statement)
    assert integrity_ok(db)
    before = snapshot(tmp_path)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1, out
    for text in said:
        assert f"PROBLEM  {text}" in out, out
    assert out.count("PROBLEM") == len(said), out
    assert snapshot(tmp_path) == before


def test_a_missing_id_search_index_is_a_problem(tmp_path, capsys):
    db = make_register(tmp_path)
    _store(db, f"DROP TABLE {FTS}")
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    assert "PROBLEM  The ID number and phone search index is missing" in out, out


def vehicle(seq: int, station_id: int, names: list[str], fevers: list[int]) -> dict:
    return {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "station_id": station_id, "seq": seq,
            "recorded_at": "2026-11-29 01:00:00.000000", "utc_offset_min": 480, "local_date": "2026-11-29",
            "operator": "guard", "direction": "in", "kind": "vehicle", "plate": "渝A12345", "any_fever": max(fevers),
            "proposed_decision": "refer" if max(fevers) else "admit", "decision": "refer" if max(fevers) else "admit",
            "persons": [{"category": "visitor", "name": name, "fever": fever, "driver": place == 0}
                        for place, (name, fever) in enumerate(zip(names, fevers, strict=True))]}


def test_a_vehicle_with_its_occupants_is_healthy_and_an_occupants_damage_is_named_by_place(tmp_path, capsys):
    db = make_register(tmp_path)
    with sqlite3.connect(db) as conn:
        station_id = conn.execute("SELECT id FROM station").fetchone()[0]
    conn.close()
    bulk.insert_passages(db, station_id, [vehicle(51, station_id, ["王五", "赵六", "钱七"], [0, 0, 1])], name_grams)
    code, out = run_doctor(tmp_path, capsys)
    assert code == 0, out
    assert f"Entries and persons: 51 entries with {persons(db)} persons" in out and "51 entries, sequence numbers complete" in out
    _store(db, f"UPDATE person_check SET name = {NOT_UTF8} WHERE {person_of(51)} AND position = 2")
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    assert "PROBLEM  Entry No. 51 (station JB-TSP-01): the stored text (occupants.2.name) is damaged (not UTF-8)." in out
    assert out.count("PROBLEM") == 1, out  # its grams are not counted against a name that cannot be read


def test_a_register_of_an_older_schema_is_checked_as_it_is(tmp_path, capsys):
    """Before the app upgrades it, an older register (one row an entry) gets the checks
    that apply to it: its entries' numbers and values."""
    db = frozen.copy_of("0003", tmp_path)
    db.chmod(0o600)
    _store(db, f"UPDATE entry SET purpose = {NOT_UTF8} WHERE seq = 3")
    code, out = run_doctor(tmp_path, capsys)
    assert code == 1
    assert "PROBLEM  Schema version 0003 is older than" in out
    assert "ok       Station JB-TSP-01: 9 entries, sequence numbers complete (next 10)" in out
    assert "PROBLEM  Entry No. 3 (station JB-TSP-01): the stored text (purpose) is damaged (not UTF-8)." in out
    assert "Entries and persons" not in out
