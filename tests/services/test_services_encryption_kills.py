"""The conversion of a plain register killed at each of its file operations (SIGKILL, the
power cut's equivalent for a process): whatever the moment, the next start ends with an
encrypted register holding every entry, intact, with no plain copy of it left behind."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from actors import SUPERVISOR_NAME, SUPERVISOR_PIN
from damage import ID, PHONE

from checkpoint_app.paths import DataPaths

from checkpoint_app.db import cipher

from checkpoint_app.services import encryption
from checkpoint_app.services.context import open_context

CHILD = """
import os, signal, sys
from checkpoint_app.services.context import open_context

kill_at, calls = int(sys.argv[2]), [0]


def counted(name):
    real = getattr(os, name)

    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call


for name in ("open", "write", "fsync", "link", "replace", "unlink", "close"):
    setattr(os, name, counted(name))
ctx = open_context(sys.argv[1], encrypt=True)
ctx.close()
print("steps", calls[0], flush=True)
"""


def next_start(folder: Path):
    """The desk app's next start: the PIN first when the register is already locked."""
    paths = DataPaths(folder)
    if encryption.is_locked(paths):
        key = encryption.unlock_by_name(paths, SUPERVISOR_NAME, SUPERVISOR_PIN, dt.datetime.now().astimezone())
        return open_context(folder, key=key)
    return open_context(folder, encrypt=True)


def convert_in_child(folder: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(folder), str(kill_at)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.timeout(900)
def test_a_conversion_killed_at_each_file_operation_finishes_at_the_next_start(tmp_path, populated_template):
    """The child counts its file operations (open, write, fsync, link, rename, unlink, close
    through Python's os module: the key file's, the copy's, the wipe's) and kills itself
    with SIGKILL at the k-th, for every k; SQLite's own writes in between are covered by
    the kills on either side of them."""
    source = populated_template.parent
    with closing(open_context(source)) as ctx, ctx.connect() as conn:
        entries = conn.exec_driver_sql("SELECT count(*) FROM passage").scalar_one()
    probe = tmp_path / "probe"
    shutil.copytree(source, probe)
    done = convert_in_child(probe, 0)
    steps = int(done.stdout.split()[-1])
    assert steps > 10, done.stdout + done.stderr
    for kill_at in range(1, steps + 1):
        folder = tmp_path / f"kill-{kill_at}"
        shutil.copytree(source, folder)
        killed = convert_in_child(folder, kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        with closing(next_start(folder)) as ctx:
            assert ctx.db.key is not None
            with ctx.connect() as conn:
                assert conn.exec_driver_sql("SELECT count(*) FROM passage").scalar_one() == entries
                assert conn.exec_driver_sql("PRAGMA quick_check").scalar_one() == "ok"
        assert not cipher.is_plain(folder / "register.sqlite3"), kill_at
        left = sorted(p.name for p in folder.iterdir() if p.is_file())
        assert not [n for n in left if n.endswith((cipher.PLAIN_WIPE, cipher.ENCRYPTING))], (kill_at, left)
        data = b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
        assert ID.encode() not in data and PHONE.encode() not in data, kill_at
        shutil.rmtree(folder)
