"""The Shift menu by keyboard: start a shift (值班), the seven-ones (七个一) check that
follows, the duty strip showing a missing item (缺项) until a later check records it
present, handover (交接班), end, and the offer to start a shift after the login."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, guard, supervisor
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app import app as app_module

from checkpoint_app.core.seven_ones import CODES, ItemAnswer

from checkpoint_app.ui import shift_dialogs
from checkpoint_app.ui.login_dialog import LoginDialog
from checkpoint_app.ui.shift_dialogs import HandoverDialog, SevenOnesDialog, StartShiftDialog

CST = dt.timezone(dt.timedelta(hours=8))


def on_screen(qtbot, dialog) -> None:
    """Show a dialog as exec() would, with the keyboard in it."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()))


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def focused() -> str:
    return QApplication.focusWidget().objectName()


def drive(monkeypatch, dialog_class, *steps):
    """Answer the next exec() of `dialog_class` with each step in turn: a function of the
    shown dialog; exec() returns the dialog's result as the real one would."""
    queue = list(steps)
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        step = queue.pop(0)
        step(dialog)
        if dialog.isVisible():  # still open: the guard gave up (Esc)
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return seen


def press(window, qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key in the main window (its menu shortcuts)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, k, modifier)


def tick_all_but(qtbot, keyboard, missing: dict[str, str], reference: str = "36.4"):
    """The check by keyboard: from the first box, Space ticks a present item, Tab goes to
    its note (typed for a missing one), Tab to the next item; the thermometer's row has
    the reference reading between its box and its note. Enter saves."""
    def step(dialog):
        on_screen(qtbot, dialog)
        assert focused() == "seven_ones_board_check"
        for code in CODES:
            assert focused() == f"seven_ones_{code}_check"
            if code not in missing:
                key(qtbot, Qt.Key.Key_Space)
            key(qtbot, Qt.Key.Key_Tab)
            if code == "thermometer":
                assert focused() == "seven_ones_reference_edit"
                keyboard.type(QApplication.focusWidget(), reference)
                key(qtbot, Qt.Key.Key_Tab)
            assert focused() == f"seven_ones_{code}_note"
            if code in missing:
                keyboard.type(QApplication.focusWidget(), missing[code])
            key(qtbot, Qt.Key.Key_Tab)
        assert focused() == "seven_ones_save_button"
        key(qtbot, Qt.Key.Key_Return)
    return step


def test_start_check_and_a_later_check_clear_the_missing_item_by_keyboard(window, qtbot, keyboard, monkeypatch, ctx):
    strip = find(window, "duty_strip")
    assert strip.shift_label.full_text() == "No shift started" and strip.missing_label.isHidden()

    def start_step(dialog):
        on_screen(qtbot, dialog)
        assert focused() == "on_duty_list"
        assert dialog.operator_list.checked_ids() == [supervisor(ctx).operator_id]  # the one logged in, ticked
        assert dialog.operator_list.currentItem().text().startswith(GUARD_NAME)  # the list by name: the guard first
        key(qtbot, Qt.Key.Key_Space)  # the guard is on duty too
        key(qtbot, Qt.Key.Key_Return)

    started = drive(monkeypatch, StartShiftDialog, start_step)
    checks = drive(monkeypatch, SevenOnesDialog, tick_all_but(qtbot, keyboard, {"banner": "被风吹破，已报社区"}))
    press(window, qtbot, Qt.Key.Key_F6)  # Shift → Start shift…

    assert len(started) == 1 and len(checks) == 1  # the check follows the start
    shift = ctx.shifts.current()
    assert [m.name for m in shift.members] == [SUPERVISOR_NAME, GUARD_NAME]
    assert shift.check.missing == ("banner",) and shift.check.reference_temp == 364
    assert dict(shift.check.items)["banner"] == ItemAnswer(False, "被风吹破，已报社区")
    assert strip.shift_label.full_text() == f"On duty since 09:00: {SUPERVISOR_NAME}, {GUARD_NAME}"
    assert strip.missing_codes == ("banner",)
    assert strip.missing_label.isVisible() and "Seven ones missing: Banner" in strip.missing_label.full_text()
    assert "被风吹破，已报社区" in strip.toolTip()

    later = drive(monkeypatch, SevenOnesDialog, tick_all_but(qtbot, keyboard, {}))
    press(window, qtbot, Qt.Key.Key_F7)  # Shift → Seven-ones check…
    assert len(later) == 1 and later[0].result_check.missing == ()
    assert strip.missing_codes == () and strip.missing_label.isHidden()
    assert ctx.shifts.open_missing() == ()


def test_a_check_refused_stays_open_with_the_problem_next_to_the_field(qtbot, keyboard, ctx):
    me = guard(ctx)
    ctx.shifts.start(me, [me.operator_id])
    dialog = SevenOnesDialog(ctx.shifts, me)
    qtbot.addWidget(dialog)
    on_screen(qtbot, dialog)
    key(qtbot, Qt.Key.Key_Return)  # nothing ticked: seven notes missing
    message = find(dialog, "seven_ones_message_label").text()
    assert message.count("needs a note") == 7 and message.startswith("Publicity board:")
    assert focused() == "seven_ones_board_note"  # the first field to fix has the keyboard
    for code in CODES:
        dialog.checks[code].setChecked(True)
    keyboard.type(dialog.reference_edit, "34.8")  # the thermometer reads low on a healthy guard
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and focused() == "seven_ones_reference_edit"
    assert "below 35.5" in find(dialog, "seven_ones_message_label").text()
    assert ctx.shifts.current().check is None  # nothing stored
    dialog.reference_edit.clear()
    keyboard.type(dialog.reference_edit, "36.6")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == SevenOnesDialog.DialogCode.Accepted
    assert ctx.shifts.current().check.missing == ()


def test_start_refused_when_nobody_is_logged_in(qtbot, ctx):
    me = guard(ctx)
    ctx.operators.logout(me)
    dialog = StartShiftDialog(ctx.shifts, ctx.operators.all(), me)
    qtbot.addWidget(dialog)
    dialog.operator_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.save()
    assert "Nobody is logged in" in dialog.message_label.text() and ctx.shifts.current() is None


def test_handover_by_keyboard_then_the_new_shift_is_checked(window, qtbot, keyboard, monkeypatch, ctx):
    boss = supervisor(ctx)
    window.set_actor(boss)
    ctx.shifts.start(boss, [boss.operator_id])
    ctx.shifts.check_seven_ones(boss, {c: ItemAnswer(c != "loudspeaker", "没电" if c == "loudspeaker" else "")
                                       for c in CODES}, 365)
    shift_dialogs.refresh_strip(window)
    assert window.duty_strip.missing_codes == ("loudspeaker",)

    def handover_step(dialog):
        on_screen(qtbot, dialog)
        assert focused() == "handover_incoming_combo"
        assert dialog.outgoing_combo.currentText() == SUPERVISOR_NAME
        assert dialog.incoming_combo.currentText().startswith(GUARD_NAME)  # the one not on duty yet
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() == "handover_also_list"
        key(qtbot, Qt.Key.Key_Tab)
        keyboard.type(QApplication.focusWidget(), "夜间平稳")
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() == "handover_matters_edit"
        keyboard.type(QApplication.focusWidget(), "喇叭待换电池")
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    def incoming_logs_in(dialog):
        on_screen(qtbot, dialog)
        assert dialog.name_combo.currentData() == GUARD_NAME  # chosen already: they type their PIN
        assert focused() == "login_pin_edit"
        keyboard.type(dialog.pin_edit, GUARD_PIN)
        key(qtbot, Qt.Key.Key_Return)

    handed = drive(monkeypatch, HandoverDialog, handover_step)
    logins = drive(monkeypatch, LoginDialog, incoming_logs_in)
    checks = drive(monkeypatch, SevenOnesDialog, lambda dialog: None)  # the guard puts the check off (Esc)
    press(window, qtbot, Qt.Key.Key_F8)
    assert len(handed) == 1 and len(logins) == 1 and len(checks) == 1
    assert window.actor.name == GUARD_NAME and checks[0]._actor == window.actor  # the desk and the check are theirs
    now = ctx.shifts.current()
    assert [m.name for m in now.members] == [GUARD_NAME]
    assert (now.received_note, now.received_matters) == ("夜间平稳", "喇叭待换电池")
    strip = window.duty_strip
    assert strip.shift_label.full_text().endswith(GUARD_NAME)
    assert strip.unchecked and "not checked" in strip.missing_label.full_text()
    assert strip.missing_codes == ("loudspeaker",)  # still open from the shift before
    assert "喇叭待换电池" in strip.toolTip()


def test_a_handover_whose_incoming_operator_does_not_log_in_leaves_the_desk_as_it_was(window, qtbot, monkeypatch,
                                                                                     ctx, dialogs):
    shown, _answers = dialogs
    boss = supervisor(ctx)
    window.set_actor(boss)
    ctx.shifts.start(boss, [boss.operator_id])
    guard_id = guard(ctx).operator_id
    monkeypatch.setattr(HandoverDialog, "exec", lambda dialog: (
        ctx.shifts.handover(boss, boss.operator_id, [guard_id]), dialog.accept(), dialog.result())[-1])
    drive(monkeypatch, LoginDialog, lambda dialog: None)  # Esc at the login
    checks = drive(monkeypatch, SevenOnesDialog)
    press(window, qtbot, Qt.Key.Key_F8)
    assert window.actor == boss and checks == []  # nobody signs the new shift's check for the guard
    assert "has not logged in" in shown[-1][1] and "F7" in shown[-1][1]


def test_end_shift_asks_for_a_note_and_cancel_keeps_it(window, qtbot, ctx, dialogs):
    shown, answers = dialogs
    boss = supervisor(ctx)
    ctx.shifts.start(boss, [boss.operator_id])
    answers.append(None)  # Cancel
    press(window, qtbot, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert ctx.shifts.current() is not None
    answers.append("夜间关闭卡口")
    press(window, qtbot, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert ctx.shifts.current() is None
    assert window.duty_strip.shift_label.full_text() == "No shift started"
    assert ctx.shifts.shifts_on(ctx.clock().date())[0].handover_note == "夜间关闭卡口"
    press(window, qtbot, Qt.Key.Key_F7)  # no shift: said so, nothing opened
    assert shown and shown[-1][0] == "No shift on duty"


def test_a_second_start_is_refused_before_the_dialog(window, qtbot, ctx, dialogs):
    shown, _ = dialogs
    boss = supervisor(ctx)
    ctx.shifts.start(boss, [boss.operator_id])
    press(window, qtbot, Qt.Key.Key_F6)
    assert shown[-1][0] == "A shift is on duty" and "hand it over (F8)" in shown[-1][1]


@pytest.mark.parametrize("answer, opened", [(False, 0), (True, 1)])
def test_after_login_a_shift_is_offered_not_forced(window, qtbot, ctx, monkeypatch, dialogs, answer, opened):
    _, answers = dialogs
    answers.append(answer)
    started = drive(monkeypatch, StartShiftDialog, lambda dialog: dialog.reject())
    shift_dialogs.offer_shift(window)
    assert len(started) == opened and answers == []


def test_no_offer_while_a_shift_is_on_duty(window, ctx, monkeypatch):
    boss = supervisor(ctx)
    ctx.shifts.start(boss, [boss.operator_id])
    asked = []
    monkeypatch.setattr(shift_dialogs.ask, "confirm", lambda *args: asked.append(args) or False)
    shift_dialogs.offer_shift(window)
    assert asked == []


def test_the_app_start_makes_the_offer_after_the_login(ctx, qapp, monkeypatch):
    from uihelpers import fill_login

    from checkpoint_app.ui.login_dialog import LoginDialog
    from checkpoint_app.ui.main_window import MainWindow

    monkeypatch.setattr(LoginDialog, "exec", fill_login)
    offered = []
    monkeypatch.setattr(shift_dialogs, "offer_shift", lambda window: offered.append(window.actor))
    window = MainWindow()
    try:
        assert app_module._set_up_station(qapp, window, ctx, demo=False)
        assert [a.name for a in offered] == [SUPERVISOR_NAME]
    finally:
        window.close()


def test_the_duty_strip_keeps_the_window_within_1366(window, qtbot, ctx):
    from checkpoint_app.core.roles import Role

    boss = supervisor(ctx)
    people = [boss.operator_id]
    for n in range(6):
        people.append(ctx.operators.create(boss, f"阿卜杜热合曼·买买提艾力{n}", Role.GUARD, "204681").id)
    ctx.shifts.start(boss, people)
    ctx.shifts.check_seven_ones(boss, {c: ItemAnswer(False, "缺") for c in CODES}, None)
    window.resize(1366, 768)
    shift_dialogs.refresh_strip(window)
    QApplication.processEvents()
    assert len(window.duty_strip.missing_codes) == 7
    assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366
    assert find(window, "today_counts_label").isVisible()
    assert window.duty_strip.width() <= 560 and "…" in window.duty_strip.shift_label.text()
    window.statusBar().showMessage("a passing message")
    assert window.duty_strip.isVisible()


def test_the_strip_shows_station_time_for_another_day(window, ctx, clock):
    boss = supervisor(ctx)
    clock.now = dt.datetime(2026, 11, 28, 19, 0, tzinfo=CST)
    ctx.shifts.start(boss, [boss.operator_id])
    clock.now = dt.datetime(2026, 11, 29, 7, 0, tzinfo=CST)
    shift_dialogs.refresh_strip(window)
    assert window.duty_strip.shift_label.full_text() == f"On duty since 11-28 19:00: {SUPERVISOR_NAME}"



@pytest.fixture
def chinese(qapp):
    """The Chinese interface (as at a station) with large print, for this test."""
    from PySide6.QtCore import QLocale

    from checkpoint_app.ui import i18n, theme

    before = QLocale()
    translators = i18n.install(qapp, "zh_CN")
    theme.apply(qapp, True)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)
    theme.apply(qapp, False)


def test_the_strip_and_the_check_in_chinese_large_print(chinese, qtbot, ctx):
    from checkpoint_app.ui.main_window import MainWindow

    boss = supervisor(ctx)
    ctx.shifts.start(boss, [boss.operator_id, guard(ctx).operator_id])
    ctx.shifts.check_seven_ones(boss, {c: ItemAnswer(c != "banner", "破损" if c == "banner" else "") for c in CODES}, 365)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    strip = window.duty_strip
    assert strip.shift_label.full_text() == f"值班自 09:00 起：{SUPERVISOR_NAME}、{GUARD_NAME}"
    assert strip.missing_label.full_text() == "七个一缺项：一条宣传横幅"
    assert window.minimumSizeHint().width() <= 1366
    dialog = SevenOnesDialog(ctx.shifts, boss, window)
    qtbot.addWidget(dialog)
    assert [dialog.checks[c].text() for c in CODES] == [
        "一块宣传栏", "一个宣传台", "一个小喇叭", "一名志愿者(保安)", "一本外来人员登记本（本软件）", "一个测温仪", "一条宣传横幅"]
    dialog.save()
    assert "一块宣传栏：缺项须填写说明" in dialog.message_label.text()
