"""A lean painter for the register's cells.

Every save repaints the whole visible table (the new row pushes the others down), and
the guard waits for that paint. Qt's standard delegate asks the model for about seven
roles per cell and lays each text out through the style: about 10 ms for a screenful
on a 2-core laptop. The cells here are plain text in one colour, so this delegate
draws exactly that -- row background, text, elided if it does not fit -- from the
model's cached cells (EntryTableModel.cells_at), with each text laid out once
(QStaticText): a screenful paints in about a third of the time.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

# plain ints: Python's enum operators cost more than the drawing (profiled)
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate.value
_NORMAL, _INACTIVE, _DISABLED = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled
_HIGHLIGHT, _HIGHLIGHTED_TEXT = QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText
_ALTERNATE_BASE, _TEXT = QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Text
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_RIGHT = Qt.AlignmentFlag.AlignRight.value
_MARGIN = 4
_KEEP_TEXTS = 4000  # a few screens' worth of distinct texts


class EntryDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        # text -> (its laid-out form, width): the same words and times come back on
        # every repaint, and laying text out is most of the cost of drawing it
        self._texts: dict[str, tuple[QStaticText, float]] = {}

    def forget_widths(self) -> None:
        """The table's font changed (large print on or off)."""
        self._texts.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cells = index.model().cells_at(index)
        if cells is None:
            return
        column = index.column()
        text = cells[0][column]
        state = option.state.value
        group = _DISABLED if not state & _ENABLED else _NORMAL if state & _ACTIVE else _INACTIVE
        palette = option.palette
        rect = option.rect
        if state & _SELECTED:
            painter.fillRect(rect, palette.brush(group, _HIGHLIGHT))
            pen = palette.color(group, _HIGHLIGHTED_TEXT)
        else:
            if option.features.value & _ALTERNATE:
                painter.fillRect(rect, palette.brush(group, _ALTERNATE_BASE))
            brush = cells[1][column]
            pen = brush.color() if brush is not None else palette.color(group, _TEXT)
        if not text:
            return
        inner = rect.adjusted(_MARGIN, 0, -_MARGIN, 0)
        laid_out = self._texts.get(text)
        if laid_out is None:
            if len(self._texts) > _KEEP_TEXTS:  # a long scroll: start again rather than grow
                self._texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=option.font)
            laid_out = self._texts[text] = (static, static.size().width())
        static, width = laid_out
        painter.setPen(pen)
        if width > inner.width():  # a column made narrow by hand: elide, as Qt would
            painter.drawText(inner, cells[2][column],
                             option.fontMetrics.elidedText(text, _ELIDE_RIGHT, inner.width()))
            return
        x = inner.right() + 1 - width if cells[2][column] & _RIGHT else inner.left()
        y = inner.top() + (inner.height() - static.size().height()) / 2
        painter.drawStaticText(QPointF(x, y), static)
