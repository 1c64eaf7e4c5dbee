"""The office window's three tabs: the enrolled stations; the gaps (per station, batch
numbers missing and days without a declaration); the daily completeness report (per
sub-district: expected posts, reported, zero reports, on time, late, and the missing
named; the district's totals) with Save XLSX… / Save PDF…. A missing report is not a zero:
the report says which posts did not report, by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import call, fill, table
from checkpoint_app.ui.batch_labels import numbers_text
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.central_window import CentralWindow


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else translate("CentralWindow", "none yet")


TOTAL_KEYS = ("persons", "vehicles", "fevers", "referrals", "refused", "key_area", "alerts")


def _names(posts) -> str:
    return translate("CentralWindow", ", ").join(f"{p.name} ({p.code})" for p in posts)


def days_list(days) -> str:
    """Days as ISO dates; a long run shortened to its first and last few."""
    listed = [day.isoformat() for day in sorted(days)]
    if len(listed) > 8:
        return translate("CentralWindow", "{first} … {last} ({count} days)").format(
            first=", ".join(listed[:3]), last=", ".join(listed[-2:]), count=len(listed))
    return ", ".join(listed)


def _when(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


class StationsTab(QWidget):
    def __init__(self, window: CentralWindow):
        super().__init__(window)
        self.setObjectName("stations_tab")
        self.window_ = window
        self.table = table("stations_table", [
            translate("CentralWindow", "Code"), translate("CentralWindow", "Station"),
            translate("CentralWindow", "Sub-district"), translate("CentralWindow", "Fingerprint"),
            translate("CentralWindow", "Batches"), translate("CentralWindow", "Last batch"),
            translate("CentralWindow", "Last imported"), translate("CentralWindow", "Last day declared")])
        self.empty = QLabel(translate("CentralWindow", "No station enrolled yet: Office → Enroll station… with the "
                                                       "enrollment file a station's supervisor brings."),
                            objectName="stations_empty_label", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        ok, stations = call(self.window_, translate("CentralWindow", "Stations"), self.window_.office.stations)
        stations = list(stations or []) if ok else []
        fill(self.table, [[s.code, s.name, s.district, s.fingerprint, s.batches,
                           s.last_number if s.last_number is not None else "", _when(s.last_imported_at),
                           _day(s.last_day)] for s in stations])
        self.empty.setVisible(not stations)


class GapsTab(QWidget):
    def __init__(self, window: CentralWindow):
        super().__init__(window)
        self.setObjectName("gaps_tab")
        self.window_ = window
        self.table = table("gaps_table", [
            translate("CentralWindow", "Code"), translate("CentralWindow", "Station"),
            translate("CentralWindow", "Sub-district"), translate("CentralWindow", "Missing batch numbers"),
            translate("CentralWindow", "Days without a declaration")])
        self.summary = QLabel(objectName="gaps_summary_label", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        ok, gaps = call(self.window_, translate("CentralWindow", "Gaps"), self.window_.office.gaps)
        gaps = list(gaps or []) if ok else []
        gaps = [g for g in gaps if not g.complete]
        fill(self.table, [[g.code, g.name, g.district, numbers_text(g.missing_batches), days_list(g.missing_days)]
                          for g in gaps])
        with_gaps = len(gaps)
        self.summary.setText(translate("CentralWindow", "{count} stations have gaps: chase their batches.").format(
            count=with_gaps) if with_gaps else translate("CentralWindow", "No gaps: every station's batches and days "
                                                                           "are here."))


class CompletenessTab(QWidget):
    def __init__(self, window: CentralWindow):
        super().__init__(window)
        self.setObjectName("completeness_tab")
        self.window_ = window
        self.report: Any = None
        day = window.office.local_today() - dt.timedelta(days=1)  # the morning's question: who reported yesterday?
        self.day_edit = QDateEdit(objectName="completeness_day_edit", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day_edit.setDate(QDate(day.year, day.month, day.day))
        day_label = QLabel(translate("CentralWindow", "&Day:"))
        day_label.setBuddy(self.day_edit)
        self.headline = QLabel(objectName="completeness_headline", wordWrap=True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.headline.setFont(font)
        self.save_xlsx = QPushButton(translate("CentralWindow", "Save &XLSX…"), objectName="save_xlsx_button")
        self.save_pdf = QPushButton(translate("CentralWindow", "Save &PDF…"), objectName="save_pdf_button")
        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.day_edit)
        top.addSpacing(16)
        top.addWidget(self.headline, 1)
        top.addWidget(self.save_xlsx)
        top.addWidget(self.save_pdf)
        self.table = table("completeness_table", [
            translate("CentralWindow", "Sub-district"), translate("CentralWindow", "Expected"),
            translate("CentralWindow", "Reported"), translate("CentralWindow", "Zero reports"),
            translate("CentralWindow", "On time"), translate("CentralWindow", "Late"),
            translate("CentralWindow", "Missing"), translate("CentralWindow", "Posts that did not report")])
        self.totals = table("completeness_totals_table", [
            translate("CentralWindow", "Persons"), translate("CentralWindow", "Vehicles"),
            translate("CentralWindow", "Fevers"), translate("CentralWindow", "Referrals"),
            translate("CentralWindow", "Refusals"), translate("CentralWindow", "Key-area arrivals"),
            translate("CentralWindow", "Watchlist alerts")])
        self.table.horizontalHeader().setMinimumSectionSize(64)  # the counts' headings are not squeezed
        self.totals.setMaximumHeight(80)
        for column in range(self.totals.columnCount()):  # seven figures side by side, none stretched alone
            self.totals.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        totals_label = QLabel(translate("CentralWindow", "Totals across the posts that reported:"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(totals_label)
        layout.addWidget(self.totals)
        self.day_edit.dateChanged.connect(self.reload)
        self.save_xlsx.clicked.connect(self.write_xlsx)
        self.save_pdf.clicked.connect(self.write_pdf)

    def day(self) -> dt.date:
        return self.day_edit.date().toPython()

    def reload(self) -> None:
        ok, report = call(self.window_, translate("CentralWindow", "Daily completeness"),
                          lambda: self.window_.office.report(self.day()))
        self.report = report if ok else None
        for button in (self.save_xlsx, self.save_pdf):
            button.setEnabled(self.report is not None)
        if self.report is None:
            fill(self.table, [])
            fill(self.totals, [])
            self.headline.setText("")
            return
        rows = [[g.district, g.expected, len(g.reported), len(g.zero), len(g.on_time), len(g.late),
                 len(g.missing), _names(g.missing)] for g in report.groups]
        counts = report.counts()
        rows.append([translate("CentralWindow", "All sub-districts"), counts["expected"], counts["reported"],
                     counts["zero"], counts["on_time"], counts["late"], counts["missing"],
                     _names([p for g in report.groups for p in g.missing])])
        fill(self.table, rows)
        for row, group in enumerate(report.groups):
            if group.missing:
                for column in (6, 7):
                    self.table.item(row, column).setForeground(QColor("#b71c1c"))
        last = len(rows) - 1
        font = self.table.item(last, 0).font()
        font.setBold(True)
        for column in range(self.table.columnCount()):
            self.table.item(last, column).setFont(font)
        totals = report.totals()
        fill(self.totals, [[totals.get(k, 0) for k in TOTAL_KEYS]])
        self.headline.setText(translate("CentralWindow", "{day}: {reported} of {expected} posts reported "
                                                         "(zero reports: {zero}, late: {late}); missing: {missing}.")
                              .format(day=report.day.isoformat(), **counts))
        self.headline.setStyleSheet("color: #b71c1c;" if counts["missing"] else "color: #1b5e20;")

    def _save(self, suffix: str, label: str, write) -> bool:
        """Ask where, then `write(report, path)`; a failure is a message and no file
        (both writers write under a temporary name and rename)."""
        from checkpoint_app.ui.report_render import NoChineseFont

        if self.report is None:
            return False
        title = translate("CentralWindow", "Save the completeness report")
        stem = translate("CentralWindow", "completeness")  # the suggested file name's start
        name = f"{stem}-{self.report.day.isoformat()}.{suffix}"
        path = ask.save_file(self, title, str(Path.home() / name), label)
        if not path:
            return False
        try:
            write(self.report, Path(path))
        except NoChineseFont as missing:
            ask.error(self, title, missing.message())
            return False
        except OSError as error:
            ask.error(self, title, translate("CentralWindow", "{path} cannot be written ({reason}). Nothing was saved.")
                      .format(path=path, reason=error.strerror or type(error).__name__))
            return False
        self.window_.say(translate("CentralWindow", "Saved: {path}").format(path=path))
        return True

    def write_xlsx(self) -> bool:
        from checkpoint_app.central.report_table import write_xlsx

        return self._save("xlsx", "Excel (*.xlsx)", lambda report, path: write_xlsx(report, path, translate))

    def write_pdf(self) -> bool:
        return self._save("pdf", "PDF (*.pdf)", _write_pdf)


def _write_pdf(report, path: Path) -> None:
    import os

    from checkpoint_app.ui.district_report_render import write_pdf

    temporary = path.with_name(path.name + ".partial")
    try:
        write_pdf(report, temporary, translate)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
