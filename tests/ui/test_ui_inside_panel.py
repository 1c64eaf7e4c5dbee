"""Who is inside on screen (issue 8, Build 4), by keyboard: Ctrl+I opens "Inside now",
the arrow keys choose, Enter checks out; the row goes, the count on the main screen drops,
the exit shows in the register; late rows are marked; the window reads again when the
register changes (only while on screen)."""

from __future__ import annotations

import datetime as dt

from actors import guard
from report_day import at, resident, visitor
from uihelpers import find
from vehicles import vehicle

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkpoint_app.core.inside import InsideCounts

from checkpoint_app.ui.inside_panel import LATE_BACKGROUND, duration_text

DAY = dt.date(2026, 11, 29)


def texts(panel, column: int) -> list[str]:
    return [panel.table.item(n, column).text() for n in range(panel.table.rowCount())]


def open_panel(qtbot, window, keyboard):
    keyboard.key(Qt.Key.Key_I, window.form.first_field(), Qt.KeyboardModifier.ControlModifier)
    panel = window.inside.panel
    assert panel is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)  # the keys go to it, not to the desk
    return panel


def test_check_out_by_keyboard(qtbot, window, ctx, clock, keyboard):
    at(clock, 9, 0)
    ctx.register.save(guard(ctx), visitor(name="李四"))
    ctx.register.save(guard(ctx), resident())  # residents are not listed
    second = ctx.register.save(guard(ctx), visitor(name="王小明"))
    vehicle(ctx, [{"name": "赵六"}, {"name": "钱七"}], plate="渝A12345")
    window.refresh()
    count = find(window, "inside_count_label")
    assert count.counts == InsideCounts(3, 0) and count.text() == "Inside: 3"

    panel = open_panel(qtbot, window, keyboard)
    assert texts(panel, 1) == ["李*", "王*明", "赵*"]
    assert texts(panel, 3) == ["", "", "渝A12345"] and texts(panel, 4) == ["1", "1", "2"]
    assert panel.focusWidget() is panel.table and panel.table.currentRow() == 0

    keyboard.key(Qt.Key.Key_Down, panel.table)
    assert panel.selected().passage_id == second.id
    with qtbot.waitSignal(panel.checked_out) as exited:
        keyboard.enter(panel.table)
    assert texts(panel, 1) == ["李*", "赵*"]
    assert panel.table.currentRow() == 1 and panel.focusWidget() is panel.table  # the next row, ready for the next Enter
    assert "checked out" in find(panel, "inside_message_label").text()
    assert count.counts == InsideCounts(2, 0)
    exit_row = window.model.row_at(0)  # the exit is at the top of the register, like any save
    assert (exit_row.id, exit_row.direction) == (exited.args[0], "out")
    assert window.counts.counts.left == 1

    keyboard.enter(panel.table)  # the next one: the vehicle after the row above went
    keyboard.enter(panel.table)
    assert panel.table.rowCount() == 0 and count.text() == "Inside: 0"
    assert not panel.check_out_button.isEnabled()
    keyboard.key(Qt.Key.Key_Escape, panel.table)
    assert not panel.isVisible()


def test_an_entry_checked_out_at_another_desk_is_refused_and_the_list_read_again(qtbot, window, ctx, clock, keyboard):
    at(clock, 9, 0)
    entered = ctx.register.save(guard(ctx), visitor())
    window.refresh()
    panel = open_panel(qtbot, window, keyboard)
    ctx.inside.check_out(guard(ctx), entered.id)  # the other desk
    keyboard.enter(panel.table)
    message = find(panel, "inside_message_label")
    assert "already checked out" in message.text() and message.property("state") == "alarm"
    assert panel.table.rowCount() == 0


def test_late_rows_are_marked(qtbot, window, ctx, clock, keyboard):
    at(clock, 20, 0, DAY - dt.timedelta(days=1))
    ctx.register.save(guard(ctx), visitor(name="昨晚"))
    at(clock, 9, 0)
    ctx.register.save(guard(ctx), visitor(name="今早"))
    window.refresh()
    count = find(window, "inside_count_label")
    assert count.text() == "Inside: 2 (1 late)" and count.property("state") == "warn"
    panel = open_panel(qtbot, window, keyboard)
    late = [panel.table.item(n, 7).text().endswith("late") for n in range(2)]
    assert late == [True, False]
    assert panel.table.item(0, 1).background().color() == LATE_BACKGROUND
    assert panel.table.item(1, 1).background().style() == Qt.BrushStyle.NoBrush
    assert find(panel, "inside_summary_label").property("state") == "warn"
    at(clock, 22, 5)
    panel.refresh()  # the minute's timer
    assert all(panel.table.item(n, 7).text().endswith("late") for n in range(2))


def test_the_window_follows_the_register_only_while_on_screen(qtbot, window, ctx, clock, keyboard):
    at(clock, 9, 0)
    panel = open_panel(qtbot, window, keyboard)
    assert panel.table.rowCount() == 0
    saved = ctx.register.save(guard(ctx), visitor())
    window.form.saved.emit(saved.id)  # as the form does after a save
    assert panel.table.rowCount() == 1 and find(window, "inside_count_label").counts.inside == 1
    panel.close()
    reads = []
    real = ctx.inside.inside
    ctx.inside.inside = lambda *args: reads.append(args) or real(*args)
    window.form.saved.emit(ctx.register.save(guard(ctx), visitor(name="王五")).id)
    assert reads == [] and find(window, "inside_count_label").counts.inside == 2
    window.inside.open()
    assert len(reads) == 1 and panel.table.rowCount() == 2


def test_the_count_opens_the_window_on_a_click(qtbot, window):
    count = find(window, "inside_count_label")
    qtbot.mouseClick(count, Qt.MouseButton.LeftButton)
    assert window.inside.panel is not None and window.inside.panel.isVisible()
    window.inside.panel.close()


def test_logged_out_shows_no_count(window):
    window.set_actor(None)
    window.inside.refresh()
    assert find(window, "inside_count_label").text() == "Inside: –"


def test_durations():
    assert [duration_text(dt.timedelta(minutes=m)) for m in (0, 7, 65, 24 * 60 + 190)] == [
        "0 min", "7 min", "1 h 05 min", "1 d 3 h"]


def test_nothing_is_cut_off_at_1366(qtbot, window, ctx, clock, keyboard):
    at(clock, 9, 0)
    for n in range(12):
        ctx.register.save(guard(ctx), visitor(name=f"访客{n}", destination="3栋2单元501室（快递代收点旁）"))
    window.resize(1366, 768)
    panel = open_panel(qtbot, window, keyboard)
    QApplication.processEvents()
    header = panel.table.horizontalHeader()
    assert panel.width() <= 1366 and panel.height() <= 768
    right = header.sectionViewportPosition(7) + header.sectionSize(7)
    assert right <= panel.table.viewport().width()  # the time inside is on screen without scrolling


def test_the_settings_dialog_sets_the_late_hour_and_the_days(window, ctx, monkeypatch, qtbot, keyboard):
    from PySide6.QtCore import QTime

    from checkpoint_app.ui.settings_dialog import SettingsDialog

    def half_past_nine_two_days(dialog):
        late = find(dialog, "inside_late_edit")
        assert late.time() == QTime(22, 0) and find(dialog, "inside_days_spin").value() == 3
        late.setTime(QTime(21, 30))
        days = find(dialog, "inside_days_spin")
        days.selectAll()
        keyboard.type(days, "2")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", half_past_nine_two_days)
    window.open_settings()
    assert (ctx.settings.get("inside_late_hour"), ctx.settings.get("inside_days")) == ("21:30", 2)


def test_the_count_shows_when_the_window_was_on_screen_before_the_register_opened(qtbot, ctx):
    """The app shows its window first ("opening the register…") and builds the desk after:
    the count put in the menu bar's corner then must still be on screen."""
    from actors import guard

    from checkpoint_app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_actor(guard(ctx))
    window.attach(ctx)
    count = window.inside.count
    assert count.isVisible()
    from checkpoint_app.core.inside import InsideCounts

    count.show_counts(InsideCounts(258, 233))  # a longer text than the first: never cut
    assert count.width() >= count.sizeHint().width()
