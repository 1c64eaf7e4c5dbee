"""Who is inside (在内人员): the visitors and visitor vehicles that came in and have not
left (core/inside.py says what counts and what is late), and checking one out.

Reading is for anyone who may see masked lists (Action.VIEW_MASKED); names come out
masked. Checking out (Action.CHECK_OUT: guards too) records the exit as a new passage
going out, linked to its entry (`exit_of`): the same kind, plate and persons (category,
identity and destination copied from the entry, re-validated as a passage going out, so
the rules still see a fever read at the gate or a watchlist match), let through. It is
stored as the register stores every passage (sequence number, person checks, name keys,
the change record the export reads) in one unit of work that first takes the write lock
and then checks again that the entry is still open: of two desks checking the same
entry out, the second is refused. Refused with a clear problem (field "entry"): no such
entry, a void one, an exit, an entry that was not let in, a resident's, one already
checked out, or an exit the rules would not let through as it is (register it on the
form, where the guard decides).

The exit goes through the register service's private `_insert` (services/register.py is
not this module's): the register's public saves take drafts without `exit_of`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import Any, Callable

from sqlmodel import Session, col, select

from checkpoint_app.core.decision import Decision, Direction
from checkpoint_app.core.entry import EntryDraft, PassageKind, ValidatedPassage, validate_person
from checkpoint_app.core.inside import (
    InsideCounts,
    InsideRow,
    first_day,
    is_late,
    late_time,
)
from checkpoint_app.core.masking import mask_name
from checkpoint_app.core.plates import parse_plate
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.vehicle import strictest
from checkpoint_app.core.vehicle_categories import VehicleCategory

from checkpoint_app.db import inside_queries
from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Passage, PersonCheck

from checkpoint_app.services.health import Health
from checkpoint_app.services.records import PassageView
from checkpoint_app.services.register import RegisterService
from checkpoint_app.services.settings import Settings
from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.inside")


class InsideService:
    def __init__(self, uow: UnitOfWork, register: RegisterService, settings: Settings,
                 clock: Callable[[], dt.datetime], health: Health | None = None):
        self._uow = uow
        self._register = register
        self._settings = settings
        self._clock = clock
        self._health = health or Health(clock)

    # -- reading ------------------------------------------------------------------------

    def inside(self, actor: Actor | None, now: dt.datetime | None = None) -> list[InsideRow]:
        """Who is inside at `now` (the station clock's time by default), longest inside
        first, names masked. Raises NotPermitted or StorageError."""
        self._uow.require(actor, Action.VIEW_MASKED)
        now = now or self._clock()
        late_hour = late_time(self._settings.get("inside_late_hour"))
        with storage_errors(self._health.note_error), self._uow.read() as session:
            rows = inside_queries.open_entries(session.connection(), self._since(now.date()), now.date())
        return [_row(raw, now, late_hour) for raw in rows]

    def counts(self, actor: Actor | None, now: dt.datetime | None = None) -> InsideCounts:
        """How many are inside at `now`, and how many of them are late (the main screen)."""
        self._uow.require(actor, Action.VIEW_MASKED)
        now = now or self._clock()
        with storage_errors(self._health.note_error), self._uow.read() as session:
            total, earlier = inside_queries.count_open(session.connection(), self._since(now.date()), now.date())
        late = total if now.time() >= late_time(self._settings.get("inside_late_hour")) else earlier
        return InsideCounts(total, late)

    def count_inside(self, actor: Actor | None, now: dt.datetime | None = None) -> int:
        return self.counts(actor, now).inside

    def count_at_end_of(self, day: dt.date) -> int:
        """How many were still inside at the end of `day` (for today: now). No permission
        check: the daily report asks, after checking its own (a supervisor's)."""
        with storage_errors(self._health.note_error), self._uow.read() as session:
            total, _ = inside_queries.count_open(session.connection(), self._since(day), day)
        return total

    def _since(self, day: dt.date) -> dt.date:
        return first_day(day, self._settings.get("inside_days"))

    # -- checking out -------------------------------------------------------------------

    def check_out(self, actor: Actor | None, passage_id: int, temperature: str = "") -> PassageView:
        """Record the exit of the entry `passage_id` (see the module docstring); the
        `temperature` read at the gate, if any, is the lead person's (on foot, or the
        driver). Returns the exit. Raises InvalidInput, NotPermitted or StorageError."""
        self._uow.require(actor, Action.CHECK_OUT)
        with self._uow.read() as session:
            entry, persons = _load(session, passage_id)
            _check_open(session, entry, persons)
        exit_ = replace(self._validated_exit(entry, persons, temperature), exit_of=entry.uuid)

        def still_open(session: Session) -> None:  # under the write lock: another desk may have been first
            _check_open(session, *_load(session, passage_id))

        saved = self._register.save_exit(actor, exit_, still_open)
        log.info("exit seq=%s for entry seq=%s", saved.seq, entry.seq)
        return saved

    def _validated_exit(self, entry: Passage, persons: list[PersonCheck], temperature: str) -> ValidatedPassage:
        drafts = [_exit_draft(p, temperature if p.position == 0 else "") for p in persons]
        if entry.kind == PassageKind.PERSON.value:
            validated = self._register.validate(drafts[0])
        else:
            validated = self._vehicle_exit(entry, drafts)
        if validated.decision is not Decision.ADMIT:
            raise _refused(problem("entry", QT_TRANSLATE_NOOP(
                "problems", "The rules do not let this exit through as it is (a fever, or the watchlist): "
                            "register it on the form, where the guard decides.")))
        return validated

    def _vehicle_exit(self, entry: Passage, drafts: list[EntryDraft]) -> ValidatedPassage:
        """A vehicle going out with the entry's occupants: each validated as a person going
        out (no reading required: the vehicle is checked out, not screened again)."""
        problems: list[Problem] = []
        policy, today = self._settings.policy(), self._register.today()
        persons, proposals = [], []
        for position, draft in enumerate(drafts):
            person, proposal = validate_person(draft, Direction.OUT, policy, today, problems, at=f"occupants.{position}",
                                               required=frozenset(), known=self._register.known(draft))
            proposals.append(proposal)
            if person is not None:
                persons.append(person)
        plate = None
        if entry.plate:
            plate = _collect(problems, parse_plate, entry.plate, entry.plate_kind or None)
        if problems or plate is None:
            raise InvalidInput(problems or [problem("entry", QT_TRANSLATE_NOOP(
                "problems", "This vehicle's entry has no plate: register its exit on the vehicle form."))])
        proposal = strictest(proposals)
        return ValidatedPassage(
            direction=Direction.OUT, kind=PassageKind.VEHICLE, persons=tuple(persons), proposal=proposal,
            decision=proposal.decision, override_reason="", leaflet=False, notes="", plate=plate,
            vehicle_category=VehicleCategory(entry.vehicle_category or VehicleCategory.OTHER.value))


def _collect(problems: list[Problem], func: Callable[..., Any], *args: Any) -> Any:
    try:
        return func(*args)
    except InvalidInput as error:
        problems.extend(error.problems)
        return None


def _exit_draft(person: PersonCheck, temperature: str) -> EntryDraft:
    """A person of the entry going out: who they are and where they went, as stored."""
    return EntryDraft(
        category=person.category, name=person.name, id_type=person.id_type or "", id_number=person.id_number or "",
        phone=person.phone or "", phone_foreign=person.phone_foreign, destination=person.destination,
        temperature=temperature, direction=Direction.OUT.value)


def _load(session: Session, passage_id: int) -> tuple[Passage, list[PersonCheck]]:
    entry = session.get(Passage, passage_id)
    if entry is None:
        raise _refused(problem("entry", QT_TRANSLATE_NOOP("problems", "This entry no longer exists.")))
    persons = list(session.exec(select(PersonCheck).where(PersonCheck.passage_id == passage_id)
                                .order_by(col(PersonCheck.position))).all())
    return entry, persons


def _check_open(session: Session, entry: Passage, persons: list[PersonCheck]) -> None:
    """Refuse what cannot be checked out (see the module docstring)."""
    if entry.voided:
        raise _refused(problem("entry", QT_TRANSLATE_NOOP("problems", "This entry is void: there is nothing to check out.")))
    if entry.direction != Direction.IN.value or entry.exit_of is not None:
        raise _refused(problem("entry", QT_TRANSLATE_NOOP(
            "problems", "No. {seq} is an exit, not an entry: only entries are checked out."), seq=entry.seq))
    if entry.decision != Decision.ADMIT.value:
        raise _refused(problem("entry", QT_TRANSLATE_NOOP(
            "problems", "No. {seq} was not let in: there is nothing to check out."), seq=entry.seq))
    lead = persons[0] if persons else None
    if lead is None or lead.resident_uuid is not None or (entry.kind == PassageKind.PERSON.value
                                                          and lead.category == "resident"):
        raise _refused(problem("entry", QT_TRANSLATE_NOOP(
            "problems", "No. {seq} is a resident's entry: residents are not checked out."), seq=entry.seq))
    closed = inside_queries.closed_by(session.connection(), entry.uuid, entry.corrects_uuid)
    if closed is not None:
        raise _refused(problem("entry", QT_TRANSLATE_NOOP(
            "problems", "No. {seq} was already checked out (exit No. {exit})."), seq=entry.seq, exit=closed))


def _refused(found: Problem) -> InvalidInput:
    return InvalidInput([found])


def _row(raw: tuple[Any, ...], now: dt.datetime, late_hour: dt.time) -> InsideRow:
    (passage_id, seq, kind, plate, name, category, destination, persons, recorded_at, offset, local_date) = raw
    moment = recorded_at if isinstance(recorded_at, dt.datetime) else dt.datetime.fromisoformat(str(recorded_at))
    moment = moment.replace(tzinfo=dt.timezone.utc)
    entered = moment.astimezone(dt.timezone(dt.timedelta(minutes=int(offset))))
    day = local_date if isinstance(local_date, dt.date) else dt.date.fromisoformat(str(local_date))
    return InsideRow(
        passage_id=int(passage_id), seq=int(seq), kind=kind, plate=plate, name=mask_name(name) if name else "",
        category=category, destination=destination, persons=int(persons), entered_at=entered,
        inside_for=max(now - moment, dt.timedelta(0)), late=is_late(day, now, late_hour))
