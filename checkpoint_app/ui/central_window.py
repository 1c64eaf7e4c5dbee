"""The district office's window (`checkpoint-central`, 区疫情防控办): enroll stations, import
the batches their supervisors bring on USB sticks, write the acknowledgement (回执) back
onto the stick, and see at a glance who reported, who is late and who is missing.

The window holds the office service (checkpoint_app/central, no Qt) and the unlocked
office identity; long work (an import) runs on the job runner (ui/jobs.py) with a
progress bar. Four tabs: Stations, Gaps, Daily completeness (ui/central_tabs.py) and
Conflicts (ui/central_conflicts.py); the import dialog is ui/central_import.py. Every refusal is the service's, in words."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QTabWidget, QToolBar, QWidget

from checkpoint_app.core.problems import InvalidInput

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import call, refusal_text
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.jobs import JobRunner

log = logging.getLogger("checkpoint.ui")


class CentralWindow(QMainWindow):
    def __init__(self, office: Any, identity: Any, parent: QWidget | None = None, list_drives=None):
        """`office`: the office service (checkpoint_app/central); `identity`: the
        unlocked OfficeIdentity (batches are decrypted and acknowledgements signed with it)."""
        super().__init__(parent)
        from checkpoint_app.ui.central_conflicts import ConflictsTab
        from checkpoint_app.ui.central_tabs import CompletenessTab, GapsTab, StationsTab

        self.setObjectName("central_window")
        self.office, self.identity = office, identity
        self._list_drives = list_drives
        self.jobs = JobRunner(self)
        self.setWindowTitle(translate("CentralWindow", "Checkpoint batches — district office") +
                            (f" — {identity.name}" if getattr(identity, "name", "") else ""))
        self.tabs = QTabWidget(objectName="central_tabs")
        self.stations_tab = StationsTab(self)
        self.gaps_tab = GapsTab(self)
        self.completeness_tab = CompletenessTab(self)
        self.tabs.addTab(self.stations_tab, translate("CentralWindow", "&Stations"))
        self.tabs.addTab(self.gaps_tab, translate("CentralWindow", "&Gaps"))
        self.tabs.addTab(self.completeness_tab, translate("CentralWindow", "Daily &completeness"))
        self.conflicts_tab = ConflictsTab(self)
        self.tabs.addTab(self.conflicts_tab, self.conflicts_tab.title())
        self.setCentralWidget(self.tabs)
        self.setStatusBar(QStatusBar(self))
        self.status_label = QLabel(objectName="central_status_label")
        self.statusBar().addWidget(self.status_label, 1)
        self._actions()
        self.jobs.busy_changed.connect(self._busy)
        self.resize(1366, 740)
        self.refresh()

    def _actions(self) -> None:
        self.enroll_action = QAction(translate("CentralWindow", "&Enroll station…"), self,
                                     objectName="enroll_station_action", triggered=self.enroll)
        self.import_action = QAction(translate("CentralWindow", "&Import batches…"), self,
                                     objectName="import_batches_action", triggered=self.import_batches)
        self.import_action.setShortcuts([QKeySequence("Ctrl+I")])
        self.ack_action = QAction(translate("CentralWindow", "Write &acknowledgement to stick…"), self,
                                  objectName="write_ack_action", triggered=self.write_ack)
        refresh = QAction(translate("CentralWindow", "&Refresh"), self, objectName="central_refresh_action",
                          triggered=self.refresh)
        refresh.setShortcuts([QKeySequence("F5")])
        quit_ = QAction(translate("CentralWindow", "&Quit"), self, objectName="central_quit_action", triggered=self.close)
        quit_.setShortcuts([QKeySequence("Ctrl+Q")])
        menu = self.menuBar().addMenu(translate("CentralWindow", "&Office"))
        menu.addActions([self.enroll_action, self.import_action, self.ack_action, refresh])
        menu.addSeparator()
        menu.addAction(quit_)
        toolbar = QToolBar(translate("CentralWindow", "Office"), self, objectName="central_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.enroll_action, self.import_action, self.ack_action, refresh])
        self.addToolBar(toolbar)

    def _busy(self, busy: bool) -> None:
        for action in (self.enroll_action, self.import_action, self.ack_action):
            action.setEnabled(not busy)

    def refresh(self) -> None:
        """Read the stations, the gaps and the chosen day's completeness again."""
        self.stations_tab.reload()
        self.gaps_tab.reload()
        self.completeness_tab.reload()
        self.conflicts_tab.reload()

    def say(self, text: str) -> None:
        self.status_label.setText(text)

    # -- enroll ----------------------------------------------------------------------------

    def enroll(self) -> bool:
        """Enroll a station from the file its supervisor brought, after comparing the
        fingerprint over the phone. A new key for an enrolled station (a reinstalled
        laptop) is asked about separately: it replaces the old one only if confirmed."""
        from checkpoint_app.batch.keys import Enrollment

        title = translate("CentralWindow", "Enroll station")
        chosen = ask.open_file(self, title, translate("CentralWindow", "Enrollment file (enrollment-*.json);;*"))
        if not chosen:
            return False
        path = Path(chosen)
        ok, enrollment = call(self, title, lambda: Enrollment.from_text(_read_text(path), path.name))
        if not ok:
            return False
        station = enrollment.station
        question = translate("CentralWindow", "Enroll station {code} “{name}” ({district})?\n\nAsk the station's "
                                              "supervisor to read their fingerprint over the phone. Confirm only if "
                                              "it is the same as this one, digit for digit.").format(
            code=enrollment.code, name=station.get("name", ""), district=station.get("district", ""))
        if not ask.confirm_key(self, title, question, enrollment.fingerprint):
            return False
        try:
            result = self.office.enroll(path)
        except InvalidInput as refused:
            if getattr(refused, "reason", None) != "key_differs":
                ask.error(self, title, refusal_text(refused) or "")
                return False
            if not ask.confirm(self, title, refusal_text(refused) + "\n\n" + translate(
                    "CentralWindow", "Replace the station's key with the new one? Batches signed with the old key "
                                     "will no longer be accepted.")):
                return False
            ok, result = call(self, title, lambda: self.office.enroll(path, replace=True), during="save")
            if not ok:
                return False
        except StorageError as err:
            ask.error(self, title, refusal_text(err, during="save") or "")
            return False
        self.say({"enrolled": translate("CentralWindow", "Station {code} enrolled."),
                  "unchanged": translate("CentralWindow", "Station {code} was already enrolled with this key: its "
                                                          "name and sub-district were refreshed."),
                  "replaced": translate("CentralWindow", "Station {code}: its key was replaced.")}.get(
            result.status, translate("CentralWindow", "Station {code} enrolled.")).format(code=enrollment.code))
        self.refresh()
        return True

    # -- import ----------------------------------------------------------------------------

    def import_batches(self):
        from checkpoint_app.ui.central_import import ImportDialog

        dialog = ImportDialog(self, self._list_drives)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -- acknowledgement -------------------------------------------------------------------

    def write_ack(self) -> bool:
        from checkpoint_app.ui.batch_ledger import choose_target

        title = translate("CentralWindow", "Write acknowledgement to stick")
        target = choose_target(self, title, self._list_drives)
        if target is None:
            return False
        ok, written = call(self, title, lambda: self.office.write_ack(Path(target), self.identity), during="save")
        if not ok:
            return False
        try:
            count = len(json.loads(Path(written).read_text(encoding="utf-8")).get("batches") or [])
        except (OSError, ValueError):
            count = 0
        self.say(translate("CentralWindow", "Acknowledgement (回执) of {count} batches written to {target}. The stick "
                                            "can be removed (可以拔出U盘).").format(target=target, count=count))
        return True


def _read_text(path: Path) -> str:
    from checkpoint_app.batch.errors import BatchRejected

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BatchRejected("unreadable", file=path.name,
                            what=getattr(error, "strerror", None) or type(error).__name__) from None
