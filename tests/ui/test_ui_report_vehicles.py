"""The daily report's vehicle section on screen and on paper (issue 7, Build 4): the
report window's vehicles table (found by objectName) and the PDF in Chinese."""

from __future__ import annotations

import pytest
from actors import supervisor
from pypdf import PdfReader
from report_day import DAY, at, make_day
from vehicles import vehicle

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QAction

from checkpoint_app.ui import i18n
from checkpoint_app.ui.report_render import write_pdf
from checkpoint_app.ui.report_window import ReportWindow


def road_day(ctx, clock) -> None:
    make_day(ctx, clock)
    at(clock, 9, 40)
    vehicle(ctx, [{"name": "王五"}, {"name": "赵六"}, {"name": "钱七"}], leaflet=True)
    at(clock, 11, 40)
    vehicle(ctx, [{"name": f"乘客{n}"} for n in range(40)], plate="渝B22222", vehicle_category="bus", direction="out")
    at(clock, 12, 40)
    vehicle(ctx, [{"name": "孙八", "fever": True, "temp1": 386, "temp2": 385}], plate="鄂A11111",
            vehicle_category="taxi", decision="refer")
    at(clock, 8, 0, DAY.replace(day=30))


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_report_window_shows_the_vehicles(qtbot, window, ctx, clock):
    road_day(ctx, clock)
    window.set_actor(supervisor(ctx))
    with qtbot.waitSignal(window.jobs.finished, timeout=10_000):
        window.findChild(QAction, "report_action").trigger()
    report_window = window.findChild(ReportWindow, "report_window")
    with qtbot.waitSignal(window.jobs.finished, timeout=10_000):
        report_window.day_edit.setDate(QDate(DAY.year, DAY.month, DAY.day))
    vehicles = report_window.findChild(type(report_window.summary), "report_vehicles_table")
    assert vehicles is not None and vehicles.isVisible()
    header = [vehicles.horizontalHeaderItem(c).text() for c in range(vehicles.columnCount())]
    assert header == ["Vehicle category", "In", "Out", "Turned back", "To clinic", "Persons aboard", "Leaflets"]
    shown = cells(vehicles)
    assert ["Private car", "1", "0", "0", "0", "3", "1"] in shown and ["Bus/coach", "0", "1", "0", "0", "40", "0"] in shown
    assert ["Taxi/ride-hailing", "0", "0", "0", "1", "1", "0"] in shown and shown[-1] == ["Total", "1", "1", "0", "1", "44", "1"]
    summary = cells(report_window.summary)
    assert ["Vehicles checked", "3"] in summary and ["Leaflets handed out", "1"] in summary


@pytest.fixture
def chinese(qapp):
    before = QLocale()
    translators = i18n.install(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_the_pdf_has_the_vehicle_section_in_chinese_on_one_page(ctx, clock, chinese, tmp_path):
    road_day(ctx, clock)
    path = tmp_path / "日报.pdf"
    write_pdf(ctx.reports.daily(supervisor(ctx), DAY), path)
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    words = reader.pages[0].extract_text().split()

    def adjacent(*run: str) -> bool:
        return any(tuple(words[i:i + len(run)]) == run for i in range(len(words)))

    assert "分类车辆" in words
    assert adjacent("私家车", "1", "0", "0", "0", "3", "1") and adjacent("客车", "0", "1", "0", "0", "40", "0")
    assert adjacent("出租车/网约车", "0", "0", "0", "1", "1", "0") and adjacent("合计", "1", "1", "0", "1", "44", "1")
    assert adjacent("检查车辆", "3") and adjacent("发放宣传单", "1")
