"""The register form driven by keyboard, the way a guard uses it."""

from __future__ import annotations

from actors import guard, supervisor
from sqlalchemy import event
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app.core.listing import EntryFilter

ID_X = "11010519491231002X"


def pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def register_visitor(window, keyboard, name="李四", temperature="36.5", temperature2=None):
    form = window.form
    pick(find(form, "category_combo"), "visitor")
    keyboard.type(find(form, "id_number_edit"), ID_X)
    keyboard.type(find(form, "name_edit"), name)
    keyboard.type(find(form, "phone_edit"), "13812345678")
    keyboard.type(find(form, "destination_edit"), "3栋501")
    keyboard.type(find(form, "purpose_edit"), "探亲")
    pick(find(form, "origin_province_combo"), "50")
    keyboard.type(find(form, "temperature_edit"), temperature)
    if temperature2 is not None:
        keyboard.type(find(form, "temperature2_edit"), temperature2)


def test_enter_walks_a_residents_fields_and_saves(window, keyboard, qtbot):
    form = window.form
    pick(find(form, "category_combo"), "resident")
    form.clear()
    assert QApplication.focusWidget() is find(form, "id_number_edit")  # most people show a card first
    keyboard.enter()  # a resident without one
    assert QApplication.focusWidget().objectName() == "name_edit"
    keyboard.type(QApplication.focusWidget(), "王五")
    keyboard.enter()
    assert QApplication.focusWidget().objectName() == "destination_edit"
    keyboard.type(QApplication.focusWidget(), "5栋101")
    keyboard.enter()
    assert QApplication.focusWidget().objectName() == "temperature_edit"
    keyboard.type(find(form, "temperature_edit"), "36,6")
    keyboard.enter()
    assert QApplication.focusWidget().objectName() == "decision_combo"
    keyboard.enter()
    assert QApplication.focusWidget().objectName() == "save_button"
    with qtbot.waitSignal(form.saved):
        keyboard.enter()
    # the form is ready for the next person: empty, cursor in the first field, category kept
    assert find(form, "name_edit").text() == "" and find(form, "temperature_edit").text() == ""
    assert QApplication.focusWidget() is find(form, "id_number_edit")
    assert find(form, "category_combo").currentData() == "resident"
    assert window.model.rowCount() == 1


def test_alt_d_and_alt_c_reach_direction_and_category_and_enter_comes_back(window, keyboard):
    form = window.form
    keyboard.key(Qt.Key.Key_D, None, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is find(form, "direction_combo")
    keyboard.type(find(form, "direction_combo"), "2")
    keyboard.enter()
    assert find(form, "direction_combo").currentData() == "out"
    assert QApplication.focusWidget() is find(form, "id_number_edit")
    keyboard.key(Qt.Key.Key_C, None, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is find(form, "category_combo")


def test_fever_reading_blocks_save_until_second_reading(window, keyboard, qtbot):
    form = window.form
    register_visitor(window, keyboard, temperature="37.4")
    assert find(form, "temperature2_edit").isEnabled()
    assert find(form, "screening_label").property("state") == "warn"
    assert not form.save()
    assert find(form, "temperature2_error").isVisible()
    assert QApplication.focusWidget() is find(form, "temperature2_edit")
    keyboard.type(find(form, "temperature2_edit"), "37.5")
    assert find(form, "screening_label").property("state") == "alarm"
    assert "1 " in find(form, "decision_combo").itemText(0)
    with qtbot.waitSignal(form.saved):
        assert form.save()
    row = window.model.row_at(0)
    assert (row.temp1, row.temp2, row.fever, row.decision) == (374, 375, True, "refer")


def test_bad_fields_get_messages_next_to_them_and_nothing_is_saved(window, keyboard):
    form = window.form
    register_visitor(window, keyboard, temperature="33.9")
    find(form, "id_number_edit").setText("110105194902301234")  # 30 February (and a bad check char)
    find(form, "phone_edit").setText("1381234567")
    assert not form.save()
    for field in ("temperature", "id_number", "phone"):
        assert find(form, f"{field}_error").isVisible(), field
        assert find(form, f"{field}_error").text()
    assert find(form, "name_edit").text() == "李四"  # everything typed is kept
    assert window.model.rowCount() == 0


def test_known_id_number_fills_that_persons_details(window, keyboard, qtbot):
    form = window.form
    register_visitor(window, keyboard)
    with qtbot.waitSignal(form.saved):
        form.save()
    keyboard.type(find(form, "category_combo"), "1")  # the guard picks "1 resident" for this person
    keyboard.type(find(form, "id_number_edit"), ID_X)
    keyboard.enter()
    assert find(form, "name_edit").text() == "李四"
    assert find(form, "phone_edit").text() == "13812345678"
    assert find(form, "category_combo").currentData() == "resident"  # the guard's choice stands
    assert find(form, "temperature_edit").text() == ""  # never the last reading
    assert find(form, "known_person_label").text()


def test_known_phone_fills_document_type_and_untouched_category(window, keyboard, qtbot, ctx):
    from checkpoint_app.core.entry import EntryDraft

    ctx.register.save(supervisor(ctx), EntryDraft(category="delivery", name="Tom Lee", id_type="passport", id_number="E12345678",
                                 phone="+44 7911 123456", phone_foreign=True, origin_province="44",
                                 purpose="送货", temperature="36.4"))
    form = window.form
    pick(find(form, "category_combo"), "resident")
    form.clear()  # resident is now the sticky category, not a choice for this person
    find(form, "phone_foreign_check").setChecked(True)
    keyboard.type(find(form, "phone_edit"), "+447911123456")
    find(form, "phone_edit").editingFinished.emit()
    assert find(form, "name_edit").text() == ""  # foreign numbers are not looked up by digits alone
    find(form, "phone_edit").clear()
    find(form, "phone_foreign_check").setChecked(False)
    keyboard.type(find(form, "id_number_edit"), "E12345678")
    pick(find(form, "id_type_combo"), "passport")
    keyboard.enter(find(form, "id_number_edit"))
    assert find(form, "name_edit").text() == "Tom Lee"
    assert find(form, "id_type_combo").currentData() == "passport"
    assert find(form, "category_combo").currentData() == "delivery"
    assert find(form, "phone_foreign_check").isChecked()
    keyboard.type(find(form, "temperature_edit"), "36.6")
    with qtbot.waitSignal(form.saved):
        assert form.save()


def test_unknown_id_fills_nothing_and_no_name_suggestions_exist(window, keyboard):
    form = window.form
    keyboard.type(find(form, "id_number_edit"), ID_X)
    keyboard.enter()
    assert find(form, "name_edit").text() == ""
    assert find(form, "name_edit").completer() is None


def test_override_needs_reason(window, keyboard, qtbot):
    form = window.form
    register_visitor(window, keyboard)
    pick(find(form, "decision_combo"), "refuse")
    assert find(form, "override_reason_edit").isEnabled()
    assert not form.save()
    assert find(form, "override_reason_error").isVisible()
    keyboard.type(find(form, "override_reason_edit"), "业主不在家")
    with qtbot.waitSignal(form.saved):
        assert form.save()
    assert window.model.row_at(0).decision == "refuse"


def test_save_failing_on_read_only_database_keeps_the_form(window, keyboard, dialogs, ctx):
    shown, _ = dialogs
    form = window.form
    register_visitor(window, keyboard)
    ctx.db.engine.dispose()
    event.listen(ctx.db.engine, "connect", lambda conn, _: conn.execute("PRAGMA query_only = ON"))
    assert not form.save()
    assert len(shown) == 1 and "read-only" in shown[0][1]
    assert find(form, "name_edit").text() == "李四"
    assert find(form, "id_number_edit").text() == ID_X
    assert find(form, "temperature_edit").text() == "36.5"
    assert "read-only" in find(form, "form_status_label").text()
    assert window.reader.page(window.actor, EntryFilter(), None, 10) == []


def test_nobody_logged_in_saves_nothing_and_says_so(window, keyboard, ctx):
    form = window.form
    window.set_actor(None)
    register_visitor(window, keyboard)
    assert not form.save()
    assert "log in" in find(form, "operator_error").text()
    assert window.reader.page(supervisor(ctx), EntryFilter(), None, 10) == []


def test_a_logged_out_actor_saves_nothing(window, keyboard, ctx):
    """The services refuse an actor whose login has ended, whatever the form holds."""
    form = window.form
    ctx.operators.logout(window.actor)
    register_visitor(window, keyboard)
    assert not form.save()
    assert "log in again" in find(form, "operator_error").text()
    assert window.reader.page(supervisor(ctx), EntryFilter(), None, 10) == []


def test_escape_clears_the_form_but_only_from_inside_it(window, keyboard, qtbot):
    form = window.form
    register_visitor(window, keyboard)
    search = find(window.view, "search_edit")
    keyboard.type(search, "abc")
    keyboard.key(Qt.Key.Key_Escape, search)
    keyboard.key(Qt.Key.Key_Return, search, Qt.KeyboardModifier.ControlModifier)
    assert find(form, "name_edit").text() == "李四" and window.model.rowCount() == 0
    keyboard.key(Qt.Key.Key_Escape, find(form, "name_edit"))
    assert find(form, "name_edit").text() == ""


def test_ctrl_s_saves_from_any_field(window, keyboard, qtbot):
    form = window.form
    register_visitor(window, keyboard)
    with qtbot.waitSignal(form.saved):
        keyboard.key(Qt.Key.Key_S, find(form, "destination_edit"), Qt.KeyboardModifier.ControlModifier)


def test_official_path_includes_purpose(window, keyboard):
    form = window.form
    pick(find(form, "category_combo"), "official")
    names = [w.objectName() for w in form._enter_chain()]
    assert "purpose_edit" in names and "phone_edit" not in names


def test_symptoms_tick_with_alt_digit_and_change_the_proposal(window, keyboard, qtbot):
    form = window.form
    register_visitor(window, keyboard)
    keyboard.key(Qt.Key.Key_4, find(form, "name_edit"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(find(form, "symptom_short_breath_check").isChecked)  # buttons click after a short flash
    assert "Refer" in find(form, "decision_combo").itemText(0)
    assert find(form, "proposal_label").text()


def test_enter_on_a_field_off_the_path_moves_on(window, keyboard):
    form = window.form
    find(form, "symptom_cough_check").setFocus()
    keyboard.enter()
    assert QApplication.focusWidget() is find(form, "decision_combo")
    find(form, "id_type_combo").setFocus()
    keyboard.enter()
    assert QApplication.focusWidget() is find(form, "id_number_edit")


def test_a_category_typed_by_the_guard_is_kept_by_the_known_person_fill(window, keyboard, qtbot, ctx):
    from checkpoint_app.core.entry import EntryDraft

    ctx.register.save(supervisor(ctx), EntryDraft(category="visitor", name="李四", id_number=ID_X, phone="13812345678",
                                 origin_province="50", purpose="探亲", temperature="36.5"))
    form = window.form
    pick(find(form, "category_combo"), "resident")
    form.clear()  # resident is sticky from the last person
    keyboard.type(find(form, "category_combo"), "1")  # ...and the guard says so again for this one
    keyboard.type(find(form, "id_number_edit"), ID_X)
    keyboard.enter(find(form, "id_number_edit"))
    assert find(form, "name_edit").text() == "李四"
    assert find(form, "category_combo").currentData() == "resident"


def test_the_form_shows_who_is_logged_in(window, ctx):
    form = window.form
    assert find(form, "on_duty_name").text().startswith("王队长")
    window.set_actor(guard(ctx))
    assert find(form, "on_duty_name").text().startswith("张保安")
    form.clear()
    assert QApplication.focusWidget() is form.first_field()
