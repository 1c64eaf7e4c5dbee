"""The district office's window, driven as the clerk does: enroll a station after
comparing its fingerprint, import batches from a stick (imported, already imported,
rejected with the reason), write the acknowledgement onto the stick, and read the
Stations, Gaps and Daily completeness tabs. Batches are made with the real library
(tests/central/batches.py); the office database is a real one in tmp_path."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from central.batches import FakeStation, office_keys, write

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from checkpoint_app.batch import sealed
from checkpoint_app.central.service import OfficeService

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_ledger import TargetDialog
from checkpoint_app.ui.central_import import ImportDialog
from checkpoint_app.ui.central_window import CentralWindow

DAY = dt.date(2020, 2, 13)
TODAY = dt.date(2020, 2, 14)  # the office's clock (the service fixture)
CST = dt.timezone(dt.timedelta(hours=8))


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


@pytest.fixture
def service(tmp_path):
    now = [dt.datetime(2020, 2, 14, 9, 0, tzinfo=CST)]
    opened = OfficeService.open(tmp_path / "office.sqlite3", clock=lambda: now[0], tz=CST)
    yield opened
    opened.close()


@pytest.fixture
def asked(monkeypatch):
    """The clerk's answers to the ask seams, and what they were shown."""
    seen: dict[str, list] = {"error": [], "confirm_key": [], "confirm": []}
    answers: dict[str, list] = {"open_file": [], "confirm_key": [], "confirm": []}
    monkeypatch.setattr(ask, "error", lambda parent, title, text: seen["error"].append(text))
    monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: answers["open_file"].pop(0))
    monkeypatch.setattr(ask, "confirm_key", lambda parent, title, text, fingerprint: seen["confirm_key"].append(
        (text, fingerprint)) or answers["confirm_key"].pop(0))
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: seen["confirm"].append(text)
                        or answers["confirm"].pop(0))
    return seen, answers


@pytest.fixture
def central(qtbot, service, asked):
    window = CentralWindow(service, office_keys().identity, list_drives=lambda: [])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def enroll(central, asked, station: FakeStation, folder, confirm: bool = True) -> bool:
    _seen, answers = asked
    answers["open_file"].append(str(station.write_enrollment(folder)))
    answers["confirm_key"].append(confirm)
    return central.enroll()


def import_from(qtbot, central, path) -> ImportDialog:
    dialog = central.import_batches()
    dialog.picker.select(path)
    with qtbot.waitSignal(central.jobs.finished, timeout=20_000):
        qtbot.keyClick(dialog.findChild(type(dialog.import_button), "import_button"), Qt.Key.Key_Space)
    return dialog


def test_enrolling_shows_the_fingerprint_and_lists_the_station(central, asked, tmp_path):
    seen, _ = asked
    station = FakeStation("JB-TSP-01", name="翠湖小区东门", district="花山街道")
    assert central.stations_tab.empty.isVisible()
    assert enroll(central, asked, station, tmp_path)
    text, fingerprint = seen["confirm_key"][-1]
    assert fingerprint == station.enrollment().fingerprint and "JB-TSP-01" in text and "翠湖小区东门" in text
    rows = cells(central.findChild(type(central.stations_tab.table), "stations_table"))
    assert rows[0][:4] == ["JB-TSP-01", "翠湖小区东门", "花山街道", fingerprint]
    assert not central.stations_tab.empty.isVisible()
    assert "enrolled" in central.status_label.text()


def test_enrollment_not_confirmed_enrolls_nothing(central, asked, tmp_path, service):
    assert not enroll(central, asked, FakeStation("JB-TSP-02"), tmp_path, confirm=False)
    assert service.stations() == []


def test_a_new_key_for_an_enrolled_station_replaces_it_only_when_confirmed(central, asked, tmp_path, service):
    seen, answers = asked
    enroll(central, asked, FakeStation("JB-TSP-03"), tmp_path)
    old = service.stations()[0].fingerprint
    reinstalled = FakeStation("JB-TSP-03")
    answers["confirm"].append(False)
    assert not enroll(central, asked, reinstalled, tmp_path)
    assert service.stations()[0].fingerprint == old and "JB-TSP-03" in seen["confirm"][-1]
    answers["confirm"].append(True)
    assert enroll(central, asked, reinstalled, tmp_path)
    assert service.stations()[0].fingerprint == reinstalled.enrollment().fingerprint


def test_a_file_that_is_not_an_enrollment_is_refused_with_the_reason(central, asked, tmp_path):
    seen, answers = asked
    bad = tmp_path / "notes.json"
    bad.write_text("{}", encoding="utf-8")
    answers["open_file"].append(str(bad))
    assert not central.enroll()
    assert "notes.json" in seen["error"][-1] and "not a key file" in seen["error"][-1]


def test_import_from_a_stick_lists_each_file_and_a_second_import_changes_nothing(qtbot, central, asked, tmp_path):
    station = FakeStation("JB-TSP-01")
    enroll(central, asked, station, tmp_path)
    stick = tmp_path / "stick"
    first = station.passage(DAY)
    write(station.seal([first, station.passage(DAY, persons=3), station.day(DAY, zero=False)], DAY), stick)
    dialog = import_from(qtbot, central, stick)
    rows = cells(dialog.findChild(type(dialog.table), "import_results_table"))
    assert rows == [["CKB_JB-TSP-01_000001_20200213-20200213.age", "Imported", "2 entries, 1 day declarations, 2 new at the office"]]
    assert dialog.summary.text() == "1 imported, 0 already imported, 0 rejected."
    assert cells(central.stations_tab.table)[0][4:6] == ["1", "1"]
    assert cells(central.stations_tab.table)[0][7] == DAY.isoformat()  # the last day declared
    dialog.close()
    again = import_from(qtbot, central, stick)
    assert cells(again.table)[0][1] == "Already imported (nothing changed)"
    assert again.summary.text() == "0 imported, 1 already imported, 0 rejected."


def test_a_batch_of_an_unknown_station_and_an_altered_one_are_rejected_with_reasons(qtbot, central, asked, tmp_path):
    known = FakeStation("JB-TSP-01")
    enroll(central, asked, known, tmp_path)
    stick = tmp_path / "stick"
    write(FakeStation("XX-999").seal([], DAY), stick)
    altered = write(known.seal([known.passage(DAY)], DAY), stick)
    data = bytearray(altered.read_bytes())
    data[-5] ^= 1
    altered.write_bytes(bytes(data))
    dialog = import_from(qtbot, central, stick)
    rows = {row[0]: row[1:] for row in cells(dialog.table)}
    unknown = rows["CKB_XX-999_000001_20200213-20200213.age"]
    assert unknown[0] == "Rejected (nothing written)" and "not enrolled here" in unknown[1]
    assert "signature does not match" in rows["CKB_JB-TSP-01_000001_20200213-20200213.age"][1]
    assert dialog.summary.text() == "0 imported, 0 already imported, 2 rejected."
    assert cells(central.stations_tab.table)[0][4] == "0"


def test_chosen_files_are_imported(qtbot, central, asked, tmp_path, monkeypatch):
    station = FakeStation("JB-TSP-01")
    enroll(central, asked, station, tmp_path)
    path = write(station.seal([station.passage(DAY)], DAY), tmp_path / "stick")
    dialog = central.import_batches()
    monkeypatch.setattr(ask, "open_files", lambda parent, title, filters: [str(path)])
    with qtbot.waitSignal(central.jobs.finished, timeout=20_000):
        qtbot.mouseClick(dialog.findChild(type(dialog.files_button), "import_files_button"), Qt.MouseButton.LeftButton)
    assert [row[1] for row in cells(dialog.table)] == ["Imported"]


def test_the_acknowledgement_is_written_onto_the_chosen_stick(qtbot, central, asked, tmp_path, monkeypatch):
    station = FakeStation("JB-TSP-01")
    enroll(central, asked, station, tmp_path)
    stick = tmp_path / "stick"
    write(station.seal([station.passage(DAY)], DAY), stick)
    import_from(qtbot, central, stick).close()

    def pick(dialog):
        dialog.picker.select(stick)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TargetDialog, "exec", pick)
    central.findChild(type(central.ack_action), "write_ack_action").trigger()
    (ack,) = (stick / sealed.FOLDER / sealed.ACKS).glob("ACK_*.json")
    body = json.loads(ack.read_text(encoding="utf-8"))
    assert [(b["station"], b["number"]) for b in body["batches"]] == [("JB-TSP-01", 1)]
    assert "1 batches" in central.status_label.text() and "可以拔出U盘" in central.status_label.text()


def test_gaps_name_the_missing_batch_numbers(qtbot, central, asked, tmp_path):
    station = FakeStation("JB-TSP-01")
    enroll(central, asked, station, tmp_path)
    stick = tmp_path / "stick"
    write(station.seal([station.day(DAY)], DAY), stick)
    station.seal([station.passage(DAY)], DAY)  # batch 2 never reaches the office
    write(station.seal([station.passage(DAY)], DAY), stick)
    import_from(qtbot, central, stick)
    rows = cells(central.findChild(type(central.gaps_tab.table), "gaps_table"))
    assert rows[0][0] == "JB-TSP-01" and rows[0][3] == "2"
    assert "1 stations have gaps" in central.gaps_tab.summary.text()


def test_daily_completeness_names_who_did_not_report(qtbot, central, asked, tmp_path):
    reported = FakeStation("HS-01", name="东门", district="花山街道")
    zero = FakeStation("HS-02", name="西门", district="花山街道")
    silent = FakeStation("HS-03", name="北门", district="花山街道")
    other = FakeStation("LJ-01", name="南湖卡口", district="流芳街道")
    for station in (reported, zero, silent, other):
        enroll(central, asked, station, tmp_path)  # enrolled today: expected from today on
    stick = tmp_path / "stick"
    write(reported.seal([reported.passage(TODAY), reported.day(TODAY)], TODAY), stick)
    write(zero.seal([zero.day(TODAY, zero=True)], TODAY), stick)
    write(other.seal([other.day(TODAY)], TODAY), stick)
    import_from(qtbot, central, stick)
    tab = central.completeness_tab
    central.tabs.setCurrentWidget(tab)
    tab.findChild(type(tab.day_edit), "completeness_day_edit").setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    rows = cells(tab.findChild(type(tab.table), "completeness_table"))
    hs = next(row for row in rows if row[0] == "花山街道")
    assert hs[1:7] == ["3", "2", "1", "2", "0", "1"] and hs[7] == "北门 (HS-03)"
    assert rows[-1][:7] == ["All sub-districts", "4", "3", "1", "3", "0", "1"]
    totals = cells(tab.totals)[0]
    assert totals[0] == "24" and totals[2] == "2"  # persons and fevers of the two non-zero reports
    assert "3 of 4 posts reported" in tab.headline.text() and "missing: 1." in tab.headline.text()


def test_the_completeness_report_is_saved_as_xlsx_and_pdf(qtbot, central, asked, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    station = FakeStation("HS-01", name="东门", district="花山街道")
    enroll(central, asked, station, tmp_path)
    write(station.seal([station.day(TODAY, zero=True)], TODAY), tmp_path / "stick")
    import_from(qtbot, central, tmp_path / "stick")
    tab = central.completeness_tab
    tab.day_edit.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    chosen = {"xlsx": tmp_path / "out.xlsx", "pdf": tmp_path / "out.pdf"}
    suggested = []
    monkeypatch.setattr(ask, "save_file", lambda parent, title, name, filters: suggested.append(name)
                        or str(chosen["pdf" if "pdf" in filters.lower() else "xlsx"]))
    qtbot.keyClick(tab.findChild(type(tab.save_xlsx), "save_xlsx_button"), Qt.Key.Key_Space)
    assert suggested[-1].endswith("completeness-2020-02-14.xlsx")
    sheet = load_workbook(chosen["xlsx"]).active
    assert any(row and row[0] == "花山街道" for row in sheet.iter_rows(values_only=True))
    qtbot.keyClick(tab.findChild(type(tab.save_pdf), "save_pdf_button"), Qt.Key.Key_Space)
    text = " ".join(page.extract_text() for page in PdfReader(str(chosen["pdf"])).pages)
    assert "花山街道" in text and "Saved:" in central.status_label.text()


def test_a_save_that_cannot_be_written_says_so_and_leaves_nothing(qtbot, central, asked, tmp_path, monkeypatch):
    seen, _ = asked
    tab = central.completeness_tab
    blocked = tmp_path / "no-such-folder" / "out.xlsx"
    monkeypatch.setattr(ask, "save_file", lambda parent, title, name, filters: str(blocked))
    assert not tab.write_xlsx()
    assert "cannot be written" in seen["error"][-1] and not blocked.parent.exists()


def test_the_import_progress_is_one_bar_over_all_files():
    from checkpoint_app.central.service import ImportProgress

    from checkpoint_app.core.progress import Progress

    from checkpoint_app.ui.central_import import _reporter

    progress = Progress()
    report = _reporter(progress)
    report(ImportProgress("a.age", 0, 2, 0, 0))
    assert (progress.latest.done, progress.latest.total) == (0, 2000)
    report(ImportProgress("b.age", 1, 2, 50, 100))
    assert (progress.latest.done, progress.latest.total, progress.latest.label_key) == (1500, 2000, "Importing batches")
