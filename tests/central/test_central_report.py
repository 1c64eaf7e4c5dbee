"""Who reported (issue 9 item 5): gaps per station, and the completeness report of a fixture
district — posts that reported on time, reported zero, reported late, did not report, and
one not yet active — with its XLSX (formula injection neutralised, codes as text)."""

from __future__ import annotations

import datetime as dt

import pytest
from batches import CST, FakeStation, office_keys, write

from checkpoint_app.central.district import LATE, MISSING, ON_TIME, default_deadline
from checkpoint_app.central.report_table import post_rows, summary_rows, write_xlsx

DAY = dt.date(2020, 2, 13)
EARLY = dt.date(2020, 2, 1)


def enroll(service, tmp_path, code, name, district, active_from=EARLY) -> FakeStation:
    station = FakeStation(code, name=name, district=district)
    service.enroll(station.write_enrollment(tmp_path), active_from=active_from)
    return station


def send(service, station, records, stick, first_day=DAY):
    path = write(station.seal(records, first_day), stick)
    [result] = service.import_paths([path], office_keys().identity)
    assert result.status == "imported", result.reason
    return result


@pytest.fixture
def district(office, clock, tmp_path, stick):
    """Two sub-districts: 花山街道 with an on-time, a zero and a late report; 左岭街道 with a
    post that did not report and one not yet active on the day."""
    on_time = enroll(office, tmp_path, "HS-01", "花山一号卡口", "花山街道")
    zero = enroll(office, tmp_path, "HS-02", "=HYPERLINK(\"http://evil\")", "花山街道")
    late = enroll(office, tmp_path, "HS-03", "花山三号卡口", "花山街道")
    silent = enroll(office, tmp_path, "ZL-01", "左岭一号卡口", "左岭街道")
    enroll(office, tmp_path, "ZL-02", "左岭新卡口", "左岭街道", active_from=DAY + dt.timedelta(days=3))
    clock.now = dt.datetime(2020, 2, 14, 8, 0, tzinfo=CST)
    send(office, on_time, [on_time.passage(DAY), on_time.day(DAY)], stick)
    send(office, zero, [zero.day(DAY, zero=True)], stick)
    send(office, silent, [silent.day(DAY - dt.timedelta(days=1), zero=True)], stick,
         first_day=DAY - dt.timedelta(days=1))
    clock.now = dt.datetime(2020, 2, 14, 11, 30, tzinfo=CST)  # after the deadline (10:00)
    send(office, late, [late.day(DAY, persons=7, vehicles=2, fevers=0, referrals=0, refused=3, key_area=1,
                                 alerts=0)], stick)
    office.fixture_stations = {s.code: s for s in (on_time, zero, late, silent)}  # for the tests that send more
    return office


def test_the_deadline_is_the_next_day_at_ten_local():
    assert default_deadline(DAY, CST) == dt.datetime(2020, 2, 14, 10, 0, tzinfo=CST)


def test_the_report_names_who_reported_on_time_late_zero_and_who_is_missing(district):
    report = district.report(DAY)
    assert [g.district for g in report.groups] == ["左岭街道", "花山街道"]  # in code point order, on both databases
    zuoling, huashan = report.groups
    assert {p.code: p.status for p in huashan.posts} == {"HS-01": ON_TIME, "HS-02": ON_TIME, "HS-03": LATE}
    assert [p.code for p in huashan.zero] == ["HS-02"]
    assert [p.code for p in zuoling.posts] == ["ZL-01"] and zuoling.posts[0].status == MISSING
    assert [p.name for p in zuoling.missing] == ["左岭一号卡口"]
    assert report.not_active == ["ZL-02"]
    assert report.counts() == {"expected": 4, "reported": 3, "zero": 1, "on_time": 2, "late": 1, "missing": 1}
    # totals: HS-01's figures (the test station's default day) + HS-03's; the zero report adds nothing,
    # the missing post is not a zero
    assert report.totals() == {"persons": 12 + 7, "vehicles": 3 + 2, "fevers": 1, "referrals": 1, "refused": 1 + 3,
                               "key_area": 2 + 1, "alerts": 1}


def test_a_later_deadline_makes_the_late_post_on_time(district):
    report = district.report(DAY, dt.datetime(2020, 2, 14, 12, 0, tzinfo=CST))
    assert report.counts()["late"] == 0 and report.counts()["on_time"] == 3


def test_a_revision_imported_later_keeps_the_first_declarations_time(district, clock, stick):
    station = district.fixture_stations["HS-01"]
    clock.now = dt.datetime(2020, 2, 20, 9, 0, tzinfo=CST)
    send(district, station, [station.day(DAY, revision=2, persons=13)], stick)
    post = {p.code: p for p in district.report(DAY).posts}["HS-01"]
    assert post.status == ON_TIME and post.revision == 2 and post.figures["persons"] == 13


def test_summary_rows_name_the_missing_posts_and_sum_the_totals(district):
    rows = summary_rows(district.report(DAY))
    assert rows[0][:8] == ["Sub-district", "Expected posts", "Reported", "Zero reports", "On time", "Late",
                           "Missing", "Missing posts"]
    assert rows[1][:8] == ["左岭街道", 1, 0, 0, 0, 0, 1, "左岭一号卡口"]
    assert rows[2][:8] == ["花山街道", 3, 3, 1, 2, 1, 0, ""]
    assert rows[3][:7] == ["All sub-districts", 4, 3, 1, 2, 1, 1]


def test_the_xlsx_writes_every_cell_that_could_run_as_text(district, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "district.xlsx"
    write_xlsx(district.report(DAY), path)
    book = load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    dangerous = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert [c.value for c in dangerous] == ["=HYPERLINK(\"http://evil\")"]
    assert all(c.data_type == "s" and c.quotePrefix for c in dangerous)
    assert not any(c.data_type == "f" for c in cells)
    codes = [c for c in cells if c.value in ("HS-01", "ZL-01")]
    assert codes and all(c.data_type == "s" for c in codes)
    posts = book.worksheets[1]
    assert [c.value for c in posts[1]][:4] == ["Sub-district", "Post", "Code", "Status"]
    assert len(post_rows(district.report(DAY))) == posts.max_row


def test_xlsx_cells_starting_with_any_formula_character_stay_text(tmp_path):
    from openpyxl import Workbook, load_workbook

    from checkpoint_app.central.report_table import _fill

    values = ["=1+1", "+86 138", "-5", "@SUM(A1)", "\t=1", "\r=1", "420106198001010012", "王建国"]
    book = Workbook()
    _fill(book.active, [[value] for value in values])  # the report's writer (core/cells.py xlsx_cell)
    book.save(tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    stored = [sheet.cell(row=n, column=1) for n in range(1, len(values) + 1)]
    assert [c.value for c in stored] == [v.replace("\r", "\n") for v in values]  # XML reads CR back as LF
    assert all(c.data_type == "s" for c in stored)
    assert [bool(c.quotePrefix) for c in stored] == [True] * 7 + [False]  # an ID number stays text too


def test_gaps_list_missing_batch_numbers_and_undeclared_days(office, tmp_path, stick):
    station = enroll(office, tmp_path, "HS-01", "花山一号卡口", "花山街道", active_from=DAY)
    enroll(office, tmp_path, "HS-02", "花山二号卡口", "花山街道", active_from=DAY + dt.timedelta(days=1))
    days = [DAY + dt.timedelta(days=n) for n in range(5)]
    batches = [station.seal([station.day(d)], d) for d in days]
    for n in (0, 2, 4):  # batches 2 and 4 (days 2 and 4) never arrive
        path = write(batches[n], stick)
        assert office.import_paths([path], office_keys().identity)[0].status == "imported"
    gaps = {g.code: g for g in office.gaps(days[4] + dt.timedelta(days=2))}
    assert gaps["HS-01"].missing_batches == [2, 4]
    assert gaps["HS-01"].missing_days == [days[1], days[3], days[4] + dt.timedelta(days=1)]
    assert gaps["HS-02"].missing_batches == []
    assert gaps["HS-02"].missing_days == [d for d in days[1:]] + [days[4] + dt.timedelta(days=1)]
    assert not gaps["HS-01"].complete



def test_a_retired_post_is_no_longer_expected(district):
    district.set_active("ZL-01", retired_on=DAY)
    report = district.report(DAY)
    assert report.counts()["missing"] == 0 and "ZL-01" in report.not_active
