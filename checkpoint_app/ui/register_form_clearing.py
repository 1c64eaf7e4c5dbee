"""Emptying the register form for the next person without losing what was typed.

Esc, Ctrl+N and the Clear button empty a half-typed form at once, and Ctrl+Z brings it
back (issue 5, item 12). Why undo rather than a "clear the form?" question: clearing
on purpose (the person walked off, the wrong person was started) is the common case
and stays one key; a slip costs one key more (Ctrl+Z), where a question would make
every clear cost two. Ctrl+Z works until the next person's details are typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from checkpoint_app.core.entry import EntryDraft

from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.register import KnownPerson


@dataclass(frozen=True)
class Cleared:
    """What Esc / Ctrl+N / Clear took out of the form, until Ctrl+Z brings it back."""

    draft: EntryDraft
    correcting: Any
    category_chosen: bool
    known: KnownPerson | None
    known_note: str


class FormClearing:
    """Mixin for RegisterForm: loading many fields at once, clearing, and Ctrl+Z."""

    def _load(self, draft: EntryDraft) -> None:
        """Put a draft's values into the fields."""
        with self._bulk():
            for combo, value in ((self.direction_combo, draft.direction), (self.category_combo, draft.category),
                                 (self.id_type_combo, draft.id_type), (self.origin_province_combo, draft.origin_province),
                                 (self.decision_combo, draft.decision)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
            for edit, value in ((self.id_number_edit, draft.id_number), (self.name_edit, draft.name),
                                (self.phone_edit, draft.phone), (self.destination_edit, draft.destination),
                                (self.purpose_edit, draft.purpose), (self.origin_city_edit, draft.origin_city),
                                (self.arrival_date_edit, draft.arrival_date), (self.temperature_edit, draft.temperature),
                                (self.temperature2_edit, draft.temperature2), (self.override_reason_edit, draft.override_reason),
                                (self.notes_edit, draft.notes)):
                edit.setText(value)
            self.arrival_confirm_check.setChecked(draft.arrival_confirmed)  # after the date: typing it unticks
            self.phone_foreign_check.setChecked(draft.phone_foreign)
            self.leaflet_check.setChecked(draft.leaflet)
            for code, check in self.symptom_checks.items():
                check.setChecked(code in draft.symptoms)

    def discard(self) -> None:
        """Esc, Ctrl+N and the Clear button: empty the form for the next person; a
        half-typed one can be brought back with Ctrl+Z (see the module docstring for why
        undo and not a question). An empty form just clears."""
        if not self.has_typed_data() and self._correcting is None:
            self.clear()
            return
        cleared = Cleared(self.draft(), self._correcting, self._category_chosen, self._known,
                           self.known_person_label.text())
        self.clear()
        self._cleared = cleared
        self.status_label.setText(translate("RegisterForm", "Form cleared. Ctrl+Z brings back what was typed."))

    def undo_clear(self) -> None:
        """Bring back what the last Esc / Ctrl+N / Clear took out of the form."""
        cleared, self._cleared = self._cleared, None
        if cleared is None:
            return
        self._correcting = cleared.correcting
        self._category_chosen = cleared.category_chosen
        self._known = cleared.known
        self._load(cleared.draft)
        self.known_person_label.setText(cleared.known_note)
        self.status_label.setText(translate("RegisterForm", "What was typed is back."))
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

