"""Shifts (24小时值班): start, handover (交接班), end, the seven-ones (七个一) check, the
items left open, and the shifts of a day for the daily report."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from actors import GUARD_NAME, SUPERVISOR_NAME, guard, supervisor
from sqlmodel import col, select

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted, Role
from checkpoint_app.core.seven_ones import CODES, ItemAnswer, Thermometer

from checkpoint_app.db.models import AuditEvent, SevenOnesCheck, SevenOnesItem, Shift, ShiftMember

CST = dt.timezone(dt.timedelta(hours=8))
VOLUNTEER, VOLUNTEER_PIN = "李志愿", "204681"


def ids(ctx, *names: str) -> list[int]:
    by_name = {op.name: op.id for op in ctx.operators.all()}
    return [by_name[name] for name in names]


def volunteer(ctx) -> int:
    """A third operator (a volunteer), created by the supervisor; his id."""
    if not any(op.name == VOLUNTEER for op in ctx.operators.all()):
        ctx.operators.create(supervisor(ctx), VOLUNTEER, Role.GUARD, VOLUNTEER_PIN)
    return ids(ctx, VOLUNTEER)[0]


def answers(**missing: str) -> dict[str, ItemAnswer]:
    result = {code: ItemAnswer(True) for code in CODES}
    result.update({code: ItemAnswer(False, note) for code, note in missing.items()})
    return result


def audit(ctx, *actions: str) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).where(col(AuditEvent.action).in_(actions))
                                 .order_by(col(AuditEvent.id))))


def count(ctx, model) -> int:
    with ctx.session() as session:
        return len(session.exec(select(model)).all())


def test_no_shift_at_first(ctx):
    assert ctx.shifts.current() is None
    assert ctx.shifts.open_missing() == ()
    assert ctx.shifts.shifts_on(ctx.clock().date()) == []


def test_start_puts_the_operators_on_duty_and_audits_it(ctx):
    me = guard(ctx)
    shift = ctx.shifts.start(me, ids(ctx, SUPERVISOR_NAME, GUARD_NAME))
    assert shift.started_by == GUARD_NAME
    assert [m.name for m in shift.members] == [GUARD_NAME, SUPERVISOR_NAME]  # the one who started first
    assert shift.check is None and shift.started_at.utcoffset() == dt.timedelta(0)
    assert ctx.shifts.current() == shift
    (event,) = audit(ctx, "shift_started")
    assert (event.operator_name, event.subject) == (GUARD_NAME, f"shift:{shift.id}")
    assert json.loads(event.detail) == {"operators": ids(ctx, SUPERVISOR_NAME, GUARD_NAME)}


@pytest.mark.parametrize("who, field, words", [
    ([], "operators", "at least one"),
    ([GUARD_NAME], "operators", "Tick your own name"),  # the supervisor starts it: he is on duty too
    (["nobody"], "operators", "no longer on the station's list"),
])
def test_start_refuses_a_bad_choice_of_operators(ctx, who, field, words):
    chosen = [-1 if name == "nobody" else ids(ctx, name)[0] for name in who]
    with pytest.raises(InvalidInput) as caught:
        ctx.shifts.start(supervisor(ctx), chosen)
    assert caught.value.problems[0].field == field and words in caught.value.problems[0].english()
    assert ctx.shifts.current() is None and count(ctx, Shift) == 0


def test_an_operator_taken_off_the_list_cannot_be_put_on_duty(ctx):
    vol = volunteer(ctx)
    ctx.operators.change(supervisor(ctx), vol, active=False)
    with pytest.raises(InvalidInput):
        ctx.shifts.start(guard(ctx), [ids(ctx, GUARD_NAME)[0], vol])


def test_a_second_start_while_a_shift_is_open_is_refused(ctx):
    first = ctx.shifts.start(guard(ctx), ids(ctx, GUARD_NAME))
    with pytest.raises(InvalidInput) as caught:
        ctx.shifts.start(supervisor(ctx), ids(ctx, SUPERVISOR_NAME))
    assert "hand it over or end it first" in caught.value.problems[0].english()
    assert "2026-11-29 09:00" in caught.value.problems[0].english()  # since when, station time
    assert ctx.shifts.current() == first and count(ctx, Shift) == 1


def test_a_logged_out_actor_is_refused_and_the_refusal_audited(ctx):
    me = guard(ctx)
    ctx.operators.logout(me)
    with pytest.raises(NotPermitted) as caught:
        ctx.shifts.start(me, ids(ctx, GUARD_NAME))
    assert caught.value.role is None
    assert [e.subject for e in audit(ctx, "refused")] == ["run_shift"]
    assert count(ctx, Shift) == 0


@pytest.mark.parametrize("call", [
    lambda ctx, me: ctx.shifts.handover(me, me.operator_id, [me.operator_id]),
    lambda ctx, me: ctx.shifts.end(me),
    lambda ctx, me: ctx.shifts.check_seven_ones(me, answers(), 365),
])
def test_every_write_needs_a_login(ctx, call):
    me = guard(ctx)
    ctx.shifts.start(me, ids(ctx, GUARD_NAME))
    ctx.operators.logout(me)
    with pytest.raises(NotPermitted):
        call(ctx, me)


@pytest.mark.parametrize("call, words", [
    (lambda ctx, me: ctx.shifts.handover(me, me.operator_id, [volunteer(ctx)]), "start one instead"),
    (lambda ctx, me: ctx.shifts.end(me), "nothing to end"),
    (lambda ctx, me: ctx.shifts.check_seven_ones(me, answers(), 365), "start a shift"),
])
def test_without_an_open_shift_handover_end_and_check_are_refused(ctx, call, words):
    with pytest.raises(InvalidInput) as caught:
        call(ctx, guard(ctx))
    assert words in caught.value.problems[0].english()
    assert count(ctx, Shift) == 0 and count(ctx, SevenOnesCheck) == 0


def test_handover_ends_one_shift_and_starts_the_next_at_the_same_instant(ctx):
    me, vol = guard(ctx), volunteer(ctx)
    first = ctx.shifts.start(me, [me.operator_id])
    second = ctx.shifts.handover(me, me.operator_id, [vol, ids(ctx, SUPERVISOR_NAME)[0]],
                                 note=" 一切正常 ", open_matters="3栋快递未取")
    assert second.id != first.id and second.previous_shift_id == first.id
    assert second.started_by == VOLUNTEER and [m.name for m in second.members] == [VOLUNTEER, SUPERVISOR_NAME]
    assert (second.received_note, second.received_matters) == ("一切正常", "3栋快递未取")
    assert second.check is None  # the new shift checks the seven ones again
    with ctx.session() as session:
        ended = session.get(Shift, first.id)
    assert ended.ended_at == second.started_at
    assert (ended.ended_by, ended.handed_to) == (me.operator_id, vol)
    (event,) = audit(ctx, "shift_handover")
    assert json.loads(event.detail) == {"outgoing": me.operator_id, "incoming": [vol, ids(ctx, SUPERVISOR_NAME)[0]],
                                        "next_shift": second.id, "open_matters": True}


@pytest.mark.parametrize("outgoing, incoming, actor, field, words", [
    ("volunteer", ["supervisor"], "supervisor", "outgoing", "not on duty in this shift"),
    ("guard", ["guard"], "guard", "incoming", "cannot also take over"),
    ("guard", [], "guard", "incoming", "at least one"),
    ("guard", ["volunteer"], "supervisor", "incoming", "log in as one of them"),
])
def test_bad_handovers_change_nothing(ctx, outgoing, incoming, actor, field, words):
    vol = volunteer(ctx)
    me = guard(ctx)
    known = {"guard": me.operator_id, "volunteer": vol, "supervisor": ids(ctx, SUPERVISOR_NAME)[0]}
    first = ctx.shifts.start(me, [me.operator_id])
    actors = {"guard": me, "supervisor": supervisor(ctx)}
    with pytest.raises(InvalidInput) as caught:
        ctx.shifts.handover(actors[actor], known[outgoing], [known[name] for name in incoming], "note")
    assert (caught.value.problems[0].field, words in caught.value.problems[0].english()) == (field, True)
    assert ctx.shifts.current() == first and count(ctx, Shift) == 1 and audit(ctx, "shift_handover") == []


def test_an_incoming_operator_may_hand_over_for_one_who_left(ctx):
    me = guard(ctx)
    ctx.shifts.start(me, [me.operator_id])
    boss = supervisor(ctx)
    following = ctx.shifts.handover(boss, me.operator_id, [boss.operator_id], "张保安 left at 8")
    assert following.started_by == SUPERVISOR_NAME


def test_a_note_too_long_is_refused_before_anything_is_written(ctx):
    me = guard(ctx)
    first = ctx.shifts.start(me, [me.operator_id])
    with pytest.raises(InvalidInput) as caught:
        ctx.shifts.handover(me, me.operator_id, [volunteer(ctx)], open_matters="x" * 1001)
    assert caught.value.problems[0].field == "open_matters"
    with pytest.raises(InvalidInput):
        ctx.shifts.end(me, "y" * 1001)
    assert ctx.shifts.current() == first


def test_end_closes_the_shift_and_a_new_one_may_start(ctx):
    me = guard(ctx)
    first = ctx.shifts.start(me, [me.operator_id])
    summary = ctx.shifts.end(me, "post closed for the night")
    assert summary.id == first.id and summary.ended_at is not None
    assert summary.handover_note == "post closed for the night" and summary.operators == (GUARD_NAME,)
    assert ctx.shifts.current() is None
    assert [e.subject for e in audit(ctx, "shift_ended")] == [f"shift:{first.id}"]
    again = ctx.shifts.start(me, [me.operator_id])
    assert again.id != first.id and again.previous_shift_id is None


def test_the_check_is_stored_with_the_shift_and_audited_without_the_reading(ctx):
    me = guard(ctx)
    shift = ctx.shifts.start(me, [me.operator_id])
    result = ctx.shifts.check_seven_ones(me, answers(banner="被风吹破，已报社区"), 364)
    assert result.missing == ("banner",) and result.thermometer is Thermometer.OK
    assert result.checked_by == GUARD_NAME and result.reference_temp == 364
    assert ctx.shifts.current().check == result
    with ctx.session() as session:
        stored = session.exec(select(SevenOnesCheck)).one()
        items = {i.item: (i.present, i.note) for i in session.exec(select(SevenOnesItem))}
    assert (stored.shift_id, stored.operator_id, stored.reference_temp) == (shift.id, me.operator_id, 364)
    assert items["banner"] == (False, "被风吹破，已报社区") and len(items) == 7
    (event,) = audit(ctx, "seven_ones_checked")
    assert json.loads(event.detail) == {"check": result.id, "missing": ["banner"], "thermometer": "ok"}


def test_a_refused_check_stores_nothing(ctx):
    me = guard(ctx)
    ctx.shifts.start(me, [me.operator_id])
    with pytest.raises(InvalidInput) as caught:
        ctx.shifts.check_seven_ones(me, answers(), 349)  # present thermometer, implausible reading
    assert caught.value.problems[0].field == "reference_temp"
    assert count(ctx, SevenOnesCheck) == 0 and count(ctx, SevenOnesItem) == 0


def test_the_stations_fever_threshold_judges_the_reference_reading(ctx):
    ctx.settings.set_many(supervisor(ctx), {"fever_threshold": 375})
    me = guard(ctx)
    ctx.shifts.start(me, [me.operator_id])
    assert ctx.shifts.check_seven_ones(me, answers(), 374).thermometer is Thermometer.OK


def test_missing_items_stay_open_across_shifts_until_a_check_records_them_present(ctx, clock):
    me, vol = guard(ctx), volunteer(ctx)
    ctx.shifts.start(me, [me.operator_id])
    first = ctx.shifts.check_seven_ones(me, answers(banner="torn", loudspeaker="battery flat"), 365)
    ctx.shifts.handover(me, me.operator_id, [vol])
    clock.now += dt.timedelta(hours=8)
    boss = supervisor(ctx)
    ctx.shifts.handover(boss, vol, [boss.operator_id])
    ctx.shifts.check_seven_ones(boss, answers(banner="new one ordered"), 366)
    still = ctx.shifts.open_missing()
    assert [(i.code, i.since, i.note) for i in still] == [("banner", first.checked_at, "new one ordered")]
    ctx.shifts.check_seven_ones(boss, answers(), 366)
    assert ctx.shifts.open_missing() == ()


def test_shifts_on_a_day_include_those_running_across_midnight(ctx, clock):
    me, boss, vol = guard(ctx), supervisor(ctx), volunteer(ctx)
    clock.now = dt.datetime(2026, 11, 28, 7, 0, tzinfo=CST)
    day_before = ctx.shifts.start(me, [me.operator_id])  # 28th 07:00 - 28th 19:00
    ctx.shifts.check_seven_ones(me, answers(), 365)
    clock.now = dt.datetime(2026, 11, 28, 19, 0, tzinfo=CST)
    night = ctx.shifts.handover(me, me.operator_id, [vol, boss.operator_id])  # 28th 19:00 - 29th 07:00
    ctx.shifts.check_seven_ones(boss, answers(desk="moved indoors for the night"), 364)
    clock.now = dt.datetime(2026, 11, 29, 7, 0, tzinfo=CST)
    morning = ctx.shifts.handover(boss, vol, [me.operator_id])  # 29th 07:00 - 29th 23:59:59
    clock.now = dt.datetime(2026, 11, 29, 23, 59, 58, tzinfo=CST)
    ctx.shifts.end(me)
    clock.now = dt.datetime(2026, 11, 30, 8, 0, tzinfo=CST)
    late = ctx.shifts.start(me, [me.operator_id])  # the 30th, still open

    on_28 = ctx.shifts.shifts_on(dt.date(2026, 11, 28))
    on_29 = ctx.shifts.shifts_on(dt.date(2026, 11, 29))
    on_30 = ctx.shifts.shifts_on(dt.date(2026, 11, 30))
    assert [s.id for s in on_28] == [day_before.id, night.id]
    assert [s.id for s in on_29] == [night.id, morning.id]
    assert [s.id for s in on_30] == [late.id]
    assert ctx.shifts.shifts_on(dt.date(2026, 11, 27)) == []
    first, overnight = on_28
    assert (first.seven_ones_ok, first.missing, first.operators) == (True, (), (GUARD_NAME,))
    assert (overnight.seven_ones_ok, overnight.missing) == (False, ("desk",))
    assert overnight.operators == (VOLUNTEER, SUPERVISOR_NAME)
    assert overnight.started_at == dt.datetime(2026, 11, 28, 11, 0, 1, tzinfo=dt.timezone.utc)
    assert overnight.ended_at.astimezone(CST).date() == dt.date(2026, 11, 29)
    assert (on_29[1].seven_ones_ok, on_29[1].missing) == (None, ())  # never checked
    assert on_30[0].ended_at is None


def test_a_shift_ending_at_midnight_is_not_on_the_next_day(ctx, clock):
    me = guard(ctx)
    clock.now = dt.datetime(2026, 11, 28, 19, 0, tzinfo=CST)
    ctx.shifts.start(me, [me.operator_id])
    clock.now = dt.datetime(2026, 11, 28, 23, 59, 59, tzinfo=CST)  # the next reading is midnight
    ctx.shifts.end(me)
    assert len(ctx.shifts.shifts_on(dt.date(2026, 11, 28))) == 1
    assert ctx.shifts.shifts_on(dt.date(2026, 11, 29)) == []


def test_members_are_stored_once(ctx):
    me = guard(ctx)
    ctx.shifts.start(me, [me.operator_id, me.operator_id, ids(ctx, SUPERVISOR_NAME)[0]])
    assert count(ctx, ShiftMember) == 2


@pytest.mark.parametrize("call", [
    lambda ctx, me: ctx.shifts.check_seven_ones(me, {}, None),
    lambda ctx, me: ctx.shifts.handover(me, me.operator_id, [], note="x" * 2000),
    lambda ctx, me: ctx.shifts.end(me, "x" * 2000),
])
def test_a_logged_out_actor_is_refused_before_the_input_is_checked(ctx, call):
    me = guard(ctx)
    ctx.operators.logout(me)
    with pytest.raises(NotPermitted):
        call(ctx, me)
