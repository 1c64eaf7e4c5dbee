"""The register's health while the app runs, shared by every service and the window.

Two things are watched:
  - damage: once the file is known to be damaged (the integrity check found it, or any
    read met SQLITE_CORRUPT, SQLITE_NOTADB or stored text that is not UTF-8), nothing
    more is written into it: the register service refuses every save with a CORRUPT
    StorageError, and every connection the engine hands out afterwards is query-only,
    so no other service can write either. Writing into a damaged b-tree can spread the
    damage over entries that are still whole.
  - the clock (see clock_watch.py): entries are dated by it.

Damage can be found on a background thread (the integrity check), so the state is
guarded by a lock and listeners may be called from any thread; the UI turns the call
into a queued Qt signal.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING, Callable

from checkpoint_app.db import driver
from checkpoint_app.db.errors import StorageError, StorageProblem, classify

from checkpoint_app.services.clock_watch import Clock, ClockWarning, ClockWatch

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import ExceptionContext

log = logging.getLogger("checkpoint.health")

Listener = Callable[[], None]


class Health:
    def __init__(self, clock: Clock | None = None, clock_watch: ClockWatch | None = None):
        self._lock = threading.Lock()
        self._damage: str | None = None
        self._clock_warning: ClockWarning | None = None
        self._listeners: list[Listener] = []
        self.clock_watch = clock_watch or ClockWatch(clock)

    # -- damage ---------------------------------------------------------------------------

    @property
    def damaged(self) -> bool:
        return self._damage is not None

    @property
    def damage_found_by(self) -> str | None:
        """What found the damage first: "integrity_check", "database_error", ..."""
        return self._damage

    def mark_damaged(self, found_by: str) -> None:
        with self._lock:
            if self._damage is not None:
                return
            self._damage = found_by
        log.error("the register file is damaged (found by %s): saves stopped", found_by)
        self._notify()

    def refuse_writes(self) -> None:
        """Raise a CORRUPT StorageError when the file is known to be damaged."""
        if self._damage is not None:
            raise StorageError(StorageProblem.CORRUPT, "damage found earlier; nothing is written into the file")

    def note_error(self, error: BaseException) -> None:
        """Any database error passes here: damage is remembered."""
        storage = classify(error)
        if storage is not None and storage.kind is StorageProblem.CORRUPT:
            self.mark_damaged("database_error")

    # -- clock ----------------------------------------------------------------------------

    @property
    def clock_warning(self) -> ClockWarning | None:
        return self._clock_warning

    def check_clock_at_start(self, newest: dt.datetime | None) -> None:
        """Compare the clock with the newest entry's time (None: no entries yet)."""
        self._set_clock_warning(self.clock_watch.start(newest))

    def note_entry_time(self, recorded_at: dt.datetime) -> None:
        """After each save: the time the new entry was given."""
        warning = self.clock_watch.observe(recorded_at)
        if warning is not None:
            self._set_clock_warning(warning)

    def dismiss_clock_warning(self) -> None:
        with self._lock:
            changed = self._clock_warning is not None
            self._clock_warning = None
        if changed:
            log.info("clock warning acknowledged")
            self._notify()

    def _set_clock_warning(self, warning: ClockWarning | None) -> None:
        if warning is None:
            return
        with self._lock:
            same = self._clock_warning is not None and self._clock_warning.problem is warning.problem
            self._clock_warning = warning
        if not same:  # one log line per episode, not one per save
            log.warning("clock %s: %+d s", warning.problem.value, int(warning.shift.total_seconds()))
        self._notify()

    # -- listeners ------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener()


def watch_engine(engine: Engine, health: Health) -> None:
    """Every error of `engine` is shown to `health`; once the file is damaged, every
    connection handed out is query-only (nothing can be written into it)."""
    from sqlalchemy import event

    def on_error(context: ExceptionContext) -> None:
        health.note_error(context.original_exception)

    def on_checkout(dbapi_connection: driver.Connection, _record: object, _proxy: object) -> None:
        if health.damaged:
            dbapi_connection.execute("PRAGMA query_only = 1")

    event.listen(engine, "handle_error", on_error)
    event.listen(engine, "checkout", on_checkout)
