"""Resident-pass scans, recognised wherever the cursor is.

A USB barcode/QR scanner is a keyboard: it types the pass code, very fast, and ends
with Enter. A guard's typing is never that fast. So, once the station has set the pass
codes' prefix (e.g. "JB"), this application-wide filter holds back a key that could
start the prefix; while more keys follow within `GAP_MS` of each other and the held
text still fits the prefix, they are held too; an Enter that ends such a burst of at
least `MIN_LENGTH` characters is a scan (`scanned`), and nothing of it reaches the field
that had the cursor. Anything else - a pause, a key that breaks the prefix - gives the
held keys back to the field they were meant for, in order (`released`), so a guard who
types "J..." by hand loses nothing: the keys arrive at most GAP_MS late.

With no prefix set the filter does nothing (speed alone cannot tell a scan before its
first characters have already reached a field).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_CapsLock,
                            Qt.Key.Key_AltGr})
GAP_MS = 40  # a scanner's keys come every few ms; a person's 80 ms apart or more
MIN_LENGTH = 4


class ScanDetector(QObject):
    scanned = Signal(str)  # the pass code, without the Enter
    released = Signal()  # held keys were given back to their field

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._prefix = ""
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._last = 0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)

    @property
    def prefix(self) -> str:
        return self._prefix

    def set_prefix(self, prefix: str) -> None:
        """Listen for pass codes starting with `prefix` ("" stops listening)."""
        self.release()
        self._prefix = prefix.strip().upper()
        app = QApplication.instance()
        if app is None:
            return
        app.removeEventFilter(self)
        if self._prefix:
            app.installEventFilter(self)

    def held_text(self) -> str:
        return "".join(event.text() for _, event in self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._replaying or event.type() != QEvent.Type.KeyPress or not self._prefix:
            return False
        assert isinstance(event, QKeyEvent)
        if not watched.isWidgetType():  # the same key also passes the window: only its widget counts
            return False
        if event.key() in _MODIFIER_KEYS:  # a scanner presses Shift for capitals: part of the burst
            return False
        now = event.timestamp() or int(time.monotonic() * 1000)
        quick = bool(self._held) and now - self._last <= GAP_MS
        if self._held and not quick:
            self.release()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if quick and len(self.held_text()) >= max(MIN_LENGTH, len(self._prefix) + 1):
                code = self.held_text()
                self._held.clear()
                self._timer.stop()
                self.scanned.emit(code)
                return True
            self.release()
            return False
        text = event.text()
        if len(text) != 1 or not text.isprintable() or event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
            self.release()
            return False
        candidate = (self.held_text() + text).upper()
        if not (self._prefix.startswith(candidate) or candidate.startswith(self._prefix)):
            self.release()
            return False
        self._held.append((watched, QKeyEvent(event.type(), event.key(), event.modifiers(), text,
                                              event.isAutoRepeat(), event.count())))
        self._last = now
        self._timer.start(GAP_MS)
        return True

    def release(self) -> None:
        """Give the held keys back to the fields they were typed into."""
        self._timer.stop()
        if not self._held:
            return
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, event in held:
                try:
                    QApplication.sendEvent(target, event)
                    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, event.key(), event.modifiers(),
                                                             event.text()))
                except RuntimeError:  # the field was closed meanwhile: its keys go nowhere
                    continue
        finally:
            self._replaying = False
        self.released.emit()
