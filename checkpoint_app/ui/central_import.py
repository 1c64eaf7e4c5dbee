"""The office's import dialog: batches from a USB stick (its checkpoint-batches folder),
a folder, or chosen files; imported on the job runner with a progress bar; then one line
per file: imported (with what it carried), already imported (duplicate), or rejected
with the reason in the clerk's language. A rejected file changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP
from checkpoint_app.core.progress import Progress

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.batch_common import KeepsOpenWhileWorking, as_problem, fill, refusal_text, table
from checkpoint_app.ui.batch_labels import counts_text
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.target_picker import TargetPicker

if TYPE_CHECKING:
    from checkpoint_app.ui.central_window import CentralWindow

IMPORTED, DUPLICATE, REJECTED = "imported", "duplicate", "rejected"
COLOURS = {IMPORTED: "#1b5e20", DUPLICATE: "#455a64", REJECTED: "#b71c1c"}


def status_label(status: str) -> str:
    return {IMPORTED: translate("CentralWindow", "Imported"),
            DUPLICATE: translate("CentralWindow", "Already imported (nothing changed)"),
            REJECTED: translate("CentralWindow", "Rejected (nothing written)")}.get(status, status)


def result_detail(result: Any) -> str:
    if result.status == REJECTED and result.reason is not None:
        return i18n.problem_text(result.reason)
    return counts_text(result.counts) if result.status == IMPORTED else ""


class ImportDialog(KeepsOpenWhileWorking, QDialog):
    def __init__(self, window: CentralWindow, list_drives=None):
        super().__init__(window)
        self.setObjectName("import_dialog")
        self.setWindowTitle(translate("CentralWindow", "Import batches"))
        self.window_ = window
        self.results: list[Any] = []
        self.picker = TargetPicker(False, self, **({"list_drives": list_drives} if list_drives else {}))
        self.files_button = QPushButton(translate("CentralWindow", "Choose &files…"), objectName="import_files_button")
        self.picker.buttons.insertWidget(2, self.files_button)
        source = QGroupBox(translate("CentralWindow", "Import from (a USB stick, a folder or files)"),
                           objectName="import_source_box")
        QVBoxLayout(source).addWidget(self.picker)
        self.table = table("import_results_table", [translate("CentralWindow", "File"),
                                                    translate("CentralWindow", "Result"),
                                                    translate("CentralWindow", "Details")])
        self.summary = QLabel(objectName="import_summary_label", wordWrap=True)
        self.import_button = QPushButton(translate("CentralWindow", "&Import"), objectName="import_button")
        self.import_button.setDefault(True)
        close = QPushButton(translate("CentralWindow", "Close"), objectName="import_close_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.picker.chosen.connect(lambda _path: self._enable())
        self.files_button.clicked.connect(self.choose_files)
        self.import_button.clicked.connect(lambda: self.start([self.picker.current()]))
        close.clicked.connect(self.close)
        window.jobs.busy_changed.connect(self.busy_changed)
        self.resize(1000, 560)
        self._enable()

    def busy_changed(self, _busy: bool) -> None:
        self._enable()

    def _enable(self) -> None:
        self.import_button.setEnabled(self.picker.current() is not None and not self.window_.jobs.busy)

    def choose_files(self) -> bool:
        chosen = ask.open_files(self, translate("CentralWindow", "Choose batch files"),
                                translate("CentralWindow", "Batches (CKB_*.age);;*"))
        return bool(chosen) and self.start([Path(p) for p in chosen])

    def start(self, paths: list[Path | None]) -> bool:
        paths = [Path(p) for p in paths if p is not None]
        if not paths:
            return False
        office, identity = self.window_.office, self.window_.identity
        self.summary.setText(translate("CentralWindow", "Importing…"))
        job = self.job = self.window_.jobs.run(translate("CentralWindow", "Importing batches"),
                                    as_problem(lambda progress: office.import_paths(paths, identity,
                                                                                    _reporter(progress))),
                                    self.show_results, on_error=self.failed, during="save", parent_widget=self)
        return job is not None

    def show_results(self, results: list[Any]) -> None:
        self.results = list(results)
        fill(self.table, [[Path(str(r.file)).name, status_label(r.status), result_detail(r)] for r in self.results])
        for row, result in enumerate(self.results):
            self.table.item(row, 1).setForeground(QColor(COLOURS.get(result.status, "#000000")))
        counted = {s: sum(1 for r in self.results if r.status == s) for s in (IMPORTED, DUPLICATE, REJECTED)}
        if not self.results:
            self.summary.setText(translate("CentralWindow", "No batch file found there."))
        else:
            self.summary.setText(translate("CentralWindow", "{imported} imported, {duplicate} already imported, "
                                                            "{rejected} rejected.").format(**counted))
        self.window_.refresh()
        self.window_.say(self.summary.text())

    def failed(self, error: BaseException) -> None:
        self.summary.setText(translate("CentralWindow", "Nothing was imported: {reason}").format(
            reason=refusal_text(error, during="save") or ""))


IMPORTING = QT_TRANSLATE_NOOP("progress", "Importing batches")


def _reporter(progress: Progress):
    """The office's per-file progress (file i of n, records done of total) as one bar."""
    def report(step) -> None:
        within = step.done / step.total if step.total else 0.0
        progress.step(round((step.index + within) * 1000), max(step.files, 1) * 1000, IMPORTING)
    return report
