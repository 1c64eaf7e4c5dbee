"""Pick where batches go (or come from): the USB sticks plugged in now, first, each with
its label and free space, then any folder the user chooses. Used by the station's export
and by the office's import and acknowledgement.

The list of drives comes from services/drives.py (read again with Refresh: a stick
plugged in after the window opened). A read-only stick is listed, greyed, with the
reason, when the target is for writing: the supervisor sees why their stick is not
offered instead of wondering where it went."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from checkpoint_app.services import drives
from checkpoint_app.services.drives import Drive

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import size_text
from checkpoint_app.ui.i18n import translate

PATH_ROLE = Qt.ItemDataRole.UserRole


class TargetPicker(QWidget):
    chosen = Signal(object)  # the Path picked (a drive's root or a folder), or None

    def __init__(self, for_writing: bool, parent: QWidget | None = None,
                 list_drives: Callable[[], list[Drive]] | None = None):
        super().__init__(parent)
        self.setObjectName("target_picker")
        self.for_writing = for_writing
        self._list_drives = list_drives or (lambda: drives.removable_drives())  # looked up when listing
        self.list = QListWidget(objectName="target_list")
        self.list.setWordWrap(True)  # a long path or the read-only reason wraps instead of scrolling sideways
        self.list.setMinimumHeight(60)
        self.list.setMaximumHeight(120)
        self.refresh_button = QPushButton(translate("batches", "&Refresh"), objectName="target_refresh_button")
        self.folder_button = QPushButton(translate("batches", "Choose a &folder…"), objectName="target_folder_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        self.buttons = buttons  # a caller may add its own (the office's "Choose files…")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button.clicked.connect(self.choose_folder)
        self.list.currentItemChanged.connect(self._current_changed)
        self.refresh()

    def refresh(self) -> None:
        """List the drives again (keeping a chosen folder)."""
        folders = [self.list.item(i) for i in range(self.list.count()) if self.list.item(i).data(Qt.ItemDataRole.UserRole + 1)]
        kept = [(item.text(), item.data(PATH_ROLE)) for item in folders]
        self.list.blockSignals(True)
        self.list.clear()
        found = self._list_drives()
        for drive in found:
            self._add_drive(drive)
        if not found:
            item = QListWidgetItem(translate("batches", "No USB stick found: plug one in and press Refresh, "
                                                        "or choose a folder."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        for text, path in kept:
            self._add_folder(path, text)
        self.list.blockSignals(False)
        self.list.setCurrentRow(-1)
        first = next((i for i in range(self.list.count()) if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled), None)
        if first is not None and len(found) == 1 and not kept:
            self.list.setCurrentRow(first)  # one stick plugged in: that is the one
        else:
            self.chosen.emit(None)

    def _add_drive(self, drive: Drive) -> None:
        text = translate("batches", "USB stick {label} ({path}) — {free}").format(
            label=drive.label, path=drive.path, free=size_text(drive.free_bytes))
        item = QListWidgetItem(text)
        item.setData(PATH_ROLE, drive.path)
        if drive.read_only and self.for_writing:
            item.setText(text + " — " + translate("batches", "read-only: cannot be written (write-protect switch?)"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(item)

    def _add_folder(self, path: Path, text: str | None = None) -> QListWidgetItem:
        item = QListWidgetItem(text or translate("batches", "Folder {path}").format(path=path))
        item.setData(PATH_ROLE, Path(path))
        item.setData(Qt.ItemDataRole.UserRole + 1, True)
        self.list.addItem(item)
        return item

    def choose_folder(self) -> Path | None:
        chosen = ask.choose_folder(self, translate("batches", "Choose a folder"))
        if not chosen:
            return None
        return self.select(Path(chosen))

    def select(self, path: Path) -> Path:
        """Make `path` the target (a folder is added to the list when it is not a drive's)."""
        for i in range(self.list.count()):
            if self.list.item(i).data(PATH_ROLE) == Path(path):
                self.list.setCurrentRow(i)
                return Path(path)
        self.list.setCurrentItem(self._add_folder(Path(path)))
        return Path(path)

    def current(self) -> Path | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        path = item.data(PATH_ROLE)
        return Path(path) if path is not None else None

    def _current_changed(self, *_args) -> None:
        self.chosen.emit(self.current())
