"""The one way services write: a unit of work.

`UnitOfWork.write(actor, action)` first checks that the desk issued this actor and that
its role may do `action` (a refusal is itself audited, in a transaction of its own, and
raised as NotPermitted); then it refuses to write into a file known to be damaged, opens
one session, and hands out a `Work`. The service changes rows through `work.session` and
says what happened with `work.audit(...)` and `work.changed(...)`; on leaving the block
the audit events (chained to the last one: core/audit_chain.py) and change records are
added and everything commits together, or nothing does. Database errors the user can
act on come out as StorageError (and are shown to Health first).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from checkpoint_app.core.audit_chain import GENESIS, event_hash
from checkpoint_app.core.roles import Action, Actor, NotPermitted, Role, may

from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import AuditEvent, ChangeRecord, Operator

from checkpoint_app.services.desk import Desk
from checkpoint_app.services.health import Health

log = logging.getLogger("checkpoint.audit")


@dataclass
class _Event:
    action: str
    subject: str
    detail: dict[str, Any]
    outcome: str
    actor: Actor | None


@dataclass
class Work:
    """What one unit of work has done so far (see the module docstring)."""

    session: Session
    actor: Actor | None
    now: dt.datetime  # aware UTC, one instant for the whole unit
    local_now: dt.datetime  # the same instant with the station clock's offset
    _events: list[_Event] = field(default_factory=list)
    _changes: list[tuple[str, str, str]] = field(default_factory=list)

    def audit(self, action: Action | str, subject: str = "", detail: dict[str, Any] | None = None,
              outcome: str = "ok", actor: Actor | None = None) -> None:
        """Record an audit event with this transaction. Never put an ID number or a phone
        in `detail`."""
        name = action.value if isinstance(action, Action) else action
        self._events.append(_Event(name, subject, detail or {}, outcome, actor or self.actor))

    def changed(self, record_uuid: str, kind: str, record_type: str = "entry") -> None:
        """A register record was created ('create'), voided ('void') or created as the
        correction of another ('correct')."""
        self._changes.append((record_type, record_uuid, kind))

    def commit_now(self) -> None:
        """Commit what was done so far, audit included, e.g. a failed login's count
        and its audit event, before raising the refusal (which would roll back)."""
        self._finish()
        self.session.commit()
        self._events.clear()
        self._changes.clear()

    def _finish(self) -> None:
        if self._events:
            # Take the write lock before reading the chain's last event: the driver begins
            # a transaction only at the first change, and a unit that has only read (a
            # reveal) would otherwise read the last hash outside it.
            self.session.execute(text("UPDATE audit_event SET id = id WHERE 0"))
        if self._changes:
            operator_id = self.actor.operator_id if self.actor else None
            self.session.execute(insert(ChangeRecord), [
                {"at": self.now, "record_type": t, "record_uuid": u, "kind": k, "operator_id": operator_id}
                for t, u, k in self._changes])
        if self._events:
            append_events(self.session, self._events, self.now)


def append_events(session: Session, events: list[_Event], now: dt.datetime) -> None:
    """Add events at the end of the chain (inside the caller's write transaction)."""
    last = session.exec(select(AuditEvent.id, AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    last_id, prev = (int(last[0] or 0), last[1]) if last else (0, GENESIS)
    for offset, event in enumerate(events, start=1):
        row = AuditEvent(
            id=last_id + offset, at=now,
            operator_id=event.actor.operator_id if event.actor else None,
            operator_name=event.actor.name if event.actor else "",
            action=event.action, outcome=event.outcome, subject=event.subject,
            detail=json.dumps(event.detail, ensure_ascii=False, sort_keys=True), prev_hash=prev, hash="",
        )
        row.hash = prev = event_hash(prev, row.model_dump())
        session.add(row)
    session.flush()


class UnitOfWork:
    def __init__(self, session_factory: Callable[[], Session], health: Health, desk: Desk,
                 clock: Callable[[], dt.datetime]):
        self._session_factory = session_factory
        self._health = health
        self._desk = desk
        self._clock = clock

    @property
    def desk(self) -> Desk:
        return self._desk

    @property
    def damaged(self) -> bool:
        return self._health.damaged

    def now(self) -> dt.datetime:
        return self._clock().astimezone(dt.timezone.utc)

    def require(self, actor: Actor | None, action: Action) -> Role:
        """The actor's current role if it may do `action`; else audit the refusal and
        raise NotPermitted. The role is read from the operator record, not trusted from
        the actor: a supervisor demoted since login is a guard now."""
        role = self._current_role(actor)
        if role is not None and may(role, action):
            return role
        log.warning("refused: %s for role %s", action.value, role.value if role else "none")
        if not self._health.damaged:  # nothing is written into a damaged file, not even this
            # an actor the desk did not issue (or logged out) is not credited with anything
            with self._session(actor if role is not None else None) as work:
                work.audit("refused", action.value, {"role": role.value if role else None}, outcome="refused")
        raise NotPermitted(action, role)

    def _current_role(self, actor: Actor | None) -> Role | None:
        if actor is None or not self._desk.issued(actor):
            return None
        with storage_errors(self._health.note_error), self._session_factory() as session:
            operator = session.get(Operator, actor.operator_id)
        if operator is None or not operator.active or operator.pin_hash is None:
            return None
        return Role(operator.role)

    @contextmanager
    def write(self, actor: Actor | None, action: Action | None) -> Iterator[Work]:
        """One transaction by `actor` doing `action` (None: no permission needed, e.g. a
        login, which is how an actor comes to be)."""
        if action is not None:
            self.require(actor, action)
        with self._session(actor) as work:
            yield work

    @contextmanager
    def _session(self, actor: Actor | None) -> Iterator[Work]:
        self._health.refuse_writes()
        with storage_errors(self._health.note_error), self._session_factory() as session:
            local = self._clock()
            work = Work(session, actor, local.astimezone(dt.timezone.utc), local)
            yield work
            work._finish()
            session.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with storage_errors(self._health.note_error), self._session_factory() as session:
            yield session
