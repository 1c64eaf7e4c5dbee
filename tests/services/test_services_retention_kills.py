"""The purge's rewrite of the file (VACUUM) killed part-way (SIGKILL, the power cut's
equivalent for a process), at moments spread over the rewrite of a 3,000-entry register:
the purge itself had committed, so the register is intact with its entries and the erased
values stay erased in the tables; the rewrite is still owed, and the next run does it, after
which no erased value is left in the file's bytes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from checkpoint_app.db import driver
from checkpoint_app.db.engine import DB_FILENAME

GONE = "慕容复兴"

CHILD = """
import datetime as dt, os, signal, sys, threading
sys.path[:0] = [{tests!r}]
from actors import CHEAP_HASHER, supervisor
from checkpoint_app.db import purge_queries
from checkpoint_app.services.context import open_context

CST = dt.timezone(dt.timedelta(hours=8))
ctx = open_context({data!r}, clock=lambda: dt.datetime(2026, 11, 29, 9, tzinfo=CST), pin_hasher=CHEAP_HASHER)
boss = supervisor(ctx)
real = purge_queries.vacuum


def killed_part_way(raw):
    print("rewriting", flush=True)
    threading.Timer({delay!r}, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
    real(raw)


purge_queries.vacuum = killed_part_way
result = ctx.retention.purge(boss)
print("done", result.watches, result.compacted, flush=True)
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, populated_template):
    """The populated register with a watchlist entry that ended long ago (due for the purge)."""
    from actors import CHEAP_HASHER
    from residents import add_watch

    from checkpoint_app.services.context import open_context

    folder = tmp_path_factory.mktemp("prepared")
    shutil.copy(populated_template, folder / populated_template.name)
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    add_watch(ctx, name=GONE, id_number="110105196001010017", room="1-1-101",
              start=dt.date(2026, 9, 26), end=dt.date(2026, 10, 10))
    with closing(driver.connect(ctx.paths.database)) as raw:
        entries = raw.execute("SELECT count(*) FROM person_check").fetchone()[0]
    ctx.close()
    return folder, entries


def _state(database: Path) -> tuple[str, int, int, int]:
    with closing(driver.connect(database)) as raw:
        return (raw.execute("PRAGMA integrity_check").fetchone()[0],
                raw.execute("SELECT count(*) FROM person_check").fetchone()[0],
                raw.execute("SELECT count(*) FROM watch WHERE name = ?", (GONE,)).fetchone()[0],
                raw.execute("SELECT count(*) FROM setting WHERE key = 'retention_compact_due'").fetchone()[0])


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.04])
def test_a_rewrite_killed_part_way_leaves_the_register_whole_and_is_done_by_the_next_run(prepared, tmp_path, delay):
    from actors import CHEAP_HASHER

    from checkpoint_app.services.context import open_context

    source, entries = prepared
    data = tmp_path / "data"
    shutil.copytree(source, data)
    child = CHILD.format(tests=str(Path(__file__).resolve().parents[1]), data=str(data), delay=delay)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "rewriting" in done.stdout, done.stderr[-2000:]  # the purge committed and the rewrite began
    assert done.returncode in (0, -9), done.stderr[-2000:]
    database = data / DB_FILENAME
    check, persons, named, owed = _state(database)
    assert (check, persons, named) == ("ok", entries, 0)  # whole, every entry, the erasure kept
    if delay == 0.0:  # killed as the rewrite began (it takes about 20 ms here): still owed
        assert owed == 1
    if "done" in done.stdout:  # it had finished: nothing owed
        assert owed == 0
    ctx = open_context(data, clock=lambda: dt.datetime(2026, 11, 30, 9, tzinfo=dt.timezone.utc),
                       pin_hasher=CHEAP_HASHER)
    try:
        again = ctx.retention.purge_due()  # does the owed rewrite, if it is owed
    finally:
        ctx.close()
    assert again.compacted is (True if owed else None)
    assert _state(database) == ("ok", entries, 0, 0)
    data_bytes = b"".join(p.read_bytes() for p in data.glob("register.sqlite3*"))
    assert GONE.encode() not in data_bytes
