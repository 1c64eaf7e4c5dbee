"""The vehicle form, driven by keyboard only the way a guard at a road checkpoint follows
the cursor: the standard two-occupant car within 12 keystrokes beyond the plate, the
readings and the origin; a fever in the third of five; a bus of 40; a plate seen
before; the province picked without a Chinese input method; bad input at its field."""

from __future__ import annotations

import pytest
from actors import guard, supervisor
from sqlmodel import select
from stations import set_station_type
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft

from checkpoint_app.db import driver

from checkpoint_app.ui.main_window import MainWindow


class Keys:
    """Presses keys in whatever field has the cursor, counting them: `typed` for the
    characters of the plate, the readings and the origin, `extra` for everything else."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.typed = 0
        self.extra = 0

    @staticmethod
    def focus():
        widget = QApplication.focusWidget()
        assert widget is not None, "the cursor is nowhere"
        return widget

    def data(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.typed += len(text)

    def other(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.extra += len(text)

    def enter(self) -> None:
        self.qtbot.keyClick(self.focus(), Qt.Key.Key_Return)
        self.extra += 1


@pytest.fixture
def road(qtbot, ctx, dialogs) -> MainWindow:
    """The main window of a road checkpoint in Chongqing (plates 渝), a guard logged in."""
    from dataclasses import replace

    from stations import STATION

    ctx.station.save(supervisor(ctx), replace(STATION, station_type="road_checkpoint", province_code="50"))
    win = MainWindow(ctx)
    win.set_actor(guard(ctx))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.vehicle_form.clear()
    return win


def stored(ctx, sql: str) -> list[tuple]:

    with driver.connect(ctx.paths.database) as raw:
        return raw.execute(sql).fetchall()


def test_a_road_checkpoint_opens_on_vehicles_and_f2_switches(road, qtbot):
    assert road.desk.on_vehicles() and QApplication.focusWidget() is road.vehicle_form.plate_edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert not road.desk.on_vehicles() and QApplication.focusWidget() is road.form.id_number_edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert road.desk.on_vehicles()


def test_a_compound_gate_opens_on_persons(window):
    assert not window.desk.on_vehicles()


def test_the_standard_two_occupant_car_takes_at_most_12_keystrokes(road, qtbot, ctx):
    keys = Keys(qtbot)
    form = road.vehicle_form
    with qtbot.waitSignal(form.saved, timeout=5000):
        keys.data("B12345")  # the station's province 渝 is already there
        keys.enter()
        keys.other("2")  # people on board
        keys.enter()
        keys.data("36.5")
        keys.enter()
        keys.data("36.8")
        keys.enter()
        keys.data("42")  # came from 湖北 (its number)
        keys.enter()
        keys.data("11-20")  # a key-area origin: the arrival date is asked
        keys.enter()
        keys.enter()  # the decision as proposed: saved
    assert keys.extra <= 12, keys.extra
    assert QApplication.focusWidget() is form.plate_edit and form.plate_edit.text() == ""
    assert stored(ctx, "SELECT kind, plate, vehicle_category, direction, leaflet FROM passage") == [
        ("vehicle", "渝B12345", "private_car", "in", 1)]
    assert stored(ctx, "SELECT position, driver, temp1, origin_province FROM person_check ORDER BY position") == [
        (0, 1, 365, "42"), (1, 0, 368, "42")]


def test_an_ordinary_car_from_outside_the_key_areas(road, qtbot, ctx):
    keys = Keys(qtbot)
    with qtbot.waitSignal(road.vehicle_form.saved, timeout=5000):
        for step in ("B12345", None, "2", None, "36.5", None, "36.8", None, "50", None, None):
            keys.enter() if step is None else (keys.other(step) if step == "2" else keys.data(step))
    assert keys.extra == 7
    assert stored(ctx, "SELECT decision FROM passage") == [("admit",)]


def test_a_fever_in_the_third_of_five_asks_a_second_reading_then_refers(road, qtbot, ctx):
    keys = Keys(qtbot)
    form = road.vehicle_form
    keys.data("C54321")
    keys.enter()
    keys.other("5")
    keys.enter()
    for reading in ("36.5", "36.6", "38.2"):
        keys.data(reading)
        keys.enter()
    third = form.occupants.rows[2]
    assert QApplication.focusWidget() is third.edits["temperature2"]  # re-measure, right there
    assert "3" in find(form, "vehicle_screening_label").text()
    keys.data("38.1")
    keys.enter()
    for reading in ("36.4", "36.7"):
        keys.data(reading)
        keys.enter()
    keys.data("44")
    keys.enter()
    assert "refer" not in form.decision_combo.currentText()  # the proposal, in the form's words
    with qtbot.waitSignal(form.saved, timeout=5000):
        keys.enter()
    assert stored(ctx, "SELECT decision, any_fever FROM passage") == [("refer", 1)]
    assert stored(ctx, "SELECT position FROM person_check WHERE fever = 1") == [(2,)]


def test_a_bus_with_40_occupants_without_the_mouse(road, qtbot, ctx):
    keys = Keys(qtbot)
    form = road.vehicle_form
    form.category_combo.setFocus()
    keys.other("3")  # 客车, by its number
    keys.enter()  # on to the plate
    assert QApplication.focusWidget() is form.plate_edit
    keys.data("A98765")
    keys.enter()
    keys.other("40")
    keys.enter()
    for n in range(40):
        keys.data(f"36.{n % 10}")
        keys.enter()
        focused = QApplication.focusWidget()
        visible = focused.visibleRegion().boundingRect()
        assert not visible.isEmpty(), f"row {n + 2}'s field is scrolled out of sight"
    keys.data("44")
    keys.enter()
    with qtbot.waitSignal(form.saved, timeout=5000):
        keys.enter()
    assert stored(ctx, "SELECT vehicle_category, (SELECT count(*) FROM person_check) FROM passage") == [("bus", 40)]


def test_a_plate_seen_before_offers_its_last_origin_and_category(road, qtbot, ctx):
    ctx.register.save_vehicle(guard(ctx), VehicleDraft(
        plate="渝B12345", vehicle_category="taxi", occupant_count="1", origin_province="44", origin_city="深圳",
        occupants=[OccupantDraft("36.5")]))
    keys = Keys(qtbot)
    form = road.vehicle_form
    keys.data("B12345")
    keys.enter()
    assert form.category_combo.currentData() == "taxi"
    assert form.origin_province_combo.currentData() == "44" and form.origin_city_edit.text() == "深圳"
    assert form.known_vehicle_label.isVisible() and "深圳" in form.known_vehicle_label.text()
    keys.other("1")
    keys.enter()
    keys.data("36.6")
    keys.enter()
    assert QApplication.focusWidget() is form.origin_province_combo  # to confirm (or change) with the driver
    keys.enter()
    keys.enter()  # the city, as offered
    with qtbot.waitSignal(form.saved, timeout=5000):
        keys.enter()
    assert stored(ctx, "SELECT vehicle_category, plate FROM passage ORDER BY id") == [("taxi", "渝B12345")] * 2


@pytest.mark.parametrize("typed, province", [("42", "鄂"), ("e", "鄂"), ("j", "京"), ("jj", "津"), ("jjj", "冀"),
                                             ("44", "粤"), ("yu", "渝"), ("-", "")])
def test_the_plate_province_is_picked_by_number_or_pinyin_initial(road, qtbot, typed, province):
    box = road.vehicle_form.plate_province_combo
    box.setFocus()
    qtbot.keyClicks(box, typed)
    assert box.abbr() == province


def test_a_plate_typed_whole_or_in_lower_case_or_full_width(road, qtbot, ctx):
    form = road.vehicle_form
    for typed, expected in (("粤b·12345", "粤B12345"), ("ｃ１２３４５", "渝C12345"), ("WJ0112345", "WJ0112345")):
        form.plate_edit.setText(typed)
        form.count_edit.setText("1")
        form.occupants.rows[0].edits["temperature"].setText("36.5")
        form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("44"))
        with qtbot.waitSignal(form.saved, timeout=5000):
            assert form.save()
        assert stored(ctx, "SELECT plate FROM passage ORDER BY id DESC LIMIT 1") == [(expected,)]


@pytest.mark.parametrize("plate, count, readings, field, words", [
    ("B1234I", "1", ["36.5"], "plate", "I"),
    ("B123", "1", ["36.5"], "plate", "7"),
    ("B12345", "0", [], "occupant_count", "1"),
    ("B12345", "10", ["36.5"] * 10, "occupant_count", "9"),  # a private car: at most 9 (a setting)
    ("B12345", "2", ["36.5", ""], "occupants.1.temperature", ""),
])
def test_bad_input_is_said_at_its_field_and_nothing_is_saved(road, ctx, plate, count, readings, field, words):
    form = road.vehicle_form
    form.plate_edit.setText(plate)
    form.count_edit.setText(count)
    for row, reading in zip(form.occupants.rows, readings, strict=True):
        row.edits["temperature"].setText(reading)
    form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("44"))
    assert not form.save()
    error = find(form, f"{field}_error")
    assert error.isVisible() and words in error.text()
    assert stored(ctx, "SELECT count(*) FROM passage") == [(0,)]


def test_the_driver_rule_opens_the_drivers_identity_fields(road, ctx, qtbot):
    ctx.settings.set_many(supervisor(ctx), {"vehicle_identity": "driver"})
    road.vehicle_form.refresh_rules()
    form = road.vehicle_form
    form.count_edit.setText("2")
    first, second = form.occupants.rows
    assert first.boxes["id_number"].isVisible() and not second.boxes["id_number"].isVisible()
    assert first.edits["name"] in form.occupants.chain() and second.edits["name"] not in form.occupants.chain()


def test_the_vehicles_of_the_last_hour_are_beside_the_form(road, qtbot, ctx):
    form = road.vehicle_form
    form.plate_edit.setText("B12345")
    form.count_edit.setText("3")
    for row in form.occupants.rows:
        row.edits["temperature"].setText("36.5")
    form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("44"))
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save()
    table = find(road, "recent_vehicles_table")
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (1, 2)] == ["渝B12345", "3"]


def test_a_plate_typed_in_the_person_form_is_named_as_such(window, keyboard):
    form = window.form
    form.category_combo.setCurrentIndex(form.category_combo.findData("resident"))
    keyboard.type(form.name_edit, "鄂A12345")
    form.temperature_edit.setText("36.5")
    assert not form.save()
    assert "F2" in find(form, "name_error").text()


def test_a_compound_gate_asks_every_outsiders_identity_in_a_vehicle(window, ctx):
    set_station_type(ctx, "compound_gate")
    form = window.vehicle_form
    form.refresh_rules()
    form.count_edit.setText("2")
    assert all(row.identity for row in form.occupants.rows)


def test_the_vehicle_rules_are_settings_and_apply_to_the_form_at_once(road, ctx, monkeypatch):
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    road.set_actor(None)
    road.set_actor(supervisor(ctx))
    form = road.vehicle_form
    form.count_edit.setText("2")
    assert not any(row.identity for row in form.occupants.rows)

    def driver_and_small_buses(dialog):
        combo = find(dialog, "vehicle_identity_combo")
        combo.setCurrentIndex(combo.findData("driver"))
        find(dialog, "limit_bus_spin").setValue(20)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", driver_and_small_buses)
    road.open_settings()
    assert ctx.settings.get("vehicle_identity") == "driver"
    assert ctx.settings.get("vehicle_occupant_limits")["bus"] == 20
    assert [row.identity for row in form.occupants.rows] == [True, False]
    assert form.count_edit.text() == "2"  # what was typed stays


def test_a_vehicles_details_show_every_occupant_and_reveal_the_third_ones_id(window, ctx, qtbot, dialogs):
    """A compound gate identifies every outsider in a vehicle: each occupant's identity is
    masked in the details, and a supervisor reveals one occupant's (audited with its place)."""
    import json

    from checkpoint_app.db.models import AuditEvent

    from checkpoint_app.ui.detail_dialog import EntryDetailDialog

    def an_id(first17):
        from checkpoint_app.core.idcard import check_character

        return first17 + check_character(first17)

    shown, answers = dialogs
    people = [("王一", an_id("50010519800101111")), ("王二", an_id("50010519800101222")),
              ("王三", an_id("50010519800101333"))]
    saved = ctx.register.save_vehicle(supervisor(ctx), VehicleDraft(
        plate="渝A12345", occupant_count="3", origin_province="50", vehicle_category="taxi",
        occupants=[OccupantDraft("36.5", name=n, id_number=i, phone=f"1380000000{k}") for k, (n, i) in enumerate(people)]))
    dialog = EntryDetailDialog(window.reader.entry(window.actor, saved.id), ctx.register, window.actor, window,
                               reader=window.reader)
    qtbot.addWidget(dialog)
    assert find(dialog, "detail_id_number_3_label").text().endswith("500105********" + people[2][1][-4:])
    answers.append("派出所核查")
    qtbot.mouseClick(find(dialog, "reveal_id_number_3_button"), Qt.MouseButton.LeftButton)
    assert people[2][1] in find(dialog, "detail_id_number_3_label").text()
    assert people[0][1] not in find(dialog, "detail_id_number_label").text()  # the driver's stays masked
    with ctx.session() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "reveal")).all()
    assert [json.loads(e.detail) for e in events] == [{"field": "id_number", "seq": 1, "reason": "派出所核查", "position": 2}]
    dialog.reject()
    assert people[2][1] not in find(dialog, "detail_id_number_3_label").text()


def test_todays_counts_say_the_vehicles_by_kind_after_each_save(road, qtbot):
    form = road.vehicle_form
    for category, count in (("taxi", "3"), ("taxi", "1"), ("bus", "12")):
        form.category_combo.setCurrentIndex(form.category_combo.findData(category))
        form.plate_edit.setText("B12345")
        form.count_edit.setText(count)
        for row in form.occupants.rows:
            row.edits["temperature"].setText("36.5")
        form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("50"))
        with qtbot.waitSignal(form.saved, timeout=5000):
            assert form.save()
    strip = find(road, "today_counts_label")
    assert "vehicles 3" in strip.text()
    assert "Taxi/ride-hailing 2 · Bus/coach 1" in strip.toolTip() and "persons aboard: 16" in strip.toolTip()


def test_another_operator_after_the_lock_gets_an_empty_vehicle_form_with_the_cursor_on_the_plate(road, ctx, qtbot):
    from actors import SUPERVISOR_NAME, SUPERVISOR_PIN

    from checkpoint_app.ui.login_dialog import LoginDialog

    form = road.vehicle_form
    form.plate_edit.setText("B12345")
    form.count_edit.setText("2")
    assert road.has_typed_data()
    interval = [30]
    road.idle_lock.locked.connect(lambda: interval.__setitem__(0, 10**9))
    with qtbot.waitSignal(road.idle_lock.locked, timeout=10000):
        road.idle_lock.set_interval(lambda: interval[0])
    qtbot.waitUntil(lambda: any(d.isVisible() for d in road.findChildren(LoginDialog)), timeout=5000)
    dialog = next(d for d in road.findChildren(LoginDialog) if d.isVisible())
    dialog.name_combo.setCurrentIndex(dialog.name_combo.findData(SUPERVISOR_NAME))
    qtbot.keyClicks(dialog.pin_edit, SUPERVISOR_PIN)
    with qtbot.waitSignal(road.idle_lock.unlocked, timeout=5000):
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert road.actor.name == SUPERVISOR_NAME
    assert not form.has_typed_data() and "previous operator" in form.status_label.text()
    assert road.desk.on_vehicles() and road.focusWidget() is form.plate_edit  # the window's focus (offscreen: not active)


def test_an_occupant_in_quarantine_raises_the_alert_on_the_vehicle_form(window, ctx, dialogs):
    from residents import add_watch

    shown, _ = dialogs
    add_watch(ctx, id_number="11010519491231002X", room="3-5-502")
    window.desk.show_page(1)
    form = window.vehicle_form
    form.direction_combo.setCurrentIndex(form.direction_combo.findData("out"))
    form.count_edit.setText("2")
    second = form.occupants.rows[1]
    second.edits["id_number"].setText("11010519491231002X")
    assert form.watch_alert_label.isVisible() and "3-5-502" in form.watch_alert_label.text()
    assert len(shown) == 1
    assert form.decision_combo.itemText(0).endswith(("Refuse", "劝返"))
    form.clear()
    assert not form.watch_alert_label.isVisible()


def test_a_residents_plate_is_said_beside_the_plate_and_passes_closed_management(window, ctx):
    from residents import add_resident

    add_resident(ctx, "王五", "3-5-502", "13812345678", None, "JB0001", ("渝A12345",))
    ctx.settings.set_many(supervisor(ctx), {"closed_management": True})
    window.vehicle_form.refresh_rules()
    window.desk.show_page(1)
    form = window.vehicle_form
    form.plate_edit.setText("A12345")  # the station's province in front
    form.count_edit.setText("1")
    form.occupants.rows[0].edits["temperature"].setText("36.5")
    assert "resident" in form.plate_read_label.text() or "住户" in form.plate_read_label.text()
    assert form.decision_combo.itemText(0).endswith(("Admit", "放行"))
