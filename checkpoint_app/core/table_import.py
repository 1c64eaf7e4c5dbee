"""Reading a list (a table) from CSV or XLSX into a preview, for any of the register's
lists: the residents (core/resident_import.py) and the watchlist (core/watch_import.py)
each give a `TableSpec` (their columns, required ones, row rule, duplicates, messages),
so both read files the same way.

Chinese Excel saves CSV as GB18030/GBK unless told otherwise; other tools write UTF-8,
with or without a BOM. The encoding is detected, never guessed loosely: a BOM means
UTF-8; else the bytes must decode strictly as UTF-8, else strictly as GB18030; what
decodes as neither, or holds NUL or other control bytes (a binary file renamed .csv),
is refused as "not a text table". XLSX is read with openpyxl (read-only, the values
Excel computed, first sheet).

The first row naming the required columns is the header (a title row above it is
skipped); columns are found by their Chinese or English names, case-insensitively;
unknown columns are ignored with a warning; missing required ones are named. Every row
is checked by the spec's rule; a row the spec calls a duplicate of an earlier one is
rejected, naming the first line. Cells are text: "=1+1" stays those three characters
(never evaluated), an ID number a spreadsheet turned into a number is read back only
when it is exact.

Rows are checked as they are read (one pass, dictionaries for the duplicates): 100,000
rows take seconds, not minutes. Nothing here writes to the register, and rejected rows
can be written out (`write_rejected`) as UTF-8 with a BOM (what Chinese Excel opens),
each with its line and reasons.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from checkpoint_app.core.cells import FORMULA_START, csv_cell
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem

__all__ = ["TableSpec", "ImportPreview", "RejectedRow", "read_table", "write_rejected", "safe_cell",
           "FORMULA_START"]

_FILE = "file"
_HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common
_CONTROL_OK = frozenset("\t\r\n")
NUMBER_KEPT = ("id_number",)  # columns a spreadsheet may have turned into numbers, losing digits


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).replace("\ufeff", "").casefold()
    return "".join(c for c in folded if not c.isspace() and c not in "_-*:：()（）")


@dataclass(frozen=True)
class TableSpec:
    """What one kind of list looks like and how its rows are checked.

    `columns`: field -> the names a column for it may have; `labels`: field -> its name
    in messages; `required`: groups of fields, the header needs one of each group;
    `check(values, today)`: the row's cells by field -> the valid value (InvalidInput
    otherwise); `row(line, valid)`: the preview's row; `duplicate(valid, line, seen)`: a
    problem when an earlier row had the same person (else remember it in `seen`);
    `empty(file)`, `no_rows(file)`, `no_columns(file, columns)`: the file's problems
    (InvalidInput on the field "file"; the file's name, the missing columns named)."""

    columns: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    required: tuple[tuple[str, ...], ...]
    check: Callable[[dict[str, str], dt.date], Any]
    row: Callable[[int, Any], Any]
    duplicate: Callable[[Any, int, dict[Any, int]], Problem | None]
    empty: Callable[[str], InvalidInput]
    no_rows: Callable[[str], InvalidInput]
    no_columns: Callable[[str, str], InvalidInput]

    def aliases(self) -> dict[str, str]:
        return {_key(alias): name for name, names in self.columns.items() for alias in names}


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
    valid: list[Any] = field(default_factory=list)  # the spec's rows (line and value)
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


def _rows(path: Path, spec: TableSpec) -> tuple[Iterator[tuple[int, list[Any]]], str]:
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
        raise _empty(path, spec)
    return _csv_rows(path, data)


def _empty(path: Path, spec: TableSpec) -> InvalidInput:
    return spec.empty(path.name)


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


def _header(spec: TableSpec, aliases: dict[str, str], cells: Sequence[Any],
            line: int) -> tuple[_Header | None, list[tuple[str, ...]]]:
    """The columns named by this row, or None with the required groups it lacks."""
    texts = tuple(_text(c).strip() for c in cells)
    columns: dict[str, int] = {}
    warnings: list[Problem] = []
    for index, text in enumerate(texts):
        if not text:
            continue
        name = aliases.get(_key(text))
        if name is None:
            warnings.append(problem(_FILE, QT_TRANSLATE_NOOP(
                "problems", "The column \"{column}\" is not one the register knows; it was ignored."), column=text))
        elif name in columns:
            raise _fail(_FILE, QT_TRANSLATE_NOOP(
                "problems", "Two columns are for {column} (\"{first}\" and \"{second}\"); keep one."),
                column=spec.labels[name], first=texts[columns[name]], second=text)
        else:
            columns[name] = index
    missing = [group for group in spec.required if not any(name in columns for name in group)]
    if missing:
        return None, missing
    return _Header(line, texts, columns, warnings), []


def _find_header(path: Path, spec: TableSpec, rows: Iterator[tuple[int, list[Any]]]) -> _Header:
    aliases = spec.aliases()
    first_missing: list[tuple[str, ...]] | None = None
    seen = 0
    for line, cells in rows:
        if not any(_text(c).strip() for c in cells):
            continue
        header, missing = _header(spec, aliases, cells, line)
        if header is not None:
            return header
        first_missing = first_missing or missing
        seen += 1
        if seen >= _HEADER_SEARCH_ROWS:
            break
    if first_missing is None:
        raise _empty(path, spec)
    raise spec.no_columns(path.name, ", ".join(
        " / ".join(f"{name} ({spec.labels[name]})" for name in group) for group in first_missing))


# -- the rows --------------------------------------------------------------------------

def read_table(path: Path | str, spec: TableSpec, today: dt.date) -> ImportPreview:
    """Read a list into a preview; InvalidInput (field "file") when the file as a whole
    cannot be used (unreadable, not a table, empty, columns missing)."""
    path = Path(path)
    rows, kind = _rows(path, spec)
    try:
        return _read(path, spec, rows, kind, today)
    finally:
        if hasattr(rows, "close"):
            rows.close()  # an XLSX's workbook is closed even when the header is refused


def _read(path: Path, spec: TableSpec, rows: Iterator[tuple[int, list[Any]]], kind: str,
          today: dt.date) -> ImportPreview:
    header = _find_header(path, spec, rows)
    preview = ImportPreview(path.name, kind, header.cells, frozenset(header.columns), warnings=header.warnings)
    seen: dict[Any, int] = {}  # what identifies a row -> the line it was first seen on
    columns = header.columns
    kept = [(name, index) for name, index in columns.items() if name in NUMBER_KEPT]
    for line, cells in rows:
        texts = tuple(_text(c) for c in cells)
        if not any(t.strip() for t in texts):
            continue
        values = {name: texts[index] if index < len(texts) else "" for name, index in columns.items()}
        try:
            if any(index < len(cells) and _lost_digits(cells[index]) for _, index in kept):
                raise _fail("id_number", QT_TRANSLATE_NOOP(
                    "problems", "The spreadsheet stored this ID number as a number and lost its last digits; format "
                                "the column as text and type the number again."))
            valid = spec.check(values, today)
        except InvalidInput as bad:
            preview.rejected.append(RejectedRow(line, texts, tuple(bad.problems)))
            continue
        duplicate = spec.duplicate(valid, line, seen)
        if duplicate is not None:
            preview.rejected.append(RejectedRow(line, texts, (duplicate,)))
            continue
        preview.valid.append(spec.row(line, valid))
    if not preview.rows:
        raise spec.no_rows(path.name)
    return preview


# -- writing the rejected rows out -----------------------------------------------------

def _english(found: Problem) -> str:
    return f"{found.field}: {found.english()}"


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula, and an ID number or
    phone it keeps as text (core/cells.py; `read_table` strips the tab that takes)."""
    return csv_cell(text)


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
