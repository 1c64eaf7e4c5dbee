"""What the batch windows of the station and the office share: a service call whose
refusal is shown (never hidden: a guard's export is refused by the service, and the
window says so), sizes in words, fingerprints in large digits, a read-only table.

The services answer a refusal in three ways, each shown in the user's language: the
role's refusal (NotPermitted), a bad input or a refused file (InvalidInput, BatchRejected
among them) and storage (StorageError, with the usual storage message)."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.progress import Progress
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

T = TypeVar("T")


def refusal_text(error: BaseException, during: str = "read") -> str | None:
    """The message for a refusal the user can act on; None for anything else (a bug)."""
    if isinstance(error, NotPermitted):
        return i18n.problem_text(error.problem())
    if isinstance(error, InvalidInput):
        return "\n".join(i18n.problem_text(p) for p in error.problems)
    if isinstance(error, StorageError):
        return ask.storage_message(error, during)
    return None


def call(parent: QWidget | None, title: str, work: Callable[[], T], during: str = "read") -> tuple[bool, T | None]:
    """`work()`, its refusal shown in an error dialog: (True, result) or (False, None)."""
    try:
        return True, work()
    except (NotPermitted, InvalidInput, StorageError) as error:
        ask.error(parent, title, refusal_text(error, during) or "")
        return False, None


def as_problem(work: Callable[[Progress], T]) -> Callable[[Progress], T]:
    """Work for the job runner (ui/jobs.py), which routes InvalidInput and StorageError:
    the role's refusal becomes an InvalidInput too, shown like the others."""
    def run(progress: Progress) -> T:
        try:
            return work(progress)
        except NotPermitted as refused:
            raise InvalidInput([refused.problem()]) from None

    return run


def size_text(size: int | None) -> str:
    if size is None:
        return translate("batches", "free space unknown")
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return translate("batches", "{size} {unit} free").format(size=f"{size / scale:.1f}", unit=unit)
    return translate("batches", "{size} bytes free").format(size=size)


def big_digits(name: str, text: str = "") -> QLabel:
    """A fingerprint in large, selectable digits (read aloud over the phone)."""
    label = QLabel(text, objectName=name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
    font.setStyleHint(QFont.StyleHint.Monospace)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def table(name: str, headers: list[str]) -> QTableWidget:
    """A read-only table, whole rows selected, one at a time."""
    widget = QTableWidget(0, len(headers), objectName=name)
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setWordWrap(False)
    return widget


def fill(widget: QTableWidget, rows: list[list[Any]]) -> None:
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if len(item.text()) > 40:
                item.setToolTip(item.text())  # a long reason or path, whole, under the mouse
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)


class KeepsOpenWhileWorking:
    """For a dialog that starts a job (ui/jobs.py) whose result it shows: it cannot be
    closed (Escape, Close, the title bar's ×) while that job runs, so the job never
    reports to a window that is gone. Set `self.job` to the Job started."""

    job = None

    def working(self) -> bool:
        return self.job is not None and self.job.running

    def reject(self) -> None:
        if not self.working():
            super().reject()  # type: ignore[misc]

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.working():
            event.ignore()
            return
        super().closeEvent(event)  # type: ignore[misc]
