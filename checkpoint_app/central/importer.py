"""Importing one batch into the office database, whole or not at all.

The service (service.py) checks the batch against what is held (`check_against_held`: the
same batch again is a duplicate; another batch with a held number or UUID, or one that
breaks the hash chain, is refused), writes its row, and hands the parts to `BatchWriter`,
in the caller's transaction. The records go in chunks of `CHUNK`: each chunk is prepared
without the database (prepare.py: decoding, checks, content hashes, rows as the driver
stores them; for a large batch in the helper process, helper.py, a chunk ahead) and then
written with a few set-wise statements: the new passages' ids taken first (so the persons'
link needs no lookup after the insert), then the rows (COPY on PostgreSQL, one prepared
INSERT stepped per row on SQLite).

A batch is first written optimistically: its passages are not looked up, since a batch's
records are new as a rule, and the unique constraint (station, UUID) finds any held
already (`uuid_clash`); the service then rolls back and imports the batch again with each
passage looked up (on PostgreSQL one index probe per UUID, flat as the table grows), which
applies the rules below. Anything raised (BatchRejected when a part does not add up, a
constraint) leaves the caller to roll the whole batch back.

The rules (issue 9 item 5):
- a passage is keyed by (station, UUID); the same UUID with the same content (void fields
  left out of the hash) changes nothing; with other content it is kept in office_conflict,
  never written over the one held;
- a void is a tombstone (office_void): it voids the passage now or, when the passage
  arrives later (an older batch imported after a newer one), as it is stored, so a voided
  record never comes back;
- a shift is kept as of its latest change; a seven-ones check and an audit event are
  immutable (other content: a conflict); a day declaration keeps its latest revision
  (the same revision with other content: a conflict).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Generator, NamedTuple

import orjson
from sqlalchemy import Connection, Table, and_, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.sqltypes import Date, DateTime

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.payload import OpenedPayload
from checkpoint_app.batch.sealed import OpenedBatch
from checkpoint_app.central import problems
from checkpoint_app.central.helper import Helper, chunked_lines
from checkpoint_app.central.models import (
    OfficeAudit,
    OfficeBatch,
    OfficeConflict,
    OfficeDay,
    OfficePassage,
    OfficePerson,
    OfficeSevenOnes,
    OfficeShift,
    OfficeVoid,
)
from checkpoint_app.central.prepare import (
    STORE,
    VOID_FIELDS,
    Fields,
    Passage,
    Prepared,
    Preparer,
    hashed_picker,
    held_utc,
    parse_time,
    values_hash,
)

CHUNK = 2000

PASSAGES: Table = OfficePassage.__table__  # type: ignore[attr-defined]
PERSONS: Table = OfficePerson.__table__  # type: ignore[attr-defined]
BATCHES: Table = OfficeBatch.__table__  # type: ignore[attr-defined]
VOIDS: Table = OfficeVoid.__table__  # type: ignore[attr-defined]
CONFLICTS: Table = OfficeConflict.__table__  # type: ignore[attr-defined]
SHIFTS: Table = OfficeShift.__table__  # type: ignore[attr-defined]
SEVEN_ONES: Table = OfficeSevenOnes.__table__  # type: ignore[attr-defined]
AUDITS: Table = OfficeAudit.__table__  # type: ignore[attr-defined]
DAYS: Table = OfficeDay.__table__  # type: ignore[attr-defined]

Progress = Callable[[int], None]  # records done so far in this batch


@dataclass
class Tally:
    """What one import read and did, per record kind (`kind.op` for passages as in the
    manifest's counts) and `conflicts`, `new`, `unknown`."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        if n:
            self.counts[key] = self.counts.get(key, 0) + n


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def fields_of(table: Table, model: Any, skip: set[str]) -> Fields:
    """The table's record fields (prepare.Fields) from its own declaration."""
    names = [c.name for c in table.columns if c.name not in skip]
    defaults: dict[str, Any] = {}
    required: list[str] = []
    for name in names:
        info = model.model_fields.get(name)
        if info is None:
            continue
        if info.is_required():
            required.append(name)
        else:
            defaults[name] = info.get_default(call_default_factory=True)
    datetimes = {c.name for c in table.columns if isinstance(c.type, DateTime)
                 or isinstance(getattr(c.type, "impl", None), DateTime)}
    dates = {c.name for c in table.columns if isinstance(c.type, Date)}
    return Fields(names, defaults, required, datetimes, dates)


PASSAGE_FIELDS = fields_of(PASSAGES, OfficePassage, {"id", "station_id", "content_hash", "batch_id"})
PERSON_FIELDS = fields_of(PERSONS, OfficePerson, {"id", "passage_id"})
_HASHED = hashed_picker(PASSAGE_FIELDS)
_VOID_AT = {n: PASSAGE_FIELDS.names.index(n) for n in VOID_FIELDS}
ID_LOCK = 0x43_4B_50_49  # PostgreSQL advisory lock of the passage ids ("CKPI")
UUID_UNIQUE = "uq_office_passage_station_uuid"
HELPER_MIN = 20_000  # records in a batch from which its preparation runs in the helper process


def passage_hash(record: dict[str, Any]) -> str:
    """What identifies a passage's content: its fields but the void ones, and its persons'
    fields, in the tables' column order (fields this office does not know are not compared)."""
    passage = PASSAGE_FIELDS.reader("passage", "")(record.get("passage") or {})
    person = PERSON_FIELDS.reader("person", "")
    return values_hash(_HASHED(passage), [person(p) for p in record.get("persons") or []])


def uuid_clash(error: BaseException) -> bool:
    """Whether a database error is a passage's UUID held already (the unique constraint)."""
    orig = getattr(error, "orig", error)
    fields = orig.args[0] if orig.args and isinstance(orig.args[0], dict) else {}
    if fields.get("n") == UUID_UNIQUE:  # pg8000: PostgreSQL's error fields, "n" the constraint's name
        return True
    return "office_passage.station_id, office_passage.uuid" in str(orig)  # SQLite names the columns


def insert_statement(conn: Connection, table: Table, columns: list[str]) -> str:
    """The driver's own INSERT of `columns` into `table`."""
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"


class _Tombstone(NamedTuple):
    uuid: str
    voided_at: dt.datetime | None
    voided_by: str
    void_reason: str


_PG_HELD = ("SELECT held.* FROM unnest(%s::text[]) AS wanted(uuid) CROSS JOIN LATERAL "
            "(SELECT {columns} FROM {table} WHERE station_id = %s AND uuid = wanted.uuid) AS held")


def insert_ignoring(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, in the database's own dialect."""
    if not rows:
        return
    dialect = conn.dialect.name
    statement: Any
    if dialect == "postgresql":
        statement = postgresql.insert(table).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"unsupported database {dialect}")
    conn.execute(statement, rows)


class BatchWriter:
    """The records of one batch into the office database (see the module docstring).

    `write` takes the batch's parts one by one. Each part's lines are prepared in chunks
    (prepare.Preparer: decoding, checking, hashing; no database) and each prepared chunk
    is applied (`apply`) on the caller's connection. With a `helper` (a large batch) the
    preparation runs in the helper process, a chunk ahead of the writing."""

    def __init__(self, conn: Connection, station_id: int, batch_id: int, file: str, now: dt.datetime):
        self.conn, self.station_id, self.batch_id, self.file, self.now = conn, station_id, batch_id, file, now
        self.tally = Tally()
        self._any_void: bool | None = None
        self.dialect = conn.dialect.name
        # optimistic: the passages are not looked up first; the unique constraint (station,
        # UUID) refuses one held already (`uuid_clash`) and the caller imports again, careful
        self.optimistic = False
        self._ids_locked = False
        self._store_moment, _day, self._store_value = STORE[self.dialect]

    def _voids_held(self) -> bool:
        """Whether the station has any tombstone (most imports: none, and no lookup)."""
        if self._any_void is None:
            self._any_void = self.conn.execute(select(VOIDS.c.id).where(
                VOIDS.c.station_id == self.station_id).limit(1)).first() is not None
        return self._any_void

    def write(self, payload: OpenedPayload, progress: Progress | None = None, helper: Helper | None = None) -> Tally:
        """Every part of `payload` in; the counts checked part by part and against the
        manifest (a BatchRejected leaves the caller to roll the whole batch back)."""
        done = 0
        per_kind: dict[str, int] = {}
        preparer = Preparer(PASSAGE_FIELDS, PERSON_FIELDS, self.dialect, self.file)
        for part, stated, stream in payload.parts():
            chunks: Generator[Prepared, None, None]
            if helper is not None:
                chunks = helper.prepared(self.file, part, stream.read())
            else:
                chunks = (preparer.prepare(lines, part) for lines in chunked_lines(stream, part, self.file, CHUNK))
            count = 0
            # closed here when a write fails: a helper left mid-part is ended now, not when the
            # exception's frames are collected (a driver's exception may hold them in a cycle),
            # so the import tried again does not read the rest of this part's chunks
            with contextlib.closing(chunks):
                for prepared in chunks:
                    self.apply(prepared)
                    for key, n in prepared.counts.items():
                        per_kind[key] = per_kind.get(key, 0) + n
                    count += prepared.size
                    done += prepared.size
                    if progress is not None:
                        progress(done)
            if count != stated:
                raise BatchRejected("altered", file=self.file, what=part)
        payload.check_counts(per_kind)
        return self.tally

    def apply(self, prepared: Prepared) -> None:
        """A prepared chunk into the database, on the caller's connection."""
        for key, n in prepared.counts.items():
            self.tally.add(key, n)
        self.tally.add("unknown", prepared.unknown)
        for record in prepared.in_order:
            if record["kind"] == "shift":
                self._shift(record)
            else:
                self._day(record)
        for uuid, first, digest, line in prepared.repeats:
            self._conflict("passage", uuid, first, digest, orjson.loads(line))
        self._passages(prepared.passages)
        self._voids(prepared.voids)
        self._immutables(prepared.audits, AUDITS, "audit", "event_id", self._audit_row)
        self._immutables(prepared.checks, SEVEN_ONES, "seven_ones", "check_id", self._check_row)

    # ---- passages ---------------------------------------------------------------------

    def _passages(self, incoming: dict[str, Passage]) -> None:
        if not incoming:
            return
        uuids = list(incoming)
        station, batch = self._store_value(self.station_id), self._store_value(self.batch_id)
        held = {} if self.optimistic else dict(self._held_hashes(uuids))
        tombstones = self._tombstones(uuids) if self._voids_held() else {}
        rows: list[list[Any]] = []
        persons: list[list[list[Any]]] = []
        for uuid, (line, digest, values, person_values) in incoming.items():
            if uuid in held:
                if held[uuid] != digest:
                    self._conflict("passage", uuid, held[uuid], digest, orjson.loads(line))
                continue
            tomb = tombstones.get(uuid)
            if tomb is not None:  # voided already (a newer batch came first): stays void
                values = self._voided(values, tomb)
            rows.append([station, digest, batch, *values])
            persons.append(person_values)
        if not rows:
            return
        person_rows: list[list[Any]] = []
        for passage_id, row, people in zip(map(self._store_value, self._new_ids(len(rows))), rows, persons,
                                           strict=True):
            row.insert(0, passage_id)  # the persons' link is known here: no lookup after the insert
            person_rows.extend([passage_id, *p] for p in people)
        self._insert(PASSAGES, ["id", "station_id", "content_hash", "batch_id", *PASSAGE_FIELDS.names], rows)
        self._insert(PERSONS, ["passage_id", *PERSON_FIELDS.names], person_rows)
        self.tally.add("new", len(rows))

    def _voided(self, values: list[Any], tomb: _Tombstone) -> list[Any]:
        """A passage's values (as prepared) with the tombstone's void fields. On PostgreSQL
        the values are one item, the row's COPY text: split at its tabs (a field's own are
        escaped) and joined again."""
        copy_text = self.dialect == "postgresql"
        fields = values[0].split("\t") if copy_text else values
        store = self._store_value
        fields[_VOID_AT["voided"]] = store(True)
        fields[_VOID_AT["voided_at"]] = store(None) if tomb.voided_at is None \
            else self._store_moment(held_utc(tomb.voided_at))
        fields[_VOID_AT["voided_by"]] = store(tomb.voided_by)
        fields[_VOID_AT["void_reason"]] = store(tomb.void_reason)
        return ["\t".join(fields)] if copy_text else fields

    def _held_hashes(self, uuids: list[str]) -> list[tuple[str, str]]:
        """(uuid, content_hash) of the `uuids` the station holds. On PostgreSQL a join of
        the UUIDs (one array parameter, unnested) with a LATERAL lookup per UUID: a probe of
        the unique index (station_id, uuid) each, whatever the table's size. (`uuid IN (…2,000
        parameters…)` or `= ANY(…)` became, once a driver that prepares its statements
        (psycopg did) reused one, a generic plan scanning the station's rows and comparing
        each with every UUID: 0.4 s a chunk at 100,000 rows, growing with the table. pg8000
        sends each statement unnamed, planned for its own parameters; the join does not
        depend on that.)"""
        if self.conn.dialect.name == "postgresql":
            return self._driver_rows(_PG_HELD.format(columns="uuid, content_hash", table="office_passage"),
                                     (uuids, self.station_id))
        return [(r.uuid, r.content_hash) for r in self.conn.execute(
            select(PASSAGES.c.uuid, PASSAGES.c.content_hash).where(
                PASSAGES.c.station_id == self.station_id, PASSAGES.c.uuid.in_(uuids)))]

    def _tombstones(self, uuids: list[str]) -> dict[str, Any]:
        """The station's tombstones of `uuids`, by UUID (looked up as `_held_hashes`)."""
        if self.conn.dialect.name == "postgresql":
            rows = [_Tombstone(*r) for r in self._driver_rows(
                _PG_HELD.format(columns="uuid, voided_at, voided_by, void_reason", table="office_void"),
                (uuids, self.station_id))]
        else:
            rows = [_Tombstone(*r) for r in self.conn.execute(
                select(VOIDS.c.uuid, VOIDS.c.voided_at, VOIDS.c.voided_by, VOIDS.c.void_reason).where(
                    VOIDS.c.station_id == self.station_id, VOIDS.c.uuid.in_(uuids)))]
        return {row.uuid: row for row in rows}

    def _new_ids(self, n: int) -> list[int]:
        """`n` passage ids for this transaction, so the persons' link is known before the
        insert. PostgreSQL: a block of the column's sequence, reserved under a lock every
        import takes (ID_LOCK, held to the end of the transaction, so two clerks' imports
        take turns) and only imports take ids from it. SQLite: after the largest held, which
        no one else can take meanwhile: the transaction has written the batch's row already,
        so it holds SQLite's one write lock to the end."""
        if self.dialect == "postgresql":
            if not self._ids_locked:
                self._driver_rows("SELECT pg_advisory_xact_lock(%s)", (ID_LOCK,))
                self._ids_locked = True
            last = self._driver_rows(
                "SELECT setval(pg_get_serial_sequence('office_passage', 'id'), "
                "nextval(pg_get_serial_sequence('office_passage', 'id')) + %s - 1)", (n,))[0][0]
            return list(range(last - n + 1, last + 1))
        last = self.conn.execute(select(func.coalesce(func.max(PASSAGES.c.id), 0))).scalar_one()
        return list(range(last + 1, last + 1 + n))

    def _insert(self, table: Table, columns: list[str], rows: list[list[Any]]) -> None:
        """`rows` (values of `columns`, as the driver stores them) into `table`:
        PostgreSQL's COPY (the fastest way in, constraints checked as for INSERT; the rows
        are sent as one block of COPY's text format), SQLite's prepared INSERT stepped per row."""
        if not rows:
            return
        if self.dialect != "postgresql":
            sql = insert_statement(self.conn, table, columns)
            self._on_cursor(sql, lambda cursor: cursor.executemany(sql, rows))
            return
        # the rows are COPY's text format already but for their first fields (prepare.copy_row)
        copy_sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        data = "\n".join(map("\t".join, rows)) + "\n"
        self._on_cursor(copy_sql, lambda cursor: cursor.execute(copy_sql, stream=[data]))

    def _driver_rows(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        result: list[Any] = []
        self._on_cursor(sql, lambda cursor: result.extend(cursor.execute(sql, params).fetchall()))
        return result

    def _on_cursor(self, statement: str, work: Callable[[Any], Any]) -> None:
        """`work` on the driver's own cursor, in the same transaction: SQLAlchemy's
        executemany wants tuples and does per-row work not needed here, and COPY is the
        driver's own. The driver's errors come out as SQLAlchemy's (IntegrityError, …),
        as from any other statement."""
        dbapi_error = self.conn.dialect.loaded_dbapi.Error
        cursor = self.conn.connection.cursor()
        try:
            work(cursor)
        except dbapi_error as error:
            raise DBAPIError.instance(statement, None, error, dbapi_error) from error
        finally:
            cursor.close()

    def _voids(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        rows = []
        for record in records:
            void = record.get("void") or {}
            uuid = record.get("uuid")
            if not isinstance(uuid, str) or not isinstance(void, dict):
                raise BatchRejected("altered", file=self.file, what="void")
            try:
                voided_at = parse_time(void["voided_at"]) if void.get("voided_at") else None
            except (TypeError, ValueError) as error:
                raise BatchRejected("altered", file=self.file, what="void") from error
            rows.append({"station_id": self.station_id, "uuid": uuid, "voided_at": voided_at,
                         "voided_by": str(void.get("voided_by") or ""), "void_reason": str(void.get("void_reason") or ""),
                         "batch_id": self.batch_id})
        insert_ignoring(self.conn, VOIDS, rows)  # the first void of a UUID is kept
        self._any_void = True
        self.conn.execute(
            update(PASSAGES).where(and_(PASSAGES.c.station_id == bindparam("s_id"), PASSAGES.c.uuid == bindparam("s_uuid"),
                                        PASSAGES.c.voided.is_(False)))
            .values(voided=True, voided_at=bindparam("s_at"), voided_by=bindparam("s_by"),
                    void_reason=bindparam("s_reason")),
            [{"s_id": r["station_id"], "s_uuid": r["uuid"], "s_at": r["voided_at"], "s_by": r["voided_by"],
              "s_reason": r["void_reason"]} for r in rows])

    # ---- the other kinds ----------------------------------------------------------------

    def _immutables(self, records: list[dict[str, Any]], table: Table, kind: str, key: str,
                    to_row: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        if not records:
            return
        incoming: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        for record in records:
            row = to_row(record)
            incoming.setdefault(row[key], (record, row))
        held = {r[0]: r[1] for r in self.conn.execute(
            select(table.c[key], table.c.content_hash if "content_hash" in table.c else table.c.hash).where(
                table.c.station_id == self.station_id, table.c[key].in_(list(incoming))))}
        new = []
        for number, (record, row) in incoming.items():
            digest = row.get("content_hash") or row.get("hash")
            if number in held:
                if held[number] != digest:
                    self._conflict(kind, str(number), held[number], digest, record)
                continue
            new.append(row)
        if new:
            self.conn.execute(insert(table), new)

    def _audit_row(self, record: dict[str, Any]) -> dict[str, Any]:
        return audit_row(record, self.station_id, self.batch_id, self.file)

    def _check_row(self, record: dict[str, Any]) -> dict[str, Any]:
        return check_row(record, self.station_id, self.batch_id, self.file)

    def _shift(self, record: dict[str, Any]) -> None:
        shift = record.get("shift") or {}
        try:
            row = {"station_id": self.station_id, "shift_id": int(shift["id"]), "change": int(record.get("change") or 0),
                   "started_at": parse_time(shift["started_at"]) if shift.get("started_at") else None,
                   "started_by": str(shift.get("started_by") or ""),
                   "ended_at": parse_time(shift["ended_at"]) if shift.get("ended_at") else None,
                   "ended_by": shift.get("ended_by"), "handed_to": shift.get("handed_to"),
                   "handover_note": str(shift.get("handover_note") or ""),
                   "open_matters": str(shift.get("open_matters") or ""),
                   "previous_shift_id": shift.get("previous_shift_id"), "members": list(shift.get("members") or []),
                   "batch_id": self.batch_id}
        except (KeyError, TypeError, ValueError) as error:
            raise BatchRejected("altered", file=self.file, what="shift") from error
        held = self.conn.execute(select(SHIFTS.c.id, SHIFTS.c.change).where(
            SHIFTS.c.station_id == self.station_id, SHIFTS.c.shift_id == row["shift_id"])).first()
        if held is None:
            self.conn.execute(insert(SHIFTS), [row])
        elif row["change"] > held.change:  # a later state of the shift (an older batch's is left)
            self.conn.execute(update(SHIFTS).where(SHIFTS.c.id == held.id).values(**row))

    def _day(self, record: dict[str, Any]) -> None:
        row = day_row(record, self.station_id, self.batch_id, self.now, self.file)
        day, revision = row["day"], row["revision"]
        held = self.conn.execute(select(DAYS.c.id, DAYS.c.revision, DAYS.c.content_hash).where(
            DAYS.c.station_id == self.station_id, DAYS.c.day == day)).first()
        if held is None:
            self.conn.execute(insert(DAYS), [dict(row, first_imported_at=self.now)])
        elif revision > held.revision:
            self.conn.execute(update(DAYS).where(DAYS.c.id == held.id).values(**row))
        elif revision == held.revision and row["content_hash"] != held.content_hash:
            self._conflict("day", f"{day.isoformat()}#{revision}", held.content_hash, row["content_hash"], record)

    def _conflict(self, kind: str, key: str, existing: str, incoming: str, record: dict[str, Any]) -> None:
        insert_ignoring(self.conn, CONFLICTS, [{
            "station_id": self.station_id, "kind": kind, "key": key, "batch_id": self.batch_id,
            "existing_hash": existing, "incoming_hash": incoming, "incoming": canonical(record),
            "found_at": self.now, "resolved": False}])
        self.tally.add("conflicts")


# ---- the rows of the other kinds (also what conflicts.py compares and takes) ---------------

def audit_row(record: dict[str, Any], station_id: int, batch_id: int, file: str) -> dict[str, Any]:
    event = record.get("event") or record.get("audit") or {k: v for k, v in record.items() if k != "kind"}
    try:
        return {"station_id": station_id, "event_id": int(event["id"]),
                "at": parse_time(event["at"]) if event.get("at") else None,
                "operator_name": str(event.get("operator_name") or ""), "action": str(event.get("action") or ""),
                "outcome": str(event.get("outcome") or ""), "subject": str(event.get("subject") or ""),
                "detail": event.get("detail") if isinstance(event.get("detail"), str) else canonical(event.get("detail") or {}),
                "prev_hash": str(event.get("prev_hash") or ""),
                "hash": str(event.get("hash") or content_hash(event)), "batch_id": batch_id}
    except (KeyError, TypeError, ValueError) as error:
        raise BatchRejected("altered", file=file, what="audit") from error


def check_row(record: dict[str, Any], station_id: int, batch_id: int, file: str) -> dict[str, Any]:
    check = record.get("check") or {}
    try:
        return {"station_id": station_id, "check_id": int(check["id"]), "shift_id": check.get("shift_id"),
                "checked_at": parse_time(check["checked_at"]) if check.get("checked_at") else None,
                "operator": str(check.get("operator") or ""), "reference_temp": check.get("reference_temp"),
                "items": list(check.get("items") or []), "content_hash": content_hash(check),
                "batch_id": batch_id}
    except (KeyError, TypeError, ValueError) as error:
        raise BatchRejected("altered", file=file, what="seven_ones") from error


def day_row(record: dict[str, Any], station_id: int, batch_id: int, now: dt.datetime, file: str) -> dict[str, Any]:
    try:
        return {"station_id": station_id, "day": dt.date.fromisoformat(record["day"]),
                "revision": int(record.get("revision") or 1),
                "closed_at": parse_time(record["closed_at"]) if record.get("closed_at") else None,
                "closed_by": str(record.get("closed_by") or ""), "zero_report": bool(record.get("zero_report")),
                "figures": dict(record.get("figures") or {}),
                "content_hash": content_hash({k: v for k, v in record.items() if k not in ("change", "at")}),
                "batch_id": batch_id, "imported_at": now}
    except (KeyError, TypeError, ValueError) as error:
        raise BatchRejected("altered", file=file, what="day") from error


# ---- the batch as a whole ---------------------------------------------------------------

@dataclass(frozen=True)
class Held:
    """The outcome of checking a batch against what is held: `duplicate` or a new batch."""

    duplicate: bool


def check_against_held(conn: Connection, station_id: int, opened: OpenedBatch) -> Held:
    """Duplicate, or refused (OfficeRefused) when its number or UUID is held with other
    content or it breaks the chain with a neighbour held."""
    batch = opened.manifest["batch"]
    file, station, number = opened.path.name, opened.name.station, opened.name.number
    same_uuid = conn.execute(select(BATCHES.c.sha256, BATCHES.c.station_id, BATCHES.c.number).where(
        BATCHES.c.uuid == batch["uuid"])).first()
    if same_uuid is not None:
        if same_uuid.sha256 == opened.sha256 and same_uuid.station_id == station_id and same_uuid.number == number:
            return Held(duplicate=True)
        raise problems.number_taken(file, station, number)
    neighbours = {row.number: row for row in conn.execute(
        select(BATCHES.c.number, BATCHES.c.sha256, BATCHES.c.previous_sha256).where(
            BATCHES.c.station_id == station_id, BATCHES.c.number.in_([number - 1, number, number + 1])))}
    if number in neighbours:
        raise problems.number_taken(file, station, number)
    previous = neighbours.get(number - 1)
    if previous is not None and batch.get("previous_sha256") != previous.sha256:
        raise problems.broken_chain(file, station, number - 1)
    following = neighbours.get(number + 1)
    if following is not None and following.previous_sha256 not in (None, opened.sha256):
        raise problems.broken_chain(file, station, number + 1)
    return Held(duplicate=False)


def batch_row(station_id: int, opened: OpenedBatch, now: dt.datetime) -> dict[str, Any]:
    manifest, batch = opened.manifest, opened.manifest["batch"]
    try:
        created_at = parse_time(batch["created_at"]) if batch.get("created_at") else None
    except (TypeError, ValueError) as error:
        raise BatchRejected("altered", file=opened.path.name, what="created_at") from error
    return {"station_id": station_id, "number": opened.name.number, "uuid": batch["uuid"], "sha256": opened.sha256,
            "previous_sha256": batch.get("previous_sha256"), "file_name": opened.path.name,
            "created_at": created_at, "created_by": str(batch.get("created_by") or ""), "imported_at": now,
            "first_day": opened.name.first_day, "last_day": opened.name.last_day,
            "counts": dict(manifest.get("counts") or {}), "format_version": int(manifest["format_version"]),
            "app_version": str(manifest.get("app_version") or ""),
            "schema_version": str(manifest.get("schema_version") or "")}

