"""The vehicles of the last hour, under the vehicle form: time, plate, people on board,
the highest reading and the decision, newest first. The guard sees the queue that has
passed, and a car coming round again. Read again after every save and each minute
while on screen;
masked like every list (the rows carry no identity shown here)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.listing import EntryRow
from checkpoint_app.core.temperature import format_tenths

from checkpoint_app.ui import i18n
from checkpoint_app.ui.i18n import translate

REFRESH_MS = 60_000


class RecentVehicles(QWidget):
    def __init__(self, read: Callable[[], list[EntryRow]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recent_vehicles")
        self._read = read
        self.title = QLabel(translate("RecentVehicles", "Vehicles in the last hour"), self)
        self.title.setObjectName("recent_vehicles_title")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("recent_vehicles_table")
        self.table.setHorizontalHeaderLabels([
            translate("RecentVehicles", "Time"), translate("RecentVehicles", "Plate"),
            translate("RecentVehicles", "On board"), translate("RecentVehicles", "°C"),
            translate("RecentVehicles", "Decision")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never a stop on the queue's Enter path
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.setMinimumHeight(160)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """Read now and each minute while on screen (the vehicle form in front); a hidden
        list reads nothing."""
        self._started = True
        if self.isVisible():
            self.refresh()
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if getattr(self, "_started", False):
            self.refresh()
            self._timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()

    def refresh(self) -> None:
        if not self.isVisible():
            return
        rows = self._read()
        self.table.setRowCount(len(rows))
        alarm = QBrush(QColor("#b00020"))
        for n, row in enumerate(rows):
            values = (row.local_time.strftime("%H:%M"), row.plate or "", str(row.occupants),
                      format_tenths(row.temperature) if row.temperature is not None else "",
                      i18n.decision_label(row.decision))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if row.decision != "admit" or (column == 3 and row.fever):
                    item.setForeground(alarm)
                self.table.setItem(n, column, item)
        self.title.setText(translate("RecentVehicles", "Vehicles in the last hour: {count}").format(count=len(rows)))
