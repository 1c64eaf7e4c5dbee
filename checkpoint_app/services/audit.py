"""Reading the audit log: the supervisor's view (filtered, newest first, a page at a time)
and the check of its hash chain (core/audit_chain.py).

Only a supervisor reads the log (Action.VIEW_AUDIT, checked through the unit of work: a
guard's attempt is refused and that refusal is audited). Reading it is not itself
audited: the view reads a page on every filter change and scroll, and an event per page
would flood the log it shows. What is in it is no secret in the way an ID number is:
the writers never put ID numbers or phones into an event.

The UI gets plain `AuditRow`s, never ORM objects. Days are the station's calendar days
(the clock's UTC offset), as in the register; times are stored in UTC.

The chain check (`check`, `verify`) reads every event in id order as one streamed
query (a constant amount of memory for any length of log) and the head kept outside
the register (services/audit_head.py) before it: the head is written only after its
commit, so reading it first means the register read afterwards already holds it.
It needs no role: it says only whether the log is whole, and doctor says the same to
whoever can open the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from sqlalchemy import func
from sqlmodel import col, select

from checkpoint_app.core.audit_chain import CHAINED_FIELDS, ChainBreak, ChainVerifier
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP
from checkpoint_app.core.progress import NO_PROGRESS, Progress
from checkpoint_app.core.roles import Action, Actor

from checkpoint_app.db.models import AuditEvent, Operator

from checkpoint_app.services import audit_head
from checkpoint_app.services.unit_of_work import UnitOfWork

OUTCOMES = ("ok", "refused", "failed")
NOBODY = 0  # AuditFilter.operator_id for events with no operator (a login by an unknown name)
PAGE = 200
STEP_EVERY = 2000  # events between progress steps (and cancel checks)

CHAIN_SQL = f"SELECT {', '.join(CHAINED_FIELDS)}, prev_hash, hash FROM audit_event ORDER BY id"


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show: every given condition holds. Days are local, inclusive.
    `before_id` pages on: the events older than that one."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    operator_id: int | None = None  # NOBODY: events without an operator
    action: str | None = None
    outcome: str | None = None
    before_id: int | None = None
    limit: int = PAGE


@dataclass(frozen=True)
class AuditRow:
    """One event as the view shows it."""

    id: int
    at: dt.datetime  # aware, UTC
    local_at: dt.datetime  # the same instant at the station clock's offset
    operator_id: int | None
    operator_name: str
    action: str
    outcome: str
    subject: str
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditChoices:
    """What the view's filters offer: the operators (id, name), the actions in the log
    and the local days of its first and last events (None: the log is empty)."""

    operators: list[tuple[int, str]]
    actions: list[str]
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass(frozen=True)
class ChainCheck:
    """The chain check's result: how many events were read, the first break (None:
    whole) and whether a head was kept outside ('kept', 'missing', 'unreadable')."""

    count: int
    found: ChainBreak | None
    head: str

    @property
    def intact(self) -> bool:
        return self.found is None


class AuditService:
    def __init__(self, uow: UnitOfWork, clock: Callable[[], dt.datetime]):
        self._uow = uow
        self._clock = clock

    def events(self, actor: Actor | None, audit_filter: AuditFilter = AuditFilter()) -> list[AuditRow]:
        """A page of events, newest first. Raises NotPermitted (audited) or StorageError."""
        self._uow.require(actor, Action.VIEW_AUDIT)
        query = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(max(1, audit_filter.limit))
        for condition in self._conditions(audit_filter):
            query = query.where(condition)
        zone = self._zone()
        with self._uow.read() as session:
            return [_row(event, zone) for event in session.exec(query)]

    def choices(self, actor: Actor | None) -> AuditChoices:
        """The operators (every one, by name), the actions that occur in the log and its
        first and last days. Raises NotPermitted (audited) or StorageError."""
        self._uow.require(actor, Action.VIEW_AUDIT)
        with self._uow.read() as session:
            operators = [(i, n) for i, n in session.exec(
                select(Operator.id, Operator.name).order_by(col(Operator.name), col(Operator.id))) if i is not None]
            actions = list(session.exec(select(AuditEvent.action).distinct().order_by(col(AuditEvent.action))))
            first, last = session.exec(select(func.min(AuditEvent.at), func.max(AuditEvent.at))).one()
        return AuditChoices(operators, actions, self._day(first), self._day(last))

    def _day(self, at: dt.datetime | None) -> dt.date | None:
        if at is None:
            return None
        return (at if at.tzinfo is not None else at.replace(tzinfo=dt.timezone.utc)).astimezone(self._zone()).date()

    def _zone(self) -> dt.tzinfo:
        return self._clock().tzinfo or dt.timezone.utc

    def _conditions(self, f: AuditFilter) -> list[Any]:
        zone = self._zone()
        found: list[Any] = []
        if f.first_day is not None:
            found.append(col(AuditEvent.at) >= dt.datetime.combine(f.first_day, dt.time(), zone))
        if f.last_day is not None:
            found.append(col(AuditEvent.at) < dt.datetime.combine(f.last_day + dt.timedelta(days=1), dt.time(), zone))
        if f.operator_id == NOBODY:
            found.append(col(AuditEvent.operator_id).is_(None))
        elif f.operator_id is not None:
            found.append(col(AuditEvent.operator_id) == f.operator_id)
        if f.action:
            found.append(col(AuditEvent.action) == f.action)
        if f.outcome:
            found.append(col(AuditEvent.outcome) == f.outcome)
        if f.before_id is not None:
            found.append(col(AuditEvent.id) < f.before_id)
        return found

    def verify(self, progress: Progress = NO_PROGRESS) -> ChainBreak | None:
        """The first break in the chain, None when it is whole (see the module docstring)."""
        return self.check(progress).found

    def check(self, progress: Progress = NO_PROGRESS) -> ChainCheck:
        """Read every event in id order and check the chain, reporting progress (and
        stopping with Cancelled, where the caller allows it, between batches)."""
        head, head_state = None, "missing"
        if self._uow.head_file is not None:
            try:
                head = audit_head.read_head(self._uow.head_file)
                head_state = "missing" if head is None else "kept"
            except audit_head.HeadUnreadable:
                head_state = "unreadable"
        verifier = ChainVerifier(head)
        label = QT_TRANSLATE_NOOP("progress", "Checking the audit log")
        with self._uow.read() as session:
            total = session.exec(select(func.count()).select_from(AuditEvent)).one()
            progress.step(0, total, label)
            result = session.connection().exec_driver_sql(CHAIN_SQL).mappings()
            for event in result:
                if verifier.feed(event) is not None:  # type: ignore[arg-type]  # RowMapping is a Mapping
                    break
                if verifier.count % STEP_EVERY == 0:
                    progress.step(verifier.count, max(total, verifier.count))
                    progress.check()
            result.close()
        return ChainCheck(verifier.count, verifier.finish(), head_state)


def _row(event: AuditEvent, zone: dt.tzinfo) -> AuditRow:
    at = event.at if event.at.tzinfo is not None else event.at.replace(tzinfo=dt.timezone.utc)
    return AuditRow(id=int(event.id or 0), at=at, local_at=at.astimezone(zone), operator_id=event.operator_id,
                    operator_name=event.operator_name, action=event.action, outcome=event.outcome,
                    subject=event.subject, detail=_detail(event.detail))


def _detail(text: str) -> Mapping[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text[:200]}
    return value if isinstance(value, dict) else {"?": value}
