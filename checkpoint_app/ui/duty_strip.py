"""The duty strip in the status bar, always on screen: the shift on duty (since when, who)
or that none was started, and in red the seven-ones (七个一) items found missing until a
later check records them present (or that the shift has not been checked yet).

It sits among the status bar's permanent widgets, so a passing status message never
hides it, and its labels elide to the room left at 1366×768 (the whole text, with the
handover note and the missing items' notes, is in the tooltip).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from checkpoint_app.core.seven_ones import BY_CODE, OpenItem

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.shifts import ShiftInfo, ShiftService

log = logging.getLogger("checkpoint.ui")

MAX_WIDTH = 560  # px: today's counts keep their room beside it


def item_name(code: str) -> str:
    """A seven-ones item in the user's language."""
    item = BY_CODE.get(code)
    return translate("seven_ones", item.english) if item is not None else code


def list_separator() -> str:
    """Between names in a list: the 顿号 in Chinese, a comma otherwise."""
    return "、" if QLocale().language() == QLocale.Language.Chinese else ", "


def local_time(at: dt.datetime, now: dt.datetime) -> str:
    """"09:00" today, "11-28 19:00" another day, in the station clock's time (`now`)."""
    local = at.astimezone(now.tzinfo)
    return local.strftime("%H:%M") if local.date() == now.date() else local.strftime("%m-%d %H:%M")


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self):  # noqa: N802 - Qt API
        hint = super().sizeHint()
        hint.setWidth(min(self.fontMetrics().horizontalAdvance(self._full) + 8, MAX_WIDTH))
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        hint.setWidth(self.minimumWidth())
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


class DutyStrip(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duty_strip")
        self.shift_label = ElidedLabel(self)
        self.shift_label.setObjectName("duty_shift_label")
        self.missing_label = ElidedLabel(self)
        self.missing_label.setObjectName("duty_missing_label")
        self.missing_label.setStyleSheet("color: #b00020; font-weight: bold;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(8)
        layout.addWidget(self.shift_label)
        layout.addWidget(self.missing_label)
        self.setMaximumWidth(MAX_WIDTH)
        self.missing_codes: tuple[str, ...] = ()  # what the red part names (tests read it)
        self.unchecked = False
        self.show_state(None, (), dt.datetime.now().astimezone())

    def refresh(self, shifts: ShiftService, now: dt.datetime) -> None:
        """Read the shift on duty and the open missing items again (`now`: the station
        clock's aware time)."""
        try:
            shift, missing = shifts.current(), shifts.open_missing()
        except StorageError as err:
            log.warning("duty strip not refreshed: %s", err.kind.value)
            return
        self.show_state(shift, missing, now)

    def show_state(self, shift: ShiftInfo | None, missing: tuple[OpenItem, ...], now: dt.datetime) -> None:
        if shift is None:
            text = translate("DutyStrip", "No shift started")
        else:
            text = translate("DutyStrip", "On duty since {since}: {names}").format(
                since=local_time(shift.started_at, now), names=list_separator().join(m.name for m in shift.members))
        self.shift_label.set_full_text(text)
        self.missing_codes = tuple(item.code for item in missing)
        self.unchecked = shift is not None and shift.check is None
        parts = []
        if self.unchecked:
            parts.append(translate("DutyStrip", "Seven ones (七个一) not checked"))
        if missing:
            parts.append(translate("DutyStrip", "Seven ones missing: {items}").format(
                items=list_separator().join(item_name(item.code) for item in missing)))
        self.missing_label.set_full_text(" · ".join(parts))
        self.missing_label.setVisible(bool(parts))
        self.setToolTip(self._details(shift, missing, now))

    def _details(self, shift: ShiftInfo | None, missing: tuple[OpenItem, ...], now: dt.datetime) -> str:
        lines = [self.shift_label.full_text()]
        if shift is not None and shift.received_note:
            lines.append(translate("DutyStrip", "Handover note: {note}").format(note=shift.received_note))
        if shift is not None and shift.received_matters:
            lines.append(translate("DutyStrip", "Open matters: {matters}").format(matters=shift.received_matters))
        for item in missing:
            lines.append(translate("DutyStrip", "Missing since {since}: {item} — {note}").format(
                since=local_time(item.since, now), item=item_name(item.code), note=item.note))
        if shift is not None:
            lines.append(translate("DutyStrip", "Shift menu: F7 seven-ones check, F8 hand over."))
        return "\n".join(lines)
