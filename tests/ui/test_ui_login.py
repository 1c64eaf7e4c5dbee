"""Logging in by keyboard (issue 6, items 1 and 5): switching operator at the desk with
F9 (type the first letters of the name, Tab, PIN, Enter), and the first run creating the
station's first supervisor. Modal exec() calls are patched to drive the dialog by keys."""

from __future__ import annotations

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN, supervisor
from sqlmodel import col, select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app.core.roles import Role

from checkpoint_app.db.models import AuditEvent, Operator

from checkpoint_app.ui.login_dialog import FirstSupervisorDialog, LoginDialog


def events(ctx, after: int = 0) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.id > after).order_by(col(AuditEvent.id))))


def last_id(ctx) -> int:
    return events(ctx)[-1].id


@pytest.fixture
def staff(ctx):
    """Two more operators with names typed in Latin letters (sorted before the others)."""
    boss = supervisor(ctx)
    ctx.operators.create(boss, "chen", Role.GUARD, "580371")
    ctx.operators.create(boss, "li ming", Role.GUARD, "691482")


def typed_login(qtbot, keyboard, name_keys: str, pin: str, seen: list):
    """LoginDialog.exec as an operator does it: letters of the name, Tab, PIN, Enter."""
    def exec_(dialog):
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name_combo)
        keyboard.type(dialog.name_combo, name_keys)
        qtbot.keyClick(dialog.name_combo, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.pin_edit
        qtbot.keyClicks(dialog.pin_edit, pin)
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        if dialog.isVisible():  # refused: the operator gives up with Esc
            qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Escape)
        return dialog.result()
    return exec_


def press_f9(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.form.id_number_edit, Qt.Key.Key_F9)


def test_f9_switches_operator_by_keyboard(window, ctx, staff, keyboard, qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(LoginDialog, "exec", typed_login(qtbot, keyboard, "li", "691482", seen))
    before, old = last_id(ctx), window.actor
    with qtbot.waitSignal(window.idle_lock.switched, timeout=5000):
        press_f9(window, qtbot)
    assert len(seen) == 1 and seen[0].windowTitle() == "Switch operator"
    assert (window.actor.name, window.actor.role) == ("li ming", Role.GUARD)
    assert not ctx.operators.still_logged_in(old) and ctx.operators.still_logged_in(window.actor)
    assert [(e.action, e.operator_id) for e in events(ctx, before)] == [
        ("login", window.actor.operator_id), ("switch", old.operator_id)]
    assert window.form.operator_label.text() == "li ming (guard)"
    assert "li ming" in window.statusBar().currentMessage()


def test_switch_by_chinese_name(window, ctx, keyboard, qtbot, monkeypatch):
    supervisor(ctx)
    monkeypatch.setattr(LoginDialog, "exec", typed_login(qtbot, keyboard, "张", GUARD_PIN, []))
    with qtbot.waitSignal(window.idle_lock.switched, timeout=5000):
        press_f9(window, qtbot)
    assert window.actor.name == GUARD_NAME


def test_a_wrong_pin_or_esc_leaves_the_operator_at_the_desk(window, ctx, staff, keyboard, qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(LoginDialog, "exec", typed_login(qtbot, keyboard, "ch", "975310", seen))
    old = window.actor
    press_f9(window, qtbot)
    assert len(seen) == 1 and "Wrong PIN" in seen[0].message_label.text()
    assert window.actor is old and ctx.operators.still_logged_in(old)


def test_the_same_operator_logging_in_again_keeps_the_form(window, ctx, keyboard, qtbot, monkeypatch, dialogs):
    keyboard.type(window.form.name_edit, "李四")
    dialogs[1].append(True)  # "switch anyway?"
    monkeypatch.setattr(LoginDialog, "exec", typed_login(qtbot, keyboard, "王", SUPERVISOR_PIN, []))
    with qtbot.waitSignal(window.idle_lock.switched, timeout=5000):
        window.idle_lock.switch()
    assert window.actor.name == SUPERVISOR_NAME and window.form.name_edit.text() == "李四"


def test_switching_with_a_half_typed_entry_asks_first(window, ctx, staff, keyboard, qtbot, monkeypatch, dialogs):
    shown, answers = dialogs
    keyboard.type(window.form.name_edit, "李四")
    seen = []
    monkeypatch.setattr(LoginDialog, "exec", typed_login(qtbot, keyboard, "li", "691482", seen))
    answers.append(False)  # "No": stay
    window.idle_lock.switch()
    assert not seen and window.actor.name == SUPERVISOR_NAME and window.form.name_edit.text() == "李四"
    answers.append(True)
    window.idle_lock.switch()
    assert window.actor.name == "li ming" and window.form.name_edit.text() == ""


def test_enter_without_a_pin_is_not_a_wrong_pin(ctx, qtbot):
    supervisor(ctx)
    dialog = LoginDialog(ctx.operators, preselect=GUARD_NAME)
    qtbot.addWidget(dialog)
    dialog.log_in()
    assert dialog.message_label.text() == "Type your PIN, then press Enter."
    with ctx.session() as session:
        assert session.exec(select(Operator).where(Operator.name == GUARD_NAME)).one().failed_pins == 0


# -- the first run: the station's first supervisor, by keyboard ------------------------------------


def first_supervisor_dialog(bare_ctx, qtbot) -> FirstSupervisorDialog:
    dialog = FirstSupervisorDialog(bare_ctx.operators)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def type_supervisor(dialog, keyboard, qtbot, name: str, pin: str, pin2: str) -> None:
    keyboard.type(dialog.name_edit, name)
    for field, text in ((dialog.pin_edit, pin), (dialog.pin2_edit, pin2)):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is field
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.pin2_edit, Qt.Key.Key_Return)


def test_first_supervisor_by_keyboard_ends_logged_in(bare_ctx, keyboard, qtbot):
    dialog = first_supervisor_dialog(bare_ctx, qtbot)
    type_supervisor(dialog, keyboard, qtbot, "王队长", "246813", "246813")
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.actor.name, dialog.actor.role) == ("王队长", Role.SUPERVISOR)
    assert bare_ctx.operators.still_logged_in(dialog.actor)
    assert not bare_ctx.operators.needs_first_supervisor()


@pytest.mark.parametrize(("pin", "pin2", "message"), [
    ("246813", "246831", "The two PINs differ: type the same PIN twice."),
    ("123456", "123456", "This PIN is too easy to guess (a run, a repeat or a common PIN). Choose another."),
    ("2468", "2468", "The PIN is 6 to 12 digits."),
])
def test_first_supervisor_refusals_are_shown(bare_ctx, keyboard, qtbot, pin, pin2, message):
    dialog = first_supervisor_dialog(bare_ctx, qtbot)
    type_supervisor(dialog, keyboard, qtbot, "王队长", pin, pin2)
    assert dialog.findChild(type(dialog.message_label), "supervisor_message_label").text() == message
    assert dialog.isVisible() and dialog.actor is None
    assert bare_ctx.operators.needs_first_supervisor()
