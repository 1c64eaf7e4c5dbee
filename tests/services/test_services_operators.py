"""The operator service: logging in, the lockout after wrong PINs (and its survival of a
restart), a supervisor's management of operators, and what gets audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from actors import CHEAP_HASHER, GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, guard, supervisor
from sqlmodel import col, select

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Action, NotPermitted, Role

from checkpoint_app.db.models import AuditEvent, Operator

from checkpoint_app.services.context import open_context
from checkpoint_app.services.operators import LockedOut

ID_X = "11010519491231002X"  # born 31 Dec 1949
WRONG = "975310"


def events(ctx, after: int = 0) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.id > after).order_by(col(AuditEvent.id))))


def last_event_id(ctx) -> int:
    found = events(ctx)
    return found[-1].id if found else 0


def operator(ctx, name: str) -> Operator:
    with ctx.session() as session:
        return session.exec(select(Operator).where(Operator.name == name)).one()


def info(ctx, name: str):
    (found,) = [op for op in ctx.operators.all(include_inactive=True) if op.name == name]
    return found


def wrong_pins(ctx, name: str, times: int) -> list[InvalidInput]:
    refusals = []
    for _ in range(times):
        with pytest.raises(InvalidInput) as caught:
            ctx.operators.login(name, WRONG)
        refusals.append(caught.value)
    return refusals


# -- logging in ---------------------------------------------------------------------------


def test_login_with_the_right_pin_gives_an_actor_and_is_audited(ctx):
    supervisor(ctx)  # the staff exist
    before = last_event_id(ctx)
    actor = ctx.operators.login(GUARD_NAME, GUARD_PIN)
    assert (actor.name, actor.role) == (GUARD_NAME, Role.GUARD)
    assert ctx.operators.still_logged_in(actor)
    (event,) = events(ctx, before)
    assert (event.action, event.outcome, event.operator_id) == ("login", "ok", actor.operator_id)


def test_wrong_pin_says_how_many_tries_are_left_and_is_audited(ctx):
    supervisor(ctx)
    before = last_event_id(ctx)
    first, second = wrong_pins(ctx, GUARD_NAME, 2)
    assert first.problems[0].english() == "Wrong PIN. 4 more tries before a 5-minute lock."
    assert second.problems[0].english() == "Wrong PIN. 3 more tries before a 5-minute lock."
    assert [(e.action, e.outcome, e.operator_name) for e in events(ctx, before)] == [("login", "failed", GUARD_NAME)] * 2
    assert operator(ctx, GUARD_NAME).failed_pins == 2


@pytest.mark.parametrize("name", ["没有这个人", "", "   "])
def test_unknown_operator_cannot_log_in(ctx, name):
    before = last_event_id(ctx)
    with pytest.raises(InvalidInput) as caught:
        ctx.operators.login(name, GUARD_PIN)
    assert caught.value.problems[0].field == "operator"
    assert "No operator of that name" in caught.value.problems[0].english()
    (event,) = events(ctx, before)
    assert (event.action, event.outcome, event.operator_id) == ("login", "failed", None)


def test_what_was_typed_as_an_unknown_name_is_never_audited(ctx):
    """A guard may type an ID number or a visitor's name into the name field by mistake."""
    before = last_event_id(ctx)
    with pytest.raises(InvalidInput):
        ctx.operators.login("11010519491231002X", GUARD_PIN)
    (event,) = events(ctx, before)
    assert "1101051949" not in event.detail + event.subject + event.operator_name


def test_an_operator_taken_off_duty_cannot_log_in(ctx):
    boss = supervisor(ctx)
    guard_id = guard(ctx).operator_id
    ctx.operators.change(boss, guard_id, active=False)
    with pytest.raises(InvalidInput, match="No operator of that name"):
        ctx.operators.login(GUARD_NAME, GUARD_PIN)
    ctx.operators.change(boss, guard_id, active=True)  # back on duty
    assert ctx.operators.login(GUARD_NAME, GUARD_PIN).operator_id == guard_id


def test_a_right_pin_resets_the_count_of_wrong_ones(ctx):
    supervisor(ctx)
    wrong_pins(ctx, GUARD_NAME, 4)
    ctx.operators.login(GUARD_NAME, GUARD_PIN)
    assert operator(ctx, GUARD_NAME).failed_pins == 0
    assert wrong_pins(ctx, GUARD_NAME, 1)[0].problems[0].params == {"left": 4}


# -- the lockout -----------------------------------------------------------------------------


def test_five_wrong_pins_lock_for_five_minutes_across_a_restart(ctx, clock):
    supervisor(ctx)
    before = last_event_id(ctx)
    refusals = wrong_pins(ctx, GUARD_NAME, 5)
    assert isinstance(refusals[-1], LockedOut)
    assert refusals[-1].problems[0].english() == "Too many wrong PINs: this operator is locked for 5 more minutes."
    written = [(e.action, e.outcome) for e in events(ctx, before)]
    assert written == [("login", "failed")] * 5 + [("lockout", "ok")]
    assert json.loads(events(ctx, before)[-1].detail) == {"minutes": 5}

    folder = ctx.paths.root
    ctx.close()  # the app is closed and started again
    again = open_context(folder, clock=clock, pin_hasher=CHEAP_HASHER)
    try:
        assert info(again, GUARD_NAME).locked_until is not None
        with pytest.raises(LockedOut):  # the right PIN, but still locked
            again.operators.login(GUARD_NAME, GUARD_PIN)
        assert events(again)[-1].action == "login" and events(again)[-1].outcome == "refused"
        clock.now += dt.timedelta(minutes=3)
        with pytest.raises(LockedOut) as caught:
            again.operators.login(GUARD_NAME, GUARD_PIN)
        assert caught.value.problems[0].params == {"minutes": 2}
        clock.now += dt.timedelta(minutes=2)
        actor = again.operators.login(GUARD_NAME, GUARD_PIN)  # the lock is over
        assert actor.name == GUARD_NAME
        assert info(again, GUARD_NAME).locked_until is None
    finally:
        again.close()


def test_after_a_lock_a_new_count_starts(ctx, clock):
    supervisor(ctx)
    wrong_pins(ctx, GUARD_NAME, 5)
    clock.now += dt.timedelta(minutes=6)
    (refusal,) = wrong_pins(ctx, GUARD_NAME, 1)
    assert not isinstance(refusal, LockedOut) and refusal.problems[0].params == {"left": 4}


def test_a_lock_is_lifted_by_a_new_pin_or_by_unlock(ctx):
    boss = supervisor(ctx)
    guard_id = guard(ctx).operator_id
    wrong_pins(ctx, GUARD_NAME, 5)
    ctx.operators.unlock(boss, guard_id)
    assert ctx.operators.login(GUARD_NAME, GUARD_PIN).operator_id == guard_id
    wrong_pins(ctx, GUARD_NAME, 5)
    before = last_event_id(ctx)
    ctx.operators.set_pin(boss, guard_id, "380529")
    assert ctx.operators.login(GUARD_NAME, "380529").operator_id == guard_id
    pin_set = events(ctx, before)[0]
    assert (pin_set.action, json.loads(pin_set.detail)) == ("pin_set", {"unlocked": True})


# -- managing operators ----------------------------------------------------------------------


def test_supervisor_adds_an_operator_who_can_then_log_in(ctx):
    boss = supervisor(ctx)
    before = last_event_id(ctx)
    added = ctx.operators.create(boss, " 刘 志愿 ", Role.GUARD, "580371", ID_X)
    assert (added.name, added.role, added.can_log_in, added.active) == ("刘 志愿", Role.GUARD, True, True)
    (event,) = events(ctx, before)
    assert (event.action, event.operator_id, event.subject) == ("operator_created", boss.operator_id, f"operator:{added.id}")
    assert ID_X not in event.detail and "1949" not in event.detail
    assert ctx.operators.login("刘 志愿", "580371").operator_id == added.id


def test_new_operator_with_bad_input_gets_every_problem_and_nothing_is_stored(ctx):
    boss = supervisor(ctx)
    with pytest.raises(InvalidInput) as caught:
        ctx.operators.create(boss, "", Role.GUARD, "123456")
    assert {p.field for p in caught.value.problems} == {"operator", "pin"}
    with pytest.raises(InvalidInput) as caught:
        ctx.operators.create(boss, "刘志愿", Role.GUARD, "491231", ID_X)  # the birth date in the ID number
    assert caught.value.problems[0].english() == "The PIN must not be your birth date or part of your ID number."
    with pytest.raises(InvalidInput, match="already an operator called"):
        ctx.operators.create(boss, GUARD_NAME, Role.GUARD, "580371")
    assert [op.name for op in ctx.operators.all()] == sorted([SUPERVISOR_NAME, GUARD_NAME])


@pytest.mark.parametrize("call", [
    lambda ops, actor, other: ops.create(actor, "刘志愿", Role.GUARD, "580371"),
    lambda ops, actor, other: ops.create(actor, "刘志愿", Role.GUARD, "123"),  # refused before the PIN is looked at
    lambda ops, actor, other: ops.set_pin(actor, other, "580371"),
    lambda ops, actor, other: ops.change(actor, other, role=Role.GUARD),
    lambda ops, actor, other: ops.unlock(actor, other),
    lambda ops, actor, other: ops.listing(actor),
], ids=["create", "create-bad-pin", "set_pin", "change", "unlock", "listing"])
def test_a_guard_may_not_manage_operators_and_the_refusal_is_audited(ctx, call):
    boss_id = supervisor(ctx).operator_id
    actor = guard(ctx)
    before = last_event_id(ctx)
    with pytest.raises(NotPermitted) as caught:
        call(ctx.operators, actor, boss_id)
    assert caught.value.action == Action.MANAGE_OPERATORS and caught.value.role == Role.GUARD
    (event,) = events(ctx, before)
    assert (event.action, event.outcome, event.subject, event.operator_id) == (
        "refused", "refused", "manage_operators", actor.operator_id)
    assert [op.name for op in ctx.operators.all()] == sorted([SUPERVISOR_NAME, GUARD_NAME])
    assert operator(ctx, SUPERVISOR_NAME).role == "supervisor"


def test_the_last_supervisor_can_be_neither_demoted_nor_taken_off(ctx):
    boss = supervisor(ctx)
    for change in ({"role": Role.GUARD}, {"active": False}):
        with pytest.raises(InvalidInput, match="only supervisor"):
            ctx.operators.change(boss, boss.operator_id, **change)
    assert operator(ctx, SUPERVISOR_NAME).role == "supervisor" and operator(ctx, SUPERVISOR_NAME).active
    assert ctx.operators.still_logged_in(boss)
    # with a second supervisor, the first may become a guard
    second = ctx.operators.create(boss, "赵主任", Role.SUPERVISOR, "580371")
    changed = ctx.operators.change(boss, boss.operator_id, role=Role.GUARD)
    assert changed.role == Role.GUARD
    assert not ctx.operators.still_logged_in(boss)  # the role changed: logged in again
    boss_again = ctx.operators.login("赵主任", "580371")
    with pytest.raises(InvalidInput, match="only supervisor"):
        ctx.operators.change(boss_again, second.id, role=Role.GUARD)


def test_setting_a_pin_ends_the_operators_logins(ctx):
    boss = supervisor(ctx)
    at_desk = guard(ctx)
    ctx.operators.set_pin(boss, at_desk.operator_id, "580371")
    assert not ctx.operators.still_logged_in(at_desk)
    with pytest.raises(NotPermitted) as caught:  # the old login is worth nothing now
        ctx.operators.listing(at_desk)
    assert caught.value.role is None
    with pytest.raises(InvalidInput, match="Wrong PIN"):
        ctx.operators.login(GUARD_NAME, GUARD_PIN)
    assert ctx.operators.still_logged_in(boss)


def test_a_new_pin_is_checked_against_the_stored_birth_date(ctx):
    boss = supervisor(ctx)
    added = ctx.operators.create(boss, "刘志愿", Role.GUARD, "580371", ID_X)
    with pytest.raises(InvalidInput, match="birth date"):
        ctx.operators.set_pin(boss, added.id, "19491231")
    with pytest.raises(InvalidInput, match="too easy"):
        ctx.operators.set_pin(boss, added.id, "112233")


def test_a_name_from_before_logins_cannot_log_in_until_a_supervisor_claims_it(ctx):
    boss = supervisor(ctx)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    with ctx.session() as session:  # as migration 0003 made it from the old free-text "on duty" field
        session.add(Operator(name="老李", role="guard", pin_hash=None, created_at=now, updated_at=now))
        session.commit()
    legacy = info(ctx, "老李")
    assert not legacy.can_log_in
    for pin in ("", "580371"):
        with pytest.raises(InvalidInput, match="No operator of that name"):
            ctx.operators.login("老李", pin)
    claimed = ctx.operators.create(boss, "老李", Role.GUARD, "580371")
    assert claimed.id == legacy.id and claimed.can_log_in  # the same record: old entries keep pointing at it
    assert ctx.operators.login("老李", "580371").operator_id == legacy.id
    assert len([op for op in ctx.operators.all(include_inactive=True) if op.name == "老李"]) == 1


def test_listing_shows_operators_taken_off_duty_to_the_supervisor(ctx):
    boss = supervisor(ctx)
    guard_id = guard(ctx).operator_id
    ctx.operators.change(boss, guard_id, active=False)
    assert GUARD_NAME not in [op.name for op in ctx.operators.all()]
    assert {op.name: op.active for op in ctx.operators.listing(boss)} == {SUPERVISOR_NAME: True, GUARD_NAME: False}


def test_logout_ends_the_login_and_is_audited_with_its_reason(ctx):
    actor = guard(ctx)
    before = last_event_id(ctx)
    ctx.operators.logout(actor, reason="idle_lock")
    assert not ctx.operators.still_logged_in(actor)
    ctx.operators.logout(actor, reason="idle_lock")  # a second logout writes nothing
    (event,) = events(ctx, before)
    assert (event.action, event.operator_id) == ("idle_lock", actor.operator_id)


def test_the_first_supervisor_is_created_once(bare_ctx):
    assert bare_ctx.operators.needs_first_supervisor()
    with pytest.raises(InvalidInput) as caught:
        bare_ctx.operators.create_first_supervisor("王队长", "123456")
    assert caught.value.problems[0].field == "pin"
    actor = bare_ctx.operators.create_first_supervisor("王队长", "246813")
    assert actor.role == Role.SUPERVISOR and bare_ctx.operators.still_logged_in(actor)
    assert not bare_ctx.operators.needs_first_supervisor()
    with pytest.raises(InvalidInput, match="already has a supervisor"):
        bare_ctx.operators.create_first_supervisor("另一个", "246813")
    assert [(e.action, e.operator_id) for e in events(bare_ctx)] == [
        ("operator_created", actor.operator_id), ("login", actor.operator_id)]
