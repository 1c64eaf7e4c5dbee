"""The retention purge (issue 10 item 1): the personal fields of passages older than the
station's retention period (`retention_days`, 7–90, default 28) are erased once the
district office has acknowledged the batches that carried them. A passage the office has
not acknowledged is never erased: `status` says how many wait, for the main screen's
warning. The counts the daily reports need (categories, flags, decisions, origins by
province) stay. The compound's own lists never go to the office, so they wait for
no acknowledgement: a watchlist entry (home quarantine, medical observation) that ended,
and a resident who moved out, more than the retention period ago lose their people's data
too (the rows, their dates and the five dailies' ticks stay for the reports).

The purge runs at start and nightly at 03:00 (ui/retention.py: `purge_due`, no operator) and when a
supervisor asks (`purge`); each run is one transaction, audited. Days are erased in order:
`retention_purged_before` (a setting row) is the first day not yet erased, so a run erases
only the days since the last. With SQLite's secure_delete the erased values are
overwritten in their cells and the ID/phone index is compacted so its old tokens go too;
after the commit the whole file is rewritten (VACUUM: copies the b-trees' rebalancing left
in pages' unused space go with it) and the write-ahead log truncated. The rewrite holds
this process's writes back meanwhile (a save waits a few seconds; reads go on); when it
fails (a full disk) it is owed, and the next run, scheduled or not, does it first."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass
from typing import Callable, cast

from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_app.core.retention import purge_before
from checkpoint_app.core.roles import Action, Actor

from checkpoint_app.db import driver, purge_queries
from checkpoint_app.db.errors import StorageError, storage_errors
from checkpoint_app.db.models import Setting

from checkpoint_app.services.settings import Settings
from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.retention")

WATERMARK = "retention_purged_before"


@dataclass(frozen=True)
class RetentionStatus:
    retention_days: int
    purged_before: dt.date | None  # the days before it are erased already
    due_before: dt.date  # the days before it are old enough (today − retention)
    waiting: int  # passages old enough that wait for the office's acknowledgement
    first_waiting: dt.date | None


@dataclass(frozen=True)
class PurgeResult:
    purged_before: dt.date | None  # after this run
    passages: int  # erased by this run
    persons: int
    waiting: int  # old enough, kept: not acknowledged yet
    first_waiting: dt.date | None
    watches: int = 0  # watchlist entries erased by this run (ended before today − retention)
    residents: int = 0  # residents erased by this run (moved out before today − retention)
    compacted: bool | None = None  # the file rewritten (None: nothing owed; False: it failed, owed still)

    @property
    def erased(self) -> bool:
        return bool(self.passages or self.watches or self.residents)


class RetentionService:
    def __init__(self, uow: UnitOfWork, settings: Settings, clock: Callable[[], dt.datetime], engine: Engine):
        self._uow, self._settings, self._clock, self._engine = uow, settings, clock, engine
        # called after a run that erased something, with the new `purged_before` (passages)
        # and the day before which the lists were erased: the backups follow the same rule
        # (services/backups.py)
        self.after_purge: Callable[[dt.date, dt.date], object] | None = None

    def status(self, actor: Actor | None, to_purge: bool = False) -> RetentionStatus:
        """Where the purge stands (anyone at the desk: the main screen warns the guard too;
        `to_purge`: asked before a purge, a supervisor's, NotPermitted otherwise)."""
        self._uow.require(actor, Action.PURGE if to_purge else Action.VIEW_MASKED)
        days = self._settings.get("retention_days")
        due = self._clock().date() - dt.timedelta(days=days)
        with self._uow.read() as session:
            conn = session.connection()
            delivered = purge_queries.delivered_change(conn)
            count, first = purge_queries.waiting(conn, due, delivered)
            return RetentionStatus(days, _watermark(session), due, count, first)

    def purge(self, actor: Actor | None) -> PurgeResult:
        """Erase what is due now, for a supervisor (NotPermitted otherwise)."""
        self._uow.require(actor, Action.PURGE)
        return self._run(actor, "now")

    def purge_due(self) -> PurgeResult:
        """The scheduled run (at start, then daily): no operator, audited as the station's."""
        return self._run(None, "scheduled")

    def _run(self, actor: Actor | None, how: str) -> PurgeResult:
        days = self._settings.get("retention_days")
        if how == "scheduled":  # nothing due: nothing written, nothing audited (the usual case after the first)
            with self._uow.read() as session:
                conn = session.connection()
                today = self._clock().date()
                delivered = purge_queries.delivered_change(conn)
                since = _watermark(session)
                before = purge_before(today, days, purge_queries.first_undelivered_day(conn, delivered))
                cutoff = today - dt.timedelta(days=days)
                due = (not (since is not None and before <= since) and purge_queries.any_before(conn, since, before)
                       or purge_queries.lists_due(conn, cutoff))
                if not due:
                    count, first = purge_queries.waiting(conn, cutoff, delivered)
                    owed = purge_queries.compaction_owed(conn)
            if not due:
                return PurgeResult(since, 0, 0, count, first, compacted=self._compact() if owed else None)
        with self._uow.write(actor, None) as work:
            work.lock()
            conn = work.session.connection()
            today = work.local_now.date()
            delivered = purge_queries.delivered_change(conn)
            since = _watermark(work.session)
            before = purge_before(today, days, purge_queries.first_undelivered_day(conn, delivered))
            if since is not None and before < since:
                before = since  # never back: a day erased stays erased (a later change to it waits)
            cutoff = today - dt.timedelta(days=days)
            passages = persons = 0
            purge_queries.secure(conn)
            try:
                if since is None or before > since:
                    passages, persons = purge_queries.erase(conn, since, before)
                    if passages:
                        purge_queries.compact_search_index(conn)
                    work.session.merge(Setting(key=WATERMARK, value=json.dumps(before.isoformat())))
                watches, residents = purge_queries.erase_lists(conn, cutoff)
            finally:
                purge_queries.secure(conn, False)
            if passages or watches or residents:
                purge_queries.owe_compaction(conn)
            owed = purge_queries.compaction_owed(conn)
            count, first = purge_queries.waiting(conn, cutoff, delivered)
            work.audit(Action.PURGE, "register", {
                "how": how, "retention_days": days, "before": before.isoformat(), "passages": passages,
                "persons": persons, "waiting": count, "watches": watches, "residents": residents})
        result = PurgeResult(before, passages, persons, count, first, watches, residents,
                             compacted=self._compact() if owed else None)
        if result.erased and self.after_purge is not None:
            self.after_purge(before, cutoff)
        log.info("retention purge (%s): %d passages, %d persons erased before %s; %d wait for the office; "
                 "%d watchlist entries and %d residents erased; file rewritten: %s", how, passages, persons,
                 before, count, watches, residents, result.compacted)
        return result

    def _compact(self) -> bool:
        """Rewrite the whole file (purge_queries.vacuum), this process's writes held back
        meanwhile; then the debt is cleared. False when it failed (logged; owed still)."""
        started = time.perf_counter()
        try:
            with self._uow.maintenance(), storage_errors(lambda _e: None), self._engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                purge_queries.vacuum(cast(driver.Connection, raw))
                purge_queries.compaction_done(cast(driver.Connection, raw))
        except StorageError as error:
            log.warning("retention purge: the register file could not be rewritten (%s); owed to the next run",
                        error.kind.value)
            return False
        log.info("retention purge: the register file rewritten in %.1f s", time.perf_counter() - started)
        return True


def _watermark(session: Session) -> dt.date | None:
    row = session.exec(select(Setting).where(Setting.key == WATERMARK)).first()
    return dt.date.fromisoformat(json.loads(row.value)) if row is not None else None
