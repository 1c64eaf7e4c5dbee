"""One entry in full (the only place the full ID number and phone are shown), with void
and correct; a corrected entry and its correction link to each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.regions import province_by_code
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.temperature import format_tenths

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:  # the window must open before the storage layer is loaded
    from checkpoint_app.services.reader import EntryLinks
    from checkpoint_app.services.records import Entry
    from checkpoint_app.services.register import RegisterService


class EntryDetailDialog(QDialog):
    def __init__(self, entry: Entry, register: RegisterService, actor: Actor | None, parent=None,
                 links: EntryLinks | None = None):
        super().__init__(parent)
        self.setObjectName("entry_detail_dialog")
        self.setWindowTitle(translate("EntryDetail", "Entry No. {seq}").format(seq=entry.seq))
        self._entry = entry
        self._register = register
        self._actor = actor
        self.voided = False
        self.correct_requested = False
        self.follow: int | None = None  # the linked entry the guard asked to open
        form = QFormLayout()
        temps = " → ".join(format_tenths(t) for t in (entry.temp1, entry.temp2) if t is not None)
        origin = province_by_code(entry.origin_province) if entry.origin_province else None
        local = entry.recorded_at.astimezone()
        rows = [
            (translate("EntryDetail", "Time"), local.strftime("%Y-%m-%d %H:%M:%S")),
            (translate("EntryDetail", "Direction"), i18n.direction_label(entry.direction)),
            (translate("EntryDetail", "Category"), i18n.category_label(entry.category)),
            (translate("EntryDetail", "Name"), entry.name),
            (translate("EntryDetail", "ID document"), f"{i18n.doc_type_label(entry.id_type)} {entry.id_number}" if entry.id_number else ""),
            (translate("EntryDetail", "Phone"), entry.phone or ""),
            (translate("EntryDetail", "Going to"), entry.destination),
            (translate("EntryDetail", "Purpose"), entry.purpose),
            (translate("EntryDetail", "Came from"), " ".join(x for x in (origin.name if origin else "", entry.origin_city) if x)),
            (translate("EntryDetail", "Arrived on"), entry.arrival_date.isoformat() if entry.arrival_date else ""),
            (translate("EntryDetail", "Temperature °C"), temps),
            (translate("EntryDetail", "Symptoms"), ", ".join(i18n.symptom_label(s) for s in entry.symptoms.split(",") if s)),
            (translate("EntryDetail", "Key area"), translate("EntryDetail", "yes") if entry.key_area else translate("EntryDetail", "no")),
            (translate("EntryDetail", "Decision"), i18n.decision_label(entry.decision)
             + (" (" + translate("EntryDetail", "rule proposed: {decision}; reason: {reason}").format(
                decision=i18n.decision_label(entry.proposed_decision), reason=entry.override_reason) + ")"
                if entry.decision != entry.proposed_decision else "")),
            (translate("EntryDetail", "Leaflet"), translate("EntryDetail", "yes") if entry.leaflet else translate("EntryDetail", "no")),
            (translate("EntryDetail", "Notes"), entry.notes),
            (translate("EntryDetail", "Registered by"), entry.operator),
        ]
        if entry.voided:
            rows.append((translate("EntryDetail", "Void"), f"{entry.void_reason} ({entry.voided_by})"))
        for label, value in rows:
            field = QLabel(value, self)
            field.setWordWrap(True)
            form.addRow(label, field)
        self.id_number_label = form.itemAt(4, QFormLayout.ItemRole.FieldRole).widget()
        self.id_number_label.setObjectName("detail_id_number_label")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.void_button = QPushButton(translate("EntryDetail", "Void this entry…"), self)
        self.void_button.setObjectName("void_button")
        self.void_button.setEnabled(not entry.voided)
        self.void_button.clicked.connect(self._void)
        buttons.addButton(self.void_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button = QPushButton(translate("EntryDetail", "Correct…"), self)
        self.correct_button.setObjectName("correct_button")
        self.correct_button.setEnabled(not entry.voided)
        self.correct_button.clicked.connect(self._correct)
        buttons.addButton(self.correct_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self._link_buttons(links))
        layout.addWidget(buttons)

    def _link_buttons(self, links: EntryLinks | None) -> QHBoxLayout:
        row = QHBoxLayout()
        if links is not None:
            for target, name, text in (
                    (links.corrected_by, "corrected_by_button", translate("EntryDetail", "Corrected by No. {seq}…")),
                    (links.corrects, "corrects_button", translate("EntryDetail", "Corrects No. {seq}…"))):
                if target is not None:
                    button = QPushButton(text.format(seq=target[1]), self)
                    button.setObjectName(name)
                    button.clicked.connect(lambda _=False, entry_id=target[0]: self._follow(entry_id))
                    row.addWidget(button)
        row.addStretch(1)
        return row

    def _follow(self, entry_id: int) -> None:
        self.follow = entry_id
        self.accept()

    def _correct(self) -> None:
        self.correct_requested = True
        self.accept()

    def _void(self) -> None:
        reason = ask.text_input(self, translate("EntryDetail", "Void entry"), translate("EntryDetail", "Why is this entry void? (kept with the entry)"))
        if reason is None:
            return
        try:
            self._register.void(self._actor, self._entry.id, reason)
        except NotPermitted as err:
            ask.error(self, translate("EntryDetail", "Could not void the entry"), i18n.problem_text(err.problem()))
            return
        except InvalidInput as err:
            ask.error(self, translate("EntryDetail", "Could not void the entry"), "\n".join(i18n.problem_text(p) for p in err.problems))
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.voided = True
        self.accept()
