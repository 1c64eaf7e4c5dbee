"""The register view: one search box, filters, and the paged table of entries, newest first.

The search box recognises what is typed (core/search_text.py) and says what it searched
and how many entries it found. Enter or Down moves into the results. A just-saved
entry is always shown: put in at the top when the list would show it, otherwise the
search and filters are cleared (and the line under the search box says so).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.decision import Category, Decision, Direction
from checkpoint_app.core.listing import EntryFilter, SavedRow, SearchKind, VoidFilter
from checkpoint_app.core.vehicle_categories import VehicleCategory

from checkpoint_app.ui import i18n
from checkpoint_app.ui.entry_delegate import EntryDelegate
from checkpoint_app.ui.entry_model import COUNT_CAP, EntryTableModel, category_short, decision_short, vehicle_short
from checkpoint_app.ui.i18n import translate


class RegisterView(QWidget):
    open_entry = Signal(int)  # entry id

    def __init__(self, model: EntryTableModel, today, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register_view")
        self.model = model
        self._today = today
        self._notice = ""
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filters)

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for label, data in items:
            combo.addItem(label, data)
        # let the filter row shrink on a small screen instead of squeezing the form
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def _build(self) -> None:
        self.range_check = QCheckBox(translate("RegisterView", "Date range"), self)
        self.range_check.setObjectName("day_range_check")
        self.range_check.toggled.connect(self.apply_filters)
        self.day_from_edit = QDateEdit(self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day_from_edit.setObjectName("day_from_edit")
        self.day_to_edit = QDateEdit(self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day_to_edit.setObjectName("day_to_edit")
        self.reset_days()
        for edit in (self.day_from_edit, self.day_to_edit):
            edit.dateChanged.connect(self.apply_filters)
        self.direction_filter = self._combo("direction_filter", [(translate("RegisterView", "in/out: all"), None)] + [(i18n.direction_label(d.value), d.value) for d in Direction])
        self.category_filter = self._combo("category_filter", [(translate("RegisterView", "category: all"), None)] + [(i18n.category_label(c.value), c.value) for c in Category])
        self.fever_filter = self._combo("fever_filter", [(translate("RegisterView", "fever: all"), None), (translate("RegisterView", "fever only"), True), (translate("RegisterView", "no fever"), False)])
        self.key_area_filter = self._combo("key_area_filter", [(translate("RegisterView", "key area: all"), None), (translate("RegisterView", "key area only"), True), (translate("RegisterView", "not key area"), False)])
        self.decision_filter = self._combo("decision_filter", [(translate("RegisterView", "decision: all"), None)] + [(i18n.decision_label(d.value), d.value) for d in Decision])
        self.voided_filter = self._combo("voided_filter", [(translate("RegisterView", "hide void"), VoidFilter.HIDE), (translate("RegisterView", "with void"), VoidFilter.INCLUDE), (translate("RegisterView", "void only"), VoidFilter.ONLY)])
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(translate("RegisterView", "search: name, ID or phone digits, passport, plate (Ctrl+F)"))
        self.search_edit.setToolTip(translate(
            "RegisterView", "Chinese or letters: a name (any part). Digits: part of an ID number or phone (3 or more). "
                            "Letters and digits: a passport or permit number. Enter or Down: to the results."))
        self.search_edit.textChanged.connect(lambda: self._debounce.start())
        self.search_edit.returnPressed.connect(self._search_now)
        self.search_edit.installEventFilter(self)
        self.search_hint = QLabel(self)
        self.search_hint.setObjectName("search_hint_label")
        self.search_hint.setProperty("role", "hint")

        self.table = QTableView(self)
        self.table.setObjectName("entry_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.delegate = EntryDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(8)
        self.fit_columns()
        # `activated` is Enter on a row and the double-click (or the platform's single
        # click): connecting `doubleClicked` too opened the details twice
        self.table.activated.connect(self._open)

        # three short rows (each its own layout, so no column is as wide as the widest
        # widget of another row): the view stays narrow enough for 1366 px in large print
        rows = (
            (self.search_edit, self.voided_filter),
            (self.range_check, self.day_from_edit, self.day_to_edit, self.direction_filter),
            (self.category_filter, self.fever_filter, self.key_area_filter, self.decision_filter),
        )
        filters = QVBoxLayout()
        filters.setSpacing(4)
        for widgets in rows:
            row = QHBoxLayout()
            row.setSpacing(6)
            for widget in widgets:
                row.addWidget(widget, 1 if widget in (self.search_edit, self.direction_filter, *rows[2]) else 0)
            filters.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search_hint)
        layout.addWidget(self.table, 1)
        self.search_hint.hide()

    def fit_columns(self) -> None:
        """Column widths from sample text in the current font (again after the print size
        changes): resize-to-contents would read every cell on every page (about 40 ms per
        200 rows on this kind of laptop)."""
        self.delegate.forget_widths()
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        header = self.table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)  # large print draws the header bold
        header_metrics = QFontMetrics(bold)
        samples = {"seq": ["0000000"], "time": ["11-29 23:59"], "name": ["欧**娜", "鄂AD12345"],  # a new-energy plate: 8 characters
                   "id_number": ["110105********002X"], "phone": ["138****5678"], "temperature": ["38.8"],
                   "direction": [i18n.direction_label(d.value) for d in Direction],
                   "category": [category_short(c.value) for c in Category] + [vehicle_short(v.value) for v in VehicleCategory],
                   "decision": [decision_short(d.value) for d in Decision],
                   "key_area": [translate("EntryModel", "yes")]}
        pad = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        for column, name in enumerate(self.model.COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            cells = max(metrics.horizontalAdvance(t) for t in samples.get(name, [""]))
            header.resizeSection(column, max(cells, header_metrics.horizontalAdvance(title)) + pad)

    # -- filters ---------------------------------------------------------------------------

    def reset_days(self) -> None:
        today = QDate(self._today())
        for edit in (self.day_from_edit, self.day_to_edit):
            edit.blockSignals(True)
            edit.setDate(today)
            edit.blockSignals(False)

    def current_filter(self) -> EntryFilter:
        ranged = self.range_check.isChecked()
        return EntryFilter(
            day_from=self.day_from_edit.date().toPython() if ranged else None,
            day_to=self.day_to_edit.date().toPython() if ranged else None,
            direction=self.direction_filter.currentData(), category=self.category_filter.currentData(),
            fever=self.fever_filter.currentData(), key_area=self.key_area_filter.currentData(),
            decision=self.decision_filter.currentData(), voided=VoidFilter(self.voided_filter.currentData()),
            search_text=self.search_edit.text(),
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self._notice = ""
        self.model.set_filter(self.current_filter())
        self._show_result()

    def clear_filters(self) -> None:
        """Back to the default list: every entry that is not void, newest first."""
        widgets = (self.search_edit, self.range_check, self.direction_filter, self.category_filter,
                   self.fever_filter, self.key_area_filter, self.decision_filter, self.voided_filter)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_edit.clear()
            self.range_check.setChecked(False)
            for combo in widgets[2:]:
                combo.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.reset_days()
        self.apply_filters()

    def _show_result(self) -> None:
        """The line under the search box: what was searched, how many were found, and any notice."""
        f = self.model.current_filter()
        search = f.search()
        parts = []
        if search is not None:
            parts.append(self._search_text(search.kind, search.usable))
        if f.day_from and f.day_to and f.day_from > f.day_to:
            parts.append(translate("RegisterView", "The first day is after the last day."))
        total = self.model.total
        if total is not None and f.narrows() and (search is None or search.usable):
            parts.append(translate("RegisterView", "Found: more than {cap}").format(cap=COUNT_CAP) if total > COUNT_CAP
                         else translate("RegisterView", "Found: {count}").format(count=total))
        if self._notice:
            parts.append(self._notice)
        text = " · ".join(parts)
        if text != self.search_hint.text():
            self.search_hint.setText(text)
            self.search_hint.setVisible(bool(text))  # no empty line above the list

    @staticmethod
    def _search_text(kind: SearchKind, usable: bool) -> str:
        if not usable:
            return translate("RegisterView", "Type at least 3 digits or letters of the ID document or phone.")
        return {
            SearchKind.NAME: translate("RegisterView", "Names"),
            SearchKind.ID_OR_PHONE: translate("RegisterView", "ID numbers and phones"),
            SearchKind.ID_NUMBER: translate("RegisterView", "ID document numbers"),
            SearchKind.PHONE: translate("RegisterView", "Phones"),
            SearchKind.PLATE: translate("RegisterView", "Licence plates"),
            SearchKind.ID_OR_PLATE: translate("RegisterView", "ID document numbers and licence plates"),
        }[kind]

    # -- a saved entry -------------------------------------------------------------------------

    def show_saved(self, saved: SavedRow) -> None:
        """Show a just-saved entry: at the top of the list without reloading when the
        list's filter includes it; otherwise clear the search and filters, and say so.
        `saved.matches` was judged by the reader against `current_filter()` on the full
        values (the row here is masked); a save that also voided an entry (a correction)
        reloads the list."""
        row = saved.row
        pending = self._debounce.isActive() or self.current_filter() != self.model.current_filter()
        if not saved.matches:
            self.clear_filters()
            self._notice = translate("RegisterView", "Search and filters cleared to show No. {seq}, just saved.").format(seq=row.seq)
            self._show_result()
        elif saved.corrected or pending or not self.model.insert_newest(row):
            self.apply_filters()
        else:
            self._notice = ""
            self._show_result()

    # -- keyboard --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self._search_now()
            return True
        return False

    def _search_now(self) -> None:
        """Enter or Down in the search box: search now (no waiting for the pause) and
        move into the results, the first row selected."""
        if self._debounce.isActive() or self.current_filter() != self.model.current_filter():
            self.apply_filters()
        self.focus_results()

    def focus_results(self, row: int = 0) -> bool:
        """Keyboard focus on the table, `row` (or the last) selected; False if it is empty."""
        if self.model.rowCount() == 0:
            return False
        index = self.model.index(min(row, self.model.rowCount() - 1), 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_entry.emit(self.model.row_at(index.row()).id)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
