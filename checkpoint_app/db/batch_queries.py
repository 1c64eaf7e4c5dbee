"""What a batch for the district office reads from the register (docs/batch-format.md §5.2),
in plain SQL: rows become the batch's JSON records directly, without a model object per
row, because a batch of 100,000 records must be read, encoded, encrypted and verified in
a few seconds. The field lists are the models' own (`PASSAGE_COLUMNS`, `PERSON_COLUMNS`),
never typed again here.

Everything is read on one connection inside one read transaction (the caller's), so a
batch is one consistent snapshot of the register, up to the watermarks it states.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Connection
from sqlmodel import SQLModel

from checkpoint_app.db import driver
from checkpoint_app.db.models import PASSAGE_COLUMNS, PERSON_COLUMNS, PassageRecord, PersonCheckRecord

CHUNK = 2000  # change records read (and their passages looked up) at a time

# the local ids the office has no use for: which station (it is the batch's) and which passage (the nesting)
PASSAGE_FIELDS = tuple(c for c in PASSAGE_COLUMNS if c != "station_id")
PERSON_FIELDS = tuple(c for c in PERSON_COLUMNS if c != "passage_id")


def _typed(model: type[SQLModel], columns: tuple[str, ...], kind: type) -> frozenset[str]:
    def has(annotation: Any) -> bool:
        if annotation is kind:
            return True
        origin = typing.get_origin(annotation)
        return origin in (typing.Union, types.UnionType) and kind in typing.get_args(annotation)

    return frozenset(c for c in columns if has(model.model_fields[c].annotation))


_PASSAGE_BOOLS = _typed(PassageRecord, PASSAGE_FIELDS, bool)
_PASSAGE_TIMES = _typed(PassageRecord, PASSAGE_FIELDS, dt.datetime)
_PERSON_BOOLS = _typed(PersonCheckRecord, PERSON_FIELDS, bool)
_PERSON_TIMES = _typed(PersonCheckRecord, PERSON_FIELDS, dt.datetime)


def utc_text(stored: Any) -> str | None:
    """A stored UTC timestamp ('2020-02-13 01:45:00.000000', as SQLModel writes it) as
    ISO 8601 with Z; whole seconds without the fraction."""
    if stored is None:
        return None
    if isinstance(stored, dt.datetime):
        stored = stored.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat(" ")
    text = str(stored)
    if text.endswith(".000000"):
        text = text[:-7]
    return f"{text[:10]}T{text[11:]}Z"


Convert = Callable[[Iterable[Any]], dict[str, Any]]


def _converter(columns: tuple[str, ...], bools: frozenset[str], times: frozenset[str]) -> Convert:
    """A function from a row (in `columns` order) to the record's dict: dict(zip()) in C,
    then only the few boolean and timestamp columns fixed up."""
    bool_columns, time_columns = tuple(c for c in columns if c in bools), tuple(c for c in columns if c in times)

    def convert(row: Iterable[Any]) -> dict[str, Any]:
        out = dict(zip(columns, row, strict=True))
        for name in bool_columns:
            value = out[name]
            if value is not None:
                out[name] = bool(value)
        for name in time_columns:
            value = out[name]
            if value is not None:
                out[name] = utc_text(value)
        return out

    return convert


_passage = _converter(PASSAGE_FIELDS, _PASSAGE_BOOLS, _PASSAGE_TIMES)
_person = _converter(PERSON_FIELDS, _PERSON_BOOLS, _PERSON_TIMES)


def snapshot(conn: Connection) -> None:
    """Begin a read transaction on `conn` now, so every read after it sees one snapshot of
    the register (the driver begins transactions only for writes)."""
    raw = _raw(conn)
    if not raw.in_transaction:
        raw.execute("BEGIN")


def _raw(conn: Connection) -> driver.Connection:
    """The driver's connection under `conn` (same transaction): rows as plain tuples,
    without SQLAlchemy's row objects, on the export's hot path."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, driver.Connection)
    return raw


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


def scalar(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return conn.exec_driver_sql(sql, params).scalar()


def max_change(conn: Connection) -> int:
    return int(scalar(conn, "SELECT coalesce(max(id), 0) FROM change_record"))


def max_audit(conn: Connection) -> int:
    return int(scalar(conn, "SELECT coalesce(max(id), 0) FROM audit_event"))


def change_counts(conn: Connection, after: int, upto: int) -> dict[str, int]:
    """Records per `kind.op` / kind a batch of changes (after, upto] would carry."""
    counts: dict[str, int] = {}
    for record_type, kind, count in conn.exec_driver_sql(
            "SELECT record_type, kind, count(*) FROM change_record WHERE id > ? AND id <= ? "
            "GROUP BY record_type, kind", (after, upto)):
        key = f"passage.{kind}" if record_type == "passage" else str(record_type)
        counts[key] = counts.get(key, 0) + int(count)
    return counts


def audit_count(conn: Connection, after: int, upto: int) -> int:
    return int(scalar(conn, "SELECT count(*) FROM audit_event WHERE id > ? AND id <= ?", (after, upto)))


def change_span(conn: Connection, after: int, upto: int) -> tuple[Any, Any]:
    """The first and last `at` of the changes (after, upto] and of nothing else."""
    row = conn.exec_driver_sql("SELECT min(at), max(at) FROM change_record WHERE id > ? AND id <= ?",
                               (after, upto)).one()
    return row[0], row[1]


def audit_span(conn: Connection, after: int, upto: int) -> tuple[Any, Any]:
    row = conn.exec_driver_sql("SELECT min(at), max(at) FROM audit_event WHERE id > ? AND id <= ?",
                               (after, upto)).one()
    return row[0], row[1]


def changed_days(conn: Connection, after: int, upto: int) -> set[dt.date]:
    """The station's calendar days of the passages changed in (after, upto]."""
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT p.local_date FROM change_record AS c JOIN passage AS p ON p.uuid = c.record_uuid "
        "WHERE c.id > ? AND c.id <= ? AND c.record_type = 'passage'", (after, upto))
    return {dt.date.fromisoformat(str(r[0])) for r in rows}


def first_day(conn: Connection) -> dt.date | None:
    """The station's first calendar day with a passage."""
    value = scalar(conn, "SELECT min(local_date) FROM passage")
    return dt.date.fromisoformat(str(value)) if value else None


def declared(conn: Connection) -> dict[dt.date, int]:
    """Each declared day's latest revision."""
    return {dt.date.fromisoformat(str(day)): int(revision) for day, revision in conn.exec_driver_sql(
        "SELECT day, max(revision) FROM day_declaration GROUP BY day")}


def change_records(conn: Connection, after: int, upto: int) -> Iterator[dict[str, Any]]:
    """The records of the changes (after, upto], in change order (§5.2): passages with
    their persons, voids, shifts, seven-ones checks."""
    raw = _raw(conn)
    low = after
    while low < upto:
        changes = raw.execute(
            f"SELECT c.id, c.at, c.record_type, c.record_uuid, c.kind, p.id, {_PASSAGE_SELECT} "
            "FROM change_record AS c LEFT JOIN passage AS p ON c.record_type = 'passage' AND p.uuid = c.record_uuid "
            "WHERE c.id > ? AND c.id <= ? ORDER BY c.id LIMIT ?", (low, upto, CHUNK)).fetchall()
        if not changes:
            return
        low = int(changes[-1][0])
        persons = _persons(raw, [r[5] for r in changes if r[5] is not None and r[4] != "void"])
        shifts = _shifts(conn, {int(r[3]) for r in changes if r[2] == "shift"})
        checks = _checks(conn, {int(r[3]) for r in changes if r[2] == "seven_ones"})
        for row in changes:
            change_id, at, record_type, record_uuid, kind, passage_id = row[:6]
            head = {"change": change_id, "at": utc_text(at)}
            if record_type == "passage":
                if passage_id is None:
                    raise ValueError(f"change {change_id} names a passage that is not there")
                passage = _passage(row[6:])
                if kind == "void":
                    yield {"kind": "passage", "op": "void", **head, "uuid": record_uuid, "void": {
                        "voided_at": passage["voided_at"], "voided_by": passage["voided_by"],
                        "void_reason": passage["void_reason"]}}
                else:
                    yield {"kind": "passage", "op": kind, **head, "passage": passage,
                           "persons": persons.get(passage_id, [])}
            elif record_type == "shift":
                yield {"kind": "shift", "op": kind, **head, "shift": shifts[int(record_uuid)]}
            elif record_type == "seven_ones":
                yield {"kind": "seven_ones", "op": kind, **head, "check": checks[int(record_uuid)]}
            else:
                raise ValueError(f"change record of unknown type {record_type!r}")


_PASSAGE_SELECT = ", ".join(f"p.{c}" for c in PASSAGE_FIELDS)
_PERSON_SELECT = ", ".join(PERSON_FIELDS)


def _persons(raw: driver.Connection, passage_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    if not passage_ids:
        return found
    for row in raw.execute(
            f"SELECT passage_id, {_PERSON_SELECT} FROM person_check WHERE passage_id IN "
            f"({_placeholders(len(passage_ids))}) ORDER BY passage_id, position", passage_ids):
        found.setdefault(row[0], []).append(_person(row[1:]))
    return found


def _names(conn: Connection, ids: set[int]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {int(i): str(n) for i, n in conn.exec_driver_sql(
        f"SELECT id, name FROM operator WHERE id IN ({_placeholders(len(ids))})", tuple(ids))}


def _shifts(conn: Connection, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    keys = tuple(ids)
    rows = conn.exec_driver_sql(
        "SELECT id, started_at, started_by, ended_at, ended_by, handed_to, handover_note, open_matters, "
        f"previous_shift_id FROM shift WHERE id IN ({_placeholders(len(keys))})", keys).all()
    members: dict[int, list[tuple[bool, str]]] = {}
    for shift_id, name, first in conn.exec_driver_sql(
            "SELECT m.shift_id, o.name, m.operator_id = s.started_by FROM shift_member AS m "
            "JOIN operator AS o ON o.id = m.operator_id JOIN shift AS s ON s.id = m.shift_id "
            f"WHERE m.shift_id IN ({_placeholders(len(keys))})", keys):
        members.setdefault(int(shift_id), []).append((not first, str(name)))
    names = _names(conn, {v for r in rows for v in (r[2], r[4], r[5])})
    return {int(r[0]): {
        "id": int(r[0]), "started_at": utc_text(r[1]), "started_by": names.get(r[2], ""),
        "ended_at": utc_text(r[3]), "ended_by": names.get(r[4]) if r[4] is not None else None,
        "handed_to": names.get(r[5]) if r[5] is not None else None, "handover_note": r[6], "open_matters": r[7],
        "previous_shift_id": r[8], "members": [name for _, name in sorted(members.get(int(r[0]), []))]}
        for r in rows}


def _checks(conn: Connection, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    keys = tuple(ids)
    rows = conn.exec_driver_sql(
        "SELECT id, shift_id, checked_at, operator_id, reference_temp FROM seven_ones_check "
        f"WHERE id IN ({_placeholders(len(keys))})", keys).all()
    items: dict[int, list[dict[str, Any]]] = {}
    for check_id, item, present, note in conn.exec_driver_sql(
            f"SELECT check_id, item, present, note FROM seven_ones_item WHERE check_id IN "
            f"({_placeholders(len(keys))}) ORDER BY check_id, item", keys):
        items.setdefault(int(check_id), []).append({"item": item, "present": bool(present), "note": note})
    names = _names(conn, {r[3] for r in rows})
    return {int(r[0]): {"id": int(r[0]), "shift_id": r[1], "checked_at": utc_text(r[2]),
                        "operator": names.get(r[3], ""), "reference_temp": r[4], "items": items.get(int(r[0]), [])}
            for r in rows}


AUDIT_FIELDS = ("id", "at", "operator_name", "action", "outcome", "subject", "detail", "prev_hash", "hash")


def audit_records(conn: Connection, after: int, upto: int) -> Iterator[dict[str, Any]]:
    """The audit events (after, upto], as the chained log holds them (`detail` is the
    stored canonical JSON text, so the office can recompute each `hash`)."""
    raw = _raw(conn)
    low = after
    while low < upto:
        rows = raw.execute(
            f"SELECT {', '.join(AUDIT_FIELDS)} FROM audit_event WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
            (low, upto, CHUNK * 5)).fetchall()
        if not rows:
            return
        low = int(rows[-1][0])
        for row in rows:
            event = {"kind": "audit", **dict(zip(AUDIT_FIELDS, row, strict=True))}
            event["at"] = utc_text(event["at"])
            yield event
