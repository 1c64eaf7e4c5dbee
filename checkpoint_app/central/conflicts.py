"""Conflicts at the office: a record that arrived again with other content (issue 9 item 5)
is held in office_conflict, never written over the record held. Here the clerk sees the two
side by side (`detail`) and resolves it (`resolve`): "keep" the held record, or "take" the
incoming content in its place, in one transaction, with who, when and why recorded.

The detail shows personal data in full (the office clerk's own database, to decide which is
right) but nothing of it is ever logged: the log names the conflict's number, kind and choice.
Taking a passage keeps its void state (a voided record stays voided, its tombstone too); its
content hash is recomputed with the importer's own function (importer.passage_hash)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.sql.sqltypes import Date, DateTime

from checkpoint_app.central import problems
from checkpoint_app.central.importer import (
    AUDITS,
    DAYS,
    PASSAGES,
    PERSONS,
    SEVEN_ONES,
    VOID_FIELDS,
    audit_row,
    check_row,
    day_row,
    parse_time,
    passage_hash,
)
from checkpoint_app.central.models import OfficeConflict, OfficePassage, OfficePerson
from checkpoint_app.central.prepare import held_utc

log = logging.getLogger("checkpoint.central")

CONFLICTS: Table = OfficeConflict.__table__  # type: ignore[attr-defined]
KEEP, TAKE = "keep", "take"
CHOICES = (KEEP, TAKE)

# columns that are bookkeeping, not a record's content (never shown as a difference)
_BOOKKEEPING = {"id", "station_id", "batch_id", "content_hash", "passage_id", "imported_at", "first_imported_at"}


@dataclass(frozen=True)
class Difference:
    field: str  # "notes", "person 1: name", "figures"
    held: str
    incoming: str


@dataclass(frozen=True)
class ConflictView:
    """A conflict as listed (OfficeService.conflicts)."""

    id: int
    station: str
    kind: str
    key: str
    batch_number: int
    found_at: dt.datetime
    resolved: bool


@dataclass(frozen=True)
class ConflictDetail(ConflictView):
    """A conflict opened: how it was resolved, and the fields that differ."""

    resolution: str
    resolved_at: dt.datetime | None
    resolved_by: str
    resolution_note: str
    differences: list[Difference]


def shown(value: Any) -> str:
    """A value as the clerk reads it (timestamps in UTC, JSON for lists and dicts)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return held_utc(value).astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _same(held: Any, incoming: Any) -> bool:
    if isinstance(held, dt.datetime) and isinstance(incoming, dt.datetime):
        return held_utc(held) == held_utc(incoming)
    return held == incoming


def table_row(table: Table, model: Any, data: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """`data` (a record's fields as the batch carries them) as `table`'s column values:
    timestamps and days parsed, missing fields at the model's defaults."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name in skip:
            continue
        info = model.model_fields.get(column.name)
        value = data.get(column.name)
        if value is None and info is not None and not info.is_required():
            value = info.get_default(call_default_factory=True)
        if value is not None and isinstance(value, str):
            if isinstance(column.type, DateTime) or isinstance(getattr(column.type, "impl", None), DateTime):
                value = parse_time(value)
            elif isinstance(column.type, Date):
                value = dt.date.fromisoformat(value)
        row[column.name] = value
    return row


def _differences(held: dict[str, Any], incoming: dict[str, Any], prefix: str = "",
                 skip: set[str] = _BOOKKEEPING) -> list[Difference]:
    return [Difference(prefix + name, shown(held.get(name)), shown(incoming.get(name)))
            for name in dict.fromkeys([*held, *incoming]) if name not in skip
            and not _same(held.get(name), incoming.get(name))]


# ---- per kind: the held row, the incoming row, and how "take" writes it --------------------

def _passage_rows(conn: Connection, station_id: int, record: dict[str, Any]) -> tuple[Any, dict[str, Any],
                                                                                       list[dict[str, Any]]]:
    uuid = (record.get("passage") or {}).get("uuid")
    held = conn.execute(select(PASSAGES).where(PASSAGES.c.station_id == station_id,
                                               PASSAGES.c.uuid == uuid)).first()
    passage = table_row(PASSAGES, OfficePassage, record.get("passage") or {}, _BOOKKEEPING)
    persons = [table_row(PERSONS, OfficePerson, p, _BOOKKEEPING) for p in record.get("persons") or []]
    return held, passage, persons


def _passage_differences(conn: Connection, station_id: int, record: dict[str, Any]) -> list[Difference] | None:
    held, passage, persons = _passage_rows(conn, station_id, record)
    if held is None:
        return None
    found = _differences(dict(held._mapping), passage, skip=_BOOKKEEPING | set(VOID_FIELDS))
    held_persons = [dict(r._mapping) for r in conn.execute(
        select(PERSONS).where(PERSONS.c.passage_id == held.id).order_by(PERSONS.c.position))]
    for index in range(max(len(held_persons), len(persons))):
        mine = held_persons[index] if index < len(held_persons) else {}
        theirs = persons[index] if index < len(persons) else {}
        found += _differences(mine, theirs, prefix=f"person {index + 1}: ")
    return found


def _take_passage(conn: Connection, station_id: int, batch_id: int, record: dict[str, Any]) -> bool:
    held, passage, persons = _passage_rows(conn, station_id, record)
    if held is None:
        return False
    values = {k: v for k, v in passage.items() if k not in VOID_FIELDS and k != "uuid"}
    # the void state stays as held: a voided record stays voided (its tombstone is untouched)
    conn.execute(update(PASSAGES).where(PASSAGES.c.id == held.id).values(
        **values, content_hash=passage_hash(record), batch_id=batch_id))
    conn.execute(delete(PERSONS).where(PERSONS.c.passage_id == held.id))
    if persons:
        conn.execute(insert(PERSONS), [dict(p, passage_id=held.id) for p in persons])
    return True


def _row_builder(kind: str, station_id: int, batch_id: int,
                 now: dt.datetime) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The importer's own row for an incoming seven-ones check, audit event or day."""
    if kind == "seven_ones":
        return lambda record: check_row(record, station_id, batch_id, "conflict")
    if kind == "audit":
        return lambda record: audit_row(record, station_id, batch_id, "conflict")
    return lambda record: day_row(record, station_id, batch_id, now, "conflict")


_TABLES = {"seven_ones": (SEVEN_ONES, "check_id"), "audit": (AUDITS, "event_id"), "day": (DAYS, "day")}


def _held_row(conn: Connection, kind: str, station_id: int, row: dict[str, Any]) -> Any:
    table, key = _TABLES[kind]
    return conn.execute(select(table).where(table.c.station_id == station_id, table.c[key] == row[key])).first()


# ---- the two operations -------------------------------------------------------------------

def _conflict(conn: Connection, number: int, lock: bool = False) -> Any:
    from checkpoint_app.central.importer import BATCHES
    from checkpoint_app.central.service import STATIONS

    query = (select(CONFLICTS, STATIONS.c.code, BATCHES.c.number.label("batch_number"))
             .join(STATIONS, STATIONS.c.id == CONFLICTS.c.station_id)
             .join(BATCHES, BATCHES.c.id == CONFLICTS.c.batch_id).where(CONFLICTS.c.id == number))
    if lock:
        query = query.with_for_update(of=CONFLICTS)
    row = conn.execute(query).first()
    if row is None:
        raise problems.conflict_unknown(number)
    return row


def detail(conn: Connection, number: int, now: dt.datetime) -> ConflictDetail:
    row = _conflict(conn, number)
    record = json.loads(row.incoming)
    if row.kind == "passage":
        found = _passage_differences(conn, row.station_id, record)
    elif row.kind in _TABLES:
        incoming = _row_builder(row.kind, row.station_id, row.batch_id, now)(record)
        held = _held_row(conn, row.kind, row.station_id, incoming)
        found = None if held is None else _differences(dict(held._mapping), incoming)
    else:
        found = None
    if found is None:  # nothing held to compare with: the incoming record as it came
        found = [Difference(k, "", shown(v)) for k, v in sorted(record.items()) if k != "kind"]
    return ConflictDetail(row.id, row.code, row.kind, row.key, row.batch_number, held_utc(row.found_at),
                          row.resolved, row.resolution or "", held_utc(row.resolved_at) if row.resolved_at else None,
                          row.resolved_by or "", row.resolution_note or "", found)


def resolve(conn: Connection, number: int, choice: str, note: str, clerk: str, now: dt.datetime) -> None:
    """Resolve conflict `number` in the caller's transaction (all of it or nothing)."""
    if choice not in CHOICES:
        raise problems.conflict_choice(choice)
    if not clerk.strip():
        raise problems.conflict_clerk()
    row = _conflict(conn, number, lock=True)
    if row.resolved:
        raise problems.conflict_resolved(number, row.resolution or "?", row.resolved_by or "?",
                                         shown(row.resolved_at))
    if choice == TAKE:
        record = json.loads(row.incoming)
        if row.kind == "passage":
            if not _take_passage(conn, row.station_id, row.batch_id, record):
                raise problems.conflict_held_missing(number)
        elif row.kind in _TABLES:
            incoming = _row_builder(row.kind, row.station_id, row.batch_id, now)(record)
            held = _held_row(conn, row.kind, row.station_id, incoming)
            if held is None:
                raise problems.conflict_held_missing(number)
            if row.kind == "day" and held.revision != incoming["revision"]:
                raise problems.conflict_superseded(number)  # a later revision arrived since
            table, _key = _TABLES[row.kind]
            incoming.pop("station_id", None)
            incoming.pop("first_imported_at", None)
            conn.execute(update(table).where(table.c.id == held.id).values(**incoming))
        else:
            raise problems.conflict_held_missing(number)
    conn.execute(update(CONFLICTS).where(CONFLICTS.c.id == number).values(
        resolved=True, resolution=choice, resolved_at=now, resolved_by=clerk.strip()[:100],
        resolution_note=note.strip()[:500]))
    log.info("conflict %s (%s) resolved: %s", number, row.kind, choice)
