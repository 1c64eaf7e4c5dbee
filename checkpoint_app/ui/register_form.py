"""The register form: one entry is one person passing the gate.

Keyboard first: Enter moves to the next field that matters for the chosen category,
Enter on the last one (or Ctrl+S anywhere) saves; a save clears the person's data
and puts the cursor back in the first field. A known ID number or phone fills in that
person's details from their last entry; no other visitor's data is ever offered.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from checkpoint_app.core.decision import Category, Direction
from checkpoint_app.core.entry import REQUIRED, REQUIRED_OUT, EntryDraft, preview_entry
from checkpoint_app.core.idcard import DocType, is_resident_id_like
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.temperature import format_tenths
from checkpoint_app.services.errors import StorageError
from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.form_fields import DigitsPick, EnterMovesOn, FieldBox
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.register_form_widgets import FormWidgets

if TYPE_CHECKING:  # the form is built before the storage layer is loaded
    from checkpoint_app.services.register import RegisterService
    from checkpoint_app.services.settings import Settings

log = logging.getLogger("checkpoint.ui")

# Fields that stay as they were after a save: the queue at a gate is usually alike.
STICKY = ("direction", "category")




class RegisterForm(FormWidgets, QWidget):
    saved = Signal(int)  # entry id

    def __init__(self, register: RegisterService | None = None, settings: Settings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register_form")
        self._register = register
        self._settings = settings
        self._boxes: dict[str, FieldBox] = {}
        self._correcting = None  # the entry being corrected, if any
        self._category_chosen = False  # the guard picked the category for this person
        self._build()
        self.category_combo.activated.connect(self._choose_category)
        self._enter = EnterMovesOn(self._enter_chain, self.save, self)
        self._digits = DigitsPick(self)
        for widget in self.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.installEventFilter(self._enter)
            if isinstance(widget, QComboBox):
                widget.installEventFilter(self._digits)
        # only while the cursor is in the form: Esc in the search box must not wipe an entry
        for keys, action in (("Ctrl+S", self.save), ("Ctrl+Return", self.save), ("Escape", self.clear)):
            QShortcut(QKeySequence(keys), self, activated=action, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if register is not None and settings is not None:
            self.attach(register, settings)
        else:
            self.setEnabled(False)
            self.status_label.setText(translate("RegisterForm", "Opening the register…"))

    def attach(self, register: RegisterService, settings: Settings) -> None:
        """Connect the form to the station's services (after the window is on screen)."""
        self._register = register
        self._settings = settings
        self.operator_edit.setText(settings.get("operator"))
        self.status_label.clear()
        self.setEnabled(True)
        self._refresh()

    # -- state ---------------------------------------------------------------------------

    def draft(self) -> EntryDraft:
        return EntryDraft(
            direction=self.direction_combo.currentData(), category=self.category_combo.currentData(),
            name=self.name_edit.text(), id_type=self.id_type_combo.currentData(),
            id_number=self.id_number_edit.text(), phone=self.phone_edit.text(),
            phone_foreign=self.phone_foreign_check.isChecked(), destination=self.destination_edit.text(),
            purpose=self.purpose_edit.text(), origin_province=self.origin_province_combo.currentData(),
            origin_city=self.origin_city_edit.text(), arrival_date=self.arrival_date_edit.text(),
            temperature=self.temperature_edit.text(), temperature2=self.temperature2_edit.text(),
            symptoms=frozenset(code for code, check in self.symptom_checks.items() if check.isChecked()),
            decision=self.decision_combo.currentData(), override_reason=self.override_reason_edit.text(),
            leaflet=self.leaflet_check.isChecked(), notes=self.notes_edit.text(),
        )

    def _required(self) -> frozenset[str]:
        direction = Direction(self.direction_combo.currentData())
        return REQUIRED[Category(self.category_combo.currentData())] if direction is Direction.IN else REQUIRED_OUT

    def _enter_chain(self) -> list[QWidget]:
        """The fields Enter visits, in form order: those every entry uses, those this
        category and direction require, and any optional one already in use."""
        required = self._required()
        always = {"id_number", "name", "destination", "temperature", "decision"}
        has_origin = bool(self.origin_province_combo.currentData())
        path = (
            ("id_number", self.id_number_edit), ("name", self.name_edit), ("phone", self.phone_edit),
            ("destination", self.destination_edit), ("purpose", self.purpose_edit),
            ("origin_province", self.origin_province_combo), ("origin_city", self.origin_city_edit),
            ("arrival_date", self.arrival_date_edit), ("temperature", self.temperature_edit),
            ("temperature2", self.temperature2_edit), ("decision", self.decision_combo),
            ("override_reason", self.override_reason_edit),
        )
        chain: list[QWidget] = []
        for name, widget in path:
            in_use = widget.text().strip() != "" if hasattr(widget, "text") else False
            wanted = name in always or name in required or in_use
            if name in ("origin_city", "arrival_date"):
                wanted = wanted or "origin_province" in required or has_origin
            if name in ("temperature2", "override_reason"):
                wanted = widget.isEnabled()  # only while the rules ask for them
            if wanted:
                chain.append(widget)
        return chain + [self.save_button]

    def _refresh(self) -> None:
        """Re-run the rules on what is typed so far: screening, proposal, ID details."""
        if self._settings is None:
            return
        draft = self.draft()
        # a correction is judged by the rules of the day the person passed, as when saved
        day = self._correcting.local_date if self._correcting is not None else self._register.today()
        preview = preview_entry(draft, self._settings.policy(), day)
        screening = preview.screening
        needs_second = screening.needs_second or draft.temperature2.strip() != ""
        self.temperature2_edit.setEnabled(needs_second)
        if screening.needs_second and screening.reason == "fever":
            self._set_state(self.screening_label, "warn", translate("RegisterForm", "At or above {threshold} °C: re-measure (another method or after a few minutes' rest) and type the second reading.").format(threshold=format_tenths(screening.threshold)))
        elif screening.needs_second:
            self._set_state(self.screening_label, "warn", translate("RegisterForm", "Very low reading: a cold forehead. Measure again (e.g. at the wrist) and type the second reading."))
        elif screening.fever:
            self._set_state(self.screening_label, "alarm", translate("RegisterForm", "Fever confirmed: {value} °C.").format(value=format_tenths(screening.decisive)))
        elif screening.decisive is not None:
            self._set_state(self.screening_label, "ok", translate("RegisterForm", "Normal: {value} °C.").format(value=format_tenths(screening.decisive)))
        else:
            self._set_state(self.screening_label, "", "")
        proposal = preview.proposal
        self.decision_combo.setItemText(0, "1 " + translate("RegisterForm", "As proposed: {decision}").format(decision=i18n.decision_label(proposal.decision.value)))
        chosen = self.decision_combo.currentData() or proposal.decision.value
        overriding = chosen != proposal.decision.value
        self.override_reason_edit.setEnabled(overriding)
        reasons = "; ".join(i18n.reason_label(r) for r in proposal.reasons)
        flags = translate("RegisterForm", "Key-area arrival. ") if preview.key_area_flagged else ""
        state = {"admit": "ok", "refuse": "alarm", "refer": "alarm"}[proposal.decision.value]
        self._set_state(self.proposal_label, state if proposal.reasons or flags else "",
                        (flags + reasons) if (flags or reasons) else "")
        rid = preview.resident_id
        if rid is not None:
            sex = translate("RegisterForm", "male") if rid.sex == "M" else translate("RegisterForm", "female")
            self.id_info_label.setText(f"{rid.birth_date.isoformat()} · {sex} · {rid.region_name or rid.province.name}")
        else:
            self.id_info_label.setText("")
        self.id_info_label.setVisible(rid is not None)
        self.screening_label.setVisible(bool(self.screening_label.text()))
        self.proposal_label.setVisible(bool(self.proposal_label.text()))

    @staticmethod
    def _set_state(label: QLabel, state: str, text: str) -> None:
        label.setText(text)
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)

    # -- known people -----------------------------------------------------------------------

    def _lookup_by_id(self) -> None:
        text = self.id_number_edit.text().strip().upper()
        if self.id_type_combo.currentData() == DocType.RESIDENT_ID.value and not is_resident_id_like(text):
            return
        if len(text) >= 5:
            self._fill_known(self._safe_lookup(id_number=text))

    def _lookup_by_phone(self) -> None:
        digits = "".join(ch for ch in self.phone_edit.text() if ch.isdigit())
        if len(digits) == 11 and not self.name_edit.text().strip():
            self._fill_known(self._safe_lookup(phone=digits))

    def _safe_lookup(self, **key):
        try:
            return self._register.known_person(**key)
        except StorageError:
            return None  # a lookup is a convenience; saving will report the storage problem

    def _fill_known(self, person) -> None:
        if person is None:
            return
        fills = [
            (self.name_edit, person.name), (self.phone_edit, person.phone or ""),
            (self.destination_edit, person.destination), (self.purpose_edit, person.purpose),
            (self.origin_city_edit, person.origin_city),
            (self.arrival_date_edit, person.arrival_date.isoformat() if person.arrival_date else ""),
        ]
        for edit, value in fills:
            if not edit.text().strip() and value:
                edit.setText(value)
        if person.id_number and not self.id_number_edit.text().strip():
            self.id_type_combo.setCurrentIndex(max(0, self.id_type_combo.findData(person.id_type)))
            self.id_number_edit.setText(person.id_number)
        if person.origin_province and not self.origin_province_combo.currentData():
            self.origin_province_combo.setCurrentIndex(self.origin_province_combo.findData(person.origin_province))
        if not self._category_chosen:  # the sticky category from the last person: theirs is better
            self.category_combo.setCurrentIndex(self.category_combo.findData(person.category))
        if person.phone_foreign:
            self.phone_foreign_check.setChecked(True)
        self.known_person_label.setText(translate("RegisterForm", "Known person: details from the last visit filled in. Check them."))

    # -- actions ------------------------------------------------------------------------------

    def _choose_category(self) -> None:
        self._category_chosen = True

    def _store_operator(self) -> None:
        try:
            self._settings.set_many({"operator": self.operator_edit.text()})
        except StorageError as err:
            log.warning("operator not stored: %s", err.kind.value)

    def save(self) -> bool:
        """Validate and save; on any failure keep everything typed and say why."""
        for box in self._boxes.values():
            box.show_error("")
        operator = self.operator_edit.text().strip()
        if not operator:
            self._boxes["operator"].show_error(translate("RegisterForm", "Type the name of the guard on duty first."))
            self.operator_edit.setFocus()
            return False
        try:
            if self._correcting is not None:
                self._register.validate(self.draft(), corrects=self._correcting.id)  # the form first
                reason = ask.text_input(self, translate("RegisterForm", "Correct entry"), translate(
                    "RegisterForm", "What was wrong in No. {seq}? (kept with the void entry)").format(seq=self._correcting.seq))
                if reason is None:
                    return False
                entry = self._register.correct(self._correcting.id, self.draft(), reason, operator)
            else:
                entry = self._register.save(self.draft(), operator)
        except InvalidInput as err:
            self._show_problems(err)
            return False
        except StorageError as err:
            log.warning("save failed: %s", err.kind.value)
            self.status_label.setText(ask.storage_message(err))
            ask.storage_error(self, err)
            return False
        self.status_label.setText(translate("RegisterForm", "Saved No. {seq} at {time}.").format(
            seq=entry.seq, time=entry.recorded_at.astimezone().strftime("%H:%M:%S")))
        self.clear(keep_status=True)
        self.saved.emit(entry.id)
        return True

    def _show_problems(self, err: InvalidInput) -> None:
        first: QWidget | None = None
        unplaced: list[str] = []
        for problem in err.problems:
            box = self._boxes.get(problem.field)
            if box is None:  # e.g. the reason for a correction: said in the status line
                unplaced.append(i18n.problem_text(problem))
                continue
            box.show_error(i18n.problem_text(problem))
            if first is None:
                first = self._focus_widget_of(problem.field)
        summary = translate("RegisterForm", "Not saved: {count} field(s) need attention.").format(count=len(err.problems))
        self.status_label.setText(" ".join([summary, *unplaced]))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_widget_of(self, field: str) -> QWidget | None:
        return {
            "name": self.name_edit, "id_number": self.id_number_edit, "phone": self.phone_edit,
            "destination": self.destination_edit, "purpose": self.purpose_edit,
            "origin_province": self.origin_province_combo, "origin_city": self.origin_city_edit,
            "arrival_date": self.arrival_date_edit, "temperature": self.temperature_edit,
            "temperature2": self.temperature2_edit, "override_reason": self.override_reason_edit,
            "notes": self.notes_edit,
        }.get(field)

    def has_typed_data(self) -> bool:
        """Whether a person's details are in the form (clearing it would lose them)."""
        edits = (self.id_number_edit, self.name_edit, self.phone_edit, self.destination_edit, self.purpose_edit,
                 self.origin_city_edit, self.arrival_date_edit, self.temperature_edit, self.temperature2_edit,
                 self.override_reason_edit, self.notes_edit)
        return (any(edit.text().strip() for edit in edits) or bool(self.origin_province_combo.currentData())
                or any(check.isChecked() for check in self.symptom_checks.values()))

    def refresh_rules(self) -> None:
        """Re-run the rules after the settings changed (threshold, key areas)."""
        self._refresh()

    def start_correction(self, entry) -> None:
        """Load a saved entry into the form; saving voids it and records the corrected one."""
        self.clear()
        self._correcting = entry
        for combo, value in ((self.direction_combo, entry.direction), (self.category_combo, entry.category),
                             (self.id_type_combo, entry.id_type or "resident_id"),
                             (self.origin_province_combo, entry.origin_province or "")):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        for edit, value in ((self.id_number_edit, entry.id_number), (self.name_edit, entry.name),
                            (self.phone_edit, entry.phone), (self.destination_edit, entry.destination),
                            (self.purpose_edit, entry.purpose), (self.origin_city_edit, entry.origin_city),
                            (self.arrival_date_edit, entry.arrival_date.isoformat() if entry.arrival_date else ""),
                            (self.temperature_edit, format_tenths(entry.temp1) if entry.temp1 is not None else ""),
                            (self.temperature2_edit, format_tenths(entry.temp2) if entry.temp2 is not None else ""),
                            (self.notes_edit, entry.notes)):
            edit.setText(value or "")
        self.phone_foreign_check.setChecked(entry.phone_foreign)
        self.leaflet_check.setChecked(entry.leaflet)
        for code, check in self.symptom_checks.items():
            check.setChecked(code in entry.symptoms.split(","))
        if entry.decision != entry.proposed_decision:
            self.decision_combo.setCurrentIndex(self.decision_combo.findData(entry.decision))
            self.override_reason_edit.setText(entry.override_reason)
        self.status_label.setText(translate("RegisterForm", "Correcting No. {seq}: change what was wrong and save. "
                                            "The old entry is kept as void. Esc cancels.").format(seq=entry.seq))
        self.name_edit.setFocus()

    def clear(self, keep_status: bool = False) -> None:
        self._correcting = None
        self._category_chosen = False
        for edit in (self.id_number_edit, self.name_edit, self.phone_edit, self.destination_edit,
                     self.purpose_edit, self.origin_city_edit, self.arrival_date_edit, self.temperature_edit,
                     self.temperature2_edit, self.override_reason_edit, self.notes_edit):
            edit.clear()
        for check in (*self.symptom_checks.values(), self.leaflet_check, self.phone_foreign_check):
            check.setChecked(False)
        self.id_type_combo.setCurrentIndex(0)
        self.origin_province_combo.setCurrentIndex(0)
        self.decision_combo.setCurrentIndex(0)
        self.known_person_label.clear()
        for box in self._boxes.values():
            box.show_error("")
        if not keep_status:
            self.status_label.clear()
        self._refresh()
        # the cursor goes to the first field; to "on duty" while nobody is named there
        start = self.operator_edit if not self.operator_edit.text().strip() else self.first_field()
        start.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget:
        """The ID number: most people start by showing a card. Direction and category,
        which seldom change between people, are one Shift+Tab (or Alt+D / Alt+C) away;
        Enter there comes back to the ID number."""
        return self.id_number_edit
