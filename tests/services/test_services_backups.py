"""Backups and restore (issue 10 item 3): checked copies into the supervisor's folder, the
last N kept; a restore that checks the copy and keeps the current register aside; bad
copies refused with the register unchanged; backups following the retention purge."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from actors import SUPERVISOR_NAME, SUPERVISOR_PIN, guard, supervisor
from batch_station import acknowledge, with_keys

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.db import driver

from checkpoint_app.services.backups import backups_in

CST = dt.timezone(dt.timedelta(hours=8))


def visitor(name: str) -> EntryDraft:
    return EntryDraft(category="visitor", name=name, id_number="11010519491231002X", phone="13912345678",
                      origin_province="50", purpose="探亲", temperature="36.5")


def names(path) -> list[str]:
    with closing(driver.connect(path)) as raw:
        return [n for (n,) in raw.execute("SELECT name FROM person_check ORDER BY id")]


def test_a_backup_is_a_checked_private_copy_in_the_chosen_folder(ctx, tmp_path):
    boss = supervisor(ctx)
    ctx.register.save(guard(ctx), visitor("欧阳娜娜"))
    info = ctx.backups.backup(boss, tmp_path / "usb")
    assert info.path.parent == tmp_path / "usb" and info.path.name.startswith("checkpoint-backup-JB-TSP-01-")
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600 and names(info.path) == ["欧阳娜娜"]
    assert ctx.settings.get("backup_folder") == str(tmp_path / "usb")  # the next ones go there too
    assert [b.path for b in ctx.backups.list(boss)] == [info.path]
    assert not list((tmp_path / "usb").glob("*.partial"))
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("SELECT count(*) FROM audit_event WHERE action = 'backup'").fetchone()[0] == 1


def test_only_the_last_ones_are_kept(ctx, tmp_path, clock):
    boss = supervisor(ctx)
    ctx.settings.set_many(boss, {"backup_keep": 2})
    made = []
    for hour in (8, 9, 10):
        clock.now = dt.datetime(2026, 11, 29, hour, tzinfo=CST)
        made.append(ctx.backups.backup(boss, tmp_path / "usb").path)
    assert [b.path for b in backups_in(tmp_path / "usb")] == [made[2], made[1]]


@pytest.mark.parametrize("where", ["register folder", "under a file"])
def test_a_folder_that_cannot_hold_backups_is_refused_leaving_nothing(ctx, tmp_path, where):
    boss = supervisor(ctx)
    (tmp_path / "a-file").write_text("x")
    target = ctx.paths.root if where == "register folder" else tmp_path / "a-file" / "backups"
    before = sorted(p.name for p in ctx.paths.root.iterdir())
    with pytest.raises(InvalidInput) as refused:
        ctx.backups.backup(boss, target)
    assert refused.value.problems[0].field == "backup_folder"
    assert sorted(p.name for p in ctx.paths.root.iterdir()) == before


def test_a_guard_may_neither_back_up_nor_restore(ctx, tmp_path):
    with pytest.raises(NotPermitted):
        ctx.backups.backup(guard(ctx), tmp_path / "usb")
    with pytest.raises(NotPermitted):
        ctx.backups.restore(guard(ctx), tmp_path / "x.sqlite3")


def test_a_restore_brings_the_backup_back_and_keeps_the_register_aside(ctx, tmp_path):
    boss = supervisor(ctx)
    ctx.register.save(guard(ctx), visitor("欧阳娜娜"))
    backup = ctx.backups.backup(boss, tmp_path / "usb").path
    ctx.register.save(guard(ctx), visitor("司马青衫"))
    aside = ctx.backups.restore(boss, backup)
    assert names(ctx.paths.database) == ["欧阳娜娜"] and names(aside) == ["欧阳娜娜", "司马青衫"]
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        detail = raw.execute("SELECT detail FROM audit_event WHERE action = 'backup' ORDER BY id DESC").fetchone()[0]
    assert '"how":"restore"' in detail
    assert ctx.register.save(guard(ctx), visitor("上官婉儿")).seq == 2  # the desk goes on from the backup


@pytest.mark.parametrize("damage", ["truncated", "not sqlite", "not a register"])
def test_a_bad_backup_is_refused_and_the_register_is_unchanged(ctx, tmp_path, damage):
    boss = supervisor(ctx)
    ctx.register.save(guard(ctx), visitor("欧阳娜娜"))
    backup = ctx.backups.backup(boss, tmp_path / "usb").path
    if damage == "truncated":
        data = backup.read_bytes()
        backup.write_bytes(data[: len(data) // 2])
    elif damage == "not sqlite":
        backup.write_bytes(b"hello" * 1000)
    else:
        backup.unlink()
        with closing(driver.connect(backup)) as raw:
            raw.execute("CREATE TABLE other (x)")
    before = ctx.paths.database.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        ctx.backups.restore(boss, backup)
    assert refused.value.problems[0].field == "backup"
    assert names(ctx.paths.database) == ["欧阳娜娜"] and ctx.paths.database.read_bytes() == before
    assert not list(ctx.paths.root.glob("register.before-restore*"))


def test_backups_follow_the_retention_purge(ctx, tmp_path, clock):
    office = with_keys(ctx, tmp_path / "office")
    boss = supervisor(ctx)
    clock.now = dt.datetime(2026, 10, 20, 9, tzinfo=CST)
    ctx.register.save(guard(ctx), visitor("欧阳娜娜"))
    clock.now = dt.datetime(2026, 10, 21, 9, tzinfo=CST)
    batch = ctx.batches.export(boss, tmp_path / "stick")
    backup = ctx.backups.backup(boss, tmp_path / "usb").path  # holds the name
    assert "欧阳娜娜".encode() in backup.read_bytes()
    clock.now = dt.datetime(2026, 11, 29, 9, tzinfo=CST)
    acknowledge(ctx, office, tmp_path / "stick", [batch])
    assert ctx.retention.purge(boss).passages == 1
    assert names(backup) == [""] and "欧阳娜娜".encode() not in backup.read_bytes()
    with closing(driver.connect(backup)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_command_line_backs_up_and_restores(ctx, tmp_path, monkeypatch, capsys):
    from checkpoint_app import cli

    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    ctx.register.save(guard(ctx), visitor("欧阳娜娜"))

    def run(*args: str) -> int:
        return cli.main([args[0], "--data-dir", str(ctx.paths.root), "--operator", SUPERVISOR_NAME, "--lang", "en",
                         *args[1:]])

    assert run("backup", "--to", str(tmp_path / "usb")) == 0
    assert "checked" in capsys.readouterr().out
    [backup] = backups_in(tmp_path / "usb")
    ctx.register.save(guard(ctx), visitor("司马青衫"))
    ctx.close()
    assert run("restore", str(backup.path)) == 0
    assert "kept as" in capsys.readouterr().out and names(ctx.paths.database) == ["欧阳娜娜"]
    assert run("restore", str(tmp_path / "missing.sqlite3")) == 2


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare (util-linux)")
@pytest.mark.parametrize("encrypted", [False, True])
@pytest.mark.parametrize("when, said", [
    ("before", "but a backup of the register needs"),
    ("during the copy", "the drive is full. No backup was left there and the register is unchanged"),
])
def test_a_really_full_drive_refuses_the_backup_leaving_nothing_behind(tmp_path, encrypted, when, said):
    """The backup folder on a 128 KiB tmpfs (a private mount namespace). Before: the free
    space is seen to be too little and nothing is written. During the copy: the free-space
    look is made to see room (as when another program fills the drive meanwhile), so the
    copy meets the real ENOSPC part-way. Either way the supervisor is told why, nothing is
    left on the drive (no part of a copy, no key file), the register holds what it held, and
    no backup is audited."""
    if subprocess.run(["unshare", "-Urm", "true"], capture_output=True).returncode != 0:
        pytest.skip("user namespaces are not available here")
    drive, data = tmp_path / "usb", tmp_path / "data"
    drive.mkdir()
    child = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        sys.path[:0] = {[str(Path(__file__).resolve().parents[1])]!r}
        from actors import CHEAP_HASHER
        from checkpoint_app.core.entry import EntryDraft
        from checkpoint_app.core.problems import InvalidInput
        from checkpoint_app.services.context import open_context
        if {when == "during the copy"!r}:
            import shutil, types
            shutil.disk_usage = lambda path: types.SimpleNamespace(total=1 << 40, used=0, free=1 << 40)
        ctx = open_context(Path({str(data)!r}), pin_hasher=CHEAP_HASHER, encrypt={encrypted!r})
        boss = ctx.operators.create_first_supervisor("王队长", "246813")
        from checkpoint_app.services import demo
        ctx.station.save(boss, demo.DEMO_STATION)
        for n in range(300):
            ctx.register.save(boss, EntryDraft(category="visitor", name=f"欧阳{{n}}", id_number="11010519491231002X",
                              phone="13912345678", origin_province="50", purpose="探亲", temperature="36.5"))
        out = {{}}
        try:
            ctx.backups.backup(boss, Path({str(drive)!r}))
        except InvalidInput as refused:
            out["refused"] = refused.problems[0].english()
        out["left"] = sorted(p.name for p in Path({str(drive)!r}).iterdir())
        with ctx.db.engine.connect() as c:
            out["entries"] = c.exec_driver_sql("SELECT count(*) FROM person_check").scalar()
            out["audited"] = c.exec_driver_sql("SELECT count(*) FROM audit_event WHERE action = 'backup'").scalar()
            out["check"] = c.exec_driver_sql("PRAGMA quick_check").scalar()
        ctx.close()
        print(json.dumps(out))
    """)
    script = f"mount -t tmpfs -o size=128k tmpfs {drive} && {sys.executable} -c {shlex.quote(child)}"
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert said in out["refused"] and str(drive) in out["refused"], out
    assert out["left"] == [], out
    assert (out["entries"], out["audited"], out["check"]) == (300, 0, "ok"), out
