"""Spreadsheet cells that are safe to open: every CSV and XLSX the app writes goes through here.

Why: a list a guard imported, a name typed at the gate or a station name can start with
`=`, `+`, `-` or `@`; Excel and WPS run such a cell as a formula when the office opens the
file (`=HYPERLINK(...)` phones home, `=cmd|...` ran programs: "CSV injection", OWASP).
Leading tab and CR are stripped by spreadsheets before they look, so they count too. And an
ID number or a phone read as a number loses its leading zeros, or all digits after the
15th (420102198001010011 -> 4.20102E+17), and the list cannot be fixed and imported again.

How to use it (one place, so every writer does the same):

- CSV: `csv_cell(value)` (or `csv_row(values)`) for each cell. A formula-like value gets an
  apostrophe in front (OWASP's advice: the cell shows `'=HYPERLINK(...)`, never runs). A
  value of digits only that a spreadsheet would turn into a number and damage (12 digits
  or more, or a leading zero: ID numbers, phones, serial numbers) gets a tab in front,
  which makes Excel and WPS keep it as text and which our own importer strips again.
  `text=True` forces that for a column known to hold ID numbers or phones.
- XLSX (openpyxl): `xlsx_cell(sheet, row, column, value)` (or `append_xlsx_row(sheet,
  values)`) instead of `sheet.cell(..., value=...)` / `sheet.append(...)`: a text value is
  stored as a string cell (data type "s"; openpyxl alone makes a formula of any string
  starting with "="), and a formula-like or number-like one also gets Excel's quote
  prefix, so it stays text when someone edits the cell. A control character an XLSX cannot
  hold (a hostile enrollment's station name, a pasted list) becomes U+FFFD instead of
  failing the whole file. Numbers, dates and None are written as they are.

Pure functions: no openpyxl import here (the sheet is passed in)."""

from __future__ import annotations

from typing import Any, Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula
LONG_NUMBER = 12  # from this many digits a spreadsheet shows or keeps a number wrongly


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def is_number_like(text: str) -> bool:
    """Digits a spreadsheet would damage as a number: 12 or more, or with a leading zero."""
    return text.isascii() and text.isdigit() and (len(text) >= LONG_NUMBER or (len(text) > 1 and text[0] == "0"))


def csv_cell(value: object, text: bool = False) -> str:
    """A CSV cell a spreadsheet shows as the text it is, never runs as a formula."""
    if value is None:
        return ""
    out = str(value)
    if is_formula_like(out):
        return "'" + out
    if out and (is_number_like(out) or (text and out.isascii() and out.isdigit())):
        return "\t" + out
    return out


def csv_row(values: Iterable[object], text_columns: Iterable[int] = ()) -> list[str]:
    """`csv_cell` over a row; `text_columns` (0-based) hold ID numbers or phones."""
    forced = set(text_columns)
    return [csv_cell(value, index in forced) for index, value in enumerate(values)]


# what an XLSX cell cannot hold (XML 1.0 has no place for them): C0 controls but tab, LF, CR
_NOT_IN_XLSX = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], "\ufffd")


def xlsx_text(text: str) -> str:
    """`text` as a cell can hold it: a control character an XLSX cannot store (openpyxl
    refuses the whole file for one) shown as U+FFFD "\ufffd" instead."""
    return text.translate(_NOT_IN_XLSX)


def xlsx_cell(sheet: Any, row: int, column: int, value: object, text: bool = False) -> Any:
    """Write `value` into an openpyxl worksheet's cell (1-based) so that Excel never
    evaluates it: text as a string cell, with the quote prefix when it looks like a formula
    or a number (or `text`). Returns the cell (for styling)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"  # openpyxl made "=..." a formula ("f"); a cell of ours never is
        if is_formula_like(value) or is_number_like(value) or (text and value.isascii() and value.isdigit()):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def append_xlsx_row(sheet: Any, values: Iterable[object], text_columns: Iterable[int] = ()) -> int:
    """Write `values` as the next row of `sheet` through `xlsx_cell`; the row's number."""
    forced = set(text_columns)
    empty = sheet.max_row == 1 and sheet.max_column == 1 and sheet.cell(row=1, column=1).value is None
    row = 1 if empty else sheet.max_row + 1
    for index, value in enumerate(values):
        xlsx_cell(sheet, row, index + 1, value, index in forced)
    return row
