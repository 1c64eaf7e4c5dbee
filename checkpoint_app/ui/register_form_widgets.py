"""The register form's widgets and layout (objectNames are the test API); the form's
behaviour is in register_form.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.decision import Category, Decision, Direction, Symptom
from checkpoint_app.core.idcard import DocType
from checkpoint_app.core.regions import province_choices

from checkpoint_app.ui import i18n
from checkpoint_app.ui.form_fields import FieldBox, FieldBuilders, FieldLabel
from checkpoint_app.ui.i18n import translate


class FormWidgets(FieldBuilders):
    """Mixin for RegisterForm (a QWidget): builds every field, label and button."""

    def _hint(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "hint")
        label.setWordWrap(True)
        label.hide()
        return label

    def _build(self) -> None:
        # who is logged in: every entry is theirs (switching operator is the window's, F9)
        self.operator_label = QLabel(self)  # who saves
        self.operator_label.setObjectName("on_duty_name")

        from checkpoint_app.ui.resident_find import ResidentFind

        self.resident_find = ResidentFind(self)  # a resident passes by room, phone tail, plate, ID or pass (F3)
        self.watch_alert_label = QLabel(self, objectName="watch_alert_label")  # ui/watch_alert.py
        self.watch_alert_label.setWordWrap(True)
        self.direction_combo = self._combo("direction_combo", [(d.value, i18n.direction_label(d.value)) for d in Direction])
        self.category_combo = self._combo("category_combo", [(c.value, i18n.category_label(c.value)) for c in Category])
        self.id_type_combo = self._combo("id_type_combo", [(d.value, i18n.doc_type_label(d.value)) for d in DocType])
        self.id_number_edit = self._edit("id_number_edit", translate("RegisterForm", "scan or type the number"))
        self.id_number_edit.editingFinished.connect(self._lookup_by_id)
        self.id_info_label = self._hint("id_info_label")
        self.id_history_label = self._hint("id_history_label")  # this document's own earlier entries
        self.name_edit = self._edit("name_edit")
        self.name_history_label = self._hint("name_history_label")
        self.phone_edit = self._edit("phone_edit", translate("RegisterForm", "11-digit mobile"))
        self.phone_edit.editingFinished.connect(self._lookup_by_phone)
        self.phone_foreign_check = QCheckBox(translate("RegisterForm", "foreign"), self)
        self.phone_foreign_check.setObjectName("phone_foreign_check")
        self.destination_edit = self._edit("destination_edit", translate("RegisterForm", "building-unit-room or person visited"))
        self.destination_hint_label = self._hint("destination_hint_label")  # a room nobody on the list lives in
        self.purpose_edit = self._edit("purpose_edit")
        self.origin_province_combo = self._combo(
            "origin_province_combo", [("", translate("RegisterForm", "(not given)"))] + [(p.code, f"{p.code} {i18n.province_label(p)}") for p in province_choices()])
        # as narrow as "51 四川省": the longest province names would widen the whole form
        # (and squeeze the register) in large print; the list itself opens as wide as they are
        self.origin_province_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.origin_province_combo.setMinimumContentsLength(7)
        self.origin_city_edit = self._edit("origin_city_edit", translate("RegisterForm", "city"))
        self.arrival_date_edit = self._edit("arrival_date_edit", translate("RegisterForm", "e.g. 11-20"))
        # the date as read, with its year, beside the field while it is typed (core/arrival.py)
        self.arrival_read_label = self._hint("arrival_read_label")  # wraps: never widens the form
        # shown only for a date after today or long ago; Space ticks it (see _enter_chain)
        self.arrival_confirm_check = QCheckBox(translate("RegisterForm", "date is right"), self)
        self.arrival_confirm_check.setObjectName("arrival_confirm_check")
        self.arrival_confirm_check.hide()
        self.arrival_confirm_check.toggled.connect(self._refresh)
        self.arrival_date_edit.textChanged.connect(lambda: self.arrival_confirm_check.setChecked(False))
        self.temperature_edit = self._edit("temperature_edit", "36.5")
        self.temperature2_edit = self._edit("temperature2_edit", translate("RegisterForm", "re-measure"))
        self.screening_label = QLabel(self)
        self.screening_label.setObjectName("screening_label")
        self.screening_label.setWordWrap(True)
        self.symptom_checks: dict[str, QCheckBox] = {}
        for number, symptom in enumerate(Symptom, start=1):
            check = QCheckBox(f"{i18n.symptom_label(symptom.value)} (&{number})", self)
            check.setObjectName(f"symptom_{symptom.value}_check")
            check.toggled.connect(self._refresh)
            self.symptom_checks[symptom.value] = check
        self.decision_combo = QComboBox(self)
        self.decision_combo.setObjectName("decision_combo")
        self.decision_combo.addItem("", "")  # text set by _refresh: "as proposed: …"
        for number, decision in enumerate(Decision, start=2):
            self.decision_combo.addItem(f"{number} {i18n.decision_label(decision.value)}", decision.value)
        self.decision_combo.currentIndexChanged.connect(self._refresh)
        self.override_reason_edit = self._edit("override_reason_edit", translate("RegisterForm", "why the rule's proposal is overridden"))
        self.proposal_label = QLabel(self)
        self.proposal_label.setObjectName("proposal_label")
        self.proposal_label.setWordWrap(True)
        self.leaflet_check = QCheckBox(translate("RegisterForm", "leaflet handed out"), self)
        self.leaflet_check.setObjectName("leaflet_check")
        self.notes_edit = self._edit("notes_edit")
        self.known_person_label = QLabel(self)
        self.known_person_label.setObjectName("known_person_label")
        self.known_person_label.setProperty("role", "hint")
        self.save_button = QPushButton(translate("RegisterForm", "Save (Enter)"), self)
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(translate("RegisterForm", "Clear (Esc)"), self)
        self.clear_button.setObjectName("clear_button")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.discard)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("form_status_label")
        self.status_label.setWordWrap(True)

        self.size_fields()

        top = Qt.AlignmentFlag.AlignTop  # a taller neighbour never pulls a field or its label down
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        rows = [
            (translate("RegisterForm", "On duty"), self._box("operator", self.operator_label), None, None),
            (translate("RegisterForm", "&Resident"), self._box("resident", self.resident_find), None, None),
            # Alt+D / Alt+C jump here: the cursor starts at the ID number, these stay as they were
            (translate("RegisterForm", "&Direction"), self._box("direction", self.direction_combo),
             translate("RegisterForm", "&Category"), self._box("category", self.category_combo)),
            (translate("RegisterForm", "ID document"), self._box("id_number", self.id_type_combo, self.id_number_edit,
                                                                 hint=(self.id_info_label, self.id_history_label)), None, None),
            (translate("RegisterForm", "Name"), self._box("name", self.name_edit, hint=self.name_history_label),
             translate("RegisterForm", "Phone"), self._box("phone", self.phone_edit, self.phone_foreign_check)),
            (translate("RegisterForm", "Going to"), self._box("destination", self.destination_edit, hint=self.destination_hint_label),
             translate("RegisterForm", "Purpose"), self._box("purpose", self.purpose_edit)),
            (translate("RegisterForm", "Came from"), self._box("origin_province", self.origin_province_combo, self.origin_city_edit),
             translate("RegisterForm", "Arrived on"), self._box("arrival_date", self.arrival_date_edit, self.arrival_read_label,
                                                                hint=self.arrival_confirm_check)),
            (translate("RegisterForm", "Temperature °C"), self._box("temperature", self.temperature_edit),
             translate("RegisterForm", "Second reading"), self._box("temperature2", self.temperature2_edit)),
        ]
        for row, (label1, box1, label2, box2) in enumerate(rows):
            self._add_row(grid, row, label1, box1, label2, box2)
        symptoms = QHBoxLayout()
        for check in self.symptom_checks.values():
            symptoms.addWidget(check)
        symptoms.addStretch(1)
        row = len(rows)
        grid.addWidget(self.screening_label, row, 1, 1, 3)
        grid.addWidget(self._label(translate("RegisterForm", "Symptoms"), field=self.symptom_checks["cough"], name="symptoms_label"), row + 1, 0, top)
        grid.addLayout(symptoms, row + 1, 1, 1, 3)
        self._add_row(grid, row + 2, translate("RegisterForm", "Decision"), self._box("decision", self.decision_combo),
                      translate("RegisterForm", "Reason"), self._box("override_reason", self.override_reason_edit))
        grid.addWidget(self.proposal_label, row + 3, 1, 1, 3)
        self._add_row(grid, row + 4, translate("RegisterForm", "Notes"), self._box("notes", self.notes_edit), None, None)
        grid.addWidget(self.leaflet_check, row + 5, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.known_person_label, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.watch_alert_label)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        # where the messages of fields without a box of their own go
        self._boxes["entry"] = self._boxes["notes"]
        self._boxes["origin_city"] = self._boxes["origin_province"]
        self._boxes["arrival_confirmed"] = self._boxes["arrival_date"]

    def size_fields(self) -> None:
        """Minimum widths from sample text in the current font (again when it changes)."""
        metrics = self.fontMetrics()
        for edit, sample in ((self.phone_edit, "13812345678"), (self.origin_city_edit, "乌鲁木齐市"),
                             (self.id_number_edit, "11010519491231002X "), (self.name_edit, "阿依古丽·买买提"),
                             (self.arrival_date_edit, "2026-11-20")):
            edit.setMinimumWidth(metrics.horizontalAdvance(sample) + 16)

    def _label(self, text: str, box: FieldBox | None = None, field: QWidget | None = None, name: str = "") -> QLabel:
        first = box.first_field() if box is not None else field
        label = FieldLabel(text, first, self)
        label.setObjectName(name or box.objectName().removesuffix("_box") + "_label")  # "temperature_label"
        if box is not None and first is not None:  # a mnemonic in the label (&D) focuses the box's first field
            label.setBuddy(first)
        return label

    def _add_row(self, grid: QGridLayout, row: int, label1, box1, label2, box2) -> None:
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self._label(label1, box1), row, 0, top)
        if box2 is None:
            grid.addWidget(box1, row, 1, 1, 3, top)
            return
        grid.addWidget(box1, row, 1, top)
        grid.addWidget(self._label(label2, box2), row, 2, top)
        grid.addWidget(box2, row, 3, top)
