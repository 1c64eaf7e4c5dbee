"""Backups at the desk (services/backups.py): one at each shift change (hand over, end of
shift) and one a day, on a thread of their own (`BackupWatch`), into the backup folder;
and Station → Back up now… (a supervisor's: choose the folder or drive, on the job
runner). A scheduled backup that fails (the drive not there, full) says so on the main
screen until the next one succeeds."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from checkpoint_app.ui import ask
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.backups import BackupInfo

    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")

DAILY_MS = 24 * 60 * 60 * 1000


class BackupWatch(QObject):
    done = Signal(object)  # BackupInfo, or the reason it failed (text)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("backup_watch")
        self._window = window
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.daily = QTimer(self, interval=DAILY_MS)
        self.daily.timeout.connect(lambda: self.run("daily"))
        self.done.connect(self.show)
        self.last: Any = None

    def start(self) -> None:
        self.daily.start()

    def stop(self) -> None:
        self._stopped = True
        self.daily.stop()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def run(self, reason: str) -> bool:
        """Start a backup ("shift", "daily") unless one is running; True when started."""
        ctx = self._window.ctx
        if ctx is None or self._stopped or (self._thread is not None and self._thread.is_alive()):
            return False
        self._thread = threading.Thread(target=self._work, args=(ctx, reason), name="backup", daemon=True)
        self._thread.start()
        return True

    def _work(self, ctx: Any, reason: str) -> None:
        from checkpoint_app.core.problems import InvalidInput

        from checkpoint_app.ui.i18n import problem_text

        outcome: Any
        try:
            outcome = ctx.backups.backup(None, reason=reason)
        except InvalidInput as error:
            outcome = problem_text(error.problems[0])
        except Exception as error:  # noqa: BLE001 - a storage error or a bug: said on the screen, logged
            log.warning("scheduled backup failed: %s", type(error).__name__)
            outcome = type(error).__name__
        if not self._stopped:
            try:
                self.done.emit(outcome)
            except RuntimeError:  # the window was deleted meanwhile
                pass

    def show(self, outcome: Any) -> None:
        """The outcome of a backup (BackupInfo, or why it failed) on the main screen."""
        self.last = outcome
        if self._window.alert_banner is None:
            return
        failed = isinstance(outcome, str)
        self._window.alert_banner.show_notice("backup", translate(
            "Backups", "The last backup failed: {reason} Check the backup drive, then Station → Back up now….").format(
            reason=outcome) if failed else "")


def back_up_now(window: MainWindow) -> None:
    """Station → Back up now…: choose the folder or drive (the last one offered), then back up."""
    from checkpoint_app.core.roles import NotPermitted

    from checkpoint_app.services.errors import StorageError

    from checkpoint_app.ui.batch_common import refusal_text

    ctx = window.ctx
    if ctx is None:
        return
    title = translate("Backups", "Back up now")
    try:
        ctx.backups.list(window.actor)  # a supervisor's (the service says), before anything is asked
    except (NotPermitted, StorageError) as error:
        ask.error(window, title, refusal_text(error) or type(error).__name__)
        return
    folder = ask.choose_folder(window, translate("Backups", "Back up to which folder or drive? (now: {folder})").format(
        folder=ctx.backups.folder()))
    if not folder:
        return

    def done(info: BackupInfo) -> None:
        if window.backup_watch is not None:
            window.backup_watch.show(info)
        ask.info(window, title, translate("Backups", "The register is backed up and checked: {file} ({size} MB). The last "
                                                     "{keep} backups are kept there.").format(
            file=info.path, size=round(info.size / 2**20, 1), keep=ctx.settings.get("backup_keep")))

    def failed(error: BaseException) -> None:
        ask.error(window, title, refusal_text(error, during="save") or type(error).__name__)

    actor = window.actor
    window.jobs.run(title, lambda _progress: ctx.backups.backup(actor, folder), done, on_error=failed, during="save")
