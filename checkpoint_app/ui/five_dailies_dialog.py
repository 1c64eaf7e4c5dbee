"""The five dailies' day sheet (五个每日, Station → Five dailies…): one row per person in
home quarantine, grouped by household (room), and the eight items of the day as cells:
the phone call, supplies, rubbish, the morning and evening temperatures and the three
disinfections (core/five_dailies.py).

By keyboard, under a minute a household: the arrow keys move between cells, Space (or
Enter) ticks the current item; on a temperature cell the digits typed go into the
reading field below and Enter saves the reading (Esc goes back to the sheet). A done
cell shows the time and who did it; an item past its time is marked overdue (e.g. the
evening reading after 20:00), the marks refreshed every minute; a reading at or above
the fever threshold turns its cell red and raises the alarm above the sheet, proposing
referral to the fever clinic. Ticking twice is refused by the service (who ticked it,
when); a supervisor undoes a mistaken tick with Delete. Guards and supervisors use it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.five_dailies import BY_CODE, CONTEXT, ITEMS, ItemState
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.temperature import format_tenths

from checkpoint_app.services.errors import StorageError
from checkpoint_app.services.watchlist import CareCell, CarePerson, Household, WatchlistService

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow

FIRST_ITEM_COLUMN = 2  # room, name, then the items in ITEMS order
REFRESH_MS = 60_000  # the overdue marks follow the clock
COLOURS = {  # background, text
    ItemState.DONE: ("#dff0d8", "#1b5e20"),
    ItemState.OVERDUE: ("#ffd8cc", "#8a1c00"),
    ItemState.FEVER: ("#b00020", "#ffffff"),
}
_READING_KEYS = set("0123456789.,")


def item_label(code: str) -> str:
    return translate(CONTEXT, BY_CODE[code].english)


class FiveDailiesDialog(QDialog):
    def __init__(self, watchlist: WatchlistService, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("five_dailies_dialog")
        self.setWindowTitle(translate("FiveDailiesDialog", "Five dailies"))
        self._watchlist = watchlist
        self._actor = actor
        self.rows: list[tuple[Household, CarePerson]] = []

        self.day_edit = QDateEdit(self, objectName="care_day_edit")
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setCalendarPopup(True)
        today = watchlist.today()
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day_edit.dateChanged.connect(lambda _date: self.reload())
        self.summary_label = QLabel(self, objectName="care_summary_label")
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("FiveDailiesDialog", "Day"), self))
        top.addWidget(self.day_edit)
        top.addWidget(self.summary_label, 1)

        self.alarm_label = QLabel(self, objectName="care_alarm_label")
        self.alarm_label.setProperty("state", "alarm")
        self.alarm_label.setWordWrap(True)
        self.alarm_label.hide()

        self.table = QTableWidget(0, FIRST_ITEM_COLUMN + len(ITEMS), self, objectName="care_table")
        headers = [translate("FiveDailiesDialog", "Room"), translate("FiveDailiesDialog", "Name")]
        headers += [translate("FiveDailiesDialog", "{item}\nby {time}").format(
            item=item_label(item.code), time=item.due.strftime("%H:%M")) for item in ITEMS]
        self.table.setHorizontalHeaderLabels(headers)
        for column, item in enumerate(ITEMS, start=FIRST_ITEM_COLUMN):  # in full, should the header be cut
            self.table.horizontalHeaderItem(column).setToolTip(f"{item_label(item.code)} ({item.chinese})")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.installEventFilter(self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the items share the width
        for column in range(FIRST_ITEM_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda *_cells: self._show_current())

        self.reading_label = QLabel(self, objectName="care_reading_label")
        self.reading_edit = QLineEdit(self, objectName="care_reading_edit")
        self.reading_edit.setMaximumWidth(120)
        self.reading_edit.setPlaceholderText("36.5")
        self.reading_edit.returnPressed.connect(self.save_reading)
        self.reading_edit.installEventFilter(self)
        self.note_edit = QLineEdit(self, objectName="care_note_edit")
        self.note_edit.setPlaceholderText(translate("FiveDailiesDialog", "note (optional), saved with the next tick"))
        self.note_edit.returnPressed.connect(self.table.setFocus)
        reading_row = QHBoxLayout()
        reading_row.addWidget(self.reading_label)
        reading_row.addWidget(self.reading_edit)
        reading_row.addWidget(self.note_edit, 1)

        self.message_label = QLabel(self, objectName="care_message_label")
        self.message_label.setWordWrap(True)
        hint = QLabel(translate("FiveDailiesDialog", "Arrows move, Space ticks, digits type a reading and Enter "
                                                     "saves it; Delete undoes a tick (supervisor)."), self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.alarm_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(reading_row)
        layout.addWidget(self.message_label)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.setMinimumSize(1000, 560)
        self.resize(1320, 700)  # the eight items' headers in full on a 1366×768 screen

        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._refresh_marks)
        self.timer.start()
        self.reload()
        if self.rows:
            self.table.setCurrentCell(0, FIRST_ITEM_COLUMN)
        self.table.setFocus()

    # -- the sheet ----------------------------------------------------------------------------

    def day(self) -> dt.date:
        return self.day_edit.date().toPython()  # type: ignore[no-any-return]

    def reload(self) -> None:
        row, column = self.table.currentRow(), self.table.currentColumn()
        try:
            sheet = self._watchlist.day_sheet(self._actor, self.day())
        except NotPermitted as err:
            self._say(i18n.problem_text(err.problem()), error=True)
            return
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return
        self.rows = [(household, person) for household in sheet for person in household.persons]
        self.table.setRowCount(len(self.rows))
        shade = QBrush(QColor("#f4f6f8"))
        for r, (household, person) in enumerate(self.rows):
            room_item = QTableWidgetItem(household.room if person is household.persons[0] else "")
            name_item = QTableWidgetItem(person.name)
            if sheet.index(household) % 2:
                room_item.setBackground(shade)
                name_item.setBackground(shade)
            self.table.setItem(r, 0, room_item)
            self.table.setItem(r, 1, name_item)
            for c, cell in enumerate(person.cells, start=FIRST_ITEM_COLUMN):
                self.table.setItem(r, c, self._cell_item(cell))
        self.table.resizeRowsToContents()
        for r in range(self.table.rowCount()):  # room to read a cell of two lines at a glance
            self.table.setRowHeight(r, max(self.table.rowHeight(r), 44))
        if self.rows and row >= 0:
            self.table.setCurrentCell(min(row, len(self.rows) - 1), max(column, FIRST_ITEM_COLUMN))
        persons = len(self.rows)
        done = sum(1 for _, p in self.rows for cell in p.cells if cell.state in (ItemState.DONE, ItemState.FEVER))
        overdue = sum(1 for _, p in self.rows for cell in p.cells if cell.state is ItemState.OVERDUE)
        if persons:
            self.summary_label.setText(translate(
                "FiveDailiesDialog", "{households} households, {persons} persons: {done} of {total} done, "
                                     "{overdue} overdue").format(households=len(sheet), persons=persons, done=done,
                                                                 total=persons * len(ITEMS), overdue=overdue))
        else:
            self.summary_label.setText(translate("FiveDailiesDialog", "Nobody is in home quarantine on this day."))
        self._show_alarm()
        self._show_current()

    def _cell_item(self, cell: CareCell) -> QTableWidgetItem:
        text = ""
        if cell.state in (ItemState.DONE, ItemState.FEVER) and cell.done_at is not None:
            head = format_tenths(cell.reading) if cell.reading is not None else "✓"
            mark = " ⚠" if cell.state is ItemState.FEVER else ""
            text = f"{head}{mark} {cell.done_at:%H:%M}\n{cell.operator}"
        elif cell.state is ItemState.OVERDUE:
            text = translate("FiveDailiesDialog", "overdue")
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, cell.state.value)
        if cell.note:
            item.setToolTip(cell.note)
        colours = COLOURS.get(cell.state)
        if colours:
            item.setBackground(QBrush(QColor(colours[0])))
            item.setForeground(QBrush(QColor(colours[1])))
        return item

    def _refresh_marks(self) -> None:
        if not self.reading_edit.hasFocus():  # not under the guard's fingers
            self.reload()

    def _show_alarm(self) -> None:
        fevers = [translate("FiveDailiesDialog", "{name} ({room}): {reading} °C at {time}").format(
                  name=person.name, room=household.room, reading=format_tenths(cell.reading),
                  time=cell.done_at.strftime("%H:%M"))
                  for household, person in self.rows for cell in person.cells
                  if cell.state is ItemState.FEVER and cell.reading is not None and cell.done_at is not None]
        self.alarm_label.setVisible(bool(fevers))
        if fevers:
            self.alarm_label.setText(translate(
                "FiveDailiesDialog", "Fever: {people}. Propose referral to the fever clinic (转诊) and call the "
                                     "community doctor.").format(people="; ".join(fevers)))

    def current(self) -> tuple[CarePerson, CareCell] | None:
        row, column = self.table.currentRow(), self.table.currentColumn()
        if not 0 <= row < len(self.rows) or column < FIRST_ITEM_COLUMN:
            return None
        person = self.rows[row][1]
        return person, person.cells[column - FIRST_ITEM_COLUMN]

    def _show_current(self) -> None:
        current = self.current()
        wants_reading = current is not None and BY_CODE[current[1].code].reading and current[1].state in (
            ItemState.PENDING, ItemState.OVERDUE)
        self.reading_edit.setEnabled(wants_reading)
        if current is None:
            self.reading_label.setText(translate("FiveDailiesDialog", "Reading"))
        else:
            self.reading_label.setText(translate("FiveDailiesDialog", "{item} for {name}:").format(
                item=item_label(current[1].code), name=current[0].name))

    # -- the keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.table:
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.tick_current()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.untick_current()
                return True
            if event.text() and event.text() in _READING_KEYS and self.reading_edit.isEnabled():
                self.reading_edit.setText(event.text())
                self.reading_edit.setFocus()
                return True
        elif watched is self.reading_edit and key == Qt.Key.Key_Escape:
            self.reading_edit.clear()
            self.table.setFocus()
            return True
        return False

    # -- doing --------------------------------------------------------------------------------

    def tick_current(self) -> None:
        current = self.current()
        if current is None:
            return
        person, cell = current
        if BY_CODE[cell.code].reading and self.reading_edit.isEnabled():
            self.reading_edit.setFocus()  # Space on a temperature: type the reading
            return
        self._tick(person, cell.code, None)

    def save_reading(self) -> None:
        current = self.current()
        if current is None or not BY_CODE[current[1].code].reading:
            return
        if self._tick(current[0], current[1].code, self.reading_edit.text()):
            self.reading_edit.clear()
            self.table.setFocus()

    def _tick(self, person: CarePerson, code: str, reading: str | None) -> bool:
        try:
            done = self._watchlist.tick(self._actor, person.watch_uuid, self.day(), code, reading,
                                        self.note_edit.text())
        except (InvalidInput, NotPermitted) as err:
            problems = err.problems if isinstance(err, InvalidInput) else [err.problem()]
            self._say("\n".join(i18n.problem_text(p) for p in problems), error=True)
            return False
        except StorageError as err:
            ask.storage_error(self, err)
            return False
        self.note_edit.clear()
        self.reload()
        if done.fever is not None:
            QApplication.beep()
            self._say(translate("FiveDailiesDialog", "{reading} °C for {name}: fever. Propose referral to the "
                                                     "fever clinic.").format(reading=format_tenths(done.fever.tenths),
                                                                             name=person.name), error=True)
        else:
            self._say(translate("FiveDailiesDialog", "{item} done for {name}.").format(
                item=item_label(code), name=person.name), error=False)
        return True

    def untick_current(self) -> None:
        current = self.current()
        if current is None or current[1].state not in (ItemState.DONE, ItemState.FEVER):
            return
        person, cell = current
        if not ask.confirm(self, translate("FiveDailiesDialog", "Undo tick"), translate(
                "FiveDailiesDialog", "Undo {item} for {name}? Tick it again afterwards.").format(
                item=item_label(cell.code), name=person.name)):
            return
        try:
            self._watchlist.untick(self._actor, person.watch_uuid, self.day(), cell.code)
        except (InvalidInput, NotPermitted) as err:
            problems = err.problems if isinstance(err, InvalidInput) else [err.problem()]
            self._say("\n".join(i18n.problem_text(p) for p in problems), error=True)
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.reload()
        self._say(translate("FiveDailiesDialog", "{item} for {name} undone.").format(
            item=item_label(cell.code), name=person.name), error=False)

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setProperty("role", "error" if error else "hint")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)


def open_five_dailies(window: MainWindow) -> None:
    """Station → Five dailies…: today's sheet (guards and supervisors)."""
    ctx = window.ctx
    if ctx is None:
        return
    title = translate("FiveDailiesDialog", "Five dailies")
    try:
        ctx.watchlist.day_sheet(window.actor, ctx.watchlist.today())
    except NotPermitted as err:
        ask.error(window, title, i18n.problem_text(err.problem()))
        return
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return
    FiveDailiesDialog(ctx.watchlist, window.actor, window).exec()
