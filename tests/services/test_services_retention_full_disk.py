"""The retention purge on a really full disk (issue 10: fault-test what writes). The register
is on a small tmpfs of its own (a private mount namespace); a filler takes the last free
byte after the office acknowledged the old entries, so the purge's transaction meets the
real ENOSPC while it writes. Nothing may be half-erased: the register passes its check,
every old name is still there, the watermark has not moved and no purge is audited. Once
space is freed, the next run erases everything due."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not shutil.which("unshare"),
                                reason="tmpfs in a user namespace (Linux, util-linux's unshare)")

CHILD = """
import datetime as dt, errno, json, sys
from pathlib import Path
sys.path[:0] = [{tests!r}]
from actors import CHEAP_HASHER, guard, supervisor
from batch_station import acknowledge, with_keys
from residents import add_watch
from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.services.context import open_context
from checkpoint_app.services.errors import StorageError
from checkpoint_app.services import demo

CST = dt.timezone(dt.timedelta(hours=8))
now = [dt.datetime(2026, 10, 20, 9, tzinfo=CST)]
data, work, filler = Path({data!r}), Path({work!r}), Path({data!r}) / "filler"
ctx = open_context(data, clock=lambda: now[0], pin_hasher=CHEAP_HASHER, encrypt={encrypted!r})
ctx.station.save(supervisor(ctx), demo.DEMO_STATION)
office = with_keys(ctx, work / "office")
for n in range(150):
    ctx.register.save(guard(ctx), EntryDraft(category="visitor", name=f"欧阳娜{{n:03d}}",
                      id_number="110105194912310038", phone="13912345678", origin_province="50",
                      purpose="探望王某", destination="3栋2单元501", temperature="36.5"))
now[0] = dt.datetime(2026, 10, 21, 9, tzinfo=CST)
batch = ctx.batches.export(supervisor(ctx), work / "stick")
now[0] = dt.datetime(2026, 11, 29, 9, tzinfo=CST)
acknowledge(ctx, office, work / "stick", [batch])
add_watch(ctx, name="慕容复兴", id_number="110105196001010017", room="1-1-101",
          start=dt.date(2026, 9, 26), end=dt.date(2026, 10, 10))
boss = supervisor(ctx)

def state():
    with ctx.db.engine.connect() as c:
        return dict(
            check=c.exec_driver_sql("PRAGMA quick_check").scalar(),
            named=c.exec_driver_sql("SELECT count(*) FROM person_check WHERE name LIKE '欧阳娜%'").scalar(),
            watch_named=c.exec_driver_sql("SELECT count(*) FROM watch WHERE name != ''").scalar(),
            watermark=c.exec_driver_sql(
                "SELECT count(*) FROM setting WHERE key = 'retention_purged_before'").scalar(),
            audited=c.exec_driver_sql("SELECT count(*) FROM audit_event WHERE action = 'purge'").scalar())

with ctx.db.engine.connect() as c:  # the log cut to nothing: the purge's pages need new space
    c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
out = dict(before=state())
with open(filler, "wb", buffering=0) as f:  # every free byte taken (unbuffered: close writes nothing)
    try:
        while True:
            f.write(b"\\0" * 4096)
    except OSError as full:
        out["filled"] = full.errno == errno.ENOSPC
try:
    ctx.retention.purge(boss)
    out["refused"] = None
except StorageError as refused:
    out["refused"] = refused.kind.value
out["after_full"] = state()
filler.unlink()
result = ctx.retention.purge(boss)
out["second"] = [result.passages, result.watches, result.compacted]
out["after_freed"] = state()
ctx.close()
raw = b"".join(p.read_bytes() for p in data.iterdir() if p.name.startswith("register.sqlite3"))
out["names_in_file"] = "欧阳娜".encode() in raw or "慕容复兴".encode() in raw
print(json.dumps(out))
"""


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_full_disk_during_the_purge_leaves_nothing_half_erased(tmp_path, encrypted):
    if subprocess.run(["unshare", "-Urm", "true"], capture_output=True).returncode != 0:
        pytest.skip("user namespaces are not available here")
    data, work = tmp_path / "data", tmp_path / "work"
    data.mkdir()
    work.mkdir()
    child = textwrap.dedent(CHILD).format(tests=str(Path(__file__).resolve().parents[1]), data=str(data),
                                          work=str(work), encrypted=encrypted)
    script = f"mount -t tmpfs -o size=6m tmpfs {data} && {sys.executable} -c {shlex.quote(child)}"
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["filled"], out
    untouched = dict(check="ok", named=150, watch_named=1, watermark=0, audited=0)
    assert out["before"] == untouched, out
    assert out["refused"] is not None, out  # the purge said the disk was full
    assert out["after_full"] == untouched, out  # and left everything as it was
    assert out["second"] == [150, 1, True], out
    assert out["after_freed"] == dict(check="ok", named=0, watch_named=0, watermark=1, audited=1), out
    assert out["names_in_file"] is False, json.dumps(out, ensure_ascii=False)
