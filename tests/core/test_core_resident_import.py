"""Reading a residents list: CSV in three encodings and XLSX, bad rows, duplicates,
formula-looking cells, binary and empty files, missing columns (core/resident_import.py)."""

from __future__ import annotations

import csv
import io
import string
from datetime import date, datetime

import pytest
from resident_lists import HEADER, id_number, rows, unique_id_number, write_csv, write_xlsx

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.resident_import import read_residents, write_rejected
from checkpoint_app.core.resident_rules import ResidentDraft, split_plates, validate_resident

TODAY = date(2020, 2, 2)
ID_A, ID_B, ID_C = unique_id_number(1), unique_id_number(2), unique_id_number(3)

MIXED = [
    ["小区住户名单（2020年2月）"],  # a title row above the header
    HEADER + ["备注"],
    ["李四", "3栋5单元502室", "138 1234 5678", ID_A, "渝A12345、渝B2345D", "JB0001", "业主"],
    ["王五", "3-502", "", "", "", "", ""],
    ["", "3-5-502", "13812345678", "", "", "", "no name"],  # rejected: name
    ["赵六", "五栋", "12345", "", "", "", ""],  # rejected: room and phone
    ["钱七", "1-1-101", "", ID_A, "", "", ""],  # rejected: ID of line 3
    ["孙八", "1-1-102", "", "", "", "jb0001", ""],  # rejected: pass code of line 3
    ["=1+1", "1-1-103", "", "", "", "", "formula kept"],
    ["@周九", "1-1-104", "+8613912345678", "", "", "", ""],
    [],
    ["吴十", "1-1-105", "", "'" + ID_B, "", "", ""],
]


def problems_of(preview, line):
    return [(p.field, p.english()) for r in preview.rejected if r.line == line for p in r.problems]


@pytest.mark.parametrize("encoding, kind", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 BOM"), ("gb18030", "GB18030"),
                                            ("gbk", "GB18030")])
def test_csv_in_each_encoding_gives_the_same_preview(tmp_path, encoding, kind):
    preview = read_residents(write_csv(tmp_path / "list.csv", MIXED, encoding), TODAY)
    assert preview.kind == kind
    check_mixed(preview)


def test_xlsx_gives_the_same_preview(tmp_path):
    table = [list(r) for r in MIXED]
    table[11][3] = ID_B  # openpyxl writes it as text
    table[8][0] = "=1+1"
    path = write_xlsx(tmp_path / "list.xlsx", table)
    from openpyxl import load_workbook

    book = load_workbook(path)
    cell = book.active["A9"]  # openpyxl stores "=1+1" as a formula: make it the literal text a user typed
    cell.value, cell.data_type = "=1+1", "s"
    book.save(path)
    preview = read_residents(path, TODAY)
    assert preview.kind == "XLSX"
    check_mixed(preview)


def check_mixed(preview):
    assert [r.line for r in preview.valid] == [3, 4, 9, 10, 12]
    li = preview.valid[0].resident
    assert (li.name, li.room, li.phone, li.phone_tail, li.id_number, li.plates, li.pass_code) == (
        "李四", "3-5-502", "13812345678", "5678", ID_A, ("渝A12345", "渝B2345D"), "JB0001")
    wang = preview.valid[1].resident
    assert (wang.room, wang.phone, wang.id_number, wang.plates, wang.pass_code) == ("3-502", None, None, (), None)
    assert preview.valid[2].resident.name == "=1+1"  # literal text, never evaluated
    assert preview.valid[3].resident.name == "@周九" and preview.valid[3].resident.phone == "13912345678"
    assert preview.valid[4].resident.id_number == ID_B  # the apostrophe Excel puts before text is dropped
    assert problems_of(preview, 5) == [("name", "Enter the name.")]
    assert [f for f, _ in problems_of(preview, 6)] == ["room", "phone"]
    assert problems_of(preview, 7) == [("id_number", "The same ID number is already on line 3.")]
    assert problems_of(preview, 8) == [("pass_code", "The same resident-pass code is already on line 3.")]
    assert [w.english() for w in preview.warnings] == [
        "The column \"备注\" is not one the register knows; it was ignored."]
    assert preview.fields == frozenset({"name", "room", "phone", "id_number", "plates", "pass_code"})
    assert preview.rows == 9


def test_english_headers_in_any_case_and_tab_separated(tmp_path):
    text = "Name\tROOM\tPhone\tID Number\tplates\tPass_Code\n李四\t3-5-502\t13812345678\t\t\t\n"
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    preview = read_residents(path, TODAY)
    assert [(r.line, r.resident.room) for r in preview.valid] == [(2, "3-5-502")]
    assert preview.warnings == []


def test_numbers_in_a_workbook(tmp_path):
    """A phone stored as a number reads back whole; an ID number cannot (18 digits do not
    fit in Excel's numbers): it is refused with the way out, never rounded into another's."""
    path = write_xlsx(tmp_path / "ids.xlsx", [HEADER, ["李四", "1-1-101", 13812345678, None, "", 1234],
                                                      ["王五", "1-1-102", None, int(ID_C), "", ""]])
    preview = read_residents(path, TODAY)
    assert [(r.line, r.resident.phone, r.resident.pass_code) for r in preview.valid] == [(2, "13812345678", "1234")]
    assert problems_of(preview, 3) == [("id_number", "The spreadsheet stored this ID number as a number and lost its "
                                                     "last digits; format the column as text and type the number again.")]


def test_a_date_cell_is_text_not_a_crash(tmp_path):
    path = write_xlsx(tmp_path / "dates.xlsx", [HEADER, ["李四", "1-101", datetime(2020, 2, 3), "", "", ""]])
    preview = read_residents(path, TODAY)
    assert [p.field for r in preview.rejected for p in r.problems] == ["phone"]
    assert preview.rejected[0].cells[2] == "2020-02-03"


@pytest.mark.parametrize("content, message", [
    (b"", "list.csv is empty: there is no list of residents in it."),
    (b" \r\n\r\n", "list.csv is empty: there is no list of residents in it."),
    (b",,,\r\n,,\r\n", "list.csv is empty: there is no list of residents in it."),
    ("姓名,楼栋单元房号\r\n".encode(), "list.csv names its columns but lists no residents."),
    ("姓名,手机\r\n李四,13812345678\r\n".encode("gb18030"),
     "list.csv has no column for room (楼栋单元房号). The first row must name the columns, e.g. 姓名, 楼栋单元房号, 手机, "
     "身份证号, 车牌, 通行证."),
    ("名称,地址\r\n".encode(),
     "list.csv has no column for name (姓名), room (楼栋单元房号). The first row must name the columns, e.g. 姓名, "
     "楼栋单元房号, 手机, 身份证号, 车牌, 通行证."),
    ("姓名,房号,名字\r\n".encode(), "Two columns are for 姓名 (\"姓名\" and \"名字\"); keep one."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "list.csv is not a text table (CSV) or an Excel workbook (.xlsx): it may be "
                                           "another kind of file renamed. Save the list from Excel as CSV or .xlsx."),
    (b"\xff\xfe\x1b\x00", "list.csv is not a text table (CSV) or an Excel workbook (.xlsx): it may be another kind of "
                          "file renamed. Save the list from Excel as CSV or .xlsx."),
    (b"name,room\r\n\x80\xff\x80\xff,1-1-101\r\n", "list.csv is not a text table (CSV) or an Excel workbook (.xlsx): it "
                                                  "may be another kind of file renamed. Save the list from Excel as "
                                                  "CSV or .xlsx."),
    (b"name,room\r\nab\x1bc,1-1-101\r\n", "list.csv is not a text table (CSV) or an Excel workbook (.xlsx): it may be "
                                         "another kind of file renamed. Save the list from Excel as CSV or .xlsx."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "list.csv is an old Excel workbook (.xls): save it as .xlsx or CSV first."),
    (b"PK\x03\x04broken", "list.csv cannot be read as an Excel workbook (BadZipFile); open it in Excel and save it again "
                          "as .xlsx or CSV."),
    (b'name,room\r\n"unclosed,1-1-101\r\n', None),
])
def test_files_that_cannot_be_used_are_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    if message is None:  # an unclosed quote swallows the rest: the file as one row, rejected
        preview = read_residents(path, TODAY)
        assert preview.valid == [] and len(preview.rejected) == 1
        return
    with pytest.raises(InvalidInput) as caught:
        read_residents(path, TODAY)
    found = caught.value.problems
    assert [(p.field, p.english()) for p in found] == [("file", message)]
    names = {n for _, n, _, _ in string.Formatter().parse(found[0].template) if n}
    assert names == set(found[0].params)


def test_a_missing_file_and_a_folder(tmp_path):
    for path, message in [(tmp_path / "nope.csv", f"{tmp_path / 'nope.csv'} does not exist."),
                          (tmp_path, f"{tmp_path} is a folder, not a file.")]:
        with pytest.raises(InvalidInput) as caught:
            read_residents(path, TODAY)
        assert caught.value.problems[0].english() == message


def test_an_empty_workbook(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        read_residents(write_xlsx(tmp_path / "empty.xlsx", []), TODAY)
    assert caught.value.problems[0].english() == "empty.xlsx is empty: there is no list of residents in it."


def test_ten_thousand_residents(tmp_path):
    table = [HEADER] + rows(10_000)
    table[5001][3] = table[17][3]  # a duplicate ID on line 5002 (the first on line 18)
    preview = read_residents(write_csv(tmp_path / "big.csv", table, "gb18030"), TODAY)
    assert len(preview.valid) == 9_999
    assert [(r.line, [p.english() for p in r.problems]) for r in preview.rejected] == [
        (5002, ["The same ID number is already on line 18."])]
    assert preview.valid[-1].line == 10_001


def test_rejected_rows_are_written_as_utf8_with_bom_and_safe_cells(tmp_path):
    preview = read_residents(write_csv(tmp_path / "list.csv", MIXED, "gb18030"), TODAY)
    out = tmp_path / "rejected.csv"
    assert write_rejected(preview, out) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0] == ["line", *HEADER, "备注", "reason"]
    assert [row[0] for row in table[1:]] == ["5", "6", "7", "8"]
    assert table[1][-1] == "name: Enter the name."
    assert table[2][-1].startswith("room: ") and "; phone: " in table[2][-1]
    formula = write_csv(tmp_path / "f.csv", [HEADER, ["=cmd", "", "", "", "", ""]])
    out2 = tmp_path / "rejected2.csv"
    write_rejected(read_residents(formula, TODAY), out2, describe=lambda p: p.field, line_header="行号",
                   reason_header="原因")
    table = list(csv.reader(io.StringIO(out2.read_text(encoding="utf-8-sig"))))
    assert table == [["行号", *HEADER, "原因"], ["2", "'=cmd", "", "", "", "", "", "room"]]


@pytest.mark.parametrize("text, plates", [
    ("渝A12345", ["渝A12345"]),
    ("渝A12345、渝B23456", ["渝A12345", "渝B23456"]),
    ("渝A12345,渝B23456，渝C34567;渝D45678；渝E56789", ["渝A12345", "渝B23456", "渝C34567", "渝D45678", "渝E56789"]),
    ("渝A 12345", ["渝A 12345"]),  # one plate written with a space
    ("渝A12345 渝B23456", ["渝A12345", "渝B23456"]),
    ("", []),
])
def test_plates_in_one_cell(text, plates):
    assert split_plates(text) == plates


@pytest.mark.parametrize("draft, fields", [
    (ResidentDraft(name="李四", room="3-5-502", plates="渝A1234"), ["plates"]),
    (ResidentDraft(name="李四", room="3-5-502", pass_code="JB#1"), ["pass_code"]),
    (ResidentDraft(name="李四", room="3-5-502", pass_code="J" * 41), ["pass_code"]),
    (ResidentDraft(name="李四", room="3-5-502", plates="、".join(f"渝A{n:05d}" for n in range(11))), ["plates"]),
    (ResidentDraft(name="李四", room="3-5-502", id_number="500101199001011234"), ["id_number"]),
    (ResidentDraft(name="", room=""), ["name", "room"]),
])
def test_resident_rules_collect_every_problem(draft, fields):
    with pytest.raises(InvalidInput) as caught:
        validate_resident(draft, TODAY)
    assert [p.field for p in caught.value.problems] == fields
    for found in caught.value.problems:
        names = {n for _, n, _, _ in string.Formatter().parse(found.template) if n}
        assert names == set(found.params)


def test_resident_rules_accept_foreign_phones_and_passports():
    valid = validate_resident(ResidentDraft(name="John Smith", room="1-101", phone="+44 7911 123456",
                                            id_number="e1234 5678", plates="渝a12345", pass_code="jb-01"), TODAY)
    assert (valid.phone, valid.phone_tail, valid.id_number, valid.plates, valid.pass_code) == (
        "+447911123456", "3456", "E12345678", ("渝A12345",), "JB-01")


def test_id_helper_makes_valid_numbers():
    assert validate_resident(ResidentDraft(name="李四", room="1-101", id_number=id_number(7)), TODAY).id_number
