"""Damage is found and never written into; a wrong clock is noticed (services/health.py,
integrity.py, clock_watch.py)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from actors import supervisor
from damage import ID, PHONE, damage_id_number, damage_newest_time, random_bytes_in_the_middle, visitor

from checkpoint_app.core.listing import EntryFilter

from checkpoint_app.db import driver
from checkpoint_app.db.errors import StorageError, StorageProblem

from checkpoint_app.services.clock_watch import ClockProblem, ClockWatch
from checkpoint_app.services.context import open_context
from checkpoint_app.services.integrity import IntegrityCheck
from checkpoint_app.services.reader import RegisterReader
from checkpoint_app.services.station import StationDraft


def file_state(path: Path) -> tuple[bytes, int]:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.stat().st_size if wal.exists() else 0


def assert_saves_refused(ctx) -> None:
    before = file_state(ctx.paths.database)
    for attempt in (lambda: ctx.register.save(supervisor(ctx), visitor(name="王五")),
                    lambda: ctx.register.void(supervisor(ctx), 1, "重复登记")):
        with pytest.raises(StorageError) as caught:
            attempt()
        assert caught.value.kind is StorageProblem.CORRUPT
    with pytest.raises(StorageError) as caught:  # other services refuse too, saying why
        ctx.settings.set_many(supervisor(ctx), {"fever_threshold": 375})
    assert caught.value.kind is StorageProblem.CORRUPT  # not "read-only": no switch to check
    with pytest.raises(StorageError) as caught:
        ctx.station.save(supervisor(ctx), StationDraft(name="东门", code="JB-02", district="江北区", province_code="50"))
    assert caught.value.kind is StorageProblem.CORRUPT
    assert file_state(ctx.paths.database) == before  # not one byte written


def test_a_healthy_register_passes_the_check(register_copy):
    ctx = open_context(register_copy.parent)
    try:
        result = IntegrityCheck(ctx.paths.database, ctx.health).run()
        assert (result.ok, result.problems, result.reason) == (True, 0, "")
        assert not ctx.health.damaged
        ctx.register.save(supervisor(ctx), visitor(name="王五"))  # saves go on
    finally:
        ctx.close()


def test_random_bytes_in_the_middle_are_found_and_nothing_more_is_written(register_copy, caplog):
    random_bytes_in_the_middle(register_copy)
    ctx = open_context(register_copy.parent)  # opening does not notice: the damaged pages are not read
    try:
        assert not ctx.health.damaged
        changes = []
        ctx.health.subscribe(lambda: changes.append(ctx.health.damaged))
        with caplog.at_level(logging.INFO, logger="checkpoint"):
            result = IntegrityCheck(ctx.paths.database, ctx.health).run()
        assert result.ok is False and result.problems >= 1
        assert ctx.health.damaged and ctx.health.damage_found_by == "integrity_check"
        assert changes == [True]
        assert any("damaged" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
        assert_saves_refused(ctx)
    finally:
        ctx.close()


def test_one_damaged_byte_in_an_id_number_is_damage_when_read(register_copy):
    damage_id_number(register_copy)
    ctx = open_context(register_copy.parent)  # opening still works
    try:
        assert IntegrityCheck(ctx.paths.database, ctx.health).run().ok is True  # SQLite does not check text
        assert not ctx.health.damaged
        reader = RegisterReader(ctx)
        reader.counts(supervisor(ctx))  # the counts read no text
        with pytest.raises(StorageError) as caught:
            reader.page(supervisor(ctx), EntryFilter(), None, 50)  # the newest entry is the damaged one
        assert caught.value.kind is StorageProblem.CORRUPT
        assert ID[6:10] not in str(caught.value)
        assert ctx.health.damaged and ctx.health.damage_found_by == "database_error"
        assert_saves_refused(ctx)
    finally:
        ctx.close()


def test_a_stored_time_that_no_longer_reads_is_damage_and_stops_saves(register_copy):
    """integrity_check passes (SQLite does not look at values); SQLAlchemy's reading of the
    time fails with a ValueError, which is damage, not a bug."""
    damage_newest_time(register_copy)
    ctx = open_context(register_copy.parent)
    try:
        assert IntegrityCheck(ctx.paths.database, ctx.health).run().ok is True
        for read in (lambda: RegisterReader(ctx).page(supervisor(ctx), EntryFilter(), None, 50), ctx.register.check_clock):
            with pytest.raises(StorageError) as caught:
                read()
            assert caught.value.kind is StorageProblem.CORRUPT
        assert ctx.health.damaged
        assert_saves_refused(ctx)
    finally:
        ctx.close()


def test_a_value_error_of_our_own_is_a_bug_not_damage(ctx):
    """Only errors raised while SQLAlchemy reads stored values count as damage."""
    def broken(_conn, *_args):
        raise ValueError("a bug in a query helper")

    with pytest.raises(ValueError):
        RegisterReader(ctx)._run(supervisor(ctx), broken)
    assert not ctx.health.damaged


def test_a_known_person_lookup_meeting_damage_stops_saves(register_copy):
    damage_id_number(register_copy)
    ctx = open_context(register_copy.parent)
    try:
        with pytest.raises(StorageError) as caught:
            ctx.register.known_person(supervisor(ctx), phone=PHONE)
        assert caught.value.kind is StorageProblem.CORRUPT
        assert_saves_refused(ctx)
    finally:
        ctx.close()


def test_a_check_can_be_cancelled_and_a_locked_file_is_not_damage(ctx):
    check = IntegrityCheck(ctx.paths.database, ctx.health)
    check.cancel()
    assert check.run().reason == "cancelled"
    ctx.close()
    holder = driver.connect(ctx.paths.database)
    holder.execute("PRAGMA journal_mode = DELETE")  # out of WAL, an exclusive lock keeps readers out
    holder.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool
    try:
        result = IntegrityCheck(ctx.paths.database, ctx.health, busy_timeout_s=0).run()
    finally:
        holder.rollback()
        holder.close()
    assert (result.ok, result.reason) == (None, "SQLITE_BUSY")
    assert not ctx.health.damaged


# -- the clock -----------------------------------------------------------------------------


class Steady:
    """A steady clock the test moves."""

    def __init__(self):
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def steady(ctx, clock) -> Steady:
    steady = Steady()
    ctx.health.clock_watch = ClockWatch(clock, steady)
    return steady


def test_clock_set_back_a_day_is_warned_about_and_sequence_numbers_keep_increasing(ctx, clock, steady, caplog):
    ctx.register.check_clock()
    first = ctx.register.save(supervisor(ctx), visitor())
    assert ctx.health.clock_warning is None
    clock.now -= dt.timedelta(days=1)
    with caplog.at_level(logging.INFO, logger="checkpoint"):
        seqs = [ctx.register.save(supervisor(ctx), visitor(name=f"王{n}")).seq for n in range(3)]
    warning = ctx.health.clock_warning
    assert warning is not None and warning.problem is ClockProblem.BEHIND
    assert warning.shift < -dt.timedelta(hours=23) and warning.reference == first.recorded_at
    assert seqs == [first.seq + 1, first.seq + 2, first.seq + 3]
    clock_lines = [r.getMessage() for r in caplog.records if "clock" in r.getMessage()]
    assert len(clock_lines) == 1 and "behind" in clock_lines[0]  # one line per episode, no personal data
    assert not any(secret in clock_lines[0] for secret in (ID[6:10], PHONE[3:7], "王"))
    ctx.health.dismiss_clock_warning()
    assert ctx.health.clock_warning is None


def test_a_jump_between_saves_is_warned_about_but_a_quiet_night_is_not(ctx, clock, steady):
    ctx.register.check_clock()
    ctx.register.save(supervisor(ctx), visitor())
    clock.now += dt.timedelta(hours=10)  # the night: both clocks move
    steady.seconds += 10 * 3600
    ctx.register.save(supervisor(ctx), visitor(name="王五"))
    assert ctx.health.clock_warning is None
    clock.now += dt.timedelta(hours=5)  # somebody sets the clock: only the wall clock moves
    ctx.register.save(supervisor(ctx), visitor(name="赵六"))
    warning = ctx.health.clock_warning
    assert warning.problem is ClockProblem.JUMPED
    assert dt.timedelta(hours=4, minutes=59) < warning.shift < dt.timedelta(hours=5, minutes=1)


def test_a_small_setback_is_no_alarm(ctx, clock, steady):
    ctx.register.save(supervisor(ctx), visitor())
    clock.now -= dt.timedelta(seconds=30)  # time synchronisation
    ctx.register.save(supervisor(ctx), visitor(name="王五"))
    assert ctx.health.clock_warning is None


def test_at_start_a_clock_behind_the_newest_entry_is_warned_about(ctx, clock):
    ctx.register.check_clock()
    assert ctx.health.clock_warning is None  # an empty register: nothing to compare with
    newest = ctx.register.save(supervisor(ctx), visitor())
    ctx.close()
    clock.now -= dt.timedelta(hours=6)
    again = open_context(ctx.paths.root, clock=clock)
    try:
        again.register.check_clock()
        warning = again.health.clock_warning
        assert warning.problem is ClockProblem.BEHIND and warning.reference == newest.recorded_at
    finally:
        again.close()
