"""Key events with the timestamps a pass scanner (a few ms apart) or a person gives."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def press(widget, char: str, at: int) -> None:
    key = Qt.Key.Key_Return if char == "\n" else Qt.Key(ord(char.upper()))
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, "\r" if char == "\n" else char)
    event.setTimestamp(at)
    QApplication.sendEvent(widget, event)


def type_timed(widget, text: str, start: int, gap: int) -> None:
    for n, char in enumerate(text):
        press(widget, char, start + n * gap)
