"""The one way services write: a unit of work.

`UnitOfWork.write(actor, action)` first checks that the desk issued this actor and that
its role may do `action` (a refusal is itself audited, in a transaction of its own, and
raised as NotPermitted); then it refuses to write into a file known to be damaged, opens
one session, and hands out a `Work`. The service changes rows through `work.session` and
says what happened with `work.audit(...)` and `work.changed(...)`; on leaving the block
the audit events (chained to the last one: core/audit_chain.py) and change records are
added and everything commits together, or nothing does. Database errors the user can
act on come out as StorageError (and are shown to Health first).

The chain cannot fork: before reading the last event's hash, `Work._finish` takes
SQLite's write lock (a unit that has already written holds it; one that has only read
takes it with a no-op UPDATE), so a second writer, in this process or another, waits
for the commit and then chains to the event just written. After a commit that added
events, the chain's new head is written to `audit-head.json` (services/audit_head.py)
when the head kept there still matches the register; failing to write it is logged,
never fatal (the commit stands, and the next write catches up).

`maintenance()` holds this process's new writes back while something rewrites the whole
file (the retention purge's VACUUM): a save then waits for it, as the register view's
reads go on, instead of meeting SQLite's 2-second busy timeout. The gate is passed, not
held, by a write, so writes never wait on each other through it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import insert, text
from sqlmodel import Session, col, select

from checkpoint_app.core.audit_chain import GENESIS, ChainHead, canonical_detail, event_hash
from checkpoint_app.core.roles import Action, Actor, NotPermitted, Role, may

from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import AuditEvent, ChangeRecord

from checkpoint_app.services import audit_head
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
    _head_file: Path | None = None  # audit-head.json, when the chain's head is kept
    _new_head: ChainHead | None = None  # to write there once committed

    def audit(self, action: Action | str, subject: str = "", detail: dict[str, Any] | None = None,
              outcome: str = "ok", actor: Actor | None = None) -> None:
        """Record an audit event with this transaction. Never put an ID number or a phone
        in `detail`."""
        name = action.value if isinstance(action, Action) else action
        self._events.append(_Event(name, subject, detail or {}, outcome, actor or self.actor))

    def changed(self, record_uuid: str, kind: str, record_type: str = "passage") -> None:
        """A register record was created ('create'), voided ('void') or created as the
        correction of another ('correct')."""
        self._changes.append((record_type, record_uuid, kind))

    def commit_now(self) -> None:
        """Commit what was done so far, audit included, e.g. a failed login's count
        and its audit event, before raising the refusal (which would roll back)."""
        self._finish()
        self.session.commit()
        self._keep_head()
        self._events.clear()
        self._changes.clear()

    def lock(self) -> None:
        """Begin the write transaction now. The driver begins one only at the first
        change, so what a unit reads before its first write (is this entry void yet?
        which shift is open? the chain's last event) would be read outside it, and two
        desks could both act on the same state. Call it before such reads."""
        self.session.execute(text("UPDATE audit_event SET id = id WHERE 0"))

    def _finish(self) -> None:
        if self._events:
            self.lock()  # before reading the chain's last event (a reveal has written nothing yet)
        if self._changes:
            operator_id = self.actor.operator_id if self.actor else None
            self.session.execute(insert(ChangeRecord), [
                {"at": self.now, "record_type": t, "record_uuid": u, "kind": k, "operator_id": operator_id}
                for t, u, k in self._changes])
        if self._events:
            self._new_head = append_events(self.session, self._events, self.now, self._head_file)

    def _keep_head(self) -> None:
        """After the commit: the chain's new head to audit-head.json (see the docstring)."""
        head, self._new_head = self._new_head, None
        if head is None or self._head_file is None:
            return
        try:
            audit_head.write_head(self._head_file, head)
        except OSError as error:
            log.warning("audit chain head not written (%s): the next write catches up", type(error).__name__)


def append_events(session: Session, events: list[_Event], now: dt.datetime,
                  head_file: Path | None = None) -> ChainHead | None:
    """Add events at the end of the chain (inside the caller's write transaction, which
    holds the write lock). Returns the new head to keep in `head_file` once committed,
    None when there is none or the head kept there no longer matches the register."""
    last = session.exec(select(AuditEvent.id, AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    last_id, prev = (int(last[0] or 0), last[1]) if last else (0, GENESIS)
    keep = head_file is not None and _head_matches(session, head_file, ChainHead(last_id, prev))
    for offset, event in enumerate(events, start=1):
        row = AuditEvent(
            id=last_id + offset, at=now,
            operator_id=event.actor.operator_id if event.actor else None,
            operator_name=event.actor.name if event.actor else "",
            action=event.action, outcome=event.outcome, subject=event.subject,
            detail=canonical_detail(event.detail), prev_hash=prev, hash="",
        )
        row.hash = prev = event_hash(prev, row.model_dump())
        session.add(row)
    session.flush()
    return ChainHead(last_id + len(events), prev) if keep else None


def _head_matches(session: Session, head_file: Path, last: ChainHead) -> bool:
    """Whether the head kept in `head_file` may be moved on: there is none yet, or the
    register still holds that event with that hash (the file may lag behind)."""
    try:
        kept = audit_head.read_head(head_file)
    except audit_head.HeadUnreadable:
        log.warning("audit chain head file unreadable: left as it is (doctor reports it)")
        return False
    if kept is None:
        return True
    if kept.event_id == last.event_id:
        matches = kept.hash == last.hash
    elif kept.event_id < last.event_id:
        matches = session.exec(select(AuditEvent.hash).where(AuditEvent.id == kept.event_id)).first() == kept.hash
    else:
        matches = False
    if not matches:
        log.warning("audit chain no longer reaches the head kept outside the register (event %d): "
                    "the head is left as it is (doctor reports it)", kept.event_id)
    return matches


class UnitOfWork:
    def __init__(self, session_factory: Callable[[], Session], health: Health, desk: Desk,
                 clock: Callable[[], dt.datetime], head_file: Path | None = None):
        """`head_file`: where the audit chain's head is kept outside the register
        (services/audit_head.py); None keeps none."""
        self._session_factory = session_factory
        self._health = health
        self._desk = desk
        self._clock = clock
        self._head_file = head_file
        self._quiet = threading.Lock()  # held by `maintenance`; passed by every write

    @contextmanager
    def maintenance(self) -> Iterator[None]:
        """While inside, this process's writes wait at the gate (reads go on)."""
        with self._quiet:
            yield

    @property
    def head_file(self) -> Path | None:
        return self._head_file

    @property
    def damaged(self) -> bool:
        return self._health.damaged

    def now(self) -> dt.datetime:
        return self._clock().astimezone(dt.timezone.utc)

    def require(self, actor: Actor | None, action: Action) -> Role:
        """The actor's current role if it may do `action`; else audit the refusal and
        raise NotPermitted. The role is the desk's record of the login, not the actor's
        own field: every change of an operator's role, PIN or duty ends their logins
        (OperatorService), so a supervisor demoted since login holds no login at all."""
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
        # no read of the operator row: this is on every save's path (a session and a
        # query cost a millisecond or more there), and the desk already knows
        return self._desk.role_of(actor) if actor is not None else None

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
        with self._quiet:  # waits while `maintenance` rewrites the file; not held during the write
            pass
        with storage_errors(self._health.note_error), self._session_factory() as session:
            local = self._clock()
            work = Work(session, actor, local.astimezone(dt.timezone.utc), local, _head_file=self._head_file)
            yield work
            work._finish()
            session.commit()
            work._keep_head()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with storage_errors(self._health.note_error), self._session_factory() as session:
            yield session
