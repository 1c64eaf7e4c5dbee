"""Who is inside (在内人员) on screen: the count at the right end of the menu bar
("Inside: 12", amber when some are late) and the "Inside now" window listing them, each checked out with one
key (Enter: the exit is recorded, linked to its entry; services/inside.py).

The window stays open beside the desk (not modal). It is read again when it opens, after
every save at the desk and each minute while it is on screen (time inside moves on, the
late hour comes); hidden, it reads nothing. The count reads after every save, with the
day's counts and each minute. Late rows (inside past the late hour, or since an earlier
day: core/inside.py) are amber with "late" written in the time column, never colour
alone. Names are masked like every list.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.inside import InsideCounts, InsideRow
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.duty_strip import local_time
from checkpoint_app.ui.form_fields import set_state
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")

REFRESH_MS = 60_000
# the theme's "warn" state (ui/theme.py), for table rows (which the style sheet's label states do not reach)
LATE_TEXT, LATE_BACKGROUND = QColor("#8a4b00"), QColor("#fff3cd")
COLUMNS = 8  # No., name, category, plate, people, destination, entered, time inside


def duration_text(span: dt.timedelta) -> str:
    """"2 h 05 min", "1 d 3 h": how long someone has been inside."""
    minutes = int(span.total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return translate("InsidePanel", "{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return translate("InsidePanel", "{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    return translate("InsidePanel", "{minutes} min").format(minutes=minutes)


def count_text(counts: InsideCounts) -> str:
    if counts.late:
        return translate("InsidePanel", "Inside: {count} ({late} late)").format(count=counts.inside, late=counts.late)
    return translate("InsidePanel", "Inside: {count}").format(count=counts.inside)


class InsideCount(QLabel):
    """The count on the main screen; a click opens the list (so does Ctrl+I)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inside_count_label")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setContentsMargins(8, 0, 8, 0)
        self.setToolTip(translate("InsidePanel", "Visitors and visitor vehicles that came in and have not been "
                                                "checked out. Click or press Ctrl+I to see them and check them out."))
        self.counts: InsideCounts | None = None
        self.show_counts(None)

    def show_counts(self, counts: InsideCounts | None) -> None:
        self.counts = counts
        if counts is None:
            set_state(self, "", translate("InsidePanel", "Inside: –"))
        else:
            set_state(self, "warn" if counts.late else "", count_text(counts))
        self._fit()

    def _fit(self) -> None:
        """As wide as the text: a menu bar lays its corner widget out only when it is itself
        resized, so a longer count would be cut ("Inside: 2" for 258)."""
        self.adjustSize()
        bar = self.parentWidget()
        if bar is not None and bar.isVisible():
            QCoreApplication.sendEvent(bar, QResizeEvent(bar.size(), bar.size()))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class InsidePanel(QDialog):
    """The "Inside now" window (see the module docstring)."""

    checked_out = Signal(int)  # the exit's passage id

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("inside_panel")
        self.setWindowTitle(translate("InsidePanel", "Inside now"))
        self._window = window
        self.rows: list[InsideRow] = []
        self.summary = QLabel(self, objectName="inside_summary_label")
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("inside_table")
        self.table.setHorizontalHeaderLabels([
            translate("InsidePanel", "No."), translate("InsidePanel", "Name"), translate("InsidePanel", "Category"),
            translate("InsidePanel", "Plate"), translate("InsidePanel", "People"),
            translate("InsidePanel", "Destination"), translate("InsidePanel", "Entered"),
            translate("InsidePanel", "Time inside")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        self.table.setWordWrap(False)
        self.table.setStyleSheet("QTableWidget::item { padding: 0px 6px; }")  # columns sized to their text need air
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.check_out())
        self.message = QLabel(self, objectName="inside_message_label")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.check_out_button = QPushButton(translate("InsidePanel", "Check out (Enter)"), self,
                                            objectName="inside_check_out_button")
        self.check_out_button.setDefault(True)  # Enter on the list checks the chosen row out
        self.check_out_button.clicked.connect(self.check_out)
        refresh = QPushButton(translate("InsidePanel", "Refresh (F5)"), self, objectName="inside_refresh_button")
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.refresh)
        close = QPushButton(translate("InsidePanel", "Close (Esc)"), self, objectName="inside_close_button")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons.addButton(self.check_out_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(refresh, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry()
        self.resize(min(940, screen.width() - 40), min(520, screen.height() - 80))

    # -- showing --------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        """Read the list again (only while on screen), keeping the chosen row's place."""
        if not self.isVisible():
            return
        keep = max(self.table.currentRow(), 0)
        ctx, actor = self._window.ctx, self._window.actor
        if ctx is None or actor is None:
            self._show([], None)
            return
        now = ctx.clock()
        try:
            rows = ctx.inside.inside(actor, now)
        except NotPermitted as refused:
            self._say("alarm", i18n.problem_text(refused.problem()))
            return
        except StorageError as err:
            log.warning("who is inside not read: %s", err.kind.value)
            self._say("alarm", ask.storage_message(err, during="read"))
            return
        self._show(rows, now)
        if rows:
            self.table.selectRow(min(keep, len(rows) - 1))

    def _show(self, rows: list[InsideRow], now: dt.datetime | None) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for n, row in enumerate(rows):
            inside = duration_text(row.inside_for)
            if row.late:
                inside = translate("InsidePanel", "{time} · late").format(time=inside)
            values = (str(row.seq), row.name or "—", i18n.category_label(row.category), row.plate or "",
                      str(row.persons), row.destination, local_time(row.entered_at, now) if now else "", inside)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.passage_id)
                if column in (0, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.late:
                    item.setForeground(QBrush(LATE_TEXT))
                    item.setBackground(QBrush(LATE_BACKGROUND))
                    item.setFont(bold)
                self.table.setItem(n, column, item)
        late = sum(r.late for r in rows)
        counts = InsideCounts(len(rows), late)
        text = count_text(counts)
        if late:
            text += " · " + translate("InsidePanel", "late: still inside after the late hour, or since an earlier day")
        set_state(self.summary, "warn" if late else "", text)
        self.check_out_button.setEnabled(bool(rows))

    def _say(self, state: str, text: str) -> None:
        set_state(self.message, state, text)

    # -- checking out -----------------------------------------------------------------------

    def selected(self) -> InsideRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectionModel().hasSelection() else None

    def check_out(self) -> None:
        """Record the exit of the chosen row (Enter, the button or a double click)."""
        chosen = self.selected()
        ctx, actor = self._window.ctx, self._window.actor
        if chosen is None or ctx is None:
            self._say("warn", translate("InsidePanel", "Choose who is leaving in the list (arrow keys), then press Enter."))
            return
        try:
            exit_ = ctx.inside.check_out(actor, chosen.passage_id)
        except InvalidInput as err:
            self._say("alarm", "\n".join(i18n.problem_text(p) for p in err.problems))
            self.refresh()  # e.g. checked out at another desk meanwhile: the row goes
            return
        except NotPermitted as refused:
            self._say("alarm", i18n.problem_text(refused.problem()))
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        who = chosen.name or chosen.plate or ""
        if chosen.kind == "vehicle" and chosen.plate:
            who = chosen.plate
        self._say("ok", translate("InsidePanel", "No. {seq} {who} checked out (exit No. {exit}).").format(
            seq=chosen.seq, who=who, exit=exit_.seq))
        self.checked_out.emit(exit_.id)
        self.refresh()
        self.table.setFocus()


class InsideDesk(QObject):
    """The count on the main screen (the menu bar's corner), the "Inside now" window (made when first
    opened) and what keeps them up to date (see the module docstring)."""

    checked_out = Signal(int)  # an exit was recorded: its passage id (the register list shows it)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self.count = InsideCount(window)
        self.count.clicked.connect(self.open)
        self.panel: InsidePanel | None = None
        # at the menu bar's right end: the status bar's counts already take all of 1366 px on a busy day
        window.menuBar().setCornerWidget(self.count, Qt.Corner.TopRightCorner)
        self.count.show()  # the window may be on screen already (it opens before the register): a corner set late stays hidden
        for form in (window.form, window.vehicle_form):
            form.saved.connect(self._register_changed)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def open(self) -> None:
        """Show the "Inside now" window (Ctrl+I, or a click on the count)."""
        if self._window.ctx is None:
            return
        if self.panel is None:
            self.panel = InsidePanel(self._window)
            self.panel.checked_out.connect(self._checked_out)
        self.panel.show()
        self.panel.activateWindow()  # (window managers raise the window they activate)

    def refresh(self) -> None:
        """Read the count again (nothing while nobody is logged in), and the list while it
        is on screen: after a save, with the day's counts (F5, a login, a void) and each minute."""
        if self.panel is not None:
            self.panel.refresh()  # reads nothing while hidden
        self.refresh_count()

    def refresh_count(self) -> None:
        ctx, actor = self._window.ctx, self._window.actor
        if ctx is None or actor is None:
            self.count.show_counts(None)
            return
        try:
            self.count.show_counts(ctx.inside.counts(actor))
        except NotPermitted:
            self.count.show_counts(None)
        except StorageError as err:
            log.warning("inside count unavailable: %s", err.kind.value)

    def _register_changed(self, *_args) -> None:
        self.refresh()

    def _checked_out(self, exit_id: int) -> None:
        self.refresh_count()  # (the panel reads its list again itself)
        self.checked_out.emit(exit_id)
