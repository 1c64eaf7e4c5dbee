"""Reading a residents list (住户名单) from the property office: CSV or XLSX into a preview.

Chinese Excel saves CSV as GB18030/GBK unless told otherwise; other tools write UTF-8,
with or without a BOM. The encoding is detected, never guessed loosely: a BOM means
UTF-8; else the bytes must decode strictly as UTF-8, else strictly as GB18030; what
decodes as neither, or holds NUL or other control bytes (a binary file renamed .csv),
is refused as "not a text table". XLSX is read with openpyxl (read-only, the values
Excel computed, first sheet).

The first row naming a name and a room column is the header (a title row above it is
skipped); columns are found by their Chinese or English names, case-insensitively;
unknown columns are ignored with a warning; missing required ones are named. Every row
is checked with core/resident_rules.py (one rule set with the hand-entered resident);
an ID number or resident-pass code seen on an earlier row rejects the later row, naming
the first line. Cells are text: "=1+1" stays those three characters (never evaluated),
an ID number a spreadsheet turned into a number is read back only when it is exact.

Rows are checked as they are read (one pass, dictionaries for the duplicates): 100,000
rows take seconds, not minutes. Nothing here writes to the register: the preview goes
to services/residents.py, and rejected rows can be written out (`write_rejected`) as
UTF-8 with a BOM (what Chinese Excel opens), each with its line and reasons.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.resident_rules import FIELDS, ResidentDraft, ValidResident, validate_resident

__all__ = ["ImportPreview", "ImportedRow", "RejectedRow", "read_residents", "write_rejected", "COLUMN_NAMES",
           "REQUIRED"]

_FILE = "file"
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
_HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common
_CONTROL_OK = frozenset("\t\r\n")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).replace("\ufeff", "").casefold()
    return "".join(c for c in folded if not c.isspace() and c not in "_-*:：()（）")


_ALIASES = {_key(alias): name for name, aliases in COLUMN_NAMES.items() for alias in aliases}


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """A valid row and the line of the file it came from (1 = the first line)."""

    line: int
    resident: ValidResident


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that will not be imported: its line, its cells as read, and why."""

    line: int
    cells: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass
class ImportPreview:
    """What an import would do: the valid rows, the rejected ones and warnings about
    the file (ignored columns). `headers` are the header row's cells as written."""

    source: str  # the file's name, for the screen
    kind: str  # "UTF-8", "UTF-8 BOM", "GB18030" or "XLSX"
    headers: tuple[str, ...]
    fields: frozenset[str] = frozenset()  # the register's fields the file has columns for
    valid: list[ImportedRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.valid) + len(self.rejected)


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


# -- reading the file ------------------------------------------------------------------

def _not_text(path: Path) -> InvalidInput:
    return _fail(_FILE, QT_TRANSLATE_NOOP(
        "problems", "{file} is not a text table (CSV) or an Excel workbook (.xlsx): it may be another kind of file "
                    "renamed. Save the list from Excel as CSV or .xlsx."), file=path.name)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the encoding found (see the module docstring)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 BOM"
        except UnicodeDecodeError:
            raise _not_text(path) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise _not_text(path)
    for codec, kind in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return data.decode(codec), kind
        except UnicodeDecodeError:
            continue
    raise _not_text(path)


def _csv_rows(path: Path, data: bytes) -> tuple[Iterator[tuple[int, list[Any]]], str]:
    text, kind = _decode(path, data)
    bad = next((c for c in text if c < " " and c not in _CONTROL_OK), None)
    if bad is not None:
        raise _not_text(path)
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count) if any(d in first for d in ",\t;") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        start = 1
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error:
            raise _fail(_FILE, QT_TRANSLATE_NOOP(
                "problems", "Line {line} of {file} cannot be read as CSV (a quote is not closed?)."),
                line=start, file=path.name) from None
    return rows(), kind


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # loaded only to read a workbook

    try:  # a file object: openpyxl checks a path's extension, and a workbook may be named .csv
        book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as error:  # zipfile.BadZipFile, KeyError, openpyxl's InvalidFileException, bad XML, ...
        raise _fail(_FILE, QT_TRANSLATE_NOOP(
            "problems", "{file} cannot be read as an Excel workbook ({reason}); open it in Excel and save it "
                        "again as .xlsx or CSV."), file=path.name, reason=type(error).__name__) from None
    try:
        sheet = book.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(values)
    finally:
        book.close()


def _rows(path: Path) -> tuple[Iterator[tuple[int, list[Any]]], str]:
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
                return _xlsx_rows(path), "XLSX"
            if head.startswith(b"\xd0\xcf\x11\xe0"):
                raise _fail(_FILE, QT_TRANSLATE_NOOP(
                    "problems", "{file} is an old Excel workbook (.xls): save it as .xlsx or CSV first."),
                    file=path.name)
            data = head + handle.read()
    except FileNotFoundError:
        raise _fail(_FILE, QT_TRANSLATE_NOOP("problems", "{file} does not exist."), file=str(path)) from None
    except IsADirectoryError:
        raise _fail(_FILE, QT_TRANSLATE_NOOP("problems", "{file} is a folder, not a file."), file=str(path)) from None
    except OSError as error:
        raise _fail(_FILE, QT_TRANSLATE_NOOP("problems", "{file} cannot be read ({reason})."),
                    file=str(path), reason=error.strerror or type(error).__name__) from None
    if not data.strip(b" \t\r\n"):
        raise _empty(path)
    return _csv_rows(path, data)


def _empty(path: Path) -> InvalidInput:
    return _fail(_FILE, QT_TRANSLATE_NOOP("problems", "{file} is empty: there is no list of residents in it."),
                 file=path.name)


# -- cells -----------------------------------------------------------------------------

def _text(value: Any) -> str:
    """A cell as text, exactly as written: numbers without a trailing ".0", dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _lost_digits(value: Any) -> bool:
    """An ID number Excel stored as a number: 18 digits do not fit in a double."""
    return isinstance(value, float) and abs(value) >= 1e15


# -- the header ------------------------------------------------------------------------

@dataclass
class _Header:
    line: int
    cells: tuple[str, ...]
    columns: dict[str, int]  # field -> column index
    warnings: list[Problem]


def _header(cells: Sequence[Any], line: int) -> tuple[_Header | None, list[str]]:
    """The columns named by this row, or None with the required fields it lacks."""
    texts = tuple(_text(c).strip() for c in cells)
    columns: dict[str, int] = {}
    warnings: list[Problem] = []
    for index, text in enumerate(texts):
        if not text:
            continue
        name = _ALIASES.get(_key(text))
        if name is None:
            warnings.append(problem(_FILE, QT_TRANSLATE_NOOP(
                "problems", "The column \"{column}\" is not one the register knows; it was ignored."), column=text))
        elif name in columns:
            raise _fail(_FILE, QT_TRANSLATE_NOOP(
                "problems", "Two columns are for {column} (\"{first}\" and \"{second}\"); keep one."),
                column=_LABELS[name], first=texts[columns[name]], second=text)
        else:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        return None, missing
    return _Header(line, texts, columns, warnings), []


def _find_header(path: Path, rows: Iterator[tuple[int, list[Any]]]) -> _Header:
    first_missing: list[str] | None = None
    seen = 0
    for line, cells in rows:
        if not any(_text(c).strip() for c in cells):
            continue
        header, missing = _header(cells, line)
        if header is not None:
            return header
        first_missing = first_missing or missing
        seen += 1
        if seen >= _HEADER_SEARCH_ROWS:
            break
    if first_missing is None:
        raise _empty(path)
    raise _fail(_FILE, QT_TRANSLATE_NOOP(
        "problems", "{file} has no column for {columns}. The first row must name the columns, e.g. "
                    "姓名, 楼栋单元房号, 手机, 身份证号, 车牌, 通行证."),
        file=path.name, columns=", ".join(f"{name} ({_LABELS[name]})" for name in first_missing))


# -- the rows --------------------------------------------------------------------------

def read_residents(path: Path | str, today: dt.date) -> ImportPreview:
    """Read a residents list into a preview; InvalidInput (field "file") when the file
    as a whole cannot be used (unreadable, not a table, empty, columns missing)."""
    path = Path(path)
    rows, kind = _rows(path)
    try:
        return _read(path, rows, kind, today)
    finally:
        if hasattr(rows, "close"):
            rows.close()  # an XLSX's workbook is closed even when the header is refused


def _read(path: Path, rows: Iterator[tuple[int, list[Any]]], kind: str, today: dt.date) -> ImportPreview:
    header = _find_header(path, rows)
    preview = ImportPreview(path.name, kind, header.cells, frozenset(header.columns), warnings=header.warnings)
    first_line: dict[tuple[str, str], int] = {}  # (field, value) -> the line it was first seen on
    columns = header.columns
    for line, cells in rows:
        texts = tuple(_text(c) for c in cells)
        if not any(t.strip() for t in texts):
            continue
        values = {name: texts[index] if index < len(texts) else "" for name, index in columns.items()}
        try:
            if "id_number" in columns and columns["id_number"] < len(cells) and _lost_digits(cells[columns["id_number"]]):
                raise _fail("id_number", QT_TRANSLATE_NOOP(
                    "problems", "The spreadsheet stored this ID number as a number and lost its last digits; format "
                                "the column as text and type the number again."))
            resident = validate_resident(ResidentDraft(**{name: values.get(name, "") for name in FIELDS}), today)
        except InvalidInput as bad:
            preview.rejected.append(RejectedRow(line, texts, tuple(bad.problems)))
            continue
        duplicate = _duplicate(resident, line, first_line)
        if duplicate is not None:
            preview.rejected.append(RejectedRow(line, texts, (duplicate,)))
            continue
        preview.valid.append(ImportedRow(line, resident))
    if not preview.rows:
        raise _fail(_FILE, QT_TRANSLATE_NOOP(
            "problems", "{file} names its columns but lists no residents."), file=path.name)
    return preview


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


# -- writing the rejected rows out -----------------------------------------------------

def _english(found: Problem) -> str:
    return f"{found.field}: {found.english()}"


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def write_rejected(preview: ImportPreview, target: Path | str | io.TextIOBase,
                   describe: Callable[[Problem], str] = _english,
                   line_header: str = "line", reason_header: str = "reason") -> int:
    """Write the rejected rows as CSV in UTF-8 with a BOM (Chinese Excel opens it): the
    line, the row's cells under the file's own headers, and the reasons (each problem
    through `describe`, joined by "; "). Returns the rows written. A path is written
    whole or raises OSError (the caller says where it could not be written)."""
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            return _write(preview, handle, describe, line_header, reason_header)
    return _write(preview, target, describe, line_header, reason_header)


def _write(preview: ImportPreview, handle: Any, describe: Callable[[Problem], str],
           line_header: str, reason_header: str) -> int:
    writer = csv.writer(handle)
    width = len(preview.headers)
    writer.writerow([line_header, *(safe_cell(h) for h in preview.headers), reason_header])
    for row in preview.rejected:
        cells: Iterable[str] = (list(row.cells) + [""] * width)[:max(width, len(row.cells))]
        writer.writerow([row.line, *(safe_cell(c) for c in cells),
                         safe_cell("; ".join(describe(p) for p in row.problems))])
    return len(preview.rejected)
