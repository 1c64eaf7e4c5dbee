"""The supervisor's watchlist (Station → Watchlist…): people under home quarantine
(居家隔离) or medical observation (医学观察), whom the gate alerts on.

Above, the list (current entries, or past ones: lapsed or lifted), masked, with a search
by room or name; below, the entry's fields. Enter in a field saves: a new entry, or the
changes to the one being edited (Enter on a row of the list, or Edit, loads it: its full
values are read for that, which the service audits). Lift ends the selected entry today
after a confirmation. Import… reads a list (CSV or XLSX) through the residents' import
flow (ui/residents_import.py: preview, rejected rows saved, a cancellable job). Every problem the service finds is shown under its field. The
service decides everything (services/watchlist.py: supervisors only, all audited).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.problems import InvalidInput, Problem
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.watchlist import DEFAULT_DAYS, KIND_LABELS, WatchDraft, WatchKind

from checkpoint_app.services.errors import StorageError
from checkpoint_app.services.watchlist import WatchlistService, WatchView

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.residents_import import start_import

if TYPE_CHECKING:
    from checkpoint_app.services.residents import ImportResult

    from checkpoint_app.ui.jobs import JobRunner
    from checkpoint_app.ui.main_window import MainWindow

FIELDS = ("kind", "name", "id_number", "room", "start_date", "end_date", "reason")


def kind_label(code: str) -> str:
    return translate("labels", KIND_LABELS.get(code, code))


def field_label(field: str) -> str:
    return {"kind": translate("WatchlistDialog", "Kind"), "name": translate("WatchlistDialog", "Name"),
            "id_number": translate("WatchlistDialog", "ID number"), "room": translate("WatchlistDialog", "Room"),
            "start_date": translate("WatchlistDialog", "Start date"),
            "end_date": translate("WatchlistDialog", "End date"),
            "reason": translate("WatchlistDialog", "Reason")}.get(field, field)


def describe(found: Problem) -> str:
    """A rejected row's problem with its column, for the import's preview and file."""
    return f"{field_label(found.field)}: {i18n.problem_text(found)}"


class WatchlistDialog(QDialog):
    def __init__(self, watchlist: WatchlistService, actor: Actor, parent: QWidget | None = None,
                 jobs: JobRunner | None = None):
        super().__init__(parent)
        self._jobs = jobs
        self.setObjectName("watchlist_dialog")
        self.setWindowTitle(translate("WatchlistDialog", "Watchlist"))
        self._watchlist = watchlist
        self._actor = actor
        self._listing: list[WatchView] = []
        self.editing: str | None = None  # the uuid of the entry being edited; None: a new one

        self.search_edit = QLineEdit(self, objectName="watch_search_edit")
        self.search_edit.setPlaceholderText(translate("WatchlistDialog", "Search by room or full name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.reload())
        self.scope_combo = QComboBox(self, objectName="watch_scope_combo")
        self.scope_combo.addItem(translate("WatchlistDialog", "Current"), False)
        self.scope_combo.addItem(translate("WatchlistDialog", "Ended"), True)
        self.scope_combo.currentIndexChanged.connect(lambda _index: self.reload())
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.scope_combo)

        headers = [translate("WatchlistDialog", "Kind"), translate("WatchlistDialog", "Name"),
                   translate("WatchlistDialog", "ID number"), translate("WatchlistDialog", "Room"),
                   translate("WatchlistDialog", "Start"), translate("WatchlistDialog", "End"),
                   translate("WatchlistDialog", "Status"), translate("WatchlistDialog", "Reason")]
        self.table = QTableWidget(0, len(headers), self, objectName="watch_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # Enter on a row, or a double click, edits it (not `activated`: some styles send it on one click,
        # and loading an entry reads its full values, which is audited)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.edit_button = QPushButton(translate("WatchlistDialog", "Edit"), self, objectName="watch_edit_button")
        self.lift_button = QPushButton(translate("WatchlistDialog", "Lift (end today)…"), self,
                                       objectName="watch_lift_button")
        self.new_button = QPushButton(translate("WatchlistDialog", "New entry"), self, objectName="watch_new_button")
        self.edit_button.clicked.connect(self.edit_selected)
        self.lift_button.clicked.connect(self.lift_selected)
        self.new_button.clicked.connect(self.new_entry)
        self.import_button = QPushButton(translate("WatchlistDialog", "Import…"), self,
                                         objectName="watch_import_button")
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(jobs is not None)
        row_buttons = QHBoxLayout()
        for button in (self.edit_button, self.lift_button, self.new_button, self.import_button):
            button.setAutoDefault(False)
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)

        self.form_box = QGroupBox(self)
        self.kind_combo = QComboBox(self.form_box, objectName="watch_kind_combo")
        for kind in WatchKind:
            self.kind_combo.addItem(kind_label(kind.value), kind.value)
        self.name_edit = QLineEdit(self.form_box, objectName="watch_name_edit")
        self.id_edit = QLineEdit(self.form_box, objectName="watch_id_edit")
        self.id_edit.setPlaceholderText(translate("WatchlistDialog", "optional"))
        self.room_edit = QLineEdit(self.form_box, objectName="watch_room_edit")
        self.room_edit.setPlaceholderText(translate("WatchlistDialog", "building-unit-room, e.g. 3-5-502"))
        self.start_edit = QLineEdit(self.form_box, objectName="watch_start_edit")
        self.start_edit.setPlaceholderText(translate("WatchlistDialog", "empty: today; 2020/2/3, 2020年2月3日 or 2.3"))
        self.end_edit = QLineEdit(self.form_box, objectName="watch_end_edit")
        self.end_edit.setPlaceholderText(translate("WatchlistDialog", "empty: start + {days} days").format(
            days=DEFAULT_DAYS))
        self.reason_edit = QLineEdit(self.form_box, objectName="watch_reason_edit")
        self.save_button = QPushButton(self.form_box, objectName="watch_save_button")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.edits: dict[str, QWidget] = {
            "kind": self.kind_combo, "name": self.name_edit, "id_number": self.id_edit, "room": self.room_edit,
            "start_date": self.start_edit, "end_date": self.end_edit, "reason": self.reason_edit}
        self.problem_labels: dict[str, QLabel] = {}
        form = QFormLayout(self.form_box)
        for key in FIELDS:
            label = QLabel(self.form_box, objectName=f"watch_{key}_problem")
            label.setProperty("role", "error")
            label.setWordWrap(True)
            label.hide()
            self.problem_labels[key] = label
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(self.edits[key])
            cell.addWidget(label)
            form.addRow(field_label(key), cell)
            widget = self.edits[key]
            if isinstance(widget, QLineEdit):
                widget.returnPressed.connect(self.save)
        form.addRow("", self.save_button)

        self.message_label = QLabel(self, objectName="watch_message_label")
        self.message_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.form_box)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.setMinimumSize(860, 640)
        self.new_entry()
        self.reload()
        self.name_edit.setFocus()

    # -- the list ---------------------------------------------------------------------------

    def reload(self, select_uuid: str | None = None) -> None:
        try:
            listing = self._watchlist.listing(self._actor, past=bool(self.scope_combo.currentData()),
                                              search=self.search_edit.text())
        except NotPermitted as err:
            self._say(i18n.problem_text(err.problem()), error=True)
            return
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return
        self._listing = listing
        self.table.setRowCount(len(listing))
        for row, view in enumerate(listing):
            status = (translate("WatchlistDialog", "lifted {day}").format(day=view.lifted_on.isoformat())
                      if view.lifted_on else translate("WatchlistDialog", "active") if view.active
                      else translate("WatchlistDialog", "not begun") if view.start_date > self._watchlist.today()
                      else translate("WatchlistDialog", "ended"))
            cells = (kind_label(view.kind), view.name, view.id_number or "", view.room, view.start_date.isoformat(),
                     view.end_date.isoformat(), status, view.reason)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        rows = [row for row, view in enumerate(listing) if view.uuid == select_uuid]
        if rows or listing:
            self.table.selectRow(rows[0] if rows else 0)
        self._selection_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.edit_selected()
            return True
        return False

    def selected(self) -> WatchView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self._listing[rows[0].row()] if rows and rows[0].row() < len(self._listing) else None

    def _selection_changed(self) -> None:
        view = self.selected()
        self.edit_button.setEnabled(view is not None)
        self.lift_button.setEnabled(view is not None and view.lifted_on is None
                                    and view.end_date >= self._watchlist.today())

    # -- the entry --------------------------------------------------------------------------

    def new_entry(self) -> None:
        self.editing = None
        self.form_box.setTitle(translate("WatchlistDialog", "New entry"))
        self.save_button.setText(translate("WatchlistDialog", "Add"))
        self._fill(WatchDraft())
        self.name_edit.setFocus()

    def edit_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            full = self._watchlist.for_edit(self._actor, view.uuid)
        except (InvalidInput, NotPermitted) as err:
            self._refused(err)
            return
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return
        self.editing = view.uuid
        self.form_box.setTitle(translate("WatchlistDialog", "Editing {name} ({room})").format(
            name=view.name, room=view.room))
        self.save_button.setText(translate("WatchlistDialog", "Save changes"))
        self._fill(full)
        self.name_edit.setFocus()

    def _fill(self, draft: WatchDraft) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(draft.kind)))
        for key, edit in (("name", self.name_edit), ("id_number", self.id_edit), ("room", self.room_edit),
                          ("start_date", self.start_edit), ("end_date", self.end_edit),
                          ("reason", self.reason_edit)):
            edit.setText(getattr(draft, key))
        self._show_problems([])

    def draft(self) -> WatchDraft:
        return WatchDraft(str(self.kind_combo.currentData()), self.name_edit.text(), self.id_edit.text(),
                          self.room_edit.text(), self.start_edit.text(), self.end_edit.text(),
                          self.reason_edit.text())

    def save(self) -> None:
        draft = self.draft()
        try:
            if self.editing is None:
                view = self._watchlist.add(self._actor, draft)
                done = translate("WatchlistDialog", "{name} ({room}) is on the watchlist until {end}.")
            else:
                view = self._watchlist.edit(self._actor, self.editing, draft)
                done = translate("WatchlistDialog", "The changes to {name} ({room}) are saved; until {end}.")
        except InvalidInput as err:
            self._show_problems(err.problems)
            self._say("", error=False)
            return
        except NotPermitted as err:
            self._refused(err)
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.new_entry()
        today = self._watchlist.today()
        ended = view.end_date < today or (view.lifted_on is not None and view.lifted_on <= today)
        self.scope_combo.setCurrentIndex(1 if ended else 0)  # show the entry where it now is
        self.reload(view.uuid)
        self._say(done.format(name=view.name, room=view.room or "-", end=view.end_date.isoformat()), error=False)

    def lift_selected(self) -> None:
        view = self.selected()
        if view is None or not self.lift_button.isEnabled():
            return
        if not ask.confirm(self, translate("WatchlistDialog", "Lift"), translate(
                "WatchlistDialog", "End the watch on {name} ({room}) today? The gate stops alerting on them.").format(
                name=view.name, room=view.room or "-")):
            return
        try:
            self._watchlist.lift(self._actor, view.uuid)
        except (InvalidInput, NotPermitted) as err:
            self._refused(err)
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        if self.editing == view.uuid:
            self.new_entry()
        self.reload()
        self._say(translate("WatchlistDialog", "The watch on {name} ({room}) ended today.").format(
            name=view.name, room=view.room or "-"), error=False)

    # -- importing a list --------------------------------------------------------------------

    def start_import(self) -> None:
        if self._jobs is None:
            return
        start_import(self, self._watchlist, self._actor, self._jobs, self._imported, self._import_cancelled,
                     title=translate("WatchlistDialog", "Import watchlist"),
                     filters=translate("WatchlistDialog", "Watchlists (*.csv *.xlsx *.txt)"), describe=describe)

    def _imported(self, result: ImportResult) -> None:
        self.scope_combo.setCurrentIndex(0)
        self.reload()
        self._say(translate("WatchlistDialog", "Imported {imported}, updated {updated}, rejected {rejected}.").format(
            imported=result.imported, updated=result.updated, rejected=result.rejected), error=False)

    def _import_cancelled(self) -> None:
        self._say(translate("WatchlistDialog", "The import was cancelled; nothing was changed."), error=False)

    # -- messages ---------------------------------------------------------------------------

    def _show_problems(self, problems: list[Problem]) -> None:
        first: QWidget | None = None
        for key in FIELDS:
            mine = [i18n.problem_text(p) for p in problems if p.field == key]
            label = self.problem_labels[key]
            label.setText("\n".join(mine))
            label.setVisible(bool(mine))
            if mine and first is None:
                first = self.edits[key]
        others = [i18n.problem_text(p) for p in problems if p.field not in FIELDS]
        if others:
            self._say("\n".join(others), error=True)
        if first is not None:
            first.setFocus()
            if isinstance(first, QLineEdit):
                first.selectAll()

    def _refused(self, err: InvalidInput | NotPermitted) -> None:
        problems = err.problems if isinstance(err, InvalidInput) else [err.problem()]
        self._say("\n".join(i18n.problem_text(p) for p in problems), error=True)

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setProperty("role", "error" if error else "hint")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)


def _open(window: MainWindow, title: str, make: Callable[[], QDialog], check: Callable[[], object]) -> None:
    """Ask the service first (a guard is refused, and told why), then open the dialog."""
    try:
        check()
    except NotPermitted as err:
        ask.error(window, title, i18n.problem_text(err.problem()))
        return
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return
    make().exec()


def open_watchlist(window: MainWindow) -> None:
    """Station → Watchlist…: the supervisor's list; anyone else is told why not."""
    ctx = window.ctx
    if ctx is None:
        return
    _open(window, translate("WatchlistDialog", "Watchlist"),
          lambda: WatchlistDialog(ctx.watchlist, window.actor, window, window.jobs),
          lambda: ctx.watchlist.listing(window.actor))
