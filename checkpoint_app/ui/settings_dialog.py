"""Settings: the station's rules (fever threshold, key areas and window, how far back an
arrival date may be without the guard confirming it, after how many idle minutes the
desk locks, whose identity a vehicle's occupants give and how many a vehicle may carry) and this laptop's display (language, large print)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from checkpoint_app.core.arrival import MAX_CONFIRM_DAYS, MIN_CONFIRM_DAYS
from checkpoint_app.core.decision import Category
from checkpoint_app.core.inside import MAX_INSIDE_DAYS, MIN_INSIDE_DAYS, late_time
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.retention import RETENTION_MAX, RETENTION_MIN
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.vehicle import MAX_OCCUPANT_LIMIT, IdentityRule
from checkpoint_app.core.vehicle_categories import VehicleCategory

from checkpoint_app.services.errors import StorageError
from checkpoint_app.services.settings import IDLE_LOCK_MAX, IDLE_LOCK_MIN

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.vehicle_form import identity_rule_label

if TYPE_CHECKING:
    from checkpoint_app.services.settings import Settings

    from checkpoint_app.ui.display_prefs import DisplayPrefs


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, prefs: DisplayPrefs, edit_station, actor: Actor | None, parent=None):
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self._settings = settings
        self._actor = actor
        self._prefs = prefs
        self.threshold_spin = QDoubleSpinBox(self, objectName="fever_threshold_spin", decimals=1, singleStep=0.1,
                                             minimum=37.0, maximum=38.5, suffix=" °C")
        self.threshold_spin.setValue(settings.get("fever_threshold") / 10)
        self.key_areas_edit = QPlainTextEdit("\n".join(settings.get("key_areas")), self, objectName="key_areas_edit")
        self.key_areas_edit.setPlaceholderText(translate("SettingsDialog", "one per line: 湖北 or 湖北/武汉"))
        self.key_areas_edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.window_spin = QSpinBox(self, objectName="key_area_window_spin", minimum=1, maximum=60,
                                    suffix=translate("SettingsDialog", " days"))
        self.window_spin.setValue(settings.get("key_area_window_days"))
        self.arrival_days_spin = QSpinBox(self, objectName="arrival_confirm_days_spin", minimum=MIN_CONFIRM_DAYS,
                                          maximum=MAX_CONFIRM_DAYS, suffix=translate("SettingsDialog", " days"))
        self.arrival_days_spin.setValue(settings.get("arrival_confirm_days"))
        self.arrival_days_spin.setToolTip(translate("SettingsDialog", "An arrival date after today, or further back than "
                                                    "this, is accepted only when the guard ticks “date is right”."))
        self.idle_lock_spin = QSpinBox(self, objectName="idle_lock_spin", minimum=IDLE_LOCK_MIN, maximum=IDLE_LOCK_MAX,
                                       suffix=translate("SettingsDialog", " minutes"))
        self.idle_lock_spin.setValue(settings.get("idle_lock_minutes"))
        self.idle_lock_spin.setToolTip(translate("SettingsDialog", "With no key pressed and no mouse used for this "
                                                 "long, the desk locks and the operator logs in again."))
        self.vehicle_identity_combo = QComboBox(self, objectName="vehicle_identity_combo")
        for code in ("auto", *(r.value for r in IdentityRule)):
            self.vehicle_identity_combo.addItem(identity_rule_label(code), code)
        self.vehicle_identity_combo.setCurrentIndex(max(0, self.vehicle_identity_combo.findData(settings.get("vehicle_identity"))))
        limits = settings.get("vehicle_occupant_limits")
        self.limit_spins: dict[str, QSpinBox] = {}
        limits_grid = QGridLayout()
        limits_grid.setContentsMargins(0, 0, 0, 0)
        for n, category in enumerate(VehicleCategory):
            spin = QSpinBox(self, objectName=f"limit_{category.value}_spin", minimum=1, maximum=MAX_OCCUPANT_LIMIT)
            spin.setValue(limits.get(category.value, 1))
            self.limit_spins[category.value] = spin
            limits_grid.addWidget(QLabel(i18n.vehicle_category_label(category.value), self), n // 2, (n % 2) * 2)
            limits_grid.addWidget(spin, n // 2, (n % 2) * 2 + 1)
        self.closed_check = QCheckBox(translate("SettingsDialog", "Closed management: outsiders are refused"), self,
                                      objectName="closed_management_check")
        self.closed_check.setChecked(settings.get("closed_management"))
        exempt = set(settings.get("closed_exempt"))
        self.exempt_checks: dict[str, QCheckBox] = {}
        exempt_row = QHBoxLayout()
        exempt_row.setContentsMargins(0, 0, 0, 0)
        for category in (Category.OFFICIAL, Category.DELIVERY, Category.STAFF, Category.VISITOR, Category.OTHER):
            check = QCheckBox(i18n.category_label(category.value), self, objectName=f"exempt_{category.value}_check")
            check.setChecked(category.value in exempt)
            self.exempt_checks[category.value] = check
            exempt_row.addWidget(check)
        exempt_row.addStretch(1)
        self.scan_prefix_edit = QLineEdit(settings.get("pass_code_prefix"), self, objectName="pass_code_prefix_edit")
        self.scan_prefix_edit.setPlaceholderText(translate("SettingsDialog", "e.g. JB (empty: no pass scanner)"))
        self.scan_prefix_edit.setMaxLength(8)
        # who is inside (core/inside.py): highlighted after the late hour; open entries count this many days
        self.inside_late_edit = QTimeEdit(late_time(settings.get("inside_late_hour")), self, objectName="inside_late_edit",
                                          displayFormat="HH:mm")
        self.inside_late_edit.setToolTip(translate("SettingsDialog", "Visitors still inside after this time (or since an "
                                                   "earlier day) are highlighted in the list of who is inside."))
        self.inside_days_spin = QSpinBox(self, objectName="inside_days_spin", minimum=MIN_INSIDE_DAYS,
                                         maximum=MAX_INSIDE_DAYS, suffix=translate("SettingsDialog", " days"))
        self.inside_days_spin.setValue(settings.get("inside_days"))
        self.inside_days_spin.setToolTip(translate("SettingsDialog", "An entry not checked out counts as inside for this "
                                                   "many days, today included; older ones are taken to have left."))
        self.retention_spin = QSpinBox(self, objectName="retention_spin", minimum=RETENTION_MIN, maximum=RETENTION_MAX,
                                       suffix=translate("SettingsDialog", " days"))
        self.retention_spin.setValue(settings.get("retention_days"))
        self.retention_spin.setToolTip(translate("SettingsDialog", "Names, ID numbers, phones, addresses and notes of "
                                                 "older entries are erased once the district office has acknowledged "
                                                 "them; so are those of watchlist entries that ended and of residents "
                                                 "who moved out this long ago. The counts stay."))
        self.language_combo = QComboBox(self, objectName="language_combo")
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(self.language_combo.findData(prefs.language))
        self.large_font_check = QCheckBox(translate("SettingsDialog", "Large font, high contrast (outdoors)"), self, objectName="large_font_check")
        self.large_font_check.setChecked(prefs.large_font)
        self.error_label = QLabel(self, objectName="settings_error_label")
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        station_button = QPushButton(translate("SettingsDialog", "Station profile…"), self, objectName="edit_station_button")
        station_button.clicked.connect(edit_station)
        form = QFormLayout()
        form.addRow(translate("SettingsDialog", "Fever threshold"), self.threshold_spin)
        form.addRow(translate("SettingsDialog", "Key areas"), self.key_areas_edit)
        form.addRow(translate("SettingsDialog", "Observation window"), self.window_spin)
        form.addRow(translate("SettingsDialog", "Confirm arrival dates older than"), self.arrival_days_spin)
        form.addRow(translate("SettingsDialog", "Lock the desk after"), self.idle_lock_spin)
        form.addRow(translate("SettingsDialog", "Identity registered in a vehicle"), self.vehicle_identity_combo)
        form.addRow(translate("SettingsDialog", "Most people per vehicle"), limits_grid)
        form.addRow(translate("SettingsDialog", "Compound gate"), self.closed_check)
        form.addRow(translate("SettingsDialog", "May still come in"), exempt_row)
        form.addRow(translate("SettingsDialog", "Resident passes start with"), self.scan_prefix_edit)
        form.addRow(translate("SettingsDialog", "Visitors inside are late after"), self.inside_late_edit)
        form.addRow(translate("SettingsDialog", "Count as inside for"), self.inside_days_spin)
        form.addRow(translate("SettingsDialog", "Keep people's data for"), self.retention_spin)
        form.addRow(translate("SettingsDialog", "Language (after restart)"), self.language_combo)
        form.addRow("", self.large_font_check)
        form.addRow("", station_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("settings_save_button")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def save(self) -> None:
        values = {
            "fever_threshold": round(self.threshold_spin.value() * 10),
            "key_areas": self.key_areas_edit.toPlainText().splitlines(),
            "key_area_window_days": self.window_spin.value(),
            "arrival_confirm_days": self.arrival_days_spin.value(),
            "idle_lock_minutes": self.idle_lock_spin.value(),
            "vehicle_identity": self.vehicle_identity_combo.currentData(),
            "vehicle_occupant_limits": {code: spin.value() for code, spin in self.limit_spins.items()},
            "closed_management": self.closed_check.isChecked(),
            "closed_exempt": sorted(code for code, check in self.exempt_checks.items() if check.isChecked()),
            "pass_code_prefix": self.scan_prefix_edit.text(),
            "inside_late_hour": self.inside_late_edit.time().toString("HH:mm"),
            "inside_days": self.inside_days_spin.value(),
            "retention_days": self.retention_spin.value(),
        }
        # check the rules, write the display file, then store the rules: a failure at any
        # step leaves the station's rules as they were
        try:
            self._settings.check(values)
        except InvalidInput as err:
            self.error_label.setText("\n".join(i18n.problem_text(p) for p in err.problems))
            return
        if not self._prefs.save(self.language_combo.currentData(), self.large_font_check.isChecked()):
            self.error_label.setText(translate("SettingsDialog", "The display settings could not be written to the data folder."))
            return
        try:
            if any(self._settings.get(key) != value for key, value in self._settings.check(values).items()):
                self._settings.set_many(self._actor, values)  # the rules are the supervisor's
        except NotPermitted as err:
            self.error_label.setText(i18n.problem_text(err.problem()))
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.accept()
