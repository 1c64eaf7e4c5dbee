"""The watchlist (home quarantine 居家隔离, medical observation 医学观察) and the five
dailies (五个每日) done for the households in quarantine.

A supervisor adds, edits and lifts (ends early) entries (Action.MANAGE_WATCHLIST; every
change audited with the entry's uuid only, never a name or an ID number). Lists are
masked like every list in the app (core/masking.py); the full values of one entry are
handed out only to edit it, and that read is audited too (`for_edit`). Each entry is
linked to its resident (`resident_of`). A list is imported in two steps like the
residents' (`preview_import`, then `import_rows` in one transaction; audited with counts).

The gate asks `match` whether the person being typed is watched today: by ID number
exactly, or by name and room together, through the indexes on `watch.id_number` and
`watch.room`; it gets the entry's uuid, kind, end date and masked name, nothing more.

The day sheet: every entry active on a day that has a room (the household visited),
grouped by room, with its eight items (core/five_dailies.py) as done (at what time, by
whom, with what reading) or pending or overdue. Guards and supervisors tick items
(Action.DAILY_CARE). Decisions:
- an item is ticked once per person per day (one `daily_care` row, unique); ticking it
  again is refused with who ticked it and when. A mistake (a wrong reading, a wrong
  person) is undone by a supervisor (`untick`, audited), then ticked again;
- a temperature item needs its reading, other items take none; a reading at or above
  the station's fever threshold comes back as an alert proposing referral, and its
  audit event says "fever" (never the reading);
- days to come cannot be ticked; days past can (a sheet filled in the next morning).
`daily_counts(day)` gives the daily report its figures (core/five_dailies.CareCounts).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, or_, select

from checkpoint_app.core.five_dailies import (
    ITEMS,
    CareCounts,
    ItemState,
    Reading,
    check_item,
    item_state,
    read_temperature,
)
from checkpoint_app.core.five_dailies import NOTE_MAX_LEN as CARE_NOTE_MAX_LEN
from checkpoint_app.core.masking import mask_id_number, mask_name
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.progress import NO_PROGRESS, Cancelled, Progress
from checkpoint_app.core.resident_lookup import Lookup
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.rooms import normalise_room
from checkpoint_app.core.table_import import ImportPreview
from checkpoint_app.core.text import clean_text, normalise_name
from checkpoint_app.core.watch_import import read_watchlist
from checkpoint_app.core.watchlist import ValidWatch, WatchDraft, WatchKind, is_active, validate_watch

from checkpoint_app.db.models import DailyCare, Operator, Watch, WatchFields
from checkpoint_app.db.resident_queries import find_residents
from checkpoint_app.db.watch_queries import active_watch

from checkpoint_app.services.residents import ImportResult
from checkpoint_app.services.settings import Settings
from checkpoint_app.services.unit_of_work import UnitOfWork

IMPORT_BATCH = 500  # rows per progress step and cancel check
IMPORT_STEP = QT_TRANSLATE_NOOP("progress", "Importing the watchlist")


class WatchView(WatchFields):
    """One entry as the lists show it: the table's fields (WatchFields, declared once),
    name and ID number masked, with its UUID and whether the gate alerts on it today."""

    uuid: str
    active: bool


@dataclass(frozen=True)
class WatchMatch:
    """What the gate learns of a watched person."""

    uuid: str
    kind: WatchKind
    end_date: dt.date
    name: str  # masked


@dataclass(frozen=True)
class CareCell:
    """One item of one person on one day."""

    code: str
    state: ItemState
    done_at: dt.datetime | None = None  # station local time
    operator: str = ""
    reading: int | None = None  # tenths of a degree
    note: str = ""


@dataclass(frozen=True)
class CarePerson:
    watch_uuid: str
    name: str  # masked
    kind: WatchKind
    end_date: dt.date
    cells: tuple[CareCell, ...]  # core.five_dailies.ITEMS order

    def cell(self, code: str) -> CareCell:
        return next(c for c in self.cells if c.code == code)


@dataclass(frozen=True)
class Household:
    room: str
    persons: tuple[CarePerson, ...]


@dataclass(frozen=True)
class Ticked:
    """A tick done; `fever` set when its reading proposes referral (an alert)."""

    cell: CareCell
    fever: Reading | None = None


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def _aware(at: dt.datetime) -> dt.datetime:
    """SQLite gives the stored UTC instants back naive."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.timezone.utc)


def _active_on(day: dt.date) -> tuple[ColumnElement[bool], ...]:
    """SQL for core.watchlist.is_active."""
    return (col(Watch.start_date) <= day, col(Watch.end_date) >= day,
            or_(col(Watch.lifted_on).is_(None), col(Watch.lifted_on) > day))


def _id_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _view(watch: Watch, today: dt.date) -> WatchView:
    shown = watch.model_dump(include=set(WatchFields.model_fields))
    shown.update(name=mask_name(watch.name), id_number=mask_id_number(watch.id_number) if watch.id_number else None)
    return WatchView(**shown, uuid=watch.uuid, active=is_active(watch, today))


def _subject(watch: Watch) -> str:
    return f"watch:{watch.uuid}"


class WatchlistService:
    def __init__(self, uow: UnitOfWork, settings: Settings, clock: Callable[[], dt.datetime]):
        self._uow = uow
        self._settings = settings
        self._clock = clock

    def today(self) -> dt.date:
        return self._clock().date()

    # -- the supervisor's list ------------------------------------------------------------

    def listing(self, actor: Actor | None, past: bool = False, search: str = "") -> list[WatchView]:
        """Entries not yet ended (active or to begin), or with `past` those ended (lapsed
        or lifted); `search` keeps those whose room contains it or whose name is it."""
        self._uow.require(actor, Action.MANAGE_WATCHLIST)
        today = self.today()
        ended = or_(col(Watch.end_date) < today, col(Watch.lifted_on).is_not(None) & (col(Watch.lifted_on) <= today))
        with self._uow.read() as session:
            query = select(Watch).where(ended if past else ~ended)
            order = col(Watch.end_date).desc() if past else col(Watch.room)
            rows = list(session.exec(query.order_by(order, col(Watch.id))))
        wanted = search.strip()
        if wanted:
            try:
                name = normalise_name(wanted)
            except InvalidInput:
                name = wanted
            rows = [w for w in rows if wanted in w.room or w.name == name]
        return [_view(w, today) for w in rows]

    def for_edit(self, actor: Actor | None, watch_uuid: str) -> WatchDraft:
        """The entry's full values, to edit them (a supervisor's; audited)."""
        with self._uow.write(actor, Action.MANAGE_WATCHLIST) as work:
            watch = _get(work.session, watch_uuid)
            work.audit("watch_opened", _subject(watch))
            return WatchDraft(watch.kind, watch.name, watch.id_number or "", watch.room,
                              watch.start_date.isoformat(), watch.end_date.isoformat(), watch.reason)

    def add(self, actor: Actor | None, draft: WatchDraft) -> WatchView:
        """A new entry (InvalidInput with every problem; the role is checked first)."""
        with self._uow.write(actor, Action.MANAGE_WATCHLIST) as work:
            valid = validate_watch(draft, self.today())
            assert actor is not None
            watch = Watch(uuid=str(uuid_module.uuid4()), created_at=work.now, created_by=actor.operator_id,
                          resident_id=resident_of(work.session, valid), **_fields(valid))
            work.session.add(watch)
            work.session.flush()
            work.audit("watch_added", _subject(watch), _detail(valid))
            return _view(watch, self.today())

    def edit(self, actor: Actor | None, watch_uuid: str, draft: WatchDraft) -> WatchView:
        with self._uow.write(actor, Action.MANAGE_WATCHLIST) as work:
            valid = validate_watch(draft, self.today())
            watch = _get(work.session, watch_uuid)
            for key, value in _fields(valid).items():
                setattr(watch, key, value)
            watch.resident_id = resident_of(work.session, valid)
            work.session.add(watch)
            work.audit("watch_edited", _subject(watch), _detail(valid))
            return _view(watch, self.today())

    def lift(self, actor: Actor | None, watch_uuid: str) -> WatchView:
        """End the entry today (released early): the gate no longer alerts on it."""
        today = self.today()
        with self._uow.write(actor, Action.MANAGE_WATCHLIST) as work:
            watch = _get(work.session, watch_uuid)
            if not (watch.lifted_on is None and watch.end_date >= today):
                raise _fail("watch", QT_TRANSLATE_NOOP("problems", "This entry has already ended."))
            watch.lifted_on = today
            work.session.add(watch)
            work.audit("watch_lifted", _subject(watch))
            return _view(watch, today)

    # -- importing a list ---------------------------------------------------------------------

    def preview_import(self, actor: Actor | None, path: Path | str) -> ImportPreview:
        """Read a watchlist (CSV or XLSX, core/watch_import.py) into a preview; writes
        nothing. InvalidInput (field "file") when the file cannot be used as a whole."""
        self._uow.require(actor, Action.MANAGE_WATCHLIST)
        return read_watchlist(path, self.today())

    def import_rows(self, actor: Actor | None, preview: ImportPreview, progress: Progress = NO_PROGRESS,
                    cancelled: Callable[[], bool] | None = None) -> ImportResult:
        """Write the preview's valid rows in ONE transaction: all of them, or none on a
        failure or a cancel (`progress.check()` and `cancelled()` between batches). A row
        updates the entry of the same person (the same ID number, else the same name and
        room) whose period overlaps the row's, instead of adding a second one; a lifted
        entry stays lifted (the list does not undo a supervisor's release). Each entry is
        linked to its resident. Audited with the counts only."""
        total = len(preview.valid)
        progress.step(0, total, IMPORT_STEP)
        with self._uow.write(actor, Action.MANAGE_WATCHLIST) as work:
            work.lock()
            assert actor is not None
            session = work.session
            inserted = updated = 0
            for start in range(0, total, IMPORT_BATCH):
                progress.check()
                if cancelled is not None and cancelled():
                    raise Cancelled()
                for row in preview.valid[start:start + IMPORT_BATCH]:
                    valid: ValidWatch = row.watch
                    watch = _same_person(session, valid)
                    if watch is None:
                        watch = Watch(uuid=str(uuid_module.uuid4()), created_at=work.now,
                                      created_by=actor.operator_id, **_fields(valid))
                        inserted += 1
                    else:
                        for key, value in _fields(valid).items():
                            setattr(watch, key, value)
                        updated += 1
                    watch.resident_id = resident_of(session, valid)
                    session.add(watch)
                    session.flush()  # the next rows of the list see this one
                progress.step(min(start + IMPORT_BATCH, total), total)
            progress.check()
            result = ImportResult(inserted, updated, len(preview.rejected))
            work.audit("watchlist_imported", "", {"imported": inserted, "updated": updated,
                                                  "rejected": result.rejected, "format": preview.kind})
        return result

    # -- the gate -----------------------------------------------------------------------------

    def match(self, id_number: str | None = None, name: str | None = None, room: str | None = None,
              today: dt.date | None = None) -> WatchMatch | None:
        """The entry active `today` for this person: by ID number exactly, or by name and
        room together (both normalised as stored). None when nothing matches."""
        today = today or self.today()
        key = _id_key(id_number) if id_number and id_number.strip() else None
        try:
            name_key, room_key = (normalise_name(name), normalise_room(room)) if name and room else (None, None)
        except InvalidInput:
            name_key = room_key = None
        with self._uow.read() as session:
            watch = active_watch(session, today, id_number=key, name=name_key, room=room_key)
        if watch is None:
            return None
        return WatchMatch(watch.uuid, WatchKind(watch.kind), watch.end_date, mask_name(watch.name))

    # -- the five dailies -----------------------------------------------------------------------

    def day_sheet(self, actor: Actor | None, day: dt.date) -> list[Household]:
        """Every entry active on `day` with a room, grouped by room, with its eight items."""
        self._uow.require(actor, Action.DAILY_CARE)
        now = self._clock()
        threshold = int(self._settings.get("fever_threshold"))
        with self._uow.read() as session:
            watches = list(session.exec(select(Watch).where(col(Watch.room) != "", *_active_on(day))
                                        .order_by(col(Watch.room), col(Watch.id))))
            done = _done(session, [w.id for w in watches if w.id is not None], day)
        households: dict[str, list[CarePerson]] = defaultdict(list)
        for watch in watches:
            cells = tuple(_cell(item.code, done.get((watch.id or 0, item.code)), now, day, threshold) for item in ITEMS)
            households[watch.room].append(CarePerson(watch.uuid, mask_name(watch.name), WatchKind(watch.kind),
                                                     watch.end_date, cells))
        return [Household(room, tuple(persons)) for room, persons in households.items()]

    def tick(self, actor: Actor | None, watch_uuid: str, day: dt.date, item: str, reading: str | None = None,
             note: str = "") -> Ticked:
        """Record `item` done for this person on `day`, now, by `actor` (see the module
        docstring for what is refused)."""
        with self._uow.write(actor, Action.DAILY_CARE) as work:
            care_item = check_item(item)
            clean_note = clean_text(note, CARE_NOTE_MAX_LEN, "note")
            threshold = int(self._settings.get("fever_threshold"))
            value = None
            if care_item.reading:
                value = read_temperature(reading or "", threshold, "reading")
            elif reading and reading.strip():
                raise _fail("reading", QT_TRANSLATE_NOOP("problems", "This item takes no temperature reading."))
            if day > work.local_now.date():
                raise _fail("day", QT_TRANSLATE_NOOP("problems", "The day {day} has not come yet."),
                            day=day.isoformat())
            work.lock()  # read "ticked already?" inside the write transaction
            watch = _get(work.session, watch_uuid)
            if not is_active(watch, day):
                raise _fail("watch", QT_TRANSLATE_NOOP(
                    "problems", "This person was not in quarantine on {day}."), day=day.isoformat())
            existing = _done(work.session, [watch.id or 0], day).get((watch.id or 0, item))
            if existing is not None:
                at, who, _, _ = existing
                raise _fail(item, QT_TRANSLATE_NOOP(
                    "problems", "Already ticked at {time} by {operator}. A supervisor can undo a mistaken tick."),
                    time=at.astimezone(work.local_now.tzinfo).strftime("%H:%M"), operator=who)
            assert actor is not None and watch.id is not None
            work.session.add(DailyCare(watch_id=watch.id, day=day, item=item, done_at=work.now,
                                       operator_id=actor.operator_id, reading=value.tenths if value else None,
                                       note=clean_note))
            fever = value if value is not None and value.fever else None
            detail: dict[str, object] = {"item": item, "day": day.isoformat()}
            if fever is not None:
                detail["fever"] = True
            work.audit("daily_care", _subject(watch), detail)
            cell = _cell(item, (work.now, actor.name, value.tenths if value else None, clean_note),
                         work.local_now, day, threshold)
            return Ticked(cell, fever)

    def untick(self, actor: Actor | None, watch_uuid: str, day: dt.date, item: str) -> None:
        """Undo a mistaken tick (a supervisor's; audited)."""
        with self._uow.write(actor, Action.MANAGE_WATCHLIST) as work:
            check_item(item)
            watch = _get(work.session, watch_uuid)
            row = work.session.exec(select(DailyCare).where(
                DailyCare.watch_id == watch.id, DailyCare.day == day, DailyCare.item == item)).first()
            if row is None:
                raise _fail(item, QT_TRANSLATE_NOOP("problems", "This item has not been ticked."))
            work.session.delete(row)
            work.audit("daily_care_undone", _subject(watch), {"item": item, "day": day.isoformat()})

    def daily_counts(self, day: dt.date) -> CareCounts:
        """The day's figures for the daily report: households (rooms) and persons on the
        day sheet, each item's count done, the fever readings."""
        threshold = int(self._settings.get("fever_threshold"))
        with self._uow.read() as session:
            persons, households = session.exec(select(func.count(), func.count(func.distinct(Watch.room))).where(
                col(Watch.room) != "", *_active_on(day))).one()
            sheet = select(Watch.id).where(col(Watch.room) != "", *_active_on(day))
            done = dict(session.exec(select(DailyCare.item, func.count()).where(
                DailyCare.day == day, col(DailyCare.watch_id).in_(sheet)).group_by(DailyCare.item)).all())
            fevers = session.exec(select(func.count()).where(
                DailyCare.day == day, col(DailyCare.watch_id).in_(sheet),
                col(DailyCare.reading) >= threshold)).one()
        return CareCounts(int(households), int(persons), {item.code: int(done.get(item.code, 0)) for item in ITEMS},
                          int(fevers))


_Done = tuple[dt.datetime, str, int | None, str]  # done at (UTC), by, reading, note


def _done(session: Session, watch_ids: list[int], day: dt.date) -> dict[tuple[int, str], _Done]:
    if not watch_ids:
        return {}
    rows = session.exec(select(DailyCare, Operator.name).join(Operator, col(Operator.id) == DailyCare.operator_id,
                                                              isouter=True)
                        .where(DailyCare.day == day, col(DailyCare.watch_id).in_(watch_ids)))
    return {(care.watch_id, care.item): (_aware(care.done_at), who or "", care.reading, care.note)
            for care, who in rows}


def _cell(code: str, done: _Done | None, now: dt.datetime, day: dt.date, threshold: int) -> CareCell:
    item = check_item(code)
    if done is None:
        return CareCell(code, item_state(item, False, None, now, day, threshold))
    at, who, reading, note = done
    return CareCell(code, item_state(item, True, reading, now, day, threshold), at.astimezone(now.tzinfo), who,
                    reading, note)


def _get(session: Session, watch_uuid: str) -> Watch:
    watch = session.exec(select(Watch).where(Watch.uuid == watch_uuid)).first()
    if watch is None:
        raise _fail("watch", QT_TRANSLATE_NOOP("problems", "This watchlist entry no longer exists."))
    return watch


def _fields(valid: ValidWatch) -> dict[str, Any]:
    return {"kind": valid.kind.value, "name": valid.name, "id_number": valid.id_number, "room": valid.room,
            "start_date": valid.start_date, "end_date": valid.end_date, "reason": valid.reason}


def _same_person(session: Session, valid: ValidWatch) -> Watch | None:
    """The stored entry of this person whose period overlaps `valid`'s: by ID number,
    else by name and room (each through its index)."""
    overlap = (col(Watch.start_date) <= valid.end_date, col(Watch.end_date) >= valid.start_date)
    keys = []
    if valid.id_number:
        keys.append(col(Watch.id_number) == valid.id_number)
    if valid.room:
        keys.append((col(Watch.room) == valid.room) & (col(Watch.name) == valid.name))
    for key in keys:
        found = session.exec(select(Watch).where(key, *overlap).order_by(col(Watch.end_date).desc()).limit(1)).first()
        if found is not None:
            return found
    return None


def resident_of(session: Session, valid: ValidWatch) -> int | None:
    """The id of the resident (not moved out) this entry is for: the one with its ID
    number, else the one with its name in its room; None when none or several match."""
    if valid.id_number:
        found = find_residents(session, Lookup(id_number=valid.id_number), limit=2)
        if found:
            return found[0].id if len(found) == 1 else None
    if valid.room:
        found = [r for r in find_residents(session, Lookup(room=valid.room), limit=200) if r.name == valid.name]
        if len(found) == 1:
            return found[0].id
    return None


def _detail(valid: ValidWatch) -> dict[str, object]:
    """What the audit says of an entry: never the name, the ID number or the room."""
    return {"kind": valid.kind.value, "start": valid.start_date.isoformat(), "end": valid.end_date.isoformat()}
