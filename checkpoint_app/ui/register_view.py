"""The register view: filters, search and the paged table of entries, newest first."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from checkpoint_app.core.decision import Category, Decision, Direction
from checkpoint_app.core.listing import EntryFilter, SearchKind, VoidFilter, search_fragment
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui import i18n
from checkpoint_app.ui.entry_model import EntryTableModel




class RegisterView(QWidget):
    open_entry = Signal(int)  # entry id

    def __init__(self, model: EntryTableModel, today, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register_view")
        self.model = model
        self._today = today
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
        self.search_kind_combo = self._combo("search_kind_combo", [(translate("RegisterView", "Name"), SearchKind.NAME), (translate("RegisterView", "ID number"), SearchKind.ID_NUMBER), (translate("RegisterView", "Phone"), SearchKind.PHONE)])
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(translate("RegisterView", "search (Ctrl+F)"))
        self.search_edit.textChanged.connect(lambda: self._debounce.start())
        self.search_edit.returnPressed.connect(self.apply_filters)
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
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Fixed widths from sample text: resize-to-contents would read every cell on every
        # page (about 40 ms per 200 rows on this kind of laptop).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        samples = {"seq": ["0000000"], "time": ["11-29 23:59"], "name": ["阿依古丽·买"],
                   "id_number": ["110105********002X"], "phone": ["138****5678"], "temperature": ["38.8"],
                   "direction": [i18n.direction_label(d.value) for d in Direction],
                   "category": [i18n.category_label(c.value) for c in Category],
                   "decision": [i18n.decision_label(d.value) for d in Decision]}
        for column, name in enumerate(self.model.COLUMNS):
            texts = samples.get(name, []) + [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + 18)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)

        # three short rows (each its own layout, so no column is as wide as the widest
        # widget of another row): the view stays narrow enough for 1366 px in large print
        rows = (
            (self.search_kind_combo, self.search_edit, self.voided_filter),
            (self.range_check, self.day_from_edit, self.day_to_edit, self.direction_filter),
            (self.category_filter, self.fever_filter, self.key_area_filter, self.decision_filter),
        )
        filters = QVBoxLayout()
        filters.setSpacing(4)
        for widgets in rows:
            row = QHBoxLayout()
            row.setSpacing(6)
            for widget in widgets:
                row.addWidget(widget, 1 if widget in (self.search_edit, *rows[2]) else 0)
            if widgets is rows[1]:
                row.addStretch(1)
            filters.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search_hint)
        layout.addWidget(self.table, 1)
        self.search_hint.hide()

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
            search_kind=SearchKind(self.search_kind_combo.currentData()) if self.search_edit.text().strip() else None,
            search_text=self.search_edit.text(),
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        f = self.current_filter()
        hint = ""
        if f.search_kind is not None and search_fragment(f.search_kind, f.search_text) == "":
            hint = translate("RegisterView", "Type at least 3 digits of the ID number or phone.")
        if f.day_from and f.day_to and f.day_from > f.day_to:
            hint = translate("RegisterView", "The first day is after the last day.")
        self.search_hint.setText(hint)
        self.search_hint.setVisible(bool(hint))
        self.model.set_filter(f)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_entry.emit(self.model.row_at(index.row()).id)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

