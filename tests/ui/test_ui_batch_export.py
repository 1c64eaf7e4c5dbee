"""Station → Export batch (USB)…, driven as a supervisor does: the dialog says what the
batch carries, refuses without the office's keys (and says what to do), writes onto the
chosen stick on the job runner and only then says the stick can be removed; a failure
says why and records nothing; the stick's acknowledgements are read when it is chosen.
A guard is refused by the service, and told so."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import guard, supervisor
from batch_station import batch_files, with_keys

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

from checkpoint_app.batch import sealed

from checkpoint_app.services import drives

from checkpoint_app.ui.batch_export import ExportDialog


@pytest.fixture(autouse=True)
def no_sticks(monkeypatch):
    """No USB stick plugged in: targets are folders the test chooses."""
    monkeypatch.setattr(drives, "removable_drives", lambda: [])


def open_export(window) -> ExportDialog | None:
    window.findChild(QAction, "export_batch_action").trigger()
    return window.findChild(ExportDialog, "export_dialog")


def export_to(qtbot, window, dialog, stick):
    dialog.picker.select(stick)
    button = dialog.findChild(type(dialog.export_button), "export_button")
    assert button.isEnabled()
    with qtbot.waitSignal(window.jobs.finished, timeout=30_000):
        qtbot.keyClick(button, Qt.Key.Key_Space)


def test_without_the_office_keys_export_is_refused_with_what_to_do(window):
    dialog = open_export(window)
    refusal = dialog.findChild(type(dialog.refusal), "export_refusal_label").text()
    assert "No office key has been imported" in refusal and "Office keys" in refusal
    assert "No escrow key" in refusal
    assert not dialog.export_button.isEnabled()


def test_a_batch_is_written_verified_and_the_stick_may_be_removed(qtbot, window, ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    dialog = open_export(window)
    assert dialog.carries.text().startswith("Next batch, number 1:")
    assert not dialog.export_button.isEnabled()  # no target chosen yet
    stick = tmp_path / "stick"
    stick.mkdir()
    export_to(qtbot, window, dialog, stick)
    result = dialog.findChild(type(dialog.result), "export_result_label").text()
    assert result == "Batch 1 written and verified: the stick can be removed (可以拔出U盘)."
    assert [p.name for p in batch_files(stick)] and (stick / sealed.FOLDER).is_dir()
    assert [e.number for e in ctx.batches.ledger(supervisor(ctx))] == [1]
    assert dialog.carries.text().startswith("Next batch, number 2:")  # the preview moved on
    assert "Still waiting for the office's acknowledgement: batches 1." in dialog.acks_label.text()
    assert result in window.statusBar().currentMessage()


def test_close_today_declares_today_too(qtbot, window, ctx, tmp_path, clock):
    with_keys(ctx, tmp_path / "office")
    dialog = open_export(window)
    today = clock.now.date().isoformat()
    assert today not in dialog.days.text()
    qtbot.keyClick(dialog.findChild(type(dialog.close_today), "close_today_check"), Qt.Key.Key_Space)
    assert dialog.close_today.isChecked() and today in dialog.days.text()


def test_a_failed_write_says_why_and_records_nothing(qtbot, window, ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    dialog = open_export(window)
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_text("a file where the stick's folder should be", encoding="utf-8")
    export_to(qtbot, window, dialog, not_a_folder)
    assert dialog.result.text().startswith("Nothing was exported:")
    assert "可以拔出U盘" not in dialog.result.text()
    assert ctx.batches.ledger(supervisor(ctx)) == []
    assert dialog.export_button.isEnabled()  # try again on another stick


def test_choosing_a_stick_reads_the_office_acknowledgement(qtbot, window, ctx, tmp_path, clock):
    office = with_keys(ctx, tmp_path / "office")
    dialog = open_export(window)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_to(qtbot, window, dialog, stick)
    (entry,) = ctx.batches.ledger(supervisor(ctx))
    name, body, signature = sealed.make_ack(office.office.name, office.office.signing, [
        {"station": ctx.station.current().code, "number": 1, "uuid": entry.uuid, "sha256": entry.sha256,
         "imported_at": "2026-11-29T02:00:00Z"}], dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.timezone.utc))
    acks = stick / sealed.FOLDER / sealed.ACKS
    acks.mkdir()
    (acks / name).write_bytes(body)
    (acks / (name + sealed.SIGNATURE_SUFFIX)).write_text(signature, encoding="utf-8")
    dialog.picker.list.setCurrentRow(-1)
    dialog.picker.select(stick)  # the stick comes back from the office
    assert "Acknowledged now: batches 1." in dialog.acks_label.text()
    assert "Still waiting" not in dialog.acks_label.text()
    assert ctx.batches.ledger(supervisor(ctx))[0].acknowledged


def test_an_acknowledgement_not_signed_by_the_office_is_refused_and_shown(qtbot, window, ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    stick = tmp_path / "stick"
    acks = stick / sealed.FOLDER / sealed.ACKS
    acks.mkdir(parents=True)
    (acks / "ACK_0000000000000000_20261129T020000Z.json").write_text("{}", encoding="utf-8")
    dialog = open_export(window)
    dialog.picker.select(stick)
    assert "signature file (.minisig) is missing" in dialog.acks_label.text()


def test_a_guard_is_refused_by_the_service_and_told(window, ctx, dialogs):
    shown, _answers = dialogs
    window.set_actor(guard(ctx))
    assert open_export(window) is None
    assert shown and "Only a supervisor" in shown[-1][1]


def test_the_menu_entry_and_its_shortcut(window):
    action = window.findChild(QAction, "export_batch_action")
    assert action.text() == "Export batch (USB)…" and action.shortcut().toString() == "Ctrl+Shift+E"
    names = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert names.index("export_batch_action") < names.index("batch_ledger_action") < \
        names.index("office_keys_action") < names.index("enrollment_action")


def test_the_dialog_stays_open_while_its_batch_is_written(qtbot, window, ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    dialog = open_export(window)
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog.picker.select(stick)
    with qtbot.waitSignal(window.jobs.finished, timeout=30_000):
        dialog.export()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # at once, while the job runs
        dialog.close()
        assert dialog.isVisible()
    assert dialog.result.text().startswith("Batch 1 written and verified")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.parametrize(("modifiers", "opens"), [
    (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, True),
    (Qt.KeyboardModifier.ControlModifier, False),  # a line edit's "end of line" on X11: why not Ctrl+E
])
def test_the_shortcut_works_while_the_guard_types_in_the_form(qtbot, window, modifiers, opens):
    window.show()
    window.activateWindow()
    field = window.findChild(QLineEdit, "name_edit")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_E, modifiers)
    assert (window.findChild(ExportDialog, "export_dialog") is not None) is opens
