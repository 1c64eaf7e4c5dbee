"""What the app says when it cannot start: a full disk is a full disk (not "no
permission"), and a locked or damaged register at start never talks about a form."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from uihelpers import patch_start_dialogs

from PySide6 import QtCore

from checkpoint_app import app as app_module

from checkpoint_app.db.errors import StorageError, StorageProblem

from checkpoint_app.ui import ask


@pytest.fixture(autouse=True)
def _start_dialogs(monkeypatch):
    """Starts of the app answer the login: the first supervisor on a first run."""
    patch_start_dialogs(monkeypatch)


class FailingLock:
    """QLockFile when the lock file cannot be written (Qt says only "unknown error")."""

    LockError = QtCore.QLockFile.LockError

    def __init__(self, _path):
        pass

    def setStaleLockTime(self, _ms):  # noqa: N802 - Qt API
        pass

    def tryLock(self, _ms):  # noqa: N802 - Qt API
        return False

    def error(self):
        return QtCore.QLockFile.LockError.UnknownError

    def unlock(self):
        pass


@pytest.fixture
def shown(monkeypatch):
    texts: list[str] = []
    monkeypatch.setattr(ask, "error", lambda parent, title, text: texts.append(text))
    return texts


@pytest.mark.parametrize("number, reason", [
    (errno.ENOSPC, "the disk is full (free some space)"),
    (errno.EROFS, "the disk is read-only"),
    (errno.EACCES, "no permission"),
    (errno.EIO, "the disk reported an error"),
])
def test_a_lock_file_that_cannot_be_written_is_explained_by_errno(tmp_path, monkeypatch, qapp, shown, number, reason):
    monkeypatch.setattr(QtCore, "QLockFile", FailingLock)

    def fsync(_fd):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", fsync)
    assert app_module._run_gui(tmp_path, "en", demo=False) == app_module.EXIT_STORAGE
    assert len(shown) == 1 and f"cannot be written: {reason}." in shown[0]
    assert not (tmp_path / ".write-probe").exists()


@pytest.mark.parametrize("kind", [StorageProblem.LOCKED, StorageProblem.FULL, StorageProblem.CORRUPT])
def test_storage_problems_at_start_speak_of_starting_not_of_a_form(tmp_path, monkeypatch, qapp, shown, kind):
    from checkpoint_app.services import context

    def refuse(*args, **kwargs):
        raise StorageError(kind)

    monkeypatch.setattr(context, "open_context", refuse)
    assert app_module._run_gui(tmp_path, "en", demo=False) == app_module.EXIT_STORAGE
    assert len(shown) == 1
    assert "form" not in shown[0] and "The app did not start; nothing was changed." in shown[0]
    if kind is not StorageProblem.CORRUPT:
        assert "start the app again" in shown[0]


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare (util-linux)")
def test_a_really_full_disk_at_start_is_reported_as_full(tmp_path):
    """A small tmpfs filled to the last byte, in a private mount namespace."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    script = textwrap.dedent(f"""
        set -e
        mount -t tmpfs -o size=256k tmpfs {mount}
        mkdir -p {mount}/data/logs
        dd if=/dev/zero of={mount}/filler bs=4k 2>/dev/null || true
        QT_QPA_PLATFORM=offscreen {sys.executable} -c '
import sys
from pathlib import Path
from checkpoint_app import app
from checkpoint_app.ui import ask
ask.error = lambda parent, title, text: None
sys.exit(app._run_gui(Path("{mount}/data"), "en", demo=False))'
    """)
    probe = subprocess.run(["unshare", "-Urm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here")
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == app_module.EXIT_STORAGE, result.stderr
    assert "cannot be written: the disk is full" in result.stderr
    assert "no permission" not in result.stderr


def test_a_damaged_station_row_at_start_is_explained_not_a_crash(ctx, qapp, shown):
    """Opening succeeds; the first read of the station profile meets the damage. That is
    the "damaged" start message and exit 4, never the crash dialog."""
    from damage import damage_station_name

    ctx.close()
    damage_station_name(ctx.paths.database)
    assert app_module._run_gui(ctx.paths.root, "en", demo=False) == app_module.EXIT_STORAGE
    assert len(shown) == 1 and "damaged" in shown[0] and "doctor" in shown[0]
    assert "\u7fe0" not in shown[0]  # nothing of the stored name
