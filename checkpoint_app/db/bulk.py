"""Fast bulk loading for demo and benchmark data (raw sqlite3, one transaction).

Rows must already be valid: this bypasses the service layer on purpose so a
million-entry register can be built in minutes. The guard's path never uses it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

ENTRY_COLUMNS: Sequence[str] = (
    "uuid", "station_id", "seq", "recorded_at", "utc_offset_min", "local_date", "operator", "operator_id",
    "direction", "category", "name", "id_type", "id_number", "phone", "phone_foreign",
    "destination", "purpose", "origin_province", "origin_city", "arrival_date", "temp1", "temp2",
    "fever", "symptoms", "key_area", "key_area_reasons", "proposed_decision", "decision",
    "override_reason", "leaflet", "notes", "voided", "void_reason", "voided_at", "voided_by", "voided_by_id",
    "corrects_uuid",
)


def insert_entries(db_path: Path, station_id: int, rows: Iterable[tuple[Any, ...]], grams_of: Callable[[str], Iterable[str]],
                   batch: int = 20000) -> int:
    """Insert entry rows (tuples in ENTRY_COLUMNS order), their name grams and their
    change records (as if each was created, and voided if it is void, when recorded).

    `grams_of(name)` gives the search grams for a name. Returns the number of rows.
    The station's next_seq is moved past the highest sequence number inserted.
    """
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA cache_size=-200000")
        placeholders = ",".join("?" * len(ENTRY_COLUMNS))
        sql = f"INSERT INTO entry ({','.join(ENTRY_COLUMNS)}) VALUES ({placeholders})"
        start_id = conn.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0] + 1
        count, max_seq, chunk = 0, 0, []
        name_index = ENTRY_COLUMNS.index("name")
        seq_index = ENTRY_COLUMNS.index("seq")
        gram_rows: list[tuple[str, int]] = []
        conn.execute("BEGIN")
        for row in rows:
            chunk.append(row)
            entry_id = start_id + count
            gram_rows.extend((g, entry_id) for g in grams_of(row[name_index]))
            max_seq = max(max_seq, row[seq_index])
            count += 1
            if len(chunk) >= batch:
                _flush(conn, sql, chunk, gram_rows)
        _flush(conn, sql, chunk, gram_rows)
        loaded = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")  # when the changes happened
        conn.execute("INSERT INTO change_record (at, record_type, record_uuid, kind, operator_id) "
                     "SELECT ?, 'entry', uuid, 'create', operator_id FROM entry WHERE id >= ? ORDER BY id",
                     (loaded, start_id))
        conn.execute("INSERT INTO change_record (at, record_type, record_uuid, kind, operator_id) "
                     "SELECT ?, 'entry', uuid, 'void', voided_by_id FROM entry WHERE id >= ? AND voided = 1 "
                     "ORDER BY id", (loaded, start_id))
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


def _flush(conn: sqlite3.Connection, sql: str, chunk: list[Any], gram_rows: list[Any]) -> None:
    conn.executemany(sql, chunk)
    conn.executemany("INSERT INTO entry_name_gram (gram, entry_id) VALUES (?, ?)", gram_rows)
    chunk.clear()
    gram_rows.clear()
