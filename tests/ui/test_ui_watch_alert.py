"""The watchlist alert cannot be missed: it shows while the guard types (before any
save), beeps and asks for an acknowledgement once per person, stays as a red line on
the form, proposes "refuse" for going out, and the save records it."""

from __future__ import annotations

from residents import add_resident, add_watch
from sqlmodel import select

from PySide6.QtCore import Qt

from checkpoint_app.db.models import PersonCheck

ID_X = "11010519491231002X"


def test_the_alert_shows_while_typing_and_is_acknowledged_once(window, ctx, keyboard, qtbot, dialogs):
    shown, _ = dialogs
    entry = add_watch(ctx, id_number=ID_X, room="3-5-502")
    form = window.form
    form.direction_combo.setCurrentIndex(form.direction_combo.findData("out"))
    form.category_combo.setCurrentIndex(form.category_combo.findData("resident"))
    keyboard.type(form.id_number_edit, ID_X)
    label = form.watch_alert_label
    assert label.isVisible() and label.property("state") == "alarm"
    assert "3-5-502" in label.text()
    assert len(shown) == 1 and "3-5-502" in shown[0][1]  # the acknowledgement was asked for, once
    keyboard.type(form.name_edit, "王五")
    assert len(shown) == 1  # not again for every key
    assert form.decision_combo.itemText(0).endswith(("Refuse", "劝返"))
    form.clear()
    assert not label.isVisible()
    assert entry.kind == "home_quarantine"


def test_a_resident_scanned_in_quarantine_raises_the_alert_and_the_passage_keeps_it(window, ctx, keyboard, qtbot, dialogs):
    shown, _ = dialogs
    resident = add_resident(ctx, "王五", "3-5-502", "13812345678", ID_X, "JB0001")
    entry = add_watch(ctx, id_number=ID_X)
    form = window.form
    form.find_resident("JB0001", scanned=True)
    assert form.watch_alert_label.isVisible() and len(shown) == 1
    keyboard.type(form.temperature_edit, "36.5")
    with qtbot.waitSignal(form.saved) as saved:
        keyboard.key(Qt.Key.Key_Return, form.temperature_edit)
    with ctx.session() as session:
        person = session.exec(select(PersonCheck).where(PersonCheck.passage_id == saved.args[0])).one()
    assert person.watch_uuid == entry.uuid and person.resident_uuid == resident.uuid


