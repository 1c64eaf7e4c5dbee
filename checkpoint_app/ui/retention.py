"""The retention purge at the desk (services/retention.py): it runs after start and then
daily on a thread of its own (`RetentionWatch`, no operator needed), and when a
supervisor asks (Station → Erase old people's data now…, on the job runner). After each run the main
screen's banner says how many older entries still wait for the district office's
acknowledgement, since when: the next batch should go to the office."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from checkpoint_app.core.retention import ms_until_quiet_hour

from checkpoint_app.ui import ask
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.retention import PurgeResult

    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")


def waiting_text(count: int, since: dt.date | None) -> str:
    """The banner's warning while older entries wait for the office ('' when none)."""
    if not count:
        return ""
    return translate("Retention", "{count} entries older than the retention period (since {day}) still hold people's "
                                  "data: the district office has not acknowledged them yet. Take the next batch to the "
                                  "office and bring its acknowledgement back.").format(
        count=count, day=since.isoformat() if since else "?")


def not_rewritten_text() -> str:
    return translate("Retention", "The register file could not be rewritten yet (is the disk full?): old copies of "
                                  "the erased values stay in its unused space until a run succeeds. It is tried again "
                                  "at the next start and every day.")


def result_text(result: PurgeResult) -> str:
    waiting = waiting_text(result.waiting, result.first_waiting)
    if not result.erased and result.compacted is not False:  # nothing erased: say so and why, not a date
        return waiting or translate("Retention", "Nothing was erased: no entry the district office has acknowledged "
                                                 "is older than the retention period.")
    parts = []
    if result.passages:
        parts.append(translate("Retention", "People's data of {passages} entries ({persons} persons) was erased. "
                                            "Entries before {day} no longer hold any.").format(
            passages=result.passages, persons=result.persons,
            day=result.purged_before.isoformat() if result.purged_before else "-"))
    if result.watches or result.residents:
        parts.append(translate("Retention", "Also erased: {watches} watchlist entries that ended and {residents} "
                                            "residents who moved out more than the retention period ago.").format(
            watches=result.watches, residents=result.residents))
    if result.compacted is False:
        parts.append(not_rewritten_text())
    if waiting:
        parts.append(waiting)
    return "\n\n".join(parts)


class RetentionWatch(QObject):
    """The scheduled purge: after start, then every night at QUIET_HOUR (core/retention.py:
    a purge that erased something rewrites the file, and saves wait for that), on a thread of its own (as the daily
    integrity check: the guard's job runner stays free; a save meanwhile waits for the
    purge's transaction as for any other writer). The outcome comes back as `done`, in
    the window's thread."""

    done = Signal(object)  # PurgeResult, or None when the run failed (logged; tried again tomorrow)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("retention_watch")
        self._window = window
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.daily = QTimer(self, singleShot=True)  # re-armed for the next night at each run
        self.daily.timeout.connect(self._nightly)
        self.done.connect(self._show_done)
        self.last: PurgeResult | None = None

    def start(self) -> None:
        self.run_due()
        self._arm()

    def _arm(self) -> None:
        ctx = self._window.ctx
        now = ctx.clock() if ctx is not None else dt.datetime.now().astimezone()
        self.daily.start(ms_until_quiet_hour(now))

    def _nightly(self) -> None:
        self.run_due()
        if not self._stopped:
            self._arm()

    def after_check(self, _result: object = None) -> None:
        """Start once the register's first integrity check has run (HealthWatch.checked),
        and only on a register found whole: nothing is written into a damaged file, and
        the check, not the purge, is what tells the guard."""
        if self.daily.isActive() or self._stopped:
            return
        ctx = self._window.ctx
        if ctx is not None and not ctx.health.damaged:
            self.start()

    def stop(self) -> None:
        self._stopped = True
        self.daily.stop()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def run_due(self) -> bool:
        """Start the scheduled run unless one is running; True when one was started."""
        ctx = self._window.ctx
        if ctx is None or self._stopped or (self._thread is not None and self._thread.is_alive()):
            return False
        self._thread = threading.Thread(target=self._run, args=(ctx,), name="retention_purge", daemon=True)
        self._thread.start()
        return True

    def _run(self, ctx) -> None:
        result = None
        try:
            result = ctx.retention.purge_due()
        except Exception as error:  # noqa: BLE001 - a storage error or a bug: logged, tried again tomorrow
            log.warning("scheduled retention purge failed: %s", type(error).__name__)
        if not self._stopped:
            try:
                self.done.emit(result)
            except RuntimeError:  # the window was deleted meanwhile: nobody left to tell
                log.info("scheduled retention purge ended after its window was gone")

    def _show_done(self, result: PurgeResult | None) -> None:
        if result is not None:
            self.show(result)

    def show(self, result: PurgeResult) -> None:
        self.last = result
        if self._window.alert_banner is not None:
            notice = waiting_text(result.waiting, result.first_waiting)
            if result.compacted is False:  # the scheduled run's rewrite failed: the supervisor should know
                notice = f"{notice} {not_rewritten_text()}".strip()
            self._window.alert_banner.show_notice("retention", notice)


def purge_now(window: MainWindow) -> None:
    """Station → Erase old people's data now… (a supervisor's; the service refuses others)."""
    from checkpoint_app.core.roles import NotPermitted

    from checkpoint_app.services.errors import StorageError

    from checkpoint_app.ui.batch_common import refusal_text

    ctx = window.ctx
    if ctx is None:
        return
    title = translate("Retention", "Erase old people's data")
    try:
        days = ctx.retention.status(window.actor, to_purge=True).retention_days  # a supervisor's (the service says)
    except (NotPermitted, StorageError) as error:
        ask.error(window, title, refusal_text(error) or type(error).__name__)
        return
    if not ask.confirm(window, title, translate(
            "Retention", "Erase the names, ID numbers, phones, addresses and notes of entries older than {days} days "
                         "that the district office has acknowledged, of watchlist entries that ended and of residents "
                         "who moved out more than {days} days ago? The counts stay; the data cannot be brought "
                         "back.").format(days=days)):
        return

    def done(result: PurgeResult) -> None:
        if window.retention_watch is not None:
            window.retention_watch.show(result)
        ask.info(window, title, result_text(result))

    def failed(error: BaseException) -> None:
        ask.error(window, title, refusal_text(error, during="save") or type(error).__name__)

    actor = window.actor
    window.jobs.run(title, lambda _progress: ctx.retention.purge(actor), done, on_error=failed, during="save")
