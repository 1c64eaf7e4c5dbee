"""Table model over the register that fetches rows in pages (canFetchMore/fetchMore).

It holds only the rows fetched so far; a new filter or search re-runs the SQL query
(no proxy over the whole table). Identity data is masked here: the full values are
only in the entry's detail dialog.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone
from checkpoint_app.core.temperature import format_tenths
from checkpoint_app.core.listing import EntryFilter, EntryRow
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui import i18n

PAGE_SIZE = 200
PageLoader = Callable[[EntryFilter, "int | None", int], list[EntryRow]]




class EntryTableModel(QAbstractTableModel):
    # what the guard needs first stands first: who, the reading and the decision; then identity
    COLUMNS = ("seq", "time", "direction", "category", "name", "temperature", "decision", "key_area",
               "id_number", "phone")

    def __init__(self, load_page: PageLoader, parent=None):
        super().__init__(parent)
        self._load_page = load_page
        self._filter = EntryFilter()
        self._rows: list[EntryRow] = []
        self._exhausted = True
        headers = {
            "seq": translate("EntryModel", "No."), "time": translate("EntryModel", "Time"),
            "direction": translate("EntryModel", "In/out"), "category": translate("EntryModel", "Category"),
            "name": translate("EntryModel", "Name"), "id_number": translate("EntryModel", "ID number"),
            "phone": translate("EntryModel", "Phone"), "temperature": translate("EntryModel", "°C"),
            "key_area": translate("EntryModel", "Key area"), "decision": translate("EntryModel", "Decision"),
        }
        self._headers = tuple(headers[c] for c in self.COLUMNS)

    # -- loading ---------------------------------------------------------------------------

    def set_filter(self, entry_filter: EntryFilter) -> None:
        """Start over with a new filter: the first page only."""
        self.beginResetModel()
        self._filter = entry_filter
        self._rows = self._load_page(entry_filter, None, PAGE_SIZE)
        self._exhausted = len(self._rows) < PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    def current_filter(self) -> EntryFilter:
        return self._filter

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].id if self._rows else None
        more = self._load_page(self._filter, before, PAGE_SIZE)
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def row_at(self, row: int) -> EntryRow:
        return self._rows[row]

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.COLUMNS):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.voided:
                return QBrush(QColor("#808080"))
            if (column == "temperature" and row.fever) or (column == "decision" and row.decision != "admit"):
                return QBrush(QColor("#b00020"))
            if column == "key_area" and row.key_area:
                return QBrush(QColor("#b36b00"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and row.voided:
            return translate("EntryModel", "Void")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("seq", "temperature"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: EntryRow, column: str) -> str:
        if column == "seq":
            return str(row.seq)
        if column == "time":
            return row.local_time.strftime("%m-%d %H:%M")
        if column == "direction":
            return i18n.direction_label(row.direction)
        if column == "category":
            return i18n.category_label(row.category)
        if column == "name":
            masked = mask_name(row.name)
            return translate("EntryModel", "{name} [void]").format(name=masked) if row.voided else masked
        if column == "id_number":
            return mask_id_number(row.id_number) if row.id_number else ""
        if column == "phone":
            return mask_phone(row.phone) if row.phone else ""
        if column == "temperature":
            return format_tenths(row.temperature) if row.temperature is not None else ""
        if column == "key_area":
            return translate("EntryModel", "yes") if row.key_area else ""
        if column == "decision":
            return i18n.decision_label(row.decision)
        return ""
