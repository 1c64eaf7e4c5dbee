"""Station → Residents… (issue 8, item 1): the list searched and masked, a resident added,
edited and marked moved out by keyboard, a list imported through the preview with its
rejected rows saved, a cancelled import leaving nothing, a guard only reading.
ResidentsDialog.exec and ImportPreviewDialog.exec are patched to drive the dialogs."""

from __future__ import annotations

import csv
import io

import pytest
from actors import guard, supervisor
from resident_lists import HEADER, rows, unique_id_number, write_csv
from sqlmodel import select
from uihelpers import find

from PySide6.QtWidgets import QDialog

from checkpoint_app.core.resident_rules import ResidentDraft

from checkpoint_app.db.models import Resident

from checkpoint_app.services.residents import ResidentsService

from checkpoint_app.ui import ask
from checkpoint_app.ui.residents_dialog import ResidentsDialog
from checkpoint_app.ui.residents_import import ImportPreviewDialog

ID_A = unique_id_number(11)


def table(dialog, name="residents_table") -> list[list[str]]:
    widget = find(dialog, name)
    return [[widget.item(r, c).text() for c in range(widget.columnCount())] for r in range(widget.rowCount())]


def stored(ctx) -> list[tuple]:
    with ctx.session() as session:
        return [(r.name, r.room, r.moved_out) for r in session.exec(select(Resident).order_by(Resident.id))]


@pytest.fixture
def opened(window, monkeypatch, qtbot):
    """Open Station → Residents… and hand the dialog to `steps(dialog)` while it is open."""
    def run(steps):
        seen = []

        def exec_(dialog):
            seen.append(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            steps(dialog)
            return dialog.result()
        monkeypatch.setattr(ResidentsDialog, "exec", exec_)
        window.findChild(type(window.menuBar().actions()[0]), "residents_action").trigger()
        return seen
    return run


def test_search_add_edit_and_move_out_by_keyboard(window, ctx, opened, keyboard, dialogs):
    boss = supervisor(ctx)
    ctx.residents.save(boss, ResidentDraft(name="王五", room="1-1-101", phone="13900001111"))
    _shown, answers = dialogs

    def steps(dialog):
        assert table(dialog) == [["王*", "1-1-101", "139****1111", "", "", "", ""]]
        keyboard.type(find(dialog, "resident_name_edit"), "李四")
        for name, text in [("room", "3栋5单元502"), ("phone", "13812345678"), ("id_number", ID_A),
                           ("plates", "渝A12345"), ("pass_code", "jb0001")]:
            keyboard.type(find(dialog, f"resident_{name}_edit"), text)
        keyboard.enter(find(dialog, "resident_pass_code_edit"))
        assert find(dialog, "residents_message_label").text() == "A resident of 3-5-502 was added."
        assert table(dialog)[1] == ["李*", "3-5-502", "138****5678", ID_A[:6] + "********" + ID_A[-4:], "渝A12345",
                                    "JB0001", ""]
        assert find(dialog, "residents_count_label").text() == "2 of 2 residents shown"
        keyboard.type(find(dialog, "residents_search_edit"), "5678")
        assert [r[0] for r in table(dialog)] == ["李*"]
        find(dialog, "resident_edit_button").click()
        assert find(dialog, "resident_name_edit").text() == "李四"  # the full value, for the supervisor
        assert find(dialog, "resident_id_number_edit").text() == ID_A
        edit = find(dialog, "resident_room_edit")
        edit.clear()
        keyboard.type(edit, "3-5-503")
        keyboard.enter(edit)
        assert find(dialog, "residents_message_label").text() == "The resident of 3-5-503 was saved."
        keyboard.type(find(dialog, "resident_name_edit"), "赵六")
        keyboard.type(find(dialog, "resident_room_edit"), "五栋")
        keyboard.enter(find(dialog, "resident_room_edit"))
        assert find(dialog, "residents_message_label").text() == (
            "Room: \"五\" is not part of a room: write it as building-unit-room, e.g. 3-5-502.")
        answers.append("yes")
        find(dialog, "resident_move_out_button").click()
        assert table(dialog) == []
        find(dialog, "residents_moved_out_check").click()
        assert table(dialog)[0][-1] == "2026-11-29"

    assert opened(steps)
    assert stored(ctx) == [("王五", "1-1-101", False), ("李四", "3-5-503", True)]


def test_a_guard_reads_the_list_but_cannot_change_it(window, ctx, opened):
    ctx.residents.save(supervisor(ctx), ResidentDraft(name="王五", room="1-1-101"))
    window.set_actor(guard(ctx))

    def steps(dialog):
        assert table(dialog) == [["王*", "1-1-101", "", "", "", "", ""]]
        for name in ("resident_save_button", "resident_edit_button", "resident_move_out_button",
                     "residents_import_button", "resident_name_edit"):
            assert not find(dialog, name).isEnabled(), name

    assert opened(steps)


@pytest.fixture
def importing(window, monkeypatch, qtbot, tmp_path):
    """Choose `path` in the file dialog; the preview dialog is handed to `decide(preview)`."""
    def run(dialog, path, decide):
        monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: str(path))
        previews = []

        def exec_(preview_dialog):
            previews.append(preview_dialog)
            preview_dialog.show()
            return decide(preview_dialog)
        monkeypatch.setattr(ImportPreviewDialog, "exec", exec_)
        with qtbot.waitSignal(window.jobs.finished, timeout=30_000):  # the preview
            find(dialog, "residents_import_button").click()
        if window.jobs.busy:  # the import itself
            with qtbot.waitSignal(window.jobs.finished, timeout=60_000):
                pass
        return previews
    return run


def test_import_with_preview_and_rejected_rows_saved(window, ctx, opened, importing, tmp_path, monkeypatch):
    source = write_csv(tmp_path / "list.csv", [HEADER + ["备注"]] + [r + [""] for r in rows(3000)]
                       + [["", "1-1-101", "", "", "", "", ""], ["赵六", "五栋", "123", "", "", "", ""]], "gb18030")
    saved_to = tmp_path / "rejected.csv"
    monkeypatch.setattr(ask, "save_file", lambda parent, title, suggested, filters: str(saved_to))

    def decide(preview):
        assert find(preview, "import_summary_label").text() == (
            "list.csv (GB18030): 3000 rows can be imported, 2 rows are rejected.")
        assert find(preview, "import_warnings_label").text() == (
            "The column \"备注\" is not one the register knows; it was ignored.")
        assert table(preview, "import_rejected_table") == [
            ["3002", "Name: Enter the name."],
            ["3003", "Room: \"五\" is not part of a room: write it as building-unit-room, e.g. 3-5-502.; "
                     "Phone: A mobile number has 11 digits; 3 were typed."]]
        find(preview, "import_save_rejected_button").click()
        assert find(preview, "import_confirm_button").text() == "Import 3000 rows"
        return QDialog.DialogCode.Accepted

    def steps(dialog):
        assert importing(dialog, source, decide)
        assert find(dialog, "residents_message_label").text() == "Imported 3000, updated 0, rejected 2."
        assert find(dialog, "residents_count_label").text() == "500 of 3000 residents shown"

    assert opened(steps)
    assert len(stored(ctx)) == 3000
    written = list(csv.reader(io.StringIO(saved_to.read_bytes().decode("utf-8-sig"))))
    assert written[0] == ["Line", *HEADER, "备注", "Why"]
    assert [r[0] for r in written[1:]] == ["3002", "3003"]


def test_a_cancelled_import_changes_nothing(window, ctx, opened, importing, tmp_path, monkeypatch):
    source = write_csv(tmp_path / "list.csv", [HEADER] + rows(5000))
    real = ResidentsService.import_rows

    def cancel_first(self, actor, preview, progress, cancelled=None):
        progress.cancel()  # the guard pressed Cancel as soon as the bar appeared
        return real(self, actor, preview, progress, cancelled)
    monkeypatch.setattr(ResidentsService, "import_rows", cancel_first)

    def steps(dialog):
        importing(dialog, source, lambda preview: QDialog.DialogCode.Accepted)
        assert find(dialog, "residents_message_label").text() == "The import was cancelled; nothing was changed."

    assert opened(steps)
    assert stored(ctx) == []


def test_a_file_that_is_not_a_list_is_explained(window, ctx, opened, importing, tmp_path, dialogs):
    shown, _ = dialogs
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    def steps(dialog):
        assert importing(dialog, path, lambda preview: QDialog.DialogCode.Rejected) == []

    assert opened(steps)
    assert shown == [("Import residents", "photo.csv is not a text table (CSV) or an Excel workbook (.xlsx): it may be "
                                          "another kind of file renamed. Save the list from Excel as CSV or .xlsx.")]


def test_declining_the_preview_imports_nothing(window, ctx, opened, importing, tmp_path):
    source = write_csv(tmp_path / "list.csv", [HEADER] + rows(5))

    def steps(dialog):
        assert len(importing(dialog, source, lambda preview: QDialog.DialogCode.Rejected)) == 1

    assert opened(steps)
    assert stored(ctx) == []
