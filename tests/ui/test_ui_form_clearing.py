"""Issue 5, item 12: nothing typed is lost or cut without a word. Long names are kept
whole or refused with a message; Esc, Ctrl+N and Clear empty a half-typed form at once
and Ctrl+Z brings it back; the previous person's text never comes back otherwise."""

from __future__ import annotations

import pytest
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit

ID_X = "11010519491231002X"
LONG_NAME = "Maria Fernanda de los Angeles Garcia-Villalobos y Montenegro de la Santisima Trinidad Lopez"


def pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def half_typed(window, keyboard) -> None:
    form = window.form
    pick(find(form, "category_combo"), "visitor")
    keyboard.type(find(form, "id_number_edit"), ID_X)
    keyboard.type(find(form, "name_edit"), "李四")
    keyboard.type(find(form, "temperature_edit"), "37.5")
    find(form, "symptom_cough_check").setChecked(True)


def assert_half_typed(form) -> None:
    assert find(form, "id_number_edit").text() == ID_X
    assert find(form, "name_edit").text() == "李四"
    assert find(form, "temperature_edit").text() == "37.5"
    assert find(form, "symptom_cough_check").isChecked()
    assert find(form, "category_combo").currentData() == "visitor"
    assert find(form, "temperature2_edit").isEnabled()  # the rules ran on what came back


def test_no_field_cuts_what_is_typed(window, ctx):
    from checkpoint_app.ui.station_dialog import StationDialog

    dialog = StationDialog(ctx.station, window)
    for widget in (window.form, dialog):
        for edit in widget.findChildren(QLineEdit):
            if edit.objectName():
                assert edit.maxLength() == 32767, edit.objectName()  # Qt's own cap, not a silent 40


def test_a_300_character_name_is_refused_whole_with_its_length(window, keyboard, qtbot):
    form = window.form
    pick(find(form, "category_combo"), "resident")
    name = find(form, "name_edit")
    keyboard.type(name, "x" * 300)
    assert len(name.text()) == 300  # kept as typed, not cut to fit
    keyboard.type(find(form, "temperature_edit"), "36.6")
    assert not form.save()
    assert find(form, "name_error").text() == "Too long: 300 characters, at most 100 allowed."
    assert len(name.text()) == 300 and window.model.rowCount() == 0


def test_a_long_real_name_is_saved_whole(window, keyboard, qtbot):
    form = window.form
    pick(find(form, "category_combo"), "resident")
    keyboard.type(find(form, "name_edit"), LONG_NAME)
    keyboard.type(find(form, "temperature_edit"), "36.6")
    with qtbot.waitSignal(form.saved):
        assert form.save()
    assert len(LONG_NAME) > 90
    import stored

    # the list and the details show it masked; stored in full
    assert stored.person(window.ctx, window.model.row_at(0).id).name == LONG_NAME


@pytest.mark.parametrize("how", ["escape", "ctrl_n", "clear_button"])
def test_clearing_a_half_typed_form_can_be_undone(window, keyboard, how):
    form = window.form
    half_typed(window, keyboard)
    name = find(form, "name_edit")
    if how == "escape":
        keyboard.key(Qt.Key.Key_Escape, name)
    elif how == "ctrl_n":
        window.findChild(QAction, "new_entry_action").trigger()
    else:
        find(form, "clear_button").click()
    assert name.text() == "" and not form.has_typed_data()
    assert "Ctrl+Z" in find(form, "form_status_label").text()
    assert QApplication.focusWidget() is form.first_field()
    keyboard.key(Qt.Key.Key_Z, None, Qt.KeyboardModifier.ControlModifier)
    assert_half_typed(form)
    assert find(form, "form_status_label").text() == "What was typed is back."


def test_an_empty_form_just_clears(window, keyboard):
    form = window.form
    keyboard.key(Qt.Key.Key_Escape, find(form, "name_edit"))
    assert find(form, "form_status_label").text() == ""


def test_once_the_next_person_is_typed_ctrl_z_never_brings_back_the_last_one(window, keyboard):
    form = window.form
    half_typed(window, keyboard)
    keyboard.key(Qt.Key.Key_Escape, find(form, "name_edit"))
    keyboard.type(find(form, "id_number_edit"), "5")
    assert find(form, "form_status_label").text() == ""  # the offer is gone with the first key
    for _ in range(4):  # the field's own undo: only what was typed into it since
        keyboard.key(Qt.Key.Key_Z, find(form, "id_number_edit"), Qt.KeyboardModifier.ControlModifier)
    assert find(form, "id_number_edit").text() == ""
    assert find(form, "name_edit").text() == ""


def test_after_a_save_no_field_can_undo_back_to_the_last_person(window, keyboard, qtbot):
    form = window.form
    pick(find(form, "category_combo"), "resident")
    keyboard.type(find(form, "name_edit"), "王五")
    keyboard.type(find(form, "temperature_edit"), "36.6")
    with qtbot.waitSignal(form.saved):
        form.save()
    for field in ("name_edit", "temperature_edit"):
        keyboard.key(Qt.Key.Key_Z, find(form, field), Qt.KeyboardModifier.ControlModifier)
        assert find(form, field).text() == "", field


def test_escape_during_a_correction_can_be_undone_too(window, keyboard, qtbot, dialogs):
    _, answers = dialogs
    form = window.form
    pick(find(form, "category_combo"), "resident")
    keyboard.type(find(form, "name_edit"), "王五")
    keyboard.type(find(form, "temperature_edit"), "36.6")
    with qtbot.waitSignal(form.saved):
        form.save()
    form.start_correction(window.reader.entry(window.actor, window.model.row_at(0).id))
    keyboard.key(Qt.Key.Key_Escape, find(form, "name_edit"))
    assert find(form, "name_edit").text() == ""
    keyboard.key(Qt.Key.Key_Z, None, Qt.KeyboardModifier.ControlModifier)
    assert find(form, "name_edit").text() == "王五"
    find(form, "name_edit").setText("王武")
    answers.append("姓名写错")
    with qtbot.waitSignal(form.saved):
        assert form.save()  # still the correction: the old entry is void, the new one replaces it
    assert window.reader.entry(window.actor, window.model.row_at(0).id).corrects_uuid is not None
