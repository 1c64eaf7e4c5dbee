"""The supervisor's operators list (Station → Operators…): who may log in at this desk.

A supervisor (负责人) adds guards, volunteers (值班员) and other supervisors, sets a new PIN
for one who forgot theirs (which also lifts a lock), lifts a lock after someone else
typed wrong PINs, changes a role, and takes an operator off duty or back on. The
service decides every one of these (services/operators.py: only supervisors, never the
last supervisor, all audited); this dialog only asks and shows what it said. Names kept
from before logins show "no PIN yet": adding an operator of that name gives them a login.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

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

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Actor, NotPermitted, Role

from checkpoint_app.services.errors import StorageError
from checkpoint_app.services.operators import OperatorInfo, OperatorService

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow

COLUMNS = 5  # name, role, can log in, locked until, on duty


def _pin_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent, objectName=name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(12)
    return edit


class OperatorsDialog(QDialog):
    """The list and what a supervisor may do with it. `own_login_ended` is True when a
    change ended the supervisor's own login (their PIN or role): the window then asks
    them to log in again."""

    def __init__(self, operators: OperatorService, actor: Actor, listing: list[OperatorInfo],
                 clock: Callable[[], dt.datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("operators_dialog")
        self.setWindowTitle(translate("OperatorsDialog", "Operators"))
        self._operators = operators
        self._actor = actor
        self._clock = clock
        self._listing: list[OperatorInfo] = []
        self.own_login_ended = False

        self.table = QTableWidget(0, COLUMNS, self, objectName="operators_table")
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the fields below (arrows move in it)
        self.table.setHorizontalHeaderLabels([
            translate("OperatorsDialog", "Name"), translate("OperatorsDialog", "Role"),
            translate("OperatorsDialog", "Can log in"), translate("OperatorsDialog", "Locked until"),
            translate("OperatorsDialog", "On duty")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        selected = QGroupBox(translate("OperatorsDialog", "Selected operator"), self)
        self.new_pin_edit = _pin_edit(selected, "new_pin_edit")
        self.new_pin2_edit = _pin_edit(selected, "new_pin2_edit")
        self.set_pin_button = QPushButton(translate("OperatorsDialog", "Set new PIN"), selected, objectName="set_pin_button")
        self.role_button = QPushButton(selected, objectName="change_role_button")
        self.active_button = QPushButton(selected, objectName="active_button")
        self.unlock_button = QPushButton(translate("OperatorsDialog", "Lift lock"), selected, objectName="operator_unlock_button")
        self.set_pin_button.clicked.connect(self.set_pin)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        pin_form = QFormLayout()
        pin_form.addRow(translate("OperatorsDialog", "New PIN"), self.new_pin_edit)
        pin_form.addRow(translate("OperatorsDialog", "New PIN again"), self.new_pin2_edit)
        buttons_row = QHBoxLayout()
        for button in (self.set_pin_button, self.unlock_button, self.role_button, self.active_button):
            button.setAutoDefault(False)
            buttons_row.addWidget(button)
        selected_layout = QVBoxLayout(selected)
        selected_layout.addLayout(pin_form)
        selected_layout.addLayout(buttons_row)
        self._selected_box = selected

        adding = QGroupBox(translate("OperatorsDialog", "Add an operator"), self)
        self.name_edit = QLineEdit(adding, objectName="add_name_edit")
        self.role_combo = QComboBox(adding, objectName="add_role_combo")
        for role in (Role.GUARD, Role.SUPERVISOR):
            self.role_combo.addItem(i18n.role_label(role.value), role.value)
        self.pin_edit = _pin_edit(adding, "add_pin_edit")
        self.pin2_edit = _pin_edit(adding, "add_pin2_edit")
        self.id_edit = QLineEdit(adding, objectName="add_id_edit")
        self.id_edit.setPlaceholderText(translate("LoginDialog", "optional: so your birth date is refused as a PIN"))
        self.add_button = QPushButton(translate("OperatorsDialog", "Add"), adding, objectName="add_operator_button")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        add_form = QFormLayout(adding)
        add_form.addRow(translate("OperatorsDialog", "Name"), self.name_edit)
        add_form.addRow(translate("OperatorsDialog", "Role"), self.role_combo)
        add_form.addRow(translate("OperatorsDialog", "PIN"), self.pin_edit)
        add_form.addRow(translate("OperatorsDialog", "PIN again"), self.pin2_edit)
        add_form.addRow(translate("OperatorsDialog", "ID number"), self.id_edit)
        add_form.addRow("", self.add_button)
        for edit in (self.name_edit, self.pin_edit, self.pin2_edit, self.id_edit):
            edit.returnPressed.connect(self.add)  # Enter in the new operator's fields adds them
        for edit in (self.new_pin_edit, self.new_pin2_edit):
            edit.returnPressed.connect(self.set_pin)

        self.message_label = QLabel(self, objectName="operators_message_label")
        self.message_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(selected)
        layout.addWidget(adding)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.setMinimumSize(620, 560)
        self._show(listing)
        self.table.setFocus()

    # -- showing ------------------------------------------------------------------------------

    def _show(self, listing: list[OperatorInfo], select_id: int | None = None) -> None:
        current = self.selected()
        select_id = select_id if select_id is not None else (current.id if current else None)
        self._listing = listing
        now = self._clock()
        self.table.setRowCount(len(listing))
        for row, op in enumerate(listing):
            locked = op.locked_until is not None and op.locked_until > now
            cells = (
                op.name, i18n.role_label(op.role.value),
                translate("OperatorsDialog", "yes") if op.can_log_in else translate("OperatorsDialog", "no PIN yet"),
                op.locked_until.astimezone(now.tzinfo).strftime("%H:%M") if locked and op.locked_until else "",
                translate("OperatorsDialog", "yes") if op.active else translate("OperatorsDialog", "off duty"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        rows = [row for row, op in enumerate(listing) if op.id == select_id]
        self.table.selectRow(rows[0] if rows else 0)
        self._selection_changed()

    def selected(self) -> OperatorInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self._listing[rows[0].row()] if rows and rows[0].row() < len(self._listing) else None

    def select(self, name: str) -> None:
        """Select an operator by name (tests, and after adding one)."""
        for row, op in enumerate(self._listing):
            if op.name == name:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        op = self.selected()
        self._selected_box.setEnabled(op is not None)
        if op is None:
            return
        self.role_button.setText(translate("OperatorsDialog", "Make guard") if op.role == Role.SUPERVISOR
                                 else translate("OperatorsDialog", "Make supervisor"))
        self.active_button.setText(translate("OperatorsDialog", "Take off duty") if op.active
                                   else translate("OperatorsDialog", "Put back on duty"))
        self.unlock_button.setEnabled(op.locked_until is not None and op.locked_until > self._clock())

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setProperty("role", "error" if error else "hint")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)

    # -- doing --------------------------------------------------------------------------------

    def _run(self, change: Callable[[], object], done: str, select_id: int | None = None) -> bool:
        """Ask the service; show its answer; read the list again."""
        try:
            change()
        except InvalidInput as err:
            self._say("\n".join(i18n.problem_text(p) for p in err.problems), error=True)
            return False
        except NotPermitted as err:
            self._say(i18n.problem_text(err.problem()), error=True)
            return False
        except StorageError as err:
            ask.storage_error(self, err)
            return False
        if not self._operators.still_logged_in(self._actor):  # they changed their own PIN or role
            self.own_login_ended = True
            self.accept()
            return True
        try:
            self._show(self._operators.listing(self._actor), select_id)
        except (NotPermitted, StorageError):
            self.accept()
            return True
        self._say(done, error=False)
        return True

    def _same_twice(self, first: QLineEdit, second: QLineEdit) -> bool:
        if first.text() == second.text():
            return True
        self._say(translate("LoginDialog", "The two PINs differ: type the same PIN twice."), error=True)
        second.clear()
        second.setFocus()
        return False

    def add(self) -> None:
        if not self._same_twice(self.pin_edit, self.pin2_edit):
            return
        name = self.name_edit.text()
        added: list[OperatorInfo] = []
        if self._run(lambda: added.append(self._operators.create(
                self._actor, name, Role(self.role_combo.currentData()), self.pin_edit.text(), self.id_edit.text())),
                translate("OperatorsDialog", "{name} was added and can log in now.").format(name=name.strip())):
            if added and not self.own_login_ended:
                self.select(added[0].name)
            for edit in (self.name_edit, self.pin_edit, self.pin2_edit, self.id_edit):
                edit.clear()
        else:
            self.pin_edit.clear()
            self.pin2_edit.clear()
            (self.pin_edit if self.name_edit.text().strip() else self.name_edit).setFocus()

    def set_pin(self) -> None:
        op = self.selected()
        if op is None or not self._same_twice(self.new_pin_edit, self.new_pin2_edit):
            return
        self._run(lambda: self._operators.set_pin(self._actor, op.id, self.new_pin_edit.text()),
                  translate("OperatorsDialog", "{name} has a new PIN; any lock is lifted.").format(name=op.name), op.id)
        self.new_pin_edit.clear()
        self.new_pin2_edit.clear()

    def unlock(self) -> None:
        op = self.selected()
        if op is not None:
            self._run(lambda: self._operators.unlock(self._actor, op.id),
                      translate("OperatorsDialog", "{name} may log in again.").format(name=op.name), op.id)

    def change_role(self) -> None:
        op = self.selected()
        if op is None:
            return
        role = Role.GUARD if op.role == Role.SUPERVISOR else Role.SUPERVISOR
        self._run(lambda: self._operators.change(self._actor, op.id, role=role),
                  translate("OperatorsDialog", "{name} is now {role}.").format(name=op.name, role=i18n.role_label(role.value)),
                  op.id)

    def toggle_active(self) -> None:
        op = self.selected()
        if op is None:
            return
        done = (translate("OperatorsDialog", "{name} is off duty and cannot log in.") if op.active
                else translate("OperatorsDialog", "{name} is back on duty.")).format(name=op.name)
        self._run(lambda: self._operators.change(self._actor, op.id, active=not op.active), done, op.id)


def open_operators(window: MainWindow) -> None:
    """Station → Operators…: the supervisor's list; anyone else is told why not (the
    service refuses and audits it)."""
    ctx = window.ctx
    try:
        listing = ctx.operators.listing(window.actor)
    except NotPermitted as err:
        ask.error(window, translate("OperatorsDialog", "Operators"), i18n.problem_text(err.problem()))
        return
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return
    dialog = OperatorsDialog(ctx.operators, window.actor, listing, ctx.clock, window)
    dialog.exec()
    if dialog.own_login_ended and window.idle_lock is not None:
        window.idle_lock.lock(translate("OperatorsDialog", "Your PIN or role changed, so your login ended. "
                                                           "Log in again."))
