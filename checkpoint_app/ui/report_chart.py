"""The hourly traffic chart (每小时通行量) of the daily report, drawn with QPainter.

One function paints it into any rectangle of any paint device, so the report window's
widget, the PDF and the printout show the same chart. QtCharts is not used: it is in
PySide6-Addons, which the bundle leaves out (packaging/README.md); bars, axes and labels
are a few dozen lines of QPainter.

Under each hour's pair of bars the counts are written as text (in, then out), so the
figures are readable on paper and extractable from the PDF, not only guessed from bars.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from checkpoint_app.core.daily_report import HOURS, HourTraffic

from checkpoint_app.ui.i18n import translate

IN_COLOUR = QColor("#1f5fa8")  # dark blue: prints dark grey
OUT_COLOUR = QColor("#e0a030")  # amber: prints light grey
AXIS_COLOUR = QColor("#444444")
GRID_COLOUR = QColor("#cccccc")


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above `value` (at least 1): the axis's top."""
    if value <= 1:
        return 1
    power = 10 ** int(math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def paint_hourly(painter: QPainter, rect: QRectF, hourly: Sequence[HourTraffic], with_counts: bool = True) -> None:
    """Paint the chart into `rect` in the painter's current font (its device's units)."""
    painter.save()
    try:
        _paint(painter, rect, hourly, with_counts)
    finally:
        painter.restore()


def _paint(painter: QPainter, rect: QRectF, hourly: Sequence[HourTraffic], with_counts: bool) -> None:
    font = painter.font()
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height()
    top = max([1] + [max(h.entered, h.left) for h in hourly])
    ceiling = nice_ceiling(top)
    in_text, out_text = translate("ReportChart", "In"), translate("ReportChart", "Out")

    # legend, right-aligned on the first line
    pen = QPen(AXIS_COLOUR)
    pen.setWidthF(max(1.0, line / 16))
    painter.setPen(pen)
    swatch = line * 0.7
    x = rect.right()
    for label, colour in ((out_text, OUT_COLOUR), (in_text, IN_COLOUR)):
        x -= metrics.horizontalAdvance(label)
        painter.drawText(QPointF(x, rect.top() + metrics.ascent()), label)
        x -= swatch + line * 0.3
        painter.fillRect(QRectF(x, rect.top() + (line - swatch) / 2, swatch, swatch), colour)
        x -= line

    label_width = max(metrics.horizontalAdvance(text) for text in (str(ceiling), in_text, out_text)) + line * 0.4
    rows_below = 1 + (2 if with_counts else 0)
    plot = QRectF(rect.left() + label_width, rect.top() + line * 1.5, rect.width() - label_width,
                  rect.height() - line * 1.5 - line * rows_below - line * 0.3)
    if plot.height() <= line or plot.width() <= HOURS:
        return
    slot = plot.width() / HOURS

    # grid and the y axis labels (0, half, top)
    for value in (0, ceiling // 2 if ceiling >= 2 else None, ceiling):
        if value is None:
            continue
        y = plot.bottom() - plot.height() * value / ceiling
        painter.setPen(QPen(GRID_COLOUR if value else AXIS_COLOUR, pen.widthF()))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(pen)
        text = str(value)
        painter.drawText(QPointF(plot.left() - line * 0.2 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2.5),
                         text)

    # the bars
    bar = slot * 0.36
    for h in hourly:
        left = plot.left() + slot * h.hour + (slot - 2 * bar) / 2
        for n, (value, colour) in enumerate(((h.entered, IN_COLOUR), (h.left, OUT_COLOUR))):
            if value:
                height = plot.height() * value / ceiling
                painter.fillRect(QRectF(left + n * bar, plot.bottom() - height, bar, height), colour)

    # hour labels every third hour, and the counts under every hour
    painter.setPen(pen)
    y = plot.bottom() + line * 0.2 + metrics.ascent()
    for hour in range(0, HOURS, 3):
        painter.drawText(QPointF(plot.left() + slot * hour + 1, y), f"{hour:02d}")
    if with_counts:
        by_hour = {h.hour: h for h in hourly}
        for row, (pick, colour) in enumerate(((lambda t: t.entered, IN_COLOUR), (lambda t: t.left, OUT_COLOUR))):
            base = y + line * (row + 1)
            painter.setPen(QPen(colour.darker(140)))
            name = (in_text, out_text)[row]
            painter.drawText(QPointF(plot.left() - line * 0.2 - metrics.horizontalAdvance(name), base), name)
            for hour in range(HOURS):
                value = pick(by_hour.get(hour, HourTraffic(hour)))
                text = str(value)
                width = metrics.horizontalAdvance(text)
                painter.drawText(QPointF(plot.left() + slot * hour + (slot - width) / 2, base), text)
        painter.setPen(pen)


class HourlyChart(QWidget):
    """The chart in the report window (the same painting as the PDF's)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("report_chart")
        self.setAccessibleName(translate("ReportChart", "Hourly traffic"))
        self.hourly: tuple[HourTraffic, ...] = tuple(HourTraffic(h) for h in range(HOURS))
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(560, 220)

    def show_hours(self, hourly: Sequence[HourTraffic]) -> None:
        self.hourly = tuple(hourly)
        self.setToolTip("\n".join(translate("ReportChart", "{hour}: {entered} in, {left} out").format(
            hour=f"{h.hour:02d}:00", entered=h.entered, left=h.left) for h in self.hourly if h.entered or h.left))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().text().color())
        paint_hourly(painter, QRectF(self.rect()).adjusted(6, 6, -6, -4), self.hourly)
        painter.end()

