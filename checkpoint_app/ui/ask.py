"""The one seam for modal dialogs: widgets call these, tests patch them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checkpoint_app.services.errors import StorageError, StorageProblem

from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

# The dialog classes are imported inside each function: the first window is drawn
# before any dialog can be needed, and loading them is start-up time.


def storage_message(error: StorageError, during: str = "save") -> str:
    """What happened, what it meant for what the guard was doing (`during`: "start",
    "save" or "read") and what to do, in plain words."""
    again = {
        "start": translate("ask", "start the app again"),
        "save": translate("ask", "save again"),
        "read": translate("ask", "try again"),
    }[during]
    outcome = {
        "start": translate("ask", "The app did not start; nothing was changed."),
        "save": translate("ask", "Nothing was saved; what you typed is still in the form."),
        "read": translate("ask", "The register could not be read; nothing was changed."),
    }[during]
    problem, action = {
        StorageProblem.READ_ONLY: (
            translate("ask", "The register cannot be written: the disk or the database file is read-only."),
            translate("ask", "Check the USB disk's write-protect switch or the folder's permissions, then {again}.")),
        StorageProblem.PERMISSION: (
            translate("ask", "This user account has no permission to write the register or its folder."),
            translate("ask", "Ask your supervisor to give this account access to the data folder, then {again}.")),
        StorageProblem.FULL: (
            translate("ask", "The disk is full."),
            translate("ask", "Free some space (empty the recycle bin, remove old files), then {again}.")),
        StorageProblem.LOCKED: (
            translate("ask", "Another program is holding the register open (a backup or a second copy of the app)."),
            translate("ask", "Close the other program, then {again}.")),
        StorageProblem.CORRUPT: (
            translate("ask", "The register file is damaged."),
            translate("ask", "Do not delete or move it, and save nothing more into it. Keep the register on paper "
                             "for now and call your supervisor: they check the file with 'checkpoint-cli doctor' "
                             "and restore the copy made before the last upgrade or the last backup.")),
        StorageProblem.NOT_A_REGISTER: (
            translate("ask", "The file in the data folder is not a register of this app: another program's "
                             "database, or a register whose contents were lost (an empty file where one was in use)."),
            translate("ask", "Do not delete it. Check that the app was started on this station's data folder "
                             "(--data-dir); otherwise call your supervisor, who checks it with 'checkpoint-cli "
                             "doctor'.")),
        StorageProblem.CANNOT_OPEN: (
            translate("ask", "The register file cannot be opened."),
            translate("ask", "Check that the data folder exists and is readable, then {again}.")),
        StorageProblem.IO: (
            translate("ask", "The disk reported an error."),
            translate("ask", "Wait a moment, then {again}; if it happens again, call your supervisor.")),
        StorageProblem.TOO_NEW: (
            translate("ask", "This register was written by a newer version of the app."),
            translate("ask", "Install the newer version; this one will not change the file.")),
        StorageProblem.ENCRYPTED: (
            translate("ask", "The register is encrypted and was not unlocked."),
            translate("ask", "Log in with an operator's PIN, then {again}.")),
        StorageProblem.KEYS_MISSING: (
            translate("ask", "The register file is damaged, or it is encrypted and its key file (register.keys) is "
                             "missing from the data folder."),
            translate("ask", "Do not delete or move it. Call your supervisor: they check it with 'checkpoint-cli "
                             "doctor', put register.keys back from the backup folder (it is kept beside each "
                             "backup), or restore the last backup.")),
        StorageProblem.KEYS_DAMAGED: (
            translate("ask", "The register's key file (register.keys) is damaged."),
            translate("ask", "Do not delete the register. Your supervisor puts register.keys back from the backup "
                             "folder, or recovers the register with the office's escrow key ('checkpoint-cli "
                             "recover').")),
    }[error.kind]
    return translate("ask", "{problem} {outcome} {action}").format(
        problem=problem, outcome=outcome, action=action.format(again=again))


def error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def alarm(parent: QWidget | None, title: str, text: str) -> None:
    """An alert the guard must acknowledge (a person on the watchlist): a beep and a
    warning that stays until its button is pressed."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    QApplication.beep()
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("alarm_box")
    box.button(QMessageBox.StandardButton.Ok).setText(translate("ask", "Seen: I will handle it"))
    box.exec()


def text_input(parent: QWidget | None, title: str, label: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal)
    return value if ok else None


def storage_error(parent: QWidget | None, err: StorageError, during: str = "save") -> None:
    title = translate("ask", "The register could not be read") if during == "read" else translate(
        "ask", "The register could not be saved")
    error(parent, title, storage_message(err, during))


def crash(parent: QWidget | None, title: str, text: str, details: str) -> None:
    """The crash report: a message, and the (scrubbed) details behind a button."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    box.exec()


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """The path the user chose to save to (a native file dialog), or None when cancelled.
    `filters` as Qt writes them, e.g. "PDF (*.pdf)"."""
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def open_file(parent: QWidget | None, title: str, filters: str) -> str | None:
    """The path of the file the user chose to open (a native file dialog), or None when
    cancelled. `filters` as Qt writes them, e.g. "CSV (*.csv)"."""
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def printer(parent: QWidget | None, title: str, prepare: Callable[[QPrinter], None]) -> QPrinter | None:
    """A QPrinter set up by `prepare(printer)` and then by the user in the print dialog,
    or None when they cancelled. (QtPrintSupport loads only here, when printing.)"""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare(chosen)
    dialog = QPrintDialog(chosen, parent)
    dialog.setWindowTitle(title)
    return chosen if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


# -- batches (issue 9): files, folders, a passphrase, a key read aloud ---------------------
# Each builds its dialog and calls exec() from Python, so a test that forgot to answer one
# fails at once (tests/conftest.py refuses QDialog.exec) instead of waiting headless.

def open_files(parent: QWidget | None, title: str, filters: str) -> list[str]:
    """The files the user chose to open (several allowed), [] when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, "", filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return dialog.selectedFiles() if dialog.exec() else []


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """A folder the user chose, or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return (dialog.selectedFiles() or [None])[0] if dialog.exec() else None


def passphrase(parent: QWidget | None, title: str, label: str) -> str | None:
    """A passphrase typed with its characters hidden, or None when cancelled. The text
    goes to the caller only: it is never logged."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    dialog = QInputDialog(parent)
    dialog.setObjectName("passphrase_dialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    return dialog.textValue() if dialog.exec() else None


def confirm_key(parent: QWidget | None, title: str, text: str, fingerprint: str) -> bool:
    """Ask to confirm a key before it is trusted, its fingerprint in large digits to read
    aloud over the phone and compare with what the other side reads."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("confirm_key_box")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setInformativeText(fingerprint)
    font = QFont(box.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
    for label in box.findChildren(QLabel, "qt_msgbox_informativelabel"):
        label.setFont(font)
    return box.exec() == QMessageBox.StandardButton.Yes


def info(parent: QWidget | None, title: str, text: str, digits: str = "") -> None:
    """A message to read and acknowledge; `digits` (a fingerprint) below it in large type."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("info_box")
    if digits:
        box.setInformativeText(digits)
        font = QFont(box.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
        for label in box.findChildren(QLabel, "qt_msgbox_informativelabel"):
            label.setFont(font)
    box.exec()
