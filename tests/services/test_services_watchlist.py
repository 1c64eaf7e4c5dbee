"""The watchlist service (services/watchlist.py): a supervisor adds, edits and lifts
entries (a guard is refused, audited); lists are masked; the gate's match by ID number
or by name and room, and the lapse after the end date; the five dailies' day sheet,
ticking once, a fever alert, a supervisor's undo; the daily report's counts."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import GUARD_NAME, guard, supervisor
from sqlmodel import col, select

from checkpoint_app.core.five_dailies import CODES, ItemState
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted
from checkpoint_app.core.watchlist import WatchDraft, WatchKind

from checkpoint_app.db.models import AuditEvent, DailyCare, Watch

ID = "11010519491231002X"
CST = dt.timezone(dt.timedelta(hours=8))  # the test clock's zone (tests/conftest.py)
TODAY = dt.date(2026, 11, 29)  # the test clock's day (09:00 CST)


def draft(**changes) -> WatchDraft:
    values = dict(kind="home_quarantine", name="李四", id_number=ID, room="3-5-502", start_date="2026/11/20",
                  end_date="", reason="从武汉返回")
    values.update(changes)
    return WatchDraft(**values)


def events(ctx) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).order_by(col(AuditEvent.id))))


def test_a_supervisor_adds_an_entry_masked_and_audited_by_uuid_only(ctx):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    assert (view.kind, view.name, view.id_number, view.room) == (WatchKind.HOME_QUARANTINE, "李*",
                                                                 "110105********002X", "3-5-502")
    assert (view.start_date, view.end_date, view.active) == (dt.date(2026, 11, 20), dt.date(2026, 12, 4), True)
    event = events(ctx)[-1]
    assert (event.action, event.subject) == ("watch_added", f"watch:{view.uuid}")
    for secret in ("李四", ID, "3-5-502", "武汉"):
        assert secret not in event.detail
    assert ctx.watchlist.listing(supervisor(ctx)) == [view]


def test_a_guard_may_not_manage_the_watchlist(ctx):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    for attempt in (lambda: ctx.watchlist.add(guard(ctx), draft(name="王五")),
                    lambda: ctx.watchlist.edit(guard(ctx), view.uuid, draft()),
                    lambda: ctx.watchlist.lift(guard(ctx), view.uuid),
                    lambda: ctx.watchlist.listing(guard(ctx)),
                    lambda: ctx.watchlist.for_edit(guard(ctx), view.uuid),
                    lambda: ctx.watchlist.untick(guard(ctx), view.uuid, TODAY, "call")):
        with pytest.raises(NotPermitted):
            attempt()
        assert (events(ctx)[-1].action, events(ctx)[-1].subject) == ("refused", "manage_watchlist")
    with ctx.session() as session:
        assert len(session.exec(select(Watch)).all()) == 1


def test_bad_input_is_refused_whole(ctx):
    with pytest.raises(InvalidInput) as caught:
        ctx.watchlist.add(supervisor(ctx), draft(name="", start_date="2026/12/1", end_date="2026/11/30"))
    assert [p.field for p in caught.value.problems] == ["name", "end_date"]
    with ctx.session() as session:
        assert session.exec(select(Watch)).all() == []


def test_edit_reads_the_full_values_audited_and_saves_changes(ctx):
    boss = supervisor(ctx)
    view = ctx.watchlist.add(boss, draft())
    full = ctx.watchlist.for_edit(boss, view.uuid)
    assert (full.name, full.id_number, full.start_date, full.end_date) == ("李四", ID, "2026-11-20", "2026-12-04")
    assert events(ctx)[-1].action == "watch_opened"
    edited = ctx.watchlist.edit(boss, view.uuid, WatchDraft(**{**full.__dict__, "room": "3-5-503",
                                                                "end_date": "2026.12.10"}))
    assert (edited.uuid, edited.room, edited.end_date) == (view.uuid, "3-5-503", dt.date(2026, 12, 10))
    assert events(ctx)[-1].action == "watch_edited"


def test_lift_ends_the_entry_today(ctx):
    boss = supervisor(ctx)
    view = ctx.watchlist.add(boss, draft())
    lifted = ctx.watchlist.lift(boss, view.uuid)
    assert (lifted.lifted_on, lifted.active) == (TODAY, False)
    assert ctx.watchlist.match(id_number=ID) is None
    assert ctx.watchlist.listing(boss) == []
    assert [v.uuid for v in ctx.watchlist.listing(boss, past=True)] == [view.uuid]
    with pytest.raises(InvalidInput) as caught:
        ctx.watchlist.lift(boss, view.uuid)
    assert caught.value.problems[0].english() == "This entry has already ended."


def test_match_by_id_number_or_by_name_and_room(ctx):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    found = ctx.watchlist.match(id_number=ID.lower())
    assert found is not None
    assert (found.uuid, found.kind, found.end_date, found.name) == (view.uuid, WatchKind.HOME_QUARANTINE,
                                                                    dt.date(2026, 12, 4), "李*")
    assert ctx.watchlist.match(name=" 李四 ", room="3-5-502").uuid == view.uuid
    assert ctx.watchlist.match(name="李四") is None  # a name alone is not enough
    assert ctx.watchlist.match(name="李四", room="3-5-501") is None
    assert ctx.watchlist.match(id_number="110101199003070035") is None
    assert ctx.watchlist.match() is None


@pytest.mark.parametrize(("today", "matched"), [
    (dt.date(2026, 11, 19), False), (dt.date(2026, 11, 20), True), (dt.date(2026, 12, 4), True),
    (dt.date(2026, 12, 5), False),  # lapsed after the end date
])
def test_entries_lapse_after_the_end_date(ctx, today, matched):
    ctx.watchlist.add(supervisor(ctx), draft())
    assert (ctx.watchlist.match(id_number=ID, today=today) is not None) is matched


def test_match_uses_the_indexes(ctx):
    from sqlalchemy import text

    with ctx.session() as session:
        for where in ("id_number = 'x'", "room = 'x' AND name = 'y'"):
            plan = " ".join(row[3] for row in session.execute(text(
                f"EXPLAIN QUERY PLAN SELECT * FROM watch WHERE {where} AND start_date <= '2026-01-01'")))
            assert "USING INDEX ix_watch_" in plan, plan


def test_the_day_sheet_groups_by_household(ctx, clock):
    boss = supervisor(ctx)
    a = ctx.watchlist.add(boss, draft())
    b = ctx.watchlist.add(boss, draft(name="李小四", id_number="", room="3-5-502"))
    c = ctx.watchlist.add(boss, draft(name="赵六", id_number="", room="1-1-101"))
    ctx.watchlist.add(boss, draft(name="钱七", id_number="", room="1-1-102", start_date="2026/11/1",
                                  end_date="2026/11/14"))  # lapsed
    ctx.watchlist.add(boss, draft(kind="medical_observation", name="孙八", room=""))  # no household
    sheet = ctx.watchlist.day_sheet(guard(ctx), TODAY)
    assert [(h.room, [p.watch_uuid for p in h.persons]) for h in sheet] == [
        ("1-1-101", [c.uuid]), ("3-5-502", [a.uuid, b.uuid])]
    person = sheet[1].persons[0]
    assert person.name == "李*" and [cell.code for cell in person.cells] == list(CODES)
    assert {cell.state for cell in person.cells} == {ItemState.PENDING}  # 09:00: nothing due yet
    clock.now = dt.datetime(2026, 11, 29, 20, 30, tzinfo=CST)
    states = {cell.code: cell.state for cell in ctx.watchlist.day_sheet(guard(ctx), TODAY)[1].persons[0].cells}
    assert states["temp_pm"] is ItemState.OVERDUE and states["call"] is ItemState.OVERDUE


def test_tick_once_with_time_and_operator(ctx, clock):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    clock.now = dt.datetime(2026, 11, 29, 9, 40, tzinfo=CST)
    done = ctx.watchlist.tick(guard(ctx), view.uuid, TODAY, "call", note="家中一切正常")
    assert done.fever is None
    assert (done.cell.state, done.cell.operator, done.cell.done_at.strftime("%H:%M")) == (
        ItemState.DONE, GUARD_NAME, "09:40")
    with pytest.raises(InvalidInput) as caught:
        ctx.watchlist.tick(guard(ctx), view.uuid, TODAY, "call")
    assert caught.value.problems[0].english() == (
        f"Already ticked at 09:40 by {GUARD_NAME}. A supervisor can undo a mistaken tick.")
    cell = ctx.watchlist.day_sheet(guard(ctx), TODAY)[0].persons[0].cell("call")
    assert (cell.state, cell.operator, cell.note) == (ItemState.DONE, GUARD_NAME, "家中一切正常")
    event = events(ctx)[-1]
    assert (event.action, event.subject) == ("daily_care", f"watch:{view.uuid}")
    with pytest.raises(NotPermitted):
        ctx.watchlist.untick(guard(ctx), view.uuid, TODAY, "call")
    ctx.watchlist.untick(supervisor(ctx), view.uuid, TODAY, "call")
    assert ctx.watchlist.tick(guard(ctx), view.uuid, TODAY, "call").cell.state is ItemState.DONE


@pytest.mark.parametrize(("item", "reading", "day", "field", "message"), [
    ("temp_am", None, TODAY, "reading", "Enter the temperature."),
    ("temp_am", "365", TODAY, "reading", "Type the decimal point: did you mean 36.5?"),
    ("call", "36.5", TODAY, "reading", "This item takes no temperature reading."),
    ("laundry", None, TODAY, "item", "There is no daily item called laundry."),
    ("call", None, TODAY + dt.timedelta(days=1), "day", "The day 2026-11-30 has not come yet."),
    ("call", None, dt.date(2026, 11, 19), "watch", "This person was not in quarantine on 2026-11-19."),
])
def test_tick_refuses_bad_input(ctx, item, reading, day, field, message):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    with pytest.raises(InvalidInput) as caught:
        ctx.watchlist.tick(guard(ctx), view.uuid, day, item, reading)
    assert [(p.field, p.english()) for p in caught.value.problems] == [(field, message)]
    with ctx.session() as session:
        assert session.exec(select(DailyCare)).all() == []


def test_a_fever_reading_returns_an_alert(ctx):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    normal = ctx.watchlist.tick(guard(ctx), view.uuid, TODAY, "temp_am", "36.6")
    assert normal.fever is None and normal.cell.reading == 366
    fever = ctx.watchlist.tick(guard(ctx), view.uuid, TODAY, "temp_pm", "38.1")
    assert fever.fever is not None and fever.fever.tenths == 381
    assert fever.cell.state is ItemState.FEVER
    event = events(ctx)[-1]
    assert event.detail.count("fever") == 1 and "381" not in event.detail and "38.1" not in event.detail


def test_untick_of_nothing_says_so(ctx):
    view = ctx.watchlist.add(supervisor(ctx), draft())
    with pytest.raises(InvalidInput) as caught:
        ctx.watchlist.untick(supervisor(ctx), view.uuid, TODAY, "call")
    assert caught.value.problems[0].english() == "This item has not been ticked."


def test_an_unknown_entry_is_named(ctx):
    with pytest.raises(InvalidInput) as caught:
        ctx.watchlist.lift(supervisor(ctx), "no-such-uuid")
    assert caught.value.problems[0].english() == "This watchlist entry no longer exists."


def test_daily_counts(ctx):
    boss = supervisor(ctx)
    a = ctx.watchlist.add(boss, draft())
    b = ctx.watchlist.add(boss, draft(name="李小四", id_number="", room="3-5-502"))
    ctx.watchlist.add(boss, draft(name="赵六", id_number="", room="1-1-101"))
    ctx.watchlist.add(boss, draft(name="钱七", id_number="", room="1-1-102", start_date="2026/11/1",
                                  end_date="2026/11/14"))  # lapsed: not counted
    for person in (a, b):
        ctx.watchlist.tick(guard(ctx), person.uuid, TODAY, "call")
    ctx.watchlist.tick(guard(ctx), a.uuid, TODAY, "temp_am", "37.5")
    counts = ctx.watchlist.daily_counts(TODAY)
    assert (counts.households, counts.persons, counts.expected, counts.fevers) == (2, 3, 3, 1)
    assert counts.done == {"call": 2, "supplies": 0, "rubbish": 0, "temp_am": 1, "temp_pm": 0,
                           "disinfect_1": 0, "disinfect_2": 0, "disinfect_3": 0}
    empty = ctx.watchlist.daily_counts(dt.date(2026, 10, 1))
    assert (empty.households, empty.persons, sum(empty.done.values())) == (0, 0, 0)


def test_demo_entries_are_valid_with_one_lapsed(ctx):
    from checkpoint_app.services.demo_watchlist import demo_watchlist

    residents = [("李四", "3-5-502"), ("李小四", "3-5-502"), ("赵六", "1-1-101"), ("钱七", "1-1-102"),
                 ("孙八", "2-1-201"), ("周九", "2-2-202"), ("吴十", "2-2-203")]
    drafts = demo_watchlist(residents, TODAY, seed=7)
    assert drafts == demo_watchlist(residents, TODAY, seed=7)
    views = [ctx.watchlist.add(supervisor(ctx), d) for d in drafts]
    assert len(views) == 6 and sum(not v.active for v in views) == 1
    assert len({v.room for v in views if v.active and v.kind == WatchKind.HOME_QUARANTINE}) == 3
    assert demo_watchlist([], TODAY) == []
