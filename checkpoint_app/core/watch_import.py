"""Reading a watchlist (居家隔离/医学观察人员名单) from CSV or XLSX into a preview.

The file is read by core/table_import.py, as the residents list is (encodings, XLSX, the
header, formula-safe cells, rejected rows written out); this module says what a
watchlist is. Columns: 姓名 (required), 身份证号, 房号 (a room or an ID number column is
required: the gate recognises a person by one of them), 类型 (居家隔离 or 医学观察;
empty: home quarantine), 开始日期, 结束日期, 原因. Every row is checked with
core/watchlist.validate_watch, the rule of an entry typed by hand (loose dates, an end
before the start refused, rooms as "3-5-502"). The same person twice in one file (the
same ID number, or the same name in the same room) rejects the later row, naming the
first line. Nothing here writes to the register: the preview goes to
services/watchlist.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.table_import import ImportPreview, TableSpec, read_table
from checkpoint_app.core.watchlist import ValidWatch, WatchDraft, WatchKind, validate_watch

__all__ = ["ImportedWatch", "WATCHLIST", "COLUMN_NAMES", "read_watchlist"]

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "name"),
    "id_number": ("身份证号", "身份证号码", "身份证", "证件号码", "证件号", "id_number", "idnumber", "id"),
    "room": ("房号", "楼栋单元房号", "房间号", "门牌号", "住址", "room"),
    "kind": ("类型", "隔离类型", "kind", "type"),
    "start_date": ("开始日期", "开始时间", "隔离开始日期", "start", "start_date"),
    "end_date": ("结束日期", "结束时间", "隔离结束日期", "end", "end_date"),
    "reason": ("原因", "事由", "备注", "reason"),
}
_LABELS = {"name": "姓名", "id_number": "身份证号", "room": "房号", "kind": "类型", "start_date": "开始日期",
           "end_date": "结束日期", "reason": "原因"}


@dataclass(frozen=True, slots=True)
class ImportedWatch:
    """A valid row and the line of the file it came from (1 = the first line)."""

    line: int
    watch: ValidWatch


def _unquoted(text: str) -> str:
    """Without the apostrophe a spreadsheet puts before a number kept as text."""
    text = (text or "").strip()
    return text[1:].strip() if text.startswith(("'", "’", "‘")) else text


def _check(values: dict[str, str], today: dt.date) -> ValidWatch:
    kind = values.get("kind", "").strip() or WatchKind.HOME_QUARANTINE.value
    return validate_watch(WatchDraft(kind, values.get("name", ""), _unquoted(values.get("id_number", "")),
                                     _unquoted(values.get("room", "")), values.get("start_date", ""),
                                     values.get("end_date", ""), values.get("reason", "")), today)


def _duplicate(watch: ValidWatch, line: int, first_line: dict[tuple[str, ...], int]) -> Problem | None:
    """A problem when this person was on an earlier row; else they are remembered."""
    if watch.id_number and ("id_number", watch.id_number) in first_line:
        return problem("id_number", QT_TRANSLATE_NOOP(
            "problems", "The same ID number is already on line {line}."), line=first_line[("id_number", watch.id_number)])
    person = ("person", watch.name, watch.room)
    if watch.room and person in first_line:
        return problem("name", QT_TRANSLATE_NOOP(
            "problems", "The same name in the same room is already on line {line}."), line=first_line[person])
    if watch.id_number:
        first_line[("id_number", watch.id_number)] = line
    if watch.room:
        first_line[person] = line
    return None


def _empty(file: str) -> InvalidInput:
    return InvalidInput([problem("file", QT_TRANSLATE_NOOP(
        "problems", "{file} is empty: there is no watchlist in it."), file=file)])


def _no_rows(file: str) -> InvalidInput:
    return InvalidInput([problem("file", QT_TRANSLATE_NOOP(
        "problems", "{file} names its columns but lists nobody."), file=file)])


def _no_columns(file: str, columns: str) -> InvalidInput:
    return InvalidInput([problem("file", QT_TRANSLATE_NOOP(
        "problems", "{file} has no column for {columns}. The first row must name the columns, e.g. "
                    "姓名, 身份证号, 房号, 类型, 开始日期, 结束日期, 原因."), file=file, columns=columns)])


WATCHLIST = TableSpec(
    columns=COLUMN_NAMES, labels=_LABELS, required=(("name",), ("room", "id_number")), check=_check,
    row=ImportedWatch, duplicate=_duplicate,
    empty=_empty, no_rows=_no_rows, no_columns=_no_columns)


def read_watchlist(path: Path | str, today: dt.date) -> ImportPreview:
    """Read a watchlist into a preview (rows: ImportedWatch); InvalidInput (field
    "file") when the file as a whole cannot be used."""
    return read_table(path, WATCHLIST, today)
