"""Issue 5, item 11: messages follow the fields. A field's message goes as soon as the
field is fixed; Enter leaving a field says what is wrong with it; labels stay level
with their fields however long a message below them grows."""

from __future__ import annotations

import pytest
from uihelpers import find

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

ID_X = "11010519491231002X"


def pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def visitor(window, keyboard, temperature="36.5") -> None:
    form = window.form
    pick(find(form, "category_combo"), "visitor")
    keyboard.type(find(form, "id_number_edit"), ID_X)
    keyboard.type(find(form, "name_edit"), "李四")
    keyboard.type(find(form, "phone_edit"), "13812345678")
    keyboard.type(find(form, "purpose_edit"), "探亲")
    pick(find(form, "origin_province_combo"), "50")
    if temperature:
        keyboard.type(find(form, "temperature_edit"), temperature)


def test_a_message_goes_when_its_field_is_fixed(window, keyboard):
    """Seen at the desk: red "请输入体温" beside green "体温正常：36.6 °C"."""
    form = window.form
    visitor(window, keyboard, temperature="")
    find(form, "phone_edit").setText("1381234567")
    assert not form.save()
    error = find(form, "temperature_error")
    assert error.isVisible() and "Enter the temperature" in error.text()
    assert "Not saved: 2 field(s)" in find(form, "form_status_label").text()
    keyboard.type(find(form, "temperature_edit"), "36.6")
    assert not error.isVisible()
    assert find(form, "screening_label").text() == "Normal: 36.6 °C."
    assert find(form, "phone_error").isVisible()  # the other one is still wrong
    assert find(form, "form_status_label").text()
    keyboard.type(find(form, "phone_edit"), "8")
    assert not find(form, "phone_error").isVisible()
    assert find(form, "form_status_label").text() == ""  # nothing left that "needs attention"


def test_a_message_changes_with_its_field(window, keyboard):
    form = window.form
    visitor(window, keyboard, temperature="365")
    assert not form.save()
    error = find(form, "temperature_error")
    assert "did you mean 36.5" in error.text()
    find(form, "temperature_edit").setText("3.9")
    assert "3.9 °C is outside" in error.text()


@pytest.mark.parametrize("field, typed, message, fixed", [
    ("id_number_edit", "110105194912310021", "does not match the rest of the ID number", "11010519491231002X"),
    ("temperature_edit", "365", "Type the decimal point: did you mean 36.5?", "36.5"),
    ("phone_edit", "1381234567", "11 digits", "13812345678"),
])
def test_enter_says_what_is_wrong_and_stays_once(window, keyboard, field, typed, message, fixed):
    form = window.form
    pick(find(form, "category_combo"), "visitor")
    edit = find(form, field)
    error = find(form, field.replace("_edit", "_error"))
    keyboard.type(edit, typed)
    assert not error.isVisible()  # no red while the guard is still typing
    keyboard.enter(edit)
    assert error.isVisible() and message in error.text()
    assert QApplication.focusWidget() is edit  # fix it while the card is in hand
    keyboard.enter(edit)
    assert QApplication.focusWidget() is not edit  # Enter again: the guard knows, move on
    assert error.isVisible()
    edit.setText(fixed)
    assert not error.isVisible()
    keyboard.enter(edit)
    assert QApplication.focusWidget() is not edit


def test_enter_on_an_empty_required_field_says_so_and_moves_on(window, keyboard):
    form = window.form
    pick(find(form, "category_combo"), "visitor")
    keyboard.enter(find(form, "id_number_edit"))
    assert "identity document number" in find(form, "id_number_error").text()
    assert QApplication.focusWidget() is find(form, "name_edit")


def test_enter_on_a_valid_field_shows_nothing(window, keyboard):
    form = window.form
    visitor(window, keyboard)
    for name in ("id_number", "name", "phone", "purpose", "temperature"):
        keyboard.enter(find(form, f"{name}_edit"))
        assert not find(form, f"{name}_error").isVisible(), name


def _top(widget, form) -> int:
    return widget.mapTo(form, QPoint(0, 0)).y()


def _middle(widget, form) -> float:
    return _top(widget, form) + widget.height() / 2


@pytest.mark.parametrize("label, field, neighbour_error", [
    ("temperature_label", "temperature_edit", "temperature2"),   # seen drifting at the desk
    ("decision_label", "decision_combo", "override_reason"),     # 处置, likewise
    ("name_label", "name_edit", "phone"),
])
def test_labels_stay_level_with_their_fields_when_a_long_message_appears(window, label, field, neighbour_error):
    form = window.form
    label_widget, field_widget = find(form, label), find(form, field)
    before = (_top(label_widget, form), _top(field_widget, form))
    assert abs(_middle(label_widget, form) - _middle(field_widget, form)) <= 1
    long_message = "37.5 °C is at or above 37.3 °C: re-measure with another method or after a few minutes' rest, " \
                   "and enter the second reading. " * 2
    form._boxes[neighbour_error].show_error(long_message)
    QApplication.processEvents()
    error = find(form, f"{neighbour_error}_error")
    assert error.height() > 2 * error.fontMetrics().height()  # it wrapped below its field...
    assert error.mapTo(form, QPoint(error.width(), 0)).x() <= form.width()  # ...inside the form
    assert (_top(label_widget, form), _top(field_widget, form)) == before  # and pulled nothing down
    assert abs(_middle(label_widget, form) - _middle(field_widget, form)) <= 1


def test_the_second_reading_advice_is_said_once(window, keyboard):
    form = window.form
    visitor(window, keyboard, temperature="37.5")
    screening = find(form, "screening_label")
    assert screening.isVisible() and screening.property("state") == "warn"
    assert not form.save()
    assert find(form, "temperature2_error").isVisible() and not screening.isVisible()
    keyboard.type(find(form, "temperature2_edit"), "36.9")
    assert not find(form, "temperature2_error").isVisible()
    assert screening.isVisible() and screening.text() == "Normal: 36.9 °C."
