"""Station → Batches ledger… (every batch, "Write again…" byte-identical onto another
stick), Station → Office keys… (the fingerprint in large digits, confirmed before the key
is trusted) and Station → Enrollment file… (saved, then the station's fingerprint to read
to the office). A guard is refused by the service, and told."""

from __future__ import annotations

import pytest
from actors import guard, supervisor
from batch_station import batch_files, office_files, with_keys

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from checkpoint_app.batch.keys import Enrollment

from checkpoint_app.services import drives

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_keys import OfficeKeysDialog
from checkpoint_app.ui.batch_ledger import LedgerDialog, TargetDialog


@pytest.fixture(autouse=True)
def no_sticks(monkeypatch):
    monkeypatch.setattr(drives, "removable_drives", lambda: [])


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def exported(ctx, stick, times: int = 1) -> None:
    stick.mkdir(exist_ok=True)
    for _ in range(times):
        ctx.batches.export(supervisor(ctx), stick)


def test_the_ledger_lists_every_batch_newest_first(window, ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    exported(ctx, tmp_path / "stick", times=2)
    window.findChild(QAction, "batch_ledger_action").trigger()
    dialog = window.findChild(LedgerDialog, "ledger_dialog")
    rows = cells(dialog.findChild(type(dialog.table), "ledger_table"))
    assert [row[0] for row in rows] == ["2", "1"]
    assert rows[0][7].endswith("checkpoint-batches") and rows[0][6] == "not yet"
    assert dialog.status.text() == "Still waiting for the office's acknowledgement: batches 1–2."


def test_write_again_puts_the_same_bytes_on_another_stick(qtbot, window, ctx, tmp_path, monkeypatch):
    with_keys(ctx, tmp_path / "office")
    exported(ctx, tmp_path / "stick", times=2)
    window.findChild(QAction, "batch_ledger_action").trigger()
    dialog = window.findChild(LedgerDialog, "ledger_dialog")
    dialog.table.selectRow(1)  # batch 1
    other = tmp_path / "other"
    other.mkdir()

    def pick(target_dialog):
        target_dialog.picker.select(other)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TargetDialog, "exec", pick)
    with qtbot.waitSignal(window.jobs.finished, timeout=30_000):
        qtbot.keyClick(dialog.findChild(type(dialog.again_button), "write_again_button"), Qt.Key.Key_Space)
    (copy,) = batch_files(other)
    original = next(p for p in batch_files(tmp_path / "stick") if p.name == copy.name)
    assert "_000001_" in copy.name and copy.read_bytes() == original.read_bytes()
    assert dialog.status.text().startswith("Batch 1 written again and verified")
    assert cells(dialog.table)[1][7] == str(other / "checkpoint-batches")


def test_a_guard_gets_no_ledger(window, ctx, dialogs):
    shown, _ = dialogs
    window.set_actor(guard(ctx))
    window.findChild(QAction, "batch_ledger_action").trigger()
    assert window.findChild(LedgerDialog, "ledger_dialog") is None
    assert "Only a supervisor" in shown[-1][1]


@pytest.fixture
def keys_dialog(window) -> OfficeKeysDialog:
    window.findChild(QAction, "office_keys_action").trigger()
    return window.findChild(OfficeKeysDialog, "office_keys_dialog")


@pytest.fixture
def key_answers(monkeypatch):
    """The file chosen and the confirmation given; what the confirmation showed."""
    answers = {"file": [], "confirm": []}
    shown = []
    monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: answers["file"].pop(0))
    monkeypatch.setattr(ask, "confirm_key", lambda parent, title, text, fingerprint: shown.append(
        (text, fingerprint)) or answers["confirm"].pop(0))
    return answers, shown


def test_the_office_key_is_imported_after_its_fingerprint_is_confirmed(qtbot, keys_dialog, ctx, tmp_path, key_answers):
    answers, shown = key_answers
    office = office_files(tmp_path / "office")
    assert "Export is refused" in keys_dialog.status.text()
    assert keys_dialog.findChild(type(keys_dialog.own), "station_fingerprint_label").text() == \
        ctx.batches.station_key().fingerprint
    answers["file"].append(str(office.office_pub))
    answers["confirm"].append(True)
    qtbot.keyClick(keys_dialog.findChild(type(keys_dialog.import_office), "import_office_key_button"), Qt.Key.Key_Space)
    text, fingerprint = shown[-1]
    assert fingerprint == office.office.public().fingerprint and "江北区疫情防控指挥部" in text
    rows = cells(keys_dialog.findChild(type(keys_dialog.table), "office_keys_table"))
    assert rows == [["District office (区疫情防控办)", "江北区疫情防控指挥部", fingerprint]]
    assert "Escrow" in keys_dialog.status.text()  # still missing


def test_a_key_not_confirmed_is_not_imported(keys_dialog, ctx, tmp_path, key_answers):
    answers, _shown = key_answers
    answers["file"].append(str(office_files(tmp_path / "office").office_pub))
    answers["confirm"].append(False)
    assert not keys_dialog.import_key("office")
    assert ctx.batches.office_keys() == []


def test_the_escrow_key_offered_as_the_office_key_is_refused_before_asking(keys_dialog, ctx, tmp_path, key_answers,
                                                                           dialogs):
    shown_errors, _ = dialogs
    answers, shown = key_answers
    answers["file"].append(str(office_files(tmp_path / "office").escrow_pub))
    assert not keys_dialog.import_key("office")
    assert shown == [] and "escrow.pub" in shown_errors[-1][1] and ctx.batches.office_keys() == []


def test_a_guard_cannot_import_a_key_and_is_told(window, ctx, tmp_path, key_answers, dialogs):
    shown_errors, _ = dialogs
    answers, _shown = key_answers
    window.set_actor(guard(ctx))
    window.findChild(QAction, "office_keys_action").trigger()
    dialog = window.findChild(OfficeKeysDialog, "office_keys_dialog")
    answers["file"].append(str(office_files(tmp_path / "office").office_pub))
    answers["confirm"].append(True)
    assert not dialog.import_key("office")
    assert "Only a supervisor" in shown_errors[-1][1] and ctx.batches.office_keys() == []


def test_the_enrollment_file_is_saved_and_the_fingerprint_shown(window, ctx, tmp_path, monkeypatch):
    target = tmp_path / "enrollment-JB-TSP-01.json"
    suggested, shown = [], []
    monkeypatch.setattr(ask, "save_file", lambda parent, title, name, filters: suggested.append(name) or str(target))
    monkeypatch.setattr(ask, "info", lambda parent, title, text, digits="": shown.append((text, digits)))
    window.findChild(QAction, "enrollment_action").trigger()
    assert suggested[0].endswith(f"enrollment-{ctx.station.current().code}.json")
    enrollment = Enrollment.from_text(target.read_text(encoding="utf-8"))
    assert shown == [(shown[0][0], enrollment.fingerprint)] and str(target) in shown[0][0]
    assert enrollment.fingerprint == ctx.batches.station_key().fingerprint


def test_a_guard_gets_no_enrollment_file(window, ctx, tmp_path, monkeypatch, dialogs):
    shown_errors, _ = dialogs
    window.set_actor(guard(ctx))
    target = tmp_path / "enrollment.json"
    monkeypatch.setattr(ask, "save_file", lambda parent, title, name, filters: str(target))
    window.findChild(QAction, "enrollment_action").trigger()
    assert not target.exists() and "Only a supervisor" in shown_errors[-1][1]
