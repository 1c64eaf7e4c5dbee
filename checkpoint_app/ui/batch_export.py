"""Station → Export batch (USB)… (导出批次): write the next batch onto a USB stick.

What the supervisor sees, top to bottom: where to write (the sticks plugged in, with
free space, or a folder), what the batch will carry (records by kind, the days it
declares, "close today too"), and, once a target is chosen, which earlier batches the
office has acknowledged (回执 read from that stick) and which are still waiting. Export
runs on the main window's job runner with a progress bar; only when the service has
written, read back and verified the file does the window say the stick can be removed
(可以拔出U盘). Every refusal is the service's (a guard's export, no office key, a full
or read-only stick), shown here in words, with what to do."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import KeepsOpenWhileWorking, as_problem, refusal_text
from checkpoint_app.ui.batch_labels import counts_text, days_text, numbers_text, span_text
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.target_picker import TargetPicker

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")

OK_STYLE = "color: #1b5e20; font-weight: bold;"
BAD_STYLE = "color: #b71c1c;"


class ExportDialog(KeepsOpenWhileWorking, QDialog):
    def __init__(self, window: MainWindow, list_drives=None):
        super().__init__(window)
        self.setObjectName("export_dialog")
        self.setWindowTitle(translate("batches", "Export batch (USB)"))
        self.window_ = window
        self.service = window.ctx.batches
        self.preview: Any = None
        self.written: Any = None  # the ledger entry of the batch written by this dialog
        self.acks: Any = None  # what the chosen target's acknowledgements said
        self._build(list_drives)
        self.load_preview()

    def _actor(self):
        return self.window_.actor

    # -- building -------------------------------------------------------------------------

    def _build(self, list_drives) -> None:
        kwargs = {"list_drives": list_drives} if list_drives is not None else {}
        self.picker = TargetPicker(True, self, **kwargs)
        where = QGroupBox(translate("batches", "1. Where to write"), objectName="export_where_box")
        QVBoxLayout(where).addWidget(self.picker)

        self.carries = QLabel(objectName="export_carries_label", wordWrap=True)
        self.days = QLabel(objectName="export_days_label", wordWrap=True)
        self.close_today = QCheckBox(translate(
            "batches", "Also &close today and declare it (no more entries expected today)"),
            objectName="close_today_check")
        self.refusal = QLabel(objectName="export_refusal_label", wordWrap=True)
        self.refusal.setStyleSheet(BAD_STYLE)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        what = QGroupBox(translate("batches", "2. What the batch carries"), objectName="export_what_box")
        what_layout = QVBoxLayout(what)
        for widget in (self.carries, self.days, self.close_today, self.refusal):
            what_layout.addWidget(widget)

        self.acks_label = QLabel(objectName="export_acks_label", wordWrap=True)
        self.acks_label.setText(translate("batches", "Choose the stick to see which batches the office has "
                                                     "acknowledged (回执)."))
        acks = QGroupBox(translate("batches", "Acknowledgements from the office"), objectName="export_acks_box")
        QVBoxLayout(acks).addWidget(self.acks_label)

        self.result = QLabel(objectName="export_result_label", wordWrap=True)
        font = self.result.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.result.setFont(font)
        self.result_detail = QLabel(objectName="export_result_detail", wordWrap=True)
        self.result_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(translate("batches", "&Export"), objectName="export_button")
        self.export_button.setDefault(True)
        close = QPushButton(translate("batches", "Close"), objectName="export_close_button")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(what)
        layout.addWidget(acks)
        layout.addWidget(self.result)
        layout.addWidget(self.result_detail)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.picker.chosen.connect(self.target_chosen)
        self.close_today.toggled.connect(self.load_preview)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.close)
        self.resize(760, 600)

    # -- what the batch carries -------------------------------------------------------------

    def load_preview(self) -> None:
        """Ask the service what the next batch would carry (with today closed, when
        ticked); why it may not be written yet (no office key…) is shown in the dialog
        with what to do, and Export stays off."""
        self.refusal.setText("")
        try:
            self.preview = self.service.pending(self._actor(), close_today=self.close_today.isChecked())
        except (InvalidInput, StorageError, NotPermitted) as error:
            self.preview = None
            self.refusal.setText(refusal_text(error) or "")
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.preview
        if preview is None:
            self.carries.setText("")
            self.days.setText("")
        else:
            self.carries.setText(translate("batches", "Next batch, number {number}: {counts}").format(
                number=preview.number, counts=counts_text(preview.counts)))
            self.days.setText(days_text(preview.days))
            if preview.problems:
                self.refusal.setText(refusal_text(InvalidInput(list(preview.problems))) or "")
        self.close_today.setEnabled(preview is not None)
        self.refusal.setVisible(bool(self.refusal.text()))
        self._enable()

    def busy_changed(self, _busy: bool) -> None:
        self._enable()

    def _enable(self) -> None:
        ready = self.preview is not None and not self.refusal.text() and self.picker.current() is not None \
            and not self.window_.jobs.busy
        self.export_button.setEnabled(ready)

    # -- the target and its acknowledgements -------------------------------------------------

    def target_chosen(self, target: Path | None) -> None:
        self.acks = None
        self._enable()
        if target is None:
            return
        try:
            self.acks = self.service.read_acks(self._actor(), target)
        except (InvalidInput, StorageError, NotPermitted) as error:
            self.acks_label.setText(refusal_text(error) or "")
            return
        self._show_acks()

    def _show_acks(self) -> None:
        """What the stick's acknowledgements (回执) said: batches acknowledged by this
        reading, those acknowledged before, those still waiting, files refused."""
        acks = self.acks
        try:
            earlier = [e.number for e in self.service.ledger(self._actor())
                       if e.acknowledged and e.number not in acks.acknowledged]
        except (InvalidInput, StorageError, NotPermitted):
            earlier = []
        lines = []
        if acks.acknowledged:
            lines.append(translate("batches", "Acknowledged now: batches {numbers}.").format(
                numbers=numbers_text(acks.acknowledged)))
        elif not acks.files:
            lines.append(translate("batches", "No acknowledgement from the office on this stick."))
        if earlier:
            lines.append(translate("batches", "Acknowledged before: batches {numbers}.").format(
                numbers=numbers_text(earlier)))
        if acks.unacknowledged:
            lines.append(translate("batches", "Still waiting for the office's acknowledgement: batches {numbers}.")
                         .format(numbers=numbers_text(acks.unacknowledged)))
        elif acks.acknowledged or earlier:
            lines.append(translate("batches", "Every batch written so far is acknowledged."))
        for refused in acks.problems:
            lines.append(refusal_text(refused) or "")
        self.acks_label.setText("\n".join(lines))
        self.acks_label.setStyleSheet(BAD_STYLE if acks.problems else "")

    # -- export -----------------------------------------------------------------------------

    def export(self) -> None:
        target = self.picker.current()
        if target is None or self.preview is None:
            return
        actor, close_today = self._actor(), self.close_today.isChecked()
        self.result.setText("")
        self.result_detail.setText("")
        self.result.setStyleSheet("")
        job = self.job = self.window_.jobs.run(
            translate("batches", "Writing the batch"),
            as_problem(lambda progress: self.service.export(actor, target, progress, close_today=close_today)),
            self.exported, on_error=self.failed, during="save", parent_widget=self)
        if job is not None:
            self.export_button.setEnabled(False)

    def exported(self, entry) -> None:
        self.written = entry
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(translate("batches", "Batch {number} written and verified: the stick can be removed "
                                                 "(可以拔出U盘).").format(number=entry.number))
        self.result_detail.setText(translate("batches", "It carries {counts} (days {days}), in {folder}.").format(
            counts=counts_text(entry.counts), days=span_text(entry.first_day, entry.last_day), folder=entry.last_target))
        self.window_.statusBar().showMessage(self.result.text(), 30000)
        self.load_preview()  # the next batch starts after this one
        target = self.picker.current()
        if target is not None:
            self.target_chosen(target)

    def failed(self, error: BaseException) -> None:
        self.result.setStyleSheet(BAD_STYLE)
        self.result.setText(translate("batches", "Nothing was exported: {reason}").format(
            reason=refusal_text(error, during="save") or ""))
        self._enable()


def open_export(window: MainWindow, list_drives=None) -> ExportDialog | None:
    """Station → Export batch (USB)…: the service decides who may (a guard is told why)."""
    if window.ctx is None:
        return None
    try:
        window.ctx.batches.pending(window.actor)
    except NotPermitted as refused:  # a guard: the service refused (and audited) it
        ask.error(window, translate("batches", "Export batch (USB)"), refusal_text(refused) or "")
        return None
    except (InvalidInput, StorageError):
        pass  # shown inside the dialog, with what to do
    dialog = ExportDialog(window, list_drives)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.jobs.busy_changed.connect(dialog.busy_changed)
    dialog.show()
    return dialog

