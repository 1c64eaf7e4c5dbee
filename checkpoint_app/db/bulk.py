"""Fast bulk loading of passages for demo and benchmark data (raw sqlite3, one transaction).

Passages must already be valid: this bypasses the service layer on purpose so a
million-passage register can be built in minutes. The guard's path never uses it.
The columns are the models' (`PASSAGE_COLUMNS`, `PERSON_COLUMNS`), never a copy of
their list: a field added to the models is loaded (or taken at its declared default)
without a change here.
"""

from __future__ import annotations

import datetime as dt
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from pydantic.fields import FieldInfo

from checkpoint_app.db import driver
from checkpoint_app.db.models import PASSAGE_COLUMNS, PERSON_COLUMNS, PassageRecord, PersonCheckRecord

PERSONS = "persons"  # the key of a passage mapping that holds its person checks


def _defaults(fields: Mapping[str, FieldInfo], columns: Iterable[str]) -> dict[str, Any]:
    """The declared defaults of the columns that have one (booleans stored as 0/1)."""
    defaults = {}
    for name in columns:
        info = fields[name]
        if not info.is_required():
            value = info.get_default(call_default_factory=True)
            defaults[name] = int(value) if isinstance(value, bool) else value
    return defaults


def insert_passages(db_path: Path, station_id: int, passages: Iterable[Mapping[str, Any]],
                    grams_of: Callable[[str], Iterable[str]], batch: int = 20000, key: bytes | None = None) -> int:
    """Insert passages of the station `station_id` with their person checks, the
    persons' name grams and the passages' change records, in one transaction: all of
    them or, on any error, nothing. Returns the number of passages.

    Each passage is a mapping of `PASSAGE_COLUMNS` plus `persons`, a non-empty list of
    mappings of `PERSON_COLUMNS` without `passage_id` (the loader gives it); a person's
    `position` is its place in the list unless given. A column left out takes its
    declared default; a column without one raises KeyError. Values are given as stored:
    times as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, dates ISO, booleans 0/1 (or bool).
    Passages and person checks get the ids after the highest ones in the register.

    `grams_of(name)` gives a name's search grams (person_name_gram). The ID number and
    phone search index (person_ident_fts) is kept by its triggers on person_check, as
    for every insert. Each passage gets a change record 'create' and, if it is void, one
    'void' (record_type 'passage', at the time of loading). The station's next_seq is
    moved past the highest sequence number inserted.
    """
    passage_row = itemgetter(*PASSAGE_COLUMNS)
    person_columns = tuple(c for c in PERSON_COLUMNS if c not in ("passage_id", "position"))
    person_row = itemgetter(*person_columns)
    passage_defaults = _defaults(PassageRecord.model_fields, PASSAGE_COLUMNS)
    person_defaults = _defaults(PersonCheckRecord.model_fields, person_columns)
    conn = driver.connect(db_path, key)  # `key`: an encrypted register's
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA cache_size=-200000")
        passage_sql = _insert_sql("passage", ("id", *PASSAGE_COLUMNS))
        person_sql = _insert_sql("person_check", ("id", "passage_id", "position", *person_columns))
        conn.execute("BEGIN")
        first_passage = passage_id = conn.execute("SELECT coalesce(max(id), 0) FROM passage").fetchone()[0] + 1
        person_id = conn.execute("SELECT coalesce(max(id), 0) FROM person_check").fetchone()[0] + 1
        count, max_seq = 0, 0
        passage_rows: list[tuple[Any, ...]] = []
        person_rows: list[tuple[Any, ...]] = []
        gram_rows: list[tuple[str, int]] = []
        for passage in passages:
            values = passage_row({**passage_defaults, **passage})
            if passage["station_id"] != station_id:
                raise ValueError(f"passage seq {passage['seq']} is of station {passage['station_id']}, not {station_id}")
            persons = passage[PERSONS]
            if not persons:
                raise ValueError(f"passage seq {passage['seq']} has no person check")
            passage_rows.append((passage_id, *values))
            for place, person in enumerate(persons):
                person_rows.append((person_id, passage_id, person.get("position", place),
                                    *person_row({**person_defaults, **person})))
                gram_rows.extend((gram, person_id) for gram in grams_of(person["name"]))
                person_id += 1
            max_seq = max(max_seq, passage["seq"])
            passage_id += 1
            count += 1
            if len(passage_rows) >= batch:
                _flush(conn, passage_sql, passage_rows, person_sql, person_rows, gram_rows)
        _flush(conn, passage_sql, passage_rows, person_sql, person_rows, gram_rows)
        loaded = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")  # when the changes happened
        conn.execute("INSERT INTO change_record (at, record_type, record_uuid, kind, operator_id) "
                     "SELECT ?, 'passage', uuid, 'create', operator_id FROM passage WHERE id >= ? ORDER BY id",
                     (loaded, first_passage))
        conn.execute("INSERT INTO change_record (at, record_type, record_uuid, kind, operator_id) "
                     "SELECT ?, 'passage', uuid, 'void', voided_by_id FROM passage WHERE id >= ? AND voided = 1 "
                     "ORDER BY id", (loaded, first_passage))
        conn.execute("UPDATE station SET next_seq = max(next_seq, ?) WHERE id = ?", (max_seq + 1, station_id))
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
        return count
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _flush(conn: driver.Connection, passage_sql: str, passage_rows: list[Any], person_sql: str,
           person_rows: list[Any], gram_rows: list[Any]) -> None:
    conn.executemany(passage_sql, passage_rows)
    conn.executemany(person_sql, person_rows)
    conn.executemany("INSERT INTO person_name_gram (gram, person_id) VALUES (?, ?)", gram_rows)
    passage_rows.clear()
    person_rows.clear()
    gram_rows.clear()
