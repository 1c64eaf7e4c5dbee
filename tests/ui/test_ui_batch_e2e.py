"""End to end through both windows, as the supervisor and the office clerk do it: the
station saves its enrollment file and exports a batch onto a "stick" (a folder); the
office window enrolls the station (fingerprint confirmed), imports the stick, sees the
post reported, and writes the acknowledgement (回执) onto the stick; back at the station,
choosing the stick marks the batch acknowledged, in the export dialog and the ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from batch_station import with_keys
from report_day import DAY, make_day

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from checkpoint_app.central.service import OfficeService

from checkpoint_app.services import drives

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_export import ExportDialog
from checkpoint_app.ui.batch_ledger import LedgerDialog, TargetDialog
from checkpoint_app.ui.central_window import CentralWindow

CST = dt.timezone(dt.timedelta(hours=8))


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


@pytest.fixture
def office_db(tmp_path):
    service = OfficeService.open(tmp_path / "office.sqlite3", clock=lambda: dt.datetime(2026, 11, 30, 9, 0, tzinfo=CST),
                                 tz=CST)
    yield service
    service.close()


def test_station_to_office_and_the_acknowledgement_back(qtbot, window, ctx, clock, tmp_path, monkeypatch, office_db):
    monkeypatch.setattr(drives, "removable_drives", lambda: [])
    office = with_keys(ctx, tmp_path / "office")
    make_day(ctx, clock)  # DAY at the gate; the clock is now the next morning
    stick = tmp_path / "stick"
    stick.mkdir()

    # the station: its enrollment file onto the stick, the fingerprint shown to read out
    shown_fingerprints = []
    monkeypatch.setattr(ask, "save_file", lambda parent, title, name, filters: str(stick / "enrollment.json"))
    monkeypatch.setattr(ask, "info", lambda parent, title, text, digits="": shown_fingerprints.append(digits))
    window.findChild(QAction, "enrollment_action").trigger()

    # the station: export (DAY is over, so it is declared)
    window.findChild(QAction, "export_batch_action").trigger()
    export = window.findChild(ExportDialog, "export_dialog")
    assert DAY.isoformat() in export.days.text()
    export.picker.select(stick)
    with qtbot.waitSignal(window.jobs.finished, timeout=30_000):
        qtbot.keyClick(export.export_button, Qt.Key.Key_Space)
    assert export.result.text().startswith("Batch 1 written and verified")
    assert "Still waiting for the office's acknowledgement: batches 1." in export.acks_label.text()

    # the office: enroll (the fingerprint read over the phone matches), import the stick
    confirmed = []
    monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: str(stick / "enrollment.json"))
    monkeypatch.setattr(ask, "confirm_key", lambda parent, title, text, fingerprint: confirmed.append(fingerprint)
                        or True)
    central = CentralWindow(office_db, office.office, list_drives=lambda: [])
    qtbot.addWidget(central)
    central.show()
    assert central.enroll()
    assert confirmed == shown_fingerprints == [ctx.batches.station_key().fingerprint]
    office_db.set_active(ctx.station.current().code, active_from=DAY)
    importing = central.import_batches()
    importing.picker.select(stick)
    with qtbot.waitSignal(central.jobs.finished, timeout=30_000):
        qtbot.keyClick(importing.import_button, Qt.Key.Key_Space)
    (row,) = cells(importing.table)
    assert row[1] == "Imported" and "day declarations" in row[2]
    importing.close()
    central.completeness_tab.day_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))
    assert cells(central.completeness_tab.table)[-1][1:3] == ["1", "1"]  # expected 1, reported 1
    assert "1 of 1 posts reported" in central.completeness_tab.headline.text()

    # the office: the acknowledgement onto the same stick
    def pick(dialog):
        dialog.picker.select(stick)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TargetDialog, "exec", pick)
    assert central.write_ack()

    # the station: the stick is back; choosing it reads the acknowledgement
    export.picker.list.setCurrentRow(-1)
    export.picker.select(stick)
    assert "Acknowledged now: batches 1." in export.acks_label.text()
    assert "Still waiting" not in export.acks_label.text()
    window.findChild(QAction, "batch_ledger_action").trigger()
    ledger = window.findChild(LedgerDialog, "ledger_dialog")
    assert cells(ledger.table)[0][6] != "not yet" and ledger.status.text() == ""
