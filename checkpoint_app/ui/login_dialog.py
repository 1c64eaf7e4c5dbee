"""Logging in at the desk: pick your name, type your PIN, Enter. And on the first run
(or the first start after an upgrade from before logins), creating the station's
first supervisor.

Keyboard only: the name list takes the first letters typed, Tab goes to the PIN, Enter
logs in. A wrong PIN says how many tries are left; a locked operator is told for how
long. The services decide all of it (services/operators.py); this only asks.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.paths import DataPaths

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Actor

from checkpoint_app.services import encryption
from checkpoint_app.services.errors import StorageError
from checkpoint_app.services.operators import OperatorService

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate


def _pin_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(12)
    return edit


class _NameAndPin(QDialog):
    """The login's form: the operator list, the PIN, a message line, Log in / Cancel.
    `choices` are (label, data) for the list; `attempt(data, pin)` does the login and
    raises InvalidInput or StorageError; the dialog accepts when it returns."""

    def __init__(self, object_name: str, intro_text: str, choices: list[tuple[str, object]],
                 parent: QWidget | None = None, preselect: object = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMinimumWidth(420)  # a long name and a message fit without squashing the fields
        self.setWindowTitle(translate("LoginDialog", "Log in"))
        self.name_combo = QComboBox(self)
        self.name_combo.setObjectName("login_name_combo")
        for label, data in choices:
            self.name_combo.addItem(label, data)
        if preselect is not None and (index := self.name_combo.findData(preselect)) >= 0:
            self.name_combo.setCurrentIndex(index)
        self.pin_edit = _pin_edit(self, "login_pin_edit")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("login_message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        intro = QLabel(intro_text, self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("LoginDialog", "&Operator"), self.name_combo)
        form.addRow(translate("LoginDialog", "&PIN"), self.pin_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("LoginDialog", "Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("login_button")
        buttons.accepted.connect(self.log_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        (self.pin_edit if preselect else self.name_combo).setFocus()

    def attempt(self, data: object, pin: str) -> None:
        raise NotImplementedError

    def log_in(self) -> None:
        if not self.pin_edit.text():  # Enter before the PIN: not a wrong PIN (it would count)
            self.message_label.setText(translate("LoginDialog", "Type your PIN, then press Enter."))
            self.pin_edit.setFocus()
            return
        try:
            self.attempt(self.name_combo.currentData(), self.pin_edit.text())
        except InvalidInput as err:
            self.message_label.setText("\n".join(i18n.problem_text(p) for p in err.problems))
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            self.adjustSize()  # room for the message: the fields keep their size
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.accept()


class LoginDialog(_NameAndPin):
    """Who is at the desk. `actor` holds the login once accepted."""

    def __init__(self, operators: OperatorService, parent: QWidget | None = None, preselect: str | None = None,
                 reason: str = ""):
        choices: list[tuple[str, object]] = [(f"{op.name} ({i18n.role_label(op.role.value)})", op.name)
                                             for op in operators.all() if op.can_log_in]
        self._operators = operators
        self.actor: Actor | None = None
        super().__init__("login_dialog", reason or translate("LoginDialog", "Choose your name and type your PIN."),
                         choices, parent, preselect)

    def attempt(self, data: object, pin: str) -> None:
        self.actor = self._operators.login(str(data or ""), pin)


class FirstSupervisorDialog(QDialog):
    """The station's first supervisor (负责人): name, PIN twice, optionally the ID number
    (only to refuse a PIN that is the birth date in it; not stored)."""

    def __init__(self, operators: OperatorService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("first_supervisor_dialog")
        self.setWindowTitle(translate("LoginDialog", "The station's supervisor"))
        self._operators = operators
        self.actor: Actor | None = None
        intro = QLabel(translate(
            "LoginDialog", "Every entry is signed by the operator logged in. First, the supervisor (负责人) of this "
                           "station: they add the guards and volunteers and may see full ID numbers. The PIN is 6 to "
                           "12 digits; keep it to yourself."), self)
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(self, objectName="supervisor_name_edit")
        self.pin_edit = _pin_edit(self, "supervisor_pin_edit")
        self.pin2_edit = _pin_edit(self, "supervisor_pin2_edit")
        self.id_edit = QLineEdit(self, objectName="supervisor_id_edit")
        self.id_edit.setPlaceholderText(translate("LoginDialog", "optional: so your birth date is refused as a PIN"))
        self.message_label = QLabel(self, objectName="supervisor_message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(translate("LoginDialog", "&Name"), self.name_edit)
        form.addRow(translate("LoginDialog", "&PIN"), self.pin_edit)
        form.addRow(translate("LoginDialog", "PIN &again"), self.pin2_edit)
        form.addRow(translate("LoginDialog", "&ID number"), self.id_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("supervisor_save_button")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        if self.pin_edit.text() != self.pin2_edit.text():
            self.message_label.setText(translate("LoginDialog", "The two PINs differ: type the same PIN twice."))
            self.pin2_edit.clear()
            self.pin2_edit.setFocus()
            return
        try:
            self.actor = self._operators.create_first_supervisor(
                self.name_edit.text(), self.pin_edit.text(), self.id_edit.text())
        except InvalidInput as err:
            self.message_label.setText("\n".join(i18n.problem_text(p) for p in err.problems))
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.accept()


class UnlockDialog(_NameAndPin):
    """The login of an encrypted register, before it is open: the list comes from the key
    file (masked names), the PIN unwraps the register's key (services/encryption.py).
    `key`, `operator_id` and `pin` hold the result once accepted; the app then logs the
    operator in on the opened register with the same PIN (audited there)."""

    def __init__(self, paths: DataPaths, clock: Callable[[], dt.datetime], parent: QWidget | None = None):
        self._paths, self._clock = paths, clock
        self.key: bytes | None = None
        self.operator_id: int | None = None
        self.pin = ""
        choices: list[tuple[str, object]] = [(f"{c.label} ({i18n.role_label(c.role)})", c.operator_id)
                                             for c in encryption.choices(paths)]
        super().__init__("unlock_dialog", translate(
            "LoginDialog", "The register is encrypted: your PIN opens it. Choose your name and type your PIN."),
            choices, parent)

    def attempt(self, data: object, pin: str) -> None:
        operator_id = int(str(data or 0))
        self.key = encryption.unlock(self._paths, operator_id, pin, self._clock())
        self.operator_id, self.pin = operator_id, pin


def ask_login(operators: OperatorService, parent: QWidget | None = None) -> Actor | None:
    """At start: the first supervisor if the station has none yet, else a login.
    None when the guard cancelled (the app then closes)."""
    dialog: FirstSupervisorDialog | LoginDialog
    dialog = FirstSupervisorDialog(operators, parent) if operators.needs_first_supervisor() else LoginDialog(
        operators, parent)
    return dialog.actor if dialog.exec() else None
