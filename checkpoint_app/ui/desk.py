"""The left side of the main window: the person form or the vehicle form, one key (F2)
apart, with two buttons above saying which is in front. A road checkpoint opens on
vehicles, every other kind of station on persons (the station profile's type)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from checkpoint_app.ui import i18n
from checkpoint_app.ui.form_fields import set_state
from checkpoint_app.ui.i18n import translate

PERSONS, VEHICLES = 0, 1


class Desk(QWidget):
    def __init__(self, person_form: QWidget, vehicle_form: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("desk")
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("desk_stack")
        self.stack.addWidget(person_form)
        self.stack.addWidget(vehicle_form)
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        row.setContentsMargins(8, 4, 8, 0)
        for index, (name, text) in enumerate((("persons_tab", translate("Desk", "Persons on foot (F2)")),
                                              ("vehicles_tab", translate("Desk", "Vehicles (F2)")))):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.buttons.addButton(button, index)
            row.addWidget(button)
        row.addStretch(1)
        self.buttons.idClicked.connect(self.show_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        # the rule in force at this gate, where the guard looks: closed management
        self.rule_label = QLabel(self, objectName="closed_rule_label")
        self.rule_label.setWordWrap(True)
        self.rule_label.setContentsMargins(8, 4, 8, 0)
        self.rule_label.hide()
        layout.addWidget(self.rule_label)
        layout.addWidget(self.stack, 1)
        self.show_page(PERSONS)

    def show_rules(self, closed: bool, exempt: list[str]) -> None:
        """Say on the main screen whether the compound is under closed management, and
        who may still come in."""
        if not closed:
            self.rule_label.hide()
            set_state(self.rule_label, "", "")
            return
        who = translate("Desk", ", ").join(i18n.category_label(c) for c in exempt) or translate("Desk", "nobody")
        set_state(self.rule_label, "warn", translate(
            "Desk", "Closed management: residents only; outsiders are refused (may still come in: {who}).").format(who=who))
        self.rule_label.show()

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.buttons.button(index).setChecked(True)
        form = self.stack.currentWidget()
        if form.isEnabled():
            form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle(self) -> None:
        self.show_page(VEHICLES if self.stack.currentIndex() == PERSONS else PERSONS)

    def current(self) -> QWidget:
        return self.stack.currentWidget()

    def on_vehicles(self) -> bool:
        return self.stack.currentIndex() == VEHICLES
