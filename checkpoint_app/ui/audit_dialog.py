"""The supervisor's view of the audit log (审计日志): Station → Audit log….

A table of events, newest first, fetched a page at a time as it scrolls (like the
register's model: a filter re-runs the query), with filters by day range, operator,
action and outcome; above it a line saying whether the log's hash chain is whole or
where it breaks. The chain is checked in the background through the window's job
runner (ui/jobs.py) each time the view opens, so a long log does not hold the window.

Only a supervisor opens it: the service refuses anyone else (and audits the refusal),
and a guard is told so. Opening and reading it is not audited (services/audit.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Callable, Mapping

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.audit_chain import ChainBreak
from checkpoint_app.core.roles import Actor, NotPermitted

from checkpoint_app.services.audit import (
    NOBODY,
    OUTCOMES,
    AuditChoices,
    AuditFilter,
    AuditRow,
    AuditService,
    ChainCheck,
)
from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

PAGE_SIZE = 200
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)


def outcome_label(code: str) -> str:
    return {"ok": translate("AuditDialog", "Done"), "refused": translate("AuditDialog", "Refused"),
            "failed": translate("AuditDialog", "Failed")}.get(code, code)


def detail_summary(action: str, detail: Mapping[str, Any]) -> str:
    """The event's detail in a few words (known keys named, the rest as they are)."""
    names = {
        "seq": translate("AuditDialog", "No. {value}"), "new_seq": translate("AuditDialog", "new No. {value}"),
        "role": translate("AuditDialog", "role: {value}"), "failed_pins": translate("AuditDialog", "wrong PINs: {value}"),
        "minutes": translate("AuditDialog", "{value} minutes"), "name": translate("AuditDialog", "name: {value}"),
        "unknown_operator": translate("AuditDialog", "no such operator (what was typed is not kept)"),
        "code": translate("AuditDialog", "code: {value}"), "changed": translate("AuditDialog", "changed: {value}"),
        "reason": translate("AuditDialog", "reason: {value}"), "active": translate("AuditDialog", "active: {value}"),
        "at_start": translate("AuditDialog", "typed at the start, before the encrypted register was opened"),
        "by_escrow": translate("AuditDialog", "set with the office's escrow key (checkpoint-cli recover)"),
    }
    parts = []
    for key, value in sorted(detail.items()):
        if key in ("new", "first", "had_name", "locked") or value is None or value == []:
            continue  # ids and flags the action's name already says
        if key == "role":
            value = i18n.role_label(str(value))
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = translate("AuditDialog", "yes") if value else translate("AuditDialog", "no")
        if key in ("unknown_operator", "at_start", "by_escrow"):  # flags said in words
            parts.append(names[key])
            continue
        parts.append(names[key].format(value=value) if key in names else f"{key}: {value}")
    return "; ".join(parts)


def chain_text(check: ChainCheck) -> tuple[str, str]:
    """The chain line's text and its state ('ok', 'warn', 'alarm') for a check's result."""
    found: ChainBreak | None = check.found
    if found is None:
        if check.head == "kept" or check.count == 0:
            return translate("AuditDialog", "Hash chain intact: {count} events, none changed, removed or "
                                            "reordered.").format(count=check.count), "ok"
        if check.head == "unreadable":
            return translate("AuditDialog", "Hash chain whole ({count} events), but the file keeping its newest "
                                            "event (audit-head.json) cannot be read: run checkpoint-cli "
                                            "doctor.").format(count=check.count), "warn"
        return translate("AuditDialog", "Hash chain whole ({count} events), but the file keeping its newest event "
                                        "(audit-head.json) is missing: deleted newest events would not "
                                        "show.").format(count=check.count), "warn"
    texts = {
        "edited": translate("AuditDialog", "The audit log has been tampered with: event {id} was changed after it "
                                           "was written."),
        "broken": translate("AuditDialog", "The audit log has been tampered with: at event {id} events were "
                                           "deleted, inserted or moved."),
        "gap": translate("AuditDialog", "The audit log has been tampered with: the events just before event {id} "
                                        "are missing."),
        "short": translate("AuditDialog", "The audit log is missing its newest events, from event {id} on (or a "
                                          "backup was restored)."),
        "replaced": translate("AuditDialog", "The audit log has been tampered with: event {id} is not the newest "
                                             "event recorded."),
    }
    text = texts.get(found.kind, texts["broken"]).format(id=found.event_id)
    return text + " " + translate("AuditDialog", "Keep the register as it is and run checkpoint-cli doctor."), "alarm"


class AuditModel(QAbstractTableModel):
    """The events matching a filter, newest first, fetched a page at a time."""

    COLUMNS = ("time", "operator", "action", "outcome", "subject", "detail")

    def __init__(self, load: Callable[[AuditFilter], list[AuditRow]], parent=None,
                 operator_names: Mapping[int, str] | None = None):
        """`operator_names`: shown for subjects 'operator:<id>'."""
        super().__init__(parent)
        self._load = load
        self._names = dict(operator_names or {})
        self._filter = AuditFilter(limit=PAGE_SIZE)
        self._rows: list[AuditRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._exhausted = True
        self._fetching = False
        headers = {"time": translate("AuditDialog", "Time"), "operator": translate("AuditDialog", "Operator"),
                   "action": translate("AuditDialog", "Action"), "outcome": translate("AuditDialog", "Outcome"),
                   "subject": translate("AuditDialog", "Subject"), "detail": translate("AuditDialog", "Detail")}
        self._headers = tuple(headers[c] for c in self.COLUMNS)

    def set_filter(self, audit_filter: AuditFilter) -> None:
        self.beginResetModel()
        self._filter = audit_filter
        self._rows, self._cells = [], []
        self._add(self._load(audit_filter))
        self.endResetModel()

    def _add(self, rows: list[AuditRow]) -> None:
        self._exhausted = len(rows) < self._filter.limit
        self._rows.extend(rows)
        self._cells.extend(self._row_cells(row) for row in rows)

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    def _row_cells(self, row: AuditRow) -> tuple[str, ...]:
        return (row.local_at.strftime("%Y-%m-%d %H:%M:%S"), row.operator_name or "—",
                i18n.audit_action_label(row.action), outcome_label(row.outcome), self._subject(row),
                detail_summary(row.action, row.detail))

    def _subject(self, row: AuditRow) -> str:
        if row.action == "refused":  # the action that was refused
            return i18n.audit_action_label(row.subject)
        kind, _, key = row.subject.partition(":")
        if kind == "operator" and key.isdigit() and int(key) in self._names:
            return self._names[int(key)]
        return row.subject

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        # not again from a handler of the insert signals (a view or the model tester
        # asking for more while these rows go in): it would load the same page twice
        if parent.isValid() or self._exhausted or self._fetching or not self._rows:
            return
        self._fetching = True
        try:
            more = self._load(replace(self._filter, before_id=self._rows[-1].id))
            if not more:
                self._exhausted = True
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._add(more)
            self.endInsertRows()
        finally:
            self._fetching = False

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):  # noqa: N802
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        if role not in (_DISPLAY, _TOOLTIP) or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not 0 <= r < len(self._cells) or not 0 <= c < len(self.COLUMNS):
            return None
        return self._cells[r][c]




class AuditDialog(QDialog):
    def __init__(self, service: AuditService, actor: Actor | None, choices: AuditChoices, today: dt.date,
                 jobs=None, parent: QWidget | None = None):
        """`jobs`: the window's JobRunner, which checks the chain in the background
        (None: not checked, e.g. in a test of the filters alone)."""
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.setWindowTitle(translate("AuditDialog", "Audit log"))
        self._service, self._actor, self._jobs = service, actor, jobs
        self._job = None
        self._closed = False
        self.check: ChainCheck | None = None

        self.chain_label = QLabel(translate("AuditDialog", "Checking the hash chain…"), self,
                                  objectName="audit_chain_label", wordWrap=True)
        # everything at first: from the first event's day to today (or a later day, if the
        # station clock was ahead when an event was written)
        self.from_date = self._date_edit("audit_from_date", min(choices.first_day or today, today))
        self.to_date = self._date_edit("audit_to_date", max(choices.last_day or today, today))
        self.operator_combo = QComboBox(self, objectName="audit_operator_combo")
        self.operator_combo.addItem(translate("AuditDialog", "All operators"), None)
        for operator_id, name in choices.operators:
            self.operator_combo.addItem(name, operator_id)
        self.operator_combo.addItem(translate("AuditDialog", "(nobody logged in)"), NOBODY)
        self.action_combo = QComboBox(self, objectName="audit_action_combo")
        self.action_combo.addItem(translate("AuditDialog", "All actions"), None)
        for code in sorted(choices.actions, key=i18n.audit_action_label):
            self.action_combo.addItem(i18n.audit_action_label(code), code)
        self.outcome_combo = QComboBox(self, objectName="audit_outcome_combo")
        self.outcome_combo.addItem(translate("AuditDialog", "All outcomes"), None)
        for code in OUTCOMES:
            self.outcome_combo.addItem(outcome_label(code), code)

        self.model = AuditModel(self._load, self, dict(choices.operators))
        self.table = QTableView(self, objectName="audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.empty_label = QLabel(self, objectName="audit_empty_label")

        filters = QHBoxLayout()
        for label, widget in ((translate("AuditDialog", "From"), self.from_date), (translate("AuditDialog", "to"), self.to_date),
                              (translate("AuditDialog", "Operator"), self.operator_combo),
                              (translate("AuditDialog", "Action"), self.action_combo),
                              (translate("AuditDialog", "Outcome"), self.outcome_combo)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("audit_close_button")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(1100, 600)

        for date_edit in (self.from_date, self.to_date):
            date_edit.dateChanged.connect(self.apply_filters)
        for combo in (self.operator_combo, self.action_combo, self.outcome_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.apply_filters()
        self.table.resizeColumnsToContents()

    def _date_edit(self, name: str, value: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day), self, objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def current_filter(self) -> AuditFilter:
        first, last = self.from_date.date().toPython(), self.to_date.date().toPython()
        return AuditFilter(first_day=min(first, last), last_day=max(first, last),
                           operator_id=self.operator_combo.currentData(), action=self.action_combo.currentData(),
                           outcome=self.outcome_combo.currentData(), limit=PAGE_SIZE)

    def apply_filters(self) -> None:
        self.model.set_filter(self.current_filter())
        self.empty_label.setText("" if self.model.rowCount() else translate(
            "AuditDialog", "No events match these filters."))

    def _load(self, audit_filter: AuditFilter) -> list[AuditRow]:
        try:
            return self._service.events(self._actor, audit_filter)
        except NotPermitted as err:  # the role changed while the view was open
            ask.error(self, self.windowTitle(), i18n.problem_text(err.problem()))
        except StorageError as err:
            ask.storage_error(self, err, during="read")
        return []

    # -- the chain check, in the background --------------------------------------------

    def start_check(self) -> None:
        if self._jobs is None:
            return
        self._job = self._jobs.run(translate("AuditDialog", "Checking the audit log"), self._service.check,
                                   self._checked, cancellable=True, on_error=self._check_failed,
                                   on_cancelled=self._check_cancelled, during="read", parent_widget=self)
        if self._job is None:
            self._show_chain(translate("AuditDialog", "The hash chain was not checked: other work is running. "
                                                      "Open the audit log again when it has finished."), "warn")

    def _checked(self, check: ChainCheck) -> None:
        if self._closed:
            return
        self.check = check
        self._show_chain(*chain_text(check))

    def _check_failed(self, err: BaseException) -> None:
        if not self._closed:
            self._show_chain(translate("AuditDialog", "The hash chain could not be checked: the register could not "
                                                      "be read."), "warn")

    def _check_cancelled(self) -> None:
        if not self._closed:
            self._show_chain(translate("AuditDialog", "The hash chain check was cancelled."), "warn")

    def _show_chain(self, text: str, state: str) -> None:
        self.chain_label.setText(text)
        self.chain_label.setProperty("state", state)
        self.chain_label.style().unpolish(self.chain_label)
        self.chain_label.style().polish(self.chain_label)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._job is None and self.check is None:
            self.start_check()

    def done(self, result: int) -> None:
        self._closed = True
        if self._jobs is not None and self._job is not None and self._job.running:
            self._jobs.cancel()
        super().done(result)


def open_audit_log(window) -> None:
    """Station → Audit log…: the view for a supervisor, the NotPermitted message for
    anyone else (whose attempt the service audits)."""
    if window.ctx is None:
        return
    service = AuditService(window.ctx.uow, window.ctx.clock)
    title = translate("AuditDialog", "Audit log")
    try:
        choices = service.choices(window.actor)
    except NotPermitted as err:
        ask.error(window, title, i18n.problem_text(err.problem()))
        return
    except StorageError as err:
        ask.storage_error(window, err, during="read")
        return
    dialog = AuditDialog(service, window.actor, choices, window.ctx.clock().date(), window.jobs, window)
    dialog.exec()
    dialog.deleteLater()
