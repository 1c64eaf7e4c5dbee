"""The progress dialog of a running job (ui/jobs.py): the step's label, a bar, and a
Cancel button only for work the caller allowed to be cancelled.

A QProgressDialog with two of its habits turned off, because they would lie: its
Cancel (the button, Escape, the title bar's ×) hides the dialog at once, while the work
still has to reach a safe point and undo its part; here Cancel only asks (the runner
sets the Progress cancel flag), the dialog says "Cancelling…" and stays until the job
has really ended (its Escape shortcut is switched off for the same reason). And its setValue() runs a nested event loop for modal dialogs; the
bar is set directly instead, so the runner's slots are never re-entered from a poll.
Loaded when the first job runs longer than a moment, not at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, SLOT, QObject, Qt, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

from checkpoint_app.ui.i18n import translate

BAR_STEPS = 1000  # the bar counts in thousandths: a total beyond a C int still fits


class JobDialog(QProgressDialog):
    cancel_requested = Signal()  # the guard asked to stop (button, Escape or ×)

    def __init__(self, title: str, cancellable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("job_progress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._cancellable = cancellable
        self._closing = False
        QObject.disconnect(self, SIGNAL("canceled()"), self, SLOT("cancel()"))  # Cancel must not hide it
        self._bar = QProgressBar(self, objectName="job_progress_bar")
        self.setBar(self._bar)
        if cancellable:
            self._button = QPushButton(translate("JobRunner", "Cancel"), self, objectName="job_cancel_button")
            self.setCancelButton(self._button)
            self.canceled.connect(self.cancel_requested)
        else:
            self._button = None
            self.setCancelButton(None)
        for shortcut in self.findChildren(QShortcut):  # its Escape shortcuts: one per button it ever had
            shortcut.setEnabled(False)  # Escape reaches reject() below instead
        self.setLabelText(translate("JobRunner", "Working…"))
        self._bar.setRange(0, 0)  # busy until the first step with a total

    def show_step(self, label: str | None, fraction: float | None) -> None:
        if label and not self.cancelling:
            self.setLabelText(label)
        if fraction is None:
            self._bar.setRange(0, 0)
        else:
            self._bar.setRange(0, BAR_STEPS)
            self._bar.setValue(round(fraction * BAR_STEPS))

    @property
    def cancelling(self) -> bool:
        return self._button is not None and not self._button.isEnabled()

    def show_cancelling(self) -> None:
        if self._button is not None and self._button.isEnabled():
            self._button.setEnabled(False)
            self.setLabelText(translate("JobRunner", "Cancelling…"))

    def finish(self) -> None:
        """The job ended: close for good."""
        self._closing = True
        self.reset()  # stops QProgressDialog's own show timer
        self.hide()
        self.deleteLater()

    def reject(self) -> None:  # Escape
        if self._cancellable:
            self.cancel_requested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override; the title bar's ×
        if self._closing:
            super().closeEvent(event)
            return
        event.ignore()
        if self._cancellable:
            self.cancel_requested.emit()
