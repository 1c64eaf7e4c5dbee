"""The office's district report (central/district.py) as a PDF: the station's daily-report
route (ui/report_render.py: QPainter on a QPdfWriter, QtGui only, so `checkpoint-cli central
report --pdf` paints it under an offscreen QGuiApplication; the same CJK font search), on
A4 landscape for its wide tables. The rows are central/report_table.py's, the same as the
XLSX's; only the painting is here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from checkpoint_app.central.district import DistrictReport
from checkpoint_app.central.report_table import NOT_ACTIVE, Translate, english, heading, post_rows, summary_rows

from checkpoint_app.ui.report_render import MARGIN_MM, RESOLUTION_DPI, NoChineseFont, chinese_font_family

__all__ = ["NoChineseFont", "write_pdf"]
MISSING_COLOUR = QColor("#b71c1c")


class _Page:
    def __init__(self, writer: QPdfWriter, painter: QPainter, family: str):
        self.writer, self.painter, self.family = writer, painter, family
        self.mm = writer.logicalDpiY() / 25.4
        self.width = writer.width() / self.mm
        self.height = writer.height() / self.mm
        self.y = 0.0

    def font(self, points: float) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        return font

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.mm, y * self.mm, w * self.mm, h * self.mm)

    def line(self, text: str, points: float, after: float = 1.0) -> None:
        font = self.font(points)
        height = QFontMetricsF(font, self.writer).height() / self.mm
        if self.y + height > self.height:
            self.writer.newPage()
            self.y = 0.0
        self.painter.setFont(font)
        self.painter.setPen(QColor("black"))
        self.painter.drawText(self.rect(0, self.y, self.width, height), Qt.AlignmentFlag.AlignLeft, text)
        self.y += height + after

    def table(self, rows: list[list[Any]], widths: list[float], points: float = 8.0,
              red_column: int | None = None) -> None:
        font = self.font(points)
        metrics = QFontMetricsF(font, self.writer)
        row_h = metrics.height() / self.mm * 1.5
        scale = self.width / sum(widths)
        widths = [w * scale for w in widths]
        pen = QPen(QColor("#999999"))
        pen.setWidthF(0.2 * self.mm)
        for index, row in enumerate(rows):
            if self.y + row_h > self.height:
                self.writer.newPage()
                self.y = 0.0
            if index == 0:
                self.painter.fillRect(self.rect(0, self.y, self.width, row_h), QColor("#e8e8e8"))
            self.painter.setFont(font)
            left = 0.0
            for column, (value, width) in enumerate(zip(row, widths, strict=False)):
                text = str(value)
                box = self.rect(left + 1, self.y, width - 2, row_h)
                number = isinstance(value, int) and not isinstance(value, bool)
                align = Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignRight if number
                                                         else Qt.AlignmentFlag.AlignLeft)
                self.painter.setPen(MISSING_COLOUR if column == red_column and index > 0 else QColor("black"))
                self.painter.drawText(box, align, metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width()))
                left += width
            self.painter.setPen(pen)
            self.painter.drawLine(QPointF(0, (self.y + row_h) * self.mm), QPointF(self.width * self.mm,
                                                                                  (self.y + row_h) * self.mm))
            self.y += row_h
        self.y += 4


def write_pdf(report: DistrictReport, path: Path | str, tr: Translate = english, family: str | None = None) -> None:
    """The report as an A4 landscape PDF at `path`. Raises NoChineseFont or OSError."""
    family = family or chinese_font_family()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION_DPI)
    title, *lines = heading(report, tr)
    writer.setTitle(f"{title} {report.day.isoformat()}")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(0, "the PDF could not be opened for painting", str(path))
    try:
        page = _Page(writer, painter, family)
        page.line(title, 15, after=1.5)
        for line in lines:
            page.line(line, 9, after=0.5)
        page.y += 3
        page.table(summary_rows(report, tr), [26, 13, 11, 11, 11, 9, 9, 40] + [12] * 7, red_column=7)
        page.table(post_rows(report, tr), [26, 34, 22, 22, 14, 26] + [12] * 7, red_column=None)
        if report.not_active:
            page.line(f"{tr('district', NOT_ACTIVE)}: {'、'.join(report.not_active)}", 8)
    finally:
        painter.end()
