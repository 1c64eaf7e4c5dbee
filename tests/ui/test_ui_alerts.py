"""The warning banner: a damaged register (found by the start-up check or by a read)
stops saves and says what to do; a wrong clock is shown; storage messages fit the
moment (start, save, read)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from actors import supervisor
from damage import ID, damage_id_number, random_bytes_in_the_middle
from uihelpers import find

from checkpoint_app.db.errors import StorageError, StorageProblem

from checkpoint_app.services.context import open_context

from checkpoint_app.ui import ask
from checkpoint_app.ui.health_watch import DAILY_MS
from checkpoint_app.ui.main_window import MainWindow


@pytest.fixture
def opened():
    contexts = []
    yield contexts
    for ctx in contexts:
        ctx.close()


def open_window(qtbot, opened, folder: Path) -> MainWindow:
    ctx = open_context(folder)
    opened.append(ctx)
    window = MainWindow(ctx)
    window.set_actor(supervisor(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.form.clear()
    return window


def fill_resident(window, keyboard, name="王五") -> None:
    form = window.form
    combo = find(form, "category_combo")
    combo.setCurrentIndex(combo.findData("resident"))
    keyboard.type(find(form, "name_edit"), name)
    keyboard.type(find(form, "destination_edit"), "3栋501")
    keyboard.type(find(form, "temperature_edit"), "36.5")


def assert_saves_refused_with_the_form_kept(window, keyboard, dialogs) -> None:
    shown, _ = dialogs
    wal = window.ctx.paths.database.with_name("register.sqlite3-wal")
    before = (window.ctx.paths.database.read_bytes(), wal.read_bytes())
    fill_resident(window, keyboard)
    shown.clear()
    assert not window.form.save()
    assert len(shown) == 1 and "damaged" in shown[0][1] and "still in the form" in shown[0][1]
    assert find(window.form, "name_edit").text() == "王五"
    assert (window.ctx.paths.database.read_bytes(), wal.read_bytes()) == before  # nothing written


def test_damage_found_by_the_start_check_shows_the_banner_and_stops_saves(qtbot, opened, register_copy, dialogs, keyboard):
    random_bytes_in_the_middle(register_copy)
    window = open_window(qtbot, opened, register_copy.parent)
    banner = find(window, "alert_banner")
    assert not banner.isVisible()  # opening did not notice; the check runs behind the window
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=20000)
    assert window.ctx.health.damage_found_by == "integrity_check"
    text = find(window, "damage_alert_label").text()
    assert "damaged" in text and "checkpoint-cli doctor --data-dir" in text and str(register_copy.parent) in text
    assert "backup" in text and "paper" in text
    assert not find(window, "clock_alert").isVisible()
    assert not find(window.form, "save_button").isEnabled()
    assert "damaged" in find(window.form, "save_button").toolTip()
    assert_saves_refused_with_the_form_kept(window, keyboard, dialogs)


def test_a_damaged_id_number_read_by_the_register_view_is_explained_not_a_crash(qtbot, opened, register_copy, dialogs, keyboard):
    shown, _ = dialogs
    damage_id_number(register_copy)
    window = open_window(qtbot, opened, register_copy.parent)
    assert shown and shown[0][0] == "The register could not be read"
    assert "damaged" in shown[0][1] and "still in the form" not in shown[0][1]
    assert all(ID[6:10] not in text for _, text in shown)
    assert find(window, "alert_banner").isVisible() and find(window, "damage_alert").isVisible()
    assert_saves_refused_with_the_form_kept(window, keyboard, dialogs)


def test_the_check_runs_after_start_and_every_day_and_stops_with_the_window(window, qtbot):
    watch = window.health_watch
    assert watch.daily.isActive() and watch.daily.interval() == DAILY_MS
    qtbot.waitUntil(lambda: watch._thread is not None and not watch._thread.is_alive())
    with qtbot.waitSignal(watch.checked, timeout=10000) as blocker:
        watch.daily.timeout.emit()  # a day has passed
    assert blocker.args[0].ok is True
    assert not find(window, "alert_banner").isVisible()
    window.close()
    assert not watch.daily.isActive() and not watch._thread.is_alive()
    assert not watch.check_now()  # nothing starts once the window is closed


def test_a_clock_set_back_is_shown_until_the_guard_has_checked_it(window, keyboard, clock, qtbot):
    fill_resident(window, keyboard, "王五")
    assert window.form.save()
    clock.now -= dt.timedelta(days=1)
    fill_resident(window, keyboard, "赵六")
    assert window.form.save()
    banner = find(window, "clock_alert")
    assert banner.isVisible() and not find(window, "damage_alert").isVisible()
    text = find(window, "clock_alert_label").text()
    assert text.startswith("The computer's clock seems wrong: it shows ") and "earlier than the newest entry" in text
    assert text.endswith("entries are dated by it. Check the date and time.")
    assert [window.model.row_at(i).seq for i in range(2)] == [2, 1]  # sequence numbers still increase
    qtbot.mouseClick(find(window, "clock_alert_dismiss_button"), _left())
    assert not find(window, "alert_banner").isVisible()


def test_a_clock_jump_says_how_far(window, keyboard, clock):
    fill_resident(window, keyboard, "王五")
    assert window.form.save()
    clock.now += dt.timedelta(hours=5, minutes=30)
    fill_resident(window, keyboard, "赵六")
    assert window.form.save()
    text = find(window, "clock_alert_label").text()
    assert "it moved 5 h 30 min ahead between two saves" in text or "it moved 5 h 29 min ahead" in text


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.mark.parametrize("kind", list(StorageProblem))
def test_storage_messages_fit_the_moment(kind, qapp):
    error = StorageError(kind)
    at_start, at_save, at_read = (ask.storage_message(error, during) for during in ("start", "save", "read"))
    assert "still in the form" in at_save
    assert "still in the form" not in at_start and "still in the form" not in at_read
    assert "{" not in at_start + at_save + at_read
    if kind in (StorageProblem.LOCKED, StorageProblem.FULL, StorageProblem.READ_ONLY):
        assert "start the app again" in at_start and "save again" in at_save
