"""The daily report's vehicle section (issue 7, Build 4), one rule per row: vehicles by
category counted per passage (let in, let out, turned back, referred, the persons aboard,
the leaflets), the leaflets of every passage, and the zero report unchanged in meaning."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.daily_report import (
    VEHICLE_CATEGORIES,
    AppendixPerson,
    DailyReport,
    DayFigures,
    EntryFacts,
    PassageFacts,
    tally,
)
from checkpoint_app.core.report_table import appendix_table, cell_text, figure_tables, vehicle_table


def car(category="private_car", direction="in", decision="admit", occupants=1, **kw) -> PassageFacts:
    return PassageFacts("vehicle", direction, decision, category, occupants, **kw)


def walker(direction="in", decision="admit", **kw) -> PassageFacts:
    return PassageFacts("person", direction, decision, **kw)


# (what, the passages, {vehicle category: (vehicles, in, out, refused, referred, occupants, leaflets)}, leaflets)
CASES = [
    ("no vehicle: every category at zero", [], {}, 0),
    ("a car of three let in", [car(occupants=3)], {"private_car": (1, 1, 0, 0, 0, 3, 0)}, 0),
    ("a taxi referred: the whole vehicle", [car("taxi", decision="refer", occupants=2)],
     {"taxi": (1, 0, 0, 0, 1, 2, 0)}, 0),
    ("a coach going out with its 40", [car("bus", "out", occupants=40)], {"bus": (1, 0, 1, 0, 0, 40, 0)}, 0),
    ("a goods vehicle turned back, handed a leaflet", [car("goods", decision="refuse", leaflet=True)],
     {"goods": (1, 0, 0, 1, 0, 1, 1)}, 1),
    ("two ambulances", [car("emergency"), car("emergency", "out")], {"emergency": (2, 1, 1, 0, 0, 2, 0)}, 0),
    ("a void vehicle counts nowhere", [car(occupants=4, leaflet=True, voided=True)], {}, 0),
    ("persons on foot count leaflets, no vehicle", [walker(leaflet=True), walker("out", leaflet=True), walker()],
     {}, 2),
    ("a vehicle without a category is an other vehicle", [car(None, occupants=2)], {"other": (1, 1, 0, 0, 0, 2, 0)}, 0),
    ("leaflets of vehicles and persons add up", [car(leaflet=True), walker(leaflet=True), car("taxi")],
     {"private_car": (1, 1, 0, 0, 0, 1, 1), "taxi": (1, 1, 0, 0, 0, 1, 0)}, 2),
]


@pytest.mark.parametrize("what, passages, expected, leaflets", CASES, ids=[c[0] for c in CASES])
def test_tally_of_vehicles(what, passages, expected, leaflets):
    f = tally([], passages)
    assert [v.category for v in f.by_vehicle] == list(VEHICLE_CATEGORIES)
    found = {v.category: (v.vehicles, v.entered, v.left, v.refused, v.referred, v.occupants, v.leaflets)
             for v in f.by_vehicle if v.vehicles}
    assert found == expected
    assert f.leaflets == leaflets
    total = f.vehicles
    assert total.vehicles == sum(e[0] for e in expected.values())
    assert total.occupants == sum(e[5] for e in expected.values())


@pytest.mark.parametrize("persons, zero", [
    ([EntryFacts("in", "visitor", "admit"), EntryFacts("in", "visitor", "admit")], True),
    ([EntryFacts("in", "visitor", "refer", fever=True), EntryFacts("in", "visitor", "refer")], False),
])
def test_the_zero_report_is_the_persons_findings_whatever_the_vehicles(persons, zero):
    """A car let through is no finding; a car with a fever aboard is one, through its
    occupant's fever (the persons are tallied as before)."""
    figures = tally(persons, [car(decision="admit" if zero else "refer", occupants=2, leaflet=True)])
    assert figures.zero_report is zero and figures.fevers == (0 if zero else 1)


CST = dt.timezone(dt.timedelta(hours=8))


def report(figures: DayFigures, appendix=None) -> DailyReport:
    return DailyReport("G50沪渝高速江北出口", "JB-GS-01", "重庆市江北区", dt.date(2026, 11, 29),
                       dt.datetime(2026, 11, 29, 20, 0, tzinfo=CST), "王队长", figures, (), appendix)


def test_the_vehicle_table_and_the_summary_lines():
    f = tally([], [car(occupants=3, leaflet=True), car("bus", "out", occupants=40), car("taxi", decision="refer"),
                   walker(leaflet=True)])
    table = vehicle_table(report(f))
    assert table.key == "vehicles" and cell_text(table.title) == "Vehicles by category"
    assert [cell_text(h) for h in table.headers] == [
        "Vehicle category", "In", "Out", "Turned back", "To clinic", "Persons aboard", "Leaflets"]
    rows = [[cell_text(c) for c in row] for row in table.rows]
    assert rows == [
        ["Private car", "1", "0", "0", "0", "3", "1"], ["Taxi/ride-hailing", "0", "0", "0", "1", "1", "0"],
        ["Bus/coach", "0", "1", "0", "0", "40", "0"], ["Goods vehicle", "0", "0", "0", "0", "0", "0"],
        ["Emergency/official vehicle", "0", "0", "0", "0", "0", "0"], ["Other vehicle", "0", "0", "0", "0", "0", "0"],
        ["Total", "1", "1", "0", "1", "44", "1"]]
    assert table.rows[0][0].context == "labels"  # the categories' own labels, translated once
    [summary] = [t for t in figure_tables(report(f)) if t.key == "summary"]
    lines = {cell_text(row[0]): row[1] for row in summary.rows}
    assert (lines["Vehicles checked"], lines["Persons aboard the vehicles"], lines["Leaflets handed out"]) == (3, 44, 2)
    assert [t.key for t in figure_tables(report(f))] == ["summary", "categories", "vehicles", "hourly", "shifts"]


def test_the_appendix_shows_the_plate_beside_a_person_from_a_vehicle():
    moment = dt.datetime(2026, 11, 29, 9, 0, tzinfo=CST)
    person = AppendixPerson(7, moment, "赵六", "", "", "visitor", "in", 384, True, False, (), "refer", plate="鄂A12345")
    walker_ = AppendixPerson(8, moment, "李四", "", "", "visitor", "in", 384, True, False, (), "refer")
    table = appendix_table(report(tally([]), (person, walker_)))
    assert [cell_text(h) for h in table.headers][2:4] == ["Name", "Plate"]
    assert [row[2:4] for row in table.rows] == [("赵六", "鄂A12345"), ("李四", "")]
