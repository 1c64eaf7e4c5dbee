"""Issue 5, item 13: a known ID number typed with another name, or whose entries include
a refusal or referral, gets a notice in the form; only that document's own entries
are used, and a phone number brings no history at all."""

from __future__ import annotations

import datetime as dt

from actors import supervisor
from uihelpers import find

from PySide6.QtCore import Qt

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.idcard import check_character

PERSON_ID = "50010519900101123" + check_character("50010519900101123")
OTHER_ID = "11010519491231002X"


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="吴刚", id_number=PERSON_ID, phone="13812345678", origin_province="50",
                purpose="探亲", temperature="36.5")
    return EntryDraft(**{**base, **changes})


def type_id(window, keyboard, number=PERSON_ID) -> None:
    keyboard.type(find(window.form, "id_number_edit"), number)
    keyboard.enter(find(window.form, "id_number_edit"))


def test_the_issues_case_an_earlier_refusal_under_another_name(window, keyboard, ctx, clock):
    """Registered as 张伟 (refused, key area), later as 吴刚: retyping the number filled in
    吴刚 with no hint of the refusal."""
    ctx.register.save(supervisor(ctx), visitor(name="张伟", origin_province="42", arrival_date="11-20"))
    clock.now += dt.timedelta(days=2)
    ctx.register.save(supervisor(ctx), visitor())
    form = window.form
    type_id(window, keyboard)
    assert find(form, "name_edit").text() == "吴刚"
    history = find(form, "id_history_label")
    assert history.isVisible() and history.property("state") == "warn"
    assert history.text() == ("Earlier entry under this ID, on 2026-11-29: Refuse (key area). "
                              "Registered then as 张*.")  # another name than the one filled in: masked
    assert not find(form, "name_history_label").isVisible()  # the name filled in is the last one


def test_a_last_entry_that_was_a_referral_is_said(window, keyboard, ctx):
    ctx.register.save(supervisor(ctx), visitor(temperature="38.0", temperature2="38.4"))
    type_id(window, keyboard)
    assert find(window.form, "id_history_label").text() == (
        "Last entry under this ID, on 2026-11-29: Refer to fever clinic (fever).")


def test_another_name_typed_with_a_known_id_is_said_and_goes_when_it_matches(window, keyboard, ctx):
    ctx.register.save(supervisor(ctx), visitor())
    form = window.form
    keyboard.type(find(form, "name_edit"), "李四")  # typed before the number
    type_id(window, keyboard)
    note = find(form, "name_history_label")
    assert note.isVisible() and note.text() == "Last registered under this ID as 吴*."  # maybe not this person's
    assert find(form, "name_edit").text() == "李四"  # never overwritten
    assert not find(form, "id_history_label").isVisible()  # only admitted so far
    find(form, "name_edit").setText("吴刚")
    assert not note.isVisible()


def test_notices_go_with_the_number_and_with_the_person(window, keyboard, ctx):
    ctx.register.save(supervisor(ctx), visitor(decision="refuse", override_reason="没有预约"))
    form = window.form
    type_id(window, keyboard)
    assert "the guard's decision" in find(form, "id_history_label").text()
    keyboard.key(Qt.Key.Key_Backspace, find(form, "id_number_edit"))
    assert not find(form, "id_history_label").isVisible()
    type_id(window, keyboard, PERSON_ID[-1])
    assert find(form, "id_history_label").isVisible()
    form.discard()
    assert not find(form, "id_history_label").isVisible()


def test_nothing_of_anyone_else_is_shown(window, keyboard, ctx):
    ctx.register.save(supervisor(ctx), visitor(name="李四", id_number=OTHER_ID, phone="13900000000",
                              decision="refuse", override_reason="没有预约"))  # someone else, refused
    ctx.register.save(supervisor(ctx), visitor())
    form = window.form
    type_id(window, keyboard)
    assert not find(form, "id_history_label").isVisible()
    assert "李四" not in find(form, "name_history_label").text()


def test_a_phone_brings_no_history(window, keyboard, ctx):
    ctx.register.save(supervisor(ctx), visitor(decision="refuse", override_reason="没有预约"))
    form = window.form
    keyboard.type(find(form, "phone_edit"), "13812345678")
    find(form, "phone_edit").editingFinished.emit()
    assert find(form, "name_edit").text() == "" and find(form, "id_number_edit").text() == ""  # nobody's identity
    assert find(form, "purpose_edit").text() == "探亲"
    assert not find(form, "id_history_label").isVisible()
    assert not find(form, "name_history_label").isVisible()
