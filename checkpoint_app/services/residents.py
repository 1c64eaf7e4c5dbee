"""The compound's residents (住户): importing the property office's list, listing and
searching them, adding or editing one, marking one moved out. No Qt.

An import is two steps. `preview_import` reads the file (core/resident_import.py) and
writes nothing. `import_rows` writes the preview's valid rows in ONE transaction: all of
them or, on any failure or a cancel (`progress.check()` between batches), none. A row
updates the resident it matches, by ID number first, else by phone and name (a family often
shares one phone: a wife is not her husband updated), instead of adding a second one; the plates of a resident the list names are replaced by the list's (when the
list has a plates column); a value the list leaves empty does not erase a stored one;
a resident marked moved out whom the list names again lives here again.
Rows are written in batches with executemany (SQLAlchemy Core inserts and updates with
lists of parameters), never flushed one by one: 50,000 rows in seconds.

Every write is a supervisor's (Action.MANAGE_RESIDENTS) and is audited with counts or
the resident's uuid only, never a name or a number. Reading (the list, one resident) is
Action.VIEW_MASKED and hands out masked views (core/masking.py), never ORM rows; the full
values of one resident, for the edit form, are a supervisor's and audited
(`draft_of`). The gate's lookup is db/resident_queries.py's, not this.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import bindparam, delete, func, insert, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.progress import NO_PROGRESS, Cancelled, Progress
from checkpoint_app.core.resident_import import ImportPreview, RejectedRow, read_residents
from checkpoint_app.core.resident_rules import ResidentDraft, ValidResident, validate_resident
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.rooms import normalise_room

from checkpoint_app.db.models import Resident, ResidentFields, ResidentPlate

from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.residents")

BATCH = 2000  # rows per executemany, progress step and cancel check
MAX_PAGE = 1000
_RESIDENT: Any = SQLModel.metadata.tables["resident"]  # SQLAlchemy Core: executemany without ORM objects
_PLATE: Any = SQLModel.metadata.tables[str(ResidentPlate.__tablename__)]
IMPORT_STEP = QT_TRANSLATE_NOOP("progress", "Importing residents")


class ResidentView(ResidentFields):
    """A resident as lists show it: its fields are the table's (ResidentFields, declared
    once), name, phone and ID number masked, with its UUID and plates. Not a table row."""

    uuid: str
    plates: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """What an import did; `conflicts` are valid rows refused at writing time (a pass
    code another resident holds), counted in `rejected` with the preview's rejected rows."""

    imported: int
    updated: int
    rejected: int
    conflicts: tuple[RejectedRow, ...] = field(default=())


def _view(row: Resident, plates: Sequence[str]) -> ResidentView:
    shown = row.model_dump(include=set(ResidentFields.model_fields))
    shown.update(name=mask_name(row.name), phone=mask_phone(row.phone) if row.phone else None,
                 id_number=mask_id_number(row.id_number) if row.id_number else None)
    return ResidentView(**shown, uuid=row.uuid, plates=tuple(plates))


def _fail(field_name: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field_name, template, **params)])


class ResidentsService:
    def __init__(self, uow: UnitOfWork, clock: Callable[[], dt.datetime]):
        self._uow = uow
        self._clock = clock

    def today(self) -> dt.date:
        return self._clock().date()

    # -- reading ------------------------------------------------------------------------

    def list(self, actor: Actor | None, text: str = "", include_moved_out: bool = False,
             limit: int = 100, offset: int = 0) -> list[ResidentView]:
        """Residents ordered by room and name, filtered by `text` (a room or its start,
        a phone's last four digits, part of a name)."""
        self._uow.require(actor, Action.VIEW_MASKED)
        limit = max(0, min(limit, MAX_PAGE))
        with self._uow.read() as session:
            query = self._filtered(select(Resident), text, include_moved_out)
            rows = list(session.exec(query.order_by(col(Resident.room), col(Resident.name), col(Resident.id))
                                     .limit(limit).offset(max(0, offset))))
            plates = _plates_of(session, [r.id for r in rows if r.id is not None])
            return [_view(r, plates.get(r.id or 0, ())) for r in rows]

    def count(self, actor: Actor | None, text: str = "", include_moved_out: bool = False) -> int:
        self._uow.require(actor, Action.VIEW_MASKED)
        with self._uow.read() as session:
            query = self._filtered(select(func.count()).select_from(Resident), text, include_moved_out)
            return int(session.exec(query).one())

    def get(self, actor: Actor | None, resident_uuid: str) -> ResidentView:
        self._uow.require(actor, Action.VIEW_MASKED)
        with self._uow.read() as session:
            row = _by_uuid(session, resident_uuid)
            return _view(row, _plates_of(session, [row.id or 0]).get(row.id or 0, ()))

    def draft_of(self, actor: Actor | None, resident_uuid: str) -> ResidentDraft:
        """A resident's full values for the edit form (a supervisor's; audited)."""
        with self._uow.write(actor, Action.MANAGE_RESIDENTS) as work:
            row = _by_uuid(work.session, resident_uuid)
            plates = _plates_of(work.session, [row.id or 0]).get(row.id or 0, ())
            work.audit("resident_opened", f"resident:{row.uuid}")
            return ResidentDraft(name=row.name, room=row.room, phone=row.phone or "", id_number=row.id_number or "",
                                 plates="、".join(plates), pass_code=row.pass_code or "")

    @staticmethod
    def _filtered(query: Any, text: str, include_moved_out: bool) -> Any:
        if not include_moved_out:
            query = query.where(Resident.moved_out == False)  # noqa: E712
        text = " ".join((text or "").split())
        if not text:
            return query
        like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        wanted: list[Any] = [col(Resident.name).like(f"%{like}%", escape="\\")]
        if text.isdigit() and len(text) == 4:
            wanted.append(col(Resident.phone_tail) == text)
        try:
            room = normalise_room(text)
        except InvalidInput:
            room = None
        if room is not None:
            wanted += [col(Resident.room) == room, col(Resident.room).like(f"{room}-%")]
        elif text[:1].isalnum():
            wanted.append(col(Resident.room).like(f"{like}%", escape="\\"))
        return query.where(or_(*wanted))

    # -- one resident -------------------------------------------------------------------

    def save(self, actor: Actor | None, draft: ResidentDraft, resident_uuid: str | None = None) -> ResidentView:
        """Add a resident (`resident_uuid` None) or change one; the same rules as an
        imported row. InvalidInput with every problem, or when the ID number or the
        pass code is another resident's."""
        valid = validate_resident(draft, self.today())
        with self._uow.write(actor, Action.MANAGE_RESIDENTS) as work:
            work.lock()
            session = work.session
            row = _by_uuid(session, resident_uuid) if resident_uuid else None
            _check_unique(session, valid, row.id if row else None)
            if row is None:
                row = Resident(uuid=str(uuidlib.uuid4()), created_at=work.now, updated_at=work.now,
                               **_fields(valid))
            else:  # moving out is `move_out`'s: an edit leaves it as it is
                for key, value in _fields(valid).items():
                    if key not in ("moved_out", "moved_out_on"):
                        setattr(row, key, value)
                row.updated_at = work.now
            session.add(row)
            session.flush()
            assert row.id is not None
            session.execute(delete(_PLATE).where(_PLATE.c.resident_id == row.id))
            if valid.plates:
                session.execute(insert(_PLATE), [{"plate": p, "resident_id": row.id} for p in valid.plates])
            work.audit("resident_saved", f"resident:{row.uuid}", {"new": resident_uuid is None})
            return _view(row, valid.plates)

    def move_out(self, actor: Actor | None, resident_uuid: str, day: dt.date | None = None) -> ResidentView:
        """Mark a resident moved out (搬离) on `day` (today if None; never after today).
        They no longer pass as a resident; the record is kept."""
        day = day or self.today()
        if day > self.today():
            raise _fail("moved_out_on", QT_TRANSLATE_NOOP("problems", "The moving-out day {day} is after today."),
                        day=day.isoformat())
        with self._uow.write(actor, Action.MANAGE_RESIDENTS) as work:
            row = _by_uuid(work.session, resident_uuid)
            row.moved_out, row.moved_out_on, row.updated_at = True, day, work.now
            work.session.add(row)
            work.audit("resident_moved_out", f"resident:{row.uuid}", {"day": day.isoformat()})
            return _view(row, _plates_of(work.session, [row.id or 0]).get(row.id or 0, ()))

    # -- importing ----------------------------------------------------------------------

    def preview_import(self, actor: Actor | None, path: Path | str) -> ImportPreview:
        """Read a residents list (CSV or XLSX) into a preview; writes nothing.
        InvalidInput (field "file") when the file cannot be used as a whole."""
        self._uow.require(actor, Action.MANAGE_RESIDENTS)
        return read_residents(path, self.today())

    def import_rows(self, actor: Actor | None, preview: ImportPreview, progress: Progress = NO_PROGRESS,
                    cancelled: Callable[[], bool] | None = None) -> ImportResult:
        """Write the preview's valid rows in one transaction (see the module docstring).
        `progress` gets a step per batch and may cancel there (Cancelled, nothing
        written); `cancelled()`, if given, is asked at the same points."""
        total = len(preview.valid)
        progress.step(0, total, IMPORT_STEP)
        with self._uow.write(actor, Action.MANAGE_RESIDENTS) as work:
            work.lock()
            writer = _Writer(work.session, work.now, replace_plates="plates" in preview.fields)
            for start in range(0, total, BATCH):
                progress.check()
                if cancelled is not None and cancelled():
                    raise Cancelled()
                writer.write(preview.valid[start:start + BATCH])
                progress.step(min(start + BATCH, total), total)
            progress.check()
            conflicts = tuple(writer.conflicts)
            result = ImportResult(writer.inserted, writer.updated, len(preview.rejected) + len(conflicts), conflicts)
            work.audit("residents_imported", "", {"imported": result.imported, "updated": result.updated,
                                                  "rejected": result.rejected, "format": preview.kind})
        log.info("residents imported: %d new, %d updated, %d rejected", result.imported, result.updated, result.rejected)
        return result


def _fields(valid: ValidResident) -> dict[str, Any]:
    return {"name": valid.name, "room": valid.room, "phone": valid.phone, "phone_tail": valid.phone_tail,
            "id_number": valid.id_number, "pass_code": valid.pass_code, "moved_out": False, "moved_out_on": None}


def _by_uuid(session: Session, resident_uuid: str | None) -> Resident:
    row = session.exec(select(Resident).where(Resident.uuid == (resident_uuid or ""))).first()
    if row is None:
        raise _fail("resident", QT_TRANSLATE_NOOP("problems", "This resident is no longer in the register."))
    return row


def _plates_of(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    ids = list(ids)
    found: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for plate, resident_id in session.execute(sa_select(_PLATE.c.plate, _PLATE.c.resident_id).where(
                _PLATE.c.resident_id.in_(chunk)).order_by(_PLATE.c.resident_id, _PLATE.c.plate)):
            found.setdefault(resident_id, []).append(plate)
    return {k: tuple(v) for k, v in found.items()}


def _check_unique(session: Session, valid: ValidResident, own_id: int | None) -> None:
    """The ID number and pass code are no other resident's."""
    problems = []
    if valid.id_number:
        other = session.exec(select(Resident.room).where(Resident.id_number == valid.id_number,
                                                         Resident.id != (own_id or 0))).first()
        if other is not None:
            problems.append(problem("id_number", QT_TRANSLATE_NOOP(
                "problems", "Another resident (room {room}) already has this ID number."), room=other))
    if valid.pass_code:
        other = session.exec(select(Resident.room).where(Resident.pass_code == valid.pass_code,
                                                         Resident.id != (own_id or 0))).first()
        if other is not None:
            problems.append(problem("pass_code", QT_TRANSLATE_NOOP(
                "problems", "This resident-pass code already belongs to a resident of room {room}."), room=other))
    if problems:
        raise InvalidInput(problems)


class _Writer:
    """Writes batches of imported rows inside the import's transaction: matches them to
    the stored residents (maps read once), inserts the new ones with ids it allocates,
    updates the matched ones, replaces plates."""

    def __init__(self, session: Session, now: dt.datetime, replace_plates: bool):
        self._session = session
        self._now = now
        self._replace_plates = replace_plates
        self.by_id_number: dict[str, int] = {}
        self.by_phone: dict[tuple[str, str], int] = {}  # (phone, name): a family shares a phone
        self.pass_owner: dict[str, int] = {}
        for rid, name, id_number, phone, pass_code in session.execute(sa_select(
                _RESIDENT.c.id, _RESIDENT.c.name, _RESIDENT.c.id_number, _RESIDENT.c.phone, _RESIDENT.c.pass_code)):
            if id_number:
                self.by_id_number.setdefault(id_number, rid)
            if phone:
                self.by_phone.setdefault((phone, name), rid)
            if pass_code:
                self.pass_owner[pass_code] = rid
        self._next_id = int(session.execute(sa_select(func.coalesce(func.max(_RESIDENT.c.id), 0))).scalar_one()) + 1
        self.inserted = 0
        self.updated = 0
        self.conflicts: list[RejectedRow] = []

    def _match(self, valid: ValidResident) -> int | None:
        if valid.id_number and valid.id_number in self.by_id_number:
            return self.by_id_number[valid.id_number]
        if valid.phone:
            return self.by_phone.get((valid.phone, valid.name))
        return None

    def write(self, rows: Sequence[Any]) -> None:
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        plates: list[dict[str, Any]] = []
        replaced: list[int] = []
        for row in rows:
            valid: ValidResident = row.resident
            rid = self._match(valid)
            if valid.pass_code and self.pass_owner.get(valid.pass_code, rid) != rid:
                self.conflicts.append(RejectedRow(row.line, (), (problem("pass_code", QT_TRANSLATE_NOOP(
                    "problems", "This resident-pass code already belongs to another resident."),),)))
                continue
            values = {"name": valid.name, "room": valid.room, "phone": valid.phone, "phone_tail": valid.phone_tail,
                      "id_number": valid.id_number, "pass_code": valid.pass_code}
            if rid is None:
                rid = self._next_id
                self._next_id += 1
                new.append({**values, "id": rid, "uuid": str(uuidlib.uuid4()), "moved_out": False,
                            "moved_out_on": None, "created_at": self._now, "updated_at": self._now})
                self.inserted += 1
            else:
                changed.append({f"b_{key}": value for key, value in values.items()} | {"_id": rid})
                if self._replace_plates:
                    replaced.append(rid)
                self.updated += 1
            plates.extend({"plate": p, "resident_id": rid} for p in valid.plates)
            if valid.id_number:
                self.by_id_number.setdefault(valid.id_number, rid)
            if valid.phone:
                self.by_phone.setdefault((valid.phone, valid.name), rid)
            if valid.pass_code:
                self.pass_owner[valid.pass_code] = rid
        session = self._session
        if new:
            session.execute(insert(_RESIDENT), new)
        if changed:
            session.execute(update(_RESIDENT).where(_RESIDENT.c.id == bindparam("_id")).values(
                name=bindparam("b_name"), room=bindparam("b_room"),
                phone=func.coalesce(bindparam("b_phone"), _RESIDENT.c.phone),
                phone_tail=func.coalesce(bindparam("b_phone_tail"), _RESIDENT.c.phone_tail),
                id_number=func.coalesce(bindparam("b_id_number"), _RESIDENT.c.id_number),
                pass_code=func.coalesce(bindparam("b_pass_code"), _RESIDENT.c.pass_code),
                moved_out=False, moved_out_on=None, updated_at=self._now), changed)
        if replaced:  # one statement per batch: resident_plate has no index on resident_id
            session.execute(delete(_PLATE).where(_PLATE.c.resident_id.in_(replaced)))
        if plates:
            session.execute(insert(_PLATE).prefix_with("OR IGNORE"), plates)
