"""The retention purge's SQL (services/retention.py): which passages the district office
has received for certain, and erasing the personal fields of a range of days, their name
search grams with them; and the compound's lists, which never leave the station: the
watchlist entries (home quarantine, medical observation) ended before a day, their five
dailies' notes with them, and the residents who moved out before it, their plates with them.
The fields are the models' own declaration (`personal_fields`), never listed here.

Run on a connection with `PRAGMA secure_delete=ON` (`secure`): SQLite then overwrites what
it deletes or moves with zeros instead of leaving it in free space, so the erased values
are gone from the tables and from the cells that held them. That is not all of the file:
when the shrunk rows are moved between pages (SQLite rebalances its b-trees), the old
bytes can stay in a page's unused space, which secure_delete does not clear. So after a
purge the file is rewritten whole (`vacuum`); `COMPACT_DUE` (a setting row, written with
the purge) says one is owed until it has succeeded."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from sqlalchemy import Connection
from sqlmodel import SQLModel

from checkpoint_app.db import driver
from checkpoint_app.db.models import (
    IDENT_FTS_TABLE,
    DailyCare,
    PassageRecord,
    PersonCheckRecord,
    Resident,
    Watch,
    personal_fields,
)


def _erased(model: type[SQLModel]) -> list[tuple[str, Any]]:
    """(field, the value it is erased to): NULL where the field may be empty, else ""."""
    out = []
    for name in personal_fields(model):
        info = model.model_fields[name]
        out.append((name, None if not info.is_required() and info.default is None else ""))
    return out


PERSON_ERASED = _erased(PersonCheckRecord)
PASSAGE_ERASED = _erased(PassageRecord)
WATCH_ERASED = _erased(Watch)
CARE_ERASED = _erased(DailyCare)
RESIDENT_ERASED = _erased(Resident)

# an entry's or a resident's name is never empty but once erased: what is left to erase
_WATCH_DUE = "name != '' AND min(end_date, coalesce(lifted_on, end_date)) < ?"  # ended (lapsed or lifted)
_RESIDENT_DUE = "moved_out = 1 AND name != '' AND coalesce(moved_out_on, date(updated_at)) < ?"


def secure(conn: Connection, on: bool = True) -> None:
    conn.exec_driver_sql(f"PRAGMA secure_delete={'ON' if on else 'OFF'}")


def delivered_change(conn: Connection) -> int:
    """The last change every batch up to which the office has acknowledged: batches
    1..N acknowledged (a later one acknowledged after a gap does not count yet)."""
    upto = 0
    for _number, change_to, acknowledged in conn.exec_driver_sql(
            "SELECT number, change_to, acknowledged_at IS NOT NULL FROM batch ORDER BY number"):
        if not acknowledged:
            break
        upto = int(change_to)
    return upto


def first_undelivered_day(conn: Connection, delivered: int) -> dt.date | None:
    """The earliest day of a passage with a change after `delivered` (not yet received by
    the office for certain: never exported, or its batch not acknowledged)."""
    value = conn.exec_driver_sql(
        "SELECT min(p.local_date) FROM change_record AS c JOIN passage AS p ON p.uuid = c.record_uuid "
        "WHERE c.record_type = 'passage' AND c.id > ?", (delivered,)).scalar()
    return dt.date.fromisoformat(str(value)) if value else None


def waiting(conn: Connection, before: dt.date, delivered: int) -> tuple[int, dt.date | None]:
    """Passages before `before` (old enough to be purged) that wait for the office's
    acknowledgement, and the earliest day of them."""
    count, first = conn.exec_driver_sql(
        "SELECT count(DISTINCT p.id), min(p.local_date) FROM change_record AS c "
        "JOIN passage AS p ON p.uuid = c.record_uuid "
        "WHERE c.record_type = 'passage' AND c.id > ? AND p.local_date < ?", (delivered, before.isoformat())).one()
    return int(count), dt.date.fromisoformat(str(first)) if first else None


def any_before(conn: Connection, since: dt.date | None, before: dt.date) -> bool:
    """Whether any passage of days [since, before) is there to erase."""
    where, params = _days(since, before)
    return conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM passage WHERE {where})", params).scalar() == 1


def _days(since: dt.date | None, before: dt.date) -> tuple[str, tuple[str, ...]]:
    """The WHERE condition on `local_date` for the days [since, before), and its parameters."""
    if since is None:
        return "local_date < ?", (before.isoformat(),)
    return "local_date >= ? AND local_date < ?", (since.isoformat(), before.isoformat())


def erase(conn: Connection, since: dt.date | None, before: dt.date) -> tuple[int, int]:
    """Erase the personal fields of the passages of days [since, before) and of their
    persons, and the persons' name grams. Returns (passages, persons)."""
    return _erase(conn.exec_driver_sql, since, before)


def erase_raw(raw: driver.Connection, since: dt.date | None, before: dt.date) -> tuple[int, int]:
    """`erase` on a driver connection (a backup file, outside the app's engine)."""
    return _erase(raw.execute, since, before)


GRAM_CHUNK = 100_000  # name grams per DELETE statement


def _erase(execute: Callable[..., Any], since: dt.date | None, before: dt.date) -> tuple[int, int]:
    """Statement by statement in bounded pieces: SQLite keeps each statement's rollback
    journal (in memory here), so one statement over a whole large register would hold all
    its pages (a first purge of 1,000,000 entries peaked 230 MB above the process's
    baseline in one statement). The name grams go in ranges of GRAM_CHUNK grams, the
    persons' ids looked up in a temporary table; the rows day by day."""
    where, params = _days(since, before)
    execute("CREATE TEMP TABLE IF NOT EXISTS purge_person (id INTEGER PRIMARY KEY)")
    execute("DELETE FROM temp.purge_person")
    execute(f"INSERT INTO temp.purge_person SELECT id FROM person_check WHERE passage_id IN "
            f"(SELECT id FROM passage WHERE {where})", params)
    # `+person_id`: a range of the (gram, person_id) key, each row's person looked up. Without
    # the plus, SQLite 3.53 (SQLCipher 4.19) picks a skip-scan, one probe per person per gram:
    # more than 5 minutes for 1,000,000 entries instead of seconds.
    low = ""
    while True:
        row = execute("SELECT gram FROM person_name_gram WHERE gram >= ? ORDER BY gram LIMIT 1 OFFSET ?",
                      (low, GRAM_CHUNK)).fetchone()
        high = row[0] if row is not None else None
        if high == low:  # one gram of more rows than a piece: up to the next gram
            high = execute("SELECT min(gram) FROM person_name_gram WHERE gram > ?", (low,)).fetchone()[0]
        if high is None:
            execute("DELETE FROM person_name_gram WHERE gram >= ? AND +person_id IN temp.purge_person", (low,))
            break
        execute("DELETE FROM person_name_gram WHERE gram >= ? AND gram < ? AND +person_id IN temp.purge_person",
                (low, high))
        low = high
    execute("DROP TABLE temp.purge_person")
    days = [day for (day,) in execute(
        f"SELECT DISTINCT local_date FROM passage WHERE {where} ORDER BY local_date", params).fetchall()]
    count = persons = 0
    for day in days:
        persons += execute(
            f"UPDATE person_check SET {_set(PERSON_ERASED)} WHERE passage_id IN "
            f"(SELECT id FROM passage WHERE local_date = ?)", (*[v for _, v in PERSON_ERASED], day)).rowcount
        count += execute(f"UPDATE passage SET {_set(PASSAGE_ERASED)} WHERE local_date = ?",
                         (*[v for _, v in PASSAGE_ERASED], day)).rowcount
    return int(count), int(persons)


def lists_due(conn: Connection, before: dt.date) -> bool:
    """Whether a watchlist entry ended, or a resident moved out, before `before` still
    holds people's data."""
    day = before.isoformat()
    return bool(conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM watch WHERE {_WATCH_DUE}) "
                                     f"OR EXISTS (SELECT 1 FROM resident WHERE {_RESIDENT_DUE})", (day, day)).scalar())


def erase_lists(conn: Connection, before: dt.date) -> tuple[int, int]:
    """Erase the personal fields of the watchlist entries that ended before `before` (and
    their five dailies' notes) and of the residents who moved out before it (and their
    plates). Returns (entries, residents)."""
    return _erase_lists(conn.exec_driver_sql, before)


def erase_lists_raw(raw: driver.Connection, before: dt.date) -> tuple[int, int]:
    """`erase_lists` on a driver connection (a backup file)."""
    return _erase_lists(raw.execute, before)


def _set(erased: list[tuple[str, Any]]) -> str:
    return ", ".join(f"{name} = ?" for name, _ in erased)


def _erase_lists(execute: Callable[..., Any], before: dt.date) -> tuple[int, int]:
    tables = execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('watch', 'resident')")
    if tables.fetchone()[0] < 2:  # a backup of a register from before the lists (schema 0005)
        return 0, 0
    day = (before.isoformat(),)
    execute(f"UPDATE daily_care SET {_set(CARE_ERASED)} WHERE watch_id IN (SELECT id FROM watch WHERE {_WATCH_DUE})",
            (*[v for _, v in CARE_ERASED], *day))
    watches = execute(f"UPDATE watch SET {_set(WATCH_ERASED)} WHERE {_WATCH_DUE}",
                      (*[v for _, v in WATCH_ERASED], *day)).rowcount
    execute(f"DELETE FROM resident_plate WHERE resident_id IN (SELECT id FROM resident WHERE {_RESIDENT_DUE})", day)
    residents = execute(f"UPDATE resident SET {_set(RESIDENT_ERASED)} WHERE {_RESIDENT_DUE}",
                        (*[v for _, v in RESIDENT_ERASED], *day)).rowcount
    return int(watches), int(residents)


def compact_search_index(conn: Connection) -> None:
    """Merge the ID/phone index's segments into one: FTS5 keeps a deleted value's tokens
    in older segments until they are merged (with secure_delete on, the pages they leave
    are zeroed)."""
    conn.exec_driver_sql(_OPTIMIZE)


def compact_search_index_raw(raw: driver.Connection) -> None:
    raw.execute(_OPTIMIZE)


COMPACT_DUE = "retention_compact_due"


def vacuum(raw: driver.Connection) -> None:
    """Rewrite the whole file (VACUUM) on a driver connection outside any transaction, its
    scratch copy in a temporary file rather than in memory (as large as the register;
    SQLCipher encrypts it with the register's key), then cut the log to nothing."""
    level = raw.isolation_level
    raw.isolation_level = None
    try:
        raw.execute("PRAGMA temp_store=FILE")
        try:
            raw.execute("VACUUM")
        finally:
            raw.execute("PRAGMA temp_store=DEFAULT")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.isolation_level = level


def owe_compaction(conn: Connection) -> None:
    conn.exec_driver_sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, 'true')", (COMPACT_DUE,))


def compaction_owed(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM setting WHERE key = ?)", (COMPACT_DUE,)).scalar() == 1


def compaction_done(raw: driver.Connection) -> None:
    with raw:
        raw.execute("DELETE FROM setting WHERE key = ?", (COMPACT_DUE,))


_OPTIMIZE = f"INSERT INTO {IDENT_FTS_TABLE}({IDENT_FTS_TABLE}) VALUES ('optimize')"
