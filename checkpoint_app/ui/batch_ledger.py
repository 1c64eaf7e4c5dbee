"""Station → Batches ledger… (批次台账): every batch written, newest first (number, time,
what it carried, the days it declared, where it was written, verified, acknowledged),
and "Write again…" for the selected one: the same bytes onto another stick or folder
(a lost stick, an office that did not receive it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import KeepsOpenWhileWorking, as_problem, fill, refusal_text, table
from checkpoint_app.ui.batch_labels import counts_text, numbers_text, span_text
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.target_picker import TargetPicker

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _days(entry) -> str:
    return span_text(entry.first_day, entry.last_day)


class LedgerDialog(KeepsOpenWhileWorking, QDialog):
    def __init__(self, window: MainWindow, list_drives=None):
        super().__init__(window)
        self.setObjectName("ledger_dialog")
        self.setWindowTitle(translate("batches", "Batches ledger"))
        self.window_ = window
        self.service = window.ctx.batches
        self._list_drives = list_drives
        self.entries: list[Any] = []
        self.table = table("ledger_table", [
            translate("batches", "No."), translate("batches", "Written"), translate("batches", "By"),
            translate("batches", "Records"), translate("batches", "Days"), translate("batches", "Verified"),
            translate("batches", "Acknowledged (回执)"), translate("batches", "Written to")])
        self.status = QLabel(objectName="ledger_status_label", wordWrap=True)
        self.again_button = QPushButton(translate("batches", "&Write again…"), objectName="write_again_button")
        close = QPushButton(translate("batches", "Close"), objectName="ledger_close_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.again_button.clicked.connect(self.write_again)
        close.clicked.connect(self.close)
        self.table.itemSelectionChanged.connect(self._enable)
        self.resize(1180, 480)
        self.reload()

    def reload(self) -> bool:
        try:
            self.entries = list(self.service.ledger(self.window_.actor))
        except (NotPermitted, InvalidInput, StorageError) as error:
            self.status.setText(refusal_text(error) or "")
            self.entries = []
            return False
        fill(self.table, [[e.number, _when(e.created_at), e.created_by, counts_text(e.counts), _days(e),
                           _when(e.verified_at),
                           _when(e.acknowledged_at) if e.acknowledged else translate("batches", "not yet"),
                           e.last_target] for e in self.entries])
        waiting = [e.number for e in self.entries if not e.acknowledged]
        self.status.setText(translate("batches", "Still waiting for the office's acknowledgement: batches {numbers}.")
                            .format(numbers=numbers_text(waiting)) if waiting else "")
        if self.entries:
            self.table.selectRow(0)
        self._enable()
        return True

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def busy_changed(self, _busy: bool) -> None:
        self._enable()

    def _enable(self) -> None:
        self.again_button.setEnabled(self.selected() is not None and not self.window_.jobs.busy)

    def write_again(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        target = choose_target(self, translate("batches", "Write batch {number} again").format(number=entry.number),
                               self._list_drives)
        if target is None:
            return
        actor = self.window_.actor
        self.job = self.window_.jobs.run(
            translate("batches", "Writing the batch"),
            as_problem(lambda progress: self.service.rewrite(actor, entry.number, target, progress)),
            lambda _result: self._written(entry.number), on_error=self._failed, during="save", parent_widget=self)

    def _written(self, number: int) -> None:
        self.reload()
        self.status.setText(translate("batches", "Batch {number} written again and verified: the stick can be "
                                                 "removed (可以拔出U盘).").format(number=number))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(translate("batches", "Nothing was written: {reason}").format(
            reason=refusal_text(error, during="save") or ""))
        self._enable()


class TargetDialog(QDialog):
    """Pick a stick or a folder (a small dialog around TargetPicker)."""

    def __init__(self, parent, title: str, for_writing: bool, list_drives=None):
        super().__init__(parent)
        self.setObjectName("target_dialog")
        self.setWindowTitle(title)
        self.picker = TargetPicker(for_writing, self, **({"list_drives": list_drives} if list_drives else {}))
        self.ok_button = QPushButton(translate("batches", "OK"), objectName="target_ok_button")
        self.ok_button.setDefault(True)
        cancel = QPushButton(translate("batches", "Cancel"), objectName="target_cancel_button")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.picker.chosen.connect(lambda path: self.ok_button.setEnabled(path is not None))
        self.ok_button.setEnabled(self.picker.current() is not None)
        self.resize(560, 260)


def choose_target(parent, title: str, list_drives=None, for_writing: bool = True):
    """A stick or folder chosen in a TargetDialog, or None."""
    dialog = TargetDialog(parent, title, for_writing, list_drives)
    return dialog.picker.current() if dialog.exec() == QDialog.DialogCode.Accepted else None


def open_ledger(window: MainWindow, list_drives=None) -> LedgerDialog | None:
    if window.ctx is None:
        return None
    try:
        window.ctx.batches.ledger(window.actor)
    except NotPermitted as refused:
        ask.error(window, translate("batches", "Batches ledger"), refusal_text(refused) or "")
        return None
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return None
    dialog = LedgerDialog(window, list_drives)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.jobs.busy_changed.connect(dialog.busy_changed)
    dialog.show()
    return dialog
