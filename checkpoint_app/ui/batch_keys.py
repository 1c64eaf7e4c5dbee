"""Station → Office keys… (区级公钥) and Station → Enrollment file… (登记文件).

A batch is encrypted to the district office's key (and an escrow key) and the office
trusts the station's signing key; neither side can check a key file it was handed, so
each key's fingerprint is read aloud over the phone and compared. Importing a key shows
its name and fingerprint in large digits and asks before trusting it; the enrollment file
is saved for the office and the station's own fingerprint shown to read to them.
Both are a supervisor's: the service refuses a guard, and the refusal is shown here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import big_digits, call, fill, refusal_text, table
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow

OFFICE, ESCROW = "office", "escrow"
KEY_FILTER = "office.pub / escrow.pub (*.pub);;*"


def role_label(role: str) -> str:
    return {OFFICE: translate("batches", "District office (区疫情防控办)"),
            ESCROW: translate("batches", "Escrow (spare key)")}.get(role, role)


class OfficeKeysDialog(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("office_keys_dialog")
        self.setWindowTitle(translate("batches", "Office keys"))
        self.window_ = window
        self.service = window.ctx.batches
        explain = QLabel(translate(
            "batches", "Batches are encrypted to the district office's key and to a spare (escrow) key, so a lost "
                       "stick is useless to whoever finds it. Import the key files the office gave you, and read "
                       "each fingerprint back to the office over the phone before you confirm."),
            objectName="office_keys_explain", wordWrap=True)
        self.table = table("office_keys_table", [translate("batches", "Key"), translate("batches", "Name"),
                                                 translate("batches", "Fingerprint")])
        self.own = big_digits("station_fingerprint_label")
        self.status = QLabel(objectName="office_keys_status", wordWrap=True)
        self.import_office = QPushButton(translate("batches", "Import &office key…"), objectName="import_office_key_button")
        self.import_escrow = QPushButton(translate("batches", "Import &escrow key…"), objectName="import_escrow_key_button")
        close = QPushButton(translate("batches", "Close"), objectName="office_keys_close_button")
        own_form = QFormLayout()
        own_form.addRow(translate("batches", "This station's fingerprint:"), self.own)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_office)
        buttons.addWidget(self.import_escrow)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(own_form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.import_office.clicked.connect(lambda: self.import_key(OFFICE))
        self.import_escrow.clicked.connect(lambda: self.import_key(ESCROW))
        close.clicked.connect(self.close)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        try:
            keys = list(self.service.office_keys())
            own = self.service.station_key()
        except StorageError as err:
            self.status.setText(ask.storage_message(err, "read"))
            return
        fill(self.table, [[role_label(k.role), k.name, k.fingerprint] for k in keys])
        self.own.setText(own.fingerprint)
        missing = {OFFICE, ESCROW} - {k.role for k in keys}
        self.status.setText(translate("batches", "Missing: {keys}. Export is refused until both are imported.").format(
            keys=", ".join(role_label(r) for r in sorted(missing))) if missing else "")

    def import_key(self, role: str) -> bool:
        title = translate("batches", "Import office key") if role == OFFICE else translate("batches", "Import escrow key")
        chosen = ask.open_file(self, title, KEY_FILTER)
        if not chosen:
            return False
        ok, key = call(self, title, lambda: self.service.read_office_key(Path(chosen)))
        if not ok:
            return False
        if key.role != role:
            ask.error(self, title, translate("batches", "{file} is the {found} key, not the {wanted} key.").format(
                file=Path(chosen).name, found=role_label(key.role), wanted=role_label(role)))
            return False
        question = translate("batches", "Import the key of “{name}” ({role})?\n\nRead the fingerprint below to the "
                                        "office over the phone. Confirm only if it is the same as theirs, digit for "
                                        "digit.").format(name=key.name, role=role_label(role))
        if not ask.confirm_key(self, title, question, key.fingerprint):
            return False
        ok, _ = call(self, title, lambda: self.service.import_office_key(self.window_.actor, Path(chosen), role),
                     during="save")
        if ok:
            self.reload()
            missing = self.status.text()
            self.status.setText("\n".join(filter(None, [translate(
                "batches", "Imported: {name}, fingerprint {fingerprint}.").format(
                name=key.name, fingerprint=key.fingerprint), missing])))
        return ok


def open_office_keys(window: MainWindow) -> OfficeKeysDialog | None:
    if window.ctx is None:
        return None
    dialog = OfficeKeysDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def write_enrollment(window: MainWindow) -> Path | None:
    """Station → Enrollment file…: save it where the supervisor says (a stick), then show
    the station's fingerprint to read to the office."""
    if window.ctx is None:
        return None
    title = translate("batches", "Enrollment file")
    service = window.ctx.batches
    station = window.ctx.station.current()
    code = station.code if station is not None else "station"
    chosen = ask.save_file(window, title, str(Path.home() / f"enrollment-{code}.json"),
                           translate("batches", "Enrollment file (*.json)"))
    if not chosen:
        return None
    try:
        service.write_enrollment(window.actor, Path(chosen))
        fingerprint = service.station_key().fingerprint
    except (NotPermitted, InvalidInput, StorageError) as error:
        ask.error(window, title, refusal_text(error, during="save") or "")
        return None
    ask.info(window, title, translate(
        "batches", "The enrollment file is saved as {path}.\n\nTake it to the district office (区疫情防控办) and read "
                   "them this station's fingerprint over the phone:").format(path=chosen), fingerprint)
    return Path(chosen)
