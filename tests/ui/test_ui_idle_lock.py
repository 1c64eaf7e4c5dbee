"""The idle lock (issue 6, item 1): after the set idle time the desk locks, the operator
is logged out (audited), a lock screen hides everything personal, and the login comes
with the last operator preselected. The same operator finds the form as they left it;
another operator gets an empty one."""

from __future__ import annotations

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN, supervisor
from sqlmodel import col, select

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from checkpoint_app.db.models import AuditEvent

from checkpoint_app.ui.login_dialog import LoginDialog

NEVER = 10**8  # ms: no lock during the rest of the test


def lock_by_idling(window, qtbot) -> None:
    """Leave the desk alone for a short idle time and wait for the lock (only one)."""
    interval = [30]
    window.idle_lock.locked.connect(lambda: interval.__setitem__(0, NEVER))
    with qtbot.waitSignal(window.idle_lock.locked, timeout=10000):
        window.idle_lock.set_interval(lambda: interval[0])


def login_dialog(window, qtbot) -> LoginDialog:
    """The login the lock opened over the lock screen."""
    def shown():
        return [d for d in window.findChildren(LoginDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: len(shown()) == 1, timeout=5000)
    return shown()[0]


def readable_texts(window) -> list[str]:
    """Every text a person could read in the window right now."""
    texts = []
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, (QLabel, QLineEdit)):
            texts.append(widget.text())
    return texts


def last_event(ctx) -> AuditEvent:
    with ctx.session() as session:
        return session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(1)).one()


def test_the_idle_desk_locks_and_the_same_operator_finds_the_form_as_left(window, ctx, keyboard, qtbot):
    boss = window.actor
    keyboard.type(window.form.name_edit, "李四")
    keyboard.type(window.form.phone_edit, "13812345678")
    lock_by_idling(window, qtbot)

    assert window.actor is None and not ctx.operators.still_logged_in(boss)
    event = last_event(ctx)
    assert (event.action, event.operator_id, event.outcome) == ("idle_lock", boss.operator_id, "ok")
    screen = window.findChild(QWidget, "lock_screen")
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert not window.form.isVisible() and not window.view.isVisible()
    texts = readable_texts(window)
    assert "翠湖小区东门 (JB-TSP-01)" in texts and "Locked — log in" in texts
    assert not any("李四" in t or "1381234" in t or SUPERVISOR_NAME in t for t in texts)

    dialog = login_dialog(window, qtbot)
    assert dialog.name_combo.currentData() == SUPERVISOR_NAME  # preselected: only the PIN to type
    qtbot.keyClicks(dialog.pin_edit, SUPERVISOR_PIN)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000) as unlocked:
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)

    assert unlocked.args[0].operator_id == boss.operator_id and window.actor == unlocked.args[0]
    assert not screen.isVisible() and window.form.isVisible()
    assert window.form.name_edit.text() == "李四" and window.form.phone_edit.text() == "13812345678"
    assert window.form.operator_label.text().startswith(SUPERVISOR_NAME)


def test_another_operator_after_the_lock_gets_an_empty_form(window, ctx, keyboard, qtbot):
    keyboard.type(window.form.name_edit, "李四")
    lock_by_idling(window, qtbot)
    dialog = login_dialog(window, qtbot)
    dialog.show()
    keyboard.type(dialog.name_combo, "张")  # type-to-select 张保安
    assert dialog.name_combo.currentData() == GUARD_NAME
    qtbot.keyClicks(dialog.pin_edit, GUARD_PIN)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)

    assert window.actor.name == GUARD_NAME
    assert not window.form.has_typed_data()
    window.form.undo_clear()  # Ctrl+Z cannot bring the first operator's person back
    assert window.form.name_edit.text() == ""
    assert "previous operator left unsaved was cleared" in window.form.status_label.text()


def test_a_wrong_pin_at_the_lock_keeps_it_locked(window, ctx, qtbot):
    lock_by_idling(window, qtbot)
    dialog = login_dialog(window, qtbot)
    qtbot.keyClicks(dialog.pin_edit, "975310")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert "Wrong PIN" in dialog.message_label.text()
    assert dialog.isVisible() and window.idle_lock.is_locked and window.actor is None


def test_cancel_at_the_lock_stays_locked_and_enter_brings_the_login_back(window, ctx, qtbot):
    lock_by_idling(window, qtbot)
    dialog = login_dialog(window, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.idle_lock.is_locked and window.actor is None
    button = window.findChild(QWidget, "unlock_button")
    assert button.isVisible()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    again = login_dialog(window, qtbot)
    again.pin_edit.setText(SUPERVISOR_PIN)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        again.log_in()
    assert window.actor.name == SUPERVISOR_NAME


def test_while_locked_only_quit_and_the_login_work(window, qtbot):
    settings = window.findChild(QAction, "settings_action")
    lock_by_idling(window, qtbot)
    actions = {a.objectName(): a for m in window.menuBar().actions() for a in m.menu().actions()}
    enabled = sorted(name for name, action in actions.items() if action.isEnabled() and name)
    assert enabled == ["quit_action", "switch_operator_action"]
    assert not settings.isEnabled()
    dialog = login_dialog(window, qtbot)
    dialog.pin_edit.setText(SUPERVISOR_PIN)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        dialog.log_in()
    assert all(action.isEnabled() for action in actions.values())


def test_the_lock_closes_dialogs_that_could_show_a_person(window, qtbot):
    modeless = QDialog(window)
    QVBoxLayout(modeless).addWidget(QLabel("李四 110105194912310021"))
    modeless.show()
    modal = QDialog(window)
    modal.open()  # window-modal, as a detail window would be
    lock_by_idling(window, qtbot)
    assert not modeless.isVisible() and not modal.isVisible()
    assert QApplication.activeModalWidget() is None or isinstance(QApplication.activeModalWidget(), LoginDialog)


class FakeQuiet:
    """Stands in for the idle lock's QElapsedTimer: the test says how long it was quiet."""

    def __init__(self):
        self.elapsed_ms = 0
        self.restarts = 0

    def restart(self):
        self.restarts += 1
        self.elapsed_ms = 0

    def elapsed(self):
        return self.elapsed_ms


@pytest.fixture
def quiet(window):
    fake = FakeQuiet()
    window.idle_lock._quiet = fake
    window.idle_lock.set_interval(lambda: 60_000)
    return fake


def test_any_key_or_click_starts_the_idle_time_again(window, keyboard, qtbot, quiet):
    for act in (lambda: keyboard.type(window.form.name_edit, "a"),
                lambda: qtbot.mouseClick(window.form.phone_edit, Qt.MouseButton.LeftButton)):
        quiet.elapsed_ms, before = 59_000, quiet.restarts
        act()
        assert quiet.restarts > before and quiet.elapsed_ms == 0
    window.idle_lock._check()
    assert not window.idle_lock.is_locked
    quiet.elapsed_ms = 60_000
    window.idle_lock._check()
    assert window.idle_lock.is_locked


def test_running_work_postpones_the_lock(window, quiet, monkeypatch):
    monkeypatch.setattr(type(window.jobs), "busy", property(lambda runner: True))
    quiet.elapsed_ms = 10**7
    window.idle_lock._check()
    assert not window.idle_lock.is_locked and window.actor is not None


def test_the_idle_time_is_the_station_setting(window, ctx, qtbot, monkeypatch):
    from checkpoint_app.ui.display_prefs import DisplayPrefs
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx.settings, DisplayPrefs(ctx.paths.root), lambda: None, supervisor(ctx), window)
    spin = dialog.findChild(QWidget, "idle_lock_spin")
    assert spin.value() == 10 and (spin.minimum(), spin.maximum()) == (1, 120)
    spin.setValue(3)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.settings.get("idle_lock_minutes") == 3
    assert window.idle_lock._setting_ms() == 180_000


def test_the_lock_closes_an_open_entry_with_its_full_id_number(window, ctx, qtbot, monkeypatch):
    from checkpoint_app.core.entry import EntryDraft

    from checkpoint_app.ui.detail_dialog import EntryDetailDialog

    saved = ctx.register.save(window.actor, EntryDraft(category="visitor", name="李四", id_number="11010519491231002X",
                                                        phone="13812345678", origin_province="50", purpose="探亲",
                                                        destination="3栋", temperature="36.5"))
    seen = []

    def exec_(dialog):  # the detail window is open when the desk is left alone
        dialog.show()
        seen.append(dialog)
        window.idle_lock.lock()
        assert not dialog.isVisible()
        return dialog.result()
    monkeypatch.setattr(EntryDetailDialog, "exec", exec_)
    window.show_entry(saved.id)
    assert len(seen) == 1 and window.idle_lock.is_locked
    assert not any("11010519491231002X" in t or "李四" in t for t in readable_texts(window))
    login_dialog(window, qtbot)  # the login still comes, after the detail window's loop returned
