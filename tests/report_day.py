"""A day at the gate with known figures for the daily report's tests (importable from any
test module, like stations.py): entries saved through the register service with the
settable clock, plus shifts and seven-ones checks written straight into their tables."""

from __future__ import annotations

import datetime as dt

from actors import GUARD_NAME, SUPERVISOR_NAME, guard, supervisor
from sqlmodel import select

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.idcard import check_character

from checkpoint_app.db.models import Operator, SevenOnesCheck, SevenOnesItem, Shift, ShiftMember

CST = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2026, 11, 29)
HUBEI_ID = "42010219900101123" + check_character("42010219900101123")
FEVER_NAME, KEY_AREA_NAME, COUGH_NAME = "发热甲", "湖北乙", "咳嗽丙"

# what the report of DAY must say (see make_day)
EXPECTED = {
    "registered": 13, "entered": 6, "left": 3, "fevers": 1, "referrals": 1, "refusals": 3, "key_area": 1,
    "alerts": 2,
    "by_category": {"resident": (4, 2, 0, 0), "visitor": (1, 0, 3, 1), "delivery": (1, 0, 0, 0),
                    "staff": (0, 1, 0, 0), "official": (0, 0, 0, 0), "other": (0, 0, 0, 0)},
    "hourly_in": {7: 3, 9: 1, 10: 1, 16: 1}, "hourly_out": {8: 2, 23: 1},
}


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="李四", id_number="11010519491231002X", phone="13812345678",
                origin_province="50", purpose="探亲", destination="3栋2单元501", temperature="36.5")
    base.update(changes)
    return EntryDraft(**base)


def resident(name: str = "王五", direction: str = "in") -> EntryDraft:
    return EntryDraft(category="resident", name=name, direction=direction, temperature="36.6" if direction == "in" else "")


def at(clock, hour: int, minute: int = 0, day: dt.date = DAY) -> None:
    """The next reading of the clock is this local time (it moves on one second per reading)."""
    clock.now = dt.datetime.combine(day, dt.time(hour, minute), CST) - dt.timedelta(seconds=1)


def make_day(ctx, clock) -> None:
    """Fill DAY (and the days around it) so that its report is EXPECTED."""
    boss, desk = supervisor(ctx), guard(ctx)
    at(clock, 23, 50, DAY - dt.timedelta(days=1))
    ctx.register.save(desk, resident("昨天的"))  # the day before: not counted
    for minute in (5, 20, 40):
        at(clock, 7, minute)
        ctx.register.save(desk, resident())
    for minute in (10, 30):
        at(clock, 8, minute)
        ctx.register.save(desk, resident(direction="out"))
    at(clock, 9, 15)
    ctx.register.save(desk, visitor())
    at(clock, 10, 5)
    ctx.register.save(desk, visitor(category="delivery", name="快递丁", purpose="送货"))
    at(clock, 11, 0)
    fever = ctx.register.save(desk, visitor(name=FEVER_NAME, temperature="38.6", temperature2="38.4"))
    assert (fever.person.fever, fever.decision) == (True, "refer")
    at(clock, 12, 0)
    key = ctx.register.save(desk, visitor(name=KEY_AREA_NAME, id_number=HUBEI_ID, origin_province="42",
                                          arrival_date="11-28"))
    assert (key.person.key_area, key.decision) == (True, "refuse")
    at(clock, 13, 0)
    cough = ctx.register.save(desk, visitor(name=COUGH_NAME, symptoms=frozenset({"cough"})))
    assert cough.decision == "refuse"
    at(clock, 14, 0)
    ctx.register.save(desk, visitor(name="拒绝戊", decision="refuse", override_reason="小区封闭管理"))
    at(clock, 15, 0)
    void = ctx.register.save(desk, resident("作废己"))
    ctx.register.void(boss, void.id, "登记错了")
    at(clock, 16, 0)
    wrong = ctx.register.save(desk, resident("错字"))
    ctx.register.correct(boss, wrong.id, resident("正字"), "名字写错")
    at(clock, 23, 30)
    ctx.register.save(desk, EntryDraft(category="staff", name="下班庚", direction="out"))
    at(clock, 0, 10, DAY + dt.timedelta(days=1))
    ctx.register.save(desk, resident("明天的"))  # the day after: not counted
    add_shifts(ctx)


SHIFT_TIMES = [  # (start, end) local; the first ended before DAY began
    (dt.datetime(2026, 11, 28, 8, 0, tzinfo=CST), dt.datetime(2026, 11, 28, 20, 0, tzinfo=CST)),
    (dt.datetime(2026, 11, 28, 20, 0, tzinfo=CST), dt.datetime(2026, 11, 29, 8, 0, tzinfo=CST)),
    (dt.datetime(2026, 11, 29, 8, 0, tzinfo=CST), None),
]


def add_shifts(ctx) -> None:
    """Three shifts: one over before DAY (not reported), a night shift into DAY (seven ones
    all present) and a day shift still on duty (banner and loudspeaker missing)."""
    utc = dt.timezone.utc
    with ctx.session() as session:
        ops = {op.name: op.id for op in session.exec(select(Operator))}
        for n, (start, end) in enumerate(SHIFT_TIMES):
            shift = Shift(started_at=start.astimezone(utc), started_by=ops[GUARD_NAME],
                          ended_at=end.astimezone(utc) if end else None)
            session.add(shift)
            session.flush()
            members = [GUARD_NAME] if n < 2 else [GUARD_NAME, SUPERVISOR_NAME]
            for name in members:
                session.add(ShiftMember(shift_id=shift.id, operator_id=ops[name]))
            check = SevenOnesCheck(shift_id=shift.id, checked_at=start.astimezone(utc), operator_id=ops[GUARD_NAME],
                                   reference_temp=365)
            session.add(check)
            session.flush()
            missing = {"banner", "loudspeaker"} if n == 2 else set()
            for item in ("board", "desk", "loudspeaker", "volunteer", "register", "thermometer", "banner"):
                session.add(SevenOnesItem(check_id=check.id, item=item, present=item not in missing))
        session.commit()
