"""Station → Operators… (issue 6, item 1): the supervisor's list of operators, adding one
by keyboard, a new PIN, a lifted lock, a changed role, off duty; a guard is refused by
the service with its message. OperatorsDialog.exec is patched to drive the dialog."""

from __future__ import annotations

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN, guard, supervisor
from sqlmodel import col, select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Role

from checkpoint_app.db.models import AuditEvent

from checkpoint_app.ui.login_dialog import LoginDialog
from checkpoint_app.ui.operators_dialog import OperatorsDialog


def last_event(ctx) -> AuditEvent:
    with ctx.session() as session:
        return session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(1)).one()


def rows(dialog) -> list[list[str]]:
    table = dialog.findChild(QWidget, "operators_table")
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


@pytest.fixture
def opened(window, monkeypatch, qtbot):
    """Open Station → Operators… and hand the dialog to `steps(dialog)` while it is open."""
    def run(steps):
        seen = []

        def exec_(dialog):
            seen.append(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            steps(dialog)
            return dialog.result()
        monkeypatch.setattr(OperatorsDialog, "exec", exec_)
        window.findChild(type(window.menuBar().actions()[0]), "operators_action").trigger()
        return seen
    return run


def test_a_guard_is_told_only_a_supervisor_may(window, ctx, dialogs, opened):
    shown, _ = dialogs
    window.set_actor(guard(ctx))
    seen = opened(lambda dialog: None)
    assert not seen
    assert shown == [("Operators", "Only a supervisor (负责人) may do this. Ask the supervisor on duty.")]
    event = last_event(ctx)
    assert (event.action, event.outcome, event.subject) == ("refused", "refused", "manage_operators")


def test_the_list_shows_every_operator(window, ctx, opened):
    boss = supervisor(ctx)
    ctx.operators.change(boss, guard(ctx).operator_id, active=False)
    seen = opened(lambda dialog: None)
    (dialog,) = seen
    assert dialog.objectName() == "operators_dialog"
    assert rows(dialog) == [
        [GUARD_NAME, "guard", "yes", "", "off duty"],
        [SUPERVISOR_NAME, "supervisor", "yes", "", "yes"],
    ]


def test_supervisor_adds_an_operator_by_keyboard(window, ctx, keyboard, qtbot, opened):
    def add(dialog):
        keyboard.type(dialog.name_edit, "刘志愿")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.role_combo
        qtbot.keyClick(dialog.role_combo, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.focusWidget(), "580371")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.pin2_edit
        qtbot.keyClicks(dialog.pin2_edit, "580371")
        qtbot.keyClick(dialog.pin2_edit, Qt.Key.Key_Return)
        assert dialog.isVisible()  # Enter added the operator; the dialog stays for more
        assert dialog.message_label.text() == "刘志愿 was added and can log in now."
        assert dialog.selected().name == "刘志愿"
        assert ["刘志愿", "guard", "yes", "", "yes"] in rows(dialog)
        assert dialog.name_edit.text() == "" and dialog.pin_edit.text() == ""
    opened(add)
    assert ctx.operators.login("刘志愿", "580371").role == Role.GUARD


@pytest.mark.parametrize(("pin", "pin2", "id_number", "message"), [
    ("580371", "580317", "", "The two PINs differ: type the same PIN twice."),
    ("123456", "123456", "", "This PIN is too easy to guess"),
    ("19491231", "19491231", "11010519491231002X", "The PIN must not be your birth date or part of your ID number."),
])
def test_a_refused_new_operator_says_why_and_adds_nobody(window, ctx, opened, pin, pin2, id_number, message):
    def add(dialog):
        dialog.name_edit.setText("刘志愿")
        dialog.pin_edit.setText(pin)
        dialog.pin2_edit.setText(pin2)
        dialog.id_edit.setText(id_number)
        dialog.add()
        assert dialog.message_label.text().startswith(message)
        assert dialog.name_edit.text() == "刘志愿"  # kept for a second try
    opened(add)
    assert "刘志愿" not in [op.name for op in ctx.operators.all(include_inactive=True)]


def test_new_pin_lifts_the_lock(window, ctx, opened, qtbot):
    supervisor(ctx)
    for _ in range(5):
        with pytest.raises(InvalidInput):
            ctx.operators.login(GUARD_NAME, "975310")

    def new_pin(dialog):
        dialog.select(GUARD_NAME)
        assert rows(dialog)[0][3] != "" and dialog.unlock_button.isEnabled()
        qtbot.keyClicks(dialog.new_pin_edit, "380529")
        qtbot.keyClicks(dialog.new_pin2_edit, "380529")
        qtbot.keyClick(dialog.new_pin2_edit, Qt.Key.Key_Return)
        assert dialog.message_label.text() == f"{GUARD_NAME} has a new PIN; any lock is lifted."
        assert rows(dialog)[0][3] == "" and not dialog.unlock_button.isEnabled()
    opened(new_pin)
    assert ctx.operators.login(GUARD_NAME, "380529").name == GUARD_NAME


def test_lift_lock_role_and_duty(window, ctx, opened):
    supervisor(ctx)
    for _ in range(5):
        with pytest.raises(InvalidInput):
            ctx.operators.login(GUARD_NAME, "975310")

    def manage(dialog):
        dialog.select(GUARD_NAME)
        dialog.unlock_button.click()
        assert dialog.message_label.text() == f"{GUARD_NAME} may log in again."
        assert dialog.role_button.text() == "Make supervisor"
        dialog.role_button.click()
        assert rows(dialog)[0][1] == "supervisor" and dialog.role_button.text() == "Make guard"
        assert dialog.active_button.text() == "Take off duty"
        dialog.active_button.click()
        assert rows(dialog)[0][4] == "off duty" and dialog.active_button.text() == "Put back on duty"
        dialog.select(SUPERVISOR_NAME)  # now the only supervisor on duty
        dialog.role_button.click()
        assert dialog.message_label.text() == "This is the station's only supervisor: add another supervisor first."
        assert dialog.message_label.property("role") == "error"
    opened(manage)
    assert [(op.name, op.role, op.active) for op in ctx.operators.all(include_inactive=True)] == [
        (GUARD_NAME, Role.SUPERVISOR, False), (SUPERVISOR_NAME, Role.SUPERVISOR, True)]
    with pytest.raises(InvalidInput, match="No operator of that name"):
        ctx.operators.login(GUARD_NAME, GUARD_PIN)


def test_changing_ones_own_pin_ends_the_login_and_the_desk_asks_for_it(window, ctx, opened, qtbot):
    def own_pin(dialog):
        dialog.select(SUPERVISOR_NAME)
        dialog.new_pin_edit.setText("380529")
        dialog.new_pin2_edit.setText("380529")
        dialog.set_pin()
        assert not dialog.isVisible() and dialog.own_login_ended
    opened(own_pin)
    assert window.idle_lock.is_locked and window.actor is None
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(LoginDialog)))
    (login,) = [d for d in window.findChildren(LoginDialog) if d.isVisible()]
    assert login.name_combo.currentData() == SUPERVISOR_NAME
    login.pin_edit.setText(SUPERVISOR_PIN)
    login.log_in()
    assert "Wrong PIN" in login.message_label.text()  # the old PIN is no more
    login.pin_edit.setText("380529")
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        login.log_in()
    assert window.actor.name == SUPERVISOR_NAME
    assert QApplication.activeModalWidget() is None
