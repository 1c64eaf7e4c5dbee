"""Station → Watchlist… (issue 8, item 5): a supervisor adds an entry by keyboard, sees
every problem under its field, edits an entry (Enter on its row), lifts one; a guard is
told only a supervisor may. WatchlistDialog.exec is patched to drive the dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import guard, supervisor
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from checkpoint_app.core.watchlist import WatchDraft

from checkpoint_app.ui.watchlist_dialog import WatchlistDialog


def rows(dialog) -> list[list[str]]:
    table = find(dialog, "watch_table")
    return [[table.item(r, c).text() for c in range(7)] for r in range(table.rowCount())]


@pytest.fixture
def opened(window, monkeypatch, qtbot):
    """Open Station → Watchlist… and hand the dialog to `steps(dialog)` while it is open."""
    def run(steps):
        seen = []

        def exec_(dialog):
            seen.append(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            steps(dialog)
            return 0
        monkeypatch.setattr(WatchlistDialog, "exec", exec_)
        window.findChild(QAction, "watchlist_action").trigger()
        return seen
    return run


def test_a_guard_is_told_only_a_supervisor_may(window, ctx, dialogs, opened):
    shown, _ = dialogs
    window.set_actor(guard(ctx))
    assert opened(lambda dialog: None) == []
    assert shown == [("Watchlist", "Only a supervisor (负责人) may do this. Ask the supervisor on duty.")]


def test_a_supervisor_adds_an_entry_by_keyboard(opened, keyboard, qtbot, ctx):
    def add(dialog):
        assert dialog.focusWidget() is find(dialog, "watch_name_edit")
        keyboard.type(dialog.focusWidget(), "李四")
        for text in ("11010519491231002X", "3-5-502", "11.20", "", "从武汉返回"):
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            keyboard.type(dialog.focusWidget(), text)
        assert dialog.focusWidget() is find(dialog, "watch_reason_edit")
        keyboard.enter(dialog.focusWidget())
        assert rows(dialog) == [["Home quarantine", "李*", "110105********002X", "3-5-502", "2026-11-20",
                                 "2026-12-04", "active"]]
        assert find(dialog, "watch_message_label").text() == "李* (3-5-502) is on the watchlist until 2026-12-04."
        assert find(dialog, "watch_name_edit").text() == "" and dialog.focusWidget() is find(dialog, "watch_name_edit")
    (dialog,) = opened(add)
    assert ctx.watchlist.match(id_number="11010519491231002X") is not None


def test_problems_are_shown_under_their_fields(opened, keyboard, ctx):
    def bad(dialog):
        find(dialog, "watch_start_edit").setText("12.1")
        find(dialog, "watch_end_edit").setText("11.30")
        keyboard.enter(find(dialog, "watch_end_edit"))
        assert find(dialog, "watch_name_problem").text() == "Enter the name."
        assert find(dialog, "watch_room_problem").isVisible()
        assert find(dialog, "watch_end_date_problem").text() == (
            "The end date 2026-11-30 is before the start date 2026-12-01.")
        assert not find(dialog, "watch_start_date_problem").isVisible()
        assert dialog.focusWidget() is find(dialog, "watch_name_edit")  # the first field with a problem
        assert rows(dialog) == []
    opened(bad)


def test_enter_on_a_row_edits_the_entry(opened, keyboard, qtbot, ctx):
    ctx.watchlist.add(supervisor(ctx), WatchDraft(name="李四", room="3-5-502", start_date="11.20"))

    def edit(dialog):
        table = find(dialog, "watch_table")
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Return)
        assert find(dialog, "watch_name_edit").text() == "李四"  # the full values, to edit them
        assert find(dialog, "watch_save_button").text() == "Save changes"
        end = find(dialog, "watch_end_edit")
        end.clear()
        keyboard.type(end, "2026年12月10日")
        keyboard.enter(end)
        assert rows(dialog)[0][5] == "2026-12-10"
        assert dialog.editing is None
    opened(edit)


def test_lift_moves_the_entry_to_the_ended(opened, dialogs, qtbot, ctx):
    _, answers = dialogs
    ctx.watchlist.add(supervisor(ctx), WatchDraft(name="李四", room="3-5-502", start_date="11.20"))
    ctx.watchlist.add(supervisor(ctx), WatchDraft(name="赵六", room="1-1-101", start_date="11.20"))

    def lift(dialog):
        search = find(dialog, "watch_search_edit")
        search.setText("3-5")
        assert [r[3] for r in rows(dialog)] == ["3-5-502"]
        answers.append(True)
        find(dialog, "watch_lift_button").click()
        assert rows(dialog) == []
        assert "ended today" in find(dialog, "watch_message_label").text()
        search.clear()
        find(dialog, "watch_scope_combo").setCurrentIndex(1)
        assert [r[1] for r in rows(dialog)] == ["李*"]
        assert rows(dialog)[0][6] == f"lifted {dt.date(2026, 11, 29).isoformat()}"
        assert not find(dialog, "watch_lift_button").isEnabled()
    opened(lift)
    assert ctx.watchlist.match(name="李四", room="3-5-502") is None
    assert ctx.watchlist.match(name="赵六", room="1-1-101") is not None


def test_the_audit_log_names_the_watchlist_events():
    from checkpoint_app.ui import i18n

    for code in ("watch_added", "watch_edited", "watch_lifted", "watch_opened", "daily_care", "daily_care_undone",
                 "watchlist_imported"):
        assert i18n.audit_action_label(code) != code, code


def test_import_a_list_by_keyboard(window, ctx, opened, qtbot, monkeypatch, tmp_path):
    """Import… → the file → the preview (counts, rejected rows with reasons, saved) →
    Import → the entries in the list."""
    import csv
    import io

    from watch_lists import ID_A, write_csv

    from checkpoint_app.ui import ask
    from checkpoint_app.ui.residents_import import ImportPreviewDialog

    source = write_csv(tmp_path / "watch.csv", [
        ["姓名", "身份证号", "房号", "类型", "开始日期", "结束日期", "原因"],
        ["李四", ID_A, "3栋5单元502室", "居家隔离", "2026年11月20日", "", "武汉返回"],
        ["王五", "", "1-1-101", "医学观察", "11.25", "", ""],
        ["赵六", "", "1-1-102", "", "2026/11/20", "2026/11/10", ""]], "gb18030")
    saved_to = tmp_path / "rejected.csv"
    monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: str(source))
    monkeypatch.setattr(ask, "save_file", lambda parent, title, suggested, filters: str(saved_to))
    previews = []

    def exec_(preview):
        previews.append(preview)
        preview.show()
        qtbot.waitExposed(preview)
        assert preview.windowTitle() == "Import watchlist"
        assert find(preview, "import_summary_label").text() == (
            "watch.csv (GB18030): 2 rows can be imported, 1 rows are rejected.")
        table = find(preview, "import_rejected_table")
        assert [[table.item(0, c).text() for c in range(2)]] == [
            ["4", "End date: The end date 2026-11-10 is before the start date 2026-11-20."]]
        save = find(preview, "import_save_rejected_button")
        save.setFocus()
        qtbot.keyClick(save, Qt.Key.Key_Space)
        confirm = find(preview, "import_confirm_button")
        confirm.setFocus()
        qtbot.keyClick(confirm, Qt.Key.Key_Space)
        return preview.result()
    monkeypatch.setattr(ImportPreviewDialog, "exec", exec_)

    def steps(dialog):
        button = find(dialog, "watch_import_button")
        button.setFocus()
        with qtbot.waitSignal(window.jobs.finished, timeout=30_000):  # the preview
            qtbot.keyClick(button, Qt.Key.Key_Space)
        if window.jobs.busy:  # the import itself
            with qtbot.waitSignal(window.jobs.finished, timeout=30_000):
                pass
        assert find(dialog, "watch_message_label").text() == "Imported 2, updated 0, rejected 1."
        assert [r[1:4] for r in rows(dialog)] == [["王*", "", "1-1-101"], ["李*", "500101********" + ID_A[-4:],
                                                                          "3-5-502"]]

    assert opened(steps) and len(previews) == 1
    written = list(csv.reader(io.StringIO(saved_to.read_bytes().decode("utf-8-sig"))))
    assert [r[0] for r in written] == ["Line", "4"]
    assert ctx.watchlist.match(name="李四", room="3-5-502") is not None
