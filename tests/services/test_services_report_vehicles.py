"""The daily report with vehicles (issue 7, Build 4): the SQL figures (db/report_queries,
GROUP BY) are the core definition (core/daily_report.tally, one person and one passage
at a time) on a road day; the CSV carries the vehicle section in either language; the
appendix names the vehicle a person to follow up was in."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from actors import supervisor
from report_day import DAY, at, make_day
from sqlmodel import select
from vehicles import vehicle

from checkpoint_app.core.daily_report import EntryFacts, PassageFacts, tally

from checkpoint_app.db import report_queries
from checkpoint_app.db.models import Passage, PersonCheck

from checkpoint_app.services.report import csv_rows

FEVER_ABOARD = "车上发热"


def road_day(ctx, clock) -> None:
    """The report fixture's day (persons on foot) with vehicles of every kind added."""
    make_day(ctx, clock)
    at(clock, 9, 40)
    vehicle(ctx, [{"name": "王五"}, {"name": "赵六", "category": "resident"}, {"name": "钱七"}], leaflet=True)
    at(clock, 10, 40)
    vehicle(ctx, [{"name": "孙八"}, {"name": FEVER_ABOARD, "fever": True, "temp1": 386, "temp2": 385}],
            plate="鄂A11111", decision="refer", vehicle_category="taxi", leaflet=True)
    at(clock, 11, 40)
    vehicle(ctx, [{"name": f"乘客{n}"} for n in range(40)], plate="渝B22222", vehicle_category="bus", direction="out")
    at(clock, 12, 40)
    vehicle(ctx, [{"name": "吴十"}], plate="渝C33333", vehicle_category="goods", decision="refuse", leaflet=True)
    at(clock, 13, 40)
    void = vehicle(ctx, [{"name": "作废"}], plate="渝D44444", vehicle_category="emergency", leaflet=True)
    ctx.register.void(supervisor(ctx), void, "重复登记")
    at(clock, 0, 20, DAY + dt.timedelta(days=1))
    vehicle(ctx, [{"name": "明天"}], plate="渝E55555", leaflet=True)  # another day: not counted


@pytest.fixture
def day(ctx, clock):
    road_day(ctx, clock)
    return DAY


def test_the_sql_figures_are_the_core_definition_with_vehicles(ctx, day):
    with ctx.session() as session:
        rows = session.exec(select(Passage, PersonCheck).join(PersonCheck, PersonCheck.passage_id == Passage.id)
                            .where(Passage.local_date == day).order_by(Passage.id, PersonCheck.position)).all()
        sql = report_queries.day_figures(session.connection(), day)

    def local_hour(e: Passage) -> int:
        return (e.recorded_at.replace(tzinfo=dt.timezone.utc) + dt.timedelta(minutes=e.utc_offset_min)).hour

    persons = [EntryFacts(e.direction, p.category, e.decision, p.fever, p.key_area, p.symptoms, e.voided, local_hour(e))
               for e, p in rows]
    passages = {e.id: e for e, _ in rows}
    aboard = {pid: sum(1 for e, _ in rows if e.id == pid) for pid in passages}
    facts = [PassageFacts(e.kind, e.direction, e.decision, e.vehicle_category, aboard[e.id], e.leaflet, e.voided)
             for e in passages.values()]
    assert sql == tally(persons, facts)
    f = sql
    assert {v.category: (v.vehicles, v.entered, v.left, v.refused, v.referred, v.occupants, v.leaflets)
            for v in f.by_vehicle if v.vehicles} == {
        "private_car": (1, 1, 0, 0, 0, 3, 1), "taxi": (1, 0, 0, 0, 1, 2, 1), "bus": (1, 0, 1, 0, 0, 40, 0),
        "goods": (1, 0, 0, 1, 0, 1, 1)}
    assert (f.vehicles.vehicles, f.vehicles.occupants, f.leaflets) == (4, 46, 3)
    # the occupants are persons: the fixture's 13 + 46 registered, its one fever + the taxi's
    assert (f.registered, f.fevers, f.referrals) == (13 + 46, 2, 1 + 2)


def test_the_csv_has_the_vehicle_section(ctx, day):
    report = ctx.reports.daily(supervisor(ctx), day)
    rows = csv_rows(report)
    start = rows.index(["Vehicles by category"])
    assert rows[start + 1] == ["Vehicle category", "In", "Out", "Turned back", "To clinic", "Persons aboard", "Leaflets"]
    assert rows[start + 2:start + 9] == [
        ["Private car", "1", "0", "0", "0", "3", "1"], ["Taxi/ride-hailing", "0", "0", "0", "1", "2", "1"],
        ["Bus/coach", "0", "1", "0", "0", "40", "0"], ["Goods vehicle", "0", "0", "1", "0", "1", "1"],
        ["Emergency/official vehicle", "0", "0", "0", "0", "0", "0"], ["Other vehicle", "0", "0", "0", "0", "0", "0"],
        ["Total", "1", "1", "1", "1", "46", "3"]]
    assert ["Vehicles checked", "4"] in rows and ["Persons aboard the vehicles", "46"] in rows
    assert ["Leaflets handed out", "3"] in rows


def test_the_csv_speaks_chinese(ctx, day, tmp_path):
    report = ctx.reports.daily(supervisor(ctx), day)
    chinese = {("report", "Vehicles by category"): "分类车辆", ("labels", "Taxi/ride-hailing"): "出租车/网约车",
               ("report", "Leaflets handed out"): "发放宣传单"}
    path = tmp_path / "日报.csv"
    ctx.reports.write_csv(supervisor(ctx), report, path, "gb18030", tr=lambda c, t: chinese.get((c, t), t))
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("gb18030"), newline="")))
    assert ["分类车辆"] in rows and ["出租车/网约车", "0", "0", "0", "1", "2", "1"] in rows
    assert ["发放宣传单", "3"] in rows


def test_the_appendix_names_the_vehicle_of_a_person_to_follow_up(ctx, day):
    persons = ctx.reports.daily(supervisor(ctx), day, appendix=True).appendix
    found = {p.name: p.plate for p in persons}
    assert found[FEVER_ABOARD] == found["孙八"] == "鄂A11111"  # the fever, and the one referred with them
    assert all(plate is None for name, plate in found.items() if name not in (FEVER_ABOARD, "孙八"))  # on foot
