"""The register form: one entry is one person passing the gate.

Keyboard first: Enter moves to the next field that matters for the chosen category,
Enter on the last one (or Ctrl+S anywhere) saves; a save clears the person's data
and puts the cursor back in the first field. A known ID number or phone fills in that
person's details from their last entry; no other visitor's data is ever offered.

The widgets are built in register_form_widgets.py; the messages beside the fields,
known people and clearing (with Ctrl+Z) are mixins in register_form_messages.py,
register_form_people.py and register_form_clearing.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from checkpoint_app.core.decision import Category, Direction
from checkpoint_app.core.entry import REQUIRED, REQUIRED_OUT, EntryDraft
from checkpoint_app.core.idcard import DocType
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.temperature import format_tenths

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, form_notices, i18n
from checkpoint_app.ui.form_fields import DigitsPick, EnterMovesOn, FieldBox, KeyAction, set_state
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.register_form_clearing import Cleared, FormClearing
from checkpoint_app.ui.register_form_messages import FormMessages
from checkpoint_app.ui.register_form_people import KnownPeople
from checkpoint_app.ui.register_form_residents import FormResidents
from checkpoint_app.ui.register_form_widgets import FormWidgets
from checkpoint_app.ui.watch_alert import WatchAlert

if TYPE_CHECKING:  # the form is built before the storage layer is loaded
    from checkpoint_app.services.records import PassageView
    from checkpoint_app.services.register import KnownPerson, RegisterService
    from checkpoint_app.services.settings import Settings

log = logging.getLogger("checkpoint.ui")

# Fields that stay as they were after a save: the queue at a gate is usually alike.
STICKY = ("direction", "category")


class RegisterForm(FormWidgets, FormMessages, KnownPeople, FormResidents, FormClearing, QWidget):
    saved = Signal(int)  # entry id

    def __init__(self, register: RegisterService | None = None, settings: Settings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register_form")
        self._actor: Actor | None = None  # who is logged in at the desk (set by the window)
        self._register = register
        self._settings = settings
        self._boxes: dict[str, FieldBox] = {}
        self._correcting: PassageView | None = None  # the entry being corrected (in full), if any
        self._category_chosen = False  # the guard picked the category for this person
        self._known: KnownPerson | None = None  # found by the ID number typed: its own history
        self._cleared: Cleared | None = None  # what Ctrl+Z can bring back
        self._held: tuple[QWidget, str] | None = None  # the field Enter stopped in, and its text
        self._loading = False  # many fields change at once: judge once at the end
        self._summary = ""  # the "not saved" line of the last failed save
        self._build()
        self.watch_alert = WatchAlert(self, self.watch_alert_label)
        self.category_combo.activated.connect(self._choose_category)
        self._enter = EnterMovesOn(self._enter_chain, self.save, self._judge_on_enter, self)
        self._digits = DigitsPick(self)
        self._undo = KeyAction(QKeySequence.StandardKey.Undo, lambda: self._cleared is not None, self.undo_clear, self)
        for widget in self.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.installEventFilter(self._enter)
                widget.installEventFilter(self._undo)
            if isinstance(widget, QComboBox):
                widget.installEventFilter(self._digits)
        for widget in (self.resident_find.edit, self.resident_find.results):  # Enter there looks up, chooses
            widget.removeEventFilter(self._enter)
        self.resident_find.chosen.connect(self._resident_chosen)
        self.resident_find.dropped.connect(self._resident_dropped)
        # only while the cursor is in the form: Esc in the search box must not wipe an entry
        for keys, action in (("Ctrl+S", self.save), ("Ctrl+Return", self.save), ("Escape", self.discard)):
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
        self.resident_find.attach(self._find_residents)
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
            arrival_confirmed=self.arrival_confirm_check.isChecked(), temperature=self.temperature_edit.text(), temperature2=self.temperature2_edit.text(),
            symptoms=frozenset(code for code, check in self.symptom_checks.items() if check.isChecked()),
            decision=self.decision_combo.currentData(), override_reason=self.override_reason_edit.text(),
            leaflet=self.leaflet_check.isChecked(), notes=self.notes_edit.text(),
            resident=self.resident_find.card.uuid if self.resident_find.card is not None else "",
        )

    def _required(self) -> frozenset[str]:
        direction = Direction(self.direction_combo.currentData())
        return REQUIRED[Category(self.category_combo.currentData())] if direction is Direction.IN else REQUIRED_OUT

    def _enter_chain(self) -> list[QWidget]:
        """The fields Enter visits, in form order: those every entry uses, those this
        category and direction require, and any optional one already in use."""
        if self.resident_find.card is not None:
            return self._resident_chain()
        required = self._required()
        always = {"id_number", "name", "destination", "temperature", "decision"}
        has_origin = bool(self.origin_province_combo.currentData())
        path = (
            ("id_number", self.id_number_edit), ("name", self.name_edit), ("phone", self.phone_edit),
            ("destination", self.destination_edit), ("purpose", self.purpose_edit),
            ("origin_province", self.origin_province_combo), ("origin_city", self.origin_city_edit),
            ("arrival_date", self.arrival_date_edit), ("arrival_confirmed", self.arrival_confirm_check),
            ("temperature", self.temperature_edit), ("temperature2", self.temperature2_edit),
            ("decision", self.decision_combo), ("override_reason", self.override_reason_edit),
        )
        chain: list[QWidget] = []
        for name, widget in path:
            in_use = isinstance(widget, QLineEdit) and widget.text().strip() != ""
            wanted = name in always or name in required or in_use
            if name in ("origin_city", "arrival_date"):
                wanted = wanted or "origin_province" in required or has_origin
            if name in ("temperature2", "override_reason"):
                wanted = widget.isEnabled()  # only while the rules ask for them
            if name == "arrival_confirmed":
                wanted = not widget.isHidden()  # only for a date after today or long ago
            if wanted:
                chain.append(widget)
        return chain + [self.save_button]

    def _day(self) -> dt.date:
        # a correction is judged by the rules of the day the person passed, as when saved
        return self._correcting.local_date if self._correcting is not None else self._register.today()

    def _refresh(self) -> None:
        """Re-run the rules on what is typed so far: screening, proposal, ID details, the
        arrival date as read, notices, and the messages already on screen."""
        if self._settings is None or self._loading:
            return
        draft = self.draft()
        preview = self._register.preview(draft, self._day())
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
        self.proposal_label.setVisible(bool(self.proposal_label.text()))
        reading = preview.arrival
        doubtful = reading is not None and reading.needs_confirmation
        self._set_state(self.arrival_read_label, "warn" if doubtful else "",
                        form_notices.arrival_text(reading) if reading is not None else "")
        self.arrival_read_label.setVisible(reading is not None)
        self.arrival_confirm_check.setVisible(doubtful)
        self._show_notices()
        self.watch_alert.show([preview.known.watch], draft.direction == Direction.OUT.value)
        room = preview.known.unlisted_room
        self._set_state(self.destination_hint_label, "warn" if room else "", translate(
            "RegisterForm", "Nobody on the residents list lives in {room}: check the room.").format(room=room) if room else "")
        self.destination_hint_label.setVisible(bool(room))
        if self._cleared is not None and self.has_typed_data():
            self._cleared = None  # the next person is being typed: Ctrl+Z is the field's own undo again
            self.status_label.clear()
        self._rejudge()
        self._sync_screening()

    def _sync_screening(self) -> None:
        # "re-measure and type the second reading" is said once: by the second reading's
        # own message when a save asked for it, else by the screening line
        repeated = self._boxes["temperature2"].has_error() and self.screening_label.property("state") == "warn"
        self.screening_label.setVisible(bool(self.screening_label.text()) and not repeated)

    _set_state = staticmethod(set_state)

    # -- actions ------------------------------------------------------------------------------

    def _choose_category(self) -> None:
        self._category_chosen = True

    def set_actor(self, actor: Actor | None) -> None:
        """Who saves from now on (None: nobody is logged in, nothing can be saved)."""
        self._actor = actor
        self.operator_label.setText(translate("RegisterForm", "{name} ({role})").format(
            name=actor.name, role=i18n.role_label(actor.role.value)) if actor else "")
        self._boxes["operator"].show_error("")

    def save(self) -> bool:
        """Validate and save; on any failure keep everything typed and say why."""
        for box in self._boxes.values():
            box.show_error("")
        if self._actor is None:
            self._boxes["operator"].show_error(translate("RegisterForm", "Nobody is logged in: log in first (F9)."))
            return False
        try:
            if self._correcting is not None:
                self._register.validate(self.draft(), corrects=self._correcting.id)  # the form first
                reason = ask.text_input(self, translate("RegisterForm", "Correct entry"), translate(
                    "RegisterForm", "What was wrong in No. {seq}? (kept with the void entry)").format(seq=self._correcting.seq))
                if reason is None:
                    return False
                entry = self._register.correct(self._actor, self._correcting.id, self.draft(), reason)
            else:
                entry = self._register.save(self._actor, self.draft())
        except NotPermitted as err:
            self._boxes["operator"].show_error(i18n.problem_text(err.problem()))
            return False
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

    def has_typed_data(self) -> bool:
        """Whether a person's details are in the form (clearing it would lose them)."""
        edits = (self.id_number_edit, self.name_edit, self.phone_edit, self.destination_edit, self.purpose_edit,
                 self.origin_city_edit, self.arrival_date_edit, self.temperature_edit, self.temperature2_edit,
                 self.override_reason_edit, self.notes_edit)
        return (any(edit.text().strip() for edit in edits) or bool(self.origin_province_combo.currentData())
                or self.resident_find.card is not None
                or any(check.isChecked() for check in self.symptom_checks.values()))

    def refresh_rules(self) -> None:
        """Re-run the rules after the settings changed (threshold, key areas)."""
        self._refresh()

    def start_correction(self, entry: PassageView) -> bool:
        """Load a saved entry into the form; saving voids it and records the corrected one.

        `entry` is any view of it (the list's and the details' are masked): the full values
        come from the service, which lets only a supervisor open a correction and audits it.
        False when refused or failed (said in a message): the form is left as it was."""
        title = translate("RegisterForm", "Could not open the entry for correction")
        try:
            entry = self._register.for_correction(self._actor, entry.id)
        except NotPermitted as err:
            ask.error(self, title, i18n.problem_text(err.problem()))
            return False
        except InvalidInput as err:
            ask.error(self, title, "\n".join(i18n.problem_text(p) for p in err.problems))
            return False
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return False
        self.clear()
        self._correcting = entry
        person = entry.person  # a person on foot: the passage's only person
        self._load(EntryDraft(
            direction=entry.direction, category=person.category, name=person.name or "",
            id_type=person.id_type or DocType.RESIDENT_ID.value, id_number=person.id_number or "",
            phone=person.phone or "", phone_foreign=person.phone_foreign, destination=person.destination or "",
            purpose=person.purpose or "", origin_province=person.origin_province or "", origin_city=person.origin_city or "",
            arrival_date=person.arrival_date.isoformat() if person.arrival_date else "",
            arrival_confirmed=person.arrival_date is not None,  # as it was saved; changing the date asks again
            temperature=format_tenths(person.temp1) if person.temp1 is not None else "",
            temperature2=format_tenths(person.temp2) if person.temp2 is not None else "",
            symptoms=frozenset(filter(None, person.symptoms.split(","))),
            decision=entry.decision if entry.decision != entry.proposed_decision else "",
            override_reason=entry.override_reason if entry.decision != entry.proposed_decision else "",
            leaflet=entry.leaflet, notes=entry.notes or "",
        ))
        self.status_label.setText(translate("RegisterForm", "Correcting No. {seq}: change what was wrong and save. "
                                            "The old entry is kept as void. Esc cancels.").format(seq=entry.seq))
        self.name_edit.setFocus()
        return True

    def clear(self, keep_status: bool = False) -> None:
        self._correcting = None
        self._category_chosen = False
        self._known = None
        self._cleared = None
        self._held = None
        self._reset_resident()
        self.watch_alert.reset()
        with self._bulk():
            # setText, not clear(): it also empties each field's own undo history, so Ctrl+Z
            # in the next person's field can never bring back this person's text
            for edit in (self.id_number_edit, self.name_edit, self.phone_edit, self.destination_edit,
                         self.purpose_edit, self.origin_city_edit, self.arrival_date_edit, self.temperature_edit,
                         self.temperature2_edit, self.override_reason_edit, self.notes_edit):
                edit.setText("")
            for check in (*self.symptom_checks.values(), self.leaflet_check, self.phone_foreign_check,
                          self.arrival_confirm_check):
                check.setChecked(False)
            self.id_type_combo.setCurrentIndex(0)
            self.origin_province_combo.setCurrentIndex(0)
            self.decision_combo.setCurrentIndex(0)
            self.known_person_label.clear()
            for box in self._boxes.values():
                box.show_error("")
            if not keep_status:
                self.status_label.clear()
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget:
        """The ID number: most people start by showing a card. Direction and category,
        which seldom change between people, are one Shift+Tab (or Alt+D / Alt+C) away;
        Enter there comes back to the ID number."""
        return self.id_number_edit
