"""Table model over the register that fetches rows in pages (canFetchMore/fetchMore).

It holds only the rows fetched so far; a new filter or search re-runs the SQL query
(no proxy over the whole table), and a just-saved entry is put in at the top
(`insert_newest`) instead of reloading. The rows come masked from the services
(services/reader.py): no full name, ID number or phone ever reaches this model. Category and decision are shown by short words
(the full ones in the tooltip), so the columns a guard reads fit a 1366-pixel screen.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from checkpoint_app.core.listing import EntryFilter, EntryRow
from checkpoint_app.core.temperature import format_tenths

from checkpoint_app.ui import i18n
from checkpoint_app.ui.i18n import translate

PAGE_SIZE = 200
_DISPLAY, _FOREGROUND, _TOOLTIP, _ALIGN, _USER = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.UserRole))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
# A result count stops here ("more than 1000"): an exact count of a broad filter over a
# million entries costs more than the page (measured in `make bench`).
COUNT_CAP = 1000
PageLoader = Callable[[EntryFilter, "int | None", int], list[EntryRow]]
Counter = Callable[[EntryFilter, int], "int | None"]




class EntryTableModel(QAbstractTableModel):
    # what the guard reads stands first (these fit the screen in every language and print
    # size: tests/ui/test_ui_layout.py); the sequence number and identity may scroll
    COLUMNS = ("time", "direction", "category", "name", "temperature", "decision", "key_area", "seq",
               "id_number", "phone")
    ALWAYS_VISIBLE = COLUMNS[:7]

    def __init__(self, load_page: PageLoader, parent=None, count: Counter | None = None):
        super().__init__(parent)
        self._load_page = load_page
        self._count = count
        self._filter = EntryFilter()
        self._rows: list[EntryRow] = []
        self._exhausted = True
        self.total: int | None = None  # rows matching the filter, up to COUNT_CAP + 1; None: unknown
        self._cache: dict[int, tuple[tuple, tuple, tuple]] = {}  # entry id -> its cells (see data)
        self._brushes = {"void": QBrush(QColor("#808080")), "alarm": QBrush(QColor("#b00020")),
                         "key_area": QBrush(QColor("#b36b00"))}
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
        self._cache.clear()
        self._filter = entry_filter
        self._rows = self._load_page(entry_filter, None, PAGE_SIZE)
        self._exhausted = len(self._rows) < PAGE_SIZE
        # a short list is its own count; a full page needs the (capped) count query
        self.total = len(self._rows) if self._exhausted else (
            self._count(entry_filter, COUNT_CAP) if self._count is not None else None)
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

    def insert_newest(self, row: EntryRow) -> bool:
        """Put a just-saved entry at the top, where a reload would put it. False (nothing
        changed) when it would not stand first: a day-ordered list whose top is a later
        day (the clock was set back), where only a reload places it right."""
        by_day = self._filter.day_from is not None or self._filter.day_to is not None
        if self._rows and (row.id < self._rows[0].id or by_day and row.local_date < self._rows[0].local_date):
            return False
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()
        if self.total is not None:
            self.total += 1
        return True

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        # Called about seven times per visible cell on every repaint (a save repaints the
        # whole table): the cells' texts and colours are worked out once per row, and
        # roles nobody sets are answered before anything else is looked at.
        if role == _DISPLAY or role == _FOREGROUND:
            cells = self.cells_at(index)
            return None if cells is None else cells[role == _FOREGROUND][index.column()]
        if role == _ALIGN:
            return _ALIGNMENTS[index.column()] if index.isValid() and 0 <= index.column() < len(_ALIGNMENTS) else None
        if role == _TOOLTIP or role == _USER:
            cells = self.cells_at(index)
            if cells is None:
                return None
            row = self._rows[index.row()]
            return row.id if role == _USER else self._tooltip(row, self.COLUMNS[index.column()])
        return None

    def cells_at(self, index: QModelIndex | QPersistentModelIndex) -> tuple[tuple, tuple, tuple] | None:
        """(texts, foreground brushes or None, alignment flags) of the index's row, the
        first two made on first use (the delegate paints from these)."""
        r, c = index.row(), index.column()
        if not index.isValid() or not 0 <= r < len(self._rows) or not 0 <= c < len(self.COLUMNS):
            return None
        row = self._rows[r]
        cells = self._cache.get(row.id)
        if cells is None:
            cells = self._cache[row.id] = (tuple(self._display(row, name) for name in self.COLUMNS),
                                           tuple(self._foreground(row, name) for name in self.COLUMNS),
                                           _PAINT_ALIGNMENTS)
        return cells

    def _foreground(self, row: EntryRow, column: str) -> QBrush | None:
        if row.voided:
            return self._brushes["void"]
        if (column == "temperature" and row.fever) or (column == "decision" and row.decision != "admit"):
            return self._brushes["alarm"]
        if column == "key_area" and row.key_area:
            return self._brushes["key_area"]
        return None

    @staticmethod
    def _display(row: EntryRow, column: str) -> str:
        if column == "seq":
            return str(row.seq)
        if column == "time":
            return row.local_time.strftime("%m-%d %H:%M")
        if column == "direction":
            return i18n.direction_label(row.direction)
        if column == "category":  # a vehicle: its kind (its occupants' categories: the details)
            return category_short(row.category) if row.kind == "person" else vehicle_short(row.vehicle_category or "other")
        if column == "name":
            # a vehicle: its plate (how many were checked: the tooltip and the details)
            who = row.name if row.kind == "person" else row.plate or "?"
            return translate("EntryModel", "{name} [void]").format(name=who) if row.voided else who
        if column == "id_number":
            return row.id_number or ""
        if column == "phone":
            return row.phone or ""
        if column == "temperature":
            return format_tenths(row.temperature) if row.temperature is not None else ""
        if column == "key_area":
            return translate("EntryModel", "yes") if row.key_area else ""
        if column == "decision":
            return decision_short(row.decision)
        return ""

    @staticmethod
    def _tooltip(row: EntryRow, column: str) -> str | None:
        if row.voided:
            return translate("EntryModel", "Void")
        if column == "category":
            return i18n.category_label(row.category) if row.kind == "person" else \
                i18n.vehicle_category_label(row.vehicle_category or "other")
        if column == "decision":
            return i18n.decision_label(row.decision)
        if column == "name" and row.kind != "person":
            return translate("EntryModel", "Vehicle {plate}: {count} persons on board").format(
                plate=row.plate or "", count=row.occupants)
        return None


_ALIGNMENTS = tuple(_RIGHT if name in ("seq", "temperature") else None for name in EntryTableModel.COLUMNS)
_PAINT_ALIGNMENTS = tuple(alignment or _LEFT for alignment in _ALIGNMENTS)


def category_short(code: str) -> str:
    """One short word per category for the table (the form and details say it in full)."""
    return {
        "resident": translate("EntryModel", "Resident"), "visitor": translate("EntryModel", "Visitor"),
        "delivery": translate("EntryModel", "Courier"), "staff": translate("EntryModel", "Staff"),
        "official": translate("EntryModel", "Official"), "other": translate("EntryModel", "Other"),
    }.get(code, code)


def vehicle_short(code: str) -> str:
    """One short word per vehicle category for the table's category column."""
    return {
        "private_car": translate("EntryModel", "Car"), "taxi": translate("EntryModel", "Taxi"),
        "bus": translate("EntryModel", "Bus"), "goods": translate("EntryModel", "Goods"),
        "emergency": translate("EntryModel", "Service"), "other": translate("EntryModel", "Vehicle"),
    }.get(code, code)


def decision_short(code: str) -> str:
    return {"admit": translate("EntryModel", "Admit"), "refuse": translate("EntryModel", "Refuse"),
            "refer": translate("EntryModel", "Refer")}.get(code, code)
