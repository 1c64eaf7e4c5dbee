"""Reading a residents list (住户名单) from the property office: CSV or XLSX into a preview.

The file is read by core/table_import.py (encodings, XLSX, the header, formula-safe
cells, rejected rows written out), shared with the watchlist's import; this module says
what a residents list is: its columns (found by their Chinese or English names; a name
and a room column are required), each row checked with core/resident_rules.py (one rule
set with the hand-entered resident), and an ID number or resident-pass code seen on an
earlier row rejecting the later row, naming the first line. Nothing here writes to the
register: the preview goes to services/residents.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.resident_rules import FIELDS, ResidentDraft, ValidResident, validate_resident
from checkpoint_app.core.table_import import (
    FORMULA_START,
    ImportPreview,
    RejectedRow,
    TableSpec,
    read_table,
    safe_cell,
    write_rejected,
)

__all__ = ["ImportPreview", "ImportedRow", "RejectedRow", "read_residents", "write_rejected", "COLUMN_NAMES",
           "REQUIRED", "RESIDENTS", "safe_cell", "FORMULA_START"]

REQUIRED = ("name", "room")
# Column names as property offices write them; compared without case, spaces, '_', '-', '*'.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "住户姓名", "业主姓名", "name"),
    "room": ("楼栋单元房号", "房号", "房间号", "门牌号", "楼栋房号", "住址", "room"),
    "phone": ("手机", "电话", "手机号", "手机号码", "联系电话", "电话号码", "phone", "mobile"),
    "id_number": ("身份证号", "身份证号码", "身份证", "证件号码", "证件号", "id_number", "idnumber", "id"),
    "plates": ("车牌", "车牌号", "车牌号码", "plates", "plate"),
    "pass_code": ("通行证", "通行证号", "出入证", "出入证号", "pass_code", "passcode"),
}
_LABELS = {"name": "姓名", "room": "楼栋单元房号", "phone": "手机", "id_number": "身份证号", "plates": "车牌",
           "pass_code": "通行证"}


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """A valid row and the line of the file it came from (1 = the first line)."""

    line: int
    resident: ValidResident


def _check(values: dict[str, str], today: dt.date) -> ValidResident:
    return validate_resident(ResidentDraft(**{name: values.get(name, "") for name in FIELDS}), today)


def _duplicate(resident: ValidResident, line: int, first_line: dict[tuple[str, str], int]) -> Problem | None:
    """A problem when this row's ID number or pass code was on an earlier row; else the
    row's values are remembered."""
    if resident.id_number and ("id_number", resident.id_number) in first_line:
        return problem("id_number", QT_TRANSLATE_NOOP(
            "problems", "The same ID number is already on line {line}."), line=first_line[("id_number", resident.id_number)])
    if resident.pass_code and ("pass_code", resident.pass_code) in first_line:
        return problem("pass_code", QT_TRANSLATE_NOOP(
            "problems", "The same resident-pass code is already on line {line}."),
            line=first_line[("pass_code", resident.pass_code)])
    if resident.id_number:
        first_line[("id_number", resident.id_number)] = line
    if resident.pass_code:
        first_line[("pass_code", resident.pass_code)] = line
    return None


def _empty(file: str) -> InvalidInput:
    return InvalidInput([problem("file", QT_TRANSLATE_NOOP(
        "problems", "{file} is empty: there is no list of residents in it."), file=file)])


def _no_rows(file: str) -> InvalidInput:
    return InvalidInput([problem("file", QT_TRANSLATE_NOOP(
        "problems", "{file} names its columns but lists no residents."), file=file)])


def _no_columns(file: str, columns: str) -> InvalidInput:
    return InvalidInput([problem("file", QT_TRANSLATE_NOOP(
        "problems", "{file} has no column for {columns}. The first row must name the columns, e.g. "
                    "姓名, 楼栋单元房号, 手机, 身份证号, 车牌, 通行证."), file=file, columns=columns)])


RESIDENTS = TableSpec(
    columns=COLUMN_NAMES, labels=_LABELS, required=tuple((name,) for name in REQUIRED), check=_check,
    row=ImportedRow, duplicate=_duplicate,
    empty=_empty, no_rows=_no_rows, no_columns=_no_columns)


def read_residents(path: Path | str, today: dt.date) -> ImportPreview:
    """Read a residents list into a preview; InvalidInput (field "file") when the file
    as a whole cannot be used (unreadable, not a table, empty, columns missing)."""
    return read_table(path, RESIDENTS, today)
