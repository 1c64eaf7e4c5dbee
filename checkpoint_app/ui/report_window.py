"""The daily report window (Station → Daily report…, Ctrl+R): pick a day, see its figures
(persons and vehicles by category), headline (零报告 or findings) and hourly chart, save them as PDF or CSV, or print them.

The report is computed through the main window's job runner (ui/jobs.py), so a busy day
on a large register never freezes the desk; changing the day while one is being counted
counts again once it ends. Every service call carries the main window's current actor:
the service checks the role (a supervisor's) each time, whatever this window shows.
The personal appendix is off unless the supervisor ticks it (it is audited when made).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.daily_report import DailyReport
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.progress import Progress
from checkpoint_app.core.report_table import (
    APPENDIX_NOTE,
    Table,
    appendix_table,
    category_table,
    headline,
    shift_table,
    summary_table,
    vehicle_table,
)
from checkpoint_app.core.roles import Actor, NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.report_chart import HourlyChart
from checkpoint_app.ui.report_render import NoChineseFont, text_of

if TYPE_CHECKING:
    from checkpoint_app.services.context import AppContext

    from checkpoint_app.ui.jobs import Job, JobRunner
    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")

ENCODINGS = (("gb18030", "GB18030 (Excel)"), ("utf-8-sig", "UTF-8 BOM"))


def _table(name: str, fit: bool = True) -> QTableWidget:
    """A read-only table; `fit`: as tall as its rows (the figures), else it scrolls."""
    table = QTableWidget(objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setProperty("fit_rows", fit)
    return table


def _fit_height(widget: QTableWidget) -> None:
    if not widget.property("fit_rows"):
        return
    widget.resizeRowsToContents()
    rows = sum(widget.rowHeight(r) for r in range(widget.rowCount()))
    widget.setFixedHeight(widget.horizontalHeader().sizeHint().height() + rows + 2 * widget.frameWidth())
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def fill_table(widget: QTableWidget, table: Table) -> None:
    widget.setColumnCount(len(table.headers))
    widget.setHorizontalHeaderLabels([text_of(h) for h in table.headers])
    widget.setRowCount(len(table.rows))
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            item = QTableWidgetItem(text_of(cell))
            if isinstance(cell, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)
    if table.rows and all(isinstance(row[c], int) for row in table.rows for c in range(1, len(row))):
        for c in range(1, len(table.headers)):  # figures: the number columns share the width
            widget.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
    _fit_height(widget)


class ReportWindow(QDialog):
    def __init__(self, ctx: AppContext, actor: Callable[[], Actor | None], jobs: JobRunner,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("report_window")
        self.setWindowTitle(translate("ReportWindow", "Daily report"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ctx, self._actor, self.jobs = ctx, actor, jobs
        self.report: DailyReport | None = None
        self.job: Job | None = None
        self._again = False  # the day or the appendix changed while a report was being counted
        self._build()
        jobs.finished.connect(self._job_ended)
        self.resize(1100, 700)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        today = self.ctx.reports.today()
        self.day_edit = QDateEdit(objectName="report_day_edit", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        day_label = QLabel(translate("ReportWindow", "&Day:"))
        day_label.setBuddy(self.day_edit)
        self.headline = QLabel(objectName="report_headline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        self.headline.setFont(font)
        self.explained = QLabel(objectName="report_explained")
        self.status = QLabel(objectName="report_status")
        top = QHBoxLayout()
        for widget in (day_label, self.day_edit):
            top.addWidget(widget)
        top.addSpacing(24)
        top.addWidget(self.headline)
        top.addWidget(self.explained, 1)
        top.addWidget(self.status)

        self.summary = _table("report_summary_table")
        self.categories = _table("report_categories_table")
        self.vehicles = _table("report_vehicles_table")
        self.shifts = _table("report_shifts_table", fit=False)
        self.shifts.setMaximumHeight(130)
        self.appendix = _table("report_appendix_table", fit=False)
        self.chart = HourlyChart(self)
        self.appendix_note = QLabel(text_of(APPENDIX_NOTE), objectName="report_appendix_note", wordWrap=True)
        grid = QGridLayout()
        grid.addWidget(self.summary, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.categories, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.vehicles, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.chart, 1, 0, 1, 3)
        grid.addWidget(self.shifts, 2, 0, 1, 3)
        grid.addWidget(self.appendix, 3, 0, 1, 3)
        grid.addWidget(self.appendix_note, 4, 0, 1, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 4)
        grid.setRowStretch(1, 1)

        self.appendix_check = QCheckBox(translate(
            "ReportWindow", "Include the personal &appendix (names of the persons to follow up; supervisor only)"),
            objectName="appendix_check")
        self.encoding = QComboBox(objectName="csv_encoding_combo")
        for code, label in ENCODINGS:
            self.encoding.addItem(label, code)
        self.encoding.setToolTip(translate("ReportWindow", "GB18030 is what Chinese Excel opens by default; UTF-8 "
                                                           "with a BOM suits newer Excel and other programs."))
        self.save_csv = QPushButton(translate("ReportWindow", "Save &CSV…"), objectName="save_csv_button")
        self.save_pdf = QPushButton(translate("ReportWindow", "Save &PDF…"), objectName="save_pdf_button")
        self.print_ = QPushButton(translate("ReportWindow", "P&rint…"), objectName="print_button")
        close = QPushButton(translate("ReportWindow", "Close"), objectName="report_close_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self.appendix_check, 1)
        for widget in (self.encoding, self.save_csv, self.save_pdf, self.print_, close):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)

        self.day_edit.dateChanged.connect(self.recompute)
        self.appendix_check.toggled.connect(self.recompute)
        self.save_pdf.clicked.connect(self.save_as_pdf)
        self.save_csv.clicked.connect(self.save_as_csv)
        self.print_.clicked.connect(self.print_report)
        close.clicked.connect(self.close)
        self._show_outputs(False)
        self.appendix.setVisible(False)
        self.appendix_note.setVisible(False)

    def _show_outputs(self, enabled: bool) -> None:
        for button in (self.save_csv, self.save_pdf, self.print_):
            button.setEnabled(enabled)

    # -- computing ------------------------------------------------------------------------

    def day(self) -> dt.date:
        return self.day_edit.date().toPython()

    def recompute(self) -> Job | None:
        """Count the chosen day's report off the GUI thread (again, once the job running
        now has ended, if there is one)."""
        if self.jobs.busy:
            self._again = True
            return None
        day, appendix = self.day(), self.appendix_check.isChecked()
        self.status.setText(translate("ReportWindow", "Counting…"))
        self._show_outputs(False)
        self.job = self.jobs.run(translate("ReportWindow", "Daily report"),
                                 lambda progress: self._compute(day, appendix, progress), self.show_report,
                                 cancellable=True, parent_widget=self)
        return self.job

    def _compute(self, day: dt.date, appendix: bool, progress: Progress) -> DailyReport:
        try:
            return self.ctx.reports.daily(self._actor(), day, progress, appendix=appendix)
        except NotPermitted as refused:  # shown like any other problem with what was asked
            raise InvalidInput([refused.problem()]) from None

    def _job_ended(self, job: Job) -> None:
        if job is not self.job:
            if self._again and not self.jobs.busy:  # another window's job ended: ours may run now
                self._again = False
                self.recompute()
            return
        self.job = None
        if self.report is not None:
            self._show_outputs(True)
        self.status.setText("")
        if self._again:
            self._again = False
            self.recompute()

    def show_report(self, report: DailyReport) -> None:
        self.report = report
        head, explained = headline(report)
        self.headline.setText(text_of(head))
        colour = "#2e7d32" if report.zero_report else "#b71c1c"
        self.headline.setStyleSheet(f"color: {colour};")
        self.explained.setText(text_of(explained))
        fill_table(self.summary, summary_table(report))
        fill_table(self.categories, category_table(report))
        fill_table(self.vehicles, vehicle_table(report))
        fill_table(self.shifts, shift_table(report))
        self.chart.show_hours(report.figures.hourly)
        persons = appendix_table(report)
        if persons is not None:
            fill_table(self.appendix, persons)
        self.appendix.setVisible(persons is not None)
        self.appendix_note.setVisible(persons is not None)

    # -- outputs --------------------------------------------------------------------------

    def _suggested(self, suffix: str) -> str:
        assert self.report is not None
        name = translate("ReportWindow", "daily-report")
        return str(Path.home() / f"{name}-{self.report.station_code}-{self.report.day.isoformat()}.{suffix}")

    def _output(self, title: str, write: Callable[[DailyReport], None]) -> bool:
        """Run `write(report)`; every failure is a message, and False."""
        if self.report is None:
            return False
        try:
            write(self.report)
        except NotPermitted as refused:
            ask.error(self, title, i18n.problem_text(refused.problem()))
        except InvalidInput as bad:
            ask.error(self, title, "\n".join(i18n.problem_text(p) for p in bad.problems))
        except NoChineseFont as missing:
            ask.error(self, title, missing.message())
        except StorageError as err:
            ask.storage_error(self, err, during="save")
        else:
            return True
        return False

    def save_as_pdf(self) -> bool:
        from checkpoint_app.services.report import OutputFile, output_problem

        from checkpoint_app.ui.report_render import write_pdf

        title = translate("ReportWindow", "Save the report as PDF")
        path = self.report and ask.save_file(self, title, self._suggested("pdf"), "PDF (*.pdf)")
        if not path:
            return False

        def write(report: DailyReport) -> None:
            self.ctx.reports.check(self._actor())
            with OutputFile(path) as out:
                try:
                    write_pdf(report, out.temp)
                except OSError as error:
                    raise output_problem(Path(path), error) from None
                self.ctx.reports.record_output(self._actor(), report, "pdf")  # audited before it is in place
                out.commit()

        return self._saved(path, self._output(title, write))

    def save_as_csv(self) -> bool:
        from checkpoint_app.ui.report_render import translate_label

        title = translate("ReportWindow", "Save the figures as CSV")
        path = self.report and ask.save_file(self, title, self._suggested("csv"), "CSV (*.csv)")
        if not path:
            return False
        encoding = self.encoding.currentData()
        return self._saved(path, self._output(title, lambda report: self.ctx.reports.write_csv(
            self._actor(), report, path, encoding, tr=translate_label)))

    def print_report(self) -> bool:
        from checkpoint_app.services.report import output_problem

        from checkpoint_app.ui.report_render import paint_report, prepare_printer

        title = translate("ReportWindow", "Print the report")
        if self.report is None:
            return False

        def write(report: DailyReport) -> None:
            self.ctx.reports.check(self._actor())
            printer = ask.printer(self, title, lambda chosen: prepare_printer(chosen, report))
            if printer is None:
                return
            try:
                paint_report(printer, report)
            except OSError as error:
                raise output_problem(Path(printer.printerName() or "printer"), error) from None
            self.ctx.reports.record_output(self._actor(), report, "print")

        return self._output(title, write)

    def _saved(self, path: str, ok: bool) -> bool:
        if ok:
            self.status.setText(translate("ReportWindow", "Saved: {path}").format(path=path))
        return ok


def open_report(window: MainWindow) -> ReportWindow | None:
    """Station → Daily report…: a supervisor's (a guard is told so, the refusal audited);
    one report window per main window, raised when already open."""
    if window.ctx is None:
        return None
    try:
        window.ctx.reports.check(window.actor)
    except NotPermitted as refused:
        ask.error(window, translate("ReportWindow", "Daily report"), i18n.problem_text(refused.problem()))
        return None
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return None
    existing = window.findChild(ReportWindow, "report_window")
    if existing is not None:
        existing.show()
        existing.activateWindow()  # (window managers raise the window they activate)
        return existing
    report_window = ReportWindow(window.ctx, lambda: window.actor, window.jobs, window)
    report_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    report_window.show()
    report_window.recompute()
    return report_window
