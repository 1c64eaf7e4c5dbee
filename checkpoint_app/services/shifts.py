"""Duty shifts (24小时值班): starting one with the operators on duty, handing it over
(交接班) to the next, ending it, and the seven-ones (七个一) check of the station.

One shift is open at a time. `start` refuses while one is open (hand it over or end it
first); `handover` ends the open shift and starts the next in one transaction, so the
station is never without a shift between the two nor with two of them. The rules of a
check are core/seven_ones.py's; a check belongs to the open shift. Every write goes
through the unit of work as Action.RUN_SHIFT and is audited (shift_started,
shift_handover, shift_ended, seven_ones_checked); the screens get plain dataclasses.

Decisions:
- whoever starts a shift is on duty in it (they answer for its seven-ones check);
- a handover is done at the desk by someone on duty in the outgoing shift or by one of
  the incoming operators (who may have to take over from someone who left without
  handing over);
  the first incoming operator is the one taking over (`handed_to`, the new shift's
  `started_by`), the others are on duty with them;
- any operator may end the open shift (the last one at night, or the supervisor closing a
  shift left open); the note says why.
A shift's seven-ones status (for the daily report) is its latest check's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from sqlmodel import Session, col, or_, select

from checkpoint_app.core.daily_report import ShiftSummary  # one shape for the strip and the daily report
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.seven_ones import (
    CODES,
    ItemAnswer,
    OpenItem,
    Thermometer,
    ValidCheck,
    open_missing,
    thermometer_verdict,
    validate_check,
)
from checkpoint_app.core.seven_ones import CheckRecord as _CheckRecord
from checkpoint_app.core.text import clean_text

from checkpoint_app.db.models import Operator, SevenOnesCheck, SevenOnesItem, Shift, ShiftMember

from checkpoint_app.services.settings import Settings
from checkpoint_app.services.unit_of_work import UnitOfWork, Work

NOTE_MAX_LEN = 1000  # shift.handover_note and shift.open_matters


@dataclass(frozen=True)
class OnDuty:
    id: int
    name: str


@dataclass(frozen=True)
class CheckResult:
    """One seven-ones check as the screens see it."""

    id: int
    checked_at: dt.datetime  # aware, UTC
    checked_by: str
    items: tuple[tuple[str, ItemAnswer], ...]  # core.seven_ones.ITEMS order
    reference_temp: int | None  # tenths of a degree
    thermometer: Thermometer

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(code for code, answer in self.items if not answer.present)


@dataclass(frozen=True)
class ShiftInfo:
    """The open shift: since when, who is on duty, its latest check, and what the shift
    before handed over to it."""

    id: int
    started_at: dt.datetime  # aware, UTC
    started_by: str
    members: tuple[OnDuty, ...]
    check: CheckResult | None  # None: not checked yet (ask for it)
    previous_shift_id: int | None = None
    received_note: str = ""  # the previous shift's handover note
    received_matters: str = ""  # and its open matters


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


class ShiftService:
    def __init__(self, uow: UnitOfWork, settings: Settings, clock: Callable[[], dt.datetime]):
        self._uow = uow
        self._settings = settings
        self._clock = clock

    # -- reading ------------------------------------------------------------------------

    def current(self) -> ShiftInfo | None:
        """The open shift, or None when no shift is on duty."""
        with self._uow.read() as session:
            shift = _open_shift(session)
            if shift is None:
                return None
            assert shift.id is not None
            names = _names(session, [shift.started_by])
            previous = session.get(Shift, shift.previous_shift_id) if shift.previous_shift_id else None
            checks = self._latest_checks(session, [shift.id])
            return ShiftInfo(
                id=shift.id, started_at=shift.started_at, started_by=names.get(shift.started_by, ""),
                members=_members(session, [shift.id]).get(shift.id, ()), check=checks.get(shift.id),
                previous_shift_id=shift.previous_shift_id,
                received_note=previous.handover_note if previous else "",
                received_matters=previous.open_matters if previous else "")

    def open_missing(self) -> tuple[OpenItem, ...]:
        """The items found missing that no later check recorded present, with when they
        were first found missing (core.seven_ones.open_missing over every check)."""
        with self._uow.read() as session:
            rows = session.exec(
                select(SevenOnesItem, SevenOnesCheck.checked_at)
                .join(SevenOnesCheck, col(SevenOnesItem.check_id) == col(SevenOnesCheck.id))
                .order_by(col(SevenOnesCheck.checked_at), col(SevenOnesCheck.id))).all()
        checks: dict[int, tuple[dt.datetime, dict[str, ItemAnswer]]] = {}
        for item, at in rows:
            checks.setdefault(item.check_id, (at, {}))[1][item.item] = ItemAnswer(item.present, item.note)
        return open_missing(_CheckRecord(at, items) for at, items in checks.values())

    def shifts_on(self, day: dt.date) -> list[ShiftSummary]:
        """Every shift overlapping the station's calendar day `day` (one that runs past
        midnight is on both days), in the order they started."""
        tz = self._clock().tzinfo
        start = dt.datetime.combine(day, dt.time(0), tz)
        end = start + dt.timedelta(days=1)
        with self._uow.read() as session:
            shifts = list(session.exec(
                select(Shift).where(col(Shift.started_at) < end,
                                    or_(col(Shift.ended_at).is_(None), col(Shift.ended_at) > start))
                .order_by(col(Shift.started_at), col(Shift.id))))
            ids = [s.id for s in shifts if s.id is not None]
            members = _members(session, ids)
            checks = self._latest_checks(session, ids)
        summaries = []
        for shift in shifts:
            assert shift.id is not None
            check = checks.get(shift.id)
            summaries.append(ShiftSummary(
                id=shift.id, started_at=shift.started_at, ended_at=shift.ended_at,
                operators=tuple(m.name for m in members.get(shift.id, ())),
                seven_ones_ok=None if check is None else not check.missing,
                missing=check.missing if check is not None else (),
                handover_note=shift.handover_note, open_matters=shift.open_matters))
        return summaries

    # -- writing ------------------------------------------------------------------------

    def start(self, actor: Actor, operator_ids: Iterable[int]) -> ShiftInfo:
        """A new shift with these operators on duty (the actor among them). Refused while
        a shift is open. The seven-ones check comes next (check_seven_ones)."""
        ids = _unique(operator_ids)
        with self._uow.write(actor, Action.RUN_SHIFT) as work:
            work.lock()
            current = _open_shift(work.session)
            if current is not None:
                raise _fail("shift", QT_TRANSLATE_NOOP(
                    "problems", "A shift is on duty since {since}: hand it over or end it first."),
                    since=_local(current.started_at, work.local_now))
            problems = _check_operators(work.session, ids, "operators")
            if ids and actor.operator_id not in ids:
                problems.append(problem("operators", QT_TRANSLATE_NOOP(
                    "problems", "Tick your own name too: whoever starts a shift is on duty in it.")))
            if problems:
                raise InvalidInput(problems)
            shift = _new_shift(work.session, work.now, actor.operator_id, ids)
            work.audit("shift_started", _subject(shift), {"operators": ids})
            _changed(work, shift)
        info = self.current()
        assert info is not None
        return info

    def handover(self, actor: Actor, outgoing_id: int, incoming_ids: Iterable[int], note: str = "",
                 open_matters: str = "") -> ShiftInfo:
        """交接班: end the open shift (handed over by `outgoing_id`, with the note and the
        open matters) and start the next with `incoming_ids` on duty, the first of them
        taking over; both in one transaction. Returns the new shift."""
        incoming = _unique(incoming_ids)
        with self._uow.write(actor, Action.RUN_SHIFT) as work:  # a refusal comes before any check of the input
            problems: list[Problem] = []
            clean_note = _clean(problems, note, "note")
            clean_matters = _clean(problems, open_matters, "open_matters")
            work.lock()
            current = _open_shift(work.session)
            if current is None:
                raise _fail("shift", QT_TRANSLATE_NOOP("problems", "No shift is on duty: start one instead."))
            assert current.id is not None
            on_duty = {m.id for m in _members(work.session, [current.id]).get(current.id, ())}
            if outgoing_id not in on_duty:
                problems.append(problem("outgoing", QT_TRANSLATE_NOOP(
                    "problems", "The outgoing operator chosen is not on duty in this shift.")))
            if outgoing_id in incoming:
                problems.append(problem("incoming", QT_TRANSLATE_NOOP(
                    "problems", "The outgoing operator cannot also take over: choose who comes on duty.")))
            problems.extend(_check_operators(work.session, incoming, "incoming"))
            if actor.operator_id not in on_duty and actor.operator_id not in incoming:
                problems.append(problem("incoming", QT_TRANSLATE_NOOP(
                    "problems", "Hand over as someone on duty now or as one taking over: log in as one of them.")))
            if problems:
                raise InvalidInput(problems)
            current.ended_at, current.ended_by, current.handed_to = work.now, outgoing_id, incoming[0]
            current.handover_note, current.open_matters = clean_note, clean_matters
            work.session.add(current)
            following = _new_shift(work.session, work.now, incoming[0], incoming, previous=current.id)
            _changed(work, current)
            _changed(work, following)
            work.audit("shift_handover", _subject(current), {
                "outgoing": outgoing_id, "incoming": incoming, "next_shift": following.id,
                "open_matters": bool(clean_matters)})
        info = self.current()
        assert info is not None
        return info

    def end(self, actor: Actor, note: str = "") -> ShiftSummary:
        """End the open shift without a next one (e.g. the post closes for the night)."""
        with self._uow.write(actor, Action.RUN_SHIFT) as work:
            problems: list[Problem] = []
            clean_note = _clean(problems, note, "note")
            if problems:
                raise InvalidInput(problems)
            work.lock()
            current = _open_shift(work.session)
            if current is None:
                raise _fail("shift", QT_TRANSLATE_NOOP("problems", "No shift is on duty: there is nothing to end."))
            current.ended_at, current.ended_by, current.handover_note = work.now, actor.operator_id, clean_note
            work.session.add(current)
            work.audit("shift_ended", _subject(current))
            _changed(work, current)
            shift_id = current.id
        return self._by_id(shift_id)[0]

    def check_seven_ones(self, actor: Actor, answers: Mapping[str, ItemAnswer],
                         reference_temp: int | None) -> CheckResult:
        """Record a seven-ones check of the open shift (core.seven_ones.validate_check's
        rules; `reference_temp` in tenths of a degree)."""
        with self._uow.write(actor, Action.RUN_SHIFT) as work:
            valid = validate_check(answers, reference_temp, self._settings.get("fever_threshold"))
            work.lock()  # the open shift is read inside the write transaction: a handover cannot end it meanwhile
            current = _open_shift(work.session)
            if current is None:
                raise _fail("shift", QT_TRANSLATE_NOOP(
                    "problems", "No shift is on duty: start a shift, then check the seven ones."))
            check = SevenOnesCheck(shift_id=current.id, checked_at=work.now, operator_id=actor.operator_id,
                                   reference_temp=valid.reference)
            work.session.add(check)
            work.session.flush()
            assert check.id is not None
            for code, answer in valid.items:
                work.session.add(SevenOnesItem(check_id=check.id, item=code, present=answer.present, note=answer.note))
            work.changed(str(check.id), "create", record_type="seven_ones")
            work.audit("seven_ones_checked", _subject(current), {
                "check": check.id, "missing": list(valid.missing), "thermometer": valid.thermometer.value})
            return _result(check, actor.name, valid)

    # -- helpers ------------------------------------------------------------------------

    def _latest_checks(self, session: Session, shift_ids: list[int]) -> dict[int, CheckResult]:
        """Each shift's latest check."""
        if not shift_ids:
            return {}
        checks = session.exec(select(SevenOnesCheck).where(col(SevenOnesCheck.shift_id).in_(shift_ids))
                              .order_by(col(SevenOnesCheck.checked_at), col(SevenOnesCheck.id))).all()
        latest: dict[int, SevenOnesCheck] = {}
        for check in checks:
            if check.shift_id is not None:
                latest[check.shift_id] = check
        if not latest:
            return {}
        check_ids = [c.id for c in latest.values()]
        items: dict[int, dict[str, ItemAnswer]] = defaultdict(dict)
        for row in session.exec(select(SevenOnesItem).where(col(SevenOnesItem.check_id).in_(check_ids))):
            items[row.check_id][row.item] = ItemAnswer(row.present, row.note)
        names = _names(session, [c.operator_id for c in latest.values()])
        threshold = self._settings.get("fever_threshold")
        results = {}
        for shift_id, check in latest.items():
            assert check.id is not None
            answers = items[check.id]
            ordered = tuple((code, answers[code]) for code in CODES if code in answers)
            results[shift_id] = CheckResult(check.id, check.checked_at, names.get(check.operator_id, ""), ordered,
                                            check.reference_temp, thermometer_verdict(check.reference_temp, threshold))
        return results

    def _by_id(self, shift_id: int | None) -> list[ShiftSummary]:
        """A shift's summary by id."""
        with self._uow.read() as session:
            shift = session.get(Shift, shift_id) if shift_id is not None else None
            if shift is None:
                return []
            day = shift.started_at.astimezone(self._clock().tzinfo).date()
        return [s for s in self.shifts_on(day) if s.id == shift_id]


def _result(check: SevenOnesCheck, checked_by: str, valid: ValidCheck) -> CheckResult:
    assert check.id is not None
    return CheckResult(check.id, check.checked_at, checked_by, valid.items, valid.reference, valid.thermometer)


def _open_shift(session: Session) -> Shift | None:
    return session.exec(select(Shift).where(col(Shift.ended_at).is_(None))
                        .order_by(col(Shift.started_at).desc(), col(Shift.id).desc()).limit(1)).first()


def _new_shift(session: Session, now: dt.datetime, started_by: int, ids: list[int],
               previous: int | None = None) -> Shift:
    shift = Shift(started_at=now, started_by=started_by, previous_shift_id=previous)
    session.add(shift)
    session.flush()
    assert shift.id is not None
    for operator_id in ids:
        session.add(ShiftMember(shift_id=shift.id, operator_id=operator_id))
    session.flush()
    return shift


def _members(session: Session, shift_ids: list[int]) -> dict[int, tuple[OnDuty, ...]]:
    """Those on duty in each shift, the one who started it first, then by name."""
    if not shift_ids:
        return {}
    rows = session.exec(
        select(ShiftMember.shift_id, ShiftMember.operator_id, Operator.name, Shift.started_by)
        .join(Operator, col(Operator.id) == col(ShiftMember.operator_id))
        .join(Shift, col(Shift.id) == col(ShiftMember.shift_id))
        .where(col(ShiftMember.shift_id).in_(shift_ids))).all()
    grouped: dict[int, list[tuple[bool, str, int]]] = defaultdict(list)
    for shift_id, operator_id, name, started_by in rows:
        grouped[shift_id].append((operator_id != started_by, name, operator_id))
    return {shift_id: tuple(OnDuty(op_id, name) for _, name, op_id in sorted(people))
            for shift_id, people in grouped.items()}


def _names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {op_id: name for op_id, name in session.exec(
        select(Operator.id, Operator.name).where(col(Operator.id).in_(wanted))) if op_id is not None}


def _check_operators(session: Session, ids: list[int], field: str) -> list[Problem]:
    if not ids:
        return [problem(field, QT_TRANSLATE_NOOP("problems", "Tick who is on duty (at least one operator)."))]
    active = set(session.exec(select(Operator.id).where(col(Operator.id).in_(ids), Operator.active == True)))  # noqa: E712
    if set(ids) - active:
        return [problem(field, QT_TRANSLATE_NOOP(
            "problems", "An operator chosen is no longer on the station's list: open the list again and choose."))]
    return []


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids))


def _clean(problems: list[Problem], value: str, field: str) -> str:
    try:
        return clean_text(value, NOTE_MAX_LEN, field)
    except InvalidInput as err:
        problems.extend(err.problems)
        return ""


def _local(at: dt.datetime, local_now: dt.datetime) -> str:
    return at.astimezone(local_now.tzinfo).strftime("%Y-%m-%d %H:%M")


def _changed(work: Work, shift: Shift) -> None:
    """A shift started, handed over or ended: the next batch carries it as it stands."""
    work.changed(str(shift.id), "upsert", record_type="shift")


def _subject(shift: Shift) -> str:
    return f"shift:{shift.id}"
