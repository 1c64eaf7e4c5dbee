"""The office window's Conflicts tab (冲突): records that arrived again with other content
(issue 9 item 5), never written over the held ones. The clerk picks one, reads the fields
that differ (held vs incoming, personal data in full: the office's own database), and
keeps the held record or takes the incoming one, with a note, after a confirmation
(ui/ask.py). The tab's title counts the unresolved conflicts: "Conflicts (3)"."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_common import call, fill, table
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.central_window import CentralWindow


def _kind(kind: str) -> str:
    return {"passage": translate("CentralWindow", "passage"), "audit": translate("CentralWindow", "audit event"),
            "seven_ones": translate("CentralWindow", "seven-ones check"),
            "day": translate("CentralWindow", "day declaration"),
            "shift": translate("CentralWindow", "shift")}.get(kind, kind)


def _labels() -> dict[str, str]:
    """The fields a clerk most often compares, in words (others by their column name)."""
    return {"direction": translate("CentralWindow", "direction"), "kind": translate("CentralWindow", "kind"),
            "plate": translate("CentralWindow", "plate"), "decision": translate("CentralWindow", "decision"),
            "notes": translate("CentralWindow", "notes"), "recorded_at": translate("CentralWindow", "recorded at"),
            "local_date": translate("CentralWindow", "day"), "operator": translate("CentralWindow", "operator"),
            "name": translate("CentralWindow", "name"), "id_number": translate("CentralWindow", "ID number"),
            "phone": translate("CentralWindow", "phone"), "destination": translate("CentralWindow", "destination"),
            "purpose": translate("CentralWindow", "purpose"), "origin_city": translate("CentralWindow", "from"),
            "temp1": translate("CentralWindow", "temperature"), "temp2": translate("CentralWindow", "second reading"),
            "fever": translate("CentralWindow", "fever"), "key_area": translate("CentralWindow", "key area"),
            "action": translate("CentralWindow", "action"), "figures": translate("CentralWindow", "figures"),
            "zero_report": translate("CentralWindow", "zero report")}


def _field(name: str) -> str:
    """A field's name as the clerk reads it ("person 2: phone" too)."""
    labels = _labels()
    if name.startswith("person ") and ": " in name:
        number, rest = name[len("person "):].split(": ", 1)
        return translate("CentralWindow", "person {number}: {field}").format(number=number,
                                                                               field=labels.get(rest, rest))
    return labels.get(name, name)


class ConflictsTab(QWidget):
    def __init__(self, window: CentralWindow):
        super().__init__(window)
        self.setObjectName("conflicts_tab")
        self.window_ = window
        self.shown: list = []
        self.table = table("conflicts_table", [
            translate("CentralWindow", "No."), translate("CentralWindow", "Station"),
            translate("CentralWindow", "Kind"), translate("CentralWindow", "Key"),
            translate("CentralWindow", "Batch"), translate("CentralWindow", "Found")])
        self.empty = QLabel(translate("CentralWindow", "No conflict to resolve: every record that arrived again "
                                                       "had the same content."),
                            objectName="conflicts_empty_label", wordWrap=True)
        self.detail_label = QLabel(objectName="conflict_detail_label", wordWrap=True)
        self.detail = table("conflict_detail_table", [
            translate("CentralWindow", "Field"), translate("CentralWindow", "Held record"),
            translate("CentralWindow", "Incoming record")])
        self.note = QLineEdit(objectName="conflict_note_edit", maxLength=500)
        self.note.setPlaceholderText(translate("CentralWindow", "why (checked with the station by phone, …)"))
        self.clerk = QLineEdit(objectName="conflict_clerk_edit", maxLength=100)
        try:
            self.clerk.setText(getpass.getuser())
        except (KeyError, OSError):
            pass
        self.keep_button = QPushButton(translate("CentralWindow", "&Keep held"), objectName="keep_held_button")
        self.take_button = QPushButton(translate("CentralWindow", "&Take incoming"), objectName="take_incoming_button")
        self.keep_button.clicked.connect(lambda: self.resolve("keep"))
        self.take_button.clicked.connect(lambda: self.resolve("take"))
        form = QFormLayout()
        form.addRow(translate("CentralWindow", "&Note:"), self.note)
        form.addRow(translate("CentralWindow", "C&lerk:"), self.clerk)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        lower = QWidget()
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.detail_label)
        below.addWidget(self.detail, 1)
        below.addLayout(form)
        below.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self.table.itemSelectionChanged.connect(self.show_detail)

    def title(self) -> str:
        count = len(self.shown)
        return translate("CentralWindow", "C&onflicts ({count})").format(count=count) if count \
            else translate("CentralWindow", "C&onflicts")

    def reload(self) -> None:
        chosen = self.chosen()
        ok, found = call(self.window_, translate("CentralWindow", "Conflicts"), self.window_.office.conflicts)
        self.shown = list(found or []) if ok else []
        fill(self.table, [[c.id, c.station, _kind(c.kind), c.key, c.batch_number,
                           c.found_at.astimezone().strftime("%Y-%m-%d %H:%M")] for c in self.shown])
        self.empty.setVisible(not self.shown)
        ids = [c.id for c in self.shown]
        if self.shown:
            self.table.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        self.show_detail()
        tabs = self.window_.tabs
        index = tabs.indexOf(self)
        if index >= 0:
            tabs.setTabText(index, self.title())

    def chosen(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    def show_detail(self) -> None:
        conflict = self.chosen()
        for widget in (self.keep_button, self.take_button, self.note):
            widget.setEnabled(conflict is not None)
        if conflict is None:
            self.detail_label.setText("")
            fill(self.detail, [])
            return
        ok, detail = call(self.window_, translate("CentralWindow", "Conflicts"),
                          lambda: self.window_.office.conflict_detail(conflict.id))
        if not ok or detail is None:
            fill(self.detail, [])
            return
        self.detail_label.setText(translate(
            "CentralWindow", "Conflict {number}: {kind} {key} of station {station}, sent again in batch {batch} "
                             "with other content. The held record was not changed.").format(
            number=detail.id, kind=_kind(detail.kind), key=detail.key, station=detail.station,
            batch=detail.batch_number))
        fill(self.detail, [[_field(d.field), d.held, d.incoming] for d in detail.differences])

    def resolve(self, choice: str) -> bool:
        conflict = self.chosen()
        if conflict is None:
            return False
        title = translate("CentralWindow", "Resolve conflict")
        if not self.clerk.text().strip():
            ask.error(self.window_, title, translate("CentralWindow", "Write your name as the clerk resolving it."))
            self.clerk.setFocus()
            return False
        question = (translate("CentralWindow", "Keep the held record of conflict {number} and mark it resolved?")
                    if choice == "keep" else
                    translate("CentralWindow", "Replace the held record with the incoming one (conflict {number})? "
                                               "A voided record stays voided.")).format(number=conflict.id)
        if not ask.confirm(self.window_, title, question):
            return False
        ok, _detail = call(self.window_, title, lambda: self.window_.office.resolve_conflict(
            conflict.id, choice, self.note.text(), self.clerk.text()), during="save")
        if not ok:
            self.reload()
            return False
        self.note.clear()
        done = (translate("CentralWindow", "Conflict {number} resolved: the held record kept.") if choice == "keep"
                else translate("CentralWindow", "Conflict {number} resolved: the incoming record taken."))
        self.window_.say(done.format(number=conflict.id))
        self.reload()
        return True
