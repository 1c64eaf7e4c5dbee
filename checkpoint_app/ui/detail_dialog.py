"""One entry's details, with void and correct; a corrected entry and its correction link
to each other.

The name, ID number and phone come masked from the services, as in the list, for
everyone. "Show full…" beside each asks the service for the full value (a supervisor's,
with a reason, audited: services/reveal.py); it is shown in this dialog only, never
logged, and masked again when the dialog closes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.regions import province_by_code
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.temperature import format_tenths

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:  # the window must open before the storage layer is loaded
    from checkpoint_app.services.reader import EntryLinks, RegisterReader
    from checkpoint_app.services.records import PassageView
    from checkpoint_app.services.register import RegisterService


@dataclass(frozen=True)
class _Identity:
    """A row showing an identity field ("name", "id_number", "phone"): masked, revealable."""

    field: str
    position: int = 0  # whose: the person on foot, a vehicle's occupant (0 is the first)


class EntryDetailDialog(QDialog):
    def __init__(self, entry: PassageView, register: RegisterService, actor: Actor | None, parent=None,
                 links: EntryLinks | None = None, reader: RegisterReader | None = None):
        """`reader`: where full values are revealed from (without one, no "Show full…")."""
        super().__init__(parent)
        self.setObjectName("entry_detail_dialog")
        self.setWindowTitle(translate("EntryDetail", "Entry No. {seq}").format(seq=entry.seq))
        self._entry = entry
        self._register = register
        self._reader = reader
        self._actor = actor
        self._labels: dict[tuple[int, str], QLabel] = {}  # (position, identity field) -> its value's label
        self._reveal_buttons: dict[tuple[int, str], QPushButton] = {}
        self.voided = False
        self.correct_requested = False
        self.follow: int | None = None  # the linked entry the guard asked to open
        form = QFormLayout()
        person = entry.person  # a person on foot: the passage's only person
        temps = " → ".join(format_tenths(t) for t in (person.temp1, person.temp2) if t is not None)
        origin = province_by_code(person.origin_province) if person.origin_province else None
        local = entry.recorded_at.astimezone()
        rows = [
            (translate("EntryDetail", "Time"), local.strftime("%Y-%m-%d %H:%M:%S")),
            (translate("EntryDetail", "Direction"), i18n.direction_label(entry.direction)),
            (translate("EntryDetail", "Category"), i18n.category_label(person.category)),
            (translate("EntryDetail", "Name"), _Identity("name")),
            (translate("EntryDetail", "ID document"), _Identity("id_number")),
            (translate("EntryDetail", "Phone"), _Identity("phone")),
            (translate("EntryDetail", "Going to"), person.destination),
            (translate("EntryDetail", "Purpose"), person.purpose),
            (translate("EntryDetail", "Came from"), " ".join(x for x in (origin.name if origin else "", person.origin_city) if x)),
            (translate("EntryDetail", "Arrived on"), person.arrival_date.isoformat() if person.arrival_date else ""),
            (translate("EntryDetail", "Temperature °C"), temps),
            (translate("EntryDetail", "Symptoms"), ", ".join(i18n.symptom_label(s) for s in person.symptoms.split(",") if s)),
            (translate("EntryDetail", "Key area"), translate("EntryDetail", "yes") if person.key_area else translate("EntryDetail", "no")),
            (translate("EntryDetail", "Decision"), i18n.decision_label(entry.decision)
             + (" (" + translate("EntryDetail", "rule proposed: {decision}; reason: {reason}").format(
                decision=i18n.decision_label(entry.proposed_decision), reason=entry.override_reason) + ")"
                if entry.decision != entry.proposed_decision else "")),
            (translate("EntryDetail", "Leaflet"), translate("EntryDetail", "yes") if entry.leaflet else translate("EntryDetail", "no")),
            (translate("EntryDetail", "Notes"), entry.notes),
            (translate("EntryDetail", "Registered by"), entry.operator),
        ]
        if entry.kind != "person":  # a vehicle: its plate, then every occupant after the first
            rows.insert(1, (translate("EntryDetail", "Plate"), f"{entry.plate or ''}  {i18n.vehicle_category_label(entry.vehicle_category or 'other')}"))
            for n, other in enumerate(entry.persons[1:], start=2):
                rows.append((translate("EntryDetail", "Occupant {n}").format(n=n), _occupant_text(other)))
                for field, text in (("name", translate("EntryDetail", "Name")), ("id_number", translate("EntryDetail", "ID document")),
                                    ("phone", translate("EntryDetail", "Phone"))):
                    if getattr(other, field):  # an occupant identified where the station asks for it
                        rows.append(("    " + text, _Identity(field, n - 1)))
        if entry.voided:
            rows.append((translate("EntryDetail", "Void"), f"{entry.void_reason} ({entry.voided_by})"))
        for label, value in rows:
            if isinstance(value, _Identity):
                form.addRow(label, self._identity_row(value.field, value.position))
                continue
            field = QLabel(value, self)
            field.setWordWrap(True)
            form.addRow(label, field)
        self.id_number_label = self._labels[(0, "id_number")]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.void_button = QPushButton(translate("EntryDetail", "Void this entry…"), self)
        self.void_button.setObjectName("void_button")
        self.void_button.setEnabled(not entry.voided)
        self.void_button.clicked.connect(self._void)
        buttons.addButton(self.void_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button = QPushButton(translate("EntryDetail", "Correct…"), self)
        self.correct_button.setObjectName("correct_button")
        self.correct_button.setEnabled(not entry.voided and entry.kind == "person")  # the service refuses a vehicle too
        self.correct_button.clicked.connect(self._correct)
        buttons.addButton(self.correct_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self._link_buttons(links))
        layout.addWidget(buttons)

    # -- identity: masked, revealed on request ---------------------------------------------

    def _identity_text(self, field: str, value: str | None, position: int = 0) -> str:
        if field == "id_number":
            kind = self._entry.persons[position].id_type
            return f"{i18n.doc_type_label(kind)} {value}" if value and kind else value or ""
        return value or ""

    def _identity_row(self, field: str, position: int = 0) -> QWidget:
        """The value's label and, when there is a value to reveal, its "Show full…" button
        (objectNames "detail_name_label", "reveal_name_button"; another occupant's with its
        number: "detail_name_3_label")."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        value = getattr(self._entry.persons[position], field)
        suffix = f"_{position + 1}" if position else ""
        label = QLabel(self._identity_text(field, value, position), row)
        label.setObjectName(f"detail_{field}{suffix}_label")
        label.setWordWrap(field == "name")  # a long name may wrap; a number reads whole
        layout.addWidget(label, 1)
        self._labels[(position, field)] = label
        if value and self._entry.identity_masked and self._reader is not None:
            button = QPushButton(translate("EntryDetail", "Show full…"), row)
            button.setObjectName(f"reveal_{field}{suffix}_button")
            button.setToolTip(translate("EntryDetail", "Supervisors only. You are asked why; each reveal is "
                                                       "kept in the audit log."))
            button.clicked.connect(lambda _=False, f=field, p=position: self._reveal(f, p))
            layout.addWidget(button)
            self._reveal_buttons[(position, field)] = button
        return row

    def _reveal(self, field: str, position: int = 0) -> None:
        """Ask the service for the full value (it refuses a guard first, before any reason
        is asked, and audits the refusal), then for the reason, then show it here."""
        title = translate("EntryDetail", "Could not show the full value")
        try:
            self._reader.may_reveal(self._actor)
            reason = ask.text_input(self, translate("EntryDetail", "Show full value"), translate(
                "EntryDetail", "Why is the full value needed? (kept in the audit log)"))
            if reason is None:
                return
            value = self._reader.reveal(self._actor, self._entry.id, field, reason, position)
        except NotPermitted as err:
            ask.error(self, title, i18n.problem_text(err.problem()))
            return
        except InvalidInput as err:
            ask.error(self, title, "\n".join(i18n.problem_text(p) for p in err.problems))
            return
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return
        self._labels[(position, field)].setText(self._identity_text(field, value, position))
        self._reveal_buttons[(position, field)].setEnabled(False)

    def hide_revealed(self) -> None:
        """Back to the masked values (when the dialog closes: nothing full outlives it)."""
        for (position, field), label in self._labels.items():
            label.setText(self._identity_text(field, getattr(self._entry.persons[position], field), position))
        for button in self._reveal_buttons.values():
            button.setEnabled(True)

    def done(self, result: int) -> None:  # noqa: D102 - QDialog: every way of closing comes here
        self.hide_revealed()
        super().done(result)

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


def _occupant_text(person) -> str:
    """One more occupant of a vehicle, as masked as everywhere: name, category, temperature."""
    temps = " → ".join(format_tenths(t) for t in (person.temp1, person.temp2) if t is not None)
    flags = [translate("EntryDetail", "fever")] if person.fever else []
    flags += [translate("EntryDetail", "key area")] if person.key_area else []
    return "  ".join(x for x in (person.name, i18n.category_label(person.category), temps and f"{temps} °C",
                                 ", ".join(flags)) if x)
