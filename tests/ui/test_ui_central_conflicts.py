"""The office window's Conflicts tab (冲突), driven as the clerk does: the unresolved
conflicts listed with the count in the tab's title, the fields that differ (held vs
incoming) for the selected one, Keep held / Take incoming with a note after a confirmation
(ask.confirm, patched), the list and the count refreshed; declining changes nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from central.batches import FakeStation, office_keys, write
from uihelpers import Keyboard

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableWidget

from checkpoint_app.central.service import OfficeService

from checkpoint_app.ui import ask
from checkpoint_app.ui.central_window import CentralWindow

DAY = dt.date(2020, 2, 13)
CST = dt.timezone(dt.timedelta(hours=8))


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


@pytest.fixture
def service(tmp_path):
    """An office database holding three conflicts: two passages and an audit event."""
    opened = OfficeService.open(tmp_path / "office.sqlite3", clock=lambda: dt.datetime(2020, 2, 14, 9, tzinfo=CST),
                                tz=CST)
    station = FakeStation("JB-TSP-01", name="花山卡口")
    opened.enroll(station.write_enrollment(tmp_path))
    first, second, audit = station.passage(DAY, persons=2), station.passage(DAY), station.audit(7, DAY)
    again = [dict(first, passage=dict(first["passage"], notes="改过的备注"),
                  persons=[dict(first["persons"][0], name="王改名"), first["persons"][1]]),
             dict(second, passage=dict(second["passage"], plate="鄂A00001")),
             dict(audit, action="passage.void", hash="f" * 64)]
    stick = tmp_path / "stick"
    for records in ([first, second, audit], again):
        opened.import_paths([write(station.seal(records, DAY), stick)], office_keys().identity)
    yield opened
    opened.close()


@pytest.fixture
def confirmed(monkeypatch):
    answers: list[bool] = []
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or answers.pop(0))
    monkeypatch.setattr(ask, "error", lambda parent, title, text: pytest.fail(f"error shown: {text}"))
    return answers, asked


@pytest.fixture
def central(qtbot, service):
    window = CentralWindow(service, office_keys().identity, list_drives=lambda: [])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.conflicts_tab)
    return window


def test_the_tab_lists_the_conflicts_and_shows_what_differs(central):
    tabs, tab = central.tabs, central.conflicts_tab
    assert tabs.tabText(tabs.indexOf(tab)).replace("&", "") == "Conflicts (3)"
    listed = cells(tab.findChild(QTableWidget, "conflicts_table"))
    assert [(r[1], r[2], r[4]) for r in listed] == [("JB-TSP-01", "passage", "2")] * 2 + [
        ("JB-TSP-01", "audit event", "2")]
    detail = cells(tab.findChild(QTableWidget, "conflict_detail_table"))
    assert ["notes", "", "改过的备注"] in detail and detail[-1][0] == "person 1: name" and detail[-1][2] == "王改名"
    table = tab.findChild(QTableWidget, "conflicts_table")
    table.selectRow(1)  # the other passage (a walk-in): a plate given now
    assert ["plate", "", "鄂A00001"] in cells(tab.findChild(QTableWidget, "conflict_detail_table"))


def test_keep_and_take_by_keyboard_resolve_and_refresh_the_count(qtbot, central, confirmed, service):
    answers, asked = confirmed
    tab, keyboard = central.conflicts_tab, Keyboard(qtbot)
    table = tab.findChild(QTableWidget, "conflicts_table")
    first_id = int(table.item(0, 0).text())
    keyboard.type(tab.findChild(QLineEdit, "conflict_note_edit"), "站点电话确认")
    clerk = tab.findChild(QLineEdit, "conflict_clerk_edit")
    clerk.clear()
    keyboard.type(clerk, "zhao")
    answers.append(False)  # declined: nothing changes
    keyboard.key(Qt.Key.Key_Space, tab.findChild(QPushButton, "keep_held_button"))
    assert len(service.conflicts()) == 3 and "Keep the held record" in asked[-1]
    answers.append(True)
    keyboard.key(Qt.Key.Key_Space, tab.findChild(QPushButton, "keep_held_button"))
    kept = service.conflict_detail(first_id)
    assert (kept.resolution, kept.resolved_by, kept.resolution_note) == ("keep", "zhao", "站点电话确认")
    assert table.rowCount() == 2 and central.tabs.tabText(central.tabs.indexOf(tab)).replace("&", "") == "Conflicts (2)"
    second_id = int(table.item(0, 0).text())
    table.setFocus()
    answers.append(True)
    keyboard.key(Qt.Key.Key_Space, tab.findChild(QPushButton, "take_incoming_button"))
    assert service.conflict_detail(second_id).resolution == "take"
    assert service.conflict_detail(second_id).differences == []
    assert "resolved: the incoming record taken" in central.status_label.text()
    assert central.tabs.tabText(central.tabs.indexOf(tab)).replace("&", "") == "Conflicts (1)"


def test_an_offscreen_grab_in_chinese(qtbot, qapp, service, tmp_path):
    from PySide6.QtCore import QLocale

    from checkpoint_app.ui import i18n

    before = QLocale()
    translators = i18n.install(qapp, "zh_CN")
    try:
        window = CentralWindow(service, office_keys().identity, list_drives=lambda: [])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.tabs.setCurrentWidget(window.conflicts_tab)
        assert window.tabs.tabText(window.tabs.indexOf(window.conflicts_tab)).replace("&", "").startswith("冲突")
        shot = Path(os.environ.get("CHECKPOINT_SHOT_DIR") or tmp_path) / "central_conflicts_zh_CN.png"
        assert window.grab().save(str(shot))
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
