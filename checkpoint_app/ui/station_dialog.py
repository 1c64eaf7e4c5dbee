"""The station profile dialog: asked on first run, editable later from settings."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.regions import province_choices
from checkpoint_app.core.roles import Actor, NotPermitted

from checkpoint_app.services.errors import StorageError
from checkpoint_app.services.station import StationDraft, StationService, StationType  # opened after storage

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.form_fields import DigitsPick, FieldBox
from checkpoint_app.ui.i18n import translate


def ask_first_station(stations: StationService, actor: Actor, parent=None) -> bool:
    """First run: the station profile is needed before the first entry. Cancel asks
    whether to quit (No goes back to the dialog, with what was typed); True once saved."""
    dialog = StationDialog(stations, actor, parent)
    while not dialog.exec():
        if ask.confirm(parent, translate("StationDialog", "Quit without setting up the station?"),
                       translate("StationDialog", "The register needs this laptop's station profile (name, code, "
                                                  "district) before the first entry, so the app will close. Nothing "
                                                  "has been saved; it asks again at the next start.\n\nQuit now?")):
            return False
    return True


class StationDialog(QDialog):
    def __init__(self, stations: StationService, actor: Actor | None, parent=None):
        super().__init__(parent)
        self.setObjectName("station_dialog")
        self.setWindowTitle(translate("StationDialog", "Station profile"))
        self._stations = stations
        self._actor = actor
        current = stations.current()
        # no maxLength on these fields: Qt would drop what goes past it without a word;
        # the station service refuses over-long text with a message instead
        self.name_edit = QLineEdit(current.name if current else "", self, objectName="station_name_edit")
        self.code_edit = QLineEdit(current.code if current else "", self, objectName="station_code_edit")
        self.code_edit.setPlaceholderText("JB-TSP-01")
        self.type_combo = QComboBox(self, objectName="station_type_combo")
        for kind in StationType:
            self.type_combo.addItem(i18n.station_type_label(kind.value), kind.value)
        self.district_edit = QLineEdit(current.district if current else "", self, objectName="station_district_edit")
        self.province_combo = QComboBox(self, objectName="station_province_combo")
        self.province_combo.addItem(translate("StationDialog", "(choose)"), "")
        for province in province_choices():  # "50 重庆市": typed digits pick it, as in the register form
            self.province_combo.addItem(f"{province.code} {i18n.province_label(province)}", province.code)
        self._digits = DigitsPick(self)
        self.province_combo.installEventFilter(self._digits)
        if current:
            self.type_combo.setCurrentIndex(self.type_combo.findData(current.station_type))
            self.province_combo.setCurrentIndex(self.province_combo.findData(current.province_code))
        self._boxes = {
            "station_name": FieldBox("station_name", self.name_edit, parent=self),
            "station_code": FieldBox("station_code", self.code_edit, parent=self),
            "station_type": FieldBox("station_type", self.type_combo, parent=self),
            "station_district": FieldBox("station_district", self.district_edit, parent=self),
            "station_province": FieldBox("station_province", self.province_combo, parent=self),
        }
        # a message goes as soon as its field is changed (it is judged again on Save)
        for box, changed in ((self._boxes["station_name"], self.name_edit.textChanged),
                             (self._boxes["station_code"], self.code_edit.textChanged),
                             (self._boxes["station_type"], self.type_combo.currentIndexChanged),
                             (self._boxes["station_district"], self.district_edit.textChanged),
                             (self._boxes["station_province"], self.province_combo.currentIndexChanged)):
            changed.connect(lambda *_args, box=box: box.show_error(""))
        form = QFormLayout()
        for label, key in ((translate("StationDialog", "Station name"), "station_name"), (translate("StationDialog", "Station code"), "station_code"),
                           (translate("StationDialog", "Kind of station"), "station_type"), (translate("StationDialog", "District"), "station_district"),
                           (translate("StationDialog", "Province"), "station_province")):
            form.addRow(label, self._boxes[key])
        intro = QLabel(translate("StationDialog", "Set up this laptop's station once. The code identifies its exports and must be "
                          "unique in your district."), self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("station_save_button")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def draft(self) -> StationDraft:
        return StationDraft(name=self.name_edit.text(), code=self.code_edit.text(),
                            station_type=self.type_combo.currentData(), district=self.district_edit.text(),
                            province_code=self.province_combo.currentData())

    def save(self) -> None:
        for box in self._boxes.values():
            box.show_error("")
        try:
            self._stations.save(self._actor, self.draft())
        except NotPermitted as err:
            self._boxes["station_name"].show_error(i18n.problem_text(err.problem()))
            return
        except InvalidInput as err:
            for problem in err.problems:
                self._boxes.get(problem.field, self._boxes["station_name"]).show_error(i18n.problem_text(problem))
            self.adjustSize()  # room for the messages
            return
        except StorageError as err:
            ask.storage_error(self, err)
            return
        self.accept()
