"""Reading a watchlist (core/watch_import.py, through core/table_import.py): CSV in three
encodings and XLSX, dates in the forms Chinese users type, bad rows each with its
reason, duplicates within the file, formula-looking cells kept as text, missing columns."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from watch_lists import HEADER, ID_A, ID_B, MIXED, write_csv, write_xlsx

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.table_import import write_rejected
from checkpoint_app.core.watch_import import read_watchlist
from checkpoint_app.core.watchlist import WatchKind

TODAY = date(2020, 2, 2)


def problems_of(preview, line):
    return [(p.field, p.english()) for r in preview.rejected if r.line == line for p in r.problems]


@pytest.mark.parametrize("encoding, kind", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 BOM"), ("gb18030", "GB18030")])
def test_csv_in_each_encoding(tmp_path, encoding, kind):
    preview = read_watchlist(write_csv(tmp_path / "watch.csv", MIXED, encoding), TODAY)
    assert preview.kind == kind
    check_mixed(preview)


def test_xlsx_with_date_cells(tmp_path):
    table = [list(r) for r in MIXED]
    table[2][4] = datetime(2020, 2, 1)  # a date cell: openpyxl hands it back as a datetime
    table[4][1] = ID_B
    path = write_xlsx(tmp_path / "watch.xlsx", table)
    from openpyxl import load_workbook

    book = load_workbook(path)
    for ref, text in (("A11", "=1+1"), ("G11", "=2+3")):  # the literal text a user typed, not formulas
        book.active[ref].value, book.active[ref].data_type = text, "s"
    book.save(path)
    preview = read_watchlist(path, TODAY)
    assert preview.kind == "XLSX"
    check_mixed(preview)


def check_mixed(preview):
    assert [r.line for r in preview.valid] == [3, 4, 5, 11]
    li, wang, zhao, formula = (r.watch for r in preview.valid)
    assert (li.kind, li.name, li.id_number, li.room, li.start_date, li.end_date, li.reason) == (
        WatchKind.HOME_QUARANTINE, "李四", ID_A, "3-5-502", date(2020, 2, 1), date(2020, 2, 14), "武汉返回")
    assert (wang.kind, wang.room, wang.start_date, wang.end_date) == (
        WatchKind.HOME_QUARANTINE, "3-502", date(2020, 2, 3), date(2020, 2, 17))
    assert (zhao.kind, zhao.id_number, zhao.room, zhao.end_date) == (
        WatchKind.MEDICAL_OBSERVATION, ID_B, "", date(2020, 2, 10))
    assert (formula.name, formula.reason) == ("=1+1", "=2+3")  # literal text, never evaluated
    assert problems_of(preview, 6) == [("name", "Enter the name.")]
    assert problems_of(preview, 7) == [("kind", "Choose home quarantine or medical observation.")]
    assert problems_of(preview, 8) == [("end_date", "The end date 2020-02-03 is before the start date 2020-02-10.")]
    assert problems_of(preview, 9) == [("id_number", "The same ID number is already on line 3.")]
    assert problems_of(preview, 10) == [("name", "The same name in the same room is already on line 4.")]
    assert problems_of(preview, 13) == [("start_date", "2020年2月30日: month 2 has no day 30.")]
    assert [w.english() for w in preview.warnings] == [
        "The column \"联系人\" is not one the register knows; it was ignored."]
    assert preview.rows == 10


def test_english_headers(tmp_path):
    path = tmp_path / "watch.csv"
    path.write_text("Name,ID_Number,Room,Kind,Start,End,Reason\n李四,,3-5-502,medical_observation,2020-02-01,,\n",
                    encoding="utf-8")
    preview = read_watchlist(path, TODAY)
    assert [(r.line, r.watch.kind, r.watch.end_date) for r in preview.valid] == [
        (2, WatchKind.MEDICAL_OBSERVATION, date(2020, 2, 15))]


@pytest.mark.parametrize("content, message", [
    (b"", "watch.csv is empty: there is no watchlist in it."),
    ("姓名,房号\r\n".encode(), "watch.csv names its columns but lists nobody."),
    ("姓名,类型\r\n李四,居家隔离\r\n".encode("gb18030"),
     "watch.csv has no column for room (房号) / id_number (身份证号). The first row must name the columns, e.g. 姓名, "
     "身份证号, 房号, 类型, 开始日期, 结束日期, 原因."),
    ("姓名,房号,开始日期,开始时间\r\n".encode(), "Two columns are for 开始日期 (\"开始日期\" and \"开始时间\"); keep one."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "watch.csv is not a text table (CSV) or an Excel workbook (.xlsx): it may "
                                           "be another kind of file renamed. Save the list from Excel as CSV or .xlsx."),
])
def test_files_that_cannot_be_used(tmp_path, content, message):
    path = tmp_path / "watch.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        read_watchlist(path, TODAY)
    assert [(p.field, p.english()) for p in caught.value.problems] == [("file", message)]


def test_rejected_rows_are_written_with_formulas_as_text(tmp_path):
    preview = read_watchlist(write_csv(tmp_path / "watch.csv", MIXED + [["=cmd", "", "", "", "", "", "", ""]]), TODAY)
    out = io.StringIO()
    assert write_rejected(preview, out) == 7
    lines = out.getvalue().splitlines()
    assert lines[0] == "line," + ",".join(HEADER) + ",联系人,reason"
    assert lines[-1].startswith("14,'=cmd,")
