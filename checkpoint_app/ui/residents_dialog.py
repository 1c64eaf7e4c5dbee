"""Station → Residents… (住户): the compound's residents, searched, added, edited, marked
moved out, and imported from the property office's list (ui/residents_import.py).

The list shows what the service hands out: names, phones and ID numbers masked. Editing
a resident loads their full values through the service's audited `draft_of` (a
supervisor's), only when the supervisor asks for it (Edit), never on selection. Every
change is the service's decision (services/residents.py: supervisors only, validated
with the import's own rules, audited); this dialog asks and shows what it answered. A
guard may open the list and search it; the buttons that change it are disabled for them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.resident_rules import ResidentDraft
from checkpoint_app.core.roles import Action, Actor, NotPermitted, may

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.residents_import import field_label, start_import

if TYPE_CHECKING:
    from checkpoint_app.services.residents import ImportResult, ResidentsService, ResidentView

    from checkpoint_app.ui.jobs import JobRunner
    from checkpoint_app.ui.main_window import MainWindow

PAGE = 500  # residents listed at once; the search narrows the rest down
FIELDS = ("name", "room", "phone", "id_number", "plates", "pass_code")


class ResidentsDialog(QDialog):
    def __init__(self, residents: ResidentsService, actor: Actor | None, jobs: JobRunner,
                 today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("residents_dialog")
        self.setWindowTitle(translate("ResidentsDialog", "Residents"))
        self._residents = residents
        self._actor = actor
        self._jobs = jobs
        self._today = today
        self._listing: list[ResidentView] = []
        self._editing: str | None = None  # the uuid being edited; None: a new resident

        self.search_edit = QLineEdit(self, objectName="residents_search_edit")
        self.search_edit.setPlaceholderText(translate("ResidentsDialog", "Room (3-5-502), last 4 digits of the phone, "
                                                                         "or part of the name"))
        self.search_edit.textChanged.connect(self.reload)
        self.moved_out_check = QCheckBox(translate("ResidentsDialog", "Show moved out"), self,
                                         objectName="residents_moved_out_check")
        self.moved_out_check.toggled.connect(self.reload)
        self.count_label = QLabel(self, objectName="residents_count_label")
        self.table = QTableWidget(0, 7, self, objectName="residents_table")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([field_label(f) for f in FIELDS] + [translate("ResidentsDialog",
                                                                                          "Moved out")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.form_box = QGroupBox(translate("ResidentsDialog", "New resident"), self)
        form = QFormLayout(self.form_box)
        self.edits: dict[str, QLineEdit] = {}
        for name in FIELDS:
            edit = QLineEdit(self.form_box, objectName=f"resident_{name}_edit")
            edit.returnPressed.connect(self.save)  # Enter in any field saves
            self.edits[name] = edit
            form.addRow(field_label(name), edit)
        self.edits["plates"].setPlaceholderText(translate("ResidentsDialog", "several separated by 、"))

        buttons = QHBoxLayout()
        self.new_button = self._button(translate("ResidentsDialog", "New"), "resident_new_button", self.new, buttons)
        self.edit_button = self._button(translate("ResidentsDialog", "Edit selected"), "resident_edit_button",
                                        self.edit_selected, buttons)
        self.save_button = self._button(translate("ResidentsDialog", "Save"), "resident_save_button", self.save, buttons)
        self.move_out_button = self._button(translate("ResidentsDialog", "Mark moved out"), "resident_move_out_button",
                                            self.move_out, buttons)
        self.import_button = self._button(translate("ResidentsDialog", "Import list…"), "residents_import_button",
                                          self.start_import, buttons)
        managing = actor is not None and may(actor.role, Action.MANAGE_RESIDENTS)
        for widget in (self.form_box, self.new_button, self.edit_button, self.save_button, self.move_out_button,
                       self.import_button):
            widget.setEnabled(managing)

        self.message_label = QLabel(self, objectName="residents_message_label")
        self.message_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.moved_out_check)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.form_box)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.setMinimumSize(760, 600)
        self.reload()
        self.search_edit.setFocus()

    def _button(self, text: str, name: str, slot, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self, objectName=name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- the list -----------------------------------------------------------------------

    def reload(self) -> None:
        text, moved = self.search_edit.text(), self.moved_out_check.isChecked()
        try:
            self._listing = self._residents.list(self._actor, text, include_moved_out=moved, limit=PAGE)
            total = self._residents.count(self._actor, text, include_moved_out=moved)
        except NotPermitted as err:
            self._say(i18n.problem_text(err.problem()), error=True)
            return
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return
        self.table.setRowCount(len(self._listing))
        for row, view in enumerate(self._listing):
            cells = (view.name, view.room, view.phone or "", view.id_number or "", "、".join(view.plates),
                     view.pass_code or "", view.moved_out_on.isoformat() if view.moved_out_on else
                     (translate("ResidentsDialog", "yes") if view.moved_out else ""))
            for column, text_ in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text_))
        self.table.resizeColumnsToContents()
        if self._listing:
            self.table.selectRow(0)
        self.count_label.setText(translate("ResidentsDialog", "{shown} of {count} residents shown").format(
            shown=len(self._listing), count=total))

    def selected(self) -> ResidentView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self._listing[rows[0].row()] if rows and rows[0].row() < len(self._listing) else None

    def select_room(self, room: str) -> None:
        """Select the first resident of `room` (tests, and after saving one)."""
        for row, view in enumerate(self._listing):
            if view.room == room:
                self.table.selectRow(row)
                return

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setProperty("role", "error" if error else "hint")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)

    def _refused(self, err: Exception) -> None:
        if isinstance(err, InvalidInput):
            self._say("\n".join(f"{field_label(p.field)}: {i18n.problem_text(p)}" for p in err.problems), error=True)
        elif isinstance(err, NotPermitted):
            self._say(i18n.problem_text(err.problem()), error=True)
        elif isinstance(err, StorageError):
            ask.storage_error(self, err)

    # -- one resident -------------------------------------------------------------------

    def new(self) -> None:
        self._editing = None
        self.form_box.setTitle(translate("ResidentsDialog", "New resident"))
        for edit in self.edits.values():
            edit.clear()
        self.edits["name"].setFocus()

    def edit_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            draft = self._residents.draft_of(self._actor, view.uuid)
        except (InvalidInput, NotPermitted, StorageError) as err:
            self._refused(err)
            return
        self._editing = view.uuid
        self.form_box.setTitle(translate("ResidentsDialog", "Editing the resident of {room}").format(room=view.room))
        for name, edit in self.edits.items():
            edit.setText(getattr(draft, name))
        self.edits["name"].setFocus()

    def save(self) -> None:
        draft = ResidentDraft(**{name: edit.text() for name, edit in self.edits.items()})
        try:
            saved = self._residents.save(self._actor, draft, self._editing)
        except (InvalidInput, NotPermitted, StorageError) as err:
            self._refused(err)
            return
        done = (translate("ResidentsDialog", "The resident of {room} was saved.") if self._editing else
                translate("ResidentsDialog", "A resident of {room} was added.")).format(room=saved.room)
        self.new()
        self.reload()
        self.select_room(saved.room)
        self._say(done, error=False)

    def move_out(self) -> None:
        view = self.selected()
        if view is None or not ask.confirm(self, translate("ResidentsDialog", "Mark moved out"), translate(
                "ResidentsDialog", "Mark the resident {name} of {room} as moved out today? They will no longer pass "
                                   "as a resident.").format(name=view.name, room=view.room)):
            return
        try:
            self._residents.move_out(self._actor, view.uuid, self._today)
        except (InvalidInput, NotPermitted, StorageError) as err:
            self._refused(err)
            return
        self.reload()
        self._say(translate("ResidentsDialog", "The resident of {room} is marked moved out.").format(room=view.room),
                  error=False)

    # -- importing ----------------------------------------------------------------------

    def start_import(self) -> None:
        start_import(self, self._residents, self._actor, self._jobs, self._imported, self._import_cancelled)

    def _imported(self, result: ImportResult) -> None:
        self.reload()
        self._say(translate("ResidentsDialog", "Imported {imported}, updated {updated}, rejected {rejected}.").format(
            imported=result.imported, updated=result.updated, rejected=result.rejected), error=False)

    def _import_cancelled(self) -> None:
        self._say(translate("ResidentsDialog", "The import was cancelled; nothing was changed."), error=False)


def open_residents(window: MainWindow) -> None:
    """Station → Residents…: the list for anyone logged in; changes are a supervisor's."""
    ctx = window.ctx
    dialog = ResidentsDialog(ctx.residents, window.actor, window.jobs, ctx.clock().date(), window)
    dialog.exec()
