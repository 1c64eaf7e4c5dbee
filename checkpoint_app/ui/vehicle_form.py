"""The vehicle form: one passage is one vehicle with its occupants, typed with a queue
behind it.

The flow, by keyboard only: plate (the station's province is already there) → Enter →
occupant count → Enter → the readings in a row (36.5 Enter 36.8 Enter …) → where it
comes from (the province's number) → Enter → the decision (Enter takes the proposal) →
saved, cursor back on the plate. A second reading is asked only for a reading at or over
the fever line; an identity only where the station's rule asks for it (services
settings "vehicle_identity"); the arrival date only for a key-area origin or plate.

A plate seen before offers its last origin and category: filled in, and said so, for the
guard to confirm with the driver. Direction, category and "leaflet handed out" stay as
they were between vehicles (the queue is alike); Shift+Tab from the plate reaches them.
The vehicles of the last hour are listed under the form (ui/recent_vehicles.py).
"""

from __future__ import annotations

import logging
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.core.decision import Category, Decision, Direction
from checkpoint_app.core.plates import PLATE_PROVINCES, PlateKind
from checkpoint_app.core.problems import InvalidInput, Problem
from checkpoint_app.core.regions import find_province, province_by_code, province_choices
from checkpoint_app.core.roles import Actor, NotPermitted
from checkpoint_app.core.temperature import format_tenths
from checkpoint_app.core.vehicle import IdentityRule, VehicleDraft, VehicleRules, identity_required
from checkpoint_app.core.vehicle_categories import VehicleCategory

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.form_fields import DigitsPick, EnterMovesOn, FieldBox, FieldBuilders, FieldLabel, set_state
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.plate_fields import PlateProvinceBox
from checkpoint_app.ui.vehicle_occupants import OccupantRows
from checkpoint_app.ui.watch_alert import WatchAlert

if TYPE_CHECKING:
    from checkpoint_app.services.register import KnownVehicle, RegisterService
    from checkpoint_app.services.settings import Settings

log = logging.getLogger("checkpoint.ui")

MAX_ROWS = 99  # the rows a count may open before it is judged (the rules refuse past the category's limit)


def _province_name(short: str) -> str:
    province = find_province(short)
    return i18n.province_label(province) if province is not None else short


class VehicleForm(FieldBuilders, QWidget):
    saved = Signal(int)  # passage id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vehicle_form")
        self._actor: Actor | None = None
        self._register: RegisterService | None = None
        self._settings: Settings | None = None
        self._rules = VehicleRules()
        self._boxes: dict[str, FieldBox] = {}
        self._known: KnownVehicle | None = None
        self._filled_from_known = False
        self._loading = False
        self._build()
        self._enter = EnterMovesOn(self._chain, self.save, None, self)
        self._digits = DigitsPick(self)
        self._watch(self)
        for keys, action in (("Ctrl+S", self.save), ("Ctrl+Return", self.save), ("Escape", self.discard)):
            QShortcut(QKeySequence(keys), self, activated=action, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QApplication.instance().focusChanged.connect(self._keep_in_view)
        self.setEnabled(False)

    # -- building ---------------------------------------------------------------------------

    def _watch(self, root: QWidget) -> None:
        """Enter moves on in every field under `root` (again for rows added later)."""
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.property("watched"):
                widget.setProperty("watched", True)
                widget.installEventFilter(self._enter)
                if isinstance(widget, QComboBox) and widget is not self.plate_province_combo:
                    widget.installEventFilter(self._digits)

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setText(text)
        return label

    def _build(self) -> None:
        self.operator_label = self._label("vehicle_on_duty_name", "")
        self.direction_combo = self._combo("vehicle_direction_combo", [(d.value, i18n.direction_label(d.value)) for d in Direction])
        self.category_combo = self._combo("vehicle_category_combo", [(c.value, i18n.vehicle_category_label(c.value)) for c in VehicleCategory])
        self.category_combo.currentIndexChanged.connect(self._rows_for_count)
        # as narrow as the person form's columns: the longest category would widen the form
        # (and squeeze the register) in large print; the list opens as wide as its items
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category_combo.setMinimumContentsLength(6)
        self.plate_province_combo = PlateProvinceBox(self)
        self.plate_province_combo.currentIndexChanged.connect(self._refresh)
        self.plate_edit = self._edit("plate_edit", translate("VehicleForm", "e.g. A12345"))
        self.plate_edit.editingFinished.connect(self._lookup_plate)
        self.plate_other_check = QCheckBox(translate("VehicleForm", "&temporary / unreadable"), self)
        self.plate_other_check.setObjectName("plate_other_check")
        self.plate_other_check.toggled.connect(self._refresh)
        self.plate_read_label = self._label("plate_read_label", "")
        self.plate_read_label.setProperty("role", "hint")
        self.known_vehicle_label = self._label("known_vehicle_label", "")
        self.known_vehicle_label.setProperty("role", "hint")
        self.known_vehicle_label.hide()  # until a plate seen before is typed
        self.count_edit = self._edit("occupant_count_edit", translate("VehicleForm", "people on board"))
        self.count_edit.textChanged.connect(self._rows_for_count)
        self.occupants = OccupantRows(self._refresh, self)
        self.screening_label = self._label("vehicle_screening_label", "")
        self.origin_province_combo = self._combo(
            "vehicle_origin_province_combo",
            [("", translate("VehicleForm", "(not given)"))] + [(p.code, f"{p.code} {i18n.province_label(p)}") for p in province_choices()])
        self.origin_province_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.origin_province_combo.setMinimumContentsLength(7)
        self.origin_city_edit = self._edit("vehicle_origin_city_edit", translate("VehicleForm", "city"))
        self.arrival_date_edit = self._edit("vehicle_arrival_date_edit", translate("VehicleForm", "e.g. 11-20"))
        self.destination_edit = self._edit("vehicle_destination_edit", translate("VehicleForm", "where to (optional)"))
        self.decision_combo = QComboBox(self)
        self.decision_combo.setObjectName("vehicle_decision_combo")
        self.decision_combo.addItem("", "")
        for number, decision in enumerate(Decision, start=2):
            self.decision_combo.addItem(f"{number} {i18n.decision_label(decision.value)}", decision.value)
        self.decision_combo.currentIndexChanged.connect(self._refresh)
        self.override_reason_edit = self._edit("vehicle_override_reason_edit", translate("VehicleForm", "why the rule's proposal is overridden"))
        self.proposal_label = self._label("vehicle_proposal_label", "")
        self.leaflet_check = QCheckBox(translate("VehicleForm", "&leaflet handed out"), self)
        self.leaflet_check.setObjectName("vehicle_leaflet_check")
        self.leaflet_check.setChecked(True)  # one a vehicle at a road checkpoint; stays as it was
        self.notes_edit = self._edit("vehicle_notes_edit")
        self.save_button = QPushButton(translate("VehicleForm", "Save (Enter)"), self)
        self.save_button.setObjectName("vehicle_save_button")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(translate("VehicleForm", "Clear (Esc)"), self)
        self.clear_button.setObjectName("vehicle_clear_button")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.discard)
        self.status_label = self._label("vehicle_status_label", "")

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        top = Qt.AlignmentFlag.AlignTop
        rows = [
            (translate("VehicleForm", "On duty"), self._box("operator", self.operator_label), None, None),
            (translate("VehicleForm", "&Direction"), self._box("direction", self.direction_combo),
             translate("VehicleForm", "&Vehicle"), self._box("vehicle_category", self.category_combo)),
            (translate("VehicleForm", "&Plate"), self._box("plate", self.plate_province_combo, self.plate_edit,
                                                           hint=(self.plate_other_check, self.plate_read_label, self.known_vehicle_label)), None, None),
            (translate("VehicleForm", "People on board"), self._box("occupant_count", self.count_edit), None, None),
        ]
        for row, (text1, box1, text2, box2) in enumerate(rows):
            self._add_row(grid, row, text1, box1, text2, box2)
        row = len(rows)
        grid.addWidget(self.occupants, row, 1, 1, 3, top)
        grid.addWidget(self.screening_label, row + 1, 1, 1, 3)
        self._add_row(grid, row + 2, translate("VehicleForm", "Came from"),
                      self._box("origin_province", self.origin_province_combo, self.origin_city_edit),
                      translate("VehicleForm", "Arrived on"), self._box("arrival_date", self.arrival_date_edit))
        self._add_row(grid, row + 3, translate("VehicleForm", "Going to"), self._box("destination", self.destination_edit), None, None)
        self._add_row(grid, row + 4, translate("VehicleForm", "Decision"), self._box("decision", self.decision_combo),
                      translate("VehicleForm", "Reason"), self._box("override_reason", self.override_reason_edit))
        grid.addWidget(self.proposal_label, row + 5, 1, 1, 3)
        self._add_row(grid, row + 6, translate("VehicleForm", "Notes"), self._box("notes", self.notes_edit), None, None)
        grid.addWidget(self.leaflet_check, row + 7, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        self.watch_alert_label = QLabel(self, objectName="watch_alert_label")  # ui/watch_alert.py
        self.watch_alert_label.setWordWrap(True)
        self.watch_alert = WatchAlert(self, self.watch_alert_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.watch_alert_label)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        self._recent_holder = QVBoxLayout()  # the window puts the last hour's vehicles here
        layout.addLayout(self._recent_holder, 1)
        self._boxes["entry"] = self._boxes["notes"]
        self._boxes["origin_city"] = self._boxes["origin_province"]
        self._boxes["purpose"] = self._boxes["destination"]
        self.arrival_date_edit.setEnabled(False)
        self.size_fields()

    def add_below(self, widget: QWidget) -> None:
        self._recent_holder.addWidget(widget)

    def _add_row(self, grid: QGridLayout, row: int, text1: str, box1: FieldBox, text2: str | None, box2: FieldBox | None) -> None:
        top = Qt.AlignmentFlag.AlignTop
        for column, (text, box) in enumerate(((text1, box1), (text2, box2))):
            if box is None:
                continue
            first = box.first_field()
            label = FieldLabel(text, first, self)
            label.setObjectName(box.objectName().removesuffix("_box") + "_vlabel")
            if first is not None:
                label.setBuddy(first)
            grid.addWidget(label, row, column * 2, top)
            grid.addWidget(box, row, column * 2 + 1, 1, 3 if box2 is None else 1, top)

    def size_fields(self) -> None:
        metrics = self.fontMetrics()
        for edit, sample in ((self.plate_edit, "AD12345 "), (self.count_edit, "60 "), (self.origin_city_edit, "乌鲁木齐市"),
                             (self.arrival_date_edit, "2026-11-20")):
            edit.setMinimumWidth(metrics.horizontalAdvance(sample) + 16)

    # -- connecting --------------------------------------------------------------------------

    def attach(self, register: RegisterService, settings: Settings, province_code: str | None) -> None:
        self._register = register
        self._settings = settings
        abbr = next((a for a, p in PLATE_PROVINCES.items() if p.code == province_code), None)
        self.plate_province_combo.set_default(abbr)
        self.setEnabled(True)
        self.refresh_rules()

    def refresh_rules(self) -> None:
        """The station's vehicle rules again (identity, limits: after the settings changed)."""
        if self._register is None:
            return
        try:
            self._rules = self._register.vehicle_rules()
        except StorageError as err:
            log.warning("vehicle rules not read: %s", err.kind.value)
        self._rows_for_count()

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.operator_label.setText(translate("VehicleForm", "{name} ({role})").format(
            name=actor.name, role=i18n.role_label(actor.role.value)) if actor else "")

    # -- state -------------------------------------------------------------------------------

    def draft(self) -> VehicleDraft:
        other = self.plate_other_check.isChecked()
        return VehicleDraft(
            plate=self._plate_text(), plate_kind=PlateKind.OTHER.value if other else "",
            vehicle_category=self.category_combo.currentData(), direction=self.direction_combo.currentData(),
            occupant_count=self.count_edit.text(), occupants=self.occupants.drafts(),
            origin_province=self.origin_province_combo.currentData(), origin_city=self.origin_city_edit.text(),
            arrival_date=self.arrival_date_edit.text(), arrival_confirmed=True,
            destination=self.destination_edit.text(), decision=self.decision_combo.currentData(),
            override_reason=self.override_reason_edit.text(), leaflet=self.leaflet_check.isChecked(),
            notes=self.notes_edit.text(),
        )

    def _plate_text(self) -> str:
        """The plate as the guard sees it: the province box's abbreviation and what was
        typed after it; typed whole (starting with a Chinese character, WJ, or with no
        province chosen) it is taken as typed."""
        typed = self.plate_edit.text().strip()
        if self.plate_other_check.isChecked() or not typed:
            return typed
        typed = unicodedata.normalize("NFKC", typed)  # a Chinese input method's full-width letters
        abbr = self.plate_province_combo.abbr()
        starts_whole = not typed[0].isascii() or typed.upper().startswith("WJ")
        return typed if starts_whole or not abbr else abbr + typed

    def _identity(self, position: int) -> bool:
        return identity_required(self._rules.identity, position, Category.VISITOR)

    def _rows_for_count(self) -> None:
        text = self.count_edit.text().strip()
        count = int(text) if text.isascii() and text.isdigit() else 0
        before = len(self.occupants.rows)
        self.occupants.set_rows(min(count, MAX_ROWS), self._identity)
        if len(self.occupants.rows) != before:
            self._watch(self.occupants)
        self._refresh()

    def _chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.plate_edit, self.count_edit, *self.occupants.chain()]
        if self.direction_combo.currentData() == Direction.IN.value:
            chain.append(self.origin_province_combo)
            if self.origin_city_edit.text().strip():
                chain.append(self.origin_city_edit)
            if self.arrival_date_edit.isEnabled():
                chain.append(self.arrival_date_edit)
        chain.append(self.decision_combo)
        if self.override_reason_edit.isEnabled():
            chain.append(self.override_reason_edit)
        return chain  # Enter on the decision saves: the queue does not wait for a button

    def _refresh(self) -> None:
        if self._settings is None or self._loading:
            return
        draft = self.draft()
        preview = self._register.preview_vehicle(draft)
        for row, screening in zip(self.occupants.rows, preview.screenings, strict=False):
            second = row.edits["temperature2"]
            second.setEnabled(screening.needs_second or second.text().strip() != "")
        self._show_screening(preview.screenings)
        self.watch_alert.show([k.watch for k in preview.known], draft.direction == "out")
        plate = preview.plate
        resident = bool(preview.known) and preview.known[0].resident_uuid is not None  # a plate on the residents list
        self.plate_read_label.setText((translate("VehicleForm", "Plate {plate}").format(plate=plate.text) + (
            translate("VehicleForm", " · a resident's vehicle") if resident else "")) if plate else "")
        self.plate_read_label.setVisible(plate is not None)
        self.plate_province_combo.setEnabled(not self.plate_other_check.isChecked())
        self.arrival_date_edit.setEnabled(preview.arrival_needed or self.arrival_date_edit.text().strip() != "")
        proposal = preview.proposal
        self.decision_combo.setItemText(0, "1 " + translate("VehicleForm", "As proposed: {decision}").format(
            decision=i18n.decision_label(proposal.decision.value)))
        chosen = self.decision_combo.currentData() or proposal.decision.value
        self.override_reason_edit.setEnabled(chosen != proposal.decision.value)
        parts = [translate("VehicleForm", "Key-area vehicle.")] if preview.key_area_flagged else []
        parts += [i18n.reason_label(r) for r in proposal.reasons]
        parts += [translate("VehicleForm", "The plate is from {province}, not from where they say they came: ask.").format(
            province=_province_name(notice.partition(":")[2])) for notice in preview.notices]
        state = "alarm" if proposal.decision is not Decision.ADMIT else "warn" if parts else ""
        set_state(self.proposal_label, state, "; ".join(parts))
        self.proposal_label.setVisible(bool(parts))

    def _show_screening(self, screenings) -> None:
        fevers = [n for n, s in enumerate(screenings, start=1) if s.fever]
        again = [n for n, s in enumerate(screenings, start=1) if s.needs_second]
        if fevers:
            set_state(self.screening_label, "alarm", translate("VehicleForm", "Fever confirmed: occupant {numbers}.").format(
                numbers=", ".join(map(str, fevers))))
        elif again:
            set_state(self.screening_label, "warn", translate(
                "VehicleForm", "Re-measure occupant {numbers} and type the second reading.").format(numbers=", ".join(map(str, again))))
        else:
            set_state(self.screening_label, "", "")
        self.screening_label.setVisible(bool(self.screening_label.text()))

    def _keep_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The field the cursor moved to is scrolled into view (a bus has 40 rows)."""
        if new is None or not self.isAncestorOf(new):
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(new, 10, 30)

    # -- a plate seen before ---------------------------------------------------------------------

    def _lookup_plate(self) -> None:
        if self._register is None or self._actor is None or self.plate_other_check.isChecked():
            return
        plate = self._plate_text()
        if self._known is not None and self._known.plate == plate:
            return
        try:
            known = self._register.known_vehicle(self._actor, plate)
        except (NotPermitted, StorageError) as err:
            log.warning("plate not looked up: %s", type(err).__name__)
            return
        self._known = known
        if known is None:
            self.known_vehicle_label.clear()
            self.known_vehicle_label.hide()
            return
        untouched = not self.origin_province_combo.currentData() and not self.origin_city_edit.text().strip()
        if untouched:
            with self._bulk():
                if known.vehicle_category:
                    self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(known.vehicle_category)))
                if known.origin_province:
                    self.origin_province_combo.setCurrentIndex(max(0, self.origin_province_combo.findData(known.origin_province)))
                self.origin_city_edit.setText(known.origin_city)
            self._filled_from_known = True
        province = province_by_code(known.origin_province) if known.origin_province else None
        where = " ".join(filter(None, (i18n.province_label(province) if province else "", known.origin_city)))
        text = translate("VehicleForm", "Seen on {day}: {category}, from {origin}.").format(
            day=known.day.strftime("%m-%d"), category=i18n.vehicle_category_label(known.vehicle_category or "other"),
            origin=where or "—")
        if untouched:
            text += " " + translate("VehicleForm", "Filled in: confirm with the driver.")
        self.known_vehicle_label.setText(text)
        self.known_vehicle_label.show()
        self._refresh()

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        for box in self._all_boxes().values():
            box.show_error("")
        if self._actor is None:
            self._boxes["operator"].show_error(translate("VehicleForm", "Nobody is logged in: log in first (F9)."))
            return False
        try:
            passage = self._register.save_vehicle(self._actor, self.draft(), self._rules)
        except NotPermitted as err:
            self._boxes["operator"].show_error(i18n.problem_text(err.problem()))
            return False
        except InvalidInput as err:
            self._show_problems(err.problems)
            return False
        except StorageError as err:
            log.warning("vehicle save failed: %s", err.kind.value)
            self.status_label.setText(ask.storage_message(err))
            ask.storage_error(self, err)
            return False
        top = max((p.temp2 if p.temp2 is not None else p.temp1 or 0) for p in passage.persons)
        self.status_label.setText(translate("VehicleForm", "Saved No. {seq} at {time}: {plate}, {count} on board, highest {temp} °C.").format(
            seq=passage.seq, time=passage.recorded_at.astimezone().strftime("%H:%M:%S"), plate=passage.plate,
            count=len(passage.persons), temp=format_tenths(top)))
        self.clear(keep_status=True)
        self.saved.emit(passage.id)
        return True

    def _all_boxes(self) -> dict[str, FieldBox]:
        return {**self._boxes, **self.occupants.boxes()}

    def _show_problems(self, problems: list[Problem]) -> None:
        boxes = self._all_boxes()
        by_box: dict[FieldBox, list[str]] = {}
        for p in problems:
            box = boxes.get(p.field)
            if box is not None:
                by_box.setdefault(box, []).append(i18n.problem_text(p))
        for box, messages in by_box.items():
            box.show_error("\n".join(messages))
            box.show()
        unplaced = [i18n.problem_text(p) for p in problems if p.field not in boxes]
        self.status_label.setText(" ".join([translate("VehicleForm", "Not saved: {count} field(s) need attention.").format(
            count=len(problems)), *unplaced]))
        first = next((boxes[p.field].first_field() for p in problems if p.field in boxes), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_typed_data(self) -> bool:
        edits = (self.plate_edit, self.count_edit, self.origin_city_edit, self.arrival_date_edit, self.destination_edit,
                 self.override_reason_edit, self.notes_edit)
        return any(e.text().strip() for e in edits) or any(r.has_text() for r in self.occupants.rows)

    def discard(self) -> None:
        """Esc: the vehicle is dropped (asks nothing: the queue moves on)."""
        self.clear()

    def clear(self, keep_status: bool = False) -> None:
        """Ready for the next vehicle: direction, category and the leaflet tick stay."""
        self._known = None
        self.watch_alert.reset()
        self._filled_from_known = False
        with self._bulk():
            for edit in (self.plate_edit, self.count_edit, self.origin_city_edit, self.arrival_date_edit,
                         self.destination_edit, self.override_reason_edit, self.notes_edit):
                edit.setText("")
            self.plate_other_check.setChecked(False)
            self.plate_province_combo.reset()
            self.origin_province_combo.setCurrentIndex(0)
            self.decision_combo.setCurrentIndex(0)
            self.occupants.clear()
            self.known_vehicle_label.clear()
            self.known_vehicle_label.hide()
            for box in self._boxes.values():
                box.show_error("")
            if not keep_status:
                self.status_label.clear()
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget:
        return self.plate_edit


def identity_rule_label(rule: IdentityRule | str) -> str:
    return {
        "auto": translate("labels", "By station type (compound gate: outsiders; road: nobody)"),
        "none": translate("labels", "Nobody (readings only)"), "driver": translate("labels", "The driver"),
        "outsiders": translate("labels", "Every outsider"), "all": translate("labels", "Everyone"),
    }.get(str(rule), str(rule))

