"""The write-ahead log is copied into the register on a thread of its own
(db/wal_checkpoints.py): after enough commits, after a quiet spell, never into a
damaged register, and a failure is retried at the next trigger without ending it."""

from __future__ import annotations

import errno
import sqlite3
import threading

import pytest
from sqlalchemy import text

from checkpoint_app.db import wal_checkpoints
from checkpoint_app.db.engine import make_engine
from checkpoint_app.db.wal_checkpoints import Checkpointer

from checkpoint_app.services.context import open_context

WAIT_S = 10.0


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(tmp_path / "register.sqlite3")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    yield engine
    engine.dispose()


def _commit(engine, n: int = 1) -> None:
    for _ in range(n):
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t (x) VALUES (1)"))


def _frames(conn: sqlite3.Connection) -> tuple[int, int, int]:
    # PASSIVE with the thread stopped copies nothing new if all is copied already;
    # its answer (busy, frames in the log, frames copied) is what is asked here
    return conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()


def test_a_checkpoint_follows_every_so_many_commits(engine):
    worker = Checkpointer(engine, every_commits=4, idle_s=3600)
    worker.start()
    try:
        _commit(engine, 3)
        assert not worker.wait_for(runs=1, timeout=0.2)  # 3 commits, the desk not quiet: nothing yet
        _commit(engine)
        assert worker.wait_for(runs=1, timeout=WAIT_S)
        _commit(engine, 8)
        assert worker.wait_for(runs=2, timeout=WAIT_S)
    finally:
        worker.stop()


def test_a_quiet_register_is_checkpointed_once(engine, tmp_path):
    worker = Checkpointer(engine, every_commits=1000, idle_s=0.05)
    worker.start()
    try:
        _commit(engine, 2)
        assert worker.wait_for(runs=1, timeout=WAIT_S)
        assert not worker.wait_for(runs=2, timeout=0.3)  # nothing committed since: no second run
    finally:
        worker.stop()
    conn = sqlite3.connect(tmp_path / "register.sqlite3")
    try:
        _busy, frames, copied = _frames(conn)
    finally:
        conn.close()
    assert frames == copied


def test_a_damaged_register_is_never_written_by_it(engine, tmp_path):
    wal = tmp_path / "register.sqlite3-wal"
    main = tmp_path / "register.sqlite3"
    worker = Checkpointer(engine, may_run=lambda: False, every_commits=1, idle_s=0.01)
    before = main.read_bytes()
    worker.start()
    try:
        _commit(engine)
        assert worker.wait_for(skipped=1, timeout=WAIT_S)
    finally:
        worker.stop()
    assert worker.runs == 0
    assert main.read_bytes() == before  # the commit is in the log only
    assert wal.stat().st_size > 0


def test_a_failed_checkpoint_is_retried_at_the_next_trigger(engine, monkeypatch, caplog):
    real = wal_checkpoints.checkpoint
    answers = iter([False])  # the first one meets a full disk, say

    def flaky(eng):
        try:
            return next(answers)
        except StopIteration:
            return real(eng)

    monkeypatch.setattr(wal_checkpoints, "checkpoint", flaky)
    worker = Checkpointer(engine, every_commits=2, idle_s=3600)
    worker.start()
    try:
        _commit(engine, 2)
        assert worker.wait_for(failures=1, timeout=WAIT_S)
        _commit(engine, 2)
        assert worker.wait_for(runs=1, timeout=WAIT_S)
    finally:
        worker.stop()


def test_a_storage_error_is_logged_by_kind_and_not_raised(engine, monkeypatch, caplog):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(engine, "connect", full)
    with caplog.at_level("WARNING", logger="checkpoint.db"):
        assert wal_checkpoints.checkpoint(engine) is False
    assert "checkpoint skipped: full" in caplog.text


def test_a_bug_in_a_checkpoint_does_not_end_the_thread(engine, monkeypatch):
    answers = iter([ZeroDivisionError()])

    def buggy(eng):
        error = next(answers, None)
        if error is not None:
            raise error
        return True

    monkeypatch.setattr(wal_checkpoints, "checkpoint", buggy)
    worker = Checkpointer(engine, every_commits=1, idle_s=3600)
    worker.start()
    try:
        _commit(engine)
        assert worker.wait_for(failures=1, timeout=WAIT_S)
        _commit(engine)
        assert worker.wait_for(runs=1, timeout=WAIT_S)
    finally:
        worker.stop()


def test_the_station_runs_one_thread_and_closing_ends_it(tmp_path):
    ctx = open_context(tmp_path / "data")
    try:
        assert ctx.db.checkpointer is not None
        assert [t.name for t in threading.enumerate()].count("wal-checkpoint") >= 1
        thread = ctx.db.checkpointer._thread  # noqa: SLF001 - what close() must end
    finally:
        ctx.close()
    assert ctx.db.checkpointer is None
    assert thread is not None and not thread.is_alive()


def test_the_station_skips_it_once_damage_is_found(tmp_path):
    ctx = open_context(tmp_path / "data")
    try:
        worker = ctx.db.checkpointer
        ctx.health.mark_damaged("integrity_check")
        for _ in range(wal_checkpoints.EVERY_COMMITS):
            with ctx.db.engine.begin() as conn:
                conn.execute(text("SELECT 1"))
        assert worker.wait_for(skipped=1, timeout=WAIT_S)
        assert worker.runs == 0
    finally:
        ctx.close()
