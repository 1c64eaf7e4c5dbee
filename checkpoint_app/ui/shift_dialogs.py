"""The Shift menu's dialogs: start a shift (值班) with the operators on duty, the
seven-ones (七个一) check that follows every start and handover, the handover (交接班)
itself, and ending a shift; and, after the login at start, the offer to start a shift
when none is on duty (an offer: the desk may need to register someone first).

Everything by keyboard: the operator lists tick with Space, Tab moves on, Enter or
Ctrl+S saves. The services decide (services/shifts.py); a refusal is shown in the dialog,
which stays open with what was typed.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.problems import InvalidInput, Problem
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.seven_ones import ITEMS, NOTE_MAX_LEN, REFERENCE_FIELD, THERMOMETER, ItemAnswer
from checkpoint_app.core.temperature import parse_temperature

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.duty_strip import item_name, list_separator, local_time
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.operators import OperatorInfo
    from checkpoint_app.services.shifts import CheckResult, ShiftInfo, ShiftService

    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")

ERROR_STYLE = "border: 1px solid #b00020;"


def _message_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent, objectName=name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def _buttons(dialog: QDialog, ok_text: str, ok_name: str, save: Callable[[], None]) -> QDialogButtonBox:
    """OK (the default button: Enter) and Cancel; Ctrl+S saves too."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName(ok_name)
    ok.setDefault(True)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence("Ctrl+S"), dialog, activated=save)
    return buttons


def _problems_text(problems: Iterable[Problem]) -> str:
    return "\n".join(i18n.problem_text(p) for p in problems)


_T = TypeVar("_T")


def _attempt(dialog, call: Callable[[], _T]) -> _T | None:
    """A dialog's service call: bad input and a refusal are said on the dialog's message
    line, a storage problem in its own message; None unless the call went through."""
    try:
        return call()
    except InvalidInput as err:
        dialog.message_label.setText(_problems_text(err.problems))
    except NotPermitted as err:
        dialog.message_label.setText(_problems_text([err.problem()]))
    except StorageError as err:
        ask.storage_error(dialog, err)
    return None


class OperatorList(QListWidget):
    """Operators to tick (Space ticks the current one)."""

    def __init__(self, operators: Iterable[OperatorInfo], checked: Iterable[int], parent: QWidget | None = None,
                 name: str = "on_duty_list"):
        super().__init__(parent)
        self.setObjectName(name)
        wanted = set(checked)
        for op in operators:
            item = QListWidgetItem(f"{op.name} ({i18n.role_label(op.role.value)})", self)
            item.setData(Qt.ItemDataRole.UserRole, op.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if op.id in wanted else Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)

    def checked_ids(self) -> list[int]:
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())
                if self.item(row).checkState() == Qt.CheckState.Checked]


class StartShiftDialog(QDialog):
    """Who is on duty in the new shift (the one logged in is ticked already)."""

    def __init__(self, shifts: ShiftService, operators: list[OperatorInfo], actor: Actor | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("start_shift_dialog")
        self.setWindowTitle(translate("ShiftDialogs", "Start shift"))
        self._shifts, self._actor = shifts, actor
        self.shift: ShiftInfo | None = None
        intro = QLabel(translate("ShiftDialogs", "Tick everyone on duty (当班) in this shift: Space ticks, the arrow "
                                                 "keys move. Then Enter; the seven-ones (七个一) check follows."), self)
        intro.setWordWrap(True)
        self.operator_list = OperatorList(operators, [actor.operator_id] if actor else [], self)
        self.message_label = _message_label(self, "start_shift_message_label")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.operator_list)
        layout.addWidget(self.message_label)
        layout.addWidget(_buttons(self, translate("ShiftDialogs", "Start shift"), "start_shift_button", self.save))
        self.operator_list.setFocus()

    def save(self) -> None:
        self.shift = _attempt(self, lambda: self._shifts.start(self._actor, self.operator_list.checked_ids()))
        if self.shift is not None:
            self.accept()


class SevenOnesDialog(QDialog):
    """The seven-ones check: per item a box (ticked = present) and a note (needed when
    missing); the thermometer's row also takes the reference reading."""

    def __init__(self, shifts: ShiftService, actor: Actor | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("seven_ones_dialog")
        self.setWindowTitle(translate("ShiftDialogs", "Seven-ones check (七个一)"))
        self._shifts, self._actor = shifts, actor
        self.result_check: CheckResult | None = None
        intro = QLabel(translate(
            "ShiftDialogs", "Look at each item at the gate. Tick what is present (Space); for a missing item (缺项) "
                            "say in its note what is missing and what is being done. Measure someone on duty with "
                            "the thermometer and type the reading. Enter or Ctrl+S saves."), self)
        intro.setWordWrap(True)
        chinese_ui = QLocale().language() == QLocale.Language.Chinese
        grid = QGridLayout()
        grid.addWidget(QLabel(translate("ShiftDialogs", "Present"), self), 0, 0)
        grid.addWidget(QLabel(translate("ShiftDialogs", "Reference °C"), self), 0, 1)
        grid.addWidget(QLabel(translate("ShiftDialogs", "Note (when missing)"), self), 0, 2)
        self.checks: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        order: list[QWidget] = []
        for row, item in enumerate(ITEMS, start=1):
            text = item_name(item.code) if chinese_ui else f"{item_name(item.code)} ({item.chinese})"
            check = QCheckBox(text, self, objectName=f"seven_ones_{item.code}_check")
            note = QLineEdit(self, objectName=f"seven_ones_{item.code}_note")
            note.setMaxLength(NOTE_MAX_LEN)
            self.checks[item.code], self.notes[item.code] = check, note
            grid.addWidget(check, row, 0)
            grid.addWidget(note, row, 2)
            order.append(check)
            if item.code == THERMOMETER:
                self.reference_edit = QLineEdit(self, objectName="seven_ones_reference_edit")
                self.reference_edit.setPlaceholderText("36.5")
                self.reference_edit.setMaxLength(8)
                self.reference_edit.setMaximumWidth(90)
                self.reference_edit.setToolTip(translate(
                    "ShiftDialogs", "The thermometer's reading of someone on duty: from 35.5 °C up to the fever "
                                    "threshold it works; outside, it may be broken."))
                grid.addWidget(self.reference_edit, row, 1)
                order.append(self.reference_edit)
            order.append(note)
        grid.setColumnStretch(2, 1)
        self.message_label = _message_label(self, "seven_ones_message_label")
        buttons = _buttons(self, translate("ShiftDialogs", "Save check"), "seven_ones_save_button", self.save)
        order.append(buttons.button(QDialogButtonBox.StandardButton.Ok))
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self.checks[ITEMS[0].code].setFocus()

    def answers(self) -> dict[str, ItemAnswer]:
        return {code: ItemAnswer(check.isChecked(), self.notes[code].text()) for code, check in self.checks.items()}

    def save(self) -> None:
        for widget in [*self.notes.values(), self.reference_edit]:
            widget.setStyleSheet("")
        try:
            typed = self.reference_edit.text()
            reference = parse_temperature(typed, REFERENCE_FIELD) if typed.strip() else None
            self.result_check = self._shifts.check_seven_ones(self._actor, self.answers(), reference)
        except InvalidInput as err:
            self._show(err.problems)
            return
        except NotPermitted as err:
            self.message_label.setText(_problems_text([err.problem()]))
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.accept()

    def _show(self, problems: list[Problem]) -> None:
        lines, first = [], None
        for p in problems:
            widget = self.reference_edit if p.field == REFERENCE_FIELD else self.notes.get(p.field)
            name = translate("ShiftDialogs", "Reference reading") if p.field == REFERENCE_FIELD else item_name(p.field)
            lines.append(translate("ShiftDialogs", "{item}: {problem}").format(item=name, problem=i18n.problem_text(p)))
            if widget is not None:
                widget.setStyleSheet(ERROR_STYLE)
                first = first or widget
        self.message_label.setText("\n".join(lines))
        if first is not None:
            first.setFocus()


class HandoverDialog(QDialog):
    """交接班: who hands over, who takes over (and who else comes on duty), a note and
    the open matters the next shift must follow up."""

    def __init__(self, shifts: ShiftService, operators: list[OperatorInfo], current: ShiftInfo, actor: Actor | None,
                 now: dt.datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handover_dialog")
        self.setWindowTitle(translate("ShiftDialogs", "Hand over (交接班)"))
        self._shifts, self._actor = shifts, actor
        self.shift: ShiftInfo | None = None
        me = actor.operator_id if actor else None
        on_duty = [m.id for m in current.members]
        self.outgoing_combo = QComboBox(self, objectName="handover_outgoing_combo")
        for member in current.members:
            self.outgoing_combo.addItem(member.name, member.id)
        self.outgoing_combo.setCurrentIndex(max(0, self.outgoing_combo.findData(me)))
        self.incoming_combo = QComboBox(self, objectName="handover_incoming_combo")
        for op in operators:
            self.incoming_combo.addItem(f"{op.name} ({i18n.role_label(op.role.value)})", op.id)
        newcomers = [op.id for op in operators if op.id not in on_duty]
        default = me if me is not None and me not in on_duty else (newcomers[0] if newcomers else None)
        self.incoming_combo.setCurrentIndex(max(0, self.incoming_combo.findData(default)))
        self.also_list = OperatorList(operators, [], self, name="handover_also_list")
        self.also_list.setMaximumHeight(110)
        self.note_edit = QPlainTextEdit(self, objectName="handover_note_edit")
        self.matters_edit = QPlainTextEdit(self, objectName="handover_matters_edit")
        for edit in (self.note_edit, self.matters_edit):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(70)
        self.matters_edit.setPlaceholderText(translate("ShiftDialogs", "what the next shift must follow up"))
        self.message_label = _message_label(self, "handover_message_label")
        form = QFormLayout()
        form.addRow(translate("ShiftDialogs", "&Handing over"), self.outgoing_combo)
        form.addRow(translate("ShiftDialogs", "&Taking over"), self.incoming_combo)
        form.addRow(translate("ShiftDialogs", "Also on &duty"), self.also_list)
        form.addRow(translate("ShiftDialogs", "&Note"), self.note_edit)
        form.addRow(translate("ShiftDialogs", "&Open matters"), self.matters_edit)
        layout = QVBoxLayout(self)
        since = translate("ShiftDialogs", "The shift on duty since {since}: {names}.").format(
            since=local_time(current.started_at, now), names=list_separator().join(m.name for m in current.members))
        layout.addWidget(QLabel(since, self))
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(_buttons(self, translate("ShiftDialogs", "Hand over"), "handover_button", self.save))
        self.setMinimumWidth(460)
        self.incoming_combo.setFocus()

    def incoming_ids(self) -> list[int]:
        taking_over = self.incoming_combo.currentData()
        return [taking_over] + [i for i in self.also_list.checked_ids() if i != taking_over]

    def save(self) -> None:
        self.shift = _attempt(self, lambda: self._shifts.handover(
            self._actor, self.outgoing_combo.currentData(), self.incoming_ids(),
            self.note_edit.toPlainText(), self.matters_edit.toPlainText()))
        if self.shift is not None:
            self.accept()


# -- the Shift menu ------------------------------------------------------------------------

def run(window: MainWindow, what: str) -> None:
    """A Shift menu action ("start", "check", "handover", "end"), then the duty strip
    read again."""
    if window.ctx is None:
        return
    try:
        {"start": start_shift, "check": check_seven_ones, "handover": hand_over, "end": end_shift}[what](window)
    except _Unreadable:
        return
    refresh_strip(window)


def refresh_strip(window: MainWindow) -> None:
    strip = getattr(window, "duty_strip", None)
    if strip is not None and window.ctx is not None:
        strip.refresh(window.ctx.shifts, window.ctx.clock())


class _Unreadable(Exception):
    """The register could not be read (the guard was told)."""


def _current(window: MainWindow) -> ShiftInfo | None:
    """The shift on duty (None: none)."""
    assert window.ctx is not None
    try:
        return window.ctx.shifts.current()
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        raise _Unreadable from err


def _operators(window: MainWindow) -> list[OperatorInfo] | None:
    assert window.ctx is not None
    try:
        return window.ctx.operators.all()
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return None


def _no_shift(window: MainWindow) -> None:
    ask.error(window, translate("ShiftDialogs", "No shift on duty"),
              translate("ShiftDialogs", "No shift is on duty: start one first (Shift menu, F6)."))


def start_shift(window: MainWindow) -> None:
    """Start a shift, then its seven-ones check."""
    assert window.ctx is not None
    current = _current(window)
    if current is not None:
        ask.error(window, translate("ShiftDialogs", "A shift is on duty"), translate(
            "ShiftDialogs", "The shift on duty since {since} is still open: hand it over (F8) or end it first.").format(
            since=local_time(current.started_at, window.ctx.clock())))
        return
    operators = _operators(window)
    if operators is not None and StartShiftDialog(window.ctx.shifts, operators, window.actor, window).exec():
        refresh_strip(window)
        check_seven_ones(window)


def check_seven_ones(window: MainWindow) -> None:
    assert window.ctx is not None
    if _current(window) is None:
        _no_shift(window)
        return
    SevenOnesDialog(window.ctx.shifts, window.actor, window).exec()


def hand_over(window: MainWindow) -> None:
    """交接班, then the new shift's seven-ones check."""
    assert window.ctx is not None
    current = _current(window)
    if current is None:
        _no_shift(window)
        return
    operators = _operators(window)
    if operators is not None and HandoverDialog(window.ctx.shifts, operators, current, window.actor,
                                                window.ctx.clock(), window).exec():
        refresh_strip(window)
        if window.backup_watch is not None:
            window.backup_watch.run("shift")  # a backup at each shift change
        if _incoming_logs_in(window):
            check_seven_ones(window)  # the new shift's check, signed by who took over


def _incoming_logs_in(window: MainWindow) -> bool:
    """After a handover the operator who took over works at the desk: they log in (their
    entries and the new shift's check are theirs). True when the desk is theirs."""
    try:
        shift = _current(window)
    except _Unreadable:
        return False
    if shift is None or window.actor is None or window.idle_lock is None:
        return False
    incoming = next((m for m in shift.members if m.name == shift.started_by), None)
    if incoming is None or incoming.id == window.actor.operator_id:
        return True
    if window.idle_lock.switch(preselect=incoming.name, reason=translate(
            "ShiftDialogs", "Handed over: {name} takes over the desk and logs in with their PIN.").format(
            name=incoming.name)):
        return True
    ask.error(window, translate("ShiftDialogs", "Hand over"), translate(
        "ShiftDialogs", "The shift is handed over, but {name} has not logged in: the desk is still {current}'s. "
                        "Log in with F9, then do the seven-ones check (F7).").format(
        name=incoming.name, current=window.actor.name))
    return False


def end_shift(window: MainWindow) -> None:
    assert window.ctx is not None
    current = _current(window)
    if current is None:
        _no_shift(window)
        return
    title = translate("ShiftDialogs", "End shift")
    note = ask.text_input(window, title, translate(
        "ShiftDialogs", "End the shift on duty since {since} without handing over? A note (why, e.g. the post closes "
                        "for the night):").format(since=local_time(current.started_at, window.ctx.clock())))
    if note is None:
        return
    try:
        window.ctx.shifts.end(window.actor, note)
        if window.backup_watch is not None:
            window.backup_watch.run("shift")  # a backup at each shift change
    except InvalidInput as err:
        ask.error(window, title, _problems_text(err.problems))
    except NotPermitted as err:
        ask.error(window, title, _problems_text([err.problem()]))
    except StorageError as err:
        ask.storage_error(window, err)


def offer_shift(window: MainWindow) -> None:
    """After the login at start: when no shift is on duty, offer to start one (the
    guard may say no, e.g. to let a waiting person through first)."""
    if window.ctx is None or window.ctx.health.damaged:
        return
    try:
        current = window.ctx.shifts.current()
    except StorageError as err:
        log.warning("shift not read at start: %s", err.kind.value)
        return
    refresh_strip(window)
    if current is None and ask.confirm(window, translate("ShiftDialogs", "Start a shift?"), translate(
            "ShiftDialogs", "No shift is on duty (值班). Start one now, with the seven-ones (七个一) check?")):
        run(window, "start")
