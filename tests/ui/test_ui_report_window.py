"""The daily report window: opened from the Station menu (Ctrl+R) by a supervisor only,
computed through the job runner (a day change counts again), the appendix only when
ticked, and Save PDF / Save CSV / Print through the ask seams, each audited."""

from __future__ import annotations

import csv
import io
import json

import pytest
from actors import guard, supervisor
from pypdf import PdfReader
from report_day import DAY, FEVER_NAME, make_day
from sqlmodel import col, select

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from checkpoint_app.db.models import AuditEvent

from checkpoint_app.ui import ask
from checkpoint_app.ui.report_window import ReportWindow


def audit(ctx, action: str) -> list[dict]:
    with ctx.session() as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id)))
        return [json.loads(row.detail) for row in rows]


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


@pytest.fixture
def report_window(window, ctx, clock, qtbot) -> ReportWindow:
    """The fixture day in the register, the clock the next morning, the window open
    (on today's report, which has counted)."""
    make_day(ctx, clock)
    window.set_actor(supervisor(ctx))
    with qtbot.waitSignal(window.jobs.finished, timeout=10_000):
        window.findChild(QAction, "report_action").trigger()
    found = window.findChild(ReportWindow, "report_window")
    assert found is not None and found.isVisible()
    return found


def choose_day(qtbot, window, report_window, day) -> None:
    with qtbot.waitSignal(window.jobs.finished, timeout=10_000):
        report_window.findChild(type(report_window.day_edit), "report_day_edit").setDate(QDate(day.year, day.month, day.day))


def test_opens_on_today_and_a_day_change_counts_again(qtbot, window, report_window):
    assert report_window.day() == DAY.replace(day=30)  # make_day ends on the morning after DAY
    assert report_window.findChild(type(report_window.headline), "report_headline").text() == "Zero report"
    assert ["Let in", "1"] in cells(report_window.summary)
    choose_day(qtbot, window, report_window, DAY)
    assert report_window.headline.text() == "Findings to report"
    summary = cells(report_window.summary)
    assert ["Fevers", "1"] in summary and ["Key-area arrivals", "1"] in summary and ["Let in", "6"] in summary
    assert ["Residents", "4", "2", "0", "0"] in cells(report_window.categories)
    assert [row[2:] for row in cells(report_window.shifts)] == [["张保安", "all present"],
                                                                ["张保安, 王队长", "missing: Loudspeaker, Banner"]]
    assert {h.hour: h.entered for h in report_window.chart.hourly if h.entered} == {7: 3, 9: 1, 10: 1, 16: 1}
    assert not report_window.appendix.isVisible()
    assert report_window.save_pdf.isEnabled() and report_window.save_csv.isEnabled()


def test_a_later_day_cannot_be_chosen(report_window):
    report_window.day_edit.setDate(QDate(2026, 12, 25))
    assert report_window.day() == DAY.replace(day=30)  # the edit stops at today


def test_changing_the_day_while_counting_counts_the_new_day_after(qtbot, window, report_window):
    report_window.day_edit.setDate(QDate(2026, 11, 28))
    assert window.jobs.busy
    report_window.day_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))  # while the first is counting
    qtbot.waitUntil(lambda: not window.jobs.busy and report_window.report.day == DAY, timeout=10_000)
    assert report_window.headline.text() == "Findings to report"


def test_a_guard_gets_no_report_and_the_refusal_is_audited(window, ctx, dialogs):
    shown, _answers = dialogs
    window.set_actor(guard(ctx))
    window.findChild(QAction, "report_action").trigger()
    assert window.findChild(ReportWindow, "report_window") is None
    assert shown and "Only a supervisor" in shown[-1][1]
    assert audit(ctx, "refused")[-1] == {"role": "guard"}


def test_the_menu_shortcut_is_ctrl_r(window):
    action = window.findChild(QAction, "report_action")
    assert action.shortcut().toString() == "Ctrl+R"


def test_the_appendix_only_when_ticked(qtbot, window, ctx, report_window):
    choose_day(qtbot, window, report_window, DAY)
    assert report_window.report.appendix is None and not audit(ctx, "report_appendix")
    with qtbot.waitSignal(window.jobs.finished, timeout=10_000):
        report_window.appendix_check.setChecked(True)
    assert report_window.appendix.isVisible()
    rows = cells(report_window.appendix)
    assert [row[2] for row in rows] == [FEVER_NAME, "湖北乙", "咳嗽丙"]
    assert audit(ctx, "report_appendix") == [{"day": "2026-11-29", "persons": 3}]


def test_save_pdf_and_csv_through_the_ask_seam(qtbot, window, ctx, report_window, tmp_path, monkeypatch):
    choose_day(qtbot, window, report_window, DAY)
    asked = []
    target = {"pdf": tmp_path / "r.pdf", "csv": tmp_path / "r.csv"}
    monkeypatch.setattr(ask, "save_file", lambda parent, title, suggested, filters: asked.append(suggested)
                        or str(target["pdf" if "pdf" in filters.lower() else "csv"]))
    qtbot.mouseClick(report_window.save_pdf, Qt.MouseButton.LeftButton)
    assert asked[-1].endswith("daily-report-JB-TSP-01-2026-11-29.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(target["pdf"])).pages).split())
    assert "Findings to report" in text and "翠湖小区东门" in text
    report_window.encoding.setCurrentIndex(report_window.encoding.findData("utf-8-sig"))
    qtbot.mouseClick(report_window.save_csv, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(io.StringIO(target["csv"].read_bytes().decode("utf-8-sig"), newline="")))
    assert ["Fevers", "1"] in rows
    assert [d["format"] for d in audit(ctx, "report_printed")] == ["pdf", "csv"]
    assert "r.csv" in report_window.status.text()


def test_saving_cancelled_writes_nothing(qtbot, window, ctx, report_window, tmp_path, monkeypatch):
    monkeypatch.setattr(ask, "save_file", lambda *args: None)
    qtbot.mouseClick(report_window.save_pdf, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(report_window.save_csv, Qt.MouseButton.LeftButton)
    assert not audit(ctx, "report_printed")


def test_an_unwritable_place_is_a_message(qtbot, report_window, dialogs, monkeypatch, tmp_path):
    shown, _answers = dialogs
    monkeypatch.setattr(ask, "save_file", lambda *args: str(tmp_path / "no such folder" / "r.pdf"))
    qtbot.mouseClick(report_window.save_pdf, Qt.MouseButton.LeftButton)
    assert shown and "cannot be written" in shown[-1][1] and "no such folder" in shown[-1][1]
    assert not (tmp_path / "no such folder").exists()


def test_a_supervisor_logged_out_meanwhile_cannot_save(qtbot, window, ctx, report_window, dialogs, monkeypatch,
                                                       tmp_path):
    shown, _answers = dialogs
    monkeypatch.setattr(ask, "save_file", lambda *args: str(tmp_path / "r.pdf"))
    window.set_actor(guard(ctx))  # the desk changed hands; the window is still open
    qtbot.mouseClick(report_window.save_pdf, Qt.MouseButton.LeftButton)
    assert shown and "Only a supervisor" in shown[-1][1]
    assert not (tmp_path / "r.pdf").exists()


def test_print_goes_to_the_printer_the_dialog_gave(qtbot, window, ctx, report_window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    choose_day(qtbot, window, report_window, DAY)
    out = tmp_path / "printed.pdf"

    def dialog(parent, title, prepare):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer that writes a file
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(ask, "printer", dialog)
    qtbot.mouseClick(report_window.print_, Qt.MouseButton.LeftButton)
    assert "Findings to report" in " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert audit(ctx, "report_printed") == [{"day": "2026-11-29", "format": "print", "appendix": False}]
    monkeypatch.setattr(ask, "printer", lambda *args: None)  # cancelled in the dialog
    qtbot.mouseClick(report_window.print_, Qt.MouseButton.LeftButton)
    assert len(audit(ctx, "report_printed")) == 1


def test_reopening_raises_the_same_window(qtbot, window, report_window):
    window.findChild(QAction, "report_action").trigger()
    assert window.findChildren(ReportWindow) == [report_window]
    QApplication.processEvents()
