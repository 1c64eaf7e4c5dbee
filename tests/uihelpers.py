"""Helpers for driving widgets the way a guard does."""

from __future__ import annotations

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
