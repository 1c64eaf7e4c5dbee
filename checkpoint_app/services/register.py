"""Saving, voiding and correcting register entries; recognising a repeat person.

Each save is one unit of work (unit_of_work.py) by the logged-in operator: the role is
checked, then one short transaction takes the station's next sequence number, inserts
the passage with its person checks, their name-search keys and the change record (what the USB export reads), and
commits (WAL, synchronous=FULL). Voids and corrections are supervisors' and audited in
the same transaction. Any failure rolls back everything and is re-raised: a
StorageError the UI can explain, InvalidInput for the form, NotPermitted, or a bug.

Nothing is written once the file is known to be damaged (see health.py), and each
saved entry's time is shown to the clock watch (a clock set back or jumping is warned
about; the sequence numbers keep increasing whatever the clock says).

What comes back is an `PassageView` with the identity masked (records.py), never the ORM
row; a correction opens with the full values through `for_correction` (a supervisor,
audited). A repeat person's details are the exception by design: they are filled into
the form from the ID number or phone the guard typed (the holder's own, for the
document in hand), but a past name shown as a notice is masked (see KnownPerson).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, replace
from typing import Any, Callable

from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from checkpoint_app.core.decision import Category
from checkpoint_app.core.entry import (
    EntryDraft,
    PassageKind,
    PersonDraft,
    Preview,
    ValidatedPassage,
    ValidatedPerson,
    preview_entry,
    validate_entry,
)
from checkpoint_app.core.idcard import DocType, is_resident_id_like
from checkpoint_app.core.known import NOTHING_KNOWN, Known, WatchHit
from checkpoint_app.core.masking import mask_name, mask_phone
from checkpoint_app.core.name_search import name_grams
from checkpoint_app.core.plates import parse_plate
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.resident_lookup import Lookup, read_lookup
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.rooms import normalise_room
from checkpoint_app.core.text import clean_text, normalise_name
from checkpoint_app.core.vehicle import (
    VehicleDraft,
    VehiclePreview,
    VehicleRules,
    person_drafts,
    preview_vehicle,
    validate_vehicle,
)

from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Passage, PersonCheck, PersonNameGram, Resident, Station
from checkpoint_app.db.resident_queries import find_residents, plates_of, room_on_list
from checkpoint_app.db.watch_queries import active_watch

from checkpoint_app.services.health import Health
from checkpoint_app.services.records import PassageView, entry_view
from checkpoint_app.services.settings import Settings
from checkpoint_app.services.unit_of_work import UnitOfWork, Work

log = logging.getLogger("checkpoint.register")


@dataclass(frozen=True)
class PastDecision:
    """An earlier entry under the same ID number: its day, the name it was registered
    under (masked: shown as a notice, it may not be the name of the person at the desk),
    whether that name differs from the latest entry's under this number, what was
    decided and why (reason codes: fever, short_breath, key_area, symptoms, override)."""

    day: dt.date
    name: str
    decision: str
    reasons: tuple[str, ...]
    other_name: bool = False


@dataclass(frozen=True)
class KnownPerson:
    """What a repeat person told us last time (never temperature readings).

    Found by ID number, it also says how the last entry under that number ended and
    the latest refusal or referral under it: the same document is the same person, so
    the guard sees only that holder's own history. Found by phone (shared by families,
    and typed by the guard from what anyone says), it carries no history and no identity:
    no name, no document, no ID number, only where they went and why, so a phone number
    never reveals who else has used it.

    Found by ID number, the details are in full: they fill the form for the person at the
    desk, who holds that document and tells the guard the same again. The names in the
    history (`last`, `turned_away`) are masked: a notice shows them beside a name the
    guard typed, which may be another person's."""

    name: str
    category: str
    id_type: str | None
    id_number: str | None
    phone: str | None
    phone_foreign: bool
    destination: str
    purpose: str
    origin_province: str | None
    origin_city: str
    arrival_date: dt.date | None
    last: PastDecision | None = None
    turned_away: PastDecision | None = None  # the latest refusal or referral, if any


@dataclass(frozen=True)
class KnownVehicle:
    """What a vehicle seen before (same plate, not void) was registered with last time:
    offered to the guard for confirmation, never filled in silently. No identity."""

    plate: str
    vehicle_category: str | None
    origin_province: str | None
    origin_city: str
    destination: str
    day: dt.date


@dataclass(frozen=True)
class ResidentCard:
    """A resident found at the gate, as the guard sees them: masked, with their room and
    plates; `uuid` goes into the draft (the identity is taken from the list on save)."""

    uuid: str
    name: str  # masked
    room: str
    phone: str | None  # masked
    plates: tuple[str, ...]
    watch_kind: str | None = None  # on the watchlist today: home_quarantine, medical_observation


class NoStation(RuntimeError):
    """The station profile has not been set up yet (first run)."""


class RegisterService:
    def __init__(self, uow: UnitOfWork, session_factory: Callable[[], Session], settings: Settings,
                 clock: Callable[[], dt.datetime], health: Health | None = None):
        self._uow = uow
        self._session_factory = session_factory
        self._settings = settings
        self._clock = clock
        self._health = health or Health(clock)

    def today(self) -> dt.date:
        return self._clock().date()

    def validate(self, draft: EntryDraft, corrects: int | None = None) -> ValidatedPassage:
        """Validate as of today, or, for a correction, as of the corrected entry's day
        (the key-area window and dates are judged for when the person really passed)."""
        day = self.today() if corrects is None else self._entry_day(corrects)
        draft = self._as_resident(draft)
        return validate_entry(draft, self._settings.policy(), day, self.known(draft))

    def preview(self, draft: EntryDraft, day: dt.date | None = None) -> Preview:
        """What the person form shows while the guard types: the rules run on what is
        typed so far and on what the register knows of the person (`known`), so an alert
        shows before the save. `day`: a correction's (judged as of the day it passed)."""
        return preview_entry(draft, self._settings.policy(), day or self.today(), self.known(draft))

    def preview_vehicle(self, draft: VehicleDraft) -> VehiclePreview:
        """The vehicle form's preview, with what the register knows of each occupant."""
        return preview_vehicle(draft, self._settings.policy(), self.today(), self._occupants_known(draft))

    def _occupants_known(self, draft: VehicleDraft) -> list[Known]:
        """What the register knows of each occupant; a resident's plate makes the driver
        that resident."""
        plate = None
        if draft.plate.strip():
            try:
                plate = parse_plate(draft.plate, draft.plate_kind or None).text
            except InvalidInput:
                plate = None
        return [self.known(person, plate if n == 0 else None) for n, person in enumerate(person_drafts(draft))]

    def known(self, draft: PersonDraft, plate: str | None = None) -> Known:
        """What the register knows of the person typed so far, gathered from the database
        for the rules (core/known.py): the resident chosen at the gate, or found by the ID
        number typed, or (a vehicle's driver) by the plate; and the watchlist entry they
        match, by ID number, by that resident, or by name and room."""
        id_number = draft.id_number.strip().upper() or None
        name = _name_or_none(draft.name)
        room = _room_or_none(draft.destination)
        if not (draft.resident or id_number or plate or room):
            return NOTHING_KNOWN
        with storage_errors(self._health.note_error), self._session_factory() as session:
            resident = self._resident(session, draft.resident) if draft.resident else None
            if resident is None and ((id_number and is_resident_id_like(id_number)) or plate):
                found = find_residents(session, Lookup(id_number=id_number if is_resident_id_like(id_number or "")
                                                       else None, plate=plate), limit=1)
                resident = found[0] if found else None
            watch = active_watch(session, self.today(), id_number=id_number, name=name, room=room)
            if watch is None and resident is not None:
                watch = active_watch(session, self.today(), id_number=resident.id_number, resident_id=resident.id,
                                     name=resident.name, room=resident.room)
            unlisted = room if room and not draft.resident and room_on_list(session, room) is False else None
        return Known(resident_uuid=resident.uuid if resident is not None else None,
                     watch=WatchHit(watch.uuid, watch.kind, watch.end_date, watch.room) if watch is not None else None,
                     unlisted_room=unlisted)

    def find_residents(self, actor: Actor | None, text: str, scanned: bool = False) -> list[ResidentCard]:
        """The residents matching what the guard typed or scanned (room, phone or its last
        four digits, plate, ID number, pass code), masked: for an actor registering people."""
        self._uow.require(actor, Action.REGISTER)
        lookup = read_lookup(text, scanned)
        today = self.today()
        with storage_errors(self._health.note_error), self._session_factory() as session:
            found = find_residents(session, lookup)
            plates = plates_of(session, [r.id for r in found if r.id is not None])
            watches = {r.id: active_watch(session, today, id_number=r.id_number, resident_id=r.id, name=r.name,
                                          room=r.room) for r in found}
        return [ResidentCard(uuid=r.uuid, name=mask_name(r.name), room=r.room,
                             phone=mask_phone(r.phone) if r.phone else None, plates=tuple(plates.get(r.id or 0, ())),
                             watch_kind=w.kind if (w := watches.get(r.id)) is not None else None)
                for r in found]

    @staticmethod
    def _resident(session: Session, resident_uuid: str) -> Resident | None:
        found = session.exec(select(Resident).where(Resident.uuid == resident_uuid)).first()
        return found if found is not None and not found.moved_out else None

    def _as_resident(self, draft: EntryDraft) -> EntryDraft:
        """A draft for a resident chosen at the gate, with their identity and room from the
        residents list (the form shows them masked and sends only the resident's UUID)."""
        if not draft.resident:
            return draft
        with storage_errors(self._health.note_error), self._session_factory() as session:
            resident = self._resident(session, draft.resident)
        if resident is None:
            raise InvalidInput([problem("resident", QT_TRANSLATE_NOOP(
                "problems", "This resident is no longer on the residents list: register them as typed."))])
        return replace(draft, category=Category.RESIDENT.value, name=resident.name, id_number=resident.id_number or "",
                       id_type=DocType.RESIDENT_ID.value, phone=resident.phone or "", phone_foreign=False,
                       destination=draft.destination or resident.room)

    def save(self, actor: Actor, draft: EntryDraft) -> PassageView:
        """Validate and store one entry for `actor`. Raises InvalidInput, NotPermitted or
        StorageError."""
        entry = self.validate(draft)
        return self._store(actor, entry)

    def vehicle_rules(self) -> VehicleRules:
        """Whose identity a vehicle's occupants give here, and the occupant limits."""
        with storage_errors(self._health.note_error), self._session_factory() as session:
            station = session.exec(select(Station).order_by(col(Station.id))).first()
        return self._settings.vehicle_rules(station.station_type if station is not None else None)

    def validate_vehicle(self, draft: VehicleDraft, rules: VehicleRules | None = None) -> ValidatedPassage:
        return validate_vehicle(draft, self._settings.policy(), rules or self.vehicle_rules(), self.today(),
                                self._occupants_known(draft))

    def save_vehicle(self, actor: Actor, draft: VehicleDraft, rules: VehicleRules | None = None) -> PassageView:
        """Validate and store a vehicle with all its occupants, in one transaction.
        Raises InvalidInput (fields at their places: "occupants.2.temperature"),
        NotPermitted or StorageError."""
        return self._store(actor, self.validate_vehicle(draft, rules))

    def known_vehicle(self, actor: Actor | None, plate_text: str) -> KnownVehicle | None:
        """The last registration (not void) of this plate, through the plate index: for
        an actor registering people (else NotPermitted, audited)."""
        self._uow.require(actor, Action.REGISTER)
        try:
            plate = parse_plate(plate_text)
        except InvalidInput:
            return None
        with storage_errors(self._health.note_error), self._session_factory() as session:
            found = session.exec(
                select(Passage, PersonCheck).join(PersonCheck, col(PersonCheck.passage_id) == col(Passage.id))
                .where(Passage.plate == plate.text, Passage.voided == False, PersonCheck.position == 0)  # noqa: E712
                .order_by(col(Passage.id).desc()).limit(1)).first()
        if found is None:
            return None
        passage, lead = found
        return KnownVehicle(plate=plate.text, vehicle_category=passage.vehicle_category,
                            origin_province=lead.origin_province, origin_city=lead.origin_city,
                            destination=lead.destination, day=passage.local_date)

    def _store(self, actor: Actor, entry: ValidatedPassage) -> PassageView:
        with self._uow.write(actor, Action.REGISTER) as work:
            saved, persons = self._insert(work, entry)
            work.changed(saved.uuid, "create")
        log.info("entry saved seq=%s", saved.seq)
        self._health.note_entry_time(saved.recorded_at)
        return entry_view(saved, persons)

    def save_exit(self, actor: Actor | None, exit_: ValidatedPassage, still_open: Callable[[Session], None]) -> PassageView:
        """Store the exit of an entry (`exit_.exit_of`: its UUID), by an actor checking
        people out: in one unit of work, under the write lock, after `still_open` has
        checked (and raised if not) that the entry is still open, so two desks checking
        the same entry out cannot both record an exit (services/inside.py)."""
        assert exit_.exit_of is not None and exit_.direction.value == "out"
        with self._uow.write(actor, Action.CHECK_OUT) as work:
            work.lock()
            still_open(work.session)
            saved, persons = self._insert(work, exit_)
            work.changed(saved.uuid, "create")
        log.info("exit saved seq=%s", saved.seq)
        self._health.note_entry_time(saved.recorded_at)
        return entry_view(saved, persons)

    def void(self, actor: Actor, entry_id: int, reason: str) -> PassageView:
        reason_text = self._void_reason(reason)
        with self._uow.write(actor, Action.VOID) as work:
            entry = self._mark_void(work, entry_id, reason_text)
            work.changed(entry.uuid, "void")
            work.audit(Action.VOID, f"entry:{entry.uuid}", {"seq": entry.seq})
            persons = _persons_of(work.session, entry_id)
        log.info("entry voided seq=%s", entry.seq)
        return entry_view(entry, persons)

    def for_correction(self, actor: Actor, entry_id: int) -> PassageView:
        """The entry with its identity in full, to load into the form for a correction:
        a supervisor's (Action.CORRECT), audited ("correction_opened") whether or not the
        correction is saved. Raises NotPermitted (audited), InvalidInput (no such entry,
        or already void) or StorageError."""
        with self._uow.write(actor, Action.CORRECT) as work:
            entry = work.session.get(Passage, entry_id)
            if entry is None:
                raise _missing_entry()
            if entry.voided:
                raise _already_void()
            if entry.kind != "person":
                raise _not_on_foot()
            work.audit("correction_opened", f"entry:{entry.uuid}", {"seq": entry.seq})
            persons = _persons_of(work.session, entry_id)
        log.info("correction opened for seq=%s", entry.seq)
        return entry_view(entry, persons, masked=False)

    def correct(self, actor: Actor, entry_id: int, draft: EntryDraft, reason: str) -> PassageView:
        """Void the old entry (kept, with the reason) and record the corrected one, atomically.

        The corrected entry keeps the time the person passed; it gets a new sequence number
        and points at the entry it corrects."""
        reason_text = self._void_reason(reason)
        validated = self.validate(draft, corrects=entry_id)
        with self._uow.write(actor, Action.CORRECT) as work:
            old = self._mark_void(work, entry_id, reason_text)
            if old.kind != "person":  # the person form would drop the plate and every other occupant
                raise _not_on_foot()
            passed = (old.recorded_at, old.utc_offset_min, old.local_date)
            new, persons = self._insert(work, validated, corrects=old.uuid, passed=passed)
            work.changed(old.uuid, "void")
            work.changed(new.uuid, "correct")
            work.audit(Action.CORRECT, f"entry:{old.uuid}", {"seq": old.seq, "new_seq": new.seq, "new": new.uuid})
        log.info("entry seq=%s corrected by seq=%s", old.seq, new.seq)
        return entry_view(new, persons)

    def check_clock(self) -> None:
        """Compare the clock with the newest entry (at start; see clock_watch.py)."""
        with storage_errors(self._health.note_error), self._session_factory() as session:
            # the newest by id; corrections keep their old time, so take the latest of a few
            times = session.exec(select(Passage.recorded_at).order_by(col(Passage.id).desc()).limit(50)).all()
        self._health.check_clock_at_start(max(times) if times else None)

    def _entry_day(self, entry_id: int) -> dt.date:
        with storage_errors(self._health.note_error), self._session_factory() as session:
            entry = session.get(Passage, entry_id)
        if entry is None:
            raise _missing_entry()
        return entry.local_date

    def known_person(self, actor: Actor | None, id_number: str | None = None,
                     phone: str | None = None) -> KnownPerson | None:
        """The latest non-voided details of a person, found by exact ID number or phone:
        for an actor registering people (Action.REGISTER; else NotPermitted, audited)."""
        self._uow.require(actor, Action.REGISTER)
        if not id_number and not phone:
            return None
        with storage_errors(self._health.note_error), self._session_factory() as session:
            # the person checks of passages that are not void, newest first
            query = select(PersonCheck, Passage).join(Passage, col(Passage.id) == col(PersonCheck.passage_id)).where(
                Passage.voided == False)  # noqa: E712
            query = query.where(PersonCheck.id_number == id_number) if id_number else query.where(PersonCheck.phone == phone)
            found = session.exec(query.order_by(col(PersonCheck.id).desc()).limit(1)).first()
            if found is None:
                return None
            last, last_passage = found
            past: PastDecision | None = None  # a phone is shared in families: no history by phone
            turned: PastDecision | None = None
            if id_number:
                turned_away = found if last_passage.decision != "admit" else session.exec(
                    query.where(col(Passage.decision).in_(("refuse", "refer"))).order_by(col(PersonCheck.id).desc())
                    .limit(1)).first()
                past = _past(last, last_passage)
                turned = _past(*turned_away, other_name=not _same_name(turned_away[0].name, last.name)) \
                    if turned_away is not None else None
            if not id_number:  # by phone: nothing that says who it was
                return KnownPerson(
                    name="", category=last.category, id_type=None, id_number=None, phone=last.phone,
                    phone_foreign=last.phone_foreign, destination=last.destination, purpose=last.purpose,
                    origin_province=last.origin_province, origin_city=last.origin_city, arrival_date=last.arrival_date)
            return KnownPerson(
                name=last.name, category=last.category, id_type=last.id_type, id_number=last.id_number,
                phone=last.phone, phone_foreign=last.phone_foreign, destination=last.destination,
                purpose=last.purpose, origin_province=last.origin_province, origin_city=last.origin_city,
                arrival_date=last.arrival_date, last=past, turned_away=turned,
            )

    # -- internals -------------------------------------------------------------------

    @staticmethod
    def _void_reason(reason: str) -> str:
        text_ = clean_text(reason, 200, "void_reason")
        if len(text_) < 2:
            raise InvalidInput([problem("void_reason", QT_TRANSLATE_NOOP(
                "problems", "Say why this entry is void (at least 2 characters)."))])
        return text_

    def _mark_void(self, work: Work, entry_id: int, reason: str) -> Passage:
        session = work.session
        work.lock()  # two desks voiding the same entry: the second sees it void
        entry = session.get(Passage, entry_id)
        if entry is None:
            raise _missing_entry()
        if entry.voided:
            raise _already_void()
        entry.voided = True
        entry.void_reason = reason
        entry.voided_at = work.now
        entry.voided_by, entry.voided_by_id = _actor_of(work)
        session.add(entry)
        session.flush()
        return entry

    def _insert(self, work: Work, v: ValidatedPassage, corrects: str | None = None,
                passed: tuple[dt.datetime, int, dt.date] | None = None) -> tuple[Passage, list[PersonCheck]]:
        session = work.session
        station = session.exec(select(Station).order_by(col(Station.id))).first()
        if station is None or station.id is None:
            raise NoStation("set up the station profile first")
        seq = session.execute(
            text("UPDATE station SET next_seq = next_seq + 1 WHERE id = :id RETURNING next_seq - 1"),
            {"id": station.id},
        ).scalar_one()
        if passed is None:
            now = work.local_now
            offset = int(delta.total_seconds() // 60) if (delta := now.utcoffset()) else 0
            passed = (now.astimezone(dt.timezone.utc), offset, now.date())
        recorded_at, offset, local_date = passed
        operator, operator_id = _actor_of(work)
        passage = Passage(
            operator=operator, operator_id=operator_id, uuid=str(uuid.uuid4()), station_id=station.id, seq=seq,
            recorded_at=recorded_at, utc_offset_min=offset, local_date=local_date, corrects_uuid=corrects,
            **_passage_fields(v),
        )
        session.add(passage)
        session.flush()
        assert passage.id is not None
        vehicle = v.kind is PassageKind.VEHICLE
        persons = [PersonCheck(passage_id=passage.id, position=n, driver=vehicle and n == 0, **_person_fields(p))
                   for n, p in enumerate(v.persons)]
        session.add_all(persons)
        session.flush()
        grams = [{"gram": g, "person_id": p.id} for p in persons for g in name_grams(p.name)]
        if grams:
            session.execute(insert(PersonNameGram), grams)
        return passage, persons


def _name_or_none(text: str) -> str | None:
    try:
        return normalise_name(text) if text.strip() else None
    except InvalidInput:
        return None


def _room_or_none(text: str) -> str | None:
    try:
        return normalise_room(text) if text.strip() else None
    except InvalidInput:
        return None


def _actor_of(work: Work) -> tuple[str, int]:
    assert work.actor is not None  # every register write is by a logged-in operator
    return work.actor.name, work.actor.operator_id


def _past(person: PersonCheck, passage: Passage, other_name: bool = False) -> PastDecision:
    symptoms = set(filter(None, person.symptoms.split(",")))
    reasons = [code for code, applies in (
        ("fever", person.fever), ("short_breath", "short_breath" in symptoms), ("key_area", person.key_area),
        ("symptoms", bool(symptoms - {"short_breath"})), ("override", passage.decision != passage.proposed_decision),
    ) if applies]
    return PastDecision(day=passage.local_date, name=mask_name(person.name), decision=passage.decision,
                        reasons=tuple(reasons), other_name=other_name)


def _same_name(a: str, b: str) -> bool:
    """Stored names are normalised when saved (core.text.normalise_name): only case may differ."""
    return a.casefold() == b.casefold()


def _persons_of(session: Session, passage_id: int) -> list[PersonCheck]:
    return list(session.exec(select(PersonCheck).where(PersonCheck.passage_id == passage_id)
                             .order_by(col(PersonCheck.position))).all())


def _passage_fields(v: ValidatedPassage) -> dict[str, Any]:
    return dict(
        direction=v.direction.value, kind=v.kind.value, any_fever=any(p.screening.fever for p in v.persons),
        any_key_area=v.key_area_flagged, proposed_decision=v.proposal.decision.value, decision=v.decision.value,
        override_reason=v.override_reason, leaflet=v.leaflet, notes=v.notes,
        plate=v.plate.text if v.plate else None, plate_kind=v.plate.kind.value if v.plate else None,
        vehicle_category=v.vehicle_category.value if v.vehicle_category else None, exit_of=v.exit_of,
    )


def _person_fields(p: ValidatedPerson) -> dict[str, Any]:
    return dict(
        category=p.category.value, name=p.name, id_type=p.id_type.value if p.id_type else None,
        id_number=p.id_number, phone=p.phone, phone_foreign=p.phone_foreign, destination=p.destination,
        purpose=p.purpose, origin_province=p.origin_province.code if p.origin_province else None,
        origin_city=p.origin_city, arrival_date=p.arrival_date, temp1=p.temp1, temp2=p.temp2,
        fever=p.screening.fever, symptoms=",".join(sorted(s.value for s in p.symptoms)),
        key_area=p.key_area.flagged, key_area_reasons=";".join(p.key_area.reasons),
        resident_uuid=p.known.resident_uuid, watch_uuid=p.known.watch_uuid,
    )


def _missing_entry() -> InvalidInput:
    return InvalidInput([problem("entry", QT_TRANSLATE_NOOP("problems", "This entry no longer exists."))])


def _not_on_foot() -> InvalidInput:
    return InvalidInput([problem("entry", QT_TRANSLATE_NOOP(
        "problems", "A vehicle's entry cannot be corrected in the person form: void it and register the vehicle again."))])


def _already_void() -> InvalidInput:
    return InvalidInput([problem("entry", QT_TRANSLATE_NOOP("problems", "This entry is already void."))])
