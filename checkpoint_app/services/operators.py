"""Operators (guards, volunteers, supervisors): logging in with a PIN, the lockout after
wrong PINs, the first supervisor, and the supervisor's management of operators.

PINs are stored only as Argon2id hashes (argon2-cffi). Five wrong PINs in a row lock
that operator for five minutes; the count and the lock are in the operator's row, so a
restart does not lift them. Every login, failed login, lockout and change is audited.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from checkpoint_app.core.idcard import parse_resident_id
from checkpoint_app.core.pin import LOCK_MINUTES, MAX_FAILED, check_pin, locked_until
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.roles import Action, Actor, Role
from checkpoint_app.core.text import normalise_name

from checkpoint_app.db.models import Operator

from checkpoint_app.services.desk import Desk
from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.operators")


@dataclass(frozen=True)
class OperatorInfo:
    """An operator as the screens see it (never the PIN hash)."""

    id: int
    name: str
    role: Role
    active: bool
    can_log_in: bool  # has a PIN (names from before logins have none)
    locked_until: dt.datetime | None


def _info(op: Operator) -> OperatorInfo:
    assert op.id is not None
    return OperatorInfo(op.id, op.name, Role(op.role), op.active, op.pin_hash is not None, op.locked_until)


class LockedOut(InvalidInput):
    def __init__(self, until: dt.datetime, now: dt.datetime):
        minutes = max(1, -(-int((until - now).total_seconds()) // 60))
        super().__init__([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "Too many wrong PINs: this operator is locked for {minutes} more minutes."), minutes=minutes)])
        self.until = until


class OperatorService:
    def __init__(self, uow: UnitOfWork, desk: Desk, hasher: PasswordHasher | None = None):
        self._uow = uow
        self._desk = desk  # only this service issues and ends logins (the UI never sees the desk)
        self._hasher = hasher or PasswordHasher()  # Argon2id, RFC 9106 low-memory profile
        # called after a change to who can log in or with which PIN: an encrypted
        # register rewrites its key slots (services/encryption.KeySlots.sync)
        self.after_change: Callable[[], object] | None = None

    def _changed(self) -> None:
        if self.after_change is not None:
            self.after_change()

    # -- reading ------------------------------------------------------------------------

    def all(self, include_inactive: bool = False) -> list[OperatorInfo]:
        with self._uow.read() as session:
            query = select(Operator).order_by(col(Operator.name))
            if not include_inactive:
                query = query.where(Operator.active == True)  # noqa: E712
            return [_info(op) for op in session.exec(query)]

    def listing(self, actor: Actor | None) -> list[OperatorInfo]:
        """Every operator, those taken off duty too: the supervisor's operators list
        (NotPermitted, audited, for anyone else)."""
        self._uow.require(actor, Action.MANAGE_OPERATORS)
        return self.all(include_inactive=True)

    def still_logged_in(self, actor: Actor | None) -> bool:
        """False once this login has ended (logout, idle lock, or a supervisor changed
        this operator's PIN or role)."""
        return actor is not None and self._desk.issued(actor)

    def needs_first_supervisor(self) -> bool:
        """True until some supervisor can log in (a first run, or a register upgraded
        from before logins)."""
        with self._uow.read() as session:
            return session.exec(select(Operator.id).where(
                Operator.role == Role.SUPERVISOR.value, Operator.active == True,  # noqa: E712
                col(Operator.pin_hash).is_not(None)).limit(1)).first() is None

    # -- logging in ---------------------------------------------------------------------

    def login(self, name: str, pin: str) -> Actor:
        """An actor for this operator if the PIN is right. Raises InvalidInput (field
        'operator' or 'pin'), LockedOut, or StorageError."""
        now = self._uow.now()
        if self._uow.damaged:
            return self._login_read_only(name, pin)
        with self._uow.write(None, None) as work:
            op = _by_name(work.session, name)
            if op is None or not op.active or op.pin_hash is None:
                work.audit("login", "", {"unknown_operator": True}, outcome="failed")  # never what was typed: it could be anyone's data
                work.commit_now()
                raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
                    "problems", "No operator of that name can log in here. A supervisor adds operators."))])
            if op.locked_until is not None and op.locked_until > now:
                work.audit("login", _subject(op), {"locked": True}, outcome="refused", actor=_anon(op))
                work.commit_now()
                raise LockedOut(op.locked_until, now)
            if not self._verify(op.pin_hash, pin):
                op.failed_pins = 0 if op.locked_until is not None else op.failed_pins  # a past lock starts a new count
                op.failed_pins += 1
                op.locked_until = locked_until(op.failed_pins, now)
                work.session.add(op)
                work.audit("login", _subject(op), {"failed_pins": op.failed_pins}, outcome="failed", actor=_anon(op))
                if op.locked_until is not None:
                    work.audit("lockout", _subject(op), {"minutes": LOCK_MINUTES}, actor=_anon(op))
                    op.failed_pins = 0
                work.commit_now()
                if op.locked_until is not None:
                    raise LockedOut(op.locked_until, now)
                raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
                    "problems", "Wrong PIN. {left} more tries before a 5-minute lock."),
                    left=MAX_FAILED - op.failed_pins)])
            rehashed = self._hasher.check_needs_rehash(op.pin_hash)
            if rehashed:
                op.pin_hash = self._hasher.hash(pin)
            op.failed_pins, op.locked_until = 0, None
            work.session.add(op)
            work.audit("login", _subject(op), actor=_anon(op))
        if rehashed:
            self._changed()
        actor = self._desk.issue(_id(op), op.name, Role(op.role))  # only once the login is committed
        log.info("operator %s logged in", actor.operator_id)
        return actor

    def _login_read_only(self, name: str, pin: str) -> Actor:
        """The register is damaged: nothing may be written, not even a login's audit
        event or a wrong-PIN count, but the desk must still be able to read the list."""
        with self._uow.read() as session:
            op = _by_name(session, name)
        if op is None or not op.active or op.pin_hash is None or not self._verify(op.pin_hash, pin):
            raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP("problems", "Wrong name or PIN."))])
        log.warning("login without audit: the register is damaged")
        return self._desk.issue(_id(op), op.name, Role(op.role))

    def logout(self, actor: Actor, reason: str = "logout") -> None:
        """End this login (a logout, a switch of operator, or the idle lock)."""
        if not self._desk.issued(actor):
            return
        self._desk.end(actor)
        if self._uow.damaged:
            return
        with self._uow.write(None, None) as work:
            work.audit(reason, f"operator:{actor.operator_id}", actor=actor)

    def _verify(self, pin_hash: str, pin: str) -> bool:
        try:
            return self._hasher.verify(pin_hash, pin)
        except (VerificationError, InvalidHashError):
            return False

    # -- creating and changing -------------------------------------------------------------

    def create_first_supervisor(self, name: str, pin: str, id_number: str = "") -> Actor:
        """The first run (or the first start after an upgrade from before logins): the
        station's first supervisor, logged in at once. Refused once one exists."""
        clean, birth = self._checked(name, pin, id_number)
        with self._uow.write(None, None) as work:
            if not self.needs_first_supervisor():
                raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
                    "problems", "This station already has a supervisor: log in."))])
            # a name typed into the old free-text "on duty" field (schema 0003 made it an
            # operator with no PIN) is the same person: it gets the login, its entries stay its
            existing = _by_name(work.session, clean)
            if existing is not None and existing.pin_hash is not None:
                raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
                    "problems", "There is already an operator called {name}."), name=clean)])
            op = self._store(work.session, clean, Role.SUPERVISOR, pin, birth, work.now, existing)
            first = _anon(op)
            work.audit("operator_created", _subject(op), {"role": Role.SUPERVISOR.value, "first": True,
                                                          "had_name": existing is not None}, actor=first)
            work.audit("login", _subject(op), actor=first)
        self._changed()
        return self._desk.issue(_id(op), op.name, Role.SUPERVISOR)  # only once committed

    def create(self, actor: Actor, name: str, role: Role, pin: str, id_number: str = "") -> OperatorInfo:
        """A new operator; a name kept from before logins (no PIN yet) gets its login.
        The role is checked before the input: a guard is refused (and audited) whatever
        was typed."""
        with self._uow.write(actor, Action.MANAGE_OPERATORS) as work:
            clean, birth = self._checked(name, pin, id_number)
            existing = _by_name(work.session, clean)
            if existing is not None and existing.pin_hash is not None:
                raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
                    "problems", "There is already an operator called {name}."), name=clean)])
            op = self._store(work.session, clean, role, pin, birth, work.now, existing)
            work.audit("operator_created", _subject(op), {"role": role.value, "had_name": existing is not None})
            info = _info(op)
        self._changed()
        return info

    def set_pin(self, actor: Actor, operator_id: int, pin: str, id_number: str = "") -> None:
        """A new PIN, set by a supervisor (for a forgotten PIN: also lifts a lock). Every
        login of that operator ends, the supervisor's own too when it is their PIN: the
        next login is with the new PIN."""
        with self._uow.write(actor, Action.MANAGE_OPERATORS) as work:
            op = _get(work.session, operator_id)
            birth = self._birth(id_number, work.now) or op.birth_date
            check_pin(pin, birth, id_number.strip().upper() or None)
            was_locked = op.locked_until is not None and op.locked_until > work.now
            op.pin_hash, op.failed_pins, op.locked_until = self._hasher.hash(pin), 0, None
            op.birth_date, op.updated_at = birth, work.now
            work.session.add(op)
            work.audit("pin_set", _subject(op), {"unlocked": was_locked})
        self._desk.end_all_of(operator_id)
        self._changed()

    def audit_failed_unlocks(self, operator_id: int, count: int) -> None:
        """Wrong PINs typed for this operator at the start of an encrypted register, before
        it could be opened (counted in its key file), now in the audit log."""
        if self._uow.damaged:
            return
        with self._uow.write(None, None) as work:
            op = work.session.get(Operator, operator_id)
            if op is not None:
                work.audit("login", _subject(op), {"failed_pins": count, "at_start": True}, outcome="failed",
                           actor=_anon(op))

    def set_pin_recovered(self, name: str, pin: str) -> OperatorInfo:
        """A new PIN for the operator `name`, set by whoever opened the register with the
        office's escrow key (`checkpoint-cli recover`): holding that key is the permission.
        Lifts a lock; audited. Raises InvalidInput (unknown operator, unacceptable PIN)."""
        with self._uow.write(None, None) as work:
            op = _by_name(work.session, " ".join(name.split()))
            if op is None or not op.active:
                raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
                    "problems", "No operator of that name can log in here. A supervisor adds operators."))])
            check_pin(pin, op.birth_date)
            op.pin_hash, op.failed_pins, op.locked_until = self._hasher.hash(pin), 0, None
            op.updated_at = work.now
            work.session.add(op)
            work.audit("pin_set", _subject(op), {"by_escrow": True}, actor=_anon(op))
            info = _info(op)
        self._desk.end_all_of(info.id)
        self._changed()
        return info

    def unlock(self, actor: Actor, operator_id: int) -> OperatorInfo:
        """Lift the lock after wrong PINs (the operator remembers the PIN; someone else
        tried). Audited."""
        with self._uow.write(actor, Action.MANAGE_OPERATORS) as work:
            op = _get(work.session, operator_id)
            op.failed_pins, op.locked_until, op.updated_at = 0, None, work.now
            work.session.add(op)
            work.audit("operator_unlocked", _subject(op))
            return _info(op)

    def change(self, actor: Actor, operator_id: int, role: Role | None = None, active: bool | None = None) -> OperatorInfo:
        """Change an operator's role or take them off (inactive: they cannot log in; their
        records keep their name). The last supervisor who can log in stays."""
        with self._uow.write(actor, Action.MANAGE_OPERATORS) as work:
            op = _get(work.session, operator_id)
            before = (op.role, op.active)
            if role is not None:
                op.role = role.value
            if active is not None:
                op.active = active
            if before[0] == Role.SUPERVISOR.value and (op.role != before[0] or not op.active) and op.pin_hash:
                others = work.session.exec(select(Operator.id).where(
                    Operator.role == Role.SUPERVISOR.value, Operator.active == True,  # noqa: E712
                    col(Operator.pin_hash).is_not(None), Operator.id != op.id).limit(1)).first()
                if others is None:
                    raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
                        "problems", "This is the station's only supervisor: add another supervisor first."))])
            op.updated_at = work.now
            work.session.add(op)
            work.audit("operator_changed", _subject(op), {"role": op.role, "active": op.active,
                                                          "was": {"role": before[0], "active": before[1]}})
            info = _info(op)
        if (info.role.value, info.active) != before:
            self._desk.end_all_of(operator_id)
            self._changed()
        return info

    def _checked(self, name: str, pin: str, id_number: str) -> tuple[str, dt.date | None]:
        problems = []
        clean = ""
        try:
            clean = normalise_name(name, "operator")
        except InvalidInput as err:
            problems.extend(err.problems)
        birth = None
        try:
            birth = self._birth(id_number, self._uow.now())
            check_pin(pin, birth, id_number.strip().upper() or None)
        except InvalidInput as err:
            problems.extend(err.problems)
        if problems:
            raise InvalidInput(problems)
        return clean, birth

    @staticmethod
    def _birth(id_number: str, now: dt.datetime) -> dt.date | None:
        """The birth date in an optional ID number (only to refuse it as a PIN)."""
        if not id_number.strip():
            return None
        return parse_resident_id(id_number, now.date(), field="operator_id_number").birth_date

    def _store(self, session: Session, name: str, role: Role, pin: str, birth: dt.date | None, now: dt.datetime,
               existing: Operator | None = None) -> Operator:
        op = existing or Operator(name=name, role=role.value, created_at=now, updated_at=now)
        op.role, op.active, op.pin_hash, op.birth_date = role.value, True, self._hasher.hash(pin), birth
        op.failed_pins, op.locked_until, op.updated_at = 0, None, now
        session.add(op)
        session.flush()
        return op


def _by_name(session: Session, name: str) -> Operator | None:
    try:
        clean = normalise_name(name, "operator")
    except InvalidInput:
        return None
    return session.exec(select(Operator).where(Operator.name == clean)).first()


def _get(session: Session, operator_id: int) -> Operator:
    op = session.get(Operator, operator_id)
    if op is None:
        raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP("problems", "This operator no longer exists."))])
    return op


def _id(op: Operator) -> int:
    assert op.id is not None
    return op.id


def _subject(op: Operator) -> str:
    return f"operator:{op.id}"


def _anon(op: Operator) -> Actor:
    """Who a failed login was for (the audit's operator columns); never a login."""
    return Actor(operator_id=_id(op), name=op.name, role=Role(op.role))
