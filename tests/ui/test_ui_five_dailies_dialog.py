"""Station → Five dailies… (issue 8, item 5): the day sheet by keyboard — Space ticks,
digits type a reading, Enter saves it; ticking twice is refused; the overdue marks follow
the (injected) clock; a fever reading raises the alarm proposing referral; only a
supervisor undoes a tick."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import GUARD_NAME, guard, supervisor
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from checkpoint_app.core.five_dailies import CODES
from checkpoint_app.core.watchlist import WatchDraft

from checkpoint_app.ui.five_dailies_dialog import FIRST_ITEM_COLUMN, FiveDailiesDialog

CST = dt.timezone(dt.timedelta(hours=8))  # the test clock's zone (tests/conftest.py)


def column(code: str) -> int:
    return FIRST_ITEM_COLUMN + CODES.index(code)


def state(dialog, row: int, code: str) -> str:
    return find(dialog, "care_table").item(row, column(code)).data(Qt.ItemDataRole.UserRole)


def text(dialog, row: int, code: str) -> str:
    return find(dialog, "care_table").item(row, column(code)).text()


@pytest.fixture
def sheet(ctx, qtbot, clock):
    """The sheet with two households (3-5-502: two persons; 1-1-101), opened by the guard."""
    for name, room in (("李四", "3-5-502"), ("李小四", "3-5-502"), ("赵六", "1-1-101")):
        ctx.watchlist.add(supervisor(ctx), WatchDraft(name=name, room=room, start_date="11.20"))

    def open_(actor=None, at=dt.datetime(2026, 11, 29, 9, 0, tzinfo=CST)):
        clock.now = at
        dialog = FiveDailiesDialog(ctx.watchlist, actor or guard(ctx))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog
    return open_


def test_rows_by_household(sheet):
    dialog = sheet()
    table = find(dialog, "care_table")
    assert [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())] == [
        ("1-1-101", "赵*"), ("3-5-502", "李*"), ("", "李*四")]
    assert find(dialog, "care_summary_label").text() == "2 households, 3 persons: 0 of 24 done, 0 overdue"


def test_a_household_by_keyboard(sheet, qtbot, clock):
    dialog = sheet()
    table = find(dialog, "care_table")
    assert dialog.focusWidget() is table and (table.currentRow(), table.currentColumn()) == (0, column("call"))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert state(dialog, 0, "call") == "done" and GUARD_NAME in text(dialog, 0, "call")
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentColumn() == column("temp_am")
    qtbot.keyClick(table, Qt.Key.Key_3)  # the first digit opens the reading
    reading = find(dialog, "care_reading_edit")
    assert dialog.focusWidget() is reading and reading.text() == "3"
    qtbot.keyClicks(reading, "6.5")
    qtbot.keyClick(reading, Qt.Key.Key_Return)
    assert state(dialog, 0, "temp_am") == "done" and text(dialog, 0, "temp_am").startswith("36.5")
    assert dialog.focusWidget() is table and table.currentColumn() == column("temp_am")
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter ticks too
    assert state(dialog, 0, "disinfect_1") == "done"
    assert not find(dialog, "care_alarm_label").isVisible()


def test_ticking_twice_is_refused(sheet, qtbot):
    dialog = sheet()
    table = find(dialog, "care_table")
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert find(dialog, "care_message_label").text().startswith(f"Already ticked at 09:00 by {GUARD_NAME}.")


def test_a_bad_reading_is_said_and_esc_goes_back(sheet, qtbot):
    dialog = sheet()
    table = find(dialog, "care_table")
    table.setCurrentCell(0, column("temp_am"))
    qtbot.keyClick(table, Qt.Key.Key_3)
    reading = find(dialog, "care_reading_edit")
    qtbot.keyClicks(reading, "65")
    qtbot.keyClick(reading, Qt.Key.Key_Return)
    assert find(dialog, "care_message_label").text() == "Type the decimal point: did you mean 36.5?"
    assert state(dialog, 0, "temp_am") == "pending" and dialog.focusWidget() is reading
    qtbot.keyClick(reading, Qt.Key.Key_Escape)
    assert dialog.focusWidget() is table and reading.text() == "" and dialog.isVisible()


@pytest.mark.parametrize(("hour", "minute", "overdue"), [
    (9, 0, set()),
    (10, 1, {"temp_am", "disinfect_1"}),
    (19, 59, {"temp_am", "disinfect_1", "disinfect_2", "call", "supplies", "rubbish"}),
    (20, 30, set(CODES)),  # the evening reading after 20:00
])
def test_overdue_marks_follow_the_clock(sheet, hour, minute, overdue):
    dialog = sheet(at=dt.datetime(2026, 11, 29, hour, minute, tzinfo=CST))
    assert {code for code in CODES if state(dialog, 0, code) == "overdue"} == overdue
    if overdue:
        assert text(dialog, 0, sorted(overdue)[0]) == "overdue"


def test_the_marks_refresh_when_the_clock_moves(sheet, clock):
    dialog = sheet()
    assert state(dialog, 0, "temp_pm") == "pending"
    clock.now = dt.datetime(2026, 11, 29, 20, 5, tzinfo=CST)
    dialog.timer.timeout.emit()
    assert state(dialog, 0, "temp_pm") == "overdue"


def test_a_fever_reading_raises_the_alarm(sheet, qtbot):
    dialog = sheet()
    table = find(dialog, "care_table")
    table.setCurrentCell(1, column("temp_am"))
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Space on a temperature: type the reading
    reading = find(dialog, "care_reading_edit")
    assert dialog.focusWidget() is reading
    qtbot.keyClicks(reading, "38.2")
    qtbot.keyClick(reading, Qt.Key.Key_Return)
    assert state(dialog, 1, "temp_am") == "fever"
    alarm = find(dialog, "care_alarm_label")
    assert alarm.isVisible() and alarm.text().startswith("Fever: 李* (3-5-502): 38.2 °C at 09:00.")
    assert "referral" in alarm.text()
    assert find(dialog, "care_message_label").text() == "38.2 °C for 李*: fever. Propose referral to the fever clinic."


def test_only_a_supervisor_undoes_a_tick(sheet, qtbot, ctx, dialogs):
    _, answers = dialogs
    dialog = sheet()
    table = find(dialog, "care_table")
    qtbot.keyClick(table, Qt.Key.Key_Space)
    answers.append(True)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert find(dialog, "care_message_label").text() == (
        "Only a supervisor (负责人) may do this. Ask the supervisor on duty.")
    assert state(dialog, 0, "call") == "done"
    boss = sheet(actor=supervisor(ctx))
    boss_table = find(boss, "care_table")
    answers.append(True)
    qtbot.keyClick(boss_table, Qt.Key.Key_Delete)
    assert state(boss, 0, "call") == "pending"


def test_the_menu_opens_the_sheet_for_a_guard(window, ctx, monkeypatch):
    window.set_actor(guard(ctx))
    seen = []
    monkeypatch.setattr(FiveDailiesDialog, "exec", lambda dialog: seen.append(dialog) or 0)
    window.findChild(QAction, "five_dailies_action").trigger()
    assert [d.objectName() for d in seen] == ["five_dailies_dialog"]


def test_a_whole_person_takes_two_dozen_keys(sheet, qtbot):
    """All eight items of one person from the keyboard: 7 arrows, 6 Space, two readings
    of four characters and Enter each: 23 keys (the brief: under a minute a household)."""
    dialog = sheet(at=dt.datetime(2026, 11, 29, 21, 0, tzinfo=CST))
    table = find(dialog, "care_table")
    keys = 0

    def press(widget, key):
        nonlocal keys
        keys += 1
        qtbot.keyClick(widget, key)

    for code in CODES:
        if code != "call":
            press(table, Qt.Key.Key_Right)
        if code.startswith("temp"):
            press(table, Qt.Key.Key_3)
            for key in (Qt.Key.Key_6, Qt.Key.Key_Period, Qt.Key.Key_5, Qt.Key.Key_Return):
                press(find(dialog, "care_reading_edit"), key)
        else:
            press(table, Qt.Key.Key_Space)
    assert {state(dialog, 0, code) for code in CODES} == {"done"}
    assert keys == 23
