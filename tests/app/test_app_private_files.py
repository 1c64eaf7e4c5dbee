"""Issue 5 item 6: the data folder and logs/ are 0700 and every file the app or the CLI
creates is 0600, whatever the umask; files an older version left open are narrowed."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from uihelpers import fill_station_dialog, patch_start_dialogs

from checkpoint_app import app as app_module
from checkpoint_app import private_files
from checkpoint_app.paths import DataPaths

from checkpoint_app.db import driver

from checkpoint_app.services.context import open_context


@pytest.fixture(autouse=True)
def _start_dialogs(monkeypatch):
    """Starts of the app answer the login: the first supervisor on a first run."""
    patch_start_dialogs(monkeypatch)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): mode(p) for p in sorted(root.rglob("*"))}


def assert_private(root: Path) -> None:
    assert mode(root) == 0o700, oct(mode(root))
    wrong = {name: oct(m) for name, m in modes(root).items()
             if m != (0o700 if (root / name).is_dir() else 0o600)}
    assert not wrong, wrong


@pytest.fixture
def desktop_umask():
    """A usual desktop umask (022) for the test; the one before is put back after."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_first_start_of_the_app_makes_everything_private(tmp_path, monkeypatch, qapp, desktop_umask):
    """Through the real start: folder and logs/ made, log written (and rotated), lock
    taken, register created and migrated with its WAL and SHM, station saved through the
    first-run dialog, display settings saved through QSettings."""
    from checkpoint_app.ui.display_prefs import DisplayPrefs
    from checkpoint_app.ui.station_dialog import StationDialog

    data = tmp_path / "station"

    monkeypatch.setattr(StationDialog, "exec", fill_station_dialog)
    real_open = app_module._open_station
    while_running = {}

    def open_then_quit(app, window, paths, demo, opened):
        real_open(app, window, paths, demo, opened)
        assert DisplayPrefs(paths.root).save("en", True)
        logging.getLogger("checkpoint.test").info("a line")
        for handler in logging.getLogger("checkpoint").handlers:
            handler.doRollover()  # a rotated log and a fresh one
        with opened[0].connect() as conn:  # the WAL and SHM exist while a connection is open
            conn.exec_driver_sql("SELECT count(*) FROM passage").fetchone()
            while_running.update(modes(paths.root))
        app.exit(0)

    monkeypatch.setattr(app_module, "_open_station", open_then_quit)
    assert app_module._run_gui(data, "en", demo=False) == 0
    for name in ("app.lock", "register.sqlite3", "register.sqlite3-wal", "register.sqlite3-shm",
                 "display.ini", "logs", "logs/checkpoint.log", "logs/checkpoint.log.1"):
        assert name in while_running, (name, sorted(while_running))
    wrong = {n: oct(m) for n, m in while_running.items() if m != (0o700 if (data / n).is_dir() or n == "logs" else 0o600)}
    assert not wrong, wrong
    assert_private(data)


def test_open_context_and_a_backup_copy_are_private(tmp_path, desktop_umask):
    ctx = open_context(tmp_path / "a" / "b")
    try:
        with driver.connect(ctx.paths.database) as source, driver.connect(ctx.paths.root / "register.sqlite3.backup") as copy:
            source.backup(copy)  # the SQLite backup API, as the copy before an upgrade is made
        source.close()
        copy.close()
    finally:
        ctx.close()
    assert_private(ctx.paths.root)


def test_cli_demo_data_makes_everything_private(tmp_path):
    data = tmp_path / "cli"
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "demo-data", "--data-dir", str(data),
                           "--entries", "200"], env=ENV, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr
    assert_private(data)


def test_files_an_older_version_left_open_are_narrowed_at_start(tmp_path, desktop_umask):
    data = tmp_path / "old"
    ctx = open_context(data)
    ctx.close()
    (data / "display.ini").write_text("[General]\nlanguage=en\n")
    (data / "logs" / "checkpoint.log").write_text("old line\n")
    (data / "logs" / "checkpoint.log.2").write_text("older line\n")
    copy = data / "register.before-0002.20261129-090000.sqlite3"  # as db/upgrade_copy.py names it
    copy.write_bytes((data / "register.sqlite3").read_bytes())
    for path in (data, data / "logs"):
        path.chmod(0o755)
    for path in (data / "register.sqlite3", data / "display.ini", data / "logs" / "checkpoint.log",
                 data / "logs" / "checkpoint.log.2", copy):
        path.chmod(0o644)
    assert len(private_files.too_open(data)) == 7
    DataPaths(data).ensure()  # what every start does first
    assert private_files.too_open(data) == []
    assert_private(data)


def test_a_folder_holding_other_files_is_left_as_it_is_but_the_apps_files_are_narrowed(tmp_path, desktop_umask):
    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    theirs = data / "notes.txt"
    theirs.write_text("not the app's")
    theirs.chmod(0o644)
    ctx = open_context(data)
    ctx.close()
    (data / "register.sqlite3").chmod(0o644)
    still_open = private_files.tighten(data)
    assert mode(data / "register.sqlite3") == 0o600
    assert mode(theirs) == 0o644 and mode(data) == 0o755  # not the app's to change
    assert still_open == [data]  # doctor reports it


def test_a_stricter_umask_of_the_user_is_kept():
    before = os.umask(0o277)
    try:
        private_files.restrict_umask()
        assert os.umask(0o022) == 0o277
    finally:
        os.umask(before)
