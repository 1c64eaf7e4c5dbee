"""Messages next to the register form's fields follow the fields (issue 5, item 11).

Every message comes from the same rules a save runs (core/entry.py), so what the form
says while typing is what a save would say. A message on screen is re-judged whenever
anything in the form changes: it changes or disappears as soon as its field is fixed.
Enter leaving a field shows that field's messages at once, instead of only on save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from checkpoint_app.core.entry import validate_entry
from checkpoint_app.core.problems import InvalidInput, Problem

from checkpoint_app.ui import i18n
from checkpoint_app.ui.form_fields import FieldBox
from checkpoint_app.ui.i18n import translate


class FormMessages:
    """Mixin for RegisterForm: where each field's messages go, and when."""

    def _field_widgets(self) -> dict[str, QWidget]:
        """Each field's widget, by the field names the rules use."""
        return {
            "operator": self.operator_label, "id_number": self.id_number_edit, "name": self.name_edit,
            "phone": self.phone_edit, "destination": self.destination_edit, "purpose": self.purpose_edit,
            "origin_province": self.origin_province_combo, "origin_city": self.origin_city_edit,
            "arrival_date": self.arrival_date_edit, "arrival_confirmed": self.arrival_confirm_check,
            "temperature": self.temperature_edit, "temperature2": self.temperature2_edit,
            "decision": self.decision_combo, "override_reason": self.override_reason_edit, "notes": self.notes_edit,
        }

    def _problems(self) -> list[Problem]:
        """Every problem with what is in the form now, as a save would find them."""
        problems: list[Problem] = []
        try:
            validate_entry(self.draft(), self._settings.policy(), self._day())
        except InvalidInput as err:
            problems.extend(err.problems)
        return problems

    def _message(self, problem: Problem) -> str:
        return i18n.problem_text(problem)

    def _messages_by_box(self, problems: list[Problem]) -> dict[FieldBox, list[str]]:
        by_box: dict[FieldBox, list[str]] = {}
        for problem in problems:
            box = self._boxes.get(problem.field)
            if box is not None:
                by_box.setdefault(box, []).append(self._message(problem))
        return by_box

    def _rejudge(self) -> None:
        """A message on screen follows its field: it changes or goes as soon as the field
        is fixed (no red "enter the temperature" beside a green reading)."""
        shown = {box for box in self._boxes.values() if box.has_error()}
        if not shown:
            return
        messages = self._messages_by_box(self._problems())
        for box in shown:
            box.show_error("\n".join(messages.get(box, [])))
        if self._summary and not any(box.has_error() for box in shown) and self.status_label.text() == self._summary:
            self.status_label.clear()  # "not saved: 2 fields need attention" once they are all fixed

    def _judge_on_enter(self, widget: QWidget) -> bool:
        """Enter leaving a field shows what is wrong with it. A value that is there but
        wrong (a bad check digit, "365") keeps the cursor in the field the first time;
        Enter again moves on, so Enter is never a dead key. An empty field never holds."""
        if self._settings is None:
            return False
        field = next((name for name, w in self._field_widgets().items() if w is widget), None)
        box = self._boxes.get(field) if field else None
        if box is None:
            return False
        problems = self._problems()
        box.show_error("\n".join(self._messages_by_box(problems).get(box, [])))
        self._sync_screening()
        own = [p for p in problems if p.field == field]
        value = widget.text() if isinstance(widget, QLineEdit) else "ticked" if widget is self.arrival_confirm_check else ""
        hold = bool(own) and bool(value.strip()) and self._held != (widget, value)
        self._held = (widget, value) if hold else None
        return hold

    def _show_problems(self, err: InvalidInput) -> None:
        for box, messages in self._messages_by_box(err.problems).items():
            box.show_error("\n".join(messages))
        unplaced = [i18n.problem_text(p) for p in err.problems if p.field not in self._boxes]
        summary = translate("RegisterForm", "Not saved: {count} field(s) need attention.").format(count=len(err.problems))
        self._summary = " ".join([summary, *unplaced])
        self.status_label.setText(self._summary)
        self._sync_screening()
        widgets = self._field_widgets()
        first = next((widgets[p.field] for p in err.problems if p.field in widgets), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

