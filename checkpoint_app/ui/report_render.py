"""The daily report on paper: painted with QPainter on a QPdfWriter (PDF) or a QPrinter.

Why this route: QPdfWriter and QPainter are in QtGui (PySide6-Essentials), so a PDF needs
nothing more in the bundle, and they work without any widget, so `checkpoint-cli report`
makes the same PDF under a QGuiApplication on the offscreen platform. Qt embeds the
subset of the font's glyphs the page uses, with a ToUnicode map, so the Chinese text
renders on any viewer and can be extracted (tests/ui/test_ui_report_render.py reads it
back with pypdf). Chinese needs a CJK font on the machine: `chinese_font_family` finds
one by family (WenQuanYi Micro Hei, from Debian's fonts-wqy-microhei, first) and raises
NoChineseFont, with what to install, rather than printing boxes.

Layout, in millimetres on A4 portrait: the station and day; the headline (零报告 or
findings) in a box; the figures of the day beside the persons by category; the vehicles
by category; the hourly
chart with the counts under it (ui/report_chart.py, the window's painting); the shifts;
and, only when asked for, the supervisor's appendix starting on a page of its own.
The tables are the report's shared layout (core/report_table.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from checkpoint_app.core.daily_report import DailyReport
from checkpoint_app.core.report_table import (
    APPENDIX_NOTE,
    TITLE,
    Cell,
    Table,
    appendix_table,
    category_table,
    cell_text,
    headline,
    shift_table,
    summary_table,
    vehicle_table,
)

from checkpoint_app.ui.report_chart import paint_hourly

# Families known to carry Simplified Chinese, in order of preference; after them any family
# the font database says writes Simplified Chinese.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "WenQuanYi Zen Hei",
    "Droid Sans Fallback", "AR PL UMing CN", "SimSun",
)
MARGIN_MM = 15.0
RESOLUTION_DPI = 300
ZERO_COLOUR = QColor("#2e7d32")
FINDINGS_COLOUR = QColor("#b71c1c")


class NoChineseFont(RuntimeError):
    """No font on this machine can draw Chinese: a report would print boxes."""

    def message(self) -> str:
        return QCoreApplication.translate(
            "ReportRender", "No Chinese font is installed, so the report cannot be drawn. Install one (on Debian "
                            "or Ubuntu: sudo apt-get install fonts-wqy-microhei) and try again.")


def chinese_font_family() -> str:
    families = QFontDatabase.families()
    for name in CJK_FAMILIES:
        if name in families:
            return name
    for name in families:
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
            return name
    raise NoChineseFont()


def translate_label(context: str, text: str) -> str:
    """A report label in the user's language (for core/report_table's cells)."""
    return QCoreApplication.translate(context, text)


translate = QCoreApplication.translate


def text_of(cell: Cell) -> str:
    return cell_text(cell, translate_label)


def document_title(report: DailyReport) -> str:
    return f"{text_of(TITLE)} {report.day.isoformat()} {report.station_name}"


class _Sheet:
    """A cursor down the pages of a paged device, in millimetres."""

    def __init__(self, device: QPagedPaintDevice, painter: QPainter, family: str, report: DailyReport):
        self.device, self.painter, self.family, self.report = device, painter, family, report
        self.mm = device.logicalDpiY() / 25.4
        self.width = device.width() / self.mm
        self.height = device.height() / self.mm - 8  # the footer's line stays free
        self.y = 0.0
        self.page = 1

    def font(self, points: float, bold: bool = False) -> QFont:
        """The report's font. `bold` is shown by size and colour only: CJK fonts seldom
        have a bold face, and Qt's synthesised bold draws the text twice into the PDF,
        which its extracted text would then repeat."""
        font = QFont(self.family)
        font.setPointSizeF(points + (0.5 if bold else 0.0))
        return font

    def line_mm(self, font: QFont) -> float:
        return QFontMetricsF(font, self.device).height() / self.mm

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.mm, y * self.mm, w * self.mm, h * self.mm)

    def need(self, height: float) -> None:
        if self.y + height > self.height and self.y > 0:
            self.new_page()

    def new_page(self) -> None:
        self.footer()
        self.device.newPage()
        self.page += 1
        self.y = 0.0

    def footer(self) -> None:
        font = self.font(7.5)
        self.painter.setFont(font)
        self.painter.setPen(QColor("#555555"))
        text = translate("ReportRender", "{title} · made by {operator} at {time} · page {page}").format(
            title=document_title(self.report), operator=self.report.made_by,
            time=self.report.made_at.strftime("%Y-%m-%d %H:%M"), page=self.page)
        self.painter.drawText(self.rect(0, self.height + 3, self.width, 5), Qt.AlignmentFlag.AlignLeft, text)

    def text(self, text: str, points: float, bold: bool = False, colour: QColor | None = None,
             after: float = 1.0, x: float = 0.0, width: float | None = None) -> None:
        font = self.font(points, bold)
        height = self.line_mm(font)
        self.need(height)
        self.painter.setFont(font)
        self.painter.setPen(colour or QColor("black"))
        box = self.rect(x, self.y, width or self.width - x, height)
        elided = QFontMetricsF(font, self.device).elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        self.painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        self.y += height + after

    def table(self, table: Table, widths: list[float], x: float = 0.0, points: float = 9.0,
              numbers_right: bool = True) -> float:
        """Draw `table` (title, header row, rows) at `x` with column `widths` (mm); returns
        the y (mm) below it. Rows that do not fit go on to the next page with the header."""
        title_font, body, bold = self.font(points + 1, True), self.font(points), self.font(points, True)
        row_h = self.line_mm(body) * 1.45
        self.need(self.line_mm(title_font) + 2 * row_h)
        self.text(text_of(table.title), points + 1, True, x=x, width=sum(widths), after=0.8)
        self._row([text_of(h) for h in table.headers], widths, x, bold, row_h, header=True, numbers_right=numbers_right)
        for row in table.rows:
            if self.y + row_h > self.height:
                self.new_page()
                self._row([text_of(h) for h in table.headers], widths, x, bold, row_h, header=True,
                          numbers_right=numbers_right)
            self._row([text_of(c) for c in row], widths, x, body, row_h, header=False, numbers_right=numbers_right)
        return self.y

    def _row(self, cells: list[str], widths: list[float], x: float, font: QFont, row_h: float, header: bool,
             numbers_right: bool) -> None:
        painter = self.painter
        painter.setFont(font)
        metrics = QFontMetricsF(font, self.device)
        if header:
            painter.fillRect(self.rect(x, self.y, sum(widths), row_h), QColor("#e8e8e8"))
        pen = QPen(QColor("#999999"))
        pen.setWidthF(0.2 * self.mm)
        left = x
        for n, (text, width) in enumerate(zip(cells, widths, strict=True)):
            box = self.rect(left + 1.2, self.y, width - 2.4, row_h)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if numbers_right and n > 0 and (header or text.isdigit())
                else Qt.AlignmentFlag.AlignLeft)
            painter.setPen(QColor("black"))
            painter.drawText(box, align, metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width()))
            left += width
        painter.setPen(pen)
        painter.drawLine(QPointF(x * self.mm, (self.y + row_h) * self.mm),
                         QPointF((x + sum(widths)) * self.mm, (self.y + row_h) * self.mm))
        self.y += row_h


def paint_report(device: QPagedPaintDevice, report: DailyReport, family: str | None = None) -> None:
    """Paint the whole report on `device` (a QPdfWriter or a QPrinter, already set up)."""
    family = family or chinese_font_family()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(0, "the paint device could not be opened")
    try:
        _paint(_Sheet(device, painter, family, report), report)
    finally:
        painter.end()


def _paint(sheet: _Sheet, report: DailyReport) -> None:
    head, explained = headline(report)
    sheet.text(translate("ReportRender", "{station} — {title}").format(station=report.station_name, title=text_of(TITLE)),
               16, True, after=1.2)
    sheet.text(f"{report.day.isoformat()}   {report.station_code}   {report.district}", 10, after=4)

    colour = ZERO_COLOUR if report.zero_report else FINDINGS_COLOUR
    big, small = sheet.font(22, True), sheet.font(10)
    box_h = sheet.line_mm(big) + sheet.line_mm(small) + 5
    pen = QPen(colour)
    pen.setWidthF(0.6 * sheet.mm)
    sheet.painter.setPen(pen)
    sheet.painter.drawRect(sheet.rect(0, sheet.y, sheet.width, box_h))
    sheet.y += 2
    sheet.text(text_of(head), 22, True, colour=colour, x=4, after=0.5)
    sheet.text(text_of(explained), 10, x=4, after=0)
    sheet.y += 2.5 + 5

    top = sheet.y
    half = (sheet.width - 6) / 2
    below_left = sheet.table(summary_table(report), [half - 18, 18])
    sheet.y = top
    below_right = sheet.table(category_table(report), [half - 4 * 12.5] + [12.5] * 4, x=half + 6)
    sheet.y = max(below_left, below_right) + 5
    vehicles = vehicle_table(report)
    sheet.table(vehicles, [sheet.width - 6 * 19] + [19.0] * 6, points=8.0)
    sheet.y += 5

    chart_h = 46.0  # the vehicles table above it: the figures, the chart and the shifts on one page
    sheet.need(chart_h + 8)
    sheet.text(translate("ReportRender", "Hourly traffic (people let through, by the hour)"), 10, True, after=1)
    sheet.painter.setFont(sheet.font(7))
    sheet.painter.setPen(QColor("black"))
    paint_hourly(sheet.painter, sheet.rect(0, sheet.y, sheet.width, chart_h), report.figures.hourly)
    sheet.y += chart_h + 6

    shifts = shift_table(report)
    if shifts.rows:
        sheet.table(shifts, [34, 34, 52, sheet.width - 120], numbers_right=False)
    else:
        sheet.text(text_of(shifts.title), 10, True, after=0.8)
        sheet.text(translate("ReportRender", "No shift was recorded on duty this day."), 9)

    appendix = appendix_table(report)
    if appendix is not None:
        sheet.new_page()
        if appendix.rows:
            sheet.table(appendix, [9, 10, 20, 19, 30, 21, 15, 8, 10, 24, sheet.width - 166], points=7.5,
                        numbers_right=False)
        else:
            sheet.text(text_of(appendix.title), 10, True, after=0.8)
            sheet.text(translate("ReportRender", "Nobody to follow up on this day."), 9)
        sheet.y += 3
        sheet.text(text_of(APPENDIX_NOTE), 8, colour=FINDINGS_COLOUR)
    sheet.footer()


def write_pdf(report: DailyReport, path: Path | str, family: str | None = None) -> None:
    """Write the report as an A4 PDF at `path` (for an OutputFile's temporary name: the
    caller renames it into place). Raises NoChineseFont or OSError."""
    family = family or chinese_font_family()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(document_title(report))
    writer.setCreator(translate("ReportRender", "Checkpoint Register"))
    paint_report(writer, report, family)


def prepare_printer(printer: QPagedPaintDevice, report: DailyReport) -> None:
    """A4 portrait with the report's margins (the print dialog may change them after)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
