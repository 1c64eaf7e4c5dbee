"""Issue 5 item 8: an empty or foreign file is never adopted; demo data goes only into a
new or demo register (any number of times); `--data-dir` naming a file is a message and
exit 2; `--self-test --data-dir DIR` checks DIR's register read-only. Bad CLI input gets
a specific message and exit 2, never a traceback."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from actors import supervisor
from stations import STATION
from uihelpers import patch_start_dialogs

from checkpoint_app import app as app_module
from checkpoint_app import cli

from checkpoint_app.core.entry import EntryDraft

from checkpoint_app.db import engine
from checkpoint_app.db.errors import StorageError, StorageProblem

from checkpoint_app.services.context import open_context

from checkpoint_app.ui import ask


@pytest.fixture(autouse=True)
def _start_dialogs(monkeypatch):
    """Starts of the app answer the login: the first supervisor on a first run."""
    patch_start_dialogs(monkeypatch)

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def real_register(folder: Path) -> Path:
    """A station with one real entry, set up through the services as the app does."""
    ctx = open_context(folder)
    try:
        ctx.station.save(supervisor(ctx), STATION)
        ctx.register.save(supervisor(ctx), EntryDraft(category="visitor", name="李四", id_number="11010519491231002X",
                                                      phone="13800138000", origin_province="50", purpose="探亲",
                                                      temperature="36.6"))
    finally:
        ctx.close()
    return folder / "register.sqlite3"


def count_entries(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        count = conn.execute("SELECT count(*) FROM passage").fetchone()[0]
    conn.close()
    return count


# --- demo data -------------------------------------------------------------------


def test_demo_data_can_be_added_to_a_demo_register_any_number_of_times(tmp_path, capsys):
    for _run in range(3):
        assert cli.main(["demo-data", "--data-dir", str(tmp_path), "--entries", "300", "--seed", "7"]) == 0
    assert capsys.readouterr().out.count("added 300 entries") == 3
    assert count_entries(tmp_path / "register.sqlite3") == 900
    assert cli.main(["doctor", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "900 entries, sequence numbers complete" in out and "Demo register" in out


def test_demo_data_never_goes_into_a_real_register(tmp_path, capsys):
    db = real_register(tmp_path)
    before = digest(db)
    assert cli.main(["demo-data", "--data-dir", str(tmp_path), "--entries", "100"]) == 2
    err = capsys.readouterr().err
    assert "is the register of station JB-TSP-01 (1 entries), not a demo register" in err
    assert "Traceback" not in err
    assert digest(db) == before and not (tmp_path / "register.sqlite3-wal").exists()


def test_a_real_station_without_entries_is_not_a_demo_register_either(tmp_path, capsys):
    ctx = open_context(tmp_path)
    ctx.station.save(supervisor(ctx), STATION)
    ctx.close()
    assert cli.main(["demo-data", "--data-dir", str(tmp_path), "--entries", "100"]) == 2
    assert "not a demo register" in capsys.readouterr().err
    assert count_entries(tmp_path / "register.sqlite3") == 0


def test_demo_fill_itself_refuses_a_real_register(ctx):
    from checkpoint_app.services import demo

    with pytest.raises(demo.NotADemoRegister):
        demo.fill(ctx, 10)
    assert not demo.is_demo(ctx)


def test_demo_fill_refuses_a_real_register_even_when_the_file_check_cannot_read_it(ctx, monkeypatch):
    """The decision is made on the open register, not by a separate read that could fail open."""
    from checkpoint_app.services import demo

    monkeypatch.setattr(demo, "refusal", lambda _path: None)  # as when the raw read fails
    with pytest.raises(demo.NotADemoRegister):
        demo.fill(ctx, 10)
    assert not demo.is_demo(ctx)


def test_demo_data_without_data_dir_uses_the_default_folder_and_refuses_its_real_register(tmp_path):
    """The real default path (XDG_DATA_HOME), in a subprocess: the guard's register there
    is not touched."""
    env = {**ENV, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    default = tmp_path / "xdg" / "checkpoint-register"
    db = real_register(default)
    before = digest(db)
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "demo-data", "--entries", "50"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "not a demo register" in done.stderr and "Traceback" not in done.stderr
    assert digest(db) == before
    (default / "register.sqlite3").unlink()
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "demo-data", "--entries", "50"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert count_entries(default / "register.sqlite3") == 50


def test_demo_data_message_in_chinese(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert cli.main(["demo-data", "--data-dir", str(tmp_path), "--entries", "20"]) == 0
    assert f"已向 {tmp_path} 添加 20 条记录" in capsys.readouterr().out


# --- empty and foreign files -----------------------------------------------------


def test_the_log_line_that_shows_a_register_was_opened_is_what_open_database_logs(tmp_path, qapp, monkeypatch):
    """A real first start writes the line the empty-file check looks for."""
    from checkpoint_app.ui.station_dialog import StationDialog

    monkeypatch.setattr(StationDialog, "exec", lambda dialog: 0)  # cancel ...
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)  # ... and quit: the app ends
    assert app_module._run_gui(tmp_path, "en", demo=False) == 0
    assert engine.OPENED_LOG_LINE in (tmp_path / "logs" / "checkpoint.log").read_text()


@pytest.mark.parametrize("trace", ["log", "display.ini", "wal", "rotated log", "backup"])
def test_an_emptied_register_in_a_used_folder_is_refused_not_adopted(tmp_path, monkeypatch, qapp, trace):
    (tmp_path / "logs").mkdir()
    (tmp_path / "register.sqlite3").write_bytes(b"")
    extra = {
        "log": ("logs/checkpoint.log", f"2026-11-29 09:00:00 INFO checkpoint.db: {engine.OPENED_LOG_LINE}\n"),
        "display.ini": ("display.ini", "[General]\nlanguage=en\n"),
        "wal": ("register.sqlite3-wal", "x" * 4000),
        "rotated log": ("logs/checkpoint.log.1", "old\n"),
        "backup": ("register.sqlite3.before-0002", "x"),
    }[trace]
    (tmp_path / extra[0]).write_text(extra[1])
    shown = []
    monkeypatch.setattr(ask, "error", lambda parent, title, text: shown.append(text))
    from checkpoint_app.ui.station_dialog import StationDialog

    first_run = []
    monkeypatch.setattr(StationDialog, "exec", lambda dialog: first_run.append(dialog) or 0)
    assert app_module._run_gui(tmp_path, "en", demo=False) == app_module.EXIT_STORAGE
    assert not first_run
    assert shown and "not a register of this app" in shown[0] and "doctor" in shown[0]
    assert (tmp_path / "register.sqlite3").stat().st_size == 0
    if trace == "wal":
        assert (tmp_path / "register.sqlite3-wal").read_text() == "x" * 4000  # SQLite would have deleted it
    with pytest.raises(StorageError) as caught:
        open_context(tmp_path)
    assert caught.value.kind is StorageProblem.NOT_A_REGISTER


def test_an_empty_register_left_by_a_first_start_killed_early_is_adopted(tmp_path):
    """What SQLite leaves when killed before writing page 1: the folder, logs/, the lock
    and a 0-byte register (journal_mode=WAL writes page 1 at once, so a used register is
    never 0 bytes)."""
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "checkpoint.log").write_text("")
    (tmp_path / "app.lock").write_text("")
    (tmp_path / "register.sqlite3").write_bytes(b"")
    ctx = open_context(tmp_path)
    try:
        assert ctx.station.current() is None
    finally:
        ctx.close()
    assert (tmp_path / "register.sqlite3").stat().st_size > 0


def test_another_programs_database_is_not_adopted(tmp_path, capsys):
    db = tmp_path / "register.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE contacts (name, phone)")
        conn.execute("INSERT INTO contacts VALUES ('x', '1')")
    conn.close()
    before = digest(db)
    with pytest.raises(StorageError) as caught:
        open_context(tmp_path)
    assert caught.value.kind is StorageProblem.NOT_A_REGISTER
    assert cli.main(["demo-data", "--data-dir", str(tmp_path), "--entries", "10"]) == 2
    err = capsys.readouterr().err
    assert "not a register of this app" in err and "Traceback" not in err
    assert digest(db) == before


def test_a_register_whose_first_migration_was_cut_short_is_not_called_foreign(tmp_path):
    db = tmp_path / "register.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE station (id INTEGER PRIMARY KEY)")
    conn.close()
    assert engine.foreign_tables(db) == []


# --- --data-dir naming a file, and --self-test --data-dir ------------------------


@pytest.mark.parametrize("command", [["doctor"], ["demo-data", "--entries", "10"]])
@pytest.mark.parametrize("where", ["file", "below a file"])
def test_cli_data_dir_naming_a_file(tmp_path, capsys, command, where):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    target = afile if where == "file" else afile / "station"
    assert cli.main([*command, "--data-dir", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{afile} is a file, not a folder" in err and "Traceback" not in err
    assert afile.read_text() == "mine"


def test_app_data_dir_naming_a_file(tmp_path, monkeypatch, qapp, capsys):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    shown = []
    monkeypatch.setattr(ask, "error", lambda parent, title, text: shown.append(text))
    assert app_module.main(["--data-dir", str(afile), "--lang", "en"]) == 2
    assert shown and f"{afile} is a file, not a folder" in shown[0]
    assert "is a file, not a folder" in capsys.readouterr().err


def test_self_test_checks_the_given_folders_register_read_only(tmp_path):
    healthy = tmp_path / "healthy"
    assert cli.main(["demo-data", "--data-dir", str(healthy), "--entries", "30"]) == 0
    before = {p.name: digest(p) for p in healthy.iterdir() if p.is_file()}
    done = subprocess.run([sys.executable, "-m", "checkpoint_app", "--self-test", "--data-dir", str(healthy)],
                          env=ENV, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "30 entries, sequence numbers complete" in done.stdout and "read-only check" in done.stdout
    assert {p.name: digest(p) for p in healthy.iterdir() if p.is_file()} == before

    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "register.sqlite3").write_bytes(b"garbage" * 100)
    done = subprocess.run([sys.executable, "-m", "checkpoint_app", "--self-test", "--data-dir", str(damaged)],
                          env=ENV, capture_output=True, text=True, timeout=180)
    assert done.returncode == 1 and "not an SQLite database" in done.stdout
    assert "self-test FAILED" in done.stderr and "Traceback" not in done.stderr

    done = subprocess.run([sys.executable, "-m", "checkpoint_app", "--self-test", "--data-dir",
                           str(damaged / "register.sqlite3")], env=ENV, capture_output=True, text=True, timeout=180)
    assert done.returncode == 2 and "is a file, not a folder" in done.stderr


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("argv, message", [
    (["demo-data", "--entries", "0"], "0 is out of range (1 to 20,000,000)"),
    (["demo-data", "--entries", "many"], "'many' is not a whole number"),
    (["demo-data", "--entries", "10", "--days", "-3"], "-3 is out of range"),
    (["demo-data", "--entries", "10", "--seed", "x"], "invalid int value: 'x'"),
    (["demo-data"], "the following arguments are required: --entries"),
    (["doctor", "--lang", "fr"], "invalid choice: 'fr'"),
    (["doctor", "--bogus"], "unrecognized arguments: --bogus"),
    (["nonsense"], "invalid choice: 'nonsense'"),
    ([], "the following arguments are required: command"),
])
def test_cli_bad_arguments(argv, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as caught:
        cli.main(argv + (["--data-dir", str(tmp_path)] if argv and argv[0] in ("demo-data", "doctor") else []))
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "register.sqlite3").exists()


def test_cli_bad_number_in_chinese(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    with pytest.raises(SystemExit):
        cli.main(["demo-data", "--entries", "0", "--data-dir", str(tmp_path)])
    assert "0 超出范围（1 到 20,000,000）" in capsys.readouterr().err
