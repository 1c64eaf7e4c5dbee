"""The retention purge's SQL (services/retention.py): which passages the district office
has received for certain, and erasing the personal fields of a range of days, their name
search grams with them. The fields are the models' own declaration (`personal_fields`),
never listed here.

Run on a connection with `PRAGMA secure_delete=ON` (`secure`): SQLite then overwrites what
it deletes or moves with zeros instead of leaving it in free space, so the erased values
are gone from the file's bytes, not just from the tables."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from sqlalchemy import Connection
from sqlmodel import SQLModel

from checkpoint_app.db import driver
from checkpoint_app.db.models import IDENT_FTS_TABLE, PassageRecord, PersonCheckRecord, personal_fields


def _erased(model: type[SQLModel]) -> list[tuple[str, Any]]:
    """(field, the value it is erased to): NULL where the field may be empty, else ""."""
    out = []
    for name in personal_fields(model):
        info = model.model_fields[name]
        out.append((name, None if not info.is_required() and info.default is None else ""))
    return out


PERSON_ERASED = _erased(PersonCheckRecord)
PASSAGE_ERASED = _erased(PassageRecord)


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


def _erase(execute: Callable[..., Any], since: dt.date | None, before: dt.date) -> tuple[int, int]:
    where, params = _days(since, before)
    passages = f"SELECT id FROM passage WHERE {where}"
    execute(f"DELETE FROM person_name_gram WHERE person_id IN "
            f"(SELECT id FROM person_check WHERE passage_id IN ({passages}))", params)
    persons = execute(
        f"UPDATE person_check SET {', '.join(f'{n} = ?' for n, _ in PERSON_ERASED)} "
        f"WHERE passage_id IN ({passages})", (*[v for _, v in PERSON_ERASED], *params)).rowcount
    count = execute(
        f"UPDATE passage SET {', '.join(f'{n} = ?' for n, _ in PASSAGE_ERASED)} WHERE {where}",
        (*[v for _, v in PASSAGE_ERASED], *params)).rowcount
    return int(count), int(persons)


def compact_search_index(conn: Connection) -> None:
    """Merge the ID/phone index's segments into one: FTS5 keeps a deleted value's tokens
    in older segments until they are merged (with secure_delete on, the pages they leave
    are zeroed)."""
    conn.exec_driver_sql(_OPTIMIZE)


def compact_search_index_raw(raw: driver.Connection) -> None:
    raw.execute(_OPTIMIZE)


_OPTIMIZE = f"INSERT INTO {IDENT_FTS_TABLE}({IDENT_FTS_TABLE}) VALUES ('optimize')"
