"""`checkpoint-cli doctor`: a health check of a station's register that changes nothing.

It reads the register through db/sqlite_file.py (read-only; `immutable=1` where even a
read-only open would leave files behind or cannot work, e.g. on read-only media), never
through the app's engine, whose connections switch a register to WAL. What it finds is
a list of `Problem`s (templates marked for Qt Linguist, as the core's are), so the CLI
says it in the user's language. Findings are of three kinds: ok, warnings (worth fixing,
the register itself is sound) and problems (the register is damaged or unusable).

SQLite's integrity check looks at pages and indexes, not at what a value says: one
damaged byte inside a stored time or name passes it, and the app then fails reading
that row. So doctor also reads every stored value as the app would (`_values`).

A register is passages and their person checks (schema 0004 on): doctor checks that
every passage has its first person (a person on foot exactly one), that its fever and
key-area flags are its persons', and that the name and the ID number / phone search
indexes hold every person (`_passages`, `_name_search`, `_ident_search`). A register
of an older schema (one row an entry) gets the checks that apply to it.

It verifies the audit log's hash chain (`_audit`, core/audit_chain.py) against the
head kept beside the register in audit-head.json (services/audit_head.py), naming the
first event where it breaks and how.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from checkpoint_app import private_files

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, Problem, problem

from checkpoint_app.db import driver, sqlite_file
from checkpoint_app.db.engine import foreign_tables, traces_of_use

MAX_LISTED = 10  # gaps, lines of integrity_check, files: more are summarised


@dataclass
class Report:
    ok: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def examine(db_path: Path, key: bytes | None = None) -> Report:
    """Doctor's findings on the register at `db_path`. An encrypted register's contents
    are read only with its `key` (without it: the file and the key file are checked)."""
    report = Report()
    _register(db_path, report, key)
    _permissions(db_path.parent, report)
    return report


def _register(db_path: Path, report: Report, key: bytes | None) -> None:
    if not db_path.exists():
        report.problems.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "There is no register at {path}. Start the app once, or check --data-dir."), path=str(db_path)))
        return
    if db_path.is_dir():
        report.problems.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "{path} is a folder, not a register file."), path=str(db_path)))
        return
    try:
        header = sqlite_file.read_header(db_path)
    except OSError as error:
        report.problems.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "The register file cannot be read: {reason}."), reason=error.strerror or type(error).__name__))
        return
    if not header:
        _empty(db_path, report)
        return
    if not header.startswith(sqlite_file.SQLITE_MAGIC) and key is None:
        if (db_path.parent / "register.keys").is_file():
            report.warnings.append(problem("file", QT_TRANSLATE_NOOP(
                "problems", "The register is encrypted: only its file was checked. To check its contents too, give "
                            "--operator and that operator's PIN.")))
        else:
            report.problems.append(problem("file", QT_TRANSLATE_NOOP(
                "problems", "The register file is not an SQLite database (damaged or replaced), or it is encrypted "
                            "and its key file register.keys is missing. Restore the last backup (with its .keys "
                            "file).")))
        return
    foreign = foreign_tables(db_path, key)
    if foreign:
        report.problems.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "The register file is another program's database (tables {tables}): this app will not use it. "
                        "Move it away, or give --data-dir another folder."), tables=_listed(foreign)))
        return
    try:
        reader = sqlite_file.open_read_only(db_path, key)
    except driver.Error as error:
        report.problems.append(_unreadable(error))
        return
    try:
        if reader.wal_unread:
            report.warnings.append(problem("wal", QT_TRANSLATE_NOOP(
                "problems", "The write-ahead log {path} cannot be read here (read-only media): the check covers the "
                            "register as of its last checkpoint. Start the app where the folder can be written to "
                            "bring the log in."), path=str(sqlite_file.side_file(db_path, "-wal"))))
        _length(db_path, reader.conn, report)
        _integrity(reader.conn, report)
        tables = {row[0] for row in reader.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        _schema(reader.conn, tables, report)
        _values(reader.conn, tables, report)
        records = next((table for table in RECORD_TABLES if table in tables), None)
        if records is not None and "station" in tables:
            _sequences(reader.conn, records, report)
        if {"passage", "person_check"} <= tables:
            _passages(reader.conn, report)
            if "person_name_gram" in tables:
                _name_search(reader.conn, report)
            _ident_search(reader.conn, tables, report)
        if "audit_event" in tables:
            _audit(reader.conn, db_path.parent, report)
        if "setting" in tables and _is_demo(reader.conn):
            report.ok.append(problem("demo", QT_TRANSLATE_NOOP(
                "problems", "Demo register: its people are synthetic (made by checkpoint-cli demo-data)")))
    except driver.Error as error:
        if report.healthy:  # else the damage is reported already
            report.problems.append(_unreadable(error))
    finally:
        reader.close()


def _is_demo(conn: driver.Connection) -> bool:
    from checkpoint_app.services.demo import DEMO_SETTING

    row = conn.execute("SELECT value FROM setting WHERE key = ?", (DEMO_SETTING,)).fetchone()
    return row is not None and row[0] == "true"


def _unreadable(error: driver.Error) -> Problem:
    # SQLite's error name, never its message (a decoding error quotes the stored text)
    reason = getattr(error, "sqlite_errorname", None) or type(error).__name__
    return problem("file", QT_TRANSLATE_NOOP(
        "problems", "The register cannot be read ({reason}): it may be damaged. Restore the last backup, or call "
                    "your supervisor."), reason=reason)


def _empty(db_path: Path, report: Report) -> None:
    traces = traces_of_use(db_path)
    if traces:
        report.problems.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "The register file is empty (0 bytes) although this folder was in use ({traces}): its "
                        "contents are lost. Do not delete anything; restore the last backup."), traces=_listed(traces)))
    else:
        report.warnings.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "The register file is empty (0 bytes) and the folder holds nothing else: the app will start "
                        "a new register in it.")))


def _length(db_path: Path, conn: driver.Connection, report: Report) -> None:
    """A file cut short: SQLite reads the missing end as zeros, and its checks can pass.
    The size is SQLite's own reading (`page_count`: the header's count, or in WAL mode
    the size the log's last commit gives), or the header's bytes when SQLite cannot
    read the schema any more."""
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers it as text
        page_count = int(conn.execute("PRAGMA page_count").fetchone()[0])
    except driver.DatabaseError:
        size = sqlite_file.header_size(sqlite_file.read_header(db_path))
        if size is None or size[1] is None:
            return
        page_size, page_count = size[0], size[1]
    missing = sqlite_file.missing_pages(db_path, page_size, page_count)
    if missing:
        report.problems.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "The register file is cut short: it is {size} bytes, {expected} expected. Restore the last "
                        "backup."), size=db_path.stat().st_size, expected=page_count * page_size))
    else:
        report.ok.append(problem("file", QT_TRANSLATE_NOOP(
            "problems", "File length: complete ({pages} pages of {page_size} bytes)"), pages=page_count, page_size=page_size))


def _integrity(conn: driver.Connection, report: Report) -> None:
    rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({MAX_LISTED})")]
    if rows == ["ok"]:
        report.ok.append(problem("integrity", QT_TRANSLATE_NOOP("problems", "SQLite integrity check: ok")))
    else:
        report.problems.append(problem("integrity", QT_TRANSLATE_NOOP(
            "problems", "SQLite integrity check failed: {details}. Restore the last backup."), details="; ".join(rows)))
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        report.problems.append(problem("integrity", QT_TRANSLATE_NOOP(
            "problems", "{count} rows point at rows that do not exist (foreign keys)."), count=len(broken)))
    else:
        report.ok.append(problem("integrity", QT_TRANSLATE_NOOP("problems", "Foreign keys: ok")))


def _schema(conn: driver.Connection, tables: set[str], report: Report) -> None:
    from checkpoint_app.db import migrations

    current = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        current = row[0] if row else None
    head = migrations.head_revision()
    if current == head:
        report.ok.append(problem("schema", QT_TRANSLATE_NOOP(
            "problems", "Schema version: {version} (current)"), version=current))
    elif current is None:
        report.problems.append(problem("schema", QT_TRANSLATE_NOOP(
            "problems", "The register has no schema version: it was not made by this app, or its first start was "
                        "interrupted.")))
    elif current in migrations.known_revisions():
        report.problems.append(problem("schema", QT_TRANSLATE_NOOP(
            "problems", "Schema version {version} is older than {head}: start the app to upgrade it."),
            version=current, head=head))
    else:
        report.problems.append(problem("schema", QT_TRANSLATE_NOOP(
            "problems", "Schema version {version} is newer than this app ({head}): install the newer app."),
            version=current, head=head))


# The register's records: passages, or in a register of a schema before 0004 (not yet
# upgraded by the app) the entries, each a person and the event in one row.
RECORD_TABLES = ("passage", "entry")

# The app's tables whose every value doctor reads, and the columns that name a row in a
# finding: never a person's details (name, ID number, phone), only numbers and codes.
# A row of a person check or of a search index is named by its passage's number.
VALUE_TABLES = {"station": ("code",), "setting": ("key",), "passage": ("seq", "station_id"),
                "person_check": ("passage_id", "position"), "person_name_gram": ("person_id",),
                "entry": ("seq", "station_id"), "entry_name_gram": ("entry_id",)}


@dataclass
class _Unreadable:
    """Values the app could not read: the first MAX_LISTED in detail, all counted."""

    listed: list[tuple[str, tuple[object, ...], str, str]] = field(default_factory=list)  # table, labels, column, kind
    values: int = 0
    rows: int = 0

    def add(self, table: str, labels: tuple[object, ...], bad: list[tuple[str, str]]) -> None:
        self.rows += 1
        self.values += len(bad)
        for column, kind in bad:
            if len(self.listed) < MAX_LISTED:
                self.listed.append((table, labels, column, kind))


def _values(conn: driver.Connection, tables: set[str], report: Report) -> None:
    """Read every value of the app's tables as the app would: text is decoded as UTF-8
    (Python's sqlite3 does, and fails the whole query on one bad byte), DateTime and
    Date columns are parsed with fromisoformat (SQLAlchemy's SQLite dialect stores
    '2026-11-29 01:00:00.000000' and '2026-11-29' and reads them back so). The rows
    are streamed, with `text_factory = bytes` so that a damaged value is found, not
    fatal; the values themselves are never reported."""
    columns = {table: _columns(conn, table) for table in VALUE_TABLES if table in tables}
    unreadable = _Unreadable()
    rows = 0
    factory = conn.text_factory
    conn.text_factory = bytes
    try:
        for table, (times, dates, texts) in columns.items():
            rows += _scan(conn, table, times, dates, texts, unreadable)
        if unreadable.values:
            _report_unreadable(conn, unreadable, report)
    finally:
        conn.text_factory = factory
    if not unreadable.values:
        report.ok.append(problem("values", QT_TRANSLATE_NOOP(
            "problems", "Stored values: every time, date and text readable ({rows} rows of {tables})"),
            rows=rows, tables=", ".join(columns)))


def _columns(conn: driver.Connection, table: str) -> tuple[list[str], list[str], list[str]]:
    """The table's DateTime, Date and text columns, as the models declare them and as
    far as the register has them (an older schema may lack some); for the tables of an
    older schema that the models no longer declare (entry), as the register declares
    them (migration 0001 wrote DATETIME, DATE and VARCHAR)."""
    from sqlalchemy import Date, DateTime, String, TypeDecorator
    from sqlmodel import SQLModel

    from checkpoint_app.db import models  # noqa: F401 - defines the tables in SQLModel.metadata

    info = [(row[1], str(row[2]).upper()) for row in conn.execute(f'PRAGMA table_info("{table}")')]
    if table not in SQLModel.metadata.tables:
        return ([name for name, declared in info if declared == "DATETIME"],
                [name for name, declared in info if declared == "DATE"],
                [name for name, declared in info if declared.startswith(("VARCHAR", "TEXT"))])
    present = {name for name, _declared in info}
    stored = [(c.name, c.type.impl_instance if isinstance(c.type, TypeDecorator) else c.type)  # e.g. AutoString
              for c in SQLModel.metadata.tables[table].columns if c.name in present]
    return ([name for name, kind in stored if isinstance(kind, DateTime)],
            [name for name, kind in stored if isinstance(kind, Date)],
            [name for name, kind in stored if isinstance(kind, String)])


def _scan(conn: driver.Connection, table: str, times: list[str], dates: list[str], texts: list[str],
          unreadable: _Unreadable) -> int:
    labels = VALUE_TABLES[table]
    parsed: list[tuple[str, str, Callable[[str], object]]] = [
        *((name, "time", dt.datetime.fromisoformat) for name in times),
        *((name, "date", dt.date.fromisoformat) for name in dates)]
    selected = [*(f'"{name}"' for name in labels), *(f'"{name}"' for name, _kind, _parse in parsed),
                *(f"coalesce(\"{name}\", x'')" for name in texts)]  # NULL as b'': the texts join in one decode
    first_text = len(labels) + len(parsed)
    rows = 0
    for row in conn.execute(f'SELECT {", ".join(selected)} FROM "{table}"'):
        rows += 1
        bad = []
        for (name, kind, parse), value in zip(parsed, row[len(labels):first_text], strict=True):
            if value is not None and not _parses(value, parse):
                bad.append((name, kind))
        try:
            b"\0".join(row[first_text:]).decode()  # one decode per row: fast on 1M rows
        except (TypeError, UnicodeDecodeError):
            bad += [(name, "text") for name, value in zip(texts, row[first_text:], strict=True)
                    if isinstance(value, bytes) and not _decodes(value)]
        if bad:
            unreadable.add(table, row[:len(labels)], bad)
    return rows


def _parses(value: object, parse: Callable[[str], object]) -> bool:
    if not isinstance(value, bytes):
        return False  # a number where a time belongs: fromisoformat fails on it too
    try:
        parse(value.decode())
    except ValueError:  # UnicodeDecodeError included
        return False
    return True


def _decodes(value: bytes) -> bool:
    try:
        value.decode()
    except UnicodeDecodeError:
        return False
    return True


def _report_unreadable(conn: driver.Connection, unreadable: _Unreadable, report: Report) -> None:
    stations = {station_id: _label(code) for station_id, code in conn.execute("SELECT id, code FROM station")}
    for table, labels, column, kind in unreadable.listed:
        if table in PASSAGE_PARTS:
            seq, station_id, column = _passage_part(conn, table, labels, column)
            report.problems.append(_entry_unreadable(kind, seq, stations.get(station_id, "?"), column))
        else:
            report.problems.append(_row_unreadable(kind, table, _label(labels[-1]), column))
    if unreadable.values > len(unreadable.listed):
        report.problems.append(problem("values", QT_TRANSLATE_NOOP(
            "problems", "… and {count} more stored values that cannot be read ({rows} rows damaged in all)."),
            count=unreadable.values - len(unreadable.listed), rows=unreadable.rows))


# Tables whose rows belong to a passage (an entry): a damaged value is named by its number.
PASSAGE_PARTS = frozenset({"passage", "person_check", "person_name_gram", "entry", "entry_name_gram"})


def _passage_part(conn: driver.Connection, table: str, labels: tuple[object, ...],
                  column: str) -> tuple[object, object, str]:
    """The number and station of the passage (entry) a damaged value belongs to, and
    the value's field: a person check's fields as on the person form ("id_number") for
    a person on foot, under the occupant's place for a vehicle ("occupants.2.name"); a
    search index's under its table ("person_name_gram.gram")."""
    if table in ("passage", "entry"):
        seq, station_id = labels
        return seq, station_id, column
    if table == "entry_name_gram":
        found = conn.execute("SELECT seq, station_id FROM entry WHERE id = ?", labels).fetchone()
        return (*(found or ("?", None)), f"{table}.{column}")
    where = "c.passage_id = ? AND c.position = ?" if table == "person_check" else "c.id = ?"
    found = conn.execute("SELECT p.seq, p.station_id, p.kind, c.position FROM person_check c "
                         f"JOIN passage p ON p.id = c.passage_id WHERE {where}", labels).fetchone()
    if found is None:  # a row of no passage: the foreign-key check reports it
        return "?", None, f"{table}.{column}"
    seq, station_id, kind, position = found
    if table == "person_name_gram":
        return seq, station_id, f"{table}.{column}"
    return seq, station_id, column if _label(kind) == "person" else f"occupants.{position}.{column}"


def _entry_unreadable(kind: str, seq: object, station: str, column: str) -> Problem:
    if kind == "time":
        return problem("values", QT_TRANSLATE_NOOP(
            "problems", "Entry No. {seq} (station {station}): the stored time ({column}) cannot be read."),
            seq=seq, station=station, column=column)
    if kind == "date":
        return problem("values", QT_TRANSLATE_NOOP(
            "problems", "Entry No. {seq} (station {station}): the stored date ({column}) cannot be read."),
            seq=seq, station=station, column=column)
    return problem("values", QT_TRANSLATE_NOOP(
        "problems", "Entry No. {seq} (station {station}): the stored text ({column}) is damaged (not UTF-8)."),
        seq=seq, station=station, column=column)


def _row_unreadable(kind: str, table: str, row: str, column: str) -> Problem:
    """A row of another table, named by its code (station) or key (setting)."""
    if kind == "time":
        return problem("values", QT_TRANSLATE_NOOP(
            "problems", "Table {table}, row {row}: the stored time ({column}) cannot be read."),
            table=table, row=row, column=column)
    if kind == "date":
        return problem("values", QT_TRANSLATE_NOOP(
            "problems", "Table {table}, row {row}: the stored date ({column}) cannot be read."),
            table=table, row=row, column=column)
    return problem("values", QT_TRANSLATE_NOOP(
        "problems", "Table {table}, row {row}: the stored text ({column}) is damaged (not UTF-8)."),
        table=table, row=row, column=column)


def _label(value: object) -> str:
    """A code or key that names a row (never personal data); a damaged byte shows as �."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


GAPS_SQL = """
SELECT prev + 1, seq - 1 FROM (
    SELECT seq, lag(seq, 1, 0) OVER (ORDER BY seq) AS prev FROM {records} WHERE station_id = ?
) WHERE seq - prev > 1
"""


def _sequences(conn: driver.Connection, records: str, report: Report) -> None:
    """Each station's entries (passages, or the `entry` rows of an older schema) are
    numbered 1 .. next_seq-1, each number once: a number missing means an entry was
    deleted behind the app's back (the app never deletes; a wrong entry is voided and
    kept)."""
    for station_id, code, next_seq in conn.execute("SELECT id, code, next_seq FROM station ORDER BY id").fetchall():
        max_seq, count, distinct = conn.execute(
            f"SELECT coalesce(max(seq), 0), count(*), count(DISTINCT seq) FROM {records} WHERE station_id = ?",
            (station_id,)).fetchone()
        gaps = [(first, last) for first, last in conn.execute(GAPS_SQL.format(records=records), (station_id,))]
        if max_seq + 1 < next_seq:
            gaps.append((max_seq + 1, next_seq - 1))
        if max_seq >= next_seq:
            report.problems.append(problem("sequence", QT_TRANSLATE_NOOP(
                "problems", "Station {code}: sequence number {seq} is used but the next one is {next}."),
                code=code, seq=max_seq, next=next_seq))
        if count != distinct:
            report.problems.append(problem("sequence", QT_TRANSLATE_NOOP(
                "problems", "Station {code}: sequence numbers repeat."), code=code))
        if gaps:
            report.problems.append(problem("sequence", QT_TRANSLATE_NOOP(
                "problems", "Station {code}: missing sequence numbers {numbers} ({count} entries deleted?)."),
                code=code, numbers=_ranges(gaps), count=sum(last - first + 1 for first, last in gaps)))
        if max_seq < next_seq and count == distinct and not gaps:
            report.ok.append(problem("sequence", QT_TRANSLATE_NOOP(
                "problems", "Station {code}: {count} entries, sequence numbers complete (next {next})"),
                code=code, count=count, next=next_seq))


def _ranges(gaps: list[tuple[int, int]]) -> str:
    parts = [str(first) if first == last else f"{first}, {last}" if last == first + 1 else f"{first}–{last}"
             for first, last in gaps[:MAX_LISTED]]
    return ", ".join(parts) + (", …" if len(gaps) > MAX_LISTED else "")


def _seq_ranges(seqs: list[int]) -> str:
    """Sequence numbers (sorted) as _ranges lists them: "3, 7–9, …"."""
    runs: list[tuple[int, int]] = []
    for seq in seqs:
        if runs and seq == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], seq)
        else:
            runs.append((seq, seq))
    return _ranges(runs)


def _by_station(conn: driver.Connection, passage_ids: list[int]) -> dict[str, list[int]]:
    """The numbers of the given passages, by their station's code, sorted."""
    codes = {station_id: _label(code) for station_id, code in conn.execute("SELECT id, CAST(code AS BLOB) FROM station")}
    found: dict[str, list[int]] = {}
    for passage_id in passage_ids:
        row = conn.execute("SELECT station_id, seq FROM passage WHERE id = ?", (passage_id,)).fetchone()
        if row is not None:
            found.setdefault(codes.get(row[0], "?"), []).append(row[1])
    return {code: sorted(seqs) for code, seqs in sorted(found.items())}


# Passages that do not hold the persons their kind asks for, or whose screening flags
# are not their persons' (any_fever: some person had a fever; any_key_area likewise).
# One pass in passage id order, each passage's person checks found by their unique
# (passage_id, position) index; only the passages found wrong come back.
PASSAGES_SQL = """
SELECT p.id, count(c.id) AS persons, coalesce(sum(c.position = 0), 0) AS first_person, p.kind = 'person',
       p.any_fever IS NOT coalesce(max(c.fever), 0) OR p.any_key_area IS NOT coalesce(max(c.key_area), 0) AS flags
FROM passage p LEFT JOIN person_check c ON c.passage_id = p.id
GROUP BY p.id
HAVING first_person != 1 OR (p.kind = 'person' AND persons != 1) OR flags
"""


def _passages(conn: driver.Connection, report: Report) -> None:
    """Every passage has its first person check (position 0), a person on foot exactly
    one; its fever and key-area flags are its persons'. The app shows a passage by its
    first person, and the register's filters and counts read the passage's flags."""
    no_first: list[int] = []
    more_on_foot: list[int] = []
    flags: list[int] = []
    for passage_id, persons, first_person, on_foot, wrong_flags in conn.execute(PASSAGES_SQL):
        if first_person != 1:
            no_first.append(passage_id)
        elif on_foot and persons != 1:
            more_on_foot.append(passage_id)
        if wrong_flags and persons:
            flags.append(passage_id)
    for code, seqs in _by_station(conn, no_first).items():
        report.problems.append(problem("passages", QT_TRANSLATE_NOOP(
            "problems", "Station {code}: {count} entries have lost their person (No. {numbers}): they cannot be shown. "
                        "Restore the last backup, or call your supervisor."),
            code=code, count=len(seqs), numbers=_seq_ranges(seqs)))
    for code, seqs in _by_station(conn, more_on_foot).items():
        report.problems.append(problem("passages", QT_TRANSLATE_NOOP(
            "problems", "Station {code}: {count} entries of a person on foot hold more than one person "
                        "(No. {numbers}). Restore the last backup, or call your supervisor."),
            code=code, count=len(seqs), numbers=_seq_ranges(seqs)))
    for code, seqs in _by_station(conn, flags).items():
        report.problems.append(problem("passages", QT_TRANSLATE_NOOP(
            "problems", "Station {code}: {count} entries are marked for fever or key area unlike their persons "
                        "(No. {numbers}): the register's filters and counts are wrong for them."),
            code=code, count=len(seqs), numbers=_seq_ranges(seqs)))
    if not (no_first or more_on_foot or flags):
        count, persons = conn.execute(
            "SELECT (SELECT count(*) FROM passage), (SELECT count(*) FROM person_check)").fetchone()
        report.ok.append(problem("passages", QT_TRANSLATE_NOOP(
            "problems", "Entries and persons: {count} entries with {persons} persons, each entry with its persons, "
                        "its fever and key-area marks theirs"), count=count, persons=persons))


def _name_search(conn: driver.Connection, report: Report) -> None:
    """The name search index holds each person's name grams (core/name_search.py): as
    many rows for each person check as its name has grams. Counted, not compared gram
    by gram: a damaged gram is found by `_values`, a gram of no person by the
    foreign-key check. A name that is not UTF-8 (found by `_values`) is not counted."""
    from checkpoint_app.core.name_search import name_grams

    stored = conn.execute("SELECT person_id, count(*) FROM person_name_gram GROUP BY person_id ORDER BY person_id")
    next_stored = next(stored, None)
    wrong: list[int] = []
    for person_id, passage_id, name in conn.execute(
            "SELECT id, passage_id, CAST(name AS BLOB) FROM person_check ORDER BY id"):
        while next_stored is not None and next_stored[0] < person_id:
            next_stored = next(stored, None)
        count = next_stored[1] if next_stored is not None and next_stored[0] == person_id else 0
        try:
            expected = len(name_grams(name.decode())) if name is not None else 0
        except UnicodeDecodeError:
            continue
        if count != expected:
            wrong.append(passage_id)
    for code, seqs in _by_station(conn, sorted(set(wrong))).items():
        report.problems.append(problem("search", QT_TRANSLATE_NOOP(
            "problems", "Station {code}: the name search is out of step for {count} entries (No. {numbers}): "
                        "searching by name may miss them. Restore the last backup, or call your supervisor."),
            code=code, count=len(seqs), numbers=_seq_ranges(seqs)))
    if not wrong:
        report.ok.append(problem("search", QT_TRANSLATE_NOOP(
            "problems", "Name search: every person's name indexed")))


def _ident_search(conn: driver.Connection, tables: set[str], report: Report) -> None:
    """The ID number and phone search (FTS5, external content person_check, kept by
    triggers) has one row for each person check, no more, no fewer. Its own
    'integrity-check' is a write statement, which doctor never runs; what it reads is
    the index's row of each person (its `_docsize` table)."""
    from checkpoint_app.db.models import IDENT_FTS_TABLE

    docsize = f"{IDENT_FTS_TABLE}_docsize"
    if IDENT_FTS_TABLE not in tables or docsize not in tables:
        report.problems.append(problem("search", QT_TRANSLATE_NOOP(
            "problems", "The ID number and phone search index is missing: searching by ID number or phone cannot "
                        "work. Restore the last backup, or call your supervisor.")))
        return
    missing = [passage_id for (passage_id,) in conn.execute(
        f"SELECT passage_id FROM person_check c WHERE NOT EXISTS (SELECT 1 FROM {docsize} d WHERE d.id = c.id)")]
    (extra,) = conn.execute(
        f"SELECT count(*) FROM {docsize} d WHERE NOT EXISTS (SELECT 1 FROM person_check c WHERE c.id = d.id)"
    ).fetchone()
    for code, seqs in _by_station(conn, sorted(set(missing))).items():
        report.problems.append(problem("search", QT_TRANSLATE_NOOP(
            "problems", "Station {code}: {count} entries are missing from the ID number and phone search "
                        "(No. {numbers}): searching by ID number or phone does not find them. Restore the last "
                        "backup, or call your supervisor."),
            code=code, count=len(seqs), numbers=_seq_ranges(seqs)))
    if extra:
        report.problems.append(problem("search", QT_TRANSLATE_NOOP(
            "problems", "The ID number and phone search holds {count} persons that are not in the register. Restore "
                        "the last backup, or call your supervisor."), count=extra))
    if not missing and not extra:
        report.ok.append(problem("search", QT_TRANSLATE_NOOP(
            "problems", "ID number and phone search: every person indexed")))


def _listed(names: list[str]) -> str:
    return ", ".join(names[:MAX_LISTED]) + (", …" if len(names) > MAX_LISTED else "")


def _audit(conn: driver.Connection, folder: Path, report: Report) -> None:
    """The audit chain, read in id order and streamed, the head file read first (it is
    written after its commit, so the register read afterwards holds it). A damaged byte
    in an event is read as U+FFFD and so found as an edited event, not fatal."""
    from checkpoint_app.core.audit_chain import CHAINED_FIELDS, ChainVerifier

    from checkpoint_app.services import audit_head

    path = audit_head.head_path(folder)
    try:
        head, head_state = audit_head.read_head(path), "kept"
    except audit_head.HeadUnreadable:
        head, head_state = None, "unreadable"
    if head is None and head_state == "kept":
        head_state = "missing"
    verifier = ChainVerifier(head)
    factories = conn.row_factory, conn.text_factory
    conn.row_factory = driver.Row
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        for event in conn.execute(f"SELECT {', '.join(CHAINED_FIELDS)}, prev_hash, hash FROM audit_event ORDER BY id"):
            if verifier.feed(event) is not None:
                break
    finally:
        conn.row_factory, conn.text_factory = factories
    found = verifier.finish()
    if found is not None:
        report.problems.append(_chain_break(found.kind, found.event_id, path))
    elif head_state == "unreadable":
        report.warnings.append(problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: {count} events, hash chain whole, but {path} cannot be read (damaged or edited): "
                        "whether the newest events were deleted cannot be checked. Keep a copy of it, then move it "
                        "aside: the app keeps a new one."), count=verifier.count, path=str(path)))
    elif head_state == "missing" and verifier.count:
        report.warnings.append(problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: {count} events, hash chain whole, but {path} is missing: whether the newest "
                        "events were deleted cannot be checked. The app writes it again at its next audited action."),
            count=verifier.count, path=str(path)))
    else:
        report.ok.append(problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: {count} events, hash chain intact"), count=verifier.count))


def _chain_break(kind: str, event_id: int | None, path: Path) -> Problem:
    if kind == "edited":
        return problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: event {id} was changed after it was written (its hash does not match). The log "
                        "has been tampered with: keep the file as it is and tell the responsible office."), id=event_id)
    if kind == "gap":
        return problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: the events just before event {id} are missing (the numbers skip). The log has "
                        "been tampered with: keep the file as it is and tell the responsible office."), id=event_id)
    if kind == "short":
        return problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: the events from event {id} on are missing (the register ends before the last "
                        "event recorded in {path}). If a backup was restored, that is expected: move {path} aside. "
                        "Otherwise the log has been tampered with: tell the responsible office."),
            id=event_id, path=str(path))
    if kind == "replaced":
        return problem("audit", QT_TRANSLATE_NOOP(
            "problems", "Audit log: event {id} is not the event recorded in {path} as the newest: events were deleted "
                        "and others written, or rewritten. The log has been tampered with: keep the file as it is and "
                        "tell the responsible office."), id=event_id, path=str(path))
    return problem("audit", QT_TRANSLATE_NOOP(
        "problems", "Audit log: event {id} does not follow the event before it: events were deleted, inserted or "
                    "moved. The log has been tampered with: keep the file as it is and tell the responsible office."),
        id=event_id)


def _permissions(folder: Path, report: Report) -> None:
    """Warn (the register is sound, but other accounts may read it) about the folder or
    any of the app's files that group or others can open. The app narrows its own files
    when it next opens the folder; a warning does not make the register unhealthy."""
    if not folder.is_dir():
        return
    wide = private_files.too_open(folder)
    for path, mode, wanted in wide[:MAX_LISTED]:
        report.warnings.append(problem("permissions", QT_TRANSLATE_NOOP(
            "problems", "{path} can be read by other users of this computer (mode {mode}; private is {wanted}). "
                        "Start the app once (it narrows its own files) or run: chmod {wanted} {path}"),
            path=str(path), mode=f"{mode:04o}", wanted=f"{wanted:04o}"))
    if len(wide) > MAX_LISTED:
        report.warnings.append(problem("permissions", QT_TRANSLATE_NOOP(
            "problems", "… and {count} more files open to other users."), count=len(wide) - MAX_LISTED))
    if not wide:
        report.ok.append(problem("permissions", QT_TRANSLATE_NOOP(
            "problems", "Permissions: private to this user")))
