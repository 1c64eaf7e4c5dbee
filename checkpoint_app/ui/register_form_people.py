"""A repeat person, recognised by their exact ID number or phone: their details from the
last visit are filled in, and what their own document's earlier entries say is shown
(a refusal or referral, another name: issue 5, item 13). Nothing of anyone else's is
offered: no lists, no suggestions, no history by phone (phones are shared in families).
"""

from __future__ import annotations

from checkpoint_app.core.idcard import DocType, is_resident_id_like
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import form_notices
from checkpoint_app.ui.i18n import translate


class KnownPeople:
    """Mixin for RegisterForm: look-ups by ID number and phone, and their notices."""

    def _lookup_by_id(self) -> None:
        text = self.id_number_edit.text().strip().upper()
        if self.id_type_combo.currentData() == DocType.RESIDENT_ID.value and not is_resident_id_like(text):
            return
        if len(text) >= 5:
            person = self._safe_lookup(id_number=text)
            self._known = person
            self._fill_known(person)
            self._show_notices()

    def _lookup_by_phone(self) -> None:
        digits = "".join(ch for ch in self.phone_edit.text() if ch.isdigit())
        if len(digits) == 11 and not self.name_edit.text().strip():
            self._fill_known(self._safe_lookup(phone=digits))

    def _safe_lookup(self, **key):
        if self._actor is None:
            return None
        try:
            return self._register.known_person(self._actor, **key)
        except (StorageError, NotPermitted):
            return None  # a lookup is a convenience; saving will report the problem

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

    def _show_notices(self) -> None:
        """What this ID number's own earlier entries say: a refusal or referral, and the
        name last registered under it when another one is typed now."""
        known = self._known
        if known is not None and (known.id_number or "") != self.id_number_edit.text().strip().upper():
            known = self._known = None  # the number was changed: its notices go with it
        history = form_notices.history_text(known) if known is not None else ""
        name = form_notices.name_text(known, self.name_edit.text()) if known is not None else ""
        for label, text in ((self.id_history_label, history), (self.name_history_label, name)):
            self._set_state(label, "warn" if text else "", text)
            label.setVisible(bool(text))

