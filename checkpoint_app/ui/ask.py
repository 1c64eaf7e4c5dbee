"""The one seam for modal dialogs: widgets call these, tests patch them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checkpoint_app.services.errors import StorageError, StorageProblem
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The dialog classes are imported inside each function: the first window is drawn
# before any dialog can be needed, and loading them is start-up time.


def storage_message(error: StorageError) -> str:
    messages = {
        StorageProblem.READ_ONLY: translate("ask", "The register cannot be written: the disk or the database file is read-only. "
                                     "Nothing was saved; what you typed is still in the form. Check the USB disk's "
                                     "write-protect switch or the folder's permissions, then save again."),
        StorageProblem.FULL: translate("ask", "The disk is full. Nothing was saved; what you typed is still in the form. "
                                "Free some space (empty the recycle bin, remove old files), then save again."),
        StorageProblem.LOCKED: translate("ask", "Another program is holding the register open (a backup or a second copy of "
                                  "the app). Nothing was saved; what you typed is still in the form. Close the "
                                  "other program, then save again."),
        StorageProblem.CORRUPT: translate("ask", "The register file is damaged. Do not delete it. Run "
                                   "'checkpoint-cli doctor' and call your supervisor to restore the last backup."),
        StorageProblem.CANNOT_OPEN: translate("ask", "The register file cannot be opened. Check that the data folder exists "
                                       "and is readable."),
        StorageProblem.IO: translate("ask", "The disk reported an error while saving. Nothing was saved; what you typed is "
                              "still in the form. Try again; if it repeats, call your supervisor."),
        StorageProblem.TOO_NEW: translate("ask", "This register was written by a newer version of the app. Install the newer "
                                   "version; this one will not change the file."),
    }
    return messages[error.kind]


def error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def text_input(parent: QWidget | None, title: str, label: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal)
    return value if ok else None


def storage_error(parent: QWidget | None, err: StorageError) -> None:
    error(parent, translate("ask", "The register could not be saved"), storage_message(err))
