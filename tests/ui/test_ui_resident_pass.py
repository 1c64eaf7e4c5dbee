"""A resident passes in seconds: found at the top of the person form by room, phone tail,
plate or ID (F3), or by a scanned pass wherever the cursor is; then only the reading is
left (at most 3 keystrokes beyond it). Driven by keyboard like a guard."""

from __future__ import annotations

import pytest
from actors import supervisor
from residents import add_resident
from scans import type_timed

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app.db.models import PersonCheck

ID_X = "11010519491231002X"


@pytest.fixture
def residents(ctx):
    return [
        add_resident(ctx, "王五", "3-5-502", "13812345678", ID_X, "JB0001", ("渝A12345",)),
        add_resident(ctx, "王小五", "3-5-502", "13900005678", None, "JB0002"),
        add_resident(ctx, "李四", "12-1-1801", "13700001111", None, "JB0003"),
    ]


class Counter:
    """Counts the keys the guard presses (not the text of the reading or room)."""

    def __init__(self, keyboard):
        self.keyboard = keyboard
        self.keys = 0

    def key(self, key, widget=None):
        self.keys += 1
        self.keyboard.key(key, widget)


def stored(ctx, view) -> PersonCheck:
    with ctx.session() as session:
        return session.get(PersonCheck, view.person.id)


def saved_person(ctx, window) -> PersonCheck:
    from sqlmodel import col, select

    with ctx.session() as session:
        return session.exec(select(PersonCheck).order_by(col(PersonCheck.id).desc())).first()


def test_a_resident_found_by_room_passes_with_three_keys_beyond_the_room_and_reading(window, ctx, keyboard, qtbot, residents):
    form = window.form
    keys = Counter(keyboard)
    keys.key(Qt.Key.Key_F3, form)  # 1: to the resident field
    assert QApplication.focusWidget() is form.resident_find.edit
    keyboard.type(form.resident_find.edit, "12-1-1801")
    keys.key(Qt.Key.Key_Return, form.resident_find.edit)  # 2: look up: one resident, chosen
    assert form.resident().name == "李*"
    assert "12-1-1801" in form.resident_find.card_label.text()
    assert QApplication.focusWidget() is form.temperature_edit
    assert not form.name_edit.isEnabled() and form.category_combo.currentData() == "resident"
    keyboard.type(form.temperature_edit, "36.5")
    with qtbot.waitSignal(form.saved):
        keys.key(Qt.Key.Key_Return, form.temperature_edit)  # 3: save
    assert keys.keys <= 3
    person = saved_person(ctx, window)
    assert (person.name, person.category, person.destination, person.temp1) == ("李四", "resident", "12-1-1801", 365)
    assert person.resident_uuid == residents[2].uuid
    assert form.resident() is None and form.name_edit.isEnabled()  # the next person starts afresh


def test_a_room_with_several_residents_lists_them_and_a_digit_chooses(window, ctx, keyboard, qtbot, residents):
    form = window.form
    keyboard.key(Qt.Key.Key_F3, form)
    keyboard.type(form.resident_find.edit, "3栋5单元502")
    keyboard.key(Qt.Key.Key_Return, form.resident_find.edit)
    results = form.resident_find.results
    assert results.isVisible() and results.count() == 2
    assert [results.item(n).text().split("  ")[1].split(" · ")[0] for n in range(2)] == ["王*", "王*五"]
    keyboard.key(Qt.Key.Key_2, results)
    assert form.resident().uuid == residents[1].uuid
    keyboard.type(form.temperature_edit, "36.6")
    with qtbot.waitSignal(form.saved):
        keyboard.key(Qt.Key.Key_Return, form.temperature_edit)
    assert saved_person(ctx, window).name == "王小五"


def test_a_scanned_pass_anywhere_finds_the_resident_and_only_the_reading_is_left(window, ctx, keyboard, qtbot, residents):
    ctx.settings.set_many(supervisor(ctx), {"pass_code_prefix": "JB"})
    window.attach(ctx)  # the setting as a station starts with it
    form = window.form
    form.purpose_edit.setFocus()  # the cursor anywhere
    with qtbot.waitSignal(window.scan_detector.scanned):
        type_timed(form.purpose_edit, "JB0001\n", 5000, 6)
    assert form.purpose_edit.text() == ""  # the scan typed nothing into the field
    assert form.resident().uuid == residents[0].uuid
    assert QApplication.focusWidget() is form.temperature_edit
    keyboard.type(form.temperature_edit, "36.4")
    with qtbot.waitSignal(form.saved):
        keyboard.key(Qt.Key.Key_Return, form.temperature_edit)  # the only key beyond the reading
    assert (saved_person(ctx, window).name, saved_person(ctx, window).id_number) == ("王五", ID_X)


def test_an_unknown_pass_or_room_says_so_and_the_form_stays_as_it_was(window, ctx, keyboard, residents):
    form = window.form
    keyboard.key(Qt.Key.Key_F3, form)
    keyboard.type(form.resident_find.edit, "9-9-909")
    keyboard.key(Qt.Key.Key_Return, form.resident_find.edit)
    assert form.resident() is None
    assert "9-9-909" in form.resident_find.message_label.text()
    assert form.name_edit.isEnabled()


def test_a_fever_in_a_resident_asks_for_the_second_reading_before_saving(window, ctx, keyboard, qtbot, residents):
    form = window.form
    form.find_resident("12-1-1801")
    keyboard.type(form.temperature_edit, "37.8")
    keyboard.key(Qt.Key.Key_Return, form.temperature_edit)
    assert QApplication.focusWidget() is form.temperature2_edit  # not saved yet: re-measure
    keyboard.type(form.temperature2_edit, "37.9")
    with qtbot.waitSignal(form.saved):
        keyboard.key(Qt.Key.Key_Return, form.temperature2_edit)
    saved = saved_person(ctx, window)
    assert saved.fever is True


def test_dropping_the_resident_gives_the_fields_back(window, ctx, residents):
    form = window.form
    form.find_resident("12-1-1801")
    form.resident_find.drop_button.click()
    assert form.resident() is None and form.name_edit.isEnabled() and form.destination_edit.text() == ""


def test_a_room_nobody_on_the_list_lives_in_is_pointed_out(window, ctx, keyboard, residents):
    form = window.form
    hint = form.destination_hint_label
    keyboard.type(form.destination_edit, "9-9-909")
    assert hint.isVisible() and "9-9-909" in hint.text()
    form.destination_edit.setText("3栋5单元502")
    assert not hint.isVisible()
    form.destination_edit.setText("王五家")  # not a room: nothing to say
    assert not hint.isVisible()


def test_without_a_residents_list_no_room_is_questioned(window, keyboard):
    keyboard.type(window.form.destination_edit, "9-9-909")
    assert not window.form.destination_hint_label.isVisible()
