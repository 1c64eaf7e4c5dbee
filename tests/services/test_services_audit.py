"""Issue 6 item 4: the audit service (the supervisor's filtered view, a guard refused and
that refusal audited, the chain check), the chain head kept in audit-head.json, and
two writers that cannot fork the chain."""

from __future__ import annotations

import datetime as dt
import logging
import stat
import threading

import pytest
from actors import CHEAP_HASHER, GUARD_NAME, guard, supervisor
from sqlmodel import select

from checkpoint_app.core.audit_chain import ChainBreak, ChainHead
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Action, NotPermitted

from checkpoint_app.db import driver
from checkpoint_app.db.models import AuditEvent, Operator

from checkpoint_app.services import audit_head
from checkpoint_app.services.audit import NOBODY, AuditFilter, AuditService
from checkpoint_app.services.context import open_context

CST = dt.timezone(dt.timedelta(hours=8))
DAY1, DAY2 = dt.date(2026, 11, 29), dt.date(2026, 11, 30)


def service(ctx) -> AuditService:
    return AuditService(ctx.uow, ctx.clock)


def event_ids(ctx, **conditions) -> list[int]:
    return [row.id for row in service(ctx).events(supervisor(ctx), AuditFilter(**conditions))]


def all_events(ctx) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)))


def head_file(ctx):
    return audit_head.head_path(ctx.paths.root)


@pytest.fixture
def two_days(ctx, clock):
    """Events late on DAY1 and early on DAY2 (local): a guard's login, a failed login by
    an unknown name, a guard's refused attempt, a supervisor's void-free edit."""
    boss = supervisor(ctx)
    clock.now = dt.datetime(2026, 11, 29, 23, 30, tzinfo=CST)
    guard(ctx)
    with pytest.raises(InvalidInput):
        ctx.operators.login("无此人", "123456")
    clock.now = dt.datetime(2026, 11, 30, 0, 30, tzinfo=CST)  # DAY2 local, still Nov 29 in UTC
    with pytest.raises(NotPermitted):
        ctx.uow.require(guard(ctx), Action.VOID)
    ctx.operators.logout(boss)
    return ctx


def test_events_newest_first_as_plain_rows(two_days):
    ctx = two_days
    rows = service(ctx).events(supervisor(ctx))
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    assert [r.id for r in rows] == [e.id for e in reversed(all_events(ctx))]
    newest = {r.action: r for r in reversed(rows)}
    refused = newest["refused"]
    assert (refused.outcome, refused.subject, refused.operator_name, dict(refused.detail)) == (
        "refused", "void", GUARD_NAME, {"role": "guard"})
    assert refused.local_at == dt.datetime(2026, 11, 30, 0, 30, 1, tzinfo=CST)
    assert refused.at.utcoffset() == dt.timedelta(0)
    assert type(refused).__module__ == "checkpoint_app.services.audit"  # no ORM object for the UI


def test_day_filter_uses_the_station_day_not_utc(two_days):
    ctx = two_days
    by_day = {r.id: r.local_at.date() for r in service(ctx).events(supervisor(ctx))}
    day2 = event_ids(ctx, first_day=DAY2, last_day=DAY2)
    day1 = event_ids(ctx, first_day=DAY1, last_day=DAY1)
    assert day2 and day1
    assert {by_day[i] for i in day2} == {DAY2} and {by_day[i] for i in day1} == {DAY1}
    assert sorted(day1 + day2) == sorted(by_day)
    assert event_ids(ctx, first_day=DAY2) == day2
    assert event_ids(ctx, last_day=DAY1) == day1
    assert event_ids(ctx, first_day=DAY2 + dt.timedelta(days=1)) == []


def test_operator_action_and_outcome_filters(two_days):
    ctx = two_days
    guard_id = guard(ctx).operator_id
    rows = service(ctx).events(supervisor(ctx))
    assert event_ids(ctx, operator_id=guard_id) == [r.id for r in rows if r.operator_id == guard_id]
    nobody = event_ids(ctx, operator_id=NOBODY)
    assert nobody and all(r.operator_id is None for r in rows if r.id in nobody)
    assert [r.detail for r in rows if r.id in nobody] == [{"unknown_operator": True}]
    assert event_ids(ctx, action="refused") == [r.id for r in rows if r.action == "refused"]
    failed = event_ids(ctx, outcome="failed")
    assert failed == [r.id for r in rows if r.outcome == "failed"] and failed
    assert event_ids(ctx, action="login", outcome="ok", operator_id=guard_id) == [
        r.id for r in rows if (r.action, r.outcome, r.operator_id) == ("login", "ok", guard_id)]


def test_paging_with_before_id_covers_everything_once(two_days):
    ctx = two_days
    everything = event_ids(ctx)
    pages, before = [], None
    while True:
        page = event_ids(ctx, limit=3, before_id=before)
        if not page:
            break
        assert len(page) <= 3
        pages.append(page)
        before = page[-1]
    assert [i for page in pages for i in page] == everything and len(pages) > 2


def test_choices_list_operators_and_the_actions_in_the_log(two_days):
    ctx = two_days
    choices = service(ctx).choices(supervisor(ctx))
    with ctx.session() as session:
        names = sorted(op.name for op in session.exec(select(Operator)))
    assert sorted(name for _id, name in choices.operators) == names
    assert {"login", "logout", "refused", "operator_created", "edit_station"} <= set(choices.actions)
    assert choices.actions == sorted(set(choices.actions))
    assert (choices.first_day, choices.last_day) == (DAY1, DAY2)
    assert service(ctx).events(supervisor(ctx), AuditFilter(last_day=DAY1))[-1].local_at.date() == DAY1


@pytest.mark.parametrize("call", ["events", "choices"])
def test_a_guard_is_refused_and_the_refusal_audited(ctx, call):
    the_guard = guard(ctx)
    before = len(all_events(ctx))
    with pytest.raises(NotPermitted) as refused:
        getattr(service(ctx), call)(the_guard)
    assert refused.value.action is Action.VIEW_AUDIT
    events = all_events(ctx)
    assert len(events) == before + 1
    assert (events[-1].action, events[-1].subject, events[-1].outcome, events[-1].operator_id) == (
        "refused", "view_audit", "refused", the_guard.operator_id)


def test_a_logged_out_actor_is_refused(ctx):
    boss = supervisor(ctx)
    ctx.operators.logout(boss)
    with pytest.raises(NotPermitted) as refused:
        service(ctx).events(boss)
    assert refused.value.role is None


def test_reading_the_log_is_not_audited(ctx):
    boss = supervisor(ctx)
    before = len(all_events(ctx))
    service(ctx).events(boss)
    service(ctx).choices(boss)
    service(ctx).check()
    assert len(all_events(ctx)) == before


def test_check_counts_and_finds_no_break_in_a_whole_log(two_days):
    ctx = two_days
    result = service(ctx).check()
    assert (result.count, result.found, result.head, result.intact) == (len(all_events(ctx)), None, "kept", True)
    assert service(ctx).verify() is None


# -- the head kept outside the register ------------------------------------------------

def test_head_file_follows_each_commit_privately(ctx):
    supervisor(ctx)
    last = all_events(ctx)[-1]
    assert audit_head.read_head(head_file(ctx)) == ChainHead(last.id, last.hash)
    assert stat.S_IMODE(head_file(ctx).stat().st_mode) == 0o600
    assert [p.name for p in ctx.paths.root.iterdir() if p.name.startswith("audit-head")] == ["audit-head.json"]


def test_a_failed_unit_of_work_leaves_neither_event_nor_head(ctx):
    boss = supervisor(ctx)
    head_before, count_before = audit_head.read_head(head_file(ctx)), len(all_events(ctx))
    with pytest.raises(RuntimeError):
        with ctx.uow.write(boss, None) as work:
            work.audit("void", "entry:x")
            raise RuntimeError("injected")
    assert (audit_head.read_head(head_file(ctx)), len(all_events(ctx))) == (head_before, count_before)


def test_a_lagging_head_is_moved_on(ctx):
    """A crash between commit and the head's write leaves it behind: not a break."""
    supervisor(ctx)
    events = all_events(ctx)
    audit_head.write_head(head_file(ctx), ChainHead(events[-3].id, events[-3].hash))
    assert service(ctx).verify() is None
    ctx.operators.logout(supervisor(ctx))
    last = all_events(ctx)[-1]
    assert audit_head.read_head(head_file(ctx)) == ChainHead(last.id, last.hash)


def test_deleted_newest_events_stay_visible_after_new_writes(ctx, caplog):
    """The writer does not move a head the register no longer reaches: the next login
    would otherwise hide the deletion."""
    boss = supervisor(ctx)
    kept = audit_head.read_head(head_file(ctx))
    with driver.connect(ctx.paths.database) as conn:
        conn.execute("DELETE FROM audit_event WHERE id >= ?", (kept.event_id - 1,))
    conn.close()
    assert service(ctx).verify() == ChainBreak(kept.event_id - 1, "short")
    with caplog.at_level(logging.WARNING, logger="checkpoint.audit"):
        ctx.operators.logout(boss)
        guard(ctx)
    assert "no longer reaches the head" in caplog.text
    assert audit_head.read_head(head_file(ctx)) == kept
    assert service(ctx).verify() == ChainBreak(kept.event_id, "replaced")  # another event stands there now
    head_file(ctx).rename(ctx.paths.root / "audit-head.json.seen")  # looked into: moved aside
    ctx.operators.logout(guard(ctx))
    assert service(ctx).verify() is None
    assert audit_head.read_head(head_file(ctx)).event_id == all_events(ctx)[-1].id


def test_an_empty_head_file_counts_as_none(ctx):
    """What a power cut may leave of an unflushed write on some file systems."""
    boss = supervisor(ctx)
    head_file(ctx).write_text("")
    assert service(ctx).check().head == "missing"
    ctx.operators.logout(boss)
    assert audit_head.read_head(head_file(ctx)).event_id == all_events(ctx)[-1].id


@pytest.mark.parametrize("content", [" ", "{", '{"event_id": "3", "hash": "x"}', '{"event_id": 0, "hash": "' + "a" * 64 + '"}',
                                     "[1, 2]", '{"event_id": 3}'])
def test_an_unreadable_head_is_reported_and_left_alone(ctx, content):
    boss = supervisor(ctx)
    head_file(ctx).write_text(content)
    assert service(ctx).check().head == "unreadable"
    ctx.operators.logout(boss)
    assert head_file(ctx).read_text() == content


def test_a_head_that_cannot_be_written_does_not_undo_the_commit(ctx, monkeypatch, caplog):
    boss = supervisor(ctx)
    before = len(all_events(ctx))

    def full_disk(path, head):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(audit_head, "write_head", full_disk)
    with caplog.at_level(logging.WARNING, logger="checkpoint.audit"):
        ctx.operators.logout(boss)
    assert len(all_events(ctx)) == before + 1
    assert "audit chain head not written (OSError)" in caplog.text
    assert service(ctx).verify() is None  # the head lags: still whole


# -- two writers -----------------------------------------------------------------------

@pytest.mark.parametrize("engines", ["one engine", "two engines"])
def test_two_writers_at_once_cannot_fork_the_chain(ctx, clock, engines):
    """Two threads, each with its own units of work (through one engine, or through two
    as two processes would), each unit reading first and then auditing: every event
    lands on the one chain, ids without gaps or repeats."""
    boss = supervisor(ctx)
    other = open_context(ctx.paths.root, clock=clock, pin_hasher=CHEAP_HASHER) if engines == "two engines" else ctx
    before = len(all_events(ctx))
    per_thread = 25
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(context, name: str) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with context.uow.write(boss, None) as work:
                    work.session.exec(select(Operator.id)).all()  # a read before the audit, as a reveal does
                    work.audit("reveal", f"{name}:{i}", {"i": i})
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(c, n)) for c, n in ((ctx, "a"), (other, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if other is not ctx:
        other.close()
    assert errors == []
    events = all_events(ctx)
    assert len(events) == before + 2 * per_thread
    assert [e.id for e in events] == list(range(1, len(events) + 1))
    assert {e.subject for e in events[before:]} == {f"{n}:{i}" for n in "ab" for i in range(per_thread)}
    check = service(ctx).check()
    assert (check.found, check.count) == (None, len(events))
    assert audit_head.read_head(head_file(ctx)) is not None
