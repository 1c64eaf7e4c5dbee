"""Importing a list — the residents list from the residents dialog, the watchlist from
the watchlist dialog (both through `start_import`, with their own title, file filter
and field names): choose the file, read it on the
job runner (a 100,000-row list takes seconds), show the preview (how many rows will be
imported, every rejected row with its line and reasons, the ignored columns), save the
rejected rows as a CSV the office can correct in Excel, then import on the job runner
with a progress bar and a Cancel button (the service's one transaction: nothing partial).

File dialogs and messages go through ui/ask.py, which tests patch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.problems import InvalidInput, Problem
from checkpoint_app.core.progress import Progress
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.table_import import ImportPreview, write_rejected

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.residents import ImportResult

    from checkpoint_app.ui.jobs import JobRunner

MAX_SHOWN = 2000  # rejected rows listed on screen; all of them go to the saved file


def field_label(field: str) -> str:
    return {
        "name": translate("ResidentsDialog", "Name"), "room": translate("ResidentsDialog", "Room"),
        "phone": translate("ResidentsDialog", "Phone"), "id_number": translate("ResidentsDialog", "ID number"),
        "plates": translate("ResidentsDialog", "Plates"), "pass_code": translate("ResidentsDialog", "Pass code"),
        "file": translate("ResidentsDialog", "File"),
    }.get(field, field)


def describe(found: Problem) -> str:
    return f"{field_label(found.field)}: {i18n.problem_text(found)}"


class ListImporter(Protocol):
    """A service that imports a list (services/residents.py, services/watchlist.py)."""

    def preview_import(self, actor: Actor | None, path: Any) -> ImportPreview: ...

    def import_rows(self, actor: Actor | None, preview: ImportPreview, progress: Progress = ...,
                    cancelled: Callable[[], bool] | None = None) -> ImportResult: ...


class ImportPreviewDialog(QDialog):
    """The preview of one list: accept to import its valid rows."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None, title: str | None = None,
                 describe: Callable[[Problem], str] = describe):
        super().__init__(parent)
        self.setObjectName("import_preview_dialog")
        self.setWindowTitle(title or translate("ResidentsDialog", "Import residents"))
        self.preview = preview
        self._describe = describe
        summary = QLabel(translate("ResidentsDialog", "{file} ({kind}): {valid} rows can be imported, {rejected} rows "
                                                      "are rejected.").format(
            file=preview.source, kind=preview.kind, valid=len(preview.valid), rejected=len(preview.rejected)),
            self, objectName="import_summary_label")
        summary.setWordWrap(True)
        warnings = QLabel("\n".join(i18n.problem_text(w) for w in preview.warnings), self,
                          objectName="import_warnings_label")
        warnings.setWordWrap(True)
        warnings.setVisible(bool(preview.warnings))
        self.table = QTableWidget(min(len(preview.rejected), MAX_SHOWN), 2, self, objectName="import_rejected_table")
        self.table.setHorizontalHeaderLabels([translate("ResidentsDialog", "Line"), translate("ResidentsDialog", "Why")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, rejected in enumerate(preview.rejected[:MAX_SHOWN]):
            self.table.setItem(row, 0, QTableWidgetItem(str(rejected.line)))
            self.table.setItem(row, 1, QTableWidgetItem("; ".join(self._describe(p) for p in rejected.problems)))
        self.save_button = QPushButton(translate("ResidentsDialog", "Save rejected rows…"), self,
                                       objectName="import_save_rejected_button")
        self.save_button.setEnabled(bool(preview.rejected))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_rejected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(
            translate("ResidentsDialog", "Import {count} rows").format(count=len(preview.valid)),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_confirm_button")
        self.import_button.setEnabled(bool(preview.valid))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.message_label = QLabel(self, objectName="import_message_label")
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(warnings)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.setMinimumSize(640, 420)
        (self.import_button if preview.valid else buttons.button(QDialogButtonBox.StandardButton.Cancel)).setFocus()

    def save_rejected(self) -> None:
        path = ask.save_file(self, translate("ResidentsDialog", "Save rejected rows"),
                             translate("ResidentsDialog", "rejected rows.csv"), "CSV (*.csv)")
        if not path:
            return
        try:
            count = write_rejected(self.preview, path, self._describe, translate("ResidentsDialog", "Line"),
                                   translate("ResidentsDialog", "Why"))
        except OSError as error:
            ask.error(self, translate("ResidentsDialog", "Save rejected rows"), translate(
                "ResidentsDialog", "{path} cannot be written ({reason}). Choose another file or folder.").format(
                path=path, reason=error.strerror or type(error).__name__))
            return
        self.message_label.setText(translate("ResidentsDialog", "{count} rejected rows saved to {path}.").format(
            count=count, path=path))


def _permitted(work: Callable[[], object]) -> object:
    """NotPermitted as the problem it explains (the job runner shows InvalidInput)."""
    try:
        return work()
    except NotPermitted as refused:
        raise InvalidInput([refused.problem()]) from None


def start_import(parent: QWidget, residents: ListImporter, actor: Actor | None, jobs: JobRunner,
                 on_imported: Callable[[ImportResult], None], on_cancelled: Callable[[], None],
                 title: str | None = None, filters: str | None = None,
                 describe: Callable[[Problem], str] = describe) -> None:
    """Import…: file, preview (job), confirmation, import (cancellable job). `residents`
    is the service importing (the residents' unless told otherwise by the caller)."""
    title = title or translate("ResidentsDialog", "Import residents")
    path = ask.open_file(parent, title, filters or translate("ResidentsDialog", "Residents lists (*.csv *.xlsx *.txt)"))
    if not path:
        return

    def previewed(preview: ImportPreview) -> None:
        dialog = ImportPreviewDialog(preview, parent, title, describe)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        jobs.run(title, lambda progress: _permitted(lambda: residents.import_rows(actor, preview, progress)),
                 on_imported, cancellable=True, on_cancelled=on_cancelled, during="save", parent_widget=parent)

    jobs.run(title, lambda _progress: _permitted(lambda: residents.preview_import(actor, path)),
             previewed, during="read", parent_widget=parent)
