"""The vehicle form's occupant rows: one per person in the vehicle, as many as the count
typed. Each row has the temperature, the second reading (enabled while the fever rule
asks for it) and, where the station's rule asks for this occupant's identity, the name,
ID number and phone. Occupant 1 is the driver.

A row keeps what was typed when the count changes (a count corrected from 3 to 4 adds a
row and loses nothing). objectNames are the test API: "occupant_2_temperature_edit"
(1-based, as the guard counts), and each field's message box is named by its field
path, "occupants.1.temperature_box" (0-based, as the rules name it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from checkpoint_app.core.vehicle import OccupantDraft

from checkpoint_app.ui.form_fields import FieldBox
from checkpoint_app.ui.i18n import translate

FIELDS = ("temperature", "temperature2", "name", "id_number", "phone")


@dataclass
class OccupantRow:
    label: QLabel
    edits: dict[str, QLineEdit]
    boxes: dict[str, FieldBox]
    identity: bool = False
    layout: QHBoxLayout | None = None  # the identity line

    def draft(self) -> OccupantDraft:
        return OccupantDraft(**{name: edit.text() for name, edit in self.edits.items()})

    def has_text(self) -> bool:
        return any(edit.text().strip() for edit in self.edits.values())


class OccupantRows(QWidget):
    """The rows, in a grid: number, temperature, second reading; the identity on a line
    of its own under the readings, for the occupants it is asked of."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("occupant_rows")
        self._on_change = on_change
        self.rows: list[OccupantRow] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._headers = [QLabel(text, self) for text in (
            "", translate("VehicleForm", "Temperature °C"), translate("VehicleForm", "Second reading"))]
        for column, header in enumerate(self._headers):
            header.setProperty("role", "hint")
            self._grid.addWidget(header, 0, column)
        self._show_headers()

    def _show_headers(self) -> None:
        for header in self._headers:
            header.setVisible(bool(self.rows))

    def set_rows(self, count: int, identity: Callable[[int], bool]) -> None:
        """`count` rows (kept text stays); `identity(position)`: whether that occupant's
        identity is asked for."""
        while len(self.rows) < count:
            self.rows.append(self._new_row(len(self.rows)))
        while len(self.rows) > count:
            row = self.rows.pop()
            for widget in (row.label, *row.boxes.values()):
                widget.hide()
                widget.deleteLater()
            if row.layout is not None:
                self._grid.removeItem(row.layout)
                row.layout.deleteLater()
        for position, row in enumerate(self.rows):
            row.identity = identity(position)
            # (a widget added to a form on screen stays hidden until shown)
            for widget in (row.label, row.boxes["temperature"], row.boxes["temperature2"]):
                widget.show()
            for name in ("name", "id_number", "phone"):
                row.boxes[name].setVisible(row.identity or row.edits[name].text().strip() != "")
        self._show_headers()

    def _new_row(self, position: int) -> OccupantRow:
        """Row 2n+1 holds the readings, row 2n+2 the identity (shown where asked for):
        five fields side by side would widen the form and squeeze the register."""
        number = position + 1
        label = QLabel(translate("VehicleForm", "{number} (driver)").format(number=number) if position == 0 else str(number), self)
        label.setObjectName(f"occupant_{number}_label")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edits: dict[str, QLineEdit] = {}
        boxes: dict[str, FieldBox] = {}
        placeholders = {"temperature": "36.5", "temperature2": translate("VehicleForm", "re-measure"),
                        "name": translate("VehicleForm", "Name"), "id_number": translate("VehicleForm", "ID number"),
                        "phone": translate("VehicleForm", "11-digit mobile")}
        readings_row = 2 * number - 1  # row 0 holds the headers
        self._grid.addWidget(label, readings_row, 0, Qt.AlignmentFlag.AlignTop)
        identity = QHBoxLayout()
        identity.setSpacing(4)
        for name in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"occupant_{number}_{name}_edit")
            edit.setPlaceholderText(placeholders.get(name, ""))
            edit.textChanged.connect(self._on_change)
            box = FieldBox(f"occupants.{position}.{name}", edit, parent=self)
            if name in ("temperature", "temperature2"):
                self._grid.addWidget(box, readings_row, 1 if name == "temperature" else 2, Qt.AlignmentFlag.AlignTop)
            else:
                identity.addWidget(box, {"name": 2, "id_number": 3, "phone": 2}[name], Qt.AlignmentFlag.AlignTop)
            edits[name] = edit
            boxes[name] = box
        self._grid.addLayout(identity, readings_row + 1, 1, 1, 2)
        edits["temperature2"].setEnabled(False)
        metrics = self.fontMetrics()
        for name, sample in (("temperature", "36.5 "), ("temperature2", "re-measure "), ("name", "张小明"),
                             ("id_number", "11010519491231002X"), ("phone", "13812345678")):
            edits[name].setMinimumWidth(metrics.horizontalAdvance(sample) + 12)
        return OccupantRow(label, edits, boxes, layout=identity)

    def drafts(self) -> list[OccupantDraft]:
        return [row.draft() for row in self.rows]

    def boxes(self) -> dict[str, FieldBox]:
        """Every row's message boxes by field path ("occupants.0.temperature")."""
        return {box.objectName().removesuffix("_box"): box for row in self.rows for box in row.boxes.values()}

    def chain(self) -> list[QWidget]:
        """The fields Enter visits, row by row: the reading, the second one while it is
        asked for, the identity where it is asked for (or already typed)."""
        widgets: list[QWidget] = []
        for row in self.rows:
            widgets.append(row.edits["temperature"])
            if row.edits["temperature2"].isEnabled():
                widgets.append(row.edits["temperature2"])
            widgets.extend(row.edits[n] for n in ("name", "id_number", "phone") if row.boxes[n].isVisibleTo(self))
        return widgets

    def clear(self) -> None:
        self.set_rows(0, lambda _: False)
