"""The person form's residents (a mixin for RegisterForm): a resident found at the top
of the form (ui/resident_find.py) fills in as a resident going to their room; their
name, document and phone stay in the residents list (the fields are emptied and locked)
and only the temperature is left to type: Enter on it saves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from checkpoint_app.core.decision import Category
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from checkpoint_app.services.register import ResidentCard


class FormResidents:
    """Mixin for RegisterForm."""

    def _resident_fields(self) -> tuple[QWidget, ...]:
        return (self.id_type_combo, self.id_number_edit, self.name_edit, self.phone_edit, self.phone_foreign_check)

    def _find_residents(self, text: str, scanned: bool) -> list[ResidentCard]:
        try:
            return self._register.find_residents(self._actor, text, scanned)
        except NotPermitted as err:
            self._boxes["operator"].show_error(i18n.problem_text(err.problem()))
        except StorageError as err:
            ask.storage_error(self, err, during="read")
        return []

    def find_resident(self, text: str, scanned: bool = False) -> None:
        """Look a resident up (a scan, or what was typed in the field)."""
        self.resident_find.look_up(text, scanned)

    def focus_resident_find(self) -> None:
        self.resident_find.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.resident_find.edit.selectAll()

    def resident(self) -> ResidentCard | None:
        return self.resident_find.card

    def _resident_chosen(self, card: ResidentCard) -> None:
        with self._bulk():
            self.category_combo.setCurrentIndex(self.category_combo.findData(Category.RESIDENT.value))
            for edit in (self.id_number_edit, self.name_edit, self.phone_edit):
                edit.setText("")
            self.phone_foreign_check.setChecked(False)
            if not self.destination_edit.text().strip():
                self.destination_edit.setText(card.room)
            for widget in self._resident_fields():
                widget.setEnabled(False)
        self._refresh()
        self.temperature_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _resident_dropped(self) -> None:
        for widget in self._resident_fields():
            widget.setEnabled(True)
        self.destination_edit.setText("")
        self._refresh()
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _reset_resident(self) -> None:
        self.resident_find.reset()
        for widget in self._resident_fields():
            widget.setEnabled(True)

    def _resident_chain(self) -> list[QWidget]:
        """Enter's path for a resident chosen from the list: the readings, then save (a
        reason only when the decision was changed)."""
        chain: list[QWidget] = [self.temperature_edit]
        if self.temperature2_edit.isEnabled():
            chain.append(self.temperature2_edit)
        if self.override_reason_edit.isEnabled():
            chain.append(self.override_reason_edit)
        return chain
