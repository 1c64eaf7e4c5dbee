"""Issue 5, item 10: a typo in the arrival date must not flip a decision. The date is
shown as read, with its year, while it is typed; a date after today or long ago is
saved only once the guard ticks "date is right"."""

from __future__ import annotations

from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app.core.idcard import check_character

HUBEI_ID = "42010219900101123" + check_character("42010219900101123")


def pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def hubei_visitor(window, keyboard, arrival: str) -> None:
    form = window.form
    pick(find(form, "category_combo"), "visitor")
    keyboard.type(find(form, "id_number_edit"), HUBEI_ID)
    keyboard.type(find(form, "name_edit"), "王五")
    keyboard.type(find(form, "phone_edit"), "13812345678")
    keyboard.type(find(form, "purpose_edit"), "探亲")
    pick(find(form, "origin_province_combo"), "42")
    keyboard.type(find(form, "origin_city_edit"), "武汉")
    keyboard.type(find(form, "temperature_edit"), "36.6")
    keyboard.type(find(form, "arrival_date_edit"), arrival)


def test_the_date_is_shown_as_read_while_typing(window, keyboard):
    form = window.form
    read = find(form, "arrival_read_label")
    keyboard.type(find(form, "arrival_date_edit"), "11-2")
    assert read.isVisible() and read.text() == "read as 2026-11-02"
    keyboard.type(find(form, "arrival_date_edit"), "0")
    assert read.text() == "read as 2026-11-20"
    assert not find(form, "arrival_confirm_check").isVisible()
    keyboard.key(Qt.Key.Key_Backspace, find(form, "arrival_date_edit"))
    keyboard.key(Qt.Key.Key_Backspace, find(form, "arrival_date_edit"))
    assert not read.isVisible()  # "11-" is no date yet: nothing is claimed


def test_the_issues_slip_is_caught_and_cannot_be_saved_unconfirmed(window, keyboard, qtbot):
    """来自 湖北, 到达日期 "12-25" typed on 2026-11-29: read as 2025-12-25, which would
    admit someone who (with 11-25) is refused."""
    form = window.form
    hubei_visitor(window, keyboard, "12-25")
    read, check = find(form, "arrival_read_label"), find(form, "arrival_confirm_check")
    assert read.text() == "read as 2025-12-25\n339 days ago"
    assert read.property("state") == "warn"
    assert check.isVisible() and not check.isChecked()
    assert not form.save()
    assert "Arrival read as 2025-12-25, 339 days ago" in find(form, "arrival_date_error").text()
    assert QApplication.focusWidget() is check
    assert window.model.rowCount() == 0
    # the guard sees the slip and fixes the date: the question goes, the refusal comes
    find(form, "arrival_date_edit").setText("11-25")
    assert not check.isVisible() and not find(form, "arrival_date_error").isVisible()
    assert "Refuse" in find(form, "decision_combo").itemText(0)
    with qtbot.waitSignal(form.saved):
        assert form.save()
    assert window.model.row_at(0).decision == "refuse"


def test_a_date_that_is_right_is_confirmed_with_space(window, keyboard, qtbot):
    form = window.form
    hubei_visitor(window, keyboard, "2026-03-01")  # long ago, and really so
    check = find(form, "arrival_confirm_check")
    keyboard.enter(find(form, "arrival_date_edit"))
    assert QApplication.focusWidget() is check  # Enter leads to the question, not past it
    keyboard.key(Qt.Key.Key_Space)
    assert check.isChecked()
    keyboard.enter()
    assert QApplication.focusWidget() is find(form, "temperature_edit")
    with qtbot.waitSignal(form.saved):
        assert form.save()
    row = window.model.row_at(0)
    assert (row.decision, row.key_area) == ("admit", False)


def test_enter_on_the_unticked_question_says_why_once_then_moves_on(window, keyboard):
    form = window.form
    hubei_visitor(window, keyboard, "2026-12-03")  # after today: the year typed, or the clock is behind
    check = find(form, "arrival_confirm_check")
    assert find(form, "arrival_read_label").text() == "read as 2026-12-03\nafter today"
    check.setFocus()
    keyboard.enter()
    assert QApplication.focusWidget() is check
    assert "after today" in find(form, "arrival_date_error").text()
    keyboard.enter()
    assert QApplication.focusWidget() is find(form, "temperature_edit")


def test_changing_a_confirmed_date_asks_again(window, keyboard):
    form = window.form
    hubei_visitor(window, keyboard, "2026-03-01")
    check = find(form, "arrival_confirm_check")
    check.setChecked(True)
    keyboard.type(find(form, "arrival_date_edit"), "5")  # 2026-03-015: unreadable
    assert not check.isChecked()
    find(form, "arrival_date_edit").setText("2026-03-02")
    assert check.isVisible() and not check.isChecked()


def test_the_limit_is_a_setting(window, keyboard, ctx, monkeypatch):
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    form = window.form
    keyboard.type(find(form, "arrival_date_edit"), "10-20")  # 40 days ago
    assert not find(form, "arrival_confirm_check").isVisible()

    def set_30_days(dialog):
        spin = find(dialog, "arrival_confirm_days_spin")
        assert spin.value() == 60
        spin.setValue(30)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", set_30_days)
    window.open_settings()
    assert ctx.settings.get("arrival_confirm_days") == 30
    assert find(form, "arrival_confirm_check").isVisible()
    assert find(form, "arrival_read_label").text() == "read as 2026-10-20\n40 days ago"


def test_a_correction_keeps_the_confirmation_it_was_saved_with(window, keyboard, qtbot):
    form = window.form
    hubei_visitor(window, keyboard, "2026-03-01")
    find(form, "arrival_confirm_check").setChecked(True)
    with qtbot.waitSignal(form.saved):
        assert form.save()
    form.start_correction(window.reader.entry(window.actor, window.model.row_at(0).id))
    assert find(form, "arrival_date_edit").text() == "2026-03-01"
    assert find(form, "arrival_confirm_check").isChecked()
