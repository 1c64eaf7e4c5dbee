"""Helpers for driving widgets the way a guard does."""

from __future__ import annotations

from actors import SUPERVISOR_NAME, SUPERVISOR_PIN

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


class Keyboard:
    """Types like a guard: ASCII as key presses, Chinese through the input method
    (qtbot.keyClicks with Chinese aborts in PySide6's testlib)."""

    def __init__(self, qtbot):
        self.qtbot = qtbot

    def type(self, widget: QWidget, text: str) -> None:
        widget.setFocus()
        chunk = ""
        for ch in text:
            if ch.isascii():
                chunk += ch
                continue
            if chunk:
                self.qtbot.keyClicks(widget, chunk)
                chunk = ""
            QApplication.sendEvent(widget, QInputMethodEvent("", []))
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
        if chunk:
            self.qtbot.keyClicks(widget, chunk)

    def enter(self, widget: QWidget | None = None) -> None:
        target = widget or QApplication.focusWidget()
        self.qtbot.keyClick(target, Qt.Key.Key_Return)

    def key(self, key, widget: QWidget | None = None, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        """Press a key in `widget` (which gets the focus first, as when the guard is in it)."""
        if widget is not None:
            widget.setFocus()
        self.qtbot.keyClick(widget or QApplication.focusWidget(), key, modifier)


def find(parent: QWidget, name: str) -> QWidget:
    widget = parent.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name}"
    return widget


def fill_station_dialog(dialog, code: str = "jb-01") -> int:
    """What a supervisor types into the first-run station profile, then Save; returns
    the dialog's result as exec() would (Accepted once the profile is stored)."""
    if not dialog.name_edit.text():
        dialog.name_edit.setText("翠湖小区东门")
    dialog.code_edit.setText(code)
    dialog.district_edit.setText("江北区")
    dialog.province_combo.setCurrentIndex(dialog.province_combo.findData("50"))
    dialog.save()
    return dialog.result()


def fill_first_supervisor(dialog, name: str = SUPERVISOR_NAME, pin: str = SUPERVISOR_PIN) -> int:
    """The first run: the station's first supervisor, typed as a supervisor would, then
    Save; returns the dialog's result as exec() would."""
    dialog.name_edit.setText(name)
    dialog.pin_edit.setText(pin)
    dialog.pin2_edit.setText(pin)
    dialog.save()
    return dialog.result()


def fill_unlock(dialog, name: str = SUPERVISOR_NAME, pin: str = SUPERVISOR_PIN) -> int:
    """An encrypted register's login at the start: pick the (masked) name, type the PIN."""
    from checkpoint_app.core.masking import mask_name

    labels = [dialog.name_combo.itemText(i) for i in range(dialog.name_combo.count())]
    dialog.name_combo.setCurrentIndex(next(i for i, label in enumerate(labels) if label.startswith(mask_name(name))))
    dialog.pin_edit.setText(pin)
    dialog.log_in()
    return dialog.result()


def fill_login(dialog, name: str = SUPERVISOR_NAME, pin: str = SUPERVISOR_PIN) -> int:
    """Log in at the start: pick the name, type the PIN, Log in."""
    dialog.name_combo.setCurrentIndex(dialog.name_combo.findData(name))
    dialog.pin_edit.setText(pin)
    dialog.log_in()
    return dialog.result()


def patch_start_dialogs(monkeypatch) -> None:
    """The start's login dialogs answered: the first supervisor created on a first run,
    the supervisor logged in otherwise; the offer to start a shift declined (its own
    tests: tests/ui/test_ui_shifts.py)."""
    from checkpoint_app.ui import shift_dialogs
    from checkpoint_app.ui.login_dialog import FirstSupervisorDialog, LoginDialog, UnlockDialog

    monkeypatch.setattr(FirstSupervisorDialog, "exec", fill_first_supervisor)
    monkeypatch.setattr(UnlockDialog, "exec", fill_unlock)
    monkeypatch.setattr(LoginDialog, "exec", fill_login)
    monkeypatch.setattr(shift_dialogs, "offer_shift", lambda window: None)
